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
	// Width is the figure's width in pixels; 0 means 1200.
	Width float64
	// Height is the figure's height in pixels; 0 means as tall as the
	// content needs. A taller figure is padded at the bottom.
	Height float64
	// Theme names the theme; "" means "light".
	Theme string
	// FontSize is the base font size in pixels (lane labels); 0 means 14.
	// Everything else scales with it.
	FontSize float64
}

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
		if first := t.Runs[0].Total; r.Total > 0 {
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
// "1.0× — no gain", "0.5× — slower".
func SpeedUpText(speedUp float64) string {
	switch {
	case speedUp == 0:
		return ""
	case speedUp >= 1.05:
		return fmt.Sprintf("%.1f× faster", speedUp)
	case speedUp > 0.95:
		return fmt.Sprintf("%.1f× — no gain", speedUp)
	}
	return fmt.Sprintf("%.1f× — slower", speedUp)
}

// CompareText says how a run compares with the first run, named first:
// "2.0× faster than Sequential", "no gain over Sequential (1.0×)",
// "0.5× — slower than Sequential".
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

// Message says the figure's message in words: every run's total and its
// speed-up against the first.
func Message(t *trace.Trace) string {
	stats := Stats(t)
	parts := make([]string, len(t.Runs))
	for i, r := range t.Runs {
		parts[i] = fmt.Sprintf("%s %s", r.Name, FormatDuration(stats[i].Total))
		if i > 0 {
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
}

func newGeometry(fontSize float64) geometry {
	f := fontSize
	return geometry{
		font: f, title: f * 1.6, small: f * 0.86,
		pad: f * 1.7, rowH: f * 1.85, barH: f * 1.15,
		gap: f * 1.3, headerH: f * 2.2, tickH: f * 2.4,
	}
}

// Layout lays out the trace as one figure: a panel per run, stacked on one
// shared time axis, a lane per task with bars for its states.
func Layout(t *trace.Trace, opts Options) (*Figure, error) {
	if opts.Width == 0 {
		opts.Width = 1200
	}
	if opts.FontSize == 0 {
		opts.FontSize = 14
	}
	if opts.Theme == "" {
		opts.Theme = "light"
	}
	if opts.Width < 320 || opts.Width > 20000 {
		return nil, fmt.Errorf("width %v px is out of range: use 320 to 20000", opts.Width)
	}
	theme, err := LookupTheme(opts.Theme)
	if err != nil {
		return nil, err
	}
	g := newGeometry(opts.FontSize)
	lay := &layout{t: t, g: g, height: opts.Height, fig: &Figure{Width: opts.Width, Theme: theme, Title: t.Title, Desc: Message(t)}}
	lay.build()
	return lay.fig, nil
}

type layout struct {
	t      *trace.Trace
	g      geometry
	fig    *Figure
	x0, x1 float64 // plot area
	span   time.Duration
	unit   Unit
	ticks  []time.Duration
	step   time.Duration
	height float64 // requested height, or 0
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
	// Lane labels set the plot's left edge.
	labelW := g.font * 5
	for _, r := range l.t.Runs {
		for _, ln := range r.Lanes {
			labelW = max(labelW, TextWidth(ln.Name, g.font, ln.Kind != trace.LoopLane))
		}
	}
	labelW = min(labelW, W*0.25)
	l.x0 = g.pad + labelW + g.font
	l.x1 = W - g.pad - g.font*4 // room for the last total's label
	span := l.t.Span()
	if span <= 0 {
		span = time.Second
	}
	l.unit = UnitFor(span)
	target := max(2, int((l.x1-l.x0)/(g.font*7)))
	l.ticks, l.step = Ticks(span, target)
	l.span = l.ticks[len(l.ticks)-1]

	y := g.pad + g.title
	l.text(g.pad, y, Fit(l.t.Title, W-2*g.pad, g.title, true), ClassTitle, g.title, true, Start)
	y += g.font * 1.6
	if l.t.Clock == trace.Measured {
		l.text(g.pad, y, Fit("Measured: "+l.fig.Desc, W-2*g.pad, g.font, false), ClassSubtitle, g.font, false, Start)
	} else {
		l.text(g.pad, y, Fit(l.fig.Desc, W-2*g.pad, g.font, false), ClassSubtitle, g.font, false, Start)
	}
	y += g.font * 0.8
	y = l.legend(y + g.font*0.8)

	stats := Stats(l.t)
	for i, r := range l.t.Runs {
		y = l.panel(y+g.gap, r, stats[i], i)
	}
	y = l.axis(y)
	l.fig.Height = math.Max(math.Ceil(y+g.pad*0.6), l.height)
}

// legend draws a swatch for every state that appears, left to right.
func (l *layout) legend(y float64) float64 {
	g := l.g
	var used [16]bool
	for _, r := range l.t.Runs {
		for _, ln := range r.Lanes {
			for _, iv := range ln.Intervals {
				if int(iv.State) < len(used) {
					used[iv.State] = true
				}
			}
		}
	}
	x := g.pad
	sw := g.font * 1.2
	for _, s := range legendOrder {
		if !used[s] {
			continue
		}
		name := legendName(s)
		w := sw + g.font*0.4 + TextWidth(name, g.small, false) + g.font*1.4
		if x+w > l.fig.Width-g.pad {
			x = g.pad
			y += g.font * 1.6
		}
		l.add(Item{Kind: Rect, X: x, Y: y, W: sw, H: g.small, Class: BarClass(s.String())})
		l.text(x+sw+g.font*0.4, y+g.small*0.85, name, ClassLegend, g.small, false, Start)
		x += w
	}
	if x > g.pad {
		px := x
		l.add(Item{Kind: Diamond, X: px + g.small*0.45, Y: y + g.small*0.5, W: g.small * 0.45, Class: ClassPrint})
		l.text(px+g.small*1.2, y+g.small*0.85, "line printed", ClassLegend, g.small, false, Start)
	}
	return y + g.small
}

// legendOrder tells the story: what runs, what waits, what is held up.
var legendOrder = []trace.State{trace.Running, trace.Waiting, trace.Ready, trace.Blocked, trace.Created, trace.Busy, trace.Idle}

func legendName(s trace.State) string {
	switch s {
	case trace.Waiting:
		return "waiting (await)"
	case trace.Ready:
		return "ready, not running"
	case trace.Blocked:
		return "blocked (holds the loop)"
	case trace.Busy:
		return "loop busy"
	case trace.Idle:
		return "loop idle"
	}
	return s.String()
}

// panel draws one run from y and returns the y below it.
func (l *layout) panel(y float64, r *trace.Run, st RunStats, index int) float64 {
	g := l.g
	// Header: name, total, speed-up, loop idle share.
	base := y + g.font*1.3
	name := Fit(r.Name, (l.fig.Width-2*g.pad)*0.4, g.font*1.15, true)
	l.text(g.pad, base, name, ClassPanelTitle, g.font*1.15, true, Start)
	notes := []string{FormatDuration(st.Total)}
	if index > 0 {
		notes = append(notes, CompareText(st.SpeedUp, l.t.Runs[0].Name))
	}
	if st.HasLoop {
		notes = append(notes, fmt.Sprintf("loop idle %.0f%%", 100*st.IdleShare()))
	}
	if r.Interrupted {
		notes = append(notes, "interrupted")
	}
	if r.Error != "" {
		notes = append(notes, r.Error)
	}
	nx := g.pad + TextWidth(name, g.font*1.15, true) + g.font
	l.text(nx, base, Fit(strings.Join(notes, "  ·  "), l.fig.Width-g.pad-nx, g.font, false), ClassPanelNote, g.font, false, Start)
	top := y + g.headerH
	bottom := top + float64(len(r.Lanes))*g.rowH

	// Lane bands and grid lines behind the bars.
	for i := range r.Lanes {
		if i%2 == 0 {
			l.add(Item{Kind: Rect, X: g.pad, Y: top + float64(i)*g.rowH, W: l.x1 - g.pad, H: g.rowH, Class: ClassBand})
		}
	}
	for _, tk := range l.ticks {
		l.add(Item{Kind: Line, X: l.x(tk), Y: top, H: bottom - top, Class: ClassGrid})
	}
	for i, ln := range r.Lanes {
		l.lane(top+float64(i)*g.rowH, r, ln)
	}
	// The run's total: a marker across the panel and its value.
	tx := l.x(r.Total)
	l.add(Item{Kind: Line, X: tx, Y: top - g.font*0.3, H: bottom - top + g.font*0.3, Class: ClassTotal, Tip: r.Name + " total: " + FormatDuration(r.Total)})
	l.text(tx+g.font*0.3, top+g.small*0.2, FormatDuration(r.Total), ClassTotalText, g.small, true, Start)
	return bottom
}

// lane draws one lane's label, life line, state bars, print markers and
// outcome.
func (l *layout) lane(y float64, r *trace.Run, ln *trace.Lane) {
	g := l.g
	mid := y + g.rowH/2
	labelClass, bold := ClassLabel, true
	if ln.Kind != trace.TaskLane {
		labelClass, bold = ClassLoopLabel, false
	}
	tip := ln.Name
	if ln.Parent != "" {
		tip += " (awaited inline by " + ln.Parent + ")"
	}
	label := Fit(ln.Name, l.x0-g.pad-g.font, g.font, bold)
	l.add(Item{Kind: Text, X: l.x0 - g.font*0.8, Y: mid + g.font*0.35, Text: label, Class: labelClass, Size: g.font, Bold: bold, Anchor: End, Tip: tip})

	if ln.Kind == trace.TaskLane && ln.End >= ln.Start {
		l.add(Item{Kind: Line, X: l.x(ln.Start), Y: mid, W: l.x(ln.End) - l.x(ln.Start), Class: ClassLife,
			Tip: fmt.Sprintf("%s: %s → %s", ln.Name, l.clock(ln.Start), l.clock(ln.End))})
	}
	barY, barH := mid-g.barH/2, g.barH
	const minW = 1.5 // a state shorter than this still shows, at this width
	for _, iv := range ln.Intervals {
		x0, x1 := l.x(iv.Start), l.x(iv.End)
		w, class := x1-x0, BarClass(iv.State.String())
		tiny := w < minW
		if tiny {
			w = minW
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
		l.add(Item{Kind: Rect, X: x0, Y: yy, W: w, H: h, Class: class, Tip: tip})
		if tiny {
			l.add(Item{Kind: Line, X: x0 + w/2, Y: barY - 3, H: barH + 6, Class: ClassTiny})
		}
		if iv.Detail != "" && iv.State != trace.Idle {
			if s := Fit(iv.Detail, w-g.small*0.8, g.small, false); s != "" && w > g.small*3 {
				tc := ClassBarText
				if iv.State == trace.Running || iv.State == trace.Busy {
					tc = ClassBarTextDark
				}
				l.text(x0+g.small*0.4, mid+g.small*0.35, s, tc, g.small, false, Start)
			}
		}
	}
	for _, lg := range r.Logs {
		if lg.Lane == ln.Name {
			l.add(Item{Kind: Diamond, X: l.x(lg.At), Y: barY, W: g.font * 0.32, Class: ClassPrint,
				Tip: fmt.Sprintf("%s printed at %s: %s", ln.Name, l.clock(lg.At), lg.Text)})
		}
	}
	if o := ln.Outcome; o != nil && ln.Kind == trace.TaskLane && ln.Parent == "" {
		var mark, class string
		switch o.Kind {
		case trace.Returned:
			if o.Value == "None" {
				return
			}
			mark, class = "✓ "+o.Value, ClassOK
		case trace.Raised:
			mark, class = "✗ "+o.Value, ClassError
		case trace.Cancelled:
			mark, class = "⊘ cancelled", ClassCancelled
		}
		x := l.x(ln.End) + g.small*0.5
		if s := Fit(mark, l.fig.Width-g.pad-x, g.small, false); s != "" {
			l.add(Item{Kind: Text, X: x, Y: mid + g.small*0.35, Text: s, Class: class, Size: g.small, Anchor: Start, Tip: ln.Name + " " + o.Kind.String() + ": " + o.Value})
		}
	}
}

// axis draws the shared time axis below the panels.
func (l *layout) axis(y float64) float64 {
	g := l.g
	y += g.font * 0.5
	l.add(Item{Kind: Line, X: l.x0, Y: y, W: l.x1 - l.x0, Class: ClassAxis})
	for _, tk := range l.ticks {
		x := l.x(tk)
		l.add(Item{Kind: Line, X: x, Y: y, H: g.font * 0.4, Class: ClassAxis})
		l.text(x, y+g.font*1.45, FormatTime(tk, l.unit, l.step), ClassTick, g.small, false, Middle)
	}
	l.text(l.x1+g.font*0.6, y+g.font*1.45, l.unit.Name, ClassTick, g.small, false, Start)
	l.text(l.x0, y+g.font*2.9, "elapsed time since the run started", ClassTick, g.small, false, Start)
	return y + g.font*3
}

// clock writes a time for tooltips with millisecond precision in seconds.
func (l *layout) clock(t time.Duration) string {
	return fmt.Sprintf("%.3f s", t.Seconds())
}
