//go:build unix

package chrome

import (
	"bytes"
	"net"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestReadFileRefusesSpecialFiles names, as a trace, each kind of file
// that is not one: each is refused at once, without reading from it or
// waiting on it. Issue 17, item 3: run /dev/zero grew until the process
// ran out of memory, and a FIFO hung.
func TestReadFileRefusesSpecialFiles(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo.json")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "zero.json")
	if err := os.Symlink("/dev/zero", link); err != nil {
		t.Fatal(err)
	}
	sock := filepath.Join(dir, "s.json")
	l, err := net.Listen("unix", sock)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	for _, c := range []struct{ path, kind string }{
		{"/dev/zero", "a character device"},
		{"/dev/null", "a character device"},
		{link, "a character device"},
		{fifo, "a named pipe (FIFO)"},
		{sock, "a socket"},
	} {
		done := make(chan error, 1)
		go func() {
			_, _, err := ReadFile(c.path)
			done <- err
		}()
		select {
		case err := <-done:
			want := c.path + " is " + c.kind + ", not a regular file: name a Chrome trace file, or - to read standard input"
			if err == nil || err.Error() != want {
				t.Errorf("ReadFile(%s): %v, want %q", c.path, err, want)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("ReadFile(%s) does not return", c.path)
		}
	}
}

// TestReadFileSizeLimit reads a file at and past the limit: past it, the
// file is refused before it is read; a file growing past it while read is
// stopped there.
func TestReadFileSizeLimit(t *testing.T) {
	data := exportSample(t)
	path := filepath.Join(t.TempDir(), "t.json")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	n := int64(len(data))
	if _, _, err := readFile(path, n); err != nil {
		t.Errorf("a file of the limit's size: %v", err)
	}
	_, _, err := readFile(path, n-1)
	if err == nil || !strings.HasPrefix(err.Error(), path+" is ") || !strings.Contains(err.Error(), "; Chrome trace files are limited to ") {
		t.Errorf("a file past the limit: %v", err)
	}
	// Standard input, or a file growing while read, stops at the limit.
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	go func() {
		w.Write([]byte("[" + strings.Repeat(" ", 1<<16)))
		w.Write(bytes.Repeat([]byte(" "), 1<<20))
		w.Close()
	}()
	defer r.Close()
	stdin := os.Stdin
	os.Stdin = r
	defer func() { os.Stdin = stdin }()
	_, _, err = readFile("-", 1<<18)
	if err == nil || err.Error() != "<stdin> is over 256 KiB; Chrome trace files are limited to 256 KiB" {
		t.Errorf("standard input past the limit: %v", err)
	}
}
