package render

import (
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/asyncgantt/asyncgantt/trace"
)

// Level of detail. A figure's cost follows its pixels, not its spans:
//
//   - On a lane, two or more intervals in a row that are each narrower
//     than a pixel, starting within a pixel of the first, are drawn as one
//     merged run in the colour of the state that took most of its time;
//     its tooltip counts what it holds. A lane of any length thus draws at
//     most about one bar per pixel of the plot. A lone short interval is
//     drawn exactly, widened and marked, as before.
//   - Print markers closer together than a marker's width, on a lane with
//     more markers than fit side by side, merge into one marker.
//   - Lanes beyond the figure's lane budget fold into one summary lane per
//     run, which draws, pixel column by pixel column, the state most of the
//     folded lanes were in.
//
// Small traces draw exactly as without level of detail: nothing merges
// unless bars are narrower than a pixel, and nothing folds unless the
// lanes exceed the budget. Options.Exact turns it all off.

// DefaultMaxLanes is how many lane rows a figure of free height draws at
// most (all runs together) before it folds the rest of each run's lanes
// into a summary lane.
const DefaultMaxLanes = 200

// DefaultMaxPanels is how many panels a figure draws at most: a trace of
// more runs (an imported trace of 100,000 processes) is drawn as its first
// DefaultMaxPanels-1 runs and one summary panel for the others.
const DefaultMaxPanels = 20

// FoldRuns returns t itself when it has at most maxPanels runs (or
// maxPanels is 0 or less); else a copy of t whose runs are the first
// maxPanels-1 of t's and a summary run standing for the others, and how
// many runs that is. The summary run is for drawing only: its name says
// how many runs it stands for ("… and 99,981 more runs"), its total is
// the longest of theirs, and its lanes are all of theirs, which a figure
// or a chart folds into one summary lane; it has no logs, warnings or
// error (each run keeps them in t), and its lanes' references point into
// their own runs. The runs and lanes themselves are shared with t, not
// copied.
func FoldRuns(t *trace.Trace, maxPanels int) (*trace.Trace, int) {
	if maxPanels <= 0 || len(t.Runs) <= maxPanels {
		return t, 0
	}
	keep := max(1, maxPanels-1)
	rest := t.Runs[keep:]
	sum := &trace.Run{Name: SummaryRunLabel(len(rest))}
	n := 0
	for _, r := range rest {
		n += len(r.Lanes)
	}
	sum.Lanes = make([]*trace.Lane, 0, n)
	for _, r := range rest {
		sum.Total = max(sum.Total, r.Total)
		sum.Lanes = append(sum.Lanes, r.Lanes...)
	}
	folded := *t
	folded.Runs = append(t.Runs[:keep:keep], sum)
	return &folded, len(rest)
}

// SummaryRunLabel names the summary panel of n folded runs: "… and
// 99,981 more runs".
func SummaryRunLabel(n int) string { return "… and " + FormatCount(n) + " more " + plural(n, "run") }

// panelView is what a run's panel draws: the lanes kept and, last, a summary
// lane standing for the lanes folded.
type panelView struct {
	lanes  []laneView
	folded int // lanes folded into the summary lane
	merged int // intervals drawn merged into runs
	runs   int // merged runs drawn
}

// laneView is one lane row: a lane of the trace, or the summary lane of
// the lanes folded when lane is nil.
type laneView struct {
	lane   *trace.Lane
	kind   trace.LaneKind
	folded []*trace.Lane
	segs   []seg
	logs   []logMark
}

// seg is one bar: an interval drawn exactly (n == 1), or a run of n
// intervals drawn merged, in the state that took most of its time.
type seg struct {
	iv    trace.Interval
	n     int
	share *[numShares]float64 // time per state, for merged and summary bars
}

// numShares bounds the states counted in merged bars.
const numShares = 16

// logMark is one print marker standing for n printed lines, the first
// being log.
type logMark struct {
	log  trace.Log
	n    int
	last trace.Log
}

// LaneShares splits a budget of lane rows among runs with the given
// numbers of lanes: a run with no more lanes than its fair share keeps
// them all and leaves the rest to the others. Every run gets at least one
// row. A budget of 0 or less, or one that fits every lane, returns counts
// unchanged.
func LaneShares(counts []int, budget int) []int {
	shares := append([]int(nil), counts...)
	total := 0
	for _, c := range counts {
		total += c
	}
	if budget <= 0 || total <= budget {
		return shares
	}
	// Water-filling: raise a common level until the budget is spent.
	left, open := budget, 0
	for i := range shares {
		shares[i] = 0
		if counts[i] > 0 {
			open++
		}
	}
	for left > 0 && open > 0 {
		fair := max(1, left/open)
		progress := false
		for i, c := range counts {
			if shares[i] >= c || left == 0 {
				continue
			}
			add := min(fair, c-shares[i], left)
			shares[i] += add
			left -= add
			progress = progress || add > 0
			if shares[i] == c {
				open--
			}
		}
		if !progress {
			break
		}
	}
	for i, c := range counts {
		if c > 0 && shares[i] == 0 {
			shares[i] = 1
		}
	}
	return shares
}

