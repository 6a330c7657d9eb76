package chrome

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/asyncgantt/asyncgantt/internal/infile"
	"github.com/asyncgantt/asyncgantt/trace"
)

// MaxFileBytes is the largest trace file ReadFile reads, in bytes as
// stored (compressed, for a gzip file): 1 GiB.
const MaxFileBytes = 1 << 30

// ReadFile reads the Chrome trace file at path, or standard input when
// path is "-" (or /dev/stdin, /dev/fd/0), as Read does (gzip or not). The path must name a regular
// file, or a link to one: a directory, a device (such as /dev/zero), a
// FIFO or a socket is refused before anything is read, without waiting on
// it. A file, or standard input, of more than MaxFileBytes is refused.
//
// Errors name the file as given ("<stdin>" for "-"): one that cannot be
// opened, that is not a regular file or is too large, that is not a
// Chrome trace. A trace without a title of its own is titled after the
// file's base name ("stdin" for standard input). The default Limits
// apply; Limits.ReadFile applies others.
func ReadFile(path string) (*trace.Trace, *Stats, error) {
	return Limits{}.ReadFile(path)
}

// ReadFile reads a trace file as the package's ReadFile does, within the
// limits l (see Limits.Read).
func (l Limits) ReadFile(path string) (*trace.Trace, *Stats, error) {
	return l.readFile(path, MaxFileBytes)
}

// readFile is ReadFile with a size limit of limit bytes.
func readFile(path string, limit int64) (*trace.Trace, *Stats, error) {
	return Limits{}.readFile(path, limit)
}

// readFile is Limits.ReadFile with a size limit of limit bytes.
func (l Limits) readFile(path string, limit int64) (*trace.Trace, *Stats, error) {
	var r io.Reader
	base, name := "stdin", "<stdin>"
	if infile.IsStdin(path) {
		r = os.Stdin
	} else {
		f, fi, err := infile.Open(path)
		var nr *infile.NotRegularError
		switch {
		case errors.As(err, &nr) && nr.Mode.IsDir():
			return nil, nil, fmt.Errorf("%s is a directory; name a Chrome trace file", path)
		case errors.As(err, &nr):
			return nil, nil, fmt.Errorf("%s is %s, not a regular file: name a Chrome trace file, or - to read standard input", path, infile.Kind(nr.Mode))
		case err != nil:
			return nil, nil, fmt.Errorf("cannot read %s: %w", path, infile.Cause(err))
		}
		defer f.Close()
		if fi.Size() > limit {
			return nil, nil, fmt.Errorf("%s is %s; Chrome trace files are limited to %s", path, infile.Size(fi.Size()), infile.Size(limit))
		}
		r = f
		base, name = filepath.Base(path), path
	}
	t, stats, err := l.Read(infile.LimitReader(r, limit), name)
	var tl *infile.TooLargeError
	if errors.As(err, &tl) {
		return nil, stats, fmt.Errorf("%s is over %s; Chrome trace files are limited to %s", name, infile.Size(limit), infile.Size(limit))
	}
	if err != nil {
		return nil, stats, err
	}
	if t.Title == "" {
		t.Title = base
	}
	return t, stats, nil
}
