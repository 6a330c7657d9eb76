package main

import (
	"fmt"
	"io"
	"runtime"

	"github.com/asyncgantt/asyncgantt/internal/version"
)

const versionUsage = `Usage: asyncgantt version

Prints the version of asyncgantt, the commit it was built from, the same
version as its Python wheel writes it, and the Go that built it.
'asyncgantt --version' prints the first line only.
`

func versionCmd(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("version", versionUsage, stdout)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("version: takes no arguments")
	}
	i := version.Read()
	fmt.Fprintln(stdout, i)
	if i.Revision != "" {
		state := ""
		if i.Modified {
			state = ", with uncommitted changes"
		}
		fmt.Fprintf(stdout, "revision  %s (%s%s)\n", i.Revision, i.Time, state)
	}
	if py, err := version.PEP440(i.Version); err == nil {
		fmt.Fprintf(stdout, "python    %s (the version of its wheel)\n", py)
	} else if i.Version == version.Devel {
		fmt.Fprintln(stdout, "          built without a version: go run, a git worktree or -buildvcs=false record none")
	}
	fmt.Fprintf(stdout, "go        %s %s/%s\n", runtime.Version(), runtime.GOOS, runtime.GOARCH)
	return nil
}

// printVersion is --version: one line.
func printVersion(stdout io.Writer) error {
	_, err := fmt.Fprintln(stdout, version.Read())
	return err
}
