package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/asyncgantt/asyncgantt/internal/golden"
	"github.com/asyncgantt/asyncgantt/trace"
	"github.com/asyncgantt/asyncgantt/trace/chrome"
)

// programs is where the corpus of Python programs lives.
var programs = filepath.Join("pytrace", "testdata", "programs")

// needPython3 skips a test without a python3 that can be traced (CI has
// one: .ci/run requires it).
func needPython3(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("python3"); err != nil {
		t.Skip("python3 not found: tracing Python programs needs CPython 3.11+ (CI requires it)")
	}
}

// runPy runs the command line and returns stdout, stderr and the exit
// status.
func runPy(t *testing.T, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	err := run(args, &out, &errb)
	code := exitCode(err, &errb)
	return out.String(), errb.String(), code
}

// readJSON reads a trace the json format wrote.
func readJSON(t *testing.T, path string) *trace.Trace {
	t.Helper()
	tr, _, err := chrome.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return tr
}

// TestRunPythonLesson is the acceptance lesson: with --runs
// sequential,concurrent it prints what python3 prints, draws two runs of
// 6 s and 3 s with A 0–2, B 2–3, C 3–6 and A 0–2, B 0–1, C 0–3, and renders
// byte-identical files twice.
func TestRunPythonLesson(t *testing.T) {
	needPython3(t)
	lesson := filepath.Join(programs, "lesson.py")
	var files [2]map[string][]byte
	for i := range files {
		dir := t.TempDir()
		start := time.Now()
		stdout, stderr, code := runPy(t, "run", lesson, "--runs", "sequential,concurrent", "--format", "svg,html,json,txt", "--out", dir, "--chart", "never", "-q")
		if code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		t.Logf("traced and drawn in %v", time.Since(start))
		want := "Task A starting...\nTask A done after 2 seconds\nTask B starting...\nTask B done after 1 seconds\nTask C starting...\nTask C done after 3 seconds\nSequential total: ~6 seconds\n" +
			"Task A starting...\nTask B starting...\nTask C starting...\nTask B done after 1 seconds\nTask A done after 2 seconds\nTask C done after 3 seconds\nConcurrent total: ~3 seconds\n"
		if stdout != want {
			t.Errorf("stdout\n%s\nwant\n%s", stdout, want)
		}
		files[i] = map[string][]byte{}
		for _, ext := range []string{"svg", "html", "json", "txt"} {
			b, err := os.ReadFile(filepath.Join(dir, "lesson."+ext))
			if err != nil {
				t.Fatal(err)
			}
			files[i][ext] = b
		}
		if i == 0 {
			tr := readJSON(t, filepath.Join(dir, "lesson.json"))
			checkLessonRuns(t, tr)
			golden.Check(t, filepath.Join("testdata", "golden", "python-lesson.svg"), files[i]["svg"])
		}
	}
	for ext, b := range files[0] {
		if !bytes.Equal(b, files[1][ext]) {
			t.Errorf("lesson.%s differs between two runs", ext)
		}
	}
}

func checkLessonRuns(t *testing.T, tr *trace.Trace) {
	t.Helper()
	type span struct{ start, end time.Duration }
	want := []struct {
		name  string
		total time.Duration
		lanes map[string]span
	}{
		{"sequential", 6 * time.Second, map[string]span{"task('A', 2)": {0, 2 * time.Second}, "task('B', 1)": {2 * time.Second, 3 * time.Second}, "task('C', 3)": {3 * time.Second, 6 * time.Second}}},
		{"concurrent", 3 * time.Second, map[string]span{"task('A', 2)": {0, 2 * time.Second}, "task('B', 1)": {0, time.Second}, "task('C', 3)": {0, 3 * time.Second}}},
	}
	if len(tr.Runs) != len(want) {
		t.Fatalf("%d runs, want %d", len(tr.Runs), len(want))
	}
	for i, w := range want {
		r := tr.Runs[i]
		if r.Name != w.name || r.Total != w.total {
			t.Errorf("run %d: %q %v, want %q %v", i, r.Name, r.Total, w.name, w.total)
		}
		for name, s := range w.lanes {
			l := r.Lane(name)
			if l == nil {
				t.Errorf("run %q has no lane %q", r.Name, name)
				continue
			}
			if l.Start != s.start || l.End != s.end {
				t.Errorf("run %q lane %q: %v–%v, want %v–%v", r.Name, name, l.Start, l.End, s.start, s.end)
			}
		}
	}
}

