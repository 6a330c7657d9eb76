package render

import (
	"fmt"
	"strings"

	"github.com/asyncgantt/asyncgantt/trace"
)

// The transcript panel lists what a run printed beside its lanes. The
// chart keeps its own height: lines that do not fit beside the lanes
// continue below them, in columns across the figure; in a figure too
// narrow for a panel beside the chart, they are all set below. A run that printed
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
	w := l.trW
	tx := l.trX + g.font*0.6
	heading := "printed"
	if len(r.Logs) == 0 {
		heading = "printed nothing"
	}
	l.text(tx, y+g.font*1.35, Fit(heading, w, g.font, false), ClassPanelNote, g.font, false, Start)
	first := top + g.rowH/2 + g.small*0.35
	room := 0 // lines that fit beside the lanes
	if h := lanesBottom - g.small*0.3 - first; h >= 0 {
		room = int(h/g.line) + 1
	}
	most := maxTranscriptLines
	if l.opts.Height > 0 {
		most = room + besideSlack // a fixed height: the chart comes first
	}
	timeW, lines := l.transcriptColumn(r, w, most)
	fit := min(len(lines), room)
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
		bottom = max(bottom, l.transcriptBelow(lanesBottom, "printed, continued", timeW, w, rest))
	}
	return bottom
}

// transcriptUnder draws a run's printed lines under its lanes (from top
// to y), in columns across the figure (a figure too narrow for a
// transcript beside its chart), and returns the y below the last.
func (l *layout) transcriptUnder(top, y float64, r *trace.Run) float64 {
	if len(r.Logs) == 0 {
		return l.transcriptBelow(y, "printed nothing", 0, l.trW, nil)
	}
	most := maxTranscriptLines
	if l.opts.Height > 0 {
		// A fixed height: the chart comes first, and the transcript takes
		// as many rows as the lanes, in each of its columns.
		cols := max(1, int((l.fig.Width-2*l.g.pad+l.g.gap)/(l.trW+l.g.gap)+1e-9))
		most = cols * (int((y-top)/l.g.rowH) + besideSlack)
	}
	timeW, lines := l.transcriptColumn(r, l.trW, most)
	return l.transcriptBelow(y, "printed", timeW, l.trW, lines)
}

// transcriptColumn returns the width of the time stamps of a run's
// transcript set in a column w pixels wide, and its lines, most of them
// at most.
func (l *layout) transcriptColumn(r *trace.Run, w float64, most int) (timeW float64, lines []trLine) {
	g := l.g
	for _, lg := range r.Logs {
		timeW = max(timeW, TextWidth(l.stamp(lg.At), g.small, false))
	}
	return timeW, l.transcriptLines(r, w-timeW-g.font*1.4, most)
}

// transcriptBelow draws a heading and lines of a transcript below a run's
// lanes, from y, in columns colW wide, read down then across; it returns
// the y below them.
func (l *layout) transcriptBelow(y float64, heading string, timeW, colW float64, lines []trLine) float64 {
	g := l.g
	y += g.small * 1.6
	l.text(g.pad, y, Fit(heading, l.fig.Width-2*g.pad, g.small, false), ClassPanelNote, g.small, false, Start)
	if len(lines) == 0 {
		return y + g.small*0.6
	}
	avail := l.fig.Width - 2*g.pad
	cols := max(1, int((avail+g.gap)/(colW+g.gap)+1e-9)) // as many as fit
	pitch := colW + g.gap
	if cols > 1 {
		pitch = (avail - colW) / float64(cols-1)
	}
	place, rows := columnsOf(lines, cols)
	first := y + g.line
	for i, ln := range lines {
		x := g.pad + float64(place[i].col)*pitch
		l.transcriptLine(x, timeW, first+float64(place[i].row)*g.line, ln)
	}
	return first + float64(rows-1)*g.line + g.small*0.6
}

// cell is where a line of a transcript set in columns goes.
type cell struct{ col, row int }

