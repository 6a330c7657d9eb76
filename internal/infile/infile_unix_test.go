//go:build unix

package infile

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestOpenRefusesWhatIsNotARegularFile(t *testing.T) {
	dir := t.TempDir()
	regular := filepath.Join(dir, "a.yaml")
	if err := os.WriteFile(regular, []byte("tasks: {A: 1s}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.yaml")
	if err := os.Symlink(regular, link); err != nil {
		t.Fatal(err)
	}
	fifo := filepath.Join(dir, "fifo.yaml")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	toDevice := filepath.Join(dir, "zero.yaml")
	if err := os.Symlink("/dev/zero", toDevice); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{regular, link} {
		f, fi, err := Open(path)
		if err != nil {
			t.Fatalf("Open(%s): %v", path, err)
		}
		if fi.Size() != 15 {
			t.Errorf("Open(%s): size %d, want 15", path, fi.Size())
		}
		f.Close()
	}
	for _, c := range []struct{ path, want string }{
		{dir, dir + " is a directory, not a regular file"},
		{fifo, fifo + " is a named pipe (FIFO), not a regular file"},
		{toDevice, toDevice + " is a character device, not a regular file"},
		{"/dev/null", "/dev/null is a character device, not a regular file"},
	} {
		done := make(chan error, 1)
		go func() {
			f, _, err := Open(c.path)
			if f != nil {
				f.Close()
			}
			done <- err
		}()
		select {
		case err := <-done:
			var nr *NotRegularError
			if !errors.As(err, &nr) || err.Error() != c.want {
				t.Errorf("Open(%s): %v, want %q", c.path, err, c.want)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("Open(%s) blocks", c.path)
		}
	}
	_, _, err := Open(filepath.Join(dir, "missing.yaml"))
	if !errors.Is(err, fs.ErrNotExist) || Cause(err) != syscall.ENOENT {
		t.Errorf("a missing file: %v; want fs.ErrNotExist, whose cause is ENOENT", err)
	}
}

// TestOpenFIFOWithoutBlocking swaps the FIFO in after the first look,
// as a race would: the open must neither block nor accept it.
func TestOpenFIFOWithoutBlocking(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "fifo")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		f, err := os.OpenFile(fifo, os.O_RDONLY|openFlags, 0)
		if err == nil {
			f.Close()
		}
		done <- err
	}()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("opening a FIFO with openFlags: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("opening a FIFO with openFlags blocks until a writer comes")
	}
}

func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big")
	if err := os.WriteFile(big, make([]byte, 2000), 0o644); err != nil {
		t.Fatal(err)
	}
	if got, err := ReadFile(big, 2000); err != nil || len(got) != 2000 {
		t.Errorf("at its limit: %d bytes, %v", len(got), err)
	}
	var tl *TooLargeError
	if _, err := ReadFile(big, 1999); !errors.As(err, &tl) || tl.Limit != 1999 {
		t.Errorf("past its limit: %v", err)
	}
	if _, err := ReadFile("/dev/zero", 1<<20); !strings.Contains(err.Error(), "character device") {
		t.Errorf("/dev/zero: %v", err)
	}
}
