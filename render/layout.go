package render

import (
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/asyncgantt/asyncgantt/internal/safetext"
	"github.com/asyncgantt/asyncgantt/trace"
)

// geometry is the layout's scale: every size derives from the font size.
type geometry struct {
	font, title, small  float64
	pad, rowH, barH     float64
	gap, headerH, tickH float64
	line                float64 // transcript line pitch
}

func newGeometry(fontSize float64, dense bool) geometry {
	f := fontSize
	if dense { // a slide: big type, tighter rows
		return geometry{
			font: f, title: f * 1.5, small: f * 0.9,
			pad: f * 1.3, rowH: f * 1.6, barH: f * 1.1,
			gap: f * 0.9, headerH: f * 2.4, tickH: f * 2.2,
			line: f * 0.9 * 1.3,
		}
	}
	return geometry{
		font: f, title: f * 1.6, small: f * 0.86,
		pad: f * 1.7, rowH: f * 1.85, barH: f * 1.15,
		gap: f * 1.3, headerH: f * 2.4, tickH: f * 2.4,
		line: f * 0.86 * 1.45,
	}
}

// Layout lays out the trace as one figure: a panel per run, stacked on one
// shared time axis, a lane per task with bars for its states.
func Layout(t *trace.Trace, opts Options) (*Figure, error) {
	if t == nil {
		return nil, errNoTrace
	}
	opts, size, err := opts.resolve()
	if err != nil {
		return nil, err
	}
	if len(t.Runs) == 0 {
		return nil, fmt.Errorf("the trace has no runs to draw")
	}
	stats, err := Stats(t, opts.Baseline)
	if err != nil {
		return nil, err
	}
	// The names are isolated: "שלום 2.0 s" must not read "2.0 שלום s".
	desc := message(t, stats, isolate)
	// Past a number of panels, the last runs fold into one, whose numbers
	// are its total alone.
	maxPanels := opts.MaxPanels
	if maxPanels == 0 && !opts.Exact {
		maxPanels = DefaultMaxPanels
	}
	t, foldedRuns := FoldRuns(t, maxPanels)
	if foldedRuns > 0 {
		keep := len(t.Runs) - 1
		stats = append(stats[:keep:keep], RunStats{Total: t.Runs[keep].Total})
	}
	font := size.FontSize
	theme := opts.Theme
	if theme == nil {
		theme = themes["light"]
	}
	budget := opts.MaxLanes
	if budget == 0 && opts.Height == 0 {
		budget = DefaultMaxLanes
	}
	build := func(font float64) *Figure {
		return buildFigure(t, opts, font, size.Fill, budget, foldedRuns, theme, desc, stats)
	}
	if budget == 0 && !opts.Exact {
		budget = fitLanes(t, opts.Height, math.Max(minFontSize, font/2), size.Fill, func(font float64, budget int) *Figure {
			return buildFigure(t, opts, font, size.Fill, budget, foldedRuns, theme, desc, stats)
		})
	}
	fig := build(font)

	if h := opts.Height; h > 0 && (fig.Height > h || size.Fill && opts.FontSize == 0) {
		// Height is close to proportional to the font size: a few
		// proportional steps converge, then shrink until it fits.
		maxFont := font
		if size.Fill && opts.FontSize == 0 {
			maxFont = font * 4 / 3
		}
		f := font
		for range 4 {
			f = math.Max(minFontSize, math.Min(maxFont, f*h/fig.Height))
			fig = build(f)
		}
		for fig.Height > h && f > minFontSize {
			f = math.Max(minFontSize, f*0.97)
			fig = build(f)
		}
	}
	fig.Height = math.Max(fig.Height, opts.Height)
	if opts.Animate {
		fig.Animation = &Animation{Speed: opts.AnimateSpeed, Hold: 2500 * time.Millisecond}
	}
	return fig, nil
}

