package render

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/asyncgantt/asyncgantt/trace"
)

// BaselineNone is the Options.Baseline that turns comparisons off: no
// speed-up badges.
const BaselineNone = "none"

// RunStats are the statistics of a run, as the figure states them.
type RunStats struct {
	// Total is the run's total.
	Total time.Duration
	// SpeedUp is the baseline run's total divided by this run's; 0 when
	// this run is not compared with another: it is the baseline, there is
	// no baseline (see Stats), or it or the baseline did not end normally.
	SpeedUp float64
	// Baseline names the run this one is compared with; "" when SpeedUp
	// is 0.
	Baseline string
	// IsBaseline is true for the run the others are compared with.
	IsBaseline bool
	// Ended says how a run that did not end normally ended, e.g. "failed
	// at 1.0 s", "deadlocked at 2.0 s", "interrupted at 3.0 s": such a run
	// is not compared. "" for a run that finished.
	Ended string
	// LoopBusy and LoopIdle are the event loop's busy and idle time, and
	// HasLoop says whether the run has a loop lane at all.
	LoopBusy, LoopIdle time.Duration
	HasLoop            bool
}

// Stats computes the statistics the figure shows for every run, comparing
// the runs with the baseline run named baseline:
//   - "" (the default) compares them with the first run, when they are
//     runs of the same work (the same tasks) and the trace does not say
//     they are independent; otherwise nothing is compared;
//   - BaselineNone compares nothing;
//   - a run's name compares the others with that run, whatever they do.
//
// A run that failed, deadlocked or was interrupted is not compared, and
// when the baseline is such a run, no run is. A baseline that names no run
// is an error that lists the runs.
func Stats(t *trace.Trace, baseline string) ([]RunStats, error) {
	stats := make([]RunStats, len(t.Runs))
	for i, r := range t.Runs {
		s := RunStats{Total: r.Total, Ended: ended(r)}
		for _, l := range r.Lanes {
			if l.Kind == trace.LoopLane {
				s.HasLoop = true
				s.LoopBusy += l.Time(trace.Busy)
				s.LoopIdle += l.Time(trace.Idle)
			}
		}
		stats[i] = s
	}
	base, err := baselineRun(t, baseline)
	if err != nil || base < 0 {
		return stats, err
	}
	stats[base].IsBaseline = true
	b := t.Runs[base]
	if stats[base].Ended != "" || b.Total <= 0 {
		return stats, nil
	}
	for i, r := range t.Runs {
		if i != base && stats[i].Ended == "" && r.Total > 0 {
			stats[i].SpeedUp = float64(b.Total) / float64(r.Total)
			stats[i].Baseline = b.Name
		}
	}
	return stats, nil
}

// Comparing reports whether the runs of stats are compared at all:
// whether one of them is the baseline.
func Comparing(stats []RunStats) bool {
	for _, s := range stats {
		if s.IsBaseline {
			return true
		}
	}
	return false
}

// BaselineError says that a baseline names no run of the trace.
type BaselineError struct {
	// Baseline is the name given; Runs are the trace's runs.
	Baseline string
	Runs     []string
}

// Error says what would be valid, e.g. `baseline "Fast" is not a run:
// use one of "Sequential", "Concurrent", or "none"`.
func (e *BaselineError) Error() string {
	q := make([]string, len(e.Runs))
	for i, r := range e.Runs {
		q[i] = strconv.Quote(r)
	}
	return fmt.Sprintf("baseline %q is not a run: use one of %s, or %q for no comparison", e.Baseline, strings.Join(q, ", "), BaselineNone)
}

// CheckBaseline returns the error Stats would give for baseline in t (a
// *BaselineError), without computing the statistics.
func CheckBaseline(t *trace.Trace, baseline string) error {
	_, err := baselineRun(t, baseline)
	return err
}

// baselineRun returns the index of the run the others are compared with,
// or -1 for none.
func baselineRun(t *trace.Trace, baseline string) (int, error) {
	switch baseline {
	case BaselineNone:
		return -1, nil
	case "":
		if len(t.Runs) < 2 || t.Independent || !sameWork(t.Runs) {
			return -1, nil
		}
		return 0, nil
	}
	names := make([]string, len(t.Runs))
	for i, r := range t.Runs {
		if r.Name == baseline {
			return i, nil
		}
		names[i] = r.Name
	}
	return -1, &BaselineError{Baseline: baseline, Runs: names}
}

// sameWork reports whether the runs run the same tasks: the same names of
// task lanes, however scheduled, besides the run's own coroutine: its
// first task lane, when that is main or named after the run (a traced
// program's sequential() and concurrent() drawn as runs of their own).
// Runs of different work compare only when a baseline is named.
func sameWork(runs []*trace.Run) bool {
	tasks := func(r *trace.Run) []string {
		var n []string
		root := true
		for _, l := range r.Lanes {
			if l.Kind != trace.TaskLane {
				continue
			}
			if root {
				root = false
				if l.Parent == trace.NoLane && (l.Name == "main" || l.Name == r.Name) {
					continue
				}
			}
			if l.Outcome == nil || l.Outcome.Kind != trace.NeverAwaited {
				n = append(n, l.Name)
			}
		}
		slices.Sort(n)
		return slices.Compact(n)
	}
	first := tasks(runs[0])
	for _, r := range runs[1:] {
		if !slices.Equal(tasks(r), first) {
			return false
		}
	}
	return true
}

