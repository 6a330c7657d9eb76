package runner

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/asyncgantt/asyncgantt/internal/walltime"
	"github.com/asyncgantt/asyncgantt/scenarios"
	"github.com/asyncgantt/asyncgantt/scenarios/python"
	"github.com/asyncgantt/asyncgantt/trace"
)

// The differential test runs the Python program generated for a scenario
// under CPython, traced by testdata/pyharness.py with every duration
// scaled down, and checks it against the runner's virtual run: the same
// printed lines and warnings in the same order, the same uncaught
// exception, the same exception-handler messages, and every task and
// inline coroutine starting and ending at the same (scaled) times, within
// diffTolerance of wall time.

// diffTolerance absorbs CPython's overhead: the loop's selector waits in
// whole milliseconds (rounded up), and each step costs microseconds; plus
// diffDrift of the time elapsed, for sleeps that overshoot on a busy
// machine.
const (
	diffTolerance = 6 * time.Millisecond
	diffDrift     = 0.03
)

// diffBudget is about how long, in wall time, the longest run of a
// scenario may take under the test; durations are scaled to fit.
const diffBudget = 400 * time.Millisecond

type pyTrace struct {
	Runs []struct {
		Events []struct {
			Kind string  `json:"kind"`
			T    float64 `json:"t"`
			Text string  `json:"text"`
		} `json:"events"`
		Stderr []string `json:"stderr"`
		Lanes  []struct {
			Name  string   `json:"name"`
			Start *float64 `json:"start"`
			End   *float64 `json:"end"`
		} `json:"lanes"`
		Error *string `json:"error"`
	} `json:"runs"`
}

// python3 returns the path of python3, or skips the test.
func python3(t testing.TB) string {
	t.Helper()
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 not found: the differential test against CPython needs Python 3.11+ on PATH (CI requires it)")
	}
	out, err := exec.Command(py, "-c", "import sys; print(sys.version_info >= (3, 11))").Output()
	if err != nil || strings.TrimSpace(string(out)) != "True" {
		t.Skipf("%s is not Python 3.11+: the differential test needs asyncio.TaskGroup and asyncio.timeout", py)
	}
	return py
}

// runCPython runs scenario s's Python program traced, with durations
// scaled by scale: the program asyncgantt writes, or src when not nil.
func runCPython(t *testing.T, py string, s *scenarios.Scenario, tr *trace.Trace, scale float64, src []byte) *pyTrace {
	t.Helper()
	var opts python.Options
	for _, r := range tr.Runs {
		opts.Raises = append(opts.Raises, r.Error)
	}
	if src == nil {
		var err error
		if src, err = python.Program(s, opts); err != nil {
			t.Fatal(err)
		}
	}
	dir := t.TempDir()
	prog := filepath.Join(dir, s.Name+".py")
	if err := os.WriteFile(prog, src, 0o644); err != nil {
		t.Fatal(err)
	}
	funcs, runs := python.Names(s)
	var pools []any
	for _, p := range s.Primitives {
		if p.Kind == scenarios.ProcessPoolKind {
			if p.Size > 0 {
				pools = append(pools, p.Size)
			} else {
				pools = append(pools, nil)
			}
		}
	}
	names, _ := json.Marshal(map[string]any{"funcs": funcs, "runs": runs, "cpus": diffCPUs, "pools": pools})
	namesFile := filepath.Join(dir, "names.json")
	os.WriteFile(namesFile, names, 0o644)
	outFile := filepath.Join(dir, "out.json")
	harness, _ := filepath.Abs(filepath.Join("testdata", "pyharness.py"))
	cmd := exec.Command(py, harness, prog, namesFile, strconv.FormatFloat(scale, 'g', -1, 64), outFile)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("python3 %s: %v\n%s\nprogram:\n%s", prog, err, out, src)
	}
	data, err := os.ReadFile(outFile)
	if err != nil {
		t.Fatal(err)
	}
	var pt pyTrace
	if err := json.Unmarshal(data, &pt); err != nil {
		t.Fatal(err)
	}
	if len(pt.Runs) != len(s.Runs) {
		t.Fatalf("CPython ran %d runs, want %d", len(pt.Runs), len(s.Runs))
	}
	return &pt
}

var numberRE = regexp.MustCompile(`-?[0-9]+(\.[0-9]+)?`)

// sameText compares printed lines, letting numbers differ by tol (in the
// scenario's seconds) plus one unit of their last decimal: {elapsed}
// measured by CPython is a little late.
func sameText(model, py string, tol float64) bool {
	if model == py {
		return true
	}
	if numberRE.ReplaceAllString(model, "#") != numberRE.ReplaceAllString(py, "#") {
		return false
	}
	a, b := numberRE.FindAllString(model, -1), numberRE.FindAllString(py, -1)
	for i := range a {
		x, _ := strconv.ParseFloat(a[i], 64)
		y, _ := strconv.ParseFloat(b[i], 64)
		unit := 1.0
		if j := strings.IndexByte(a[i], '.'); j >= 0 {
			unit = math.Pow(10, -float64(len(a[i])-j-1))
		}
		if math.Abs(x-y) > tol+unit {
			return false
		}
	}
	return true
}