// buildFigure lays the figure out once, at one font size, drawing at most
// budget lane rows (0 for no limit); the last of t's runs is the summary
// of foldedRuns runs when that is not 0 (FoldRuns).
func buildFigure(t *trace.Trace, opts Options, font float64, dense bool, budget, foldedRuns int, theme *Theme, desc string, stats []RunStats) *Figure {
	lay := &layout{t: t, g: newGeometry(font, dense), opts: opts, budget: budget, foldedRuns: foldedRuns, stats: stats,
		fig: &Figure{Width: opts.Width, Theme: theme, Title: isolate(t.Title), Desc: desc, FoldedRuns: foldedRuns}}
	if lay.fig.Title == "" {
		lay.fig.Title = "Runs compared on one time axis"
	}
	// The accessible title and description, like a tooltip, are bounded:
	// a title of a megabyte is drawn cut to the figure's width, and
	// named by its first few hundred characters.
	lay.fig.Title = Clip(safetext.Mixed(lay.fig.Title), MaxTipRunes)
	lay.fig.Desc = Clip(safetext.Mixed(lay.fig.Desc), MaxTipRunes)
	lay.build()
	return lay.fig
}

type layout struct {
	t      *trace.Trace
	g      geometry
	opts   Options
	budget int // lane rows drawn at most; 0 for no limit
	// foldedRuns, when not 0, is how many runs the last run of t stands
	// for: a summary run (FoldRuns), drawn as one summary lane.
	foldedRuns int
	stats      []RunStats
	views      []panelView
	fig        *Figure
	late       []Item  // a panel's items drawn after its total marker
	x0, x1     float64 // plot area
	right      float64 // right edge of the chart; the transcript lies beyond
	trX        float64 // left edge of the transcript panel, when beside the chart
	trW        float64 // width of the transcript's columns, when shown
	trBelow    bool    // the transcript is set below each run's lanes
	span       time.Duration
	unit       Unit
	ticks      []time.Duration
	step       time.Duration
	minW       float64 // narrowest bar drawn, in pixels
}

// add appends an item. Its text and tooltip leave the layout as every
// emitter may show them: the characters that could reorder or hide text
// made visible (safetext), a text on one line, a tooltip of at most
// MaxTipRunes characters. Every part of them that comes from the input is
// to be passed through safetext.Isolate (or IsolateText) once, where the
// text is composed: its isolates are kept (see Item.Text).
func (l *layout) add(it Item) {
	it.Text = safetext.Mixed(it.Text)
	if it.Tip != "" {
		it.Tip = Clip(safetext.MixedText(it.Tip), MaxTipRunes)
	}
	l.fig.Items = append(l.fig.Items, it)
}

// isolate returns a text of the input — a name, a printed line, a value —
// ready to be composed into a figure's text: made safe, and isolated if
// it holds right-to-left letters (safetext.Isolate), so that it cannot
// move the words set beside it.
func isolate(s string) string { return safetext.Isolate(s) }

// isolateText is isolate for a text of several lines (a tooltip's).
func isolateText(s string) string { return safetext.IsolateText(s) }

// MaxTipRunes is the longest tooltip a figure's item carries, in
// characters: a printed line of a megabyte is drawn as a marker whose
// tooltip holds its first few hundred characters (a report's transcript
// lists more).
const MaxTipRunes = 500

// Clip returns s, cut after n characters with an ellipsis if it is
// longer; an isolate (see safetext.Isolate) cut short ends after the
// ellipsis.
func Clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	if t := FirstRunes(s, n); len(t) < len(s) {
		return safetext.Close(t + "…")
	}
	return s
}

func (l *layout) text(x, y float64, s, class string, size float64, bold bool, a Anchor) {
	l.add(Item{Kind: Text, X: x, Y: y, Text: s, Class: class, Size: size, Bold: bold, Anchor: a})
}

// x maps a time to a horizontal position.
func (l *layout) x(t time.Duration) float64 {
	return l.x0 + (l.x1-l.x0)*float64(t)/float64(l.span)
}

