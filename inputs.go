package main

import (
	"io/fs"
	"os"

	"github.com/asyncgantt/asyncgantt/internal/infile"
)

// inputInfo returns the FileInfo of the file an input argument names,
// or nil for standard input ("-") and what is not a file (a built-in
// scenario's name), so that no output is written over it.
func inputInfo(arg string) fs.FileInfo {
	if infile.IsStdin(arg) {
		return nil
	}
	fi, err := os.Stat(arg)
	if err != nil {
		return nil
	}
	return fi
}
