package trace

import (
	"strings"
	"testing"
	"time"
)

func TestValidate(t *testing.T) {
	s := time.Second
	good := func() *Trace {
		return &Trace{Runs: []*Run{{
			Name:  "R",
			Total: 2 * s,
			Lanes: []*Lane{
				{Name: "event loop", Kind: LoopLane, End: 2 * s, Intervals: []Interval{{State: Busy, End: s}, {State: Idle, Start: s, End: 2 * s}}},
				{Name: "A", End: s, Outcome: &Outcome{}, Intervals: []Interval{{State: Blocked, End: s}}},
				{Name: "B", End: 2 * s, Outcome: &Outcome{}, Intervals: []Interval{{State: Ready, End: s}, {State: Running, Start: s, End: 2 * s}}},
			},
			Logs: []Log{{At: 0, Text: "a"}, {At: s, Text: "b"}},
		}}}
	}
	if err := Validate(good()); err != nil {
		t.Fatalf("valid trace rejected: %v", err)
	}
	tests := []struct {
		name   string
		break_ func(*Trace)
		want   string
	}{
		{"EndBeforeStart", func(tr *Trace) { tr.Runs[0].Lanes[1].Intervals[0] = Interval{State: Running, Start: s, End: 0} }, "ends at 0s before it starts"},
		{"Overlap", func(tr *Trace) { tr.Runs[0].Lanes[2].Intervals[1].Start = s / 2 }, "before the previous one ends"},
		{"TwoHoldTheLoop", func(tr *Trace) { tr.Runs[0].Lanes[2].Intervals[0].State = Running }, `tasks "A" and "B" both hold the event loop`},
		{"OutsideLaneLife", func(tr *Trace) { tr.Runs[0].Lanes[2].Intervals[1].End = 3 * s }, "outside the lane's life"},
		{"BeforeRunStart", func(tr *Trace) { tr.Runs[0].Lanes[0].Intervals[0].Start = -s }, "outside the run"},
		{"LogsOutOfOrder", func(tr *Trace) { tr.Runs[0].Logs[0].At = 2 * s }, "comes before log"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tr := good()
			tt.break_(tr)
			err := Validate(tr)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Validate = %v, want an error containing %q", err, tt.want)
			}
		})
	}
}

func TestStateNames(t *testing.T) {
	for _, s := range States() {
		got, ok := ParseState(s.String())
		if !ok || got != s {
			t.Errorf("ParseState(%q) = %v, %v", s.String(), got, ok)
		}
	}
}
