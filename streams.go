package main

import (
	"fmt"
	"io"

	"github.com/asyncgantt/asyncgantt/internal/infile"
)

// isStdout says whether an output path names standard output: "-", or
// one of the names the system gives it (/dev/stdout, /dev/fd/1,
// /proc/self/fd/1). Those are written to the command's standard output
// as "-" is, never through a temporary file renamed over the name, which
// as root would replace the system's /dev/stdout link with a file.
func isStdout(path string) bool {
	switch path {
	case "-", "/dev/stdout", "/dev/fd/1", "/proc/self/fd/1":
		return true
	}
	return false
}

// isStderr says whether an output path names standard error, by one of
// the names the system gives it (/dev/stderr, /dev/fd/2,
// /proc/self/fd/2): written to the command's standard error, for the
// same reason.
func isStderr(path string) bool {
	switch path {
	case "/dev/stderr", "/dev/fd/2", "/proc/self/fd/2":
		return true
	}
	return false
}

// checkedWriter is standard output, which keeps its first write error:
// the transcript, a chart or a figure written to a full disk or a closed
// terminal fails the command (exit status 1) instead of vanishing.
type checkedWriter struct {
	w   io.Writer
	err error
}

func (c *checkedWriter) Write(p []byte) (int, error) {
	if c.err != nil {
		return 0, c.err
	}
	n, err := c.w.Write(p)
	if err != nil {
		c.err = fmt.Errorf("cannot write to standard output: %w", infile.Cause(err))
	}
	return n, c.err
}
