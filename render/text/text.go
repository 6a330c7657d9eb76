package text

import (
	"fmt"
	"io"
	"math"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/width"

	"github.com/asyncgantt/asyncgantt/internal/safetext"
	"github.com/asyncgantt/asyncgantt/render"
	"github.com/asyncgantt/asyncgantt/trace"
)

// FileColumns is the width of a text chart written to a file by the txt
// format, in terminal columns.
const FileColumns = 80

func init() {
	render.RegisterFormat("txt", []string{".txt"}, func(w io.Writer, d *render.Document) error {
		if err := render.CheckBaseline(d.Trace, d.Options.Baseline); err != nil {
			return err
		}
		_, err := io.WriteString(w, Chart(d.Trace, DocumentOptions(d, FileColumns)))
		return err
	})
}

// Options control a terminal chart.
type Options struct {
	// Columns is the chart's width in terminal columns; 0 means 80. The
	// chart needs at least 40.
	Columns int
	// Compact leaves out the title and the message, for a chart printed
	// after a run's transcript.
	Compact bool
	// Baseline names the run the others are compared with, as
	// render.Options.Baseline does; one that names no run compares
	// nothing (render.Stats says why).
	Baseline string
	// MaxLanes is how many lane rows the chart draws at most, all runs
	// together, before it folds the rest of a run's lanes into one
	// summary row, as the figure does; 0 means DefaultMaxLanes.
	MaxLanes int
	// MaxPanels is how many runs the chart draws at most before it folds
	// the others into one summary panel (render.FoldRuns); 0 means
	// render.DefaultMaxPanels.
	MaxPanels int
}

// DefaultMaxLanes is how many lane rows a chart draws at most: a chart of
// a million tasks is a screenful or two, not a million lines.
const DefaultMaxLanes = 60

// DocumentOptions returns the options of a chart of d's trace, cols
// columns wide, with the figure's lane and panel budgets when its options
// set them: Options.MaxLanes and MaxPanels, or no folding at all for
// Exact.
func DocumentOptions(d *render.Document, cols int) Options {
	o := Options{Columns: cols, MaxLanes: d.Options.MaxLanes, MaxPanels: d.Options.MaxPanels, Baseline: d.Options.Baseline}
	if d.Options.Exact {
		o.MaxLanes, o.MaxPanels = math.MaxInt, math.MaxInt
	}
	return o
}

// stateRune is the block character drawn for each state in a terminal
// chart: solid for what holds the loop, shaded for what waits, so the
// chart reads without colour.
var stateRune = [...]rune{
	trace.Created: '┈',
	trace.Ready:   '▒',
	trace.Running: '█',
	trace.Blocked: '▓',
	trace.Waiting: '░',
	trace.Idle:    '·',
	trace.Busy:    '█',
}

// statePriority breaks ties when two states cover a cell equally: what
// holds the loop shows first. States of priority holdsLoop or more take a
// cell whenever they occur in it, however briefly, as the figure draws a
// short bar at a minimum width.
const holdsLoop = 5

var statePriority = [...]int{
	trace.Created: 1, trace.Ready: 4, trace.Running: 6, trace.Blocked: 5,
	trace.Waiting: 3, trace.Idle: 0, trace.Busy: 6,
}

// Chart draws the trace as text for a terminal or a README: the same
// panels as the figure — a header per run with its total, speed-up and the
// loop's idle share; a row per lane whose cells show, with Unicode block
// characters, the state that filled most of each cell's time; the run's
// total marked with │; outcomes after each task — on one shared time axis,
// with a legend. A state shorter than a cell still takes the cell when
// nothing else fills it. Past MaxLanes lane rows (all runs together),
// each run's last row sums up the lanes it does not draw; past MaxPanels
// runs, the last panel sums up the runs it does not draw (render.FoldRuns),
// so that a chart of a million tasks is a screenful or two. In names and
// text, control and bidirectional
// formatting characters are written as visible escapes (safetext), so the
// chart cannot drive the terminal or reorder a line. Every line ends with a newline and has no trailing spaces.
func Chart(t *trace.Trace, opts Options) string {
	cols := opts.Columns
	if cols == 0 {
		cols = 80
	}
	c := &chart{cols: max(cols, 40), used: map[trace.State]bool{}}
	maxPanels, maxLanes := opts.MaxPanels, opts.MaxLanes
	if maxPanels <= 0 {
		maxPanels = render.DefaultMaxPanels
	}
	if maxLanes <= 0 {
		maxLanes = DefaultMaxLanes
	}
	// A baseline that names no run compares nothing (see Options).
	stats, err := render.Stats(t, opts.Baseline)
	if err != nil {
		stats, _ = render.Stats(t, render.BaselineNone)
	}
	if !opts.Compact {
		title := t.Title
		if title == "" {
			title = "Runs compared on one time axis"
		}
		c.line(fitCells(termClean(title), c.cols))
		for _, l := range wrapCells(termClean(render.MessageOf(t, stats)), c.cols) {
			c.line(l)
		}
		c.line("")
	}
	if len(t.Runs) == 0 {
		return c.b.String()
	}
	// The message and the comparisons name the runs as they are.
	t, c.foldedRuns = render.FoldRuns(t, maxPanels)
	counts := make([]int, len(t.Runs))
	for i, r := range t.Runs {
		counts[i] = len(r.Lanes)
	}
	if c.foldedRuns > 0 {
		counts[len(counts)-1] = 1 // the folded runs' lanes: one row
	}
	c.shares = render.LaneShares(counts, maxLanes)
	c.scale(t)
	for i, r := range t.Runs {
		c.run(t, r, stats, i)
	}
	c.axis()
	c.legend()
	return c.b.String()
}

