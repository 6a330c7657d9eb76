package walltime

import (
	"strings"
	"testing"
	"time"
)

func TestMonitor(t *testing.T) {
	m := Start()
	time.Sleep(50 * time.Millisecond)
	l := m.Stop()
	if l.Samples < 5 || l.Max < l.P99 || l.P99 < 0 {
		t.Errorf("lateness %+v", l)
	}
}

// fakeTB records what Retry does with the test.
type fakeTB struct {
	testing.TB
	errors, skips, logs []string
}

func (f *fakeTB) Helper()                        {}
func (f *fakeTB) Errorf(format string, a ...any) { f.errors = append(f.errors, format) }
func (f *fakeTB) Skipf(format string, a ...any)  { f.skips = append(f.skips, format) }
func (f *fakeTB) Logf(format string, a ...any)   { f.logs = append(f.logs, format) }

// TestRetry checks the three outcomes: a measurement within the widened
// tolerance passes; one off on a punctual machine fails; one off on a
// late machine is skipped, saying why.
func TestRetry(t *testing.T) {
	defer func(f func(func()) Lateness) { measureLateness = f }(measureLateness)
	const base = 5 * time.Millisecond
	var late time.Duration
	measureLateness = func(f func()) Lateness {
		f()
		return Lateness{Max: late, P99: late, Samples: 100}
	}
	// off is how far each attempt's measurement is off.
	run := func(off ...time.Duration) *fakeTB {
		ft := &fakeTB{TB: t}
		i := 0
		Retry(ft, base, func() func(time.Duration) []string {
			d := off[min(i, len(off)-1)]
			i++
			return func(tol time.Duration) []string {
				if d > tol {
					return []string{"off by " + d.String()}
				}
				return nil
			}
		})
		return ft
	}
	late = 0
	if ft := run(3 * time.Millisecond); len(ft.errors)+len(ft.skips) > 0 {
		t.Errorf("within the tolerance: %+v", ft)
	}
	// The second attempt's tolerance is twice the first's.
	if ft := run(7*time.Millisecond, 7*time.Millisecond); len(ft.errors)+len(ft.skips) > 0 || len(ft.logs) != 1 {
		t.Errorf("within the second attempt's tolerance: %+v", ft)
	}
	if ft := run(time.Second); len(ft.errors) != 1 || len(ft.skips) != 0 || !strings.Contains(ft.errors[0], "punctual") {
		t.Errorf("off on a punctual machine: %+v", ft)
	}
	late = 300 * time.Millisecond
	if ft := run(10 * time.Second); len(ft.skips) != 1 || len(ft.errors) != 0 || !strings.Contains(ft.skips[0], "too busy") {
		t.Errorf("off on a late machine: %+v", ft)
	}
	// A late machine widens the tolerance: 300 ms late, 500 ms off passes.
	if ft := run(500 * time.Millisecond); len(ft.errors)+len(ft.skips) > 0 {
		t.Errorf("within a late machine's tolerance: %+v", ft)
	}
}
