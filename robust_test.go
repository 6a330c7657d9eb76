package main

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/asyncgantt/asyncgantt/internal/golden"
	"github.com/asyncgantt/asyncgantt/scenarios"
)

// TestBadScenarios runs every file of the bad-input corpus, testdata/bad:
// each is refused with exit status 2 and a message naming the file, line
// and column (golden NAME.err holds the exact standard error), and
// nothing is written into --out.
func TestBadScenarios(t *testing.T) {
	files, err := filepath.Glob("testdata/bad/*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 40 {
		t.Fatalf("the corpus has %d bad inputs; it should have at least 40", len(files))
	}
	for _, path := range files {
		name := strings.TrimSuffix(filepath.Base(path), ".yaml")
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.HasPrefix(string(src), "# ") {
				t.Errorf("%s does not start with a comment saying what it tests", path)
			}
			out := filepath.Join(t.TempDir(), "out")
			stdout, stderr, code := runCLI(t, "run", path, "--out", out)
			if code != 2 {
				t.Errorf("exit %d, want 2; stderr: %s", code, stderr)
			}
			if stdout != "" {
				t.Errorf("stdout = %q, want nothing", stdout)
			}
			// An empty file has no position to name: the whole file is
			// the problem.
			at := `:\d+:\d+: `
			if strings.HasPrefix(name, "empty") {
				at = `: `
			}
			if want := regexp.MustCompile(`^` + regexp.QuoteMeta(path) + at); !want.MatchString(stderr) {
				t.Errorf("stderr %q does not start with %s%s", stderr, path, at)
			}
			checkNothingWritten(t, out)
			golden.Check(t, filepath.Join("testdata", "bad", name+".err"), []byte(stderr))
		})
	}
}

// TestBadFiles are bad inputs made by the test rather than committed: a
// binary file, a huge file, a directory, an empty file and a file that
// does not exist.
func TestBadFiles(t *testing.T) {
	dir := t.TempDir()
	binary := filepath.Join(dir, "binary.yaml")
	data := []byte("tasks: {A: 1s}\n")
	for i := 0; i < 256; i++ {
		data = append(data, byte(i*37))
	}
	os.WriteFile(binary, data, 0o644)
	huge := filepath.Join(dir, "huge.yaml")
	f, err := os.Create(huge)
	if err != nil {
		t.Fatal(err)
	}
	// A sparse file: big, but takes no room on the disk.
	if err := f.Truncate(scenarios.MaxSourceBytes + 1); err != nil {
		t.Fatal(err)
	}
	f.Close()
	empty := filepath.Join(dir, "empty.yaml")
	os.WriteFile(empty, nil, 0o644)
	folder := filepath.Join(dir, "folder.yaml")
	os.Mkdir(folder, 0o755)
	tests := []struct {
		name, path, stderr string
	}{
		{"ErrBinary", binary, binary + ":2:1: this is not a text file (a NUL byte here): a scenario is a YAML text file in UTF-8\n"},
		{"ErrHuge", huge, "asyncgantt: " + huge + " is 67108865 bytes; scenario files are limited to 67108864 bytes\n"},
		{"ErrEmpty", empty, empty + ": the file is empty: a scenario needs at least tasks: and runs: (asyncgantt new FILE writes a starter)\n"},
		{"ErrDirectory", folder, "asyncgantt: " + folder + " is a directory; name a scenario file\n"},
		{"ErrMissing", filepath.Join(dir, "missing.yaml"), "asyncgantt: cannot read " + filepath.Join(dir, "missing.yaml") + ": no such file or directory\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			_, stderr, code := runCLI(t, "run", tt.path, "--out", out)
			if code != 2 {
				t.Errorf("exit %d, want 2; stderr: %s", code, stderr)
			}
			if stderr != tt.stderr {
				t.Errorf("stderr = %q, want %q", stderr, tt.stderr)
			}
			checkNothingWritten(t, out)
		})
	}
}

// checkNothingWritten fails if the directory exists and holds anything.
func checkNothingWritten(t *testing.T, dir string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	for _, e := range entries {
		t.Errorf("a failed command wrote %s", filepath.Join(dir, e.Name()))
	}
}

