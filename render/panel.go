package render

import (
	"fmt"
	"math"
	"strings"

	"github.com/asyncgantt/asyncgantt/trace"
)

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
			notes = append(notes, note{fmt.Sprintf("%s %s folded", FormatCount(v.folded), plural(v.folded, "lane")), ClassPanelNote,
				fmt.Sprintf("%s of %s lanes are drawn; the last row sums up the other %s: in each pixel column, the state most of them were in",
					FormatCount(shown), FormatCount(shown+v.folded), FormatCount(v.folded))})
		}
		if v.merged > 0 {
			notes = append(notes, note{fmt.Sprintf("%s short intervals merged", FormatCount(v.merged)), ClassPanelNote,
				fmt.Sprintf("%s intervals narrower than a pixel are drawn as %s merged %s, each in the state that took most of its time; hover one for what it holds",
					FormatCount(v.merged), FormatCount(v.runs), plural(v.runs, "bar"))})
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
				ln.Name, FormatCount(m.n), l.clock(lg.At), l.clock(m.last.At), lg.Text, m.last.Text)
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
		what, FormatCount(sg.n), l.clock(iv.Start), l.clock(iv.End), shareText(sg.share))
	l.add(Item{Kind: Rect, X: x0, Y: yy, W: w, H: h, Class: BarClass(iv.State.String()), Tip: tip,
		Timed: true, From: iv.Start, To: iv.End})
}

// summaryLane draws the lane row that stands for the lanes folded.
func (l *layout) summaryLane(y float64, lv *laneView) {
	g := l.g
	mid := y + g.rowH/2
	n := len(lv.folded)
	tip := fmt.Sprintf("%s more %s, from %s to %s, folded into this row: in each pixel column, its bar shows the state most of them were in",
		FormatCount(n), plural(n, "lane"), lv.folded[0].Name, lv.folded[n-1].Name)
	label := Fit(summaryLabel(n), l.x0-g.pad-g.font, g.font, false)
	l.add(Item{Kind: Text, X: l.x0 - g.font*0.8, Y: mid + g.font*0.35, Text: label, Class: ClassLoopLabel, Size: g.font, Anchor: End, Tip: tip})
	for _, sg := range lv.segs {
		iv := sg.iv
		x0, yy, w, h := l.segBox(mid, iv)
		tip := fmt.Sprintf("%s folded lanes, %s → %s: mostly %s (%s of their time)",
			FormatCount(n), l.clock(iv.Start), l.clock(iv.End), iv.State, shareText(sg.share))
		l.add(Item{Kind: Rect, X: x0, Y: yy, W: w, H: h, Class: BarClass(iv.State.String()), Tip: tip,
			Timed: true, From: iv.Start, To: iv.End})
	}
}
