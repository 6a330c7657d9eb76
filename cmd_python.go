package main

import (
	"context"
	"io"

	"github.com/asyncgantt/asyncgantt/scenarios/python"
	"github.com/asyncgantt/asyncgantt/scenarios/runner"
	"github.com/asyncgantt/asyncgantt/trace"
)

const pythonUsage = `Usage: asyncgantt python NAME|FILE

Prints a runnable Python 3.11+ asyncio program equivalent to the built-in
scenario NAME or the scenario FILE: one coroutine function per task, one
main coroutine per run, each run in turn by asyncio.run. It prints what
'asyncgantt run' prints.
`

func pythonCmd(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("python", pythonUsage, stdout)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usagef("python: name one built-in scenario or scenario file (asyncgantt list shows the built-ins)")
	}
	s, err := load(fs.Arg(0))
	if err != nil {
		return err
	}
	// The program writes what a run that raises raises, and goes on, as
	// run does: which runs raise is known by running them.
	tr, _ := runner.Execute(context.Background(), s, runner.Options{})
	src, err := python.Program(s, programOptions(tr))
	if err != nil {
		return err
	}
	_, err = stdout.Write(src)
	return err
}

// programOptions are what the Python program needs to know of the runs of
// tr: which raise, and what.
func programOptions(tr *trace.Trace) python.Options {
	var o python.Options
	if tr == nil {
		return o
	}
	for _, r := range tr.Runs {
		raised := ""
		if !r.Interrupted {
			raised = r.Error
		}
		o.Raises = append(o.Raises, raised)
	}
	return o
}