// TestRunStuck checks a run that cannot finish: exit status 1 (a failure
// while running, not bad input), the message naming what each task waits
// for and what to do, and the figure written, marked interrupted.
func TestRunStuck(t *testing.T) {
	dir := t.TempDir()
	deadlock := filepath.Join(dir, "deadlock.yaml")
	os.WriteFile(deadlock, []byte("primitives: {ev: event}\ntasks:\n  A: [{sleep: 1s}, {await: ev}]\nruns:\n  R: [{await: A}]\n"), 0o644)
	fanOut := filepath.Join(dir, "fanout.yaml")
	os.WriteFile(fanOut, []byte("tasks:\n  A: 1s\n  B: [{gather: [A, A, A, A, A, A, A, A, A, A]}]\nruns:\n  R: [{gather: [B, B, B, B, B, B, B, B, B, B]}]\n"), 0o644)
	long := filepath.Join(dir, "long.yaml")
	os.WriteFile(long, []byte("tasks: {A: 3h}\nruns: {R: [{await: A}]}\n"), 0o644)
	tests := []struct {
		name   string
		args   []string
		stderr string
	}{
		{"ErrDeadlock", []string{deadlock}, `asyncgantt: run "R": deadlock at t=1 s: main (in A) waits for event ev, which no task sets (Python would hang here); the figures show the run up to there` + "\n"},
		{"ErrMaxEvents", []string{fanOut, "--max-events", "100"}, `asyncgantt: run "R": stopped at t=0 s after 100 loop callbacks, the limit for one run; the figures show the run up to there. A scenario that really needs more can raise the limit, e.g. --max-events 1000` + "\n"},
		{"ErrMaxDuration", []string{long}, `asyncgantt: run "R": stopped at t=3600 s: a run may last 1h of scenario time at most; the figures show the run up to there. A scenario that really lasts longer can raise the limit, e.g. --max-duration 10h` + "\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := t.TempDir()
			_, stderr, code := runCLI(t, append([]string{"run", "-q", "--format", "svg", "--out", out}, tt.args...)...)
			if code != 1 {
				t.Errorf("exit %d, want 1", code)
			}
			if stderr != tt.stderr {
				t.Errorf("stderr:\n got %q\nwant %q", stderr, tt.stderr)
			}
			name := strings.TrimSuffix(filepath.Base(tt.args[0]), ".yaml")
			svg, err := os.ReadFile(filepath.Join(out, name+".svg"))
			if err != nil {
				t.Fatalf("the figure of a stuck run was not written: %v", err)
			}
			checkWellFormed(t, svg)
			if !bytes.Contains(svg, []byte("· interrupted")) {
				t.Errorf("the figure is not marked interrupted")
			}
		})
	}
	t.Run("MaxDurationRaised", func(t *testing.T) {
		_, stderr, code := runCLI(t, "run", "-q", "--format", "svg", "--out", t.TempDir(), long, "--max-duration", "4h")
		if code != 0 {
			t.Errorf("exit %d: %s", code, stderr)
		}
	})
	for _, bad := range [][]string{{"--max-events", "0"}, {"--max-duration", "0s"}, {"--max-duration", "-1h"}, {"--max-duration", "soon"}} {
		t.Run("ErrFlag"+bad[0], func(t *testing.T) {
			_, stderr, code := runCLI(t, append([]string{"run", "async-basics", "--out", t.TempDir()}, bad...)...)
			if code != 2 || !strings.Contains(stderr, bad[0]) {
				t.Errorf("exit %d, stderr %q; want 2 and a message about %s", code, stderr, bad[0])
			}
		})
	}
}

// checkWellFormed fails unless data is well-formed XML.
func checkWellFormed(t *testing.T, data []byte) {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(data))
	for {
		_, err := d.Token()
		if err == io.EOF {
			return
		}
		if err != nil {
			t.Fatalf("not well-formed XML: %v", err)
		}
	}
}

