package render

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/asyncgantt/asyncgantt/trace"
)

// basics is async-basics's three runs, reduced to their totals and tasks.
func basics() *trace.Trace {
	s := time.Second
	run := func(name string, total time.Duration, tasks ...string) *trace.Run {
		r := &trace.Run{Name: name, Total: total}
		for _, n := range tasks {
			r.Lanes = append(r.Lanes, &trace.Lane{Name: n, End: total, Outcome: &trace.Outcome{Value: "None"}})
		}
		return r
	}
	return &trace.Trace{Runs: []*trace.Run{
		run("Sequential", 6*s, "main", "A", "B", "C"),
		run("Concurrent", 3*s, "main", "A", "B", "C"),
		run("Blocking", 6*s, "main", "A", "B", "C"),
	}}
}

func TestStatsBaseline(t *testing.T) {
	s := time.Second
	failed := basics()
	failed.Runs[0].Error, failed.Runs[0].Total = "ValueError: boom", s
	interrupted := basics()
	interrupted.Runs[1].Interrupted = true
	deadlock := basics()
	deadlock.Runs[2].Error = "deadlock at t=6.0 s: A waits for B"
	different := basics()
	different.Runs[1].Lanes[1].Name = "X"
	independent := basics()
	independent.Independent = true
	for _, tt := range []struct {
		name     string
		t        *trace.Trace
		baseline string
		want     string // each run: speed-up and baseline, or how it ended
		message  string
	}{
		{"Default", basics(), "", "base | 2.0 Sequential | 1.0 Sequential",
			"Sequential 6.0 s, Concurrent 3.0 s (2.0× faster), Blocking 6.0 s (1.0× — no gain)"},
		{"Named", basics(), "Concurrent", "0.5 Concurrent | base | 0.5 Concurrent",
			"Sequential 6.0 s (2.0× slower than Concurrent), Concurrent 3.0 s, Blocking 6.0 s (2.0× slower than Concurrent)"},
		{"None", basics(), BaselineNone, "- | - | -", "Sequential 6.0 s, Concurrent 3.0 s, Blocking 6.0 s"},
		{"BaselineFailed", failed, "", "base failed at 1.0 s | - | -", "Sequential 1.0 s (failed), Concurrent 3.0 s, Blocking 6.0 s"},
		{"Interrupted", interrupted, "", "base | interrupted at 3.0 s | 1.0 Sequential",
			"Sequential 6.0 s, Concurrent 3.0 s (interrupted), Blocking 6.0 s (1.0× — no gain)"},
		{"Deadlocked", deadlock, "Concurrent", "0.5 Concurrent | base | deadlocked at 6.0 s",
			"Sequential 6.0 s (2.0× slower than Concurrent), Concurrent 3.0 s, Blocking 6.0 s (deadlocked)"},
		{"DifferentWork", different, "", "- | - | -", "Sequential 6.0 s, Concurrent 3.0 s, Blocking 6.0 s"},
		{"DifferentWorkNamed", different, "Sequential", "base | 2.0 Sequential | 1.0 Sequential",
			"Sequential 6.0 s, Concurrent 3.0 s (2.0× faster), Blocking 6.0 s (1.0× — no gain)"},
		{"Independent", independent, "", "- | - | -", "Sequential 6.0 s, Concurrent 3.0 s, Blocking 6.0 s"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			stats, err := Stats(tt.t, tt.baseline)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, st := range stats {
				var s string
				switch {
				case st.IsBaseline:
					s = strings.TrimSpace("base " + st.Ended)
				case st.SpeedUp > 0:
					s = fmt.Sprintf("%.1f %s", st.SpeedUp, st.Baseline)
				case st.Ended != "":
					s = st.Ended
				default:
					s = "-"
				}
				got = append(got, s)
			}
			if g := strings.Join(got, " | "); g != tt.want {
				t.Errorf("stats %q, want %q", g, tt.want)
			}
			if m, _ := Message(tt.t, tt.baseline); m != tt.message {
				t.Errorf("message %q, want %q", m, tt.message)
			}
		})
	}
	_, err := Stats(basics(), "Fast")
	var be *BaselineError
	if !errors.As(err, &be) || err.Error() != `baseline "Fast" is not a run: use one of "Sequential", "Concurrent", "Blocking", or "none" for no comparison` {
		t.Errorf("unknown baseline: %v", err)
	}
	if _, err := Layout(basics(), Options{Baseline: "Fast"}); !errors.As(err, &be) {
		t.Errorf("Layout with an unknown baseline: %v, want a *BaselineError", err)
	}
}
