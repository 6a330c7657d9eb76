package pytrace

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/asyncgantt/asyncgantt/internal/walltime"
	"github.com/asyncgantt/asyncgantt/trace"
)

var update = flag.Bool("update", false, "rewrite the golden trace summaries in testdata/programs")

// python3 returns the interpreter the tests use: python3, or the one
// ASYNCGANTT_TEST_PYTHON names (to run the tests on 3.12 and 3.13); it
// skips the test when there is none (CI requires one: .ci/run checks it).
func python3(t testing.TB) string {
	t.Helper()
	name := "python3"
	if v := os.Getenv("ASYNCGANTT_TEST_PYTHON"); v != "" {
		name = v
	}
	py, err := exec.LookPath(name)
	if err != nil {
		t.Skip("python3 not found: tracing Python programs needs CPython 3.11+ (CI requires it)")
	}
	if _, err := findPython(py); err != nil {
		t.Skip(err)
	}
	return py
}

// ran is what a program printed and how it exited.
type ran struct {
	stdout, stderr string
	code           int
}

// runPlain runs the program with python3 itself, as a user would.
func runPlain(t *testing.T, py, file string) ran {
	t.Helper()
	var out, errb bytes.Buffer
	cmd := exec.Command(py, file)
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	return ran{out.String(), errb.String(), exitCode(err)}
}

// runTraced runs the program under the probe.
func runTraced(t *testing.T, file string, o Options) (ran, *Result, error) {
	t.Helper()
	var out, errb bytes.Buffer
	o.Stdout, o.Stderr = &out, &errb
	res, err := Run(context.Background(), file, o)
	r := ran{out.String(), errb.String(), 0}
	if res != nil {
		r.code = res.ExitCode
	}
	return r, res, err
}

// measured lists the corpus programs whose times are measured, not
// nominal: their golden summaries leave times out.
var measured = map[string]bool{"future_callback": true}

// TestCorpus runs every program of testdata/programs with python3 and
// under the probe: what each prints (stdout and stderr) and its exit
// status must be the same, the trace must be valid, and its summary (runs,
// lanes, states, times, printed lines) must match the golden file.
func TestCorpus(t *testing.T) {
	py := python3(t)
	files, _ := filepath.Glob(filepath.Join("testdata", "programs", "*.py"))
	if len(files) == 0 {
		t.Fatal("no programs in testdata/programs")
	}
	for _, f := range files {
		abs, _ := filepath.Abs(f)
		name := strings.TrimSuffix(filepath.Base(f), ".py")
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			plain := runPlain(t, py, abs)
			start := time.Now()
			traced, res, err := runTraced(t, abs, Options{Python: py})
			elapsed := time.Since(start)
			if err != nil {
				t.Fatalf("traced run: %v", err)
			}
			// python3 runs on the real clock: on a loaded machine, timers
			// due 100 ms apart can fire together and reorder lines. Such a
			// run is tried again, and given up on, saying so, if the
			// machine was measured late (walltime.Retry).
			first := true
			walltime.Retry(t, 10*time.Millisecond, func() func(time.Duration) []string {
				if !first {
					plain = runPlain(t, py, abs) // the first attempt's ran above
				}
				first = false
				p := plain
				return func(time.Duration) []string {
					var problems []string
					if traced.stdout != p.stdout {
						problems = append(problems, fmt.Sprintf("stdout differs\n--- python3\n%s--- traced\n%s", p.stdout, traced.stdout))
					}
					if traced.stderr != p.stderr {
						problems = append(problems, fmt.Sprintf("stderr differs\n--- python3\n%s--- traced\n%s", p.stderr, traced.stderr))
					}
					if traced.code != p.code {
						problems = append(problems, fmt.Sprintf("exit status %d, python3's is %d", traced.code, p.code))
					}
					return problems
				}
			})
			if err := trace.Validate(res.Trace); err != nil {
				t.Errorf("invalid trace: %v", err)
			}
			if elapsed > 5*time.Second {
				t.Logf("the traced run took %v (a loaded machine?)", elapsed)
			}
			// CPython names the program by its absolute path in warnings and
			// tracebacks; the golden file names it as the folder's own, so
			// it holds in every clone.
			sum := strings.ReplaceAll(summary(res.Trace, !measured[name]), filepath.Dir(abs)+string(filepath.Separator), "")
			checkGolden(t, goldenPath(name, res.Program.Python), sum)
		})
	}
}

