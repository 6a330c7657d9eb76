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
				{Name: "c", Parent: 3, Start: s, End: 2 * s, Outcome: &Outcome{Kind: Raised, Value: "ValueError: boom", CaughtBy: 3}, Intervals: []Interval{{State: Running, Start: s, End: 2 * s}}},
				{Name: "n", Start: s, End: s, Outcome: &Outcome{Kind: NeverAwaited, Value: "RuntimeWarning: coroutine 'n' was never awaited"}},
			},
			Logs: []Log{{At: 0, Text: "a"}, {At: s, Lane: 4, Text: "b"}},
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
		{"DuplicateLaneName", func(tr *Trace) { tr.Runs[0].Lanes[2].Name = "A" }, `lanes 2 and 3 are both named "A"`},
		{"ParentUnresolved", func(tr *Trace) { tr.Runs[0].Lanes[3].Parent = 6 }, `lane "c" has parent lane 6, but the run has lanes 1 to 5`},
		{"ParentNegative", func(tr *Trace) { tr.Runs[0].Lanes[3].Parent = -1 }, `lane "c" has parent lane -1`},
		{"ParentSelf", func(tr *Trace) { tr.Runs[0].Lanes[3].Parent = 4 }, `lane "c" is its own parent`},
		{"ParentNotTask", func(tr *Trace) { tr.Runs[0].Lanes[3].Parent = 1 }, `lane "c" has parent "event loop", a loop lane`},
		{"LogLaneUnresolved", func(tr *Trace) { tr.Runs[0].Logs[1].Lane = 9 }, "log 1 is printed by lane 9, but the run has lanes 1 to 5"},
		{"CaughtByUnresolved", func(tr *Trace) { tr.Runs[0].Lanes[3].Outcome.CaughtBy = 7 }, `lane "c": exception caught by lane 7, but the run has lanes 1 to 5`},
		{"CaughtBySelf", func(tr *Trace) { tr.Runs[0].Lanes[3].Outcome.CaughtBy = 4 }, `lane "c": exception caught by the lane itself`},
		{"CaughtByLoop", func(tr *Trace) { tr.Runs[0].Lanes[3].Outcome.CaughtBy = 1 }, `caught by "event loop", a loop lane`},
		{"CaughtNotRaised", func(tr *Trace) { tr.Runs[0].Lanes[3].Outcome.Kind = Returned }, `lane "c": a returned outcome is caught by lane 3`},
		{"NeverAwaitedLasts", func(tr *Trace) { tr.Runs[0].Lanes[4].End = 2 * s }, `lane "n": never awaited, yet it lasts from 1s to 2s`},
		{"NeverAwaitedRan", func(tr *Trace) {
			tr.Runs[0].Lanes[4].Intervals = []Interval{{State: Ready, Start: s, End: s}}
		}, `lane "n": never awaited, yet it has intervals (from 1s)`},
		{"NeverAwaitedLoop", func(tr *Trace) { tr.Runs[0].Lanes[4].Kind = ThreadLane }, `a thread lane is never awaited`},
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

func TestLaneByID(t *testing.T) {
	r := &Run{Lanes: []*Lane{{Name: "a"}, {Name: "b"}}}
	for _, tt := range []struct {
		id   LaneID
		want string
	}{{NoLane, ""}, {1, "a"}, {2, "b"}, {3, ""}, {-1, ""}} {
		if got := r.LaneName(tt.id); got != tt.want {
			t.Errorf("LaneName(%d) = %q, want %q", tt.id, got, tt.want)
		}
		if got := r.LaneByID(tt.id); (got == nil) != (tt.want == "") || got != nil && got.Name != tt.want {
			t.Errorf("LaneByID(%d) = %v, want lane %q", tt.id, got, tt.want)
		}
	}
	if got := r.LaneIDOf("b"); got != 2 {
		t.Errorf("LaneIDOf(b) = %d, want 2", got)
	}
	if got := r.LaneIDOf("z"); got != NoLane {
		t.Errorf("LaneIDOf(z) = %d, want NoLane", got)
	}
}

func TestSortLanes(t *testing.T) {
	r := &Run{
		Lanes: []*Lane{
			{Name: "loop", Kind: LoopLane},
			{Name: "main"},
			{Name: "t1", Kind: ThreadLane},
			{Name: "inline", Parent: 2, Outcome: &Outcome{Kind: Raised, CaughtBy: 2}},
			{Name: "t2", Kind: ThreadLane},
		},
		Logs: []Log{{Lane: 4}, {Lane: NoLane}, {Lane: 5}, {Lane: 2}, {Lane: 9}},
	}
	rank := map[LaneKind]int{LoopLane: 0, ThreadLane: 1, TaskLane: 2}
	r.SortLanes(func(a, b *Lane) int { return rank[a.Kind] - rank[b.Kind] })
	var names []string
	for _, l := range r.Lanes {
		names = append(names, l.Name)
	}
	if got, want := strings.Join(names, " "), "loop t1 t2 main inline"; got != want {
		t.Errorf("lanes %q, want %q", got, want)
	}
	if got := r.LaneName(r.Lane("inline").Parent); got != "main" {
		t.Errorf("parent of inline = %q, want main", got)
	}
	if got := r.LaneName(r.Lane("inline").Outcome.CaughtBy); got != "main" {
		t.Errorf("inline's exception caught by %q, want main", got)
	}
	var logs []string
	for _, g := range r.Logs {
		logs = append(logs, r.LaneName(g.Lane))
	}
	if got, want := strings.Join(logs, ","), "inline,,t2,main,"; got != want {
		t.Errorf("logs printed by %q, want %q", got, want)
	}
	if r.Logs[4].Lane != 9 {
		t.Errorf("an id that refers to no lane became %d, want it kept (9)", r.Logs[4].Lane)
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
