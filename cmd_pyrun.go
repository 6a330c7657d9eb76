package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/asyncgantt/asyncgantt/internal/infile"
	"github.com/asyncgantt/asyncgantt/pytrace"
	"github.com/asyncgantt/asyncgantt/scenarios"
	"github.com/asyncgantt/asyncgantt/scenarios/runner"
	"github.com/asyncgantt/asyncgantt/trace"
	"github.com/spf13/pflag"
)

// pythonOptions are the flags of run and watch that only Python programs
// use.
type pythonOptions struct {
	// runs are --runs: the runs of a scenario to run and draw, in order;
	// for a Python program, the coroutine functions whose every call is a
	// run.
	runs []string
	// python is the interpreter (--python).
	python string
}

func (p *pythonOptions) register(fs *pflag.FlagSet) {
	fs.StringSliceVar(&p.runs, "runs", nil, "the runs, comma-separated: of a scenario, run and draw only these, in this order (e.g. --runs Concurrent); of a Python program, make each call of these coroutine functions a run of its own (default: every run of a scenario; each asyncio.run() of a program)")
	fs.StringVar(&p.python, "python", "python3", "for a Python program: the interpreter to run it with (CPython "+strings.Join(pytrace.Supported, ", ")+")")
}

// isPython reports whether a command-line argument names a Python program.
func isPython(arg string) bool { return strings.HasSuffix(arg, ".py") }

// anyPython reports whether one of args names a Python program.
func anyPython(args []string) bool {
	for _, a := range args {
		if isPython(a) {
			return true
		}
	}
	return false
}

// runPrograms runs the Python programs (and scenarios) args, in order, as
// the runs of one figure named after the first: each program prints what
// it prints, as it prints it.
func runPrograms(ctx context.Context, args []string, o outputOptions, stdout, stderr io.Writer) error {
	for _, a := range args {
		if !isPython(a) {
			o.inputs = append(o.inputs, inputInfo(a))
			continue
		}
		info, err := checkProgram(a)
		if err != nil {
			return err
		}
		o.inputs = append(o.inputs, info)
	}
	name := outName(strings.TrimSuffix(filepath.Base(args[0]), ".py"))
	if err := o.checkOutputs([]string{name}); err != nil {
		return err
	}
	programOut := stdout
	if o.output == "-" {
		programOut = stderr // stdout carries the figure
	}
	tr, runErr := tracePrograms(ctx, args, o, programOut, stderr)
	if tr == nil {
		return runErr
	}
	j := &job{name: name, trace: tr, opts: o}
	if o.output != "-" {
		writeChart(stdout, tr, o, j.baseline())
	}
	write := func() error { return writeJob(j, stderr) }
	if o.output != "" {
		write = func() error { return writeSingle(j, stdout, stderr, stderr) }
	}
	if err := write(); err != nil {
		return err
	}
	return runErr
}

// checkProgram checks a Python program's file as every input is checked
// (internal/infile): a regular file, or a link to one, of at most
// scenarios.MaxSourceBytes; Python reads it, but a device or a FIFO given
// for a program would make it read without end or wait. It returns the
// file's information, for the check that no output overwrites it.
func checkProgram(path string) (fs.FileInfo, error) {
	f, fi, err := infile.Open(path)
	var nr *infile.NotRegularError
	switch {
	case errors.As(err, &nr) && nr.Mode.IsDir():
		return nil, usagef("%s is a directory; name a Python program", path)
	case errors.As(err, &nr):
		return nil, usagef("%s is %s, not a regular file: name a Python program", path, infile.Kind(nr.Mode))
	case err != nil:
		return nil, usagef("cannot read %s: %v", path, infile.Cause(err))
	}
	f.Close()
	if fi.Size() > scenarios.MaxSourceBytes {
		return nil, usagef("%s is %d bytes; Python programs are limited to %d bytes", path, fi.Size(), scenarios.MaxSourceBytes)
	}
	return fi, nil
}

// tracePrograms traces each Python program and runs each scenario of
// args, and gathers their runs into one trace. With several arguments,
// each run is named after its file ("blocking", or "blocking: main" for a
// file of several runs).
func tracePrograms(ctx context.Context, args []string, o outputOptions, stdout, stderr io.Writer) (*trace.Trace, error) {
	all := &trace.Trace{}
	var firstErr error
	for i, a := range args {
		var tr *trace.Trace
		var err error
		if isPython(a) {
			tr, err = traceProgram(ctx, a, o, stdout, stderr)
		} else {
			var s *scenarios.Scenario
			if s, err = load(a); err != nil {
				return nil, err
			}
			tr, err = execute(ctx, s, o, stderr)
			err = explainRunError(err, o)
			if tr != nil {
				writeTranscript(stdout, stderr, tr)
			}
		}
		if tr == nil {
			return nil, err
		}
		if i == 0 {
			all.Title, all.Description, all.Clock = tr.Title, tr.Description, tr.Clock
		} else {
			all.Title += ", " + tr.Title
			if tr.Clock == trace.Measured {
				all.Clock = trace.Measured
			}
		}
		if len(args) > 1 {
			base := strings.TrimSuffix(filepath.Base(a), filepath.Ext(a))
			for _, r := range tr.Runs {
				if len(tr.Runs) == 1 {
					r.Name = base
				} else {
					r.Name = base + ": " + r.Name
				}
			}
		}
		all.Runs = append(all.Runs, tr.Runs...)
		if err != nil && firstErr == nil {
			firstErr = err
		}
		if errors.Is(err, pytrace.ErrInterrupted) || errors.Is(err, runner.ErrInterrupted) {
			break
		}
	}
	return all, firstErr
}

// traceProgram runs one Python program under the probe.
func traceProgram(ctx context.Context, file string, o outputOptions, stdout, stderr io.Writer) (*trace.Trace, error) {
	po := traceOptions(o)
	po.Stdout, po.Stderr = stdout, stderr
	res, err := duringRuns(func() (*pytrace.Result, error) { return pytrace.Run(ctx, file, po) })
	if errors.Is(err, pytrace.ErrPython) || errors.Is(err, pytrace.ErrRefused) || errors.Is(err, pytrace.ErrRuns) {
		return nil, &usageError{err.Error()}
	}
	if res == nil {
		return nil, err
	}
	if err == nil && res.ExitCode != 0 {
		err = fmt.Errorf("%s exited with status %d; the figures show what it ran", file, res.ExitCode)
	}
	return res.Trace, err
}

// traceOptions are the options of a traced program that the figure
// flags and the Python flags set; the program reads the command's
// standard input.
func traceOptions(o outputOptions) pytrace.Options {
	po := pytrace.Options{Python: o.py.python, Runs: o.py.runs, MaxDuration: o.maxDuration, MaxEvents: o.maxEvents, Stdin: os.Stdin}
	if o.clock == (runner.RealClock{}).String() {
		po.Clock = pytrace.RealClock
	}
	return po
}
