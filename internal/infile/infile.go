package infile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
)

// NotRegularError is an input path that names something other than a
// regular file: a directory, a device, a FIFO, a socket.
type NotRegularError struct {
	// Path is the path as given.
	Path string
	// Mode is the file's type and permission bits.
	Mode fs.FileMode
}

// Error returns "PATH is a KIND, not a regular file".
func (e *NotRegularError) Error() string {
	return fmt.Sprintf("%s is %s, not a regular file", e.Path, Kind(e.Mode))
}

// Kind names the type of a file mode for messages: "a directory", "a
// named pipe (FIFO)", "a character device", "a block device", "a socket",
// "a symbolic link", "a regular file", or "an irregular file".
func Kind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a directory"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a block device"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeSymlink != 0:
		return "a symbolic link"
	case m.IsRegular():
		return "a regular file"
	}
	return "an irregular file"
}

// Open opens the regular file at path (or the regular file a symbolic
// link at path leads to) for reading, and returns it with its FileInfo.
// Anything else is refused with a *NotRegularError, before it is opened
// when the path already names it, and without blocking when it is swapped
// for a FIFO meanwhile. Errors of the file system are *fs.PathErrors, as
// os.Open returns.
func Open(path string) (*os.File, fs.FileInfo, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, nil, &NotRegularError{Path: path, Mode: fi.Mode()}
	}
	f, err := os.OpenFile(path, os.O_RDONLY|openFlags, 0)
	if err != nil {
		return nil, nil, err
	}
	fi, err = f.Stat()
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	if !fi.Mode().IsRegular() {
		f.Close()
		return nil, nil, &NotRegularError{Path: path, Mode: fi.Mode()}
	}
	return f, fi, nil
}

// TooLargeError is an input longer than its limit.
type TooLargeError struct {
	// Limit is the largest input accepted, in bytes.
	Limit int64
}

// Error returns "over LIMIT", e.g. "over 64 MiB".
func (e *TooLargeError) Error() string {
	return "over " + Size(e.Limit)
}

// LimitReader returns a reader of r that fails with a *TooLargeError
// once r has more than limit bytes: unlike io.LimitReader, a longer input
// is an error, not a shorter one. It reads at most limit+1 bytes of r.
func LimitReader(r io.Reader, limit int64) io.Reader {
	return &limitReader{r: r, left: limit, limit: limit}
}

type limitReader struct {
	r     io.Reader
	left  int64 // bytes that may still be read
	limit int64
	err   error
}

func (l *limitReader) Read(p []byte) (int, error) {
	if l.err != nil {
		return 0, l.err
	}
	if int64(len(p)) > l.left+1 {
		p = p[:l.left+1]
	}
	n, err := l.r.Read(p)
	if int64(n) > l.left {
		n = int(l.left)
		l.left = 0
		l.err = &TooLargeError{Limit: l.limit}
		return n, l.err
	}
	l.left -= int64(n)
	return n, err
}

// ReadAll reads r to its end, failing with a *TooLargeError past limit
// bytes.
func ReadAll(r io.Reader, limit int64) ([]byte, error) {
	return io.ReadAll(LimitReader(r, limit))
}

// ReadFile reads the regular file at path, or standard input when path is
// "-", to its end, failing with a *TooLargeError past limit bytes (at
// once, for a file whose size says so) and with a *NotRegularError for
// anything but a regular file (see Open).
func ReadFile(path string, limit int64) ([]byte, error) {
	if path == "-" {
		return ReadAll(os.Stdin, limit)
	}
	f, fi, err := Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if fi.Size() > limit {
		return nil, &TooLargeError{Limit: limit}
	}
	return ReadAll(f, limit)
}

// IsStdin says whether an input path names standard input: "-", or one
// of the names the system gives it (/dev/stdin, /dev/fd/0,
// /proc/self/fd/0), which is read as "-" is, whatever it is (a pipe, a
// terminal), rather than refused as a FIFO or a device.
func IsStdin(path string) bool {
	switch path {
	case "-", "/dev/stdin", "/dev/fd/0", "/proc/self/fd/0":
		return true
	}
	return false
}

// Size writes a number of bytes for people: "512 bytes", "64 MiB",
// "1.5 GiB".
func Size(n int64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d bytes", n)
	}
	v, suffix := float64(n), ""
	for _, s := range []string{"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"} {
		v /= unit
		suffix = s
		if v < unit {
			break
		}
	}
	if v == float64(int64(v)) {
		return fmt.Sprintf("%d %s", int64(v), suffix)
	}
	return fmt.Sprintf("%.1f %s", v, suffix)
}

// Cause returns the cause of a *fs.PathError, whose message would repeat
// the path, and err itself otherwise.
func Cause(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