func (l *layout) build() {
	g, W := l.g, l.fig.Width
	l.splitLanes()
	// Lane labels set the plot's left edge.
	labelW := g.font * 5
	for i, v := range l.views {
		for _, lv := range v.lanes {
			if lv.lane == nil {
				labelW = max(labelW, TextWidth(l.label(&lv, i), g.font, false))
				continue
			}
			labelW = max(labelW, TextWidth(lv.lane.Name, g.font, lv.lane.Kind == trace.TaskLane))
		}
	}
	labelW = min(labelW, W*0.22)
	span := l.t.Span()
	if span <= 0 {
		span = time.Second
	}
	l.columns(labelW, l.reserve(span))
	l.unit = UnitFor(span)
	target := max(2, int((l.x1-l.x0)/(g.font*7)))
	l.ticks, l.step = Ticks(span, target)
	l.span = l.ticks[len(l.ticks)-1]
	l.fig.Span = l.span
	l.minW = math.Max(1.5, g.font*0.12)
	l.fillLanes()
	for _, v := range l.views {
		l.fig.Folded += v.folded
		l.fig.Merged += v.merged
	}

	// The title and the message wrap onto more lines rather than being
	// cut; past maxHeadLines, the last line ends with an ellipsis.
	y := g.pad + g.title
	for i, line := range Wrap(l.fig.Title, W-2*g.pad, g.title, true, maxHeadLines) {
		if i > 0 {
			y += g.title * 1.2
		}
		l.text(g.pad, y, line, ClassTitle, g.title, true, Start)
	}
	y += g.font * 1.6
	sub := l.fig.Desc
	if l.t.Clock == trace.Measured {
		sub = "Measured: " + sub
	}
	for i, line := range Wrap(sub, W-2*g.pad, g.font, false, maxHeadLines) {
		if i > 0 {
			y += g.font * 1.35
		}
		l.text(g.pad, y, line, ClassSubtitle, g.font, false, Start)
	}
	y += g.font * 0.8
	y = l.legend(y + g.font*0.8)

	firstTop := 0.0
	for i, r := range l.t.Runs {
		var top float64
		y, top = l.panel(y+g.gap, r, i)
		if i == 0 {
			firstTop = top
		}
	}
	axisY := y + g.font*0.5
	y = l.axis(axisY)
	if l.opts.Animate {
		l.add(Item{Kind: Cursor, X: l.x0, Y: firstTop - g.font*0.3, W: l.x1 - l.x0, H: axisY - firstTop + g.font*0.3,
			Class: ClassCursor, Timed: true, From: 0, To: l.span})
	}
	l.fig.Height = math.Ceil(y + g.pad*0.6)
}

// minPlotShare is the least share of the figure's width the plot area
// keeps: a transcript that would squeeze it below goes under the lanes,
// and the room kept at the right for outcome labels shrinks.
const minPlotShare = 0.4

// reserve returns the room the layout keeps at the right of the plot: for
// the last total's label, and for the outcome labels of tasks that end
// near the end of the axis (up to a fifth of the figure; longer ones are
// shortened with an ellipsis).
func (l *layout) reserve(span time.Duration) float64 {
	g, W := l.g, l.fig.Width
	reserve := g.font * 4
	for _, r := range l.t.Runs {
		for _, ln := range r.Lanes {
			if ln.Outcome == nil || ln.End < span*4/5 {
				continue // no mark, or one the plot leaves room for
			}
			if mark, _ := OutcomeMark(r, ln); mark != "" {
				reserve = max(reserve, math.Min(TextWidth(mark, g.small, false)+g.small, W*0.2))
			}
		}
	}
	return reserve
}

// columns sets the plot area's edges and the transcript's place from the
// width of the lane labels and the room wanted at the right. The plot
// keeps minPlotShare of the width where it can: a transcript goes beside
// the chart only if the plot keeps that much, else under each run's
// lanes; then the room at the right shrinks to what the last total's
// label needs, and then the label column to five characters' room.
func (l *layout) columns(labelW, reserve float64) {
	g, W := l.g, l.fig.Width
	minPlot := W * minPlotShare
	l.right = W - g.pad
	if l.opts.Transcript && l.hasLogs() {
		want := math.Max(W*0.27, g.small*16)
		l.trW = math.Min(want, W*0.4)
		if l.right-l.trW-g.gap-reserve-(g.pad+labelW+g.font) >= minPlot {
			l.trX = W - g.pad - l.trW
			l.right = l.trX - g.gap
		} else {
			// Under the lanes: as many columns as the width holds, at
			// least as wide as wanted, filling it.
			l.trBelow = true
			avail := W - 2*g.pad
			cols := max(1, int((avail+g.gap)/(want+g.gap)))
			l.trW = (avail - float64(cols-1)*g.gap) / float64(cols)
		}
	}
	short := func() float64 { return minPlot - (l.right - reserve - (g.pad + labelW + g.font)) }
	if d := short(); d > 0 {
		reserve = max(g.font*4, reserve-d)
	}
	if d := short(); d > 0 {
		labelW = max(math.Min(labelW, g.font*5), labelW-d)
	}
	l.x0 = g.pad + labelW + g.font
	// A type far too large for the width: the plot keeps a pixel, and
	// the texts are shortened.
	l.x1 = max(l.x0+1, l.right-reserve)
}