// TestRunPythonThreeWays draws the three ways of one gather of a, b, c
// given as three files: time.sleep (3.0 s, the loop busy), asyncio.sleep
// without await (0 s, with the warnings), await asyncio.sleep (1.5 s).
func TestRunPythonThreeWays(t *testing.T) {
	needPython3(t)
	dir := t.TempDir()
	var args []string
	for _, f := range []string{"threeways_blocking", "threeways_no_await", "threeways_awaited"} {
		args = append(args, filepath.Join(programs, f+".py"))
	}
	out := filepath.Join(dir, "three.json")
	_, stderr, code := runPy(t, append([]string{"run", "-o", out, "-q"}, args...)...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	tr := readJSON(t, out)
	if len(tr.Runs) != 3 {
		t.Fatalf("%d runs, want 3", len(tr.Runs))
	}
	blocking, noAwait, awaited := tr.Runs[0], tr.Runs[1], tr.Runs[2]
	if blocking.Name != "threeways_blocking" || blocking.Total != 3*time.Second {
		t.Errorf("first run %q %v, want threeways_blocking 3s", blocking.Name, blocking.Total)
	}
	if loop := blocking.Lanes[0]; loop.Kind != trace.LoopLane || loop.Time(trace.Busy) != 3*time.Second {
		t.Errorf("the blocking run's loop is busy %v, want 3s", loop.Time(trace.Busy))
	}
	if noAwait.Total != 0 || len(noAwait.Warnings) != 3 || !strings.Contains(noAwait.Warnings[0], "coroutine 'sleep' was never awaited") {
		t.Errorf("second run: %v, warnings %q; want 0s and three never-awaited warnings", noAwait.Total, noAwait.Warnings)
	}
	if awaited.Total != 1500*time.Millisecond {
		t.Errorf("third run lasts %v, want 1.5s", awaited.Total)
	}
	svg := filepath.Join(dir, "three.svg")
	if _, stderr, code := runPy(t, append([]string{"run", "-o", svg, "-q"}, args...)...); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	b, _ := os.ReadFile(svg)
	abs, _ := filepath.Abs(programs)
	b = bytes.ReplaceAll(b, []byte(abs), []byte("PROGRAMS"))
	golden.Check(t, filepath.Join("testdata", "golden", "python-three-ways.svg"), b)
}

// TestRunPythonErrors: what a program that cannot be traced, or cannot
// finish, makes the command do.
func TestRunPythonErrors(t *testing.T) {
	needPython3(t)
	stuck := filepath.Join("pytrace", "testdata", "stuck")
	dir := t.TempDir()
	for _, c := range []struct {
		name string
		args []string
		code int
		err  string
		fig  bool
	}{
		{"deadlock", []string{filepath.Join(stuck, "deadlock.py")}, 1, "deadlock at t=0.5 s: main waits for gather(", true},
		{"max-duration", []string{filepath.Join(stuck, "forever.py"), "--max-duration", "10m"}, 1, "longer than --max-duration: ticker waits for sleep 60 s", true},
		{"network", []string{filepath.Join(stuck, "network.py")}, 2, "network.py:6: the program does real network I/O (loop.create_connection), which cannot run on the virtual clock; run it with --clock real", false},
		{"no python", []string{filepath.Join(programs, "lesson.py"), "--python", "no-such-python3"}, 2, "cannot find no-such-python3", false},
		{"no such run", []string{filepath.Join(programs, "lesson.py"), "--runs", "sequentail"}, 2, `no coroutine of the program was a call of "sequentail"`, false},
		{"program fails", []string{filepath.Join(programs, "uncaught.py")}, 1, "uncaught.py exited with status 1", true},
		{"missing file", []string{filepath.Join(dir, "nope.py")}, 2, "cannot read", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			out := filepath.Join(dir, strings.ReplaceAll(c.name, " ", "_")+".svg")
			_, stderr, code := runPy(t, append([]string{"run", "-o", out, "-q"}, c.args...)...)
			if code != c.code || !strings.Contains(stderr, c.err) {
				t.Errorf("exit %d, stderr %q; want exit %d and %q", code, stderr, c.code, c.err)
			}
			if _, err := os.Stat(out); (err == nil) != c.fig {
				t.Errorf("figure written: %v, want %v", err == nil, c.fig)
			}
		})
	}
}
