package main

import (
	"bytes"
	"fmt"
	"io"

	"github.com/asyncgantt/asyncgantt/scenarios"
)

const listUsage = `Usage: asyncgantt list

Lists the built-in scenarios with their titles.
`

func listCmd(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("list", listUsage, stdout)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("list takes no arguments")
	}
	names := scenarios.Builtins()
	width := 0
	for _, n := range names {
		width = max(width, len(n))
	}
	var b bytes.Buffer
	for _, n := range names {
		s, err := scenarios.Builtin(n)
		if err != nil {
			return fmt.Errorf("built-in scenario %s: %w", n, err)
		}
		fmt.Fprintf(&b, "%-*s  %s\n", width, n, s.Title)
	}
	_, err := stdout.Write(b.Bytes())
	return err
}

const galleryUsage = `Usage: asyncgantt [gallery] [flags]

Renders every built-in scenario into --out (default ./out) and reports
what it wrote. This is what asyncgantt does with no arguments.
`

func galleryCmd(args []string, stdout, stderr io.Writer) error {
	var o outputOptions
	fs := newFlags("gallery", galleryUsage, stdout)
	o.register(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if err := o.check(); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("gallery takes no arguments; use 'asyncgantt run NAME|FILE' for chosen scenarios")
	}
	if o.output != "" {
		return usagef("gallery writes every built-in scenario; -o writes one file: use --out DIR, or 'asyncgantt run NAME -o FILE'")
	}
	if err := o.checkOutputs(scenarios.Builtins()); err != nil {
		return err
	}
	ctx := commandContext()
	for _, n := range scenarios.Builtins() {
		s, err := scenarios.Builtin(n)
		if err != nil {
			return fmt.Errorf("built-in scenario %s: %w", n, err)
		}
		// The gallery reports the files it wrote on stderr, as run and
		// quick do; the scenarios' transcripts are not shown.
		if err := runScenario(ctx, s, o, io.Discard, io.Discard, stderr); err != nil {
			return err
		}
	}
	return galleryExtras(ctx, o, stderr)
}
