package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/asyncgantt/asyncgantt/internal/golden"
)

// TestHTMLReport checks the report of async-basics against its golden
// file, and that a second render gives the same bytes.
func TestHTMLReport(t *testing.T) {
	var pages [2][]byte
	for i := range pages {
		dir := t.TempDir()
		if _, stderr, code := runCLI(t, "run", "async-basics", "--out", dir, "--format", "html", "-q"); code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		data, err := os.ReadFile(filepath.Join(dir, "async-basics.html"))
		if err != nil {
			t.Fatal(err)
		}
		pages[i] = data
	}
	if !bytes.Equal(pages[0], pages[1]) {
		t.Errorf("two renders differ: %s", golden.FirstDiff(pages[0], pages[1]))
	}
	golden.Check(t, "testdata/golden/async-basics.html", pages[0])
}

// TestGalleryIndex checks which files the gallery writes for each choice
// of formats: the index only with HTML reports, thumbnails only with SVG.
func TestGalleryIndex(t *testing.T) {
	tests := []struct {
		name      string
		formats   string
		index     bool
		thumbnail bool
	}{
		{"Default", "", true, true},
		{"HTMLOnly", "html", true, false},
		{"SVGOnly", "svg", false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			args := []string{"--out", dir, "-q"}
			if tt.formats != "" {
				args = append(args, "--format", tt.formats)
			}
			if _, stderr, code := runCLI(t, args...); code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			index, err := os.ReadFile(filepath.Join(dir, "index.html"))
			if got := err == nil; got != tt.index {
				t.Fatalf("index.html written: %v, want %v", got, tt.index)
			}
			if !tt.index {
				return
			}
			if got, want := strings.Contains(string(index), `<a class="card-link" href="async-basics.html">`), true; got != want {
				t.Errorf("index links the report: %v, want %v", got, want)
			}
			if got := strings.Contains(string(index), `<img src="async-basics.svg"`); got != tt.thumbnail {
				t.Errorf("index shows a thumbnail: %v, want %v", got, tt.thumbnail)
			}
		})
	}
}