// goldenPath is the golden summary of a program for a Python version:
// NAME.trace, for 3.11, or NAME.py3.12.trace where a later version's
// asyncio differs (wait_for awaits its coroutine inline since 3.12).
func goldenPath(name, version string) string {
	base := filepath.Join("testdata", "programs", name)
	minor := version
	if i := strings.LastIndex(version, "."); strings.Count(version, ".") == 2 {
		minor = version[:i]
	}
	if minor != "3.11" {
		if p := base + ".py" + minor + ".trace"; fileExists(p) || *update {
			return p
		}
	}
	return base + ".trace"
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

func checkGolden(t *testing.T, path, got string) {
	t.Helper()
	if *update && strings.Contains(filepath.Base(path), ".py3.") {
		// A later version's summary is kept only where it differs.
		base := path[:strings.Index(path, ".py3.")] + ".trace"
		if want, err := os.ReadFile(base); err == nil && string(want) == got {
			os.Remove(path)
			return
		}
	}
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		t.Fatalf("%s is missing; run go test ./pytrace -update and review it", path)
	}
	if string(want) != got {
		os.WriteFile(path+".got", []byte(got), 0o644)
		t.Errorf("%s differs from the trace (wrote %s.got):\n%s", path, path, diffLines(string(want), got))
	}
}

// diffLines shows the first lines that differ.
func diffLines(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	shown := 0
	for i := 0; i < max(len(w), len(g)) && shown < 12; i++ {
		var a, c string
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			c = g[i]
		}
		if a != c {
			fmt.Fprintf(&b, "line %d\n  want %s\n  got  %s\n", i+1, a, c)
			shown++
		}
	}
	return b.String()
}

// summary writes a trace as text, one line per run, lane, interval, log
// and warning; times are left out when withTimes is false.
func summary(tr *trace.Trace, withTimes bool) string {
	var b strings.Builder
	d := func(x time.Duration) string {
		if !withTimes {
			return "~"
		}
		return x.String()
	}
	fmt.Fprintf(&b, "trace %q clock %s\n", tr.Title, tr.Clock)
	if tr.Description != "" {
		fmt.Fprintf(&b, "description %q\n", tr.Description)
	}
	for _, r := range tr.Runs {
		fmt.Fprintf(&b, "run %q total %s", r.Name, d(r.Total))
		if r.Error != "" {
			fmt.Fprintf(&b, " error %q", r.Error)
		}
		if r.Interrupted {
			b.WriteString(" interrupted")
		}
		b.WriteString("\n")
		for _, l := range r.Lanes {
			fmt.Fprintf(&b, "  %s %q %s–%s", l.Kind, l.Name, d(l.Start), d(l.End))
			if l.Parent != trace.NoLane {
				fmt.Fprintf(&b, " in %q", r.LaneName(l.Parent))
			}
			if l.Outcome != nil {
				fmt.Fprintf(&b, " %s", l.Outcome.Kind)
				if l.Outcome.Value != "" {
					fmt.Fprintf(&b, " %s", l.Outcome.Value)
				}
				if l.Outcome.CaughtBy != trace.NoLane {
					fmt.Fprintf(&b, ", caught by %q", r.LaneName(l.Outcome.CaughtBy))
				}
			}
			b.WriteString("\n")
			for _, iv := range l.Intervals {
				fmt.Fprintf(&b, "    %s %s–%s", iv.State, d(iv.Start), d(iv.End))
				if iv.Detail != "" {
					fmt.Fprintf(&b, " %s", iv.Detail)
				}
				b.WriteString("\n")
			}
		}
		for _, g := range r.Logs {
			stream := "out"
			if g.Stderr {
				stream = "err"
			}
			fmt.Fprintf(&b, "  %s %s [%s] %q\n", stream, d(g.At), r.LaneName(g.Lane), g.Text)
		}
		for _, w := range r.Warnings {
			fmt.Fprintf(&b, "  warning %q\n", w)
		}
	}
	return b.String()
}