// chart is a text chart being drawn.
type chart struct {
	b    strings.Builder
	cols int
	// labelW is the width of the lane labels, plot the cells of the time
	// axis and margin those after it, for outcomes and the unit.
	labelW, plot, margin int
	ticks                []time.Duration
	step                 time.Duration
	unit                 render.Unit
	cell                 float64 // nanoseconds per cell
	used                 map[trace.State]bool
	// shares is how many rows each run draws (render.LaneShares), the
	// last standing for the lanes it folds; foldedRuns is how many runs
	// the last run stands for, when not 0 (render.FoldRuns).
	shares     []int
	foldedRuns int
}

// line writes s without trailing spaces, and a newline.
func (c *chart) line(s string) {
	c.b.WriteString(strings.TrimRight(s, " "))
	c.b.WriteByte('\n')
}

// col returns the cell of a time.
func (c *chart) col(d time.Duration) int { return int(math.Round(float64(d) / c.cell)) }

// endCol returns the cell just after a bar ending at d, where a mark of
// that moment goes: a bar fills every cell it reaches into, so the mark
// goes after the last, never over it.
func (c *chart) endCol(d time.Duration) int { return int(math.Ceil(float64(d) / c.cell)) }

// scale sets the label width, the plot's cells and the time axis.
func (c *chart) scale(t *trace.Trace) {
	c.labelW = 4
	for i, r := range t.Runs {
		lanes := r.Lanes[:min(len(r.Lanes), c.shares[i])]
		if c.foldedRuns > 0 && i == len(t.Runs)-1 {
			lanes = nil
		}
		for _, ln := range lanes {
			c.labelW = max(c.labelW, cellsOf(termClean(ln.Name)))
		}
		if len(lanes) < len(r.Lanes) {
			c.labelW = max(c.labelW, cellsOf("+"+render.FormatCount(len(r.Lanes))+" more"))
		}
	}
	c.labelW = min(c.labelW, c.cols/5)
	c.margin = min(14, c.cols/6) // room after the plot for outcomes and the unit
	c.plot = c.cols - c.labelW - 2 - c.margin
	span := t.Span()
	if span <= 0 {
		span = time.Second
	}
	c.ticks, c.step = render.Ticks(span, max(2, c.plot/8))
	c.unit = render.UnitFor(span) // the unit the ticks are round in
	span = c.ticks[len(c.ticks)-1]
	c.cell = float64(span) / float64(c.plot)
}

