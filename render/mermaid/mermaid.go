package mermaid

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/asyncgantt/asyncgantt/internal/safetext"
	"github.com/asyncgantt/asyncgantt/render"
	"github.com/asyncgantt/asyncgantt/trace"
)

// MaxText is the longest diagram Mermaid draws with its default
// configuration (its maxTextSize setting), in characters. Mermaid replaces
// a longer diagram with an error message, so Write refuses to write one.
const MaxText = 50000

// Write writes t as one Mermaid gantt diagram: the text that goes inside
// a ```mermaid fence, for GitHub Markdown, GitLab, wikis and other pages
// that render Mermaid natively.
//
// All runs share one diagram, so that they share one time axis, as in the
// SVG figure (separate diagrams would each be stretched to the page's
// width, drawing a 3 s run as long as a 6 s one). Each lane with at least
// one interval is a section, named "Run · lane" when the trace has more
// than one run, and each interval is a task named after its state and
// detail, e.g. "waiting (sleep 2s)". The diagram is compact (a lane's
// tasks share one row). Its dates are whole numbers since the run's start
// (dateFormat x, which Mermaid reads as milliseconds) in a unit chosen so
// that the trace spans at least a thousand of them: milliseconds for a
// trace of a second or more, else microseconds or nanoseconds; the axis
// labels name the real unit (with d3's %Q and %s, which do not depend on
// the reader's time zone). Intervals are rounded to the unit; one that
// rounds to nothing is left out. Mermaid's task tags colour the states:
// running and busy are plain bars, ready and created "active", waiting
// and idle "done", blocked "crit".
//
// Every text is escaped for Mermaid's syntax with its entity codes (":"
// is "#58;", and so on; see Text); a name in a right-to-left script set
// beside other words is isolated (FSI … PDI), as in the SVG figure. The output is deterministic. It
// fails if the diagram is longer than MaxText or if no interval
// lasts a millisecond.
func Write(w io.Writer, t *trace.Trace) error {
	var b strings.Builder
	b.WriteString("gantt\n")
	if t.Title != "" {
		fmt.Fprintf(&b, "    title %s\n", Text(t.Title))
		fmt.Fprintf(&b, "    accTitle: %s\n", Text(t.Title))
	}
	if desc := strings.TrimSpace(strings.TrimSpace(t.Description) + " " + message(t)); len(t.Runs) > 0 && desc != "" {
		fmt.Fprintf(&b, "    accDescr: %s\n", Text(desc))
	}
	// Mermaid's dates are whole milliseconds (dateFormat x). A trace
	// shorter than a second is written in a finer unit, u, one "Mermaid
	// millisecond" standing for a microsecond or a nanosecond, and the
	// axis labels name the real unit.
	b.WriteString("    dateFormat x\n")
	span := t.Span()
	u := time.Millisecond
	for u > time.Nanosecond && span < 1000*u {
		u /= 1000
	}
	_, step := render.Ticks(span, 8)
	switch {
	case step >= 1000*u && step%(1000*u) == 0:
		// d3's %s counts thousands of units since 0, whatever the reader's
		// time zone.
		fmt.Fprintf(&b, "    axisFormat %%s %s\n    tickInterval %dsecond\n", unitName(1000*u), step/(1000*u))
	case step >= u && step%u == 0:
		fmt.Fprintf(&b, "    axisFormat %%Q %s\n    tickInterval %dmillisecond\n", unitName(u), step/u)
	default:
		fmt.Fprintf(&b, "    axisFormat %%Q %s\n", unitName(u))
	}
	b.WriteString("    todayMarker off\n")
	tasks := 0
	labelW := 0.0
	// A diagram of more than MaxText characters is refused: once it holds
	// more than 4 bytes a character, it is, and the rest is not written.
	long := false
	for _, r := range t.Runs {
		if long {
			break
		}
		for _, l := range r.Lanes {
			if b.Len() > 4*MaxText {
				long = true
				break
			}
			lines, full := laneLines(l, u, b.Len())
			long = long || full
			if len(lines) == 0 {
				continue
			}
			section := isolated(l.Name)
			if len(t.Runs) > 1 {
				section = strings.TrimSpace(isolated(r.Name) + " · " + section)
			}
			if section == "" {
				section = "(unnamed)"
			}
			labelW = max(labelW, render.TextWidth(safetext.Strip(section), mermaidSectionFont, false))
			fmt.Fprintf(&b, "    section %s\n", section)
			for _, s := range lines {
				b.WriteString(s)
			}
			tasks += len(lines)
		}
	}
	if tasks == 0 {
		return fmt.Errorf("nothing to draw in Mermaid: the trace has no interval longer than %s", unitName(u))
	}
	if long {
		return fmt.Errorf("the Mermaid diagram would be over %d characters long (%d tasks or more); Mermaid draws at most %d by default (its maxTextSize setting)", 4*MaxText, tasks, MaxText)
	}
	if n := utf8.RuneCountInString(b.String()); n > MaxText {
		return fmt.Errorf("the Mermaid diagram would be %d characters long (%d tasks); Mermaid draws at most %d by default (its maxTextSize setting)", n, tasks, MaxText)
	}
	// Front matter: compact rows, and a left margin wide enough for the
	// section names (Mermaid's default, 75 px, fits about 12 characters).
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "---\nconfig:\n  gantt:\n    displayMode: compact\n    leftPadding: %d\n---\n", max(75, int(math.Ceil(labelW))+24))
	bw.WriteString(b.String())
	return bw.Flush()
}