// checkAgainstCPython compares the virtual trace with CPython's.
// starts are when each lane's coroutine first ran, by run; a lane missing
// never ran.
type starts []map[*trace.Lane]time.Duration

func checkAgainstCPython(t testing.TB, s *scenarios.Scenario, tr *trace.Trace, st starts, pt *pyTrace, scale float64, wall time.Duration) {
	t.Helper()
	tol0 := wall.Seconds() / scale // in the scenario's seconds
	tolAt := func(at float64) float64 { return tol0 + diffDrift*at }
	for i, r := range tr.Runs {
		pr := pt.Runs[i]
		where := fmt.Sprintf("run %q", r.Name)
		// Printed lines and warnings, in order.
		type line struct {
			kind, text string
			at         float64
		}
		var model, other []line
		for _, lg := range r.Logs {
			switch {
			case !lg.Stderr:
				model = append(model, line{"print", lg.Text, lg.At.Seconds()})
			case strings.HasPrefix(lg.Text, "RuntimeWarning: "):
				model = append(model, line{"warn", lg.Text, lg.At.Seconds()})
			case lg.Text == r.Error:
			default:
				other = append(other, line{"stderr", lg.Text, 0})
			}
		}
		var py []line
		for _, ev := range pr.Events {
			py = append(py, line{ev.Kind, ev.Text, ev.T})
		}
		for j := 0; j < max(len(model), len(py)); j++ {
			var m, p line
			if j < len(model) {
				m = model[j]
			}
			if j < len(py) {
				p = py[j]
			}
			if m.kind != p.kind || !sameText(m.text, p.text, tolAt(m.at)) {
				t.Errorf("%s: output line %d: runner %s %q, CPython %s %q\nrunner:\n%s\nCPython:\n%s", where, j+1, m.kind, m.text, p.kind, p.text, dumpLines(model), dumpLines(py))
				break
			}
			if tol := tolAt(m.at); math.Abs(m.at-p.at) > tol {
				t.Errorf("%s: line %q printed at %.3f s by the runner, %.3f s by CPython (tolerance %.3f s)", where, m.text, m.at, p.at, tol)
			}
		}
		// The exception main raised.
		pyErr := ""
		if pr.Error != nil {
			pyErr = *pr.Error
		}
		if r.Error != pyErr {
			t.Errorf("%s: main raised %q in the runner, %q in CPython", where, r.Error, pyErr)
		}
		// Exception handler messages (their timing is the garbage
		// collector's): the same, in any order.
		var mo []string
		for _, o := range other {
			mo = append(mo, o.text)
		}
		po := slices.Clone(pr.Stderr)
		slices.Sort(mo)
		slices.Sort(po)
		if !slices.Equal(mo, po) {
			t.Errorf("%s: stderr messages: runner %q, CPython %q", where, mo, po)
		}
		// Each coroutine's start and end.
		seen := map[string]bool{}
		for _, pl := range pr.Lanes {
			seen[pl.Name] = true
			ml := r.Lane(pl.Name)
			if ml == nil {
				t.Errorf("%s: CPython ran coroutine %s, the runner has no such lane", where, pl.Name)
				continue
			}
			start, ran := st[i][ml]
			if pl.Start == nil {
				if ran {
					t.Errorf("%s: %s never started in CPython, but did in the runner at %v", where, pl.Name, start)
				}
				continue
			}
			if !ran {
				t.Errorf("%s: %s started in CPython at %.3f s, never in the runner", where, pl.Name, *pl.Start)
				continue
			}
			if tol := tolAt(start.Seconds()); math.Abs(start.Seconds()-*pl.Start) > tol {
				t.Errorf("%s: %s started at %.3f s in the runner, %.3f s in CPython (tolerance %.3f s)", where, pl.Name, start.Seconds(), *pl.Start, tol)
			}
			if pl.End == nil {
				t.Errorf("%s: %s never ended in CPython", where, pl.Name)
				continue
			}
			if tol := tolAt(ml.End.Seconds()); math.Abs(ml.End.Seconds()-*pl.End) > tol {
				t.Errorf("%s: %s ended at %.3f s in the runner, %.3f s in CPython (tolerance %.3f s)", where, pl.Name, ml.End.Seconds(), *pl.End, tol)
			}
		}
		for _, ml := range r.Lanes {
			if ml.Kind != trace.TaskLane || seen[ml.Name] {
				continue
			}
			if _, ran := st[i][ml]; ran {
				t.Errorf("%s: %s ran in the runner, not in CPython", where, ml.Name)
			}
		}
	}
}

func dumpLines[T any](ls []T) string {
	var b strings.Builder
	for _, l := range ls {
		fmt.Fprintf(&b, "  %+v\n", l)
	}
	return b.String()
}

