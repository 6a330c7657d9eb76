package render

import (
	"fmt"
	"math"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/asyncgantt/asyncgantt/internal/safetext"
	"github.com/asyncgantt/asyncgantt/trace"
)

// panel draws one run from y and returns the y below it and the y of its
// first lane.
func (l *layout) panel(y float64, r *trace.Run, index int) (bottom, top float64) {
	g := l.g
	st := l.stats[index]
	lanes := l.views[index].lanes
	top = l.header(y, r, index)
	bottom = top + float64(len(lanes))*g.rowH
	switch {
	case l.trX > 0:
		bottom = max(bottom, l.transcript(y, top, bottom, r))
	case l.trBelow:
		bottom = l.transcriptUnder(top, bottom, r)
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
			l.summaryLane(top+float64(i)*g.rowH, &lanes[i], index)
			continue
		}
		l.lane(r, top+float64(i)*g.rowH, &lanes[i])
	}
	// The run's total: a marker across the panel and its value.
	tx := l.x(st.Total)
	tip := isolate(r.Name) + " total: " + FormatDuration(st.Total)
	l.add(Item{Kind: Line, X: tx, Y: top - g.font*0.3, H: laneBottom - top + g.font*0.3, Class: ClassTotal, Tip: tip,
		Timed: true, From: st.Total, To: st.Total})
	l.add(Item{Kind: Text, X: tx + g.font*0.3, Y: top + g.small*0.2, Text: FormatDuration(st.Total), Class: ClassTotalText,
		Size: g.small, Bold: true, Tip: tip, Timed: true, From: st.Total, To: st.Total})
	// Outcome labels over the marker and the grid, which they may cross:
	// their halo keeps them legible.
	for _, it := range l.late {
		l.add(it)
	}
	l.late = l.late[:0]
	return bottom, top
}

// header draws a run's name, total, comparison and notes from y, left to
// right, wrapping onto more lines where the width runs out, and returns
// the y at which the run's lanes start.
func (l *layout) header(y float64, r *trace.Run, index int) float64 {
	g := l.g
	st := l.stats[index]
	base := y + g.font*1.35
	x, width := g.pad, l.right-g.pad
	// place returns where an item w pixels wide goes: on this line if it
	// fits, else at the start of the next one.
	place := func(w float64) (float64, float64) {
		if x > g.pad && x+w > l.right {
			x = g.pad
			base += g.font * 1.7
		}
		at := x
		x += w + g.font*0.8
		return at, base
	}
	starts := func(w float64) bool { return x == g.pad || x+w > l.right } // a line, if placed
	nameSize := g.font * 1.15
	name := Fit(isolate(r.Name), width, nameSize, true)
	nx, nb := place(TextWidth(name, nameSize, true))
	l.add(Item{Kind: Text, X: nx, Y: nb, Text: name, Class: ClassPanelTitle, Size: nameSize, Bold: true, Tip: isolate(r.Name)})

	total := FormatDuration(st.Total)
	tx, tb := place(TextWidth(total, g.font, true))
	l.add(Item{Kind: Text, X: tx, Y: tb, Text: total, Class: ClassPanelTitle, Size: g.font, Bold: true,
		Tip: isolate(r.Name) + " took " + total, Timed: true, From: st.Total, To: st.Total})
	if l.foldedRuns > 0 && index == len(l.t.Runs)-1 {
		// The panel of folded runs: what it stands for, not a run's
		// numbers.
		n, lanes := l.foldedRuns, len(r.Lanes)
		s := Fit(fmt.Sprintf("%s %s in one row", FormatCount(lanes), plural(lanes, "lane")), width, g.font, false)
		nx, nb := place(TextWidth(s, g.font, false))
		l.add(Item{Kind: Text, X: nx, Y: nb, Text: s, Class: ClassPanelNote, Size: g.font,
			Tip: fmt.Sprintf("the last %s runs are drawn as one row: in each pixel column, the state most of their %s lanes were in; the longest took %s",
				FormatCount(n), FormatCount(lanes), total)})
		return base - g.font*1.35 + g.headerH
	}
	l.badge(r, st, width, place)
	for i, n := range l.notes(r, index) {
		s := Fit(n.text, width, g.font, false)
		if dotted := "· " + s; i > 0 && !starts(TextWidth(dotted, g.font, false)) {
			s = dotted // a separator between notes on one line
		}
		nx, nb := place(TextWidth(s, g.font, false))
		l.add(Item{Kind: Text, X: nx, Y: nb, Text: s, Class: n.class, Size: g.font, Tip: n.tip, Timed: true, From: st.Total, To: st.Total})
	}
	return base - g.font*1.35 + g.headerH
}

