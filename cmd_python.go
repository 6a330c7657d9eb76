package main

import (
	"io"

	"github.com/asyncgantt/asyncgantt/scenarios/python"
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
	src, err := python.Program(s)
	if err != nil {
		return err
	}
	_, err = stdout.Write(src)
	return err
}
