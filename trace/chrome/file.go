package chrome

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/asyncgantt/asyncgantt/trace"
)

// ReadFile reads the Chrome trace file at path, or standard input when
// path is "-", as Read does (gzip or not). Errors name the file as given
// ("<stdin>" for "-"): one that cannot be opened, a directory, a file that
// is not a Chrome trace. A trace without a title of its own is titled
// after the file's base name ("stdin" for standard input).
func ReadFile(path string) (*trace.Trace, *Stats, error) {
	var r io.Reader
	base, name := "stdin", "<stdin>"
	if path == "-" {
		r = os.Stdin
	} else {
		f, err := os.Open(path)
		if err != nil {
			return nil, nil, fmt.Errorf("cannot read %s: %w", path, unwrapPath(err))
		}
		defer f.Close()
		if fi, err := f.Stat(); err == nil && fi.IsDir() {
			return nil, nil, fmt.Errorf("%s is a directory; name a Chrome trace file", path)
		}
		r = f
		base, name = filepath.Base(path), path
	}
	t, stats, err := Read(r, name)
	if err != nil {
		return nil, stats, err
	}
	if t.Title == "" {
		t.Title = base
	}
	return t, stats, nil
}

// unwrapPath returns the cause of a *fs.PathError, whose message would
// repeat the path.
func unwrapPath(err error) error {
	if u := errors.Unwrap(err); u != nil {
		return u
	}
	return err
}
