package scenarios

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
)

// Load reads and parses the scenario file at path, refusing a directory
// and a file over MaxSourceBytes before reading it; "-" reads standard
// input (see Read). A file that cannot be read gives an error saying so;
// a scenario with problems, an ErrorList.
func Load(path string) (*Scenario, error) {
	if path == "-" {
		return Read("<stdin>", os.Stdin)
	}
	fi, err := os.Stat(path)
	if err != nil {
		return nil, readError(path, err)
	}
	if fi.IsDir() {
		return nil, fmt.Errorf("%s is a directory; name a scenario file", path)
	}
	if fi.Size() > MaxSourceBytes {
		return nil, fmt.Errorf("%s is %d bytes; scenario files are limited to %d bytes", path, fi.Size(), MaxSourceBytes)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, readError(path, err)
	}
	defer f.Close()
	return Read(path, f)
}

// Read reads a scenario from r and parses it; name names it in errors and
// gives the scenario its Name (see Parse). It reads at most MaxSourceBytes:
// a longer input is refused.
func Read(name string, r io.Reader) (*Scenario, error) {
	src, err := io.ReadAll(io.LimitReader(r, MaxSourceBytes+1))
	if err != nil {
		return nil, readError(name, err)
	}
	if len(src) > MaxSourceBytes {
		return nil, fmt.Errorf("%s is over %d bytes; scenario files are limited to %d bytes", name, MaxSourceBytes, MaxSourceBytes)
	}
	return Parse(name, src)
}

// readError says a scenario could not be read: "cannot read FILE: no such
// file or directory", without repeating the path a PathError holds.
func readError(name string, err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return fmt.Errorf("cannot read %s: %w", name, err)
}