// columnsOf sets lines in at most cols columns, read down then across, of
// as few rows as it can, keeping a printed line and its continuation in
// one column; it returns each line's cell and the number of rows.
func columnsOf(lines []trLine, cols int) ([]cell, int) {
	// A unit is a printed line with its continuation: the lines up to
	// the next one with a time stamp.
	var units []int // the length of each unit
	for i, ln := range lines {
		if i == 0 || ln.stamp != "" || ln.class == ClassTranscriptTime { // a line, or the note of those left out
			units = append(units, 0)
		}
		units[len(units)-1]++
	}
	place := make([]cell, 0, len(lines))
	for rows := max(1, (len(lines)+cols-1)/cols); ; rows++ {
		place = place[:0]
		c, row, most := 0, 0, 0
		for _, n := range units {
			if row > 0 && row+n > rows {
				c, row = c+1, 0
			}
			for k := range n {
				place = append(place, cell{c, row + k})
			}
			row += n
			most = max(most, row)
		}
		if c < cols {
			return place, most
		}
	}
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
// width pixels wide and at most most of them (3 at least): every printed
// line (wrapped onto two at most), or, where they do not fit, the first
// ones, a note of those left out, and the last keepLastLines.
func (l *layout) transcriptLines(r *trace.Run, width float64, most int) []trLine {
	g := l.g
	logs := r.Logs
	most = max(most, 3)
	linesOf := func(lg trace.Log) []trLine {
		class := ClassTranscript
		if lg.Stderr {
			class = ClassTranscriptErr
		}
		tip := fmt.Sprintf("printed at %s", l.clock(lg.At))
		if lane := r.LaneName(lg.Lane); lane != "" {
			tip = fmt.Sprintf("printed by %s at %s", isolate(lane), l.clock(lg.At))
		}
		if lg.Stderr {
			tip = strings.Replace(tip, "printed", "written to stderr", 1)
		}
		var out []trLine
		for i, s := range Wrap(isolate(lg.Text), width, g.small, false, 2) {
			ln := trLine{text: s, class: class, tip: tip + ": " + isolateText(lg.Text), log: lg, timed: true}
			if i == 0 {
				ln.stamp = l.stamp(lg.At)
			}
			out = append(out, ln)
		}
		return out
	}
	var out []trLine
	var first [][]trLine // the lines of each log of the first pass, kept for the second
	for i, lg := range logs {
		if i == most {
			break
		}
		ls := linesOf(lg)
		first = append(first, ls)
		out = append(out, ls...)
	}
	if len(logs) <= most && len(out) <= most {
		return out
	}
	// The last lines (where a run prints its total), the note, and as
	// many of the first lines as fit before them.
	keep := min(keepLastLines, len(logs)-1, most-2)
	var tail []trLine
	for _, lg := range logs[len(logs)-keep:] {
		tail = append(tail, linesOf(lg)...)
	}
	out = out[:0]
	h := 0
	for ; h < len(logs)-keep; h++ {
		var ls []trLine
		if h < len(first) {
			ls = first[h]
		} else {
			ls = linesOf(logs[h])
		}
		if len(out)+len(ls)+1+len(tail) > most {
			break
		}
		out = append(out, ls...)
	}
	left := logs[h : len(logs)-keep]
	what := FormatCount(len(left)) + " more " + plural(len(left), "line")
	note := fmt.Sprintf("… %s, %s to %s …", what, l.stamp(left[0].At), l.stamp(left[len(left)-1].At))
	out = append(out, trLine{text: Fit(note, width, g.small, false), class: ClassTranscriptTime,
		tip: fmt.Sprintf("%s %s printed from %s to %s %s left out; the report lists every line", FormatCount(len(left)), plural(len(left), "line"), l.clock(left[0].At), l.clock(left[len(left)-1].At), isAre(len(left)))})
	return append(out, tail...)
}

// isAre returns the verb for n things: "is" for one, else "are".
func isAre(n int) string {
	if n == 1 {
		return "is"
	}
	return "are"
}