// diffScale is the time scale that fits the scenario's longest run into
// diffBudget, at most 1/20.
func diffScale(tr *trace.Trace) float64 {
	span := tr.Span()
	if span <= 0 {
		return 0.05
	}
	return min(0.05, diffBudget.Seconds()/span.Seconds())
}

// executeObserved runs s on the virtual clock, noting when each lane's
// coroutine first ran.
func executeObserved(t testing.TB, s *scenarios.Scenario, opts Options) (*trace.Trace, starts) {
	t.Helper()
	var st starts
	var cur map[*trace.Lane]time.Duration
	started := func(l *trace.Lane, at time.Duration) {
		if cur == nil || l.Name == "main" && l.Parent == trace.NoLane {
			cur = map[*trace.Lane]time.Duration{}
			st = append(st, cur)
		}
		cur[l] = at
	}
	tr, err := execute(context.Background(), s, opts, hooks{started: started})
	if err != nil {
		t.Fatalf("runner: %v", err)
	}
	if err := trace.Validate(tr); err != nil {
		t.Fatalf("trace invariants: %v", err)
	}
	return tr, st
}

// diffCPUs is the CPU count both sides use: asyncio's default executor
// then has 5 worker threads, so a few to_thread calls show queuing, and
// CPython's cost of starting threads (the loop waits for each) stays
// small.
const diffCPUs = 1

// recorder collects a check's errors instead of failing the test.
type recorder struct {
	testing.TB
	errs []string
}

func (r *recorder) Helper() {}

func (r *recorder) Errorf(format string, a ...any) {
	r.errs = append(r.errs, fmt.Sprintf(format, a...))
}

// differential runs the whole check for one scenario, against its Python
// program, or against the program lesson when not nil. The machine may be
// busy with other work, and CPython's timings then stretch: the program
// is run again, with a tolerance widened by how late the machine was
// measured to be while it ran (walltime.Retry); a wrong model fails on a
// punctual machine.
func differential(t *testing.T, py string, s *scenarios.Scenario, lesson []byte) {
	t.Helper()
	tr, st := executeObserved(t, s, Options{CPUs: diffCPUs})
	scale := diffScale(tr)
	walltime.Retry(t, diffTolerance, func() func(time.Duration) []string {
		pt := runCPython(t, py, s, tr, scale, lesson)
		return func(tol time.Duration) []string {
			rec := &recorder{TB: t}
			checkAgainstCPython(rec, s, tr, st, pt, scale, tol)
			return rec.errs
		}
	})
}

// TestBuiltinsAgainstCPython checks every built-in scenario against
// CPython.
func TestBuiltinsAgainstCPython(t *testing.T) {
	py := python3(t)
	for _, name := range scenarios.Builtins() {
		t.Run(name, func(t *testing.T) {
			s, err := scenarios.Builtin(name)
			if err != nil {
				t.Fatal(err)
			}
			differential(t, py, s, nil)
		})
	}
}

// TestSemanticsAgainstCPython checks the scenarios of testdata/semantics,
// written to exercise asyncio's subtle rules (cancellation, timeouts,
// TaskGroup, semaphore hand-off, blocking calls, shutdown...), against
// CPython. Their timed transcripts are golden files too (see
// TestSemanticsTranscripts), so the rules stay pinned without Python.
func TestSemanticsAgainstCPython(t *testing.T) {
	py := python3(t)
	files, _ := filepath.Glob(filepath.Join("testdata", "semantics", "*.yaml"))
	if len(files) == 0 {
		t.Fatal("no scenarios in testdata/semantics")
	}
	for _, f := range files {
		t.Run(strings.TrimSuffix(filepath.Base(f), ".yaml"), func(t *testing.T) {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			s, err := scenarios.Parse(filepath.Base(f), src)
			if err != nil {
				t.Fatal(err)
			}
			differential(t, py, s, nil)
		})
	}
}

// TestLessonsAgainstCPython runs the lessons of testdata/lessons — for a
// semantics scenario, the Python program a teacher would write for it, by
// hand, with the function names asyncgantt gives them — under CPython,
// and checks the runner's execution of the scenario against them as
// against the program asyncgantt writes: a second oracle, which does not
// come from the generator.
func TestLessonsAgainstCPython(t *testing.T) {
	py := python3(t)
	files, _ := filepath.Glob(filepath.Join("testdata", "lessons", "*.py"))
	if len(files) == 0 {
		t.Fatal("no lessons in testdata/lessons")
	}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".py")
		t.Run(name, func(t *testing.T) {
			lesson, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			src, err := os.ReadFile(filepath.Join("testdata", "semantics", name+".yaml"))
			if err != nil {
				t.Fatal(err)
			}
			s, err := scenarios.Parse(name+".yaml", src)
			if err != nil {
				t.Fatal(err)
			}
			differential(t, py, s, lesson)
		})
	}
}