func (l *layout) hasLogs() bool {
	for _, r := range l.t.Runs {
		if len(r.Logs) > 0 {
			return true
		}
	}
	return false
}

// legend draws a swatch for every state that appears, then the markers
// that appear, left to right, wrapping at the figure's edge.
func (l *layout) legend(y float64) float64 {
	g := l.g
	var used [16]bool
	logs, tiny, never := false, false, false
	for i, r := range l.t.Runs {
		logs = logs || len(r.Logs) > 0
		for _, lv := range l.views[i].lanes {
			never = never || lv.lane != nil && lv.lane.Outcome != nil && lv.lane.Outcome.Kind == trace.NeverAwaited
		}
		for _, lv := range l.views[i].lanes {
			for _, sg := range lv.segs {
				if int(sg.iv.State) < len(used) {
					used[sg.iv.State] = true
				}
				tiny = tiny || sg.share == nil && l.x(sg.iv.End)-l.x(sg.iv.Start) < l.minW
			}
		}
	}
	x := g.pad
	sw := g.font * 1.2
	place := func(w float64) float64 {
		if x > g.pad && x+w > l.fig.Width-g.pad {
			x = g.pad
			y += g.font * 1.6
		}
		at := x
		x += w + g.font*1.4
		return at
	}
	for _, s := range legendOrder {
		if !used[s] {
			continue
		}
		name := LegendName(s)
		px := place(sw + g.font*0.4 + TextWidth(name, g.small, false))
		l.add(Item{Kind: Rect, X: px, Y: y, W: sw, H: g.small, Class: BarClass(s.String())})
		l.text(px+sw+g.font*0.4, y+g.small*0.85, name, ClassLegend, g.small, false, Start)
	}
	if logs {
		name := "line printed"
		px := place(g.small*1.2 + TextWidth(name, g.small, false))
		l.add(Item{Kind: Diamond, X: px + g.small*0.45, Y: y + g.small*0.5, W: g.small * 0.45, Class: ClassPrint})
		l.text(px+g.small*1.2, y+g.small*0.85, name, ClassLegend, g.small, false, Start)
	}
	if never {
		name := "coroutine never awaited"
		px := place(g.small*1.2 + TextWidth(name, g.small, false))
		l.add(Item{Kind: Diamond, X: px + g.small*0.45, Y: y + g.small*0.5, W: g.small * 0.45, Class: ClassNeverMark})
		l.text(px+g.small*1.2, y+g.small*0.85, name, ClassLegend, g.small, false, Start)
	}
	{
		name := "run total"
		px := place(g.small*0.9 + TextWidth(name, g.small, false))
		l.add(Item{Kind: Line, X: px + g.small*0.3, Y: y - g.small*0.15, H: g.small * 1.3, Class: ClassTotal})
		l.text(px+g.small*0.9, y+g.small*0.85, name, ClassLegend, g.small, false, Start)
	}
	if tiny {
		name := "shorter than it is drawn"
		px := place(g.small*0.9 + TextWidth(name, g.small, false))
		l.add(Item{Kind: Rect, X: px + g.small*0.3 - l.minW/2, Y: y + g.small*0.15, W: l.minW, H: g.small * 0.7, Class: BarClass("running")})
		l.add(Item{Kind: Line, X: px + g.small*0.3, Y: y - g.small*0.1, H: g.small * 1.2, Class: ClassTiny})
		l.text(px+g.small*0.9, y+g.small*0.85, name, ClassLegend, g.small, false, Start)
	}
	return y + g.small
}

// legendOrder tells the story: what runs, what waits, what is held up.
var legendOrder = []trace.State{trace.Running, trace.Waiting, trace.Ready, trace.Blocked, trace.Created, trace.Busy, trace.Idle}

// LegendOrder returns the states in the order legends list them: what
// runs, what waits, what is held up.
func LegendOrder() []trace.State { return slices.Clone(legendOrder) }

// LegendName returns what a legend calls a state, e.g. "waiting (await)".
func LegendName(s trace.State) string {
	switch s {
	case trace.Running:
		return "running"
	case trace.Waiting:
		return "waiting (await)"
	case trace.Ready:
		return "ready, not running"
	case trace.Blocked:
		return "blocked (holds the loop)"
	case trace.Created:
		return "created, not started"
	case trace.Busy:
		return "loop/thread busy"
	case trace.Idle:
		return "loop/thread idle"
	}
	return s.String()
}

