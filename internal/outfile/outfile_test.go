package outfile

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// names lists dir's entries.
func names(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	return got
}

func read(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func TestWriteAll(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.svg"), filepath.Join(dir, "sub", "b.html")
	os.WriteFile(a, []byte("old a"), 0o600)
	priv := filepath.Join(dir, "private.md")
	if err := WriteAll([]File{{Path: a, Data: []byte("new a")}, {Path: b, Data: []byte("new b")}, {Path: priv, Data: nil, Mode: 0o600}}); err != nil {
		t.Fatal(err)
	}
	if read(t, a) != "new a" || read(t, b) != "new b" {
		t.Errorf("a holds %q, b %q", read(t, a), read(t, b))
	}
	if fi, _ := os.Stat(a); fi.Mode().Perm() != 0o644 {
		t.Errorf("mode %v, want 0644", fi.Mode())
	}
	if fi, _ := os.Stat(priv); fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600", fi.Mode())
	}
	if got := names(t, dir); !slices.Equal(got, []string{"a.svg", "private.md", "sub"}) {
		t.Errorf("dir holds %q", got)
	}
}

// TestWriteAllRollsBack makes the last rename of a set fail: the files
// renamed before it are put back as they were, new ones removed, and no
// temporary file or backup is left.
func TestWriteAllRollsBack(t *testing.T) {
	dir := t.TempDir()
	a, b, c := filepath.Join(dir, "a.svg"), filepath.Join(dir, "b.html"), filepath.Join(dir, "c.png")
	os.WriteFile(a, []byte("old a"), 0o644)
	// c is planned as a new file; a directory takes its place before
	// the rename, as a race would.
	files := []File{{Path: a, Data: []byte("new a")}, {Path: b, Data: []byte("new b")}, {Path: c, Data: []byte("new c")}}
	var regular []*target
	for _, f := range files {
		tg, err := plan(f, nil)
		if err != nil {
			t.Fatal(err)
		}
		regular = append(regular, tg)
	}
	for _, tg := range regular {
		if err := writeTemp(tg); err != nil {
			t.Fatal(err)
		}
	}
	os.Mkdir(c, 0o755)
	os.WriteFile(filepath.Join(c, "x"), nil, 0o644)
	err := commit(regular, nil)
	for _, tg := range regular {
		dropTemp(tg)
	}
	if err == nil || !strings.Contains(err.Error(), "put back as they were") {
		t.Fatalf("commit: %v; want an error saying the files were put back", err)
	}
	if got := read(t, a); got != "old a" {
		t.Errorf("a holds %q, want the old content", got)
	}
	if got := names(t, dir); !slices.Equal(got, []string{"a.svg", "c.png"}) {
		t.Errorf("dir holds %q; want a.svg and the directory in the way only", got)
	}
}

func TestWriteAllRefuses(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in.yaml")
	os.WriteFile(in, []byte("input"), 0o644)
	fi, _ := os.Stat(in)
	link := filepath.Join(dir, "link.svg")
	os.Symlink(in, link)
	sub := filepath.Join(dir, "sub.svg")
	os.Mkdir(sub, 0o755)
	ok := filepath.Join(dir, "ok.svg")
	for _, c := range []struct {
		name  string
		files []File
		want  string
	}{
		{"Input", []File{{Path: ok, Data: nil}, {Path: in, Data: nil}}, in + " is an input of this command"},
		{"LinkToInput", []File{{Path: ok, Data: nil}, {Path: link, Data: nil}}, link + " is an input of this command"},
		{"Directory", []File{{Path: ok, Data: nil}, {Path: sub, Data: nil}}, sub + " is a directory"},
		{"Twice", []File{{Path: ok, Data: nil}, {Path: filepath.Join(dir, ".", "ok.svg")}}, "would be written twice"},
	} {
		t.Run(c.name, func(t *testing.T) {
			err := WriteAll(c.files, fi)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %v, want %q", err, c.want)
			}
			if err := Check([]string{c.files[0].Path, c.files[1].Path}, fi); err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("Check: %v, want %q", err, c.want)
			}
			if got := names(t, dir); !slices.Equal(got, []string{"in.yaml", "link.svg", "sub.svg"}) {
				t.Errorf("dir holds %q: something was written", got)
			}
		})
	}
	var se *SameFileError
	if !errors.As(WriteAll([]File{{Path: in, Data: nil}}, fi), &se) {
		t.Error("the error of an input is not a *SameFileError")
	}
}

// TestLinksReplaced writes over a link to a regular file and over a
// dangling link: the link is replaced, and the file it named is left.
func TestLinksReplaced(t *testing.T) {
	dir := t.TempDir()
	elsewhere := filepath.Join(dir, "elsewhere")
	os.WriteFile(elsewhere, []byte("keep"), 0o644)
	link, dangling := filepath.Join(dir, "a.svg"), filepath.Join(dir, "b.svg")
	os.Symlink(elsewhere, link)
	os.Symlink(filepath.Join(dir, "missing"), dangling)
	if err := WriteAll([]File{{Path: link, Data: []byte("a")}, {Path: dangling, Data: []byte("b")}}); err != nil {
		t.Fatal(err)
	}
	if read(t, elsewhere) != "keep" || read(t, link) != "a" || read(t, dangling) != "b" {
		t.Error("a link was followed")
	}
	if _, err := os.Stat(filepath.Join(dir, "missing")); !os.IsNotExist(err) {
		t.Error("a dangling link was followed")
	}
}

func TestAbort(t *testing.T) {
	dir := t.TempDir()
	tg, _ := plan(File{Path: filepath.Join(dir, "a.svg"), Data: []byte("x")}, nil)
	if err := writeTemp(tg); err != nil {
		t.Fatal(err)
	}
	Abort()
	defer func() {
		tempMu.Lock()
		aborted = false
		tempMu.Unlock()
	}()
	if got := names(t, dir); len(got) != 0 {
		t.Errorf("after Abort, dir holds %q", got)
	}
	if err := Write(filepath.Join(dir, "b.svg"), []byte("y")); !errors.Is(err, ErrAborted) {
		t.Errorf("a write after Abort: %v", err)
	}
	if got := names(t, dir); len(got) != 0 {
		t.Errorf("after Abort, a write left %q", got)
	}
}

func TestRemoveStale(t *testing.T) {
	dir := t.TempDir()
	now := time.Now()
	old := now.Add(-StaleAge - time.Minute)
	files := map[string]bool{ // name: removed
		".fig.svg.tmp123":   true,
		".FIG.HTML.tmp9":    true,
		".fig.svg.tmp456":   false, // recent
		".notes.tmp1":       false, // not an extension of ours
		".fig.svg.tmp":      false,
		".fig.svg.tmp1x":    false,
		"fig.svg.tmp1":      false,
		".fig.svg.tmp1.bak": false,
	}
	for name := range files {
		p := filepath.Join(dir, name)
		os.WriteFile(p, nil, 0o644)
		if name != ".fig.svg.tmp456" {
			os.Chtimes(p, old, old)
		}
	}
	os.Mkdir(filepath.Join(dir, ".dir.svg.tmp1"), 0o755)
	os.Chtimes(filepath.Join(dir, ".dir.svg.tmp1"), old, old)
	removed := RemoveStale(dir, []string{".svg", ".html"}, now)
	if len(removed) != 2 {
		t.Errorf("removed %q, want 2 files", removed)
	}
	for name, gone := range files {
		_, err := os.Stat(filepath.Join(dir, name))
		if os.IsNotExist(err) != gone {
			t.Errorf("%s: removed %v, want %v", name, os.IsNotExist(err), gone)
		}
	}
}