// splitLanes decides which lanes every run's panel draws and which it
// folds into a summary lane.
func (l *layout) splitLanes() {
	counts := make([]int, len(l.t.Runs))
	for i, r := range l.t.Runs {
		counts[i] = len(r.Lanes)
	}
	if l.foldedRuns > 0 {
		// The summary panel of folded runs is one summary lane.
		counts[len(counts)-1] = 1
	}
	shares := counts
	if !l.opts.Exact {
		shares = LaneShares(counts, l.budget)
	}
	l.views = make([]panelView, len(l.t.Runs))
	for i, r := range l.t.Runs {
		v := &l.views[i]
		keep := r.Lanes
		var folded []*trace.Lane
		switch {
		case l.foldedRuns > 0 && i == len(l.t.Runs)-1:
			keep, folded = nil, r.Lanes
		case shares[i] < len(r.Lanes):
			keep, folded = r.Lanes[:shares[i]-1], r.Lanes[shares[i]-1:]
		}
		v.lanes = make([]laneView, 0, len(keep)+1)
		for _, ln := range keep {
			v.lanes = append(v.lanes, laneView{lane: ln, kind: ln.Kind})
		}
		if len(folded) > 0 {
			v.folded = len(folded)
			v.lanes = append(v.lanes, laneView{kind: folded[0].Kind, folded: folded})
		}
	}
}

// fillLanes computes the bars and markers of every lane row, on the
// current scale.
func (l *layout) fillLanes() {
	for i, r := range l.t.Runs {
		v := &l.views[i]
		logs := logsByLane(r, v.lanes)
		for j := range v.lanes {
			lv := &v.lanes[j]
			if lv.lane == nil {
				lv.segs = l.summary(lv.folded)
				continue
			}
			lv.segs = l.segments(lv.lane.Intervals, v)
			lv.logs = l.logMarks(logs[lv.lane])
		}
	}
}

// summaryLabel names a summary lane: "… and 9,900 more".
func summaryLabel(n int) string { return "… and " + FormatCount(n) + " more" }

// label returns the name drawn for a lane row that is a summary lane:
// "… and 9,900 more" for the lanes a run folds, "9,900 lanes" for those
// of the panel of folded runs, whose title says the rest.
func (l *layout) label(lv *laneView, run int) string {
	if l.foldedRuns > 0 && run == len(l.t.Runs)-1 {
		return FormatCount(len(lv.folded)) + " " + plural(len(lv.folded), "lane")
	}
	return summaryLabel(len(lv.folded))
}

// logsByLane groups a run's logs by the lane that printed them, in order,
// for the lanes drawn one by one: a run of a million tasks whose lanes
// mostly fold indexes only the lines of the lanes it shows.
func logsByLane(r *trace.Run, lanes []laneView) map[*trace.Lane][]trace.Log {
	m := make(map[*trace.Lane][]trace.Log, len(lanes))
	for _, lv := range lanes {
		if lv.lane != nil {
			m[lv.lane] = nil
		}
	}
	for _, lg := range r.Logs {
		if ln := r.LaneByID(lg.Lane); ln != nil {
			if ls, ok := m[ln]; ok {
				m[ln] = append(ls, lg)
			}
		}
	}
	return m
}

// segments returns the bars of a lane's intervals, merging runs of
// intervals narrower than a pixel; it counts what it merged in v.
func (l *layout) segments(ivs []trace.Interval, v *panelView) []seg {
	segs := make([]seg, 0, min(len(ivs), max(1, int(l.x1-l.x0)+1)))
	narrow := func(iv trace.Interval) bool { return !l.opts.Exact && l.x(iv.End)-l.x(iv.Start) < l.minW }
	for i := 0; i < len(ivs); {
		iv := ivs[i]
		if !narrow(iv) {
			segs = append(segs, seg{iv: iv, n: 1})
			i++
			continue
		}
		x0 := l.x(iv.Start)
		j := i + 1
		for j < len(ivs) && narrow(ivs[j]) && l.x(ivs[j].Start)-x0 < l.minW {
			j++
		}
		if j == i+1 {
			segs = append(segs, seg{iv: iv, n: 1})
			i++
			continue
		}
		var share [numShares]float64
		end := iv.End
		for _, m := range ivs[i:j] {
			if int(m.State) < numShares {
				share[m.State] += float64(m.Duration())
			}
			end = max(end, m.End)
		}
		segs = append(segs, seg{iv: trace.Interval{State: dominant(&share), Start: iv.Start, End: end}, n: j - i, share: &share})
		v.merged += j - i
		v.runs++
		i = j
	}
	return segs
}