// run draws one run: its header, then a row per lane.
func (c *chart) run(t *trace.Trace, r *trace.Run, stats []render.RunStats, i int) {
	if c.foldedRuns > 0 && i == len(c.shares)-1 {
		c.summaryRun(r)
		return
	}
	st := stats[i]
	head := termClean(r.Name) + "  " + render.FormatDuration(st.Total)
	switch {
	case st.SpeedUp > 0:
		head += " · " + render.CompareText(st.SpeedUp, termClean(st.Baseline))
	case st.Ended != "" && render.Comparing(stats):
		head += " · " + st.Ended
	}
	if st.HasLoop {
		head += fmt.Sprintf(" · loop idle %.0f%%", 100*st.IdleShare())
	}
	if r.Interrupted {
		head += " · interrupted"
	}
	if n := len(r.Warnings); n == 1 {
		head += " · ⚠ 1 warning"
	} else if n > 1 {
		head += fmt.Sprintf(" · ⚠ %d warnings", n)
	}
	if r.Error != "" {
		head += " · ✗ " + termClean(r.Error)
	}
	c.line(fitCells(head, c.cols))
	end := c.endCol(st.Total)
	keep, folded := r.Lanes, []*trace.Lane(nil)
	if n := c.shares[i]; n < len(r.Lanes) {
		keep, folded = r.Lanes[:n-1], r.Lanes[n-1:]
	}
	for _, ln := range keep {
		row := laneCells([]*trace.Lane{ln}, c.plot+c.margin, c.plot, c.cell, c.used)
		if mark, _ := render.OutcomeMark(r, ln); mark != "" {
			mark = termClean(mark)
			at := min(c.col(ln.End)+1, c.plot+c.margin-1)
			if ln.Outcome.Kind == trace.NeverAwaited {
				at, mark = min(c.col(ln.Start), c.plot+c.margin-1), "◇ "+mark // where it was created
			}
			if at <= end && at >= end-1 {
				// The lane ends at the run's total: its label goes after
				// the total's mark rather than over it. (A label of a lane
				// that ends earlier may cross the mark, whole, as in a
				// figure it crosses the total's line.)
				at = end + 1
			}
			putCells(row, at, mark)
		}
		c.row(termClean(ln.Name), row, end)
	}
	if len(folded) > 0 {
		c.row(fmt.Sprintf("+%s more", render.FormatCount(len(folded))), laneCells(folded, c.plot+c.margin, c.plot, c.cell, c.used), end)
	}
	c.line("")
}

// summaryRun draws the panel of the runs folded into r (render.FoldRuns):
// its title, and one row for all their lanes.
func (c *chart) summaryRun(r *trace.Run) {
	n := len(r.Lanes)
	c.line(fitCells(fmt.Sprintf("%s  longest %s · %s %s in one row", r.Name, render.FormatDuration(r.Total), render.FormatCount(n), plural(n, "lane")), c.cols))
	if n > 0 {
		c.row(render.FormatCount(n)+" "+plural(n, "lane"), laneCells(r.Lanes, c.plot+c.margin, c.plot, c.cell, c.used), -1)
	}
	c.line("")
}

// row writes a lane row: its label, right-aligned, and its cells, with
// the run's total marked at cell end where the row is empty (-1: none).
func (c *chart) row(label string, row []string, end int) {
	if end >= 0 && end < len(row) && row[end] == " " {
		row[end] = "│"
	}
	name := fitCells(label, c.labelW)
	c.line(strings.Repeat(" ", c.labelW-cellsOf(name)) + name + " ▕" + strings.Join(row, ""))
}

func plural(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}

// axis draws the time axis: tick labels centred on their cells, the unit
// after them.
func (c *chart) axis() {
	axis := []rune(strings.Repeat(" ", c.labelW+2+c.plot+c.margin))
	next := 0
	for _, tk := range c.ticks {
		s := []rune(render.FormatTime(tk, c.unit, c.step))
		at := c.labelW + 2 + c.col(tk) - len(s)/2
		if at < next || at+len(s) > len(axis) {
			continue
		}
		copy(axis[at:], s)
		next = at + len(s) + 1
	}
	if u := []rune(c.unit.Name); next+len(u) <= len(axis) {
		copy(axis[next:], u)
	}
	c.line(string(axis))
}

// legend lists the states drawn and the total's mark, wrapped to the
// chart's width.
func (c *chart) legend() {
	var legend []string
	for _, s := range render.LegendOrder() {
		if c.used[s] {
			legend = append(legend, string(stateRune[s])+" "+render.LegendName(s))
		}
	}
	legend = append(legend, "│ run total")
	var cur string
	for _, item := range legend {
		if cur != "" && cellsOf(cur)+2+cellsOf(item) > c.cols {
			c.line(cur)
			cur = ""
		}
		if cur != "" {
			cur += "  "
		}
		cur += item
	}
	c.line(cur)
}

