package render

import (
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/asyncgantt/asyncgantt/trace"
)

// Options control a figure's layout. The zero value gives the defaults.
type Options struct {
	// Width is the figure's width in pixels; 0 means the size preset's
	// (1200 by default).
	Width float64
	// Height is the figure's height in pixels; 0 means the size preset's,
	// which by default is as tall as the content needs. Content taller
	// than a given height is set in smaller type until it fits (down to a
	// legible minimum); a taller figure is padded at the bottom.
	Height float64
	// Theme names the theme; "" means "light".
	Theme string
	// Size names a size preset (see SizeNames): "" or "default", or
	// "slide" for a 16:9 slide at 1920×1080 with large type. Width,
	// Height and FontSize override the preset's.
	Size string
	// FontSize is the base font size in pixels (lane labels); 0 means the
	// size preset's (14 by default). Everything else scales with it.
	FontSize float64
	// Transcript adds a panel beside each run listing what it printed,
	// with the time of each line.
	Transcript bool
	// Animate makes the figure play: bars grow in time and a cursor
	// sweeps the axis (see Figure.Animation).
	Animate bool
	// AnimateSpeed is how many seconds of the trace an animation plays
	// per second of real time; 0 means 1 (real time).
	AnimateSpeed float64
	// MaxLanes is how many lane rows the figure draws at most, all runs
	// together, before it folds the rest of a run's lanes into one summary
	// lane (see Figure.Folded). 0 means DefaultMaxLanes when the height is
	// free, and as many as fit at half the font size when it is fixed.
	MaxLanes int
	// Exact draws every interval and every lane as it is, however many:
	// no merging of intervals narrower than a pixel, no folding of lanes.
	// Figures of large traces then grow with the trace.
	Exact bool
}