// dominant returns the state with the largest share; the first in state
// order on a tie.
func dominant(share *[numShares]float64) trace.State {
	best := 0
	for s := range share {
		if share[s] > share[best] {
			best = s
		}
	}
	return trace.State(best)
}

// summary returns the bars of a summary lane: for every pixel column of
// the plot, the state the folded lanes spent most time in there, runs of
// equal columns drawn as one bar. Its cost is one step per interval plus
// one per pixel column and state.
func (l *layout) summary(folded []*trace.Lane) []seg {
	cols := int(math.Ceil(l.x1 - l.x0))
	if cols <= 0 {
		return nil
	}
	perCol := float64(l.span) / (l.x1 - l.x0) // time per pixel column
	// acc[s][c] is the time in state s within column c; whole columns
	// covered by an interval are added through a difference array.
	acc := make([][]float64, numShares)
	diff := make([][]float64, numShares)
	for _, ln := range folded {
		for _, iv := range ln.Intervals {
			s := int(iv.State)
			if s >= numShares || iv.End <= iv.Start {
				continue
			}
			if acc[s] == nil {
				acc[s], diff[s] = make([]float64, cols), make([]float64, cols+1)
			}
			a := float64(iv.Start) / perCol
			b := float64(iv.End) / perCol
			ca, cb := clampCol(a, cols), clampCol(b, cols)
			if ca == cb {
				acc[s][ca] += float64(iv.End - iv.Start)
				continue
			}
			acc[s][ca] += (float64(ca+1) - a) * perCol
			acc[s][cb] += (b - float64(cb)) * perCol
			if ca+1 < cb {
				diff[s][ca+1] += perCol
				diff[s][cb] -= perCol
			}
		}
	}
	for s := range acc {
		if acc[s] == nil {
			continue
		}
		run := 0.0
		for c := 0; c < cols; c++ {
			run += diff[s][c]
			acc[s][c] += run
		}
	}
	var segs []seg
	var cur *seg
	at := func(c int) time.Duration { return time.Duration(math.Round(float64(c) * perCol)) }
	for c := 0; c < cols; c++ {
		var col [numShares]float64
		total := 0.0
		for s := range acc {
			if acc[s] != nil {
				col[s] = acc[s][c]
				total += col[s]
			}
		}
		// The running sums of the difference arrays leave rounding
		// residue where every folded lane has ended: a column holding
		// less than a millionth of its time holds nothing, or a summary
		// bar would run on to the end of the axis.
		if total <= perCol*1e-6 {
			cur = nil
			continue
		}
		st := dominant(&col)
		if cur != nil && cur.iv.State == st {
			cur.iv.End = at(c + 1)
			for s := range col {
				cur.share[s] += col[s]
			}
			continue
		}
		share := col
		segs = append(segs, seg{iv: trace.Interval{State: st, Start: at(c), End: at(c + 1)}, n: len(folded), share: &share})
		cur = &segs[len(segs)-1]
	}
	for i := range segs {
		segs[i].iv.Start = max(0, segs[i].iv.Start)
		segs[i].iv.End = min(l.span, segs[i].iv.End)
	}
	return segs
}

func clampCol(x float64, cols int) int {
	return min(cols-1, max(0, int(x)))
}

// logMarks returns a lane's print markers: one per line, or, when the
// lane has more lines than markers fit side by side, one per cluster of
// lines closer together than a marker's width.
func (l *layout) logMarks(logs []trace.Log) []logMark {
	w := 2 * l.g.font * 0.32 // a marker's width
	fit := int((l.x1 - l.x0) / w)
	marks := make([]logMark, 0, min(len(logs), fit+1))
	if l.opts.Exact || len(logs) <= fit {
		for _, lg := range logs {
			marks = append(marks, logMark{log: lg, n: 1, last: lg})
		}
		return marks
	}
	for i := 0; i < len(logs); {
		x := l.x(logs[i].At)
		j := i + 1
		for j < len(logs) && l.x(logs[j].At)-x < w {
			j++
		}
		marks = append(marks, logMark{log: logs[i], n: j - i, last: logs[j-1]})
		i = j
	}
	return marks
}

// shareText lists the states of a merged bar by their share of its time,
// largest first: "waiting 60%, running 35%, ready 5%".
func shareText(share *[numShares]float64) string {
	total := 0.0
	for _, v := range share {
		total += v
	}
	type part struct {
		s trace.State
		v float64
	}
	var parts []part
	for s, v := range share {
		if v > 0 {
			parts = append(parts, part{trace.State(s), v})
		}
	}
	// Insertion sort: a handful of states, largest first, stable.
	for i := 1; i < len(parts); i++ {
		for j := i; j > 0 && parts[j].v > parts[j-1].v; j-- {
			parts[j], parts[j-1] = parts[j-1], parts[j]
		}
	}
	var b strings.Builder
	for i, p := range parts {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%s %.0f%%", p.s, 100*p.v/total)
	}
	return b.String()
}
