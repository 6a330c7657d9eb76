package main

import (
	"context"
	"errors"
	"io"
	"os"
	"strings"

	"github.com/asyncgantt/asyncgantt/internal/infile"
	"github.com/asyncgantt/asyncgantt/scenarios"
)

const runUsage = `Usage: asyncgantt run NAME|FILE... [flags]

Runs each built-in scenario NAME or scenario FILE: prints what the
equivalent Python program would print, and writes its figures into --out.

A FILE.py is a Python program: it runs with python3 (or --python), on a
virtual clock unless --clock real, printing what it prints, and is drawn
with what its asyncio tasks did. Several files given with a program are
the runs of one figure, named after the first. Running a program
executes its code, as python3 would.
`

func runCmd(args []string, stdout, stderr io.Writer) error {
	var o outputOptions
	fs := newFlags("run", runUsage, stdout)
	o.register(fs)
	o.py.register(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if err := o.check(); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usagef("run: name a built-in scenario or a scenario file (asyncgantt list shows the built-ins)")
	}
	ctx := commandContext()
	if anyPython(fs.Args()) {
		return runPrograms(ctx, fs.Args(), o, stdout, stderr)
	}
	if o.output != "" && fs.NArg() > 1 {
		return usagef("run: -o writes one file, but %d scenarios were named; use --out DIR", fs.NArg())
	}
	// Parse everything and check the outputs first: bad input writes
	// nothing.
	var all []*scenarios.Scenario
	var names []string
	for _, arg := range fs.Args() {
		s, err := load(arg)
		if err != nil {
			return err
		}
		if s, err = selectRuns(s, o.py.runs); err != nil {
			return err
		}
		if err := o.checkBaseline(s.File, runNames(s)); err != nil {
			return err
		}
		all = append(all, s)
		names = append(names, outName(s.Name))
		o.inputs = append(o.inputs, inputInfo(arg))
	}
	if err := uniqueNames("run", fs.Args(), names); err != nil {
		return err
	}
	if err := o.checkOutputs(names); err != nil {
		return err
	}
	for _, s := range all {
		if err := runScenario(ctx, s, o, stdout, stderr, stderr); err != nil {
			return err
		}
	}
	return nil
}

// load reads a scenario: a file when arg names one ("-" for standard
// input), else a built-in. A
// problem reading the file or finding the built-in is a usage error; the
// scenario's own problems are the ErrorList.
func load(arg string) (*scenarios.Scenario, error) {
	looksLikeFile := strings.ContainsAny(arg, `/\`) || strings.HasSuffix(arg, ".yaml") || strings.HasSuffix(arg, ".yml")
	var s *scenarios.Scenario
	var err error
	if _, serr := os.Stat(arg); serr == nil || looksLikeFile || infile.IsStdin(arg) {
		s, err = scenarios.Load(arg)
	} else {
		s, err = scenarios.Builtin(arg)
	}
	var list scenarios.ErrorList
	if err != nil && !errors.As(err, &list) {
		return nil, &usageError{err.Error()}
	}
	return s, err
}

// runScenario runs one scenario, prints its transcript on stdout (and what
// Python writes to stderr on stderr) and writes its files, reporting them
// on report.
func runScenario(ctx context.Context, s *scenarios.Scenario, o outputOptions, stdout, stderr, report io.Writer) error {
	tr, runErr := execute(ctx, s, o, stderr)
	runErr = explainRunError(runErr, o)
	if tr == nil {
		return runErr
	}
	transcript := stdout
	if o.output == "-" {
		transcript = io.Discard // stdout carries the figure
	}
	writeTranscript(transcript, stderr, tr)
	j := &job{name: outName(s.Name), scenario: s, trace: tr, opts: o}
	if o.output != "-" {
		writeChart(stdout, tr, o, j.baseline())
	}
	write := func() error { return writeJob(j, report) }
	if o.output != "" {
		write = func() error { return writeSingle(j, stdout, stderr, report) }
	}
	if err := write(); err != nil {
		return err
	}
	return runErr
}
