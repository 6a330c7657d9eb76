package render

import (
	"math"
	"strconv"
	"strings"
	"time"
)

// Unit is a unit of elapsed time for axis labels.
type Unit struct {
	// Name is the unit's symbol: "µs", "ms", "s" or "min".
	Name string
	// Size is the unit's length.
	Size time.Duration
}

// UnitFor returns the unit that reads best for a span: µs below 1 ms, ms
// below 1 s, s below 2 min, min above.
func UnitFor(span time.Duration) Unit {
	switch {
	case span < time.Millisecond:
		return Unit{"µs", time.Microsecond}
	case span < time.Second:
		return Unit{"ms", time.Millisecond}
	case span < 2*time.Minute:
		return Unit{"s", time.Second}
	}
	return Unit{"min", time.Minute}
}

// Ticks returns "nice" tick positions from 0 to at least span, about
// target of them, and the step: 1, 2 or 5 times a power of ten of the
// unit the span is read in (UnitFor(span)), so that the axis labels in
// that unit are round — 2 min steps, not 100 s ones written "1.666667".
func Ticks(span time.Duration, target int) (ticks []time.Duration, step time.Duration) {
	if span <= 0 {
		span = time.Second
	}
	if target < 2 {
		target = 2
	}
	unit := float64(UnitFor(span).Size)
	raw := float64(span) / unit / float64(target) // in the unit
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	stepF := 10 * mag
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if m == 2.5 && mag*unit < 1000 {
			continue // keep 2.5 only where it stays a whole number of ns
		}
		if m*mag >= raw {
			stepF = m * mag
			break
		}
	}
	stepF *= unit
	step = time.Duration(math.Round(stepF))
	if step <= 0 {
		step = 1
	}
	for t := time.Duration(0); ; t += step {
		ticks = append(ticks, t)
		if t >= span {
			break
		}
	}
	return ticks, step
}

// FormatTime writes t in unit u with at most the decimals needed for step,
// e.g. "1.5" for 1.5 s with a 0.5 s step. No unit symbol is appended.
func FormatTime(t time.Duration, u Unit, step time.Duration) string {
	decimals := 0
	for s := float64(step) / float64(u.Size); decimals < 6 && math.Abs(s-math.Round(s)) > 1e-9; s *= 10 {
		decimals++
	}
	return strconv.FormatFloat(float64(t)/float64(u.Size), 'f', decimals, 64)
}

// FormatDuration writes d for people, with its unit and three significant
// digits: "6.0 s", "250 ms", "12 µs", "2.5 min".
func FormatDuration(d time.Duration) string {
	u := UnitFor(d)
	if d == 0 {
		u = Unit{"s", time.Second}
	}
	v := float64(d) / float64(u.Size)
	var s string
	switch {
	case v >= 100:
		s = strconv.FormatFloat(v, 'f', 0, 64)
	case v >= 10:
		s = strconv.FormatFloat(v, 'f', 1, 64)
	default:
		s = strconv.FormatFloat(v, 'f', 2, 64)
		s = strings.TrimSuffix(s, "0")
	}
	return s + " " + u.Name
}
