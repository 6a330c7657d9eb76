package pytrace

import (
	"bytes"
	"context"
	"fmt"
	"os"
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
	"github.com/asyncgantt/asyncgantt/scenarios/runner"
	"github.com/asyncgantt/asyncgantt/trace"
)

// laneTolerance is how far a traced lane's start and end may be from the
// scenario runner's: the probe's clock is exact, so only the runner's and
// the probe's rounding differ. A run that computes (a cpu step) costs the
// CPU time measured, which a loaded machine stretches: cpuTolerance.
const (
	laneTolerance = time.Millisecond
	cpuTolerance  = 150 * time.Millisecond
)

// TestBuiltinScenarios traces the Python program of every built-in
// scenario (asyncgantt python, scenarios/python) and checks it against the scenario's own
// virtual run: the same lines printed, in order, the same warnings, and
// every task, inline coroutine and worker thread starting and ending at
// the same times, within a millisecond. It is a second check of the
// runner, independent of the first (scenarios' differential test, which
// runs the programs on the real clock).
func TestBuiltinScenarios(t *testing.T) {
	py := python3(t)
	dir := t.TempDir()
	for _, name := range scenarios.Builtins() {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			s, err := scenarios.Builtin(name)
			if err != nil {
				t.Fatal(err)
			}
			model, _ := runner.Execute(context.Background(), s, runner.Options{})
			src, err := python.Program(s, python.Options{})
			if err != nil {
				t.Fatal(err)
			}
			file := filepath.Join(dir, name+".py")
			if err := os.WriteFile(file, src, 0o644); err != nil {
				t.Fatal(err)
			}
			run := func() *trace.Trace {
				var out, errb bytes.Buffer
				res, err := Run(context.Background(), file, Options{Python: py, Stdout: &out, Stderr: &errb})
				if err != nil {
					t.Fatalf("%v\nstderr:\n%s", err, errb.String())
				}
				if err := trace.Validate(res.Trace); err != nil {
					t.Errorf("invalid trace: %v", err)
				}
				compareTranscript(t, model, res.Trace, out.String(), errb.String())
				if len(res.Trace.Runs) != len(model.Runs) {
					t.Fatalf("traced %d runs, the scenario has %d", len(res.Trace.Runs), len(model.Runs))
				}
				return res.Trace
			}
			funcs, _ := python.Names(s)
			traced := run()
			// Runs that do not compute are exact; those that do cost the
			// CPU time measured, which a loaded machine stretches: they
			// are traced again with a tolerance widened by how late the
			// machine was (walltime.Retry).
			computing := false
			for i, mr := range model.Runs {
				if computes(mr) {
					computing = true
					continue
				}
				for _, p := range compareRun(mr, traced.Runs[i], funcs, laneTolerance) {
					t.Error(p)
				}
			}
			if !computing {
				return
			}
			walltime.Retry(t, cpuTolerance, func() func(time.Duration) []string {
				if traced == nil {
					traced = run()
				}
				tr := traced
				traced = nil
				return func(tol time.Duration) []string {
					var problems []string
					for i, mr := range model.Runs {
						if computes(mr) {
							problems = append(problems, compareRun(mr, tr.Runs[i], funcs, tol)...)
						}
					}
					return problems
				}
			})
		})
	}
}

// compareTranscript checks that the program printed what the scenario's
// runs print, and warned what they warn. One freedom is CPython's own:
// the tasks a TaskGroup (or a loop over asyncio.wait's done set) cancels
// together are cancelled in the order of a set of tasks, which depends on
// their memory addresses, so a line the program prints under the probe may
// come in another order than under python3 or in the scenario's model
// among the lines printed at one instant by tasks cancelled then
// (cancelledTogether).
func compareTranscript(t *testing.T, model, traced *trace.Trace, stdout, stderr string) {
	t.Helper()
	var want strings.Builder
	var warnings []string
	for _, r := range model.Runs {
		for _, g := range r.Logs {
			if !g.Stderr {
				want.WriteString(g.Text + "\n")
			}
		}
		warnings = append(warnings, r.Warnings...)
	}
	if stdout != want.String() && cancelledTogether(model) != cancelledTogether(traced) {
		t.Errorf("the program printed\n%s\nthe scenario prints\n%s", stdout, want.String())
	}
	var got []string
	for _, line := range strings.Split(stderr, "\n") {
		if m := regexp.MustCompile(`^.*:[0-9]+: (RuntimeWarning: .*)$`).FindStringSubmatch(line); m != nil {
			got = append(got, m[1])
		}
	}
	if strings.Join(got, "\n") != strings.Join(warnings, "\n") {
		t.Errorf("the program warned %q, the scenario warns %q", got, warnings)
	}
}

