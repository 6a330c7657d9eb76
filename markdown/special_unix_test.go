//go:build unix

package markdown

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestPlanRefusesSpecialFiles names, as pages, files that are not: each
// is refused at once, without reading from it or waiting on it, as every
// input of asyncgantt is (issue 17, item 3). A figure in the assets
// folder that is a link to /dev/zero is not read to compare it.
func TestPlanRefusesSpecialFiles(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo.md")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	for path, kind := range map[string]string{"/dev/zero": "a character device", fifo: "a named pipe (FIFO)"} {
		done := make(chan error, 1)
		go func() {
			_, err := Plan([]string{path}, &fakeRenderer{}, Config{})
			done <- err
		}()
		select {
		case err := <-done:
			if want := path + ": the page is " + kind + ", not a regular file"; err == nil || !strings.Contains(err.Error(), want) {
				t.Errorf("Plan(%s): %v, want %q", path, err, want)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("Plan(%s) does not return", path)
		}
	}
	page := filepath.Join(dir, "lesson.md")
	writePage(t, page, "# Lesson\n\n```asyncgantt\nquick: A=1s\n```\n")
	update(t, Config{}, page)
	figs, _ := filepath.Glob(filepath.Join(dir, "*", "lesson-*"))
	if len(figs) == 0 {
		t.Fatal("no figure written")
	}
	for _, f := range figs {
		os.Remove(f)
		os.Symlink("/dev/zero", f)
	}
	done := make(chan error, 1)
	go func() {
		_, err := Plan([]string{page}, &fakeRenderer{}, Config{})
		done <- err
	}()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Plan with figures linked to /dev/zero: %v", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("Plan reads a figure linked to /dev/zero")
	}
}