// ended says how a run that did not end normally ended, or "".
func ended(r *trace.Run) string {
	at := FormatDuration(r.Total)
	switch {
	case r.Interrupted:
		return "interrupted at " + at
	case strings.HasPrefix(r.Error, "deadlock"):
		return "deadlocked at " + at
	case r.Error != "":
		return "failed at " + at
	}
	return ""
}

// IdleShare returns the loop's idle time as a fraction of the run's total.
func (s RunStats) IdleShare() float64 {
	if s.Total <= 0 {
		return 0
	}
	return math.Min(1, float64(s.LoopIdle)/float64(s.Total))
}

// SpeedUpText says how a run compares with the first: "2.0× faster",
// "1.0× — no gain", "2.0× slower" (for a speed-up of 0.5).
func SpeedUpText(speedUp float64) string {
	switch {
	case speedUp == 0:
		return ""
	case speedUp >= 1.05:
		return fmt.Sprintf("%.1f× faster", speedUp)
	case speedUp > 0.95:
		return fmt.Sprintf("%.1f× — no gain", speedUp)
	}
	return fmt.Sprintf("%.1f× slower", 1/speedUp)
}

// CompareText says how a run compares with the first run, named first:
// "2.0× faster than Sequential", "no gain over Sequential (1.0×)",
// "2.0× slower than Sequential".
func CompareText(speedUp float64, first string) string {
	switch {
	case speedUp == 0:
		return ""
	case speedUp >= 1.05:
		return fmt.Sprintf("%.1f× faster than %s", speedUp, first)
	case speedUp > 0.95:
		return fmt.Sprintf("no gain over %s (%.1f×)", first, speedUp)
	}
	return fmt.Sprintf("%.1f× slower than %s", 1/speedUp, first)
}

// speedClass returns the badge class for a speed-up.
func speedClass(speedUp float64) string {
	switch {
	case speedUp >= 1.05:
		return ClassSpeedFaster
	case speedUp > 0.95:
		return ClassSpeedSame
	}
	return ClassSpeedSlower
}

// Message says the figure's message in words: every run's total and how
// it compares with the baseline (see Stats), e.g. "Sequential 6.0 s,
// Concurrent 3.0 s (2.0× faster), Blocking 6.0 s (1.0× — no gain)". The
// baseline is named when it is not the first run. Past MaxMessageRuns
// runs, it names the first ones and says how many more there are; a
// name is cut after 100 characters.
func Message(t *trace.Trace, baseline string) (string, error) {
	stats, err := Stats(t, baseline)
	if err != nil {
		return "", err
	}
	return MessageOf(t, stats), nil
}

// MessageOf is Message of the statistics Stats gave for t, for a caller
// that has them already.
func MessageOf(t *trace.Trace, stats []RunStats) string {
	return message(t, stats, func(s string) string { return s })
}

// message is MessageOf, writing each run's name as name returns it.
func message(t *trace.Trace, stats []RunStats, name func(string) string) string {
	n := min(len(t.Runs), MaxMessageRuns)
	parts := make([]string, n, n+1)
	for i, r := range t.Runs[:n] {
		st := stats[i]
		parts[i] = fmt.Sprintf("%s %s", name(Clip(r.Name, maxMessageName)), FormatDuration(st.Total))
		switch {
		case st.SpeedUp > 0 && len(t.Runs) > 0 && st.Baseline == t.Runs[0].Name && i > 0:
			parts[i] += " (" + SpeedUpText(st.SpeedUp) + ")"
		case st.SpeedUp > 0:
			parts[i] += " (" + CompareText(st.SpeedUp, name(Clip(st.Baseline, maxMessageName))) + ")"
		case st.Ended != "":
			how, _, _ := strings.Cut(st.Ended, " ")
			parts[i] += " (" + how + ")"
		}
	}
	if more := len(t.Runs) - n; more > 0 {
		parts = append(parts, "and "+FormatCount(more)+" more "+plural(more, "run"))
	}
	return strings.Join(parts, ", ")
}

// MaxMessageRuns is how many runs Message names at most.
const MaxMessageRuns = 10

// maxMessageName is how many characters of a run's name Message writes.
const maxMessageName = 100

// FormatCount writes n with thousands separated by commas: 12,345.
func FormatCount(n int) string {
	s := strconv.Itoa(n)
	if n < 0 {
		return "-" + FormatCount(-n)
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// plural returns word with an s unless n is 1.
func plural(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}
