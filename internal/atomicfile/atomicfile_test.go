package atomicfile

import (
	"os"
	"path/filepath"
	"testing"
)

func TestWrite(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "sub", "f.txt")
	for _, data := range []string{"first", "second, longer"} {
		if err := Write(path, []byte(data)); err != nil {
			t.Fatal(err)
		}
		if got, _ := os.ReadFile(path); string(got) != data {
			t.Errorf("file holds %q, want %q", got, data)
		}
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o644 {
		t.Errorf("mode %v, want 0644", fi.Mode().Perm())
	}
	// A directory in the way: an error, and nothing left behind.
	blocked := filepath.Join(dir, "sub", "d")
	os.Mkdir(blocked, 0o755)
	os.WriteFile(filepath.Join(blocked, "x"), nil, 0o644)
	if err := Write(blocked, []byte("x")); err == nil {
		t.Error("writing over a directory gave no error")
	}
	if entries, _ := os.ReadDir(filepath.Join(dir, "sub")); len(entries) != 2 {
		t.Errorf("%d entries beside the file, want 2 (no temporary file left)", len(entries))
	}
}

func TestWriteMode(t *testing.T) {
	path := filepath.Join(t.TempDir(), "private.md")
	if err := WriteMode(path, []byte("a"), 0o600); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, %v; want 0600", fi.Mode(), err)
	}
}