// cancelledTogether writes a trace's printed lines (standard output), one
// a line, with each block of lines printed at one instant by lanes
// cancelled at that instant sorted: the order CPython gives them depends
// on addresses.
func cancelledTogether(tr *trace.Trace) string {
	var b strings.Builder
	for _, r := range tr.Runs {
		var block []string
		var at time.Duration
		flush := func() {
			slices.Sort(block)
			for _, s := range block {
				b.WriteString(s + "\n")
			}
			block = block[:0]
		}
		for _, g := range r.Logs {
			if g.Stderr {
				continue
			}
			l := r.LaneByID(g.Lane)
			together := l != nil && l.Outcome != nil && l.Outcome.Kind == trace.Cancelled && l.End == g.At
			if len(block) > 0 && (!together || g.At != at) {
				flush()
			}
			if together {
				block, at = append(block, g.Text), g.At
				continue
			}
			b.WriteString(g.Text + "\n")
		}
		flush()
	}
	return b.String()
}

// compareRun lists how the lanes of the scenario's run differ from the
// traced lanes, beyond tol: each must start and end at the same times.
// Traced lanes are named after the program's functions: funcs maps them
// to the scenario's tasks (A_blocking to A, each run's main to "main").
func compareRun(model, traced *trace.Run, funcs map[string]string, tol time.Duration) []string {
	byName := map[string]*trace.Lane{}
	for l, n := range awaitedNames(traced) {
		name, suffix, _ := strings.Cut(n, " #")
		fn, args, called := strings.Cut(name, "(")
		if n, ok := funcs[fn]; ok {
			name = n
			if called {
				name += "(" + args // a call's lane: nap_blocking('a', 1)
			}
		}
		if suffix != "" {
			name += " #" + suffix
		}
		byName[name] = l
	}
	var out []string
	near := func(a, b time.Duration) bool { return a-b <= tol && b-a <= tol }
	if !near(model.Total, traced.Total) {
		out = append(out, fmt.Sprintf("run %q lasts %v, traced %v (tolerance %v)", model.Name, model.Total, traced.Total, tol))
	}
	modelNames := awaitedNames(model)
	for _, ml := range model.Lanes {
		if ml.Kind == trace.LoopLane || neverAwaited(ml) {
			continue
		}
		tl := byName[modelNames[ml]]
		if tl == nil {
			var names []string
			for n := range byName {
				names = append(names, n)
			}
			slices.Sort(names)
			out = append(out, fmt.Sprintf("run %q: no traced lane for %q (traced: %q)", model.Name, ml.Name, names))
			continue
		}
		if !near(ml.Start, tl.Start) || !near(ml.End, tl.End) {
			out = append(out, fmt.Sprintf("run %q lane %q: %v–%v, traced %v–%v (tolerance %v)", model.Name, ml.Name, ml.Start, ml.End, tl.Start, tl.End, tol))
		}
	}
	return out
}

// awaitedNames names a run's lanes other than coroutines never awaited as
// they would be named without those: the figure numbers lanes of one name
// ("fetch", "fetch #2") in order, never-awaited coroutines included, and
// the scenario runner does not draw those yet.
func awaitedNames(r *trace.Run) map[*trace.Lane]string {
	names := map[*trace.Lane]string{}
	seen := map[string]int{}
	for _, l := range r.Lanes {
		if neverAwaited(l) {
			continue
		}
		base, _, _ := strings.Cut(l.Name, " #")
		seen[base]++
		name := base
		if n := seen[base]; n > 1 {
			name += " #" + strconv.Itoa(n)
		}
		names[l] = name
	}
	return names
}

func neverAwaited(l *trace.Lane) bool {
	return l.Outcome != nil && l.Outcome.Kind == trace.NeverAwaited
}

// computes reports whether a task of the run computes (runs for more than
// the probe's 5 ms threshold).
func computes(r *trace.Run) bool {
	for _, l := range r.Lanes {
		if l.Kind == trace.TaskLane && l.Time(trace.Running) > 5*time.Millisecond {
			return true
		}
	}
	return false
}
