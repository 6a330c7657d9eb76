package runner

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/asyncgantt/asyncgantt/internal/walltime"
	"github.com/asyncgantt/asyncgantt/scenarios"
	"github.com/asyncgantt/asyncgantt/trace"
)

// realTolerance is how far, in wall time, a real-clock run's measured
// task starts and ends may lie from the virtual run's: the OS wakes a
// sleeping thread within a millisecond or so on an idle machine; 5 ms
// leaves room for a busy one.
const realTolerance = 5 * time.Millisecond

// TestRealClockMatchesVirtual runs async-basics on the real clock at
// speed 10 (about 1.5 s of wall time: it really sleeps and blocks) and
// checks that every measured start and end lies within realTolerance of
// the virtual run's, scaled, that the lines come in the same order, and
// that the trace is marked measured. A busy machine can stretch a sleep:
// the run is tried again with a tolerance widened by how late the machine
// was measured to be (walltime.Retry), and a wrong clock, which fails on
// a punctual machine, fails the test.
func TestRealClockMatchesVirtual(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: the real-clock run takes 1.5 s of wall time")
	}
	s, err := scenarios.Builtin("async-basics")
	if err != nil {
		t.Fatal(err)
	}
	const speed = 10
	virtual, vstarts := executeObserved(t, s, Options{})
	walltime.Retry(t, realTolerance, func() func(time.Duration) []string {
		began := time.Now()
		real, rstarts := executeObserved(t, s, Options{Clock: RealClock{Speed: speed}})
		wall := time.Since(began)
		if got, want := real.Clock, trace.Measured; got != want {
			t.Fatalf("real-clock trace clock = %v, want %v", got, want)
		}
		if want := virtual.Span() / speed; wall < want {
			t.Fatalf("the real-clock run took %v of wall time; it must really wait, at least %v", wall, want)
		}
		return func(tol time.Duration) []string {
			return compareMeasured(virtual, vstarts, real, rstarts, speed, tol)
		}
	})
}

// compareMeasured lists the differences between a virtual run and a real
// one at speed, beyond wall of wall time.
func compareMeasured(v *trace.Trace, vs starts, r *trace.Trace, rs starts, speed float64, wall time.Duration) []string {
	var out []string
	tol := time.Duration(float64(wall) * speed) // in the scenario's time
	near := func(a, b time.Duration) bool { return (a - b).Abs() <= tol }
	for i, vr := range v.Runs {
		rr := r.Runs[i]
		if len(vr.Logs) != len(rr.Logs) {
			out = append(out, fmt.Sprintf("run %s: %d lines virtual, %d real", vr.Name, len(vr.Logs), len(rr.Logs)))
			continue
		}
		for j, vl := range vr.Logs {
			if rl := rr.Logs[j]; vr.LaneName(vl.Lane) != rr.LaneName(rl.Lane) || !near(vl.At, rl.At) {
				out = append(out, fmt.Sprintf("run %s: line %d %q by %s at %v virtual, %q by %s at %v real", vr.Name, j+1, vl.Text, vr.LaneName(vl.Lane), vl.At, rl.Text, rr.LaneName(rl.Lane), rl.At))
			}
		}
		for _, vl := range vr.Lanes {
			rl := rr.Lane(vl.Name)
			if rl == nil {
				out = append(out, fmt.Sprintf("run %s: no lane %s in the real run", vr.Name, vl.Name))
				continue
			}
			if !near(vl.End, rl.End) {
				out = append(out, fmt.Sprintf("run %s: %s ended at %v virtual, %v real (tolerance %v)", vr.Name, vl.Name, vl.End, rl.End, tol))
			}
			if vl.Kind != trace.TaskLane {
				continue
			}
			if a, b := vs[i][vl], rs[i][rl]; !near(a, b) {
				out = append(out, fmt.Sprintf("run %s: %s started at %v virtual, %v real (tolerance %v)", vr.Name, vl.Name, a, b, tol))
			}
		}
	}
	return out
}

// TestRealClockTracesValid runs every built-in scenario on the real clock
// at speed 20 and checks the measured traces hold the trace invariants
// and print the virtual run's lines in the same order (numbers aside:
// {elapsed} is measured). Ties broken differently under load are retried
// (walltime.Retry).
func TestRealClockTracesValid(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: real-clock runs take wall time")
	}
	for _, name := range scenarios.Builtins() {
		t.Run(name, func(t *testing.T) {
			s, err := scenarios.Builtin(name)
			if err != nil {
				t.Fatal(err)
			}
			virtual, _ := executeObserved(t, s, Options{})
			// The order of lines does not depend on a tolerance; a
			// machine measured late while lines came in another order is
			// given up on, saying so (walltime.Retry).
			walltime.Retry(t, realTolerance, func() func(time.Duration) []string {
				real, _ := executeObserved(t, s, Options{Clock: RealClock{Speed: 20}})
				return func(time.Duration) []string {
					var diffs []string
					for i, vr := range virtual.Runs {
						if got, want := texts(real.Runs[i]), texts(vr); got != want {
							diffs = append(diffs, fmt.Sprintf("run %s: real-clock lines\n%s\nvirtual\n%s", vr.Name, got, want))
						}
					}
					return diffs
				}
			})
		})
	}
}

// texts returns the run's lines with numbers masked.
func texts(r *trace.Run) string {
	var b strings.Builder
	for _, l := range r.Logs {
		b.WriteString(numberRE.ReplaceAllString(l.Text, "#") + "\n")
	}
	return b.String()
}
