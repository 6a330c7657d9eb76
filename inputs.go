package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/asyncgantt/asyncgantt/internal/infile"
	"github.com/asyncgantt/asyncgantt/scenarios"
)

// inputInfo returns the FileInfo of the file an input argument names,
// or nil for standard input ("-") and what is not a file (a built-in
// scenario's name), so that no output is written over it.
func inputInfo(arg string) fs.FileInfo {
	if arg == "-" {
		return nil
	}
	fi, err := os.Stat(arg)
	if err != nil {
		return nil
	}
	return fi
}

// readScenarioSource reads the source of the scenario file at path under
// the input policy (internal/infile): a regular file, or a link to one,
// of at most scenarios.MaxSourceBytes; a directory, a device, a FIFO or a
// socket is refused without reading from it or waiting on it. It also
// returns the file's FileInfo, to keep outputs off the input. Errors are
// usage errors.
func readScenarioSource(path string) ([]byte, fs.FileInfo, error) {
	f, fi, err := infile.Open(path)
	var nr *infile.NotRegularError
	switch {
	case errors.As(err, &nr) && nr.Mode.IsDir():
		return nil, nil, usagef("%s is a directory; name a scenario file", path)
	case errors.As(err, &nr):
		return nil, nil, usagef("%s is %s, not a regular file: name a scenario file, or - to read standard input", path, infile.Kind(nr.Mode))
	case err != nil:
		return nil, nil, &usageError{fmt.Sprintf("cannot read %s: %v", path, infile.Cause(err))}
	}
	defer f.Close()
	if fi.Size() > scenarios.MaxSourceBytes {
		return nil, nil, usagef("%s is %d bytes; scenario files are limited to %d bytes", path, fi.Size(), scenarios.MaxSourceBytes)
	}
	src, err := infile.ReadAll(f, scenarios.MaxSourceBytes)
	var tl *infile.TooLargeError
	switch {
	case errors.As(err, &tl):
		return nil, nil, usagef("%s is over %s; scenario files are limited to %s", path, infile.Size(tl.Limit), infile.Size(tl.Limit))
	case err != nil:
		return nil, nil, usagef("cannot read %s: %v", path, infile.Cause(err))
	}
	return src, fi, nil
}