// fitLanes returns how many lane rows fit in a figure of the given height
// at the given font size: the budget that folds a trace too tall for it.
// It returns 0 (no limit) when every lane fits, or when the height is
// free.
func fitLanes(t *trace.Trace, height, font float64, dense bool, build func(font float64, budget int) *Figure) int {
	if height == 0 {
		return 0
	}
	counts := make([]int, len(t.Runs))
	total := 0
	for i, r := range t.Runs {
		counts[i] = len(r.Lanes)
		total += counts[i]
	}
	rows := func(budget int) int {
		n := 0
		for _, s := range LaneShares(counts, budget) {
			n += s
		}
		return n
	}
	// The height grows by a row's height per lane row: measure the figure
	// with the fewest rows, then add as many as the space left holds.
	rowH := newGeometry(font, dense).rowH
	least := len(t.Runs)
	fig := build(font, least)
	budget := rows(least) + int((height-fig.Height)/rowH)
	if budget >= total {
		return 0
	}
	// Transcripts and wrapped legends can make the estimate short: take
	// rows back while the figure is too tall.
	for budget = max(budget, least); budget > least; {
		fig = build(font, budget)
		if fig.Height <= height {
			break
		}
		budget = max(least, budget-int(math.Ceil((fig.Height-height)/rowH)))
	}
	return budget
}

// OutcomeMark returns the label a figure draws after a lane's end, and
// its class: for a task of its own "✓ 'a'" (nothing when it returned
// None), "✗ ValueError: boom" or "⊘ cancelled"; for a coroutine awaited
// inline only what it raised or that it was cancelled, as its caller
// receives it; with "· caught by safe" when the run says which lane's
// try/except caught the exception; for a coroutine never awaited, "never
// awaited". It returns "" for lanes that show nothing: loop and thread
// lanes, and tasks that did not end.
func OutcomeMark(r *trace.Run, ln *trace.Lane) (mark, class string) {
	return outcomeMark(r, ln, func(s string) string { return s })
}

// outcomeMark is OutcomeMark, writing the outcome's value and the
// catching lane's name as input returns them.
func outcomeMark(r *trace.Run, ln *trace.Lane, input func(string) string) (mark, class string) {
	o := ln.Outcome
	if o == nil || ln.Kind != trace.TaskLane {
		return "", ""
	}
	switch o.Kind {
	case trace.Raised:
		mark = "✗ " + input(o.Value)
		if c := r.LaneName(o.CaughtBy); c != "" {
			return mark + " · caught by " + input(c), ClassCaught
		}
		return mark, ClassError
	case trace.Cancelled:
		return "⊘ cancelled", ClassCancelled
	case trace.NeverAwaited:
		return "never awaited", ClassNeverAwaited
	}
	if o.Value == "None" || ln.Parent != trace.NoLane {
		return "", ""
	}
	return "✓ " + input(o.Value), ClassOK
}

// axis draws the shared time axis below the panels.
func (l *layout) axis(y float64) float64 {
	g := l.g
	l.add(Item{Kind: Line, X: l.x0, Y: y, W: l.x1 - l.x0, Class: ClassAxis})
	for _, tk := range l.ticks {
		x := l.x(tk)
		l.add(Item{Kind: Line, X: x, Y: y, H: g.font * 0.4, Class: ClassAxis})
		l.text(x, y+g.font*1.45, FormatTime(tk, l.unit, l.step), ClassTick, g.small, false, Middle)
	}
	last := FormatTime(l.ticks[len(l.ticks)-1], l.unit, l.step)
	l.text(l.x1+TextWidth(last, g.small, false)/2+g.small*0.35, y+g.font*1.45, l.unit.Name, ClassTick, g.small, false, Start)
	caption := "elapsed time since the run started"
	if l.t.Independent {
		caption = "elapsed time since the trace started" // one clock for every process
	}
	l.text(l.x0, y+g.font*2.9, Fit(caption, l.right-l.x0, g.small, false), ClassTick, g.small, false, Start)
	return y + g.font*3
}

// clock writes a time for tooltips with millisecond precision in seconds.
func (l *layout) clock(t time.Duration) string {
	return fmt.Sprintf("%.3f s", t.Seconds())
}

// stamp writes a time for the transcript: in the axis unit with one more
// decimal than its ticks.
func (l *layout) stamp(t time.Duration) string {
	return FormatTime(t, l.unit, l.step/10) + " " + l.unit.Name
}