// laneLines returns the task lines of one lane's intervals in unit u,
// stopping once the diagram, already size bytes long, would be longer
// than 4 bytes a character of MaxText: full says it stopped.
func laneLines(l *trace.Lane, u time.Duration, size int) (lines []string, full bool) {
	for _, iv := range l.Intervals {
		if size > 4*MaxText {
			return lines, true
		}
		start, end := inUnits(iv.Start, u), inUnits(iv.End, u)
		if end <= start {
			continue
		}
		name := iv.State.String()
		if d := isolated(iv.Detail); d != "" {
			name += " (" + d + ")"
		}
		tag := ""
		switch iv.State {
		case trace.Ready, trace.Created:
			tag = "active, "
		case trace.Waiting, trace.Idle:
			tag = "done, "
		case trace.Blocked:
			tag = "crit, "
		}
		lines = append(lines, fmt.Sprintf("    %s :%s%d, %d\n", name, tag, start, end))
		size += len(lines[len(lines)-1])
	}
	return lines, false
}

// mermaidSectionFont is the size of Mermaid's section names, in pixels
// (its gantt sectionFontSize).
const mermaidSectionFont = 11

// inUnits rounds d to a whole number of units u.
func inUnits(d, u time.Duration) int64 {
	return int64(d.Round(u) / u)
}

// unitName names a unit of time: "s", "ms", "µs" or "ns".
func unitName(u time.Duration) string {
	switch u {
	case time.Second:
		return "s"
	case time.Millisecond:
		return "ms"
	case time.Microsecond:
		return "µs"
	}
	return "ns"
}

// message is the trace's message (see render.Message), its runs compared
// as a figure compares them by default.
func message(t *trace.Trace) string {
	m, _ := render.Message(t, "") // the default baseline is always valid
	return m
}

// isolated returns Text of s (cut after MaxText characters), between the
// isolates FSI and PDI when it holds right-to-left letters
// (safetext.NeedsIsolation): a name set beside other words in a section
// or task name, which Mermaid draws as SVG text in a browser, so that "3
// main" after "عربي · " cannot read as "3 · عربي main".
func isolated(s string) string {
	s = Text(render.Clip(s, MaxText))
	if !safetext.NeedsIsolation(s) {
		return s
	}
	return string(safetext.FSI) + s + string(safetext.PDI)
}

// Text makes s safe as a title, section or task name in a Mermaid
// diagram: line breaks and other C0 control characters become spaces, runs
// of spaces one space; the other characters that could reorder or hide
// text (C1 controls, bidirectional formatting characters, invalid UTF-8)
// become visible escapes, as safetext writes them ("\u202e"); and the
// characters Mermaid's syntax gives a meaning to — ":" (ends a task's
// name), ";" and "#" (end a line's value, start an entity), "%" (starts a
// comment) and "`" (would close a Markdown fence) — become Mermaid entity
// codes ("#58;" for ":"), which Mermaid draws as the characters
// themselves. Leading and trailing spaces are dropped.
func Text(s string) string {
	var b strings.Builder
	space := false
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		raw := s[i : i+size]
		i += size
		if r < 0x20 || r == 0x7f || r == ' ' || r == '\u2028' || r == '\u2029' {
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		switch r {
		case ':', ';', '#', '%', '`':
			fmt.Fprintf(&b, "#%d;", r)
		default:
			b.WriteString(safetext.Line(raw))
		}
	}
	return b.String()
}
