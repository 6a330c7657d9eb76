package scenarios

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/asyncgantt/asyncgantt/internal/infile"
)

// Load reads and parses the scenario file at path (see ReadFile); "-"
// (or /dev/stdin) reads standard input (see Read). A file that cannot be read gives an
// error saying so; a scenario with problems, an ErrorList.
func Load(path string) (*Scenario, error) {
	if infile.IsStdin(path) {
		return Read("<stdin>", os.Stdin)
	}
	src, err := ReadFile(path)
	if err != nil {
		return nil, err
	}
	return Parse(path, src)
}

// ReadFile reads the source of the scenario file at path, under the
// policy of every input (internal/infile): the path must name a regular
// file, or a link to one, of at most MaxSourceBytes. A directory, a
// device (such as /dev/zero), a FIFO or a socket is refused before
// anything is read, without waiting on it, and so is a file too large;
// a file that grows past the limit while read is cut off there and
// refused. Errors name the file and wrap the cause (fs.ErrNotExist, an
// *infile.NotRegularError, ...).
func ReadFile(path string) ([]byte, error) {
	f, fi, err := infile.Open(path)
	var nr *infile.NotRegularError
	switch {
	case errors.As(err, &nr) && nr.Mode.IsDir():
		return nil, fmt.Errorf("%s is a directory; name a scenario file", path)
	case errors.As(err, &nr):
		return nil, fmt.Errorf("%w: name a scenario file, or - to read standard input", err)
	case err != nil:
		return nil, readError(path, err)
	}
	defer f.Close()
	if fi.Size() > MaxSourceBytes {
		return nil, fmt.Errorf("%s is %d bytes; scenario files are limited to %d bytes", path, fi.Size(), MaxSourceBytes)
	}
	return readSource(path, f)
}

// Read reads a scenario from r and parses it; name names it in errors and
// gives the scenario its Name (see Parse). It reads at most MaxSourceBytes:
// a longer input is refused.
func Read(name string, r io.Reader) (*Scenario, error) {
	src, err := readSource(name, r)
	if err != nil {
		return nil, err
	}
	return Parse(name, src)
}

// readSource reads r to its end, refusing it past MaxSourceBytes.
func readSource(name string, r io.Reader) ([]byte, error) {
	src, err := infile.ReadAll(r, MaxSourceBytes)
	var tl *infile.TooLargeError
	switch {
	case errors.As(err, &tl):
		return nil, fmt.Errorf("%s is over %d bytes; scenario files are limited to %d bytes", name, MaxSourceBytes, MaxSourceBytes)
	case err != nil:
		return nil, readError(name, err)
	}
	return src, nil
}

// readError says a scenario could not be read: "cannot read FILE: no such
// file or directory", without repeating the path a PathError holds.
func readError(name string, err error) error {
	return fmt.Errorf("cannot read %s: %w", name, infile.Cause(err))
}