// badge draws a run's comparison with the baseline as a pill: "2.0×
// faster than Sequential", or "2.0× faster" where the long form does not
// fit; for a run that did not end normally, why it is not compared
// ("failed at 1.0 s"), when runs are compared at all.
func (l *layout) badge(r *trace.Run, st RunStats, width float64, place func(w float64) (float64, float64)) {
	g := l.g
	var bt time.Duration // the baseline's total, when there is one
	for _, o := range l.stats {
		if o.IsBaseline {
			bt = o.Total
		}
	}
	var label, class, tip string
	switch {
	case st.SpeedUp > 0:
		label, class = CompareText(st.SpeedUp, isolate(st.Baseline)), speedClass(st.SpeedUp)
		tip = fmt.Sprintf("%s took %s, %s took %s: %s", isolate(st.Baseline), FormatDuration(bt), isolate(r.Name), FormatDuration(st.Total), label)
	case st.Ended != "" && Comparing(l.stats):
		label, class = st.Ended, ClassSpeedNone
		tip = isolate(r.Name) + " " + st.Ended + ": it is not compared with the other runs"
	default:
		return
	}
	size, padX, h := g.font*0.93, g.font*0.6, g.font*1.5
	if TextWidth(label, size, true)+2*padX > width*0.45 && st.SpeedUp > 0 {
		label = SpeedUpText(st.SpeedUp) // a long baseline's name: in the tooltip
	}
	label = Fit(label, width-2*padX, size, true)
	if label == "" {
		return
	}
	w := TextWidth(label, size, true) + 2*padX
	x, base := place(w)
	at := max(st.Total, bt)
	l.add(Item{Kind: Rect, X: x, Y: base - size*0.35 - h/2, W: w, H: h, Radius: h / 2, Class: class,
		Tip: tip, Timed: true, From: at, To: at})
	// Centred: the pill has room for the widest font, and the text sits in
	// its middle in whichever the viewer uses.
	l.add(Item{Kind: Text, X: x + w/2, Y: base, Text: label, Class: ClassSpeedText, Size: size, Bold: true,
		Anchor: Middle, Tip: tip, Timed: true, From: at, To: at})
}

// note is one of a run header's notes: its text, class and tooltip.
type note struct{ text, class, tip string }

// notes returns a run header's notes: the loop's idle share, what the
// figure folds or merges, an interruption, warnings and the run's error.
func (l *layout) notes(r *trace.Run, index int) []note {
	st := l.stats[index]
	var notes []note
	if st.HasLoop {
		notes = append(notes, note{fmt.Sprintf("loop idle %.0f%%", 100*st.IdleShare()), ClassPanelNote,
			fmt.Sprintf("the event loop was idle for %s and busy for %s", FormatDuration(st.LoopIdle), FormatDuration(st.LoopBusy))})
	}
	if v := l.views[index]; v.folded > 0 {
		shown := len(v.lanes) - 1
		notes = append(notes, note{fmt.Sprintf("%s %s folded", FormatCount(v.folded), plural(v.folded, "lane")), ClassPanelNote,
			fmt.Sprintf("%s of %s lanes are drawn; the last row sums up the other %s: in each pixel column, the state most of them were in",
				FormatCount(shown), FormatCount(shown+v.folded), FormatCount(v.folded))})
	}
	if v := l.views[index]; v.merged > 0 {
		notes = append(notes, note{fmt.Sprintf("%s short intervals merged", FormatCount(v.merged)), ClassPanelNote,
			fmt.Sprintf("%s intervals narrower than a pixel are drawn as %s merged %s, each in the state that took most of its time; hover one for what it holds",
				FormatCount(v.merged), FormatCount(v.runs), plural(v.runs, "bar"))})
	}
	if r.Interrupted {
		notes = append(notes, note{"interrupted", ClassPanelNote, "the run was stopped before it finished"})
	}
	if n := len(r.Warnings); n > 0 {
		s := "⚠ 1 warning"
		if n > 1 {
			s = fmt.Sprintf("⚠ %d warnings", n)
		}
		notes = append(notes, note{s, ClassWarning, isolateText(strings.Join(r.Warnings, "\n"))})
	}
	if r.Error != "" {
		notes = append(notes, note{"✗ " + isolate(r.Error), ClassError, isolateText(r.Error)})
	}
	return notes
}