// minFontSize is the smallest base font size a fixed height may shrink
// the type to, in pixels.
const minFontSize = 7

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
			gap: f * 0.9, headerH: f * 2.2, tickH: f * 2.2,
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
	size, err := LookupSize(opts.Size)
	if err != nil {
		return nil, err
	}
	if opts.Width == 0 {
		opts.Width = size.Width
	}
	if opts.Height == 0 {
		opts.Height = size.Height
	}
	font := opts.FontSize
	if font == 0 {
		font = size.FontSize
	}
	if opts.Theme == "" {
		opts.Theme = "light"
	}
	if !(opts.Width >= 320 && opts.Width <= 20000) {
		return nil, fmt.Errorf("width %v px is out of range: use 320 to 20000", opts.Width)
	}
	if opts.Height != 0 && !(opts.Height >= 200 && opts.Height <= 20000) {
		return nil, fmt.Errorf("height %v px is out of range: use 200 to 20000, or 0 for as tall as needed", opts.Height)
	}
	if !(font >= minFontSize && font <= 200) {
		return nil, fmt.Errorf("font size %v px is out of range: use %d to 200", font, minFontSize)
	}
	if opts.AnimateSpeed == 0 {
		opts.AnimateSpeed = 1
	}
	if !(opts.AnimateSpeed > 0 && opts.AnimateSpeed <= 1e9) {
		return nil, fmt.Errorf("animation speed %v is out of range: use a number above 0", opts.AnimateSpeed)
	}
	if len(t.Runs) == 0 {
		return nil, fmt.Errorf("the trace has no runs to draw")
	}
	if opts.MaxLanes < 0 {
		return nil, fmt.Errorf("maximum lanes %d is out of range: use 1 or more, or 0 for automatic", opts.MaxLanes)
	}
	theme, err := LookupTheme(opts.Theme)
	if err != nil {
		return nil, err
	}
	desc := Message(t)
	budget := opts.MaxLanes
	if budget == 0 && opts.Height == 0 {
		budget = DefaultMaxLanes
	}
	build := func(font float64) *Figure {
		return buildFigure(t, opts, font, size.Fill, budget, theme, desc)
	}
	if budget == 0 && !opts.Exact {
		budget = fitLanes(t, opts.Height, math.Max(minFontSize, font/2), size.Fill, func(font float64, budget int) *Figure {
			return buildFigure(t, opts, font, size.Fill, budget, theme, desc)
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
// budget lane rows (0 for no limit).
func buildFigure(t *trace.Trace, opts Options, font float64, dense bool, budget int, theme *Theme, desc string) *Figure {
	lay := &layout{t: t, g: newGeometry(font, dense), opts: opts, budget: budget,
		fig: &Figure{Width: opts.Width, Theme: theme, Title: t.Title, Desc: desc}}
	if lay.fig.Title == "" {
		lay.fig.Title = "Runs compared on one time axis"
	}
	lay.build()
	return lay.fig
}

type layout struct {
	t      *trace.Trace
	g      geometry
	opts   Options
	budget int // lane rows drawn at most; 0 for no limit
	views  []panelView
	fig    *Figure
	x0, x1 float64 // plot area
	right  float64 // right edge of the chart; the transcript lies beyond
	trX    float64 // left edge of the transcript panel, when shown
	span   time.Duration
	unit   Unit
	ticks  []time.Duration
	step   time.Duration
	minW   float64 // narrowest bar drawn, in pixels
}

func (l *layout) add(it Item) { l.fig.Items = append(l.fig.Items, it) }

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
	for _, v := range l.views {
		for _, lv := range v.lanes {
			if lv.lane == nil {
				labelW = max(labelW, TextWidth(summaryLabel(len(lv.folded)), g.font, false))
				continue
			}
			labelW = max(labelW, TextWidth(lv.lane.Name, g.font, lv.lane.Kind == trace.TaskLane))
		}
	}
	labelW = min(labelW, W*0.22)
	l.right = W - g.pad
	if l.opts.Transcript && l.hasLogs() {
		trW := math.Min(math.Max(W*0.27, g.small*16), W*0.4)
		l.trX = W - g.pad - trW
		l.right = l.trX - g.gap
	}
	l.x0 = g.pad + labelW + g.font
	span := l.t.Span()
	if span <= 0 {
		span = time.Second
	}
	// Room at the right for the last total's label, and for the outcome
	// labels of tasks that end near the end of the axis (up to a fifth of
	// the figure; longer ones are shortened with an ellipsis).
	reserve := g.font * 4
	for _, r := range l.t.Runs {
		for _, ln := range r.Lanes {
			if mark, _ := outcomeMark(ln); mark != "" && ln.End >= span*4/5 {
				reserve = max(reserve, math.Min(TextWidth(mark, g.small, false)+g.small, W*0.2))
			}
		}
	}
	l.x1 = l.right - reserve
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

	y := g.pad + g.title
	l.text(g.pad, y, Fit(l.fig.Title, W-2*g.pad, g.title, true), ClassTitle, g.title, true, Start)
	y += g.font * 1.6
	sub := l.fig.Desc
	if l.t.Clock == trace.Measured {
		sub = "Measured: " + sub
	}
	l.text(g.pad, y, Fit(sub, W-2*g.pad, g.font, false), ClassSubtitle, g.font, false, Start)
	y += g.font * 0.8
	y = l.legend(y + g.font*0.8)

	stats := Stats(l.t)
	firstTop := 0.0
	for i, r := range l.t.Runs {
		var top float64
		y, top = l.panel(y+g.gap, r, stats, i)
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
	logs, tiny := false, false
	for i, r := range l.t.Runs {
		logs = logs || len(r.Logs) > 0
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
		name := legendName(s)
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

func legendName(s trace.State) string {
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

// panel draws one run from y and returns the y below it and the y of its
// first lane.
func (l *layout) panel(y float64, r *trace.Run, stats []RunStats, index int) (bottom, top float64) {
	g := l.g
	st := stats[index]
	lanes := l.views[index].lanes
	l.header(y, r, stats, index)
	top = y + g.headerH
	bottom = top + float64(len(lanes))*g.rowH
	if l.trX > 0 {
		bottom = max(bottom, l.transcript(y, top, r))
	}

	// Lane bands, separators and grid lines behind the bars.
	for i := range lanes {
		if i%2 == 0 {
			l.add(Item{Kind: Rect, X: g.pad, Y: top + float64(i)*g.rowH, W: l.x1 - g.pad, H: g.rowH, Class: ClassBand})
		}
	}
	for i, lv := range lanes {
		if i > 0 && lv.kind != lanes[i-1].kind {
			ly := top + float64(i)*g.rowH
			l.add(Item{Kind: Line, X: g.pad, Y: ly, W: l.x1 - g.pad, Class: ClassSeparator})
		}
	}
	laneBottom := top + float64(len(lanes))*g.rowH
	for _, tk := range l.ticks {
		l.add(Item{Kind: Line, X: l.x(tk), Y: top, H: laneBottom - top, Class: ClassGrid})
	}
	for i := range lanes {
		if lanes[i].lane == nil {
			l.summaryLane(top+float64(i)*g.rowH, &lanes[i])
			continue
		}
		l.lane(r, top+float64(i)*g.rowH, &lanes[i])
	}
	// The run's total: a marker across the panel and its value.
	tx := l.x(st.Total)
	tip := r.Name + " total: " + FormatDuration(st.Total)
	l.add(Item{Kind: Line, X: tx, Y: top - g.font*0.3, H: laneBottom - top + g.font*0.3, Class: ClassTotal, Tip: tip,
		Timed: true, From: st.Total, To: st.Total})
	l.add(Item{Kind: Text, X: tx + g.font*0.3, Y: top + g.small*0.2, Text: FormatDuration(st.Total), Class: ClassTotalText,
		Size: g.small, Bold: true, Tip: tip, Timed: true, From: st.Total, To: st.Total})
	return bottom, top
}

// header draws a run's name, total, speed-up badge and notes.
func (l *layout) header(y float64, r *trace.Run, stats []RunStats, index int) {
	g := l.g
	st := stats[index]
	base := y + g.font*1.35
	nameSize := g.font * 1.15
	name := Fit(r.Name, (l.right-g.pad)*0.4, nameSize, true)
	l.text(g.pad, base, name, ClassPanelTitle, nameSize, true, Start)
	x := g.pad + TextWidth(name, nameSize, true) + g.font*0.8
	avail := func() float64 { return l.right - x }

	total := FormatDuration(st.Total)
	if s := Fit(total, avail(), g.font, true); s != "" {
		l.add(Item{Kind: Text, X: x, Y: base, Text: s, Class: ClassPanelTitle, Size: g.font, Bold: true,
			Tip: r.Name + " took " + total, Timed: true, From: st.Total, To: st.Total})
		x += TextWidth(s, g.font, true) + g.font*0.8
	}
	if index > 0 && st.SpeedUp > 0 {
		first := l.t.Runs[0].Name
		label := CompareText(st.SpeedUp, first)
		size := g.font * 0.93
		padX := g.font * 0.6
		if TextWidth(label, size, true)+2*padX > avail() {
			label = SpeedUpText(st.SpeedUp)
		}
		label = Fit(label, avail()-2*padX, size, true)
		if label != "" {
			w := TextWidth(label, size, true) + 2*padX
			h := g.font * 1.5
			at := max(st.Total, stats[0].Total)
			tip := fmt.Sprintf("%s took %s, %s took %s: %s", first, FormatDuration(stats[0].Total), r.Name, total, CompareText(st.SpeedUp, first))
			l.add(Item{Kind: Rect, X: x, Y: base - size*0.35 - h/2, W: w, H: h, Radius: h / 2, Class: speedClass(st.SpeedUp),
				Tip: tip, Timed: true, From: at, To: at})
			l.add(Item{Kind: Text, X: x + padX, Y: base, Text: label, Class: ClassSpeedText, Size: size, Bold: true,
				Timed: true, From: at, To: at})
			x += w + g.font*0.8
		}
	}
	type note struct{ text, class, tip string }
	var notes []note
	if st.HasLoop {
		notes = append(notes, note{fmt.Sprintf("loop idle %.0f%%", 100*st.IdleShare()), ClassPanelNote,
			fmt.Sprintf("the event loop was idle for %s and busy for %s", FormatDuration(st.LoopIdle), FormatDuration(st.LoopBusy))})
	}
	if v := l.views[index]; v.folded > 0 || v.merged > 0 {
		if v.folded > 0 {
			shown := len(v.lanes) - 1
			notes = append(notes, note{fmt.Sprintf("%s %s folded", count(v.folded), plural(v.folded, "lane")), ClassPanelNote,
				fmt.Sprintf("%s of %s lanes are drawn; the last row sums up the other %s: in each pixel column, the state most of them were in",
					count(shown), count(shown+v.folded), count(v.folded))})
		}
		if v.merged > 0 {
			notes = append(notes, note{fmt.Sprintf("%s short intervals merged", count(v.merged)), ClassPanelNote,
				fmt.Sprintf("%s intervals narrower than a pixel are drawn as %s merged %s, each in the state that took most of its time; hover one for what it holds",
					count(v.merged), count(v.runs), plural(v.runs, "bar"))})
		}
	}
	if r.Interrupted {
		notes = append(notes, note{"interrupted", ClassPanelNote, "the run was stopped before it finished"})
	}
	if n := len(r.Warnings); n > 0 {
		s := "⚠ 1 warning"
		if n > 1 {
			s = fmt.Sprintf("⚠ %d warnings", n)
		}
		notes = append(notes, note{s, ClassWarning, strings.Join(r.Warnings, "\n")})
	}
	if r.Error != "" {
		notes = append(notes, note{"✗ " + r.Error, ClassError, r.Error})
	}
	for i, n := range notes {
		if i > 0 {
			n.text = "· " + n.text
		}
		s := Fit(n.text, avail(), g.font, false)
		if s == "" {
			break
		}
		l.add(Item{Kind: Text, X: x, Y: base, Text: s, Class: n.class, Size: g.font, Tip: n.tip, Timed: true, From: st.Total, To: st.Total})
		x += TextWidth(s, g.font, false) + g.font*0.5
	}
}

// maxTranscriptLines is how many printed lines a run's transcript panel
// lists before summing up the rest.
const maxTranscriptLines = 40

// transcript lists a run's printed lines beside its panel and returns the
// y below the last.
func (l *layout) transcript(y, top float64, r *trace.Run) float64 {
	g := l.g
	w := l.fig.Width - g.pad - l.trX
	l.text(l.trX+g.font*0.6, y+g.font*1.35, Fit("printed", w, g.font, false), ClassPanelNote, g.font, false, Start)
	timeW := 0.0
	for _, lg := range r.Logs {
		timeW = max(timeW, TextWidth(l.stamp(lg.At), g.small, false))
	}
	tx := l.trX + g.font*0.6
	yy := top + g.rowH/2 + g.small*0.35
	last := yy
	for i, lg := range r.Logs {
		if i == maxTranscriptLines && len(r.Logs) > maxTranscriptLines+1 {
			more := fmt.Sprintf("… and %d more lines", len(r.Logs)-i)
			l.text(tx+timeW+g.small*0.8, yy, Fit(more, w-timeW-g.font*1.4, g.small, false), ClassTranscriptTime, g.small, false, Start)
			last = yy
			break
		}
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
		l.add(Item{Kind: Text, X: tx + timeW, Y: yy, Text: l.stamp(lg.At), Class: ClassTranscriptTime, Size: g.small, Anchor: End,
			Timed: true, From: lg.At, To: lg.At})
		l.add(Item{Kind: Text, X: tx + timeW + g.small*0.8, Y: yy, Text: Fit(lg.Text, w-timeW-g.font*1.4, g.small, false),
			Class: class, Size: g.small, Tip: tip + ": " + lg.Text, Timed: true, From: lg.At, To: lg.At})
		last = yy
		yy += g.line
	}
	bottom := last + g.small*0.6
	l.add(Item{Kind: Line, X: l.trX, Y: y + g.font*0.3, H: bottom - y - g.font*0.3, Class: ClassTranscriptRule})
	return bottom
}

// lane draws one lane's label, life line, state bars, print markers and
// outcome.
func (l *layout) lane(r *trace.Run, y float64, lv *laneView) {
	g := l.g
	ln := lv.lane
	mid := y + g.rowH/2
	labelClass, bold := ClassLabel, true
	tip := "task " + ln.Name
	switch ln.Kind {
	case trace.LoopLane:
		labelClass, bold, tip = ClassLoopLabel, false, "the event loop: which task holds it, and when it is idle"
	case trace.ThreadLane:
		labelClass, bold, tip = ClassThreadLabel, false, "worker thread "+ln.Name
	}
	if ln.Parent != trace.NoLane {
		tip = "coroutine " + ln.Name + ", awaited inline by " + r.LaneName(ln.Parent)
	}
	label := Fit(ln.Name, l.x0-g.pad-g.font, g.font, bold)
	l.add(Item{Kind: Text, X: l.x0 - g.font*0.8, Y: mid + g.font*0.35, Text: label, Class: labelClass, Size: g.font, Bold: bold, Anchor: End, Tip: tip})

	if ln.Kind == trace.TaskLane && ln.End > ln.Start {
		l.add(Item{Kind: Line, X: l.x(ln.Start), Y: mid, W: l.x(ln.End) - l.x(ln.Start), Class: ClassLife,
			Tip: fmt.Sprintf("%s: %s → %s", ln.Name, l.clock(ln.Start), l.clock(ln.End)), Timed: true, From: ln.Start, To: ln.End})
	}
	barY, barH := mid-g.barH/2, g.barH
	// Bars shorter than minW are drawn last, so their neighbours do not
	// cover them.
	for pass := 0; pass < 2; pass++ {
		for _, sg := range lv.segs {
			iv := sg.iv
			x0, x1 := l.x(iv.Start), l.x(iv.End)
			w, class := x1-x0, BarClass(iv.State.String())
			if sg.share != nil {
				if pass == 0 {
					l.mergedBar(ln.Name, mid, sg)
				}
				continue
			}
			tiny := w < l.minW
			if tiny != (pass == 1) {
				continue
			}
			if tiny {
				w = l.minW
				x0 = math.Min(x0, l.x1-w)
			}
			tip := fmt.Sprintf("%s: %s %s → %s (%s)", ln.Name, iv.State, l.clock(iv.Start), l.clock(iv.End), FormatDuration(iv.Duration()))
			if iv.Detail != "" {
				tip += " — " + iv.Detail
			}
			if tiny {
				tip += " — drawn wider than it lasted"
			}
			h, yy := barH, barY
			if iv.State == trace.Idle {
				h, yy = barH*0.45, mid-barH*0.225
			}
			l.add(Item{Kind: Rect, X: x0, Y: yy, W: w, H: h, Class: class, Tip: tip, Timed: true, From: iv.Start, To: iv.End})
			if tiny {
				l.add(Item{Kind: Line, X: x0 + w/2, Y: barY - g.font*0.25, H: barH + g.font*0.5, Class: ClassTiny,
					Timed: true, From: iv.Start, To: iv.Start})
			}
			if iv.Detail != "" && iv.State != trace.Idle && w > g.small*3 {
				if s := Fit(iv.Detail, w-g.small*0.8, g.small, false); s != "" {
					tc := ClassBarText
					if iv.State == trace.Running || iv.State == trace.Busy {
						tc = ClassBarTextDark
					}
					l.add(Item{Kind: Text, X: x0 + g.small*0.4, Y: mid + g.small*0.35, Text: s, Class: tc, Size: g.small,
						Timed: true, From: iv.Start, To: iv.Start})
				}
			}
		}
	}
	for _, m := range lv.logs {
		lg := m.log
		what := "printed"
		if lg.Stderr {
			what = "wrote to stderr"
		}
		tip := fmt.Sprintf("%s %s at %s: %s", ln.Name, what, l.clock(lg.At), lg.Text)
		if m.n > 1 {
			tip = fmt.Sprintf("%s printed %s lines from %s to %s; the first: %s; the last: %s",
				ln.Name, count(m.n), l.clock(lg.At), l.clock(m.last.At), lg.Text, m.last.Text)
		}
		l.add(Item{Kind: Diamond, X: l.x(lg.At), Y: barY, W: g.font * 0.32, Class: ClassPrint,
			Tip: tip, Timed: true, From: lg.At, To: m.last.At})
	}
	if mark, class := outcomeMark(ln); mark != "" {
		o := ln.Outcome
		x := l.x(ln.End) + g.small*0.5
		if s := Fit(mark, l.right-x, g.small, false); s != "" {
			l.add(Item{Kind: Text, X: x, Y: mid + g.small*0.35, Text: s, Class: class, Size: g.small, Anchor: Start,
				Tip: ln.Name + " " + o.Kind.String() + ": " + o.Value, Timed: true, From: ln.End, To: ln.End})
		}
	}
}

// segBox returns the box of a bar drawn for several intervals, at least a
// pixel wide and kept inside the plot; idle bars are thin, as elsewhere.
func (l *layout) segBox(mid float64, iv trace.Interval) (x, y, w, h float64) {
	x = l.x(iv.Start)
	w = math.Max(1, l.x(iv.End)-x)
	x = math.Min(x, l.x1-w)
	h, y = l.g.barH, mid-l.g.barH/2
	if iv.State == trace.Idle {
		h, y = l.g.barH*0.45, mid-l.g.barH*0.225
	}
	return x, y, w, h
}

// mergedBar draws a bar standing for several intervals: a run of merged
// intervals of one lane, or a pixel column run of a summary lane.
func (l *layout) mergedBar(what string, mid float64, sg seg) {
	iv := sg.iv
	x0, yy, w, h := l.segBox(mid, iv)
	tip := fmt.Sprintf("%s: %s intervals merged, %s → %s: %s — each is narrower than a pixel",
		what, count(sg.n), l.clock(iv.Start), l.clock(iv.End), shareText(sg.share))
	l.add(Item{Kind: Rect, X: x0, Y: yy, W: w, H: h, Class: BarClass(iv.State.String()), Tip: tip,
		Timed: true, From: iv.Start, To: iv.End})
}

// summaryLane draws the lane row that stands for the lanes folded.
func (l *layout) summaryLane(y float64, lv *laneView) {
	g := l.g
	mid := y + g.rowH/2
	n := len(lv.folded)
	tip := fmt.Sprintf("%s more %s, from %s to %s, folded into this row: in each pixel column, its bar shows the state most of them were in",
		count(n), plural(n, "lane"), lv.folded[0].Name, lv.folded[n-1].Name)
	label := Fit(summaryLabel(n), l.x0-g.pad-g.font, g.font, false)
	l.add(Item{Kind: Text, X: l.x0 - g.font*0.8, Y: mid + g.font*0.35, Text: label, Class: ClassLoopLabel, Size: g.font, Anchor: End, Tip: tip})
	for _, sg := range lv.segs {
		iv := sg.iv
		x0, yy, w, h := l.segBox(mid, iv)
		tip := fmt.Sprintf("%s folded lanes, %s → %s: mostly %s (%s of their time)",
			count(n), l.clock(iv.Start), l.clock(iv.End), iv.State, shareText(sg.share))
		l.add(Item{Kind: Rect, X: x0, Y: yy, W: w, H: h, Class: BarClass(iv.State.String()), Tip: tip,
			Timed: true, From: iv.Start, To: iv.End})
	}
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
		for _, s := range laneShares(counts, budget) {
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

// outcomeMark returns the label drawn after a task's end — "✓ 'a'",
// "✗ ValueError: boom", "⊘ cancelled" — and its class; "" for lanes that
// show none (not a task of its own, not ended, or returned None).
func outcomeMark(ln *trace.Lane) (mark, class string) {
	o := ln.Outcome
	if o == nil || ln.Kind != trace.TaskLane || ln.Parent != trace.NoLane {
		return "", ""
	}
	switch o.Kind {
	case trace.Raised:
		return "✗ " + o.Value, ClassError
	case trace.Cancelled:
		return "⊘ cancelled", ClassCancelled
	}
	if o.Value == "None" {
		return "", ""
	}
	return "✓ " + o.Value, ClassOK
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
