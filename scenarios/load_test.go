package scenarios

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "lesson.yaml")
	if err := os.WriteFile(good, []byte("tasks: {A: 1s}\nruns: {R: [{await: A}]}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join(dir, "bad.yaml")
	if err := os.WriteFile(bad, []byte("tasks: {A: 1s}\nruns: {R: [{await: B}]}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	huge := filepath.Join(dir, "huge.yaml")
	f, err := os.Create(huge)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(MaxSourceBytes + 1); err != nil {
		t.Fatal(err)
	}
	f.Close()
	t.Run("File", func(t *testing.T) {
		s, err := Load(good)
		if err != nil {
			t.Fatal(err)
		}
		if s.Name != "lesson" || s.File != good || len(s.Runs) != 1 {
			t.Errorf("Load: name %q, file %q, %d runs", s.Name, s.File, len(s.Runs))
		}
	})
	for _, tt := range []struct{ name, path, want string }{
		{"ErrMissing", filepath.Join(dir, "missing.yaml"), "cannot read " + filepath.Join(dir, "missing.yaml") + ": no such file or directory"},
		{"ErrDirectory", dir, dir + " is a directory; name a scenario file"},
		{"ErrHuge", huge, huge + " is 67108865 bytes; scenario files are limited to 67108864 bytes"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(tt.path)
			if err == nil || err.Error() != tt.want {
				t.Errorf("Load(%s) = %v, want %q", tt.path, err, tt.want)
			}
		})
	}
	t.Run("ErrScenario", func(t *testing.T) {
		_, err := Load(bad)
		var list ErrorList
		if !errors.As(err, &list) || list[0].File != bad || list[0].Pos.Line != 2 {
			t.Errorf("Load of a bad scenario = %v, want an ErrorList at line 2 of %s", err, bad)
		}
	})
}

// zeros is an endless reader of NUL bytes.
type zeros struct{}

func (zeros) Read(b []byte) (int, error) {
	clear(b)
	return len(b), nil
}

// failing is a reader that fails.
type failing struct{}

func (failing) Read([]byte) (int, error) { return 0, errors.New("the disk is on fire") }

func TestRead(t *testing.T) {
	s, err := Read("stdin.yaml", strings.NewReader("tasks: {A: 1s}\nruns: {R: [{await: A}]}\n"))
	if err != nil || s.Name != "stdin" {
		t.Fatalf("Read = %v, %v", s, err)
	}
	if _, err := Read("<stdin>", io.LimitReader(zeros{}, MaxSourceBytes+10)); err == nil || err.Error() != "<stdin> is over 67108864 bytes; scenario files are limited to 67108864 bytes" {
		t.Errorf("Read of a huge input = %v", err)
	}
	if _, err := Read("x.yaml", failing{}); err == nil || err.Error() != "cannot read x.yaml: the disk is on fire" {
		t.Errorf("Read of a failing reader = %v", err)
	}
}

// TestReadFileRefusesSpecialFiles names files that are not regular files
// as scenarios: each is refused at once, without reading it or waiting on
// it (issue 17, item 3: run /dev/zero ran out of memory, a FIFO hung).
func TestReadFileRefusesSpecialFiles(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "fifo.yaml")
	if err := mkfifo(fifo); err != nil {
		t.Skipf("no FIFOs here: %v", err)
	}
	for path, kind := range map[string]string{"/dev/zero": "a character device", fifo: "a named pipe (FIFO)"} {
		done := make(chan error, 1)
		go func() {
			_, err := Load(path)
			done <- err
		}()
		select {
		case err := <-done:
			want := path + " is " + kind + ", not a regular file: name a scenario file, or - to read standard input"
			if err == nil || err.Error() != want {
				t.Errorf("Load(%s) = %v, want %q", path, err, want)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("Load(%s) does not return", path)
		}
	}
}
