package render

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/asyncgantt/asyncgantt/trace"
)

// Statistics of a run, as the figure states them.
type RunStats struct {
	// Total is the run's total.
	Total time.Duration
	// SpeedUp is the first run's total divided by this run's; 1 for the
	// first run, 0 when a total is zero.
	SpeedUp float64
	// LoopBusy and LoopIdle are the event loop's busy and idle time, and
	// HasLoop says whether the run has a loop lane at all.
	LoopBusy, LoopIdle time.Duration
	HasLoop            bool
}

// Stats computes the statistics the figure shows for every run.
func Stats(t *trace.Trace) []RunStats {
	stats := make([]RunStats, len(t.Runs))
	for i, r := range t.Runs {
		s := RunStats{Total: r.Total}
		if first := t.Runs[0].Total; r.Total > 0 && !t.Independent {
			s.SpeedUp = float64(first) / float64(r.Total)
		}
		for _, l := range r.Lanes {
			if l.Kind == trace.LoopLane {
				s.HasLoop = true
				s.LoopBusy += l.Time(trace.Busy)
				s.LoopIdle += l.Time(trace.Idle)
			}
		}
		stats[i] = s
	}
	return stats
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

// Message says the figure's message in words: every run's total and its
// speed-up against the first.
func Message(t *trace.Trace) string {
	stats := Stats(t)
	parts := make([]string, len(t.Runs))
	for i, r := range t.Runs {
		parts[i] = fmt.Sprintf("%s %s", r.Name, FormatDuration(stats[i].Total))
		if i > 0 && stats[i].SpeedUp > 0 {
			parts[i] += " (" + SpeedUpText(stats[i].SpeedUp) + ")"
		}
	}
	return strings.Join(parts, ", ")
}

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
