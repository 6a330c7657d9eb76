package chrome

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Stats says what Read did with the events it read.
type Stats struct {
	// Events is the number of events read, of any phase.
	Events int
	// Ignored counts the events that are not drawn (counters, flows,
	// samples, ...), by phase ("C", "s", ...; "M" for unknown metadata).
	Ignored map[string]int
	// Malformed counts drawn events skipped because they lack a timestamp
	// or have one out of range (beyond about 73 years).
	Malformed int
	// Nested counts spans hidden, wholly or in part, under another span of
	// their lane: a lane keeps only its outermost spans.
	Nested int
	// Unmatched counts end events ("E", "e", "F") with no begin to end.
	Unmatched int
	// Unclosed counts begin events ("B", "b", "S") never ended, closed at
	// the end of the trace.
	Unclosed int
}

// phaseNames names the phases of the Chrome format for Stats.String.
var phaseNames = map[string]string{
	"B": "begin", "E": "end", "X": "complete", "i": "instant", "I": "instant",
	"C": "counter", "b": "async begin", "n": "async instant", "e": "async end",
	"S": "async start", "T": "async step", "p": "async step", "F": "async finish",
	"s": "flow", "t": "flow", "f": "flow", "P": "sample",
	"N": "object created", "O": "object snapshot", "D": "object destroyed",
	"M": "metadata", "V": "memory dump", "v": "memory dump", "R": "mark",
	"c": "clock sync", "(": "context", ")": "context",
}

// String summarises the stats for a user, e.g. "ignored 12 events: 10
// counter (C), 2 flow (s)", followed by notes on nested, unmatched and
// unclosed spans when there are any.
func (s *Stats) String() string {
	var parts []string
	n := 0
	for _, c := range s.Ignored {
		n += c
	}
	if n > 0 {
		var b strings.Builder
		fmt.Fprintf(&b, "ignored %d %s:", n, plural(n, "event"))
		phases := make([]string, 0, len(s.Ignored))
		for ph := range s.Ignored {
			phases = append(phases, ph)
		}
		slices.SortFunc(phases, func(a, b string) int {
			return cmp.Or(cmp.Compare(s.Ignored[b], s.Ignored[a]), cmp.Compare(a, b))
		})
		for i, ph := range phases {
			if i > 0 {
				b.WriteString(",")
			}
			name := phaseNames[ph]
			if name == "" {
				name = "unknown phase"
			}
			label := strconv.Quote(ph)
			if ph != "" && strconv.Quote(ph) == `"`+ph+`"` {
				label = ph
			}
			fmt.Fprintf(&b, " %d %s (%s)", s.Ignored[ph], name, label)
		}
		parts = append(parts, b.String())
	}
	if s.Malformed > 0 {
		parts = append(parts, fmt.Sprintf("skipped %d malformed %s", s.Malformed, plural(s.Malformed, "event")))
	}
	if s.Nested > 0 {
		parts = append(parts, fmt.Sprintf("hid %d nested %s", s.Nested, plural(s.Nested, "span")))
	}
	if s.Unmatched > 0 {
		parts = append(parts, fmt.Sprintf("dropped %d unmatched end %s", s.Unmatched, plural(s.Unmatched, "event")))
	}
	if s.Unclosed > 0 {
		parts = append(parts, fmt.Sprintf("closed %d unclosed %s at the end of the trace", s.Unclosed, plural(s.Unclosed, "span")))
	}
	if len(parts) == 0 {
		return "every event drawn"
	}
	return strings.Join(parts, "; ")
}

func plural(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}
