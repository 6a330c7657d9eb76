package walltime

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// tick is how long the monitor's goroutine sleeps between wake-ups.
const tick = time.Millisecond

// Lateness is how late a Monitor's goroutine woke up, beyond what it
// asked to sleep.
type Lateness struct {
	// Max and P99 are the latest wake-up and the 99th percentile.
	Max, P99 time.Duration
	// Samples is how many wake-ups were measured.
	Samples int
}

func (l Lateness) String() string {
	return fmt.Sprintf("up to %v late (%v at the 99th percentile, %d wake-ups)", l.Max.Round(time.Microsecond), l.P99.Round(time.Microsecond), l.Samples)
}

// Monitor measures the machine's lateness from Start to Stop.
type Monitor struct {
	stop chan struct{}
	done sync.WaitGroup
	late []time.Duration
}

// Start starts a monitor.
func Start() *Monitor {
	m := &Monitor{stop: make(chan struct{})}
	m.done.Add(1)
	go func() {
		defer m.done.Done()
		for {
			select {
			case <-m.stop:
				return
			default:
			}
			t0 := time.Now()
			time.Sleep(tick)
			m.late = append(m.late, time.Since(t0)-tick)
		}
	}()
	return m
}

// Stop stops the monitor and returns what it measured.
func (m *Monitor) Stop() Lateness {
	close(m.stop)
	m.done.Wait()
	late := slices.Clone(m.late)
	slices.Sort(late)
	var l Lateness
	if n := len(late); n > 0 {
		l = Lateness{Max: late[n-1], P99: late[n*99/100], Samples: n}
	}
	return l
}

// Attempts is how many times Retry measures before it gives up.
const Attempts = 4

// measureLateness is Start and Stop around f; tests of this package
// replace it.
var measureLateness = func(f func()) Lateness {
	m := Start()
	f()
	return m.Stop()
}

// Retry runs measure up to Attempts times: each run measures (runs a
// real-clock execution, a CPython program ...) and returns a check of what
// it measured, called with a tolerance in wall time. Attempt i (from 0)
// is checked with a tolerance of base × (i+1), plus twice the lateness
// measured while it ran (its 99th percentile). The first check that finds
// nothing wrong ends Retry.
//
// When every attempt finds something wrong, the test fails with the last
// attempt's problems if the machine was punctual (every attempt's
// lateness below base: a wrong clock, not a busy machine). If it was late,
// the test is skipped, with a message saying how late the machine was and
// what differed.
func Retry(t testing.TB, base time.Duration, measure func() (check func(tol time.Duration) []string)) {
	t.Helper()
	var problems []string
	var tol time.Duration
	late := false
	var worst Lateness
	for i := range Attempts {
		var check func(time.Duration) []string
		l := measureLateness(func() { check = measure() })
		tol = base*time.Duration(i+1) + 2*l.P99
		problems = check(tol)
		if len(problems) == 0 {
			if i > 0 {
				t.Logf("passed on attempt %d of %d, with a tolerance of %v: the machine woke up %s", i+1, Attempts, tol, l)
			}
			return
		}
		if l.P99 > base || l.Max > 4*base {
			late = true
		}
		if l.Max > worst.Max {
			worst = l
		}
	}
	msg := fmt.Sprintf("%d attempts differed; the last, with a tolerance of %v:\n%s", Attempts, tol, strings.Join(problems, "\n"))
	if late {
		t.Skipf("gave up: the machine is too busy to measure wall time: a sleeping goroutine woke up %s, against %v that this check tolerates on an idle machine. Run the test again on a quieter machine. %s", worst, base, msg)
		return
	}
	t.Errorf("the machine was punctual (woke up %s) and still: %s", worst, msg)
}
