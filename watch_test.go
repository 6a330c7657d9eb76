package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a bytes.Buffer safe for a writer and a reader goroutine.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func watchScenario(title, step string) string {
	return "title: " + title + "\ntasks: {A: 2s, B: 1s}\nruns:\n  R:\n    - " + step + "\n"
}

// saveByRename saves as many editors do: a temporary file renamed over
// the original.
func saveByRename(t *testing.T, path, src string) {
	t.Helper()
	tmp := path + ".swp"
	if err := os.WriteFile(tmp, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		t.Fatal(err)
	}
}

// watching is a watch running in-process, started by startWatch.
type watching struct {
	stdout, stderr syncBuffer
	renders        chan error
	cancel         context.CancelFunc
	done           chan struct{} // closed when watch returns
	err            error         // what watch returned
}

// startWatch starts watch on path with the flags args, and stops it when
// the test ends.
func startWatch(t *testing.T, path string, args ...string) *watching {
	t.Helper()
	var o outputOptions
	fs := newFlags("watch", watchUsage, &bytes.Buffer{})
	o.register(fs)
	if err := parseFlags(fs, args); err != nil {
		t.Fatal(err)
	}
	if err := o.check(); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	w := &watching{renders: make(chan error, 10), cancel: cancel, done: make(chan struct{})}
	go func() {
		w.err = watch(ctx, path, o, &w.stdout, &w.stderr, func(err error) {
			select {
			case w.renders <- err:
			case <-ctx.Done():
			}
		})
		close(w.done)
	}()
	t.Cleanup(func() {
		cancel()
		<-w.done
	})
	return w
}

// next waits for the next render; the timeout is generous so a loaded
// machine does not fail the test, and the time taken is logged.
func (w *watching) next(t *testing.T, what string) error {
	t.Helper()
	start := time.Now()
	select {
	case err := <-w.renders:
		t.Logf("%s: rendered after %v", what, time.Since(start).Round(time.Millisecond))
		return err
	case <-time.After(10 * time.Second):
		t.Fatalf("%s: no render within 10 s; stderr:\n%s", what, w.stderr.String())
		return nil
	}
}

func TestWatch(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "lesson.yaml")
	out := filepath.Join(dir, "out")
	svg := filepath.Join(out, "lesson.svg")
	if err := os.WriteFile(path, []byte(watchScenario("First", "gather: [A, B]")), 0o644); err != nil {
		t.Fatal(err)
	}
	w := startWatch(t, path, "--out", out)
	stdout, stderr, next, cancel, done := &w.stdout, &w.stderr, w.next, w.cancel, w.done
	svgHas := func(text string) bool {
		data, err := os.ReadFile(svg)
		return err == nil && bytes.Contains(data, []byte(text))
	}
	report := func() string {
		data, _ := os.ReadFile(filepath.Join(out, "lesson.html"))
		return string(data)
	}
	version := func() string {
		data, _ := os.ReadFile(filepath.Join(out, "lesson.reload.js"))
		return string(data)
	}

	var goodVersion string
	t.Run("FirstRender", func(t *testing.T) {
		if err := next(t, "start"); err != nil {
			t.Fatalf("first render: %v", err)
		}
		if !svgHas("First") {
			t.Errorf("%s does not show the first title", svg)
		}
	})
	t.Run("SaveByRename", func(t *testing.T) {
		saveByRename(t, path, watchScenario("Second", "gather: [A, B]"))
		if err := next(t, "rename save"); err != nil {
			t.Fatalf("render after save: %v", err)
		}
		if !svgHas("Second") {
			t.Errorf("%s was not re-rendered after a save by rename", svg)
		}
		goodVersion = version()
	})
	t.Run("InvalidSaveKeepsOutput", func(t *testing.T) {
		if err := os.WriteFile(path, []byte(watchScenario("Third", "slep: 1s")), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := next(t, "invalid save"); err == nil {
			t.Fatal("an invalid scenario rendered without error")
		}
		if want := `lesson.yaml:5:7: unknown step "slep"; did you mean "sleep"?`; !strings.Contains(stderr.String(), want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr.String())
		}
		if !strings.Contains(stderr.String(), "      ^\n") {
			t.Errorf("stderr lacks the caret line:\n%s", stderr.String())
		}
		if !svgHas("Second") {
			t.Errorf("an invalid save changed %s", svg)
		}
		// The report shows the problem above the last good figure, and
		// its page reloads to show it.
		if r := report(); !strings.Contains(r, `role="alert"`) || !strings.Contains(r, `unknown step &#34;slep&#34;`) || !strings.Contains(r, "Second") {
			t.Errorf("the report after an invalid save does not show the error above the last good figure:\n%.2000s", r)
		}
		if v := version(); v == goodVersion || v == "" {
			t.Errorf("the version file %q did not change: the open page would not show the error", v)
		}
	})
	t.Run("Recovers", func(t *testing.T) {
		saveByRename(t, path, watchScenario("Fourth", "await: A"))
		if err := next(t, "valid save"); err != nil {
			t.Fatalf("render after a fix: %v", err)
		}
		if !svgHas("Fourth") {
			t.Errorf("%s was not re-rendered after the scenario was fixed", svg)
		}
		if r := report(); strings.Contains(r, `role="alert"`) || !strings.Contains(r, "Fourth") {
			t.Errorf("the report after a good save still shows an error, or not the new figure")
		}
	})
	t.Run("Stops", func(t *testing.T) {
		cancel()
		select {
		case <-done:
			if w.err != nil {
				t.Errorf("watch returned %v", w.err)
			}
		case <-time.After(10 * time.Second):
			t.Fatal("watch did not stop when its context ended")
		}
	})
	if got := strings.Count(stderr.String(), "lesson.yaml changed: rendering again\n"); got != 3 {
		t.Errorf("stderr announces %d re-renders, want 3:\n%s", got, stderr.String())
	}
	if got := strings.Count(stdout.String(), "Task A starting..."); got != 3 {
		t.Errorf("stdout holds %d transcripts, want one per good render (3):\n%s", got, stdout.String())
	}
}

func TestWatchUsage(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name   string
		args   []string
		stderr string
	}{
		{"NoFile", []string{"watch"}, "name one scenario file"},
		{"Missing", []string{"watch", filepath.Join(dir, "nope.yaml")}, "asyncgantt new"},
		{"Builtin", []string{"watch", "async-basics"}, "asyncgantt show async-basics > async-basics.yaml"},
		{"Directory", []string{"watch", dir}, "is a directory"},
		{"Stdout", []string{"watch", "x.yaml", "-o", "-"}, "cannot re-render to standard output"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, stderr, code := runCLI(t, tt.args...)
			if code != 2 {
				t.Errorf("exit %d, want 2; stderr: %s", code, stderr)
			}
			if !strings.Contains(stderr, tt.stderr) {
				t.Errorf("stderr %q does not contain %q", stderr, tt.stderr)
			}
		})
	}
}
