package render

import (
	"fmt"
	"math"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/asyncgantt/asyncgantt/internal/testtrace"
	"github.com/asyncgantt/asyncgantt/trace"
)

func TestLaneShares(t *testing.T) {
	tests := []struct {
		name   string
		counts []int
		budget int
		want   []int
	}{
		{"NoBudget", []int{5, 500}, 0, []int{5, 500}},
		{"AllFit", []int{5, 5}, 10, []int{5, 5}},
		{"EvenSplit", []int{100, 100}, 50, []int{25, 25}},
		{"SmallRunKeepsAll", []int{3, 100}, 50, []int{3, 47}},
		{"OddBudget", []int{100, 100, 100}, 10, []int{4, 3, 3}},
		{"AtLeastOneEach", []int{10, 10, 10}, 2, []int{1, 1, 1}},
		{"EmptyRun", []int{0, 40}, 10, []int{0, 10}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := LaneShares(tt.counts, tt.budget); fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("LaneShares(%v, %d) = %v, want %v", tt.counts, tt.budget, got, tt.want)
			}
		})
	}
}

var shareRE = regexp.MustCompile(`: (running|waiting) [0-9]+%, (running|waiting) [0-9]+% — `)

func TestMergeNarrowIntervals(t *testing.T) {
	const n = 10_000
	fig := layoutOf(t, testtrace.Busy(n), Options{Width: 800})
	bars := find(fig, Rect, "busy:")
	// All but maybe the last, left alone before the long wait.
	if got := fig.Merged; got < n-1 || got > n {
		t.Errorf("merged %d intervals, want %d or %d", got, n-1, n)
	}
	// About one bar per 1.5 px of the 10 s, plus the long wait.
	if len(bars) < 100 || len(bars) > 800 {
		t.Errorf("%d bars for %d intervals over 800 px", len(bars), n)
	}
	merged := 0
	for _, b := range bars {
		if strings.Contains(b.Tip, "intervals merged") {
			merged++
			if !shareRE.MatchString(b.Tip) {
				t.Errorf("merged bar's tooltip %q lacks the states' shares", b.Tip)
			}
		}
	}
	if merged < len(bars)-2 {
		t.Errorf("%d of %d bars merged, want all but the long wait and maybe the last short one", merged, len(bars))
	}
	if !hasText(fig, ClassPanelNote, fmt.Sprintf("%s short intervals merged", FormatCount(fig.Merged))) {
		t.Errorf("no note on the merge in %q", texts(fig))
	}
	// The print markers merge too: far fewer than the lines.
	marks := find(fig, Diamond, "busy printed")
	if len(marks) == 0 || len(marks) > 200 {
		t.Errorf("%d merged print markers for %d lines", len(marks), n)
	}
	total := 0
	for _, m := range marks {
		var k int
		fmt.Sscanf(m.Tip, "busy printed %d lines", &k)
		total += k
	}
	if total != n {
		t.Errorf("merged markers stand for %d lines, want %d", total, n)
	}
}

func TestExactDrawsEveryInterval(t *testing.T) {
	const n = 2000
	fig := layoutOf(t, testtrace.Busy(n), Options{Width: 800, Exact: true})
	if got := len(find(fig, Rect, "busy:")); got != n+1 {
		t.Errorf("%d bars, want %d", got, n+1)
	}
	if fig.Merged != 0 || fig.Folded != 0 {
		t.Errorf("exact figure merged %d, folded %d", fig.Merged, fig.Folded)
	}
	if got := len(find(fig, Diamond, "busy printed at")); got != n {
		t.Errorf("%d print markers, want %d", got, n)
	}
}

func TestLoneNarrowIntervalIsExact(t *testing.T) {
	// One short interval between long ones is drawn as itself, widened
	// and marked, not merged.
	fig := layoutOf(t, testtrace.Full(), Options{Width: 800})
	if fig.Merged != 0 {
		t.Errorf("merged %d intervals of a small trace", fig.Merged)
	}
	if bars := find(fig, Rect, "quick: running"); len(bars) != 1 || !strings.Contains(bars[0].Tip, "drawn wider") {
		t.Errorf("quick's bars: %+v", bars)
	}
}

func TestFoldLanes(t *testing.T) {
	tests := []struct {
		name        string
		lanes       int
		opts        Options
		rows, folds int
	}{
		{"UnderBudget", 50, Options{}, 50, 0},
		{"DefaultBudget", 1000, Options{}, DefaultMaxLanes, 1000 - DefaultMaxLanes + 1},
		{"MaxLanes", 1000, Options{MaxLanes: 10}, 10, 991},
		{"Exact", 300, Options{Exact: true}, 300, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fig := layoutOf(t, testtrace.ManyLanes(tt.lanes), tt.opts)
			labels := 0
			for _, it := range fig.Items {
				if it.Kind == Text && (it.Class == ClassLabel || it.Class == ClassLoopLabel) {
					labels++
				}
			}
			if labels != tt.rows || fig.Folded != tt.folds {
				t.Errorf("%d lane rows, %d folded; want %d, %d", labels, fig.Folded, tt.rows, tt.folds)
			}
			if tt.folds > 0 && !hasText(fig, ClassLoopLabel, summaryLabel(tt.folds)) {
				t.Errorf("no summary lane %q", summaryLabel(tt.folds))
			}
		})
	}
}

