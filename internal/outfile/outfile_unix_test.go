//go:build unix

package outfile

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestInPlace(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fig.svg")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	regular := filepath.Join(dir, "fig.html")
	var nr *NoReaderError
	if err := WriteAll([]File{{Path: regular, Data: []byte("html")}, {Path: fifo, Data: []byte("svg")}}); !errors.As(err, &nr) || !strings.Contains(err.Error(), "("+regular+" written)") {
		t.Errorf("a FIFO without a reader: %v", err)
	}
	got := make(chan string, 1)
	go func() {
		f, err := os.Open(fifo)
		if err != nil {
			got <- err.Error()
			return
		}
		data, _ := io.ReadAll(f)
		f.Close()
		got <- string(data)
	}()
	// The reader may not have opened the FIFO yet: try until it has.
	deadline := time.Now().Add(20 * time.Second)
	for {
		err := Write(fifo, []byte("svg"))
		if err == nil {
			break
		}
		if !errors.As(err, &nr) || time.Now().After(deadline) {
			t.Fatal(err)
		}
		time.Sleep(10 * time.Millisecond)
	}
	if s := <-got; s != "svg" {
		t.Errorf("the reader got %q", s)
	}
	if fi, err := os.Lstat(fifo); err != nil || fi.Mode()&os.ModeNamedPipe == 0 {
		t.Errorf("the FIFO was replaced")
	}
	null, full := devices(t, dir)
	if err := Write(full, []byte("x")); err == nil || !strings.Contains(err.Error(), "no space left on device") {
		t.Errorf("%s: %v", full, err)
	}
	if err := Write(null, []byte("x")); err != nil {
		t.Errorf("%s: %v", null, err)
	}
	for _, dev := range []string{null, full} {
		if fi, err := os.Lstat(dev); err != nil || fi.Mode()&os.ModeCharDevice == 0 {
			t.Fatalf("%s was replaced", dev)
		}
	}
	link := filepath.Join(dir, "null.svg")
	os.Symlink(null, link)
	if err := Write(link, []byte("x")); err != nil {
		t.Errorf("a link to /dev/null: %v", err)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Error("a link to a device was replaced")
	}
}

// devices returns copies of /dev/null and /dev/full made in dir, as root;
// else the system's own, which a process that is not root cannot replace
// (so that a regression fails the test, not the machine).
func devices(t *testing.T, dir string) (null, full string) {
	t.Helper()
	if os.Geteuid() != 0 {
		return "/dev/null", "/dev/full"
	}
	null, full = filepath.Join(dir, "null"), filepath.Join(dir, "full")
	for path, minor := range map[string]int{null: 3, full: 7} {
		if err := syscall.Mknod(path, syscall.S_IFCHR|0o666, 1<<8|minor); err != nil {
			t.Skipf("root, but cannot make device nodes: %v", err)
		}
	}
	return null, full
}