// TestOutputStaysInOut runs scenario and trace files whose names would
// make unsafe output names and checks every file lands inside --out under
// a sanitised name.
func TestOutputStaysInOut(t *testing.T) {
	src := []byte("title: ../../etc/passwd\ntasks: {A: 1s}\nruns: {R: [{await: A}]}\n")
	tests := []struct{ file, want string }{
		{"..yaml", "figure.svg"},
		{"CON.yaml", "_CON.svg"},
		{"a b;rm -rf.yaml", "a-b-rm-rf.svg"},
		{".hidden.yaml", "hidden.svg"},
		{strings.Repeat("x", 200) + ".yaml", strings.Repeat("x", 100) + ".svg"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			root := t.TempDir()
			in := filepath.Join(root, "in")
			os.Mkdir(in, 0o755)
			path := filepath.Join(in, tt.file)
			if err := os.WriteFile(path, src, 0o644); err != nil {
				t.Fatal(err)
			}
			out := filepath.Join(root, "out")
			if _, stderr, code := runCLI(t, "run", "-q", "--format", "svg", "--out", out, path); code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			checkOnly(t, root, "in/"+tt.file, "out/"+tt.want)
		})
	}
	t.Run("RenderTrace", func(t *testing.T) {
		root := t.TempDir()
		trace := filepath.Join(root, "...json")
		os.WriteFile(trace, []byte(`{"traceEvents":[{"ph":"X","name":"a","pid":1,"tid":1,"ts":0,"dur":5}],"otherData":{"title":"../../etc"}}`), 0o644)
		out := filepath.Join(root, "out")
		if _, stderr, code := runCLI(t, "render", "-q", "--format", "svg", "--out", out, trace); code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		checkOnly(t, root, "...json", "out/figure.svg")
	})
}

// checkOnly fails unless the files under root are exactly want (slash
// separated paths relative to root).
func checkOnly(t *testing.T, root string, want ...string) {
	t.Helper()
	var got []string
	filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(root, path)
			got = append(got, filepath.ToSlash(rel))
		}
		return nil
	})
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("files %q, want %q", got, want)
	}
}

// TestFailedWriteLeavesNoTemporaryFile puts a directory where the
// figure goes: the command is refused before it runs (exit status 2), the
// message names the file, and nothing is written.
func TestFailedWriteLeavesNoTemporaryFile(t *testing.T) {
	out := t.TempDir()
	os.Mkdir(filepath.Join(out, "async-basics.svg"), 0o755)
	stdout, stderr, code := runCLI(t, "run", "-q", "--format", "svg", "--out", out, "async-basics")
	if code != 2 || !strings.Contains(stderr, "async-basics.svg is a directory") || stdout != "" {
		t.Errorf("exit %d, stdout %q, stderr %q; want 2, nothing run and a message naming the file", code, stdout, stderr)
	}
	checkOnly(t, out)
	entries, _ := os.ReadDir(out)
	if len(entries) != 1 {
		t.Errorf("--out holds %d entries, want only the directory in the way", len(entries))
	}
}

// TestInterruptRealRun is the acceptance test of Ctrl-C: it builds the
// command, starts a real-clock run, interrupts it after a second, and
// checks the exit status (130) and that a complete figure marked
// interrupted was written, with no temporary file left.
func TestInterruptRealRun(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the command and runs it for a second")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "asyncgantt")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	out := filepath.Join(dir, "out")
	cmd := exec.Command(bin, "run", "async-basics", "--clock", "real", "--out", out)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(time.Second)
	cmd.Process.Signal(os.Interrupt)
	err := cmd.Wait()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 130 {
		t.Fatalf("exit: %v, want status 130; stderr: %s", err, stderr.String())
	}
	if !strings.Contains(stderr.String(), `run "Sequential": stopped by an interrupt (Ctrl-C) at t=`) {
		t.Errorf("stderr %q does not report the interrupt", stderr.String())
	}
	checkOnly(t, out, "async-basics.svg", "async-basics.html")
	svg, err := os.ReadFile(filepath.Join(out, "async-basics.svg"))
	if err != nil {
		t.Fatal(err)
	}
	checkWellFormed(t, svg)
	for _, want := range []string{"· interrupted", "stopped by an interrupt"} {
		if !bytes.Contains(svg, []byte(want)) {
			t.Errorf("the figure lacks %q", want)
		}
	}
}