func TestSummaryLaneShowsTheMajority(t *testing.T) {
	fig := layoutOf(t, testtrace.ManyLanes(100), Options{MaxLanes: 5, Width: 800})
	bars := find(fig, Rect, "96 folded lanes")
	if len(bars) != 2 {
		t.Fatalf("summary bars %+v, want a running one then a waiting one", bars)
	}
	// Bars end on pixel columns: the running one ends at the edge of a
	// column next to 1 s, within a column's time of it.
	var end float64
	if _, err := fmt.Sscanf(bars[0].Tip, "96 folded lanes, 0.000 s → %f s", &end); err != nil || !strings.Contains(bars[0].Tip, "mostly running (running ") {
		t.Errorf("first summary bar: %q (%v)", bars[0].Tip, err)
	}
	plotW := 0.0
	for _, it := range fig.Items {
		if it.Kind == Line && it.Class == ClassAxis && it.W > plotW {
			plotW = it.W
		}
	}
	if col := fig.Span.Seconds() / plotW; math.Abs(end-1) > col*1.01 {
		t.Errorf("the running summary bar ends at %v s, more than a pixel column (%v s) from 1 s", end, col)
	}
	if !strings.Contains(bars[1].Tip, "→ 10.000 s: mostly waiting (waiting 100%") {
		t.Errorf("second summary bar: %q", bars[1].Tip)
	}
	if bars[0].Class != BarClass("running") || bars[1].Class != BarClass("waiting") {
		t.Errorf("summary classes %q, %q", bars[0].Class, bars[1].Class)
	}
	if !hasText(fig, ClassPanelNote, "96 lanes folded") {
		t.Errorf("no note on the folding in %q", texts(fig))
	}
}

func TestFixedHeightFolds(t *testing.T) {
	for _, o := range []Options{{Height: 600}, {Size: "slide"}, {Height: 400, Transcript: true}} {
		t.Run(fmt.Sprintf("%+v", o), func(t *testing.T) {
			tr := testtrace.ManyLanes(1000)
			tr.Runs = append(tr.Runs, testtrace.ManyLanes(20).Runs[0])
			fig := layoutOf(t, tr, o)
			want := o.Height
			if want == 0 {
				want = 1080
			}
			if fig.Height != want || fig.Folded == 0 {
				t.Errorf("height %v, folded %d; want %v and folded lanes", fig.Height, fig.Folded, want)
			}
		})
	}
}

// TestLODBoundsTheFigure checks that the figure's size follows its
// pixels: ten times the lanes and spans give about the same figure.
func TestLODBoundsTheFigure(t *testing.T) {
	small := len(layoutOf(t, testtrace.Synthetic(500, 100), Options{}).Items)
	big := len(layoutOf(t, testtrace.Synthetic(5000, 100), Options{}).Items)
	if small < 1000 || big > small*11/10 {
		t.Errorf("%d items for 50,000 spans, %d for 500,000", small, big)
	}
}

func TestCount(t *testing.T) {
	for n, want := range map[int]string{0: "0", 999: "999", 1000: "1,000", 1234567: "1,234,567", -1000: "-1,000"} {
		if got := FormatCount(n); got != want {
			t.Errorf("FormatCount(%d) = %q, want %q", n, got, want)
		}
	}
}

// manyRuns returns a trace of n runs of one thread lane each, as an
// imported trace of n processes is.
func manyRuns(n int) *trace.Trace {
	t := &trace.Trace{Clock: trace.Measured, Independent: true}
	for i := range n {
		end := time.Duration(i%100+1) * time.Millisecond
		t.Runs = append(t.Runs, &trace.Run{Name: fmt.Sprint("pid ", i), Total: end, Lanes: []*trace.Lane{{
			Name: "tid 1", Kind: trace.ThreadLane, End: end,
			Intervals: []trace.Interval{{State: trace.Running, End: end, Detail: "work"}},
		}}})
	}
	return t
}

// TestFoldRuns lays out a trace of 100,000 runs (issue 17: 100,000
// imported processes gave 100,000 panels): the figure draws
// DefaultMaxPanels panels, the last standing for the rest, and its size
// does not grow with the runs.
func TestFoldRuns(t *testing.T) {
	small, err := Layout(manyRuns(DefaultMaxPanels*2), Options{})
	if err != nil {
		t.Fatal(err)
	}
	fig, err := Layout(manyRuns(100_000), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if want := 100_000 - (DefaultMaxPanels - 1); fig.FoldedRuns != want {
		t.Errorf("FoldedRuns = %d, want %d", fig.FoldedRuns, want)
	}
	panels := 0
	for _, it := range fig.Items {
		if it.Kind == Text && it.Class == ClassPanelTitle && it.Bold && it.Size > 15 {
			panels++
		}
		if it.Text == SummaryRunLabel(fig.FoldedRuns) {
			panels += 1000 // found the summary panel's title
		}
	}
	if panels != DefaultMaxPanels+1000 {
		t.Errorf("%d panel titles (+1000 for the summary's): want %d", panels, DefaultMaxPanels+1000)
	}
	if fig.Height != small.Height || len(fig.Items) > 2*len(small.Items) {
		t.Errorf("100,000 runs: %v px tall, %d items; %d runs: %v px, %d items", fig.Height, len(fig.Items), DefaultMaxPanels*2, small.Height, len(small.Items))
	}
	// Exact, or a larger MaxPanels, draws more.
	if fig, _ := Layout(manyRuns(50), Options{MaxPanels: 60}); fig.FoldedRuns != 0 {
		t.Errorf("MaxPanels 60: %d runs folded of 50", fig.FoldedRuns)
	}
	if fig, _ := Layout(manyRuns(50), Options{Exact: true}); fig.FoldedRuns != 0 {
		t.Errorf("Exact: %d runs folded", fig.FoldedRuns)
	}
	if err := (Options{MaxPanels: 1}).Check(); err == nil {
		t.Error("MaxPanels 1 is accepted")
	}
	if got, _ := Message(manyRuns(100_000), ""); len(got) > 400 || !strings.HasSuffix(got, "and 99,990 more runs") {
		t.Errorf("Message = %q", got)
	}
}