// lane draws one lane's label, life line, state bars, print markers and
// outcome.
func (l *layout) lane(r *trace.Run, y float64, lv *laneView) {
	g := l.g
	ln := lv.lane
	mid := y + g.rowH/2
	labelClass, bold := ClassLabel, true
	name := isolate(ln.Name)
	tip := "task " + name
	switch ln.Kind {
	case trace.LoopLane:
		labelClass, bold, tip = ClassLoopLabel, false, "the event loop: which task holds it, and when it is idle"
	case trace.ThreadLane:
		labelClass, bold, tip = ClassThreadLabel, false, "worker thread "+name
	}
	switch {
	case ln.Outcome != nil && ln.Outcome.Kind == trace.NeverAwaited:
		tip = "coroutine " + name + ", created and never awaited"
	case ln.Parent != trace.NoLane:
		tip = "coroutine " + name + ", awaited inline by " + isolate(r.LaneName(ln.Parent))
	}
	label := Fit(name, l.x0-g.pad-g.font, g.font, bold)
	l.add(Item{Kind: Text, X: l.x0 - g.font*0.8, Y: mid + g.font*0.35, Text: label, Class: labelClass, Size: g.font, Bold: bold, Anchor: End, Tip: tip})

	if ln.Kind == trace.TaskLane && ln.End > ln.Start {
		l.add(Item{Kind: Line, X: l.x(ln.Start), Y: mid, W: l.x(ln.End) - l.x(ln.Start), Class: ClassLife,
			Tip: fmt.Sprintf("%s: %s → %s", name, l.clock(ln.Start), l.clock(ln.End)), Timed: true, From: ln.Start, To: ln.End})
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
					l.mergedBar(name, mid, sg)
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
			tip := fmt.Sprintf("%s: %s %s → %s (%s)", name, iv.State, l.clock(iv.Start), l.clock(iv.End), FormatDuration(iv.Duration()))
			detail := isolate(iv.Detail)
			if detail != "" {
				tip += " — " + detail
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
				// A label shortened to less than three characters says
				// nothing; the tooltip does.
				if s := Fit(detail, w-g.small*0.8, g.small, false); s != "" && (s == detail || utf8.RuneCountInString(safetext.Strip(s)) > 3) {
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
		tip := fmt.Sprintf("%s %s at %s: %s", name, what, l.clock(lg.At), isolateText(lg.Text))
		if m.n > 1 {
			tip = fmt.Sprintf("%s printed %s lines from %s to %s; the first: %s; the last: %s",
				name, FormatCount(m.n), l.clock(lg.At), l.clock(m.last.At), isolateText(lg.Text), isolateText(m.last.Text))
		}
		l.add(Item{Kind: Diamond, X: l.x(lg.At), Y: barY, W: g.font * 0.32, Class: ClassPrint,
			Tip: tip, Timed: true, From: lg.At, To: m.last.At})
	}
	l.outcome(r, ln, mid)
}

// outcome draws how a lane ended after its end (see OutcomeMark), and for
// a coroutine never awaited a marker where it was created.
func (l *layout) outcome(r *trace.Run, ln *trace.Lane, mid float64) {
	g := l.g
	if mark, class := outcomeMark(r, ln, isolate); mark != "" {
		o := ln.Outcome
		x := l.x(ln.End) + g.small*0.5
		name := isolate(ln.Name)
		tip := name + " " + o.Kind.String() + ": " + isolateText(o.Value)
		if c := r.LaneName(o.CaughtBy); c != "" {
			tip += ", caught by " + isolate(c) + "'s try/except"
		}
		if o.Kind == trace.NeverAwaited {
			// A moment, not a bar: where the coroutine object was made.
			tip = fmt.Sprintf("%s was created at %s and never awaited: its body never ran. Python warns: %s", name, l.clock(ln.Start), isolateText(o.Value))
			l.add(Item{Kind: Diamond, X: l.x(ln.Start), Y: mid, W: g.font * 0.42, Class: ClassNeverMark, Tip: tip,
				Timed: true, From: ln.Start, To: ln.Start})
			x = l.x(ln.Start) + g.font*0.42 + g.small*0.4
		}
		if s := l.fitMark(r, ln, mark, class, l.right-x); s != "" {
			l.late = append(l.late, Item{Kind: Text, X: x, Y: mid + g.small*0.35, Text: s, Class: class, Size: g.small, Anchor: Start,
				Tip: tip, Timed: true, From: ln.End, To: ln.End})
		}
	}
}

// fitMark fits an outcome mark into width pixels. A caught exception
// that does not fit keeps its "· caught by NAME" whole and shortens the
// exception instead: where it was caught is the lesson of a try/except.
func (l *layout) fitMark(r *trace.Run, ln *trace.Lane, mark, class string, width float64) string {
	g := l.g
	s := Fit(mark, width, g.small, false)
	if s == mark || class != ClassCaught {
		return s
	}
	suffix := " · caught by " + isolate(r.LaneName(ln.Outcome.CaughtBy))
	room := width - TextWidth(suffix, g.small, false)
	if head := Fit("✗ "+isolate(ln.Outcome.Value), room, g.small, false); len([]rune(head)) > 3 {
		return head + suffix
	}
	if short := "✗" + suffix; TextWidth(short, g.small, false) <= width {
		return short // the exception is in the tooltip
	}
	return s
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
func (l *layout) summaryLane(y float64, lv *laneView, run int) {
	g := l.g
	mid := y + g.rowH/2
	n := len(lv.folded)
	tip := fmt.Sprintf("%s more %s, from %s to %s, folded into this row: in each pixel column, its bar shows the state most of them were in",
		FormatCount(n), plural(n, "lane"), isolate(lv.folded[0].Name), isolate(lv.folded[n-1].Name))
	label := Fit(l.label(lv, run), l.x0-g.pad-g.font, g.font, false)
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
