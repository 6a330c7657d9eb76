package render

import (
	"fmt"
	"math"
	"strings"

	"github.com/asyncgantt/asyncgantt/trace"
)

// The transcript panel lists what a run printed beside its lanes. The
// chart keeps its own height: lines that do not fit beside the lanes
// continue below them, in columns across the figure. A run that printed
// more than maxTranscriptLines lines shows its first lines and its last
// keepLastLines (where a run prints its total), and says how many it
// leaves out between them. A line too long for its column wraps onto a
// second one, and only then is shortened.

// maxTranscriptLines is how many printed lines a run's transcript shows
// at most.
const maxTranscriptLines = 60

// keepLastLines is how many of a run's last printed lines its transcript
// always shows.
const keepLastLines = 3

// besideSlack is how many lines a transcript beside the lanes may run
// past them before the rest continue below.
const besideSlack = 3

// trLine is one line of a transcript: a printed line, its continuation,
// or the note of the lines left out.
type trLine struct {
	stamp, text string
	class, tip  string
	log         trace.Log
	timed       bool
}

// transcript draws a run's printed lines from y, beside its lanes (top to
// lanesBottom) and below them if need be, and returns the y below the
// last.
func (l *layout) transcript(y, top, lanesBottom float64, r *trace.Run) float64 {
	g := l.g
	w := l.fig.Width - g.pad - l.trX
	tx := l.trX + g.font*0.6
	heading := "printed"
	if len(r.Logs) == 0 {
		heading = "printed nothing"
	}
	l.text(tx, y+g.font*1.35, Fit(heading, w, g.font, false), ClassPanelNote, g.font, false, Start)
	timeW := 0.0
	for _, lg := range r.Logs {
		timeW = max(timeW, TextWidth(l.stamp(lg.At), g.small, false))
	}
	textW := w - timeW - g.font*1.4
	lines := l.transcriptLines(r, textW)
	first := top + g.rowH/2 + g.small*0.35
	fit := 0 // lines that fit beside the lanes
	if room := lanesBottom - g.small*0.3 - first; room >= 0 {
		fit = min(len(lines), int(room/g.line)+1)
	}
	if len(lines)-fit <= besideSlack {
		fit = len(lines) // a few more lines: the panel grows a little instead
	}
	last := first
	for i, ln := range lines[:fit] {
		last = first + float64(i)*g.line
		l.transcriptLine(tx, timeW, last, ln)
	}
	bottom := last + g.small*0.6
	if fit == 0 {
		bottom = top
	}
	l.add(Item{Kind: Line, X: l.trX, Y: y + g.font*0.3, H: bottom - y - g.font*0.3, Class: ClassTranscriptRule})
	if rest := lines[fit:]; len(rest) > 0 {
		bottom = max(bottom, l.transcriptBelow(lanesBottom, timeW, w, rest))
	}
	return bottom
}

// transcriptBelow draws the lines of a transcript that did not fit beside
// the lanes below them, from y, in columns as wide as the transcript
// panel, read down then across; it returns the y below them.
func (l *layout) transcriptBelow(y, timeW, colW float64, lines []trLine) float64 {
	g := l.g
	y += g.small * 1.6
	l.text(g.pad, y, Fit("printed, continued", l.right-g.pad, g.small, false), ClassPanelNote, g.small, false, Start)
	avail := l.fig.Width - 2*g.pad
	cols := max(1, int((avail+g.gap)/(colW+g.gap)))
	rows := int(math.Ceil(float64(len(lines)) / float64(cols)))
	pitch := colW + g.gap
	if cols > 1 {
		pitch = (avail - colW) / float64(cols-1)
	}
	first := y + g.line
	for i, ln := range lines {
		c, row := i/rows, i%rows
		x := g.pad + float64(c)*pitch
		l.transcriptLine(x, timeW, first+float64(row)*g.line, ln)
	}
	return first + float64(rows-1)*g.line + g.small*0.6
}

// transcriptLine draws one transcript line at x with its baseline at y;
// timeW is the width of the time stamps' column.
func (l *layout) transcriptLine(x, timeW, y float64, ln trLine) {
	g := l.g
	if ln.stamp != "" {
		l.add(Item{Kind: Text, X: x + timeW, Y: y, Text: ln.stamp, Class: ClassTranscriptTime, Size: g.small, Anchor: End,
			Timed: ln.timed, From: ln.log.At, To: ln.log.At})
	}
	l.add(Item{Kind: Text, X: x + timeW + g.small*0.8, Y: y, Text: ln.text, Class: ln.class, Size: g.small, Tip: ln.tip,
		Timed: ln.timed, From: ln.log.At, To: ln.log.At})
}

// transcriptLines returns the lines of a run's transcript, each at most
// width pixels wide: every printed line (wrapped onto two at most), or,
// past maxTranscriptLines, the first ones, a note of those left out, and
// the last keepLastLines.
func (l *layout) transcriptLines(r *trace.Run, width float64) []trLine {
	g := l.g
	logs := r.Logs
	var out []trLine
	add := func(lg trace.Log) {
		class := ClassTranscript
		if lg.Stderr {
			class = ClassTranscriptErr
		}
		tip := fmt.Sprintf("printed at %s", l.clock(lg.At))
		if lane := r.LaneName(lg.Lane); lane != "" {
			tip = fmt.Sprintf("printed by %s at %s", lane, l.clock(lg.At))
		}
		if lg.Stderr {
			tip = strings.Replace(tip, "printed", "written to stderr", 1)
		}
		for i, s := range Wrap(lg.Text, width, g.small, false, 2) {
			ln := trLine{text: s, class: class, tip: tip + ": " + lg.Text, log: lg, timed: true}
			if i == 0 {
				ln.stamp = l.stamp(lg.At)
			}
			out = append(out, ln)
		}
	}
	if len(logs) <= maxTranscriptLines {
		for _, lg := range logs {
			add(lg)
		}
		return out
	}
	head := maxTranscriptLines - keepLastLines - 1
	for _, lg := range logs[:head] {
		add(lg)
	}
	left := logs[head : len(logs)-keepLastLines]
	note := fmt.Sprintf("… %s more lines, %s to %s …", FormatCount(len(left)), l.stamp(left[0].At), l.stamp(left[len(left)-1].At))
	out = append(out, trLine{text: Fit(note, width, g.small, false), class: ClassTranscriptTime,
		tip: fmt.Sprintf("%s lines printed from %s to %s are left out; the report lists every line", FormatCount(len(left)), l.clock(left[0].At), l.clock(left[len(left)-1].At))})
	for _, lg := range logs[len(logs)-keepLastLines:] {
		add(lg)
	}
	return out
}