// laneCells returns the row of n cells of a lane, plot of them on the time
// axis (cell long each), recording the states drawn in used. Given several
// lanes, it draws their summary row: in each cell, the state that covers
// most of their time there.
func laneCells(lanes []*trace.Lane, n, plot int, cell float64, used map[trace.State]bool) []string {
	row := make([]string, n)
	for i := range row {
		row[i] = " "
	}
	cover := make([][len(stateRune)]float64, plot)
	for _, ln := range lanes {
		addCover(cover, ln, plot, cell)
	}
	summary := len(lanes) > 1
	for c := range plot {
		best, bestCover := trace.State(-1), 0.0
		for s, v := range cover[c] {
			st := trace.State(s)
			if v <= 0 {
				continue
			}
			switch {
			case summary:
				if v > bestCover {
					best, bestCover = st, v
				}
			case best < 0 || statePriority[st] >= holdsLoop && statePriority[best] < holdsLoop ||
				(statePriority[st] >= holdsLoop) == (statePriority[best] >= holdsLoop) &&
					(v > bestCover || v == bestCover && statePriority[st] > statePriority[best]):
				best, bestCover = st, v
			}
		}
		if best >= 0 {
			row[c] = string(stateRune[best])
			used[best] = true
		}
	}
	if !summary {
		nameBusy(row, lanes[0], plot, cell)
	}
	return row
}

// addCover adds the time a lane spends in each state to the cells of
// cover, cell long each.
func addCover(cover [][len(stateRune)]float64, ln *trace.Lane, plot int, cell float64) {
	for _, iv := range ln.Intervals {
		if iv.State < 0 || int(iv.State) >= len(stateRune) {
			continue
		}
		a, e := float64(iv.Start)/cell, float64(iv.End)/cell
		first := min(plot-1, int(a))
		for c := first; c < plot && (c == first || float64(c) < e); c++ {
			lo, hi := math.Max(a, float64(c)), math.Min(e, float64(c+1))
			// A state shorter than a cell still counts a little, so it
			// shows when nothing else fills the cell.
			cover[c][iv.State] += math.Max(hi-lo, 1e-6)
		}
	}
}

// nameBusy writes, on a loop or thread lane's row, the name of the task
// holding it where the name fits.
func nameBusy(row []string, ln *trace.Lane, plot int, cell float64) {
	if ln.Kind == trace.TaskLane {
		return
	}
	for _, iv := range ln.Intervals {
		if iv.State != trace.Busy || iv.Detail == "" {
			continue
		}
		a, e := int(float64(iv.Start)/cell), int(math.Ceil(float64(iv.End)/cell))
		name := termClean(iv.Detail)
		if e-a < cellsOf(name)+1 || e > plot {
			continue
		}
		putCells(row[:e], a, name)
	}
}

// putCells writes s into row from cell at on, as far as it fits: a wide
// rune takes two cells (the second left empty), a zero-width one joins the
// cell before it.
func putCells(row []string, at int, s string) {
	for _, r := range s {
		w := runeCells(r)
		switch {
		case w == 0 && at > 0:
			row[at-1] += string(r)
			continue
		case w == 0:
			continue
		case at+w > len(row):
			return
		}
		row[at] = string(r)
		if w == 2 {
			row[at+1] = ""
		}
		at += w
	}
}

// termClean returns s as a terminal may show it, on one line: what could
// drive a terminal or reorder a line — control characters, tabs and line
// breaks, bidirectional formatting characters, invalid UTF-8 — written as
// visible escapes (safetext.Line: "\x1b", "\u202e").
func termClean(s string) string { return safetext.Line(s) }

// runeCells returns how many terminal cells r takes: 2 for East Asian
// wide and full-width characters (most emoji), 0 for combining marks and
// other zero-width characters, else 1.
func runeCells(r rune) int {
	switch {
	case unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Me, r) || r == 0x200B || r == 0x200D || r == 0xFE0F:
		return 0
	}
	switch width.LookupRune(r).Kind() {
	case width.EastAsianWide, width.EastAsianFullwidth:
		return 2
	}
	return 1
}

// cellsOf returns how many terminal cells s takes.
func cellsOf(s string) int {
	n := 0
	for _, r := range s {
		n += runeCells(r)
	}
	return n
}

// wrapCells breaks s at spaces into lines of at most n terminal cells; a
// word longer than a line is shortened.
func wrapCells(s string, n int) []string {
	var lines []string
	cur := ""
	for _, w := range strings.Fields(s) {
		switch {
		case cur == "":
			cur = fitCells(w, n)
		case cellsOf(cur)+1+cellsOf(w) <= n:
			cur += " " + w
		default:
			lines = append(lines, cur)
			cur = fitCells(w, n)
		}
	}
	return append(lines, cur)
}

// fitCells returns s, shortened with an ellipsis if needed to take at most
// n terminal cells.
func fitCells(s string, n int) string {
	if cellsOf(s) <= n {
		return s
	}
	if n <= 0 {
		return ""
	}
	var b strings.Builder
	used := 0
	for _, r := range s {
		w := runeCells(r)
		if used+w > n-1 {
			break
		}
		b.WriteRune(r)
		used += w
	}
	return b.String() + "…"
}
