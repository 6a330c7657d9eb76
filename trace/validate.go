package trace

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"time"
)

// Validate checks the invariants every trace must hold, and returns all
// violations joined, or nil:
//   - every interval has End >= Start and lies within [0, run span];
//   - a lane's intervals are sorted and do not overlap, and lie within
//     [lane.Start, lane.End] once the lane has ended;
//   - at most one task lane is Running or Blocked at any instant within a
//     run whose lanes share one event loop (checked when the run has a
//     LoopLane);
//   - logs are in time order.
func Validate(t *Trace) error {
	var errs []error
	for _, r := range t.Runs {
		errs = append(errs, validateRun(r)...)
	}
	return errors.Join(errs...)
}

func validateRun(r *Run) []error {
	var errs []error
	bad := func(format string, a ...any) {
		errs = append(errs, fmt.Errorf("run %q: "+format, append([]any{r.Name}, a...)...))
	}
	if r.Total < 0 {
		bad("negative total %v", r.Total)
	}
	span := r.Span()
	hasLoop := false
	type holding struct {
		lane       string
		start, end int64
	}
	var holds []holding
	for _, l := range r.Lanes {
		if l.Kind == LoopLane {
			hasLoop = true
		}
		if l.End < l.Start {
			bad("lane %q ends at %v before it starts at %v", l.Name, l.End, l.Start)
		}
		for i, iv := range l.Intervals {
			if iv.End < iv.Start {
				bad("lane %q interval %d (%s) ends at %v before it starts at %v", l.Name, i, iv.State, iv.End, iv.Start)
			}
			if iv.Start < 0 || iv.End > span {
				bad("lane %q interval %d (%s) [%v, %v] lies outside the run [0, %v]", l.Name, i, iv.State, iv.Start, iv.End, span)
			}
			if i > 0 && iv.Start < l.Intervals[i-1].End {
				bad("lane %q interval %d (%s) starts at %v before the previous one ends at %v", l.Name, i, iv.State, iv.Start, l.Intervals[i-1].End)
			}
			if l.Outcome != nil && (iv.Start < l.Start || iv.End > l.End) {
				bad("lane %q interval %d (%s) [%v, %v] lies outside the lane's life [%v, %v]", l.Name, i, iv.State, iv.Start, iv.End, l.Start, l.End)
			}
			if l.Kind == TaskLane && l.Parent == "" && (iv.State == Running || iv.State == Blocked) && iv.End > iv.Start {
				holds = append(holds, holding{l.Name, int64(iv.Start), int64(iv.End)})
			}
		}
	}
	if hasLoop {
		slices.SortStableFunc(holds, func(a, b holding) int { return cmp.Compare(a.start, b.start) })
		for i := 1; i < len(holds); i++ {
			// holds[i-1] carries the latest end seen so far (see below).
			if a, b := holds[i-1], holds[i]; b.start < a.end {
				bad("tasks %q and %q both hold the event loop between %v and %v", a.lane, b.lane, time.Duration(b.start), time.Duration(min(a.end, b.end)))
			}
			if holds[i].end < holds[i-1].end {
				holds[i].end, holds[i].lane = holds[i-1].end, holds[i-1].lane
			}
		}
	}
	for i := 1; i < len(r.Logs); i++ {
		if r.Logs[i].At < r.Logs[i-1].At {
			bad("log %d at %v comes before log %d at %v", i, r.Logs[i].At, i-1, r.Logs[i-1].At)
		}
	}
	return errs
}
