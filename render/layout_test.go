package render

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/asyncgantt/asyncgantt/internal/testtrace"
	"github.com/asyncgantt/asyncgantt/trace"
)

func layoutOf(t *testing.T, tr *trace.Trace, opts Options) *Figure {
	t.Helper()
	fig, err := Layout(tr, opts)
	if err != nil {
		t.Fatal(err)
	}
	return fig
}

// find returns the items of kind k whose tooltip starts with tip.
func find(fig *Figure, k ItemKind, tip string) []Item {
	var found []Item
	for _, it := range fig.Items {
		if it.Kind == k && strings.HasPrefix(it.Tip, tip) {
			found = append(found, it)
		}
	}
	return found
}

// texts returns the figure's text items' contents.
func texts(fig *Figure) []string {
	var s []string
	for _, it := range fig.Items {
		if it.Kind == Text {
			s = append(s, it.Text)
		}
	}
	return s
}

func hasText(fig *Figure, class, text string) bool {
	for _, it := range fig.Items {
		if it.Kind == Text && it.Class == class && it.Text == text {
			return true
		}
	}
	return false
}

func TestLayoutBars(t *testing.T) {
	fig := layoutOf(t, testtrace.Full(), Options{Width: 1000})
	// The shared scale: x(t) = x0 + (x1-x0)·t/span, recovered from two
	// bars known to start at 0 and at 3 s.
	x0 := find(fig, Rect, "main: running 0.000 s")[0].X
	x3 := find(fig, Rect, "event loop: busy 3.000 s")[0].X
	perSecond := (x3 - x0) / 3
	tests := []struct {
		name      string
		tip       string
		start     time.Duration
		end       time.Duration
		class     string
		tinyWider bool
	}{
		{"LoopBusy", "event loop: busy 0.000 s → 0.500 s", 0, 500 * ms, "bar-busy", false},
		{"LoopIdle", "event loop: idle 0.500 s", 500 * ms, 3 * time.Second, "bar-idle", false},
		{"Created", "fetch: created", 0, 500 * ms, "bar-created", false},
		{"Waiting", "fetch: waiting", 500 * ms, 3 * time.Second, "bar-waiting", false},
		{"Running", "fetch: running", 3 * time.Second, 4 * time.Second, "bar-running", false},
		{"ThreadBusy", "worker-0: busy", 500 * ms, 3 * time.Second, "bar-busy", false},
		{"Blocked", "slow: blocked", 0, 6 * time.Second, "bar-blocked", false},
		{"Ready", "quick: ready", 0, 6 * time.Second, "bar-ready", false},
		{"Tiny", "quick: running", 6 * time.Second, 6*time.Second + 500*us, "bar-running", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			bars := find(fig, Rect, tt.tip)
			if len(bars) != 1 {
				t.Fatalf("found %d bars with tooltip %q, want 1", len(bars), tt.tip)
			}
			b := bars[0]
			if got, want := b.Class, tt.class; got != want {
				t.Errorf("class = %q, want %q", got, want)
			}
			if got, want := b.X, x0+perSecond*tt.start.Seconds(); math.Abs(got-want) > 1e-6 {
				t.Errorf("x = %v, want %v", got, want)
			}
			want := perSecond * (tt.end - tt.start).Seconds()
			if tt.tinyWider {
				if !(b.W >= 1.5 && want < 1) || !strings.Contains(b.Tip, "drawn wider than it lasted") {
					t.Errorf("tiny bar: width %v (lasted %v px), tooltip %q", b.W, want, b.Tip)
				}
			} else if math.Abs(b.W-want) > 1e-6 {
				t.Errorf("width = %v, want %v", b.W, want)
			}
			if !b.Timed || b.From != tt.start || b.To != tt.end {
				t.Errorf("timing = %v %v..%v, want %v..%v", b.Timed, b.From, b.To, tt.start, tt.end)
			}
		})
	}
}

func TestLayoutAnnotations(t *testing.T) {
	fig := layoutOf(t, testtrace.Full(), Options{})
	tests := []struct {
		class, text string
	}{
		{ClassPanelTitle, "Threads"},
		{ClassPanelTitle, "4.0 s"},
		{ClassPanelTitle, "10.0 s"},
		{ClassPanelNote, "loop idle 62%"},
		{ClassWarning, "· ⚠ 1 warning"},
		{ClassError, "· ✗ ValueError: boom"},
		{ClassOK, "✓ 'a'"},
		{ClassOK, "✓ 42"},
		{ClassError, "✗ ValueError: boom"},
		{ClassCancelled, "⊘ cancelled"},
		{ClassThreadLabel, "worker-0"},
		{ClassLoopLabel, "event loop"},
		{ClassLabel, "fetch"},
		{ClassBarTextDark, "fetch"}, // the loop lane says which task holds it
		{ClassBarText, "to_thread(download)"},
		{ClassTotalText, "4.0 s"},
		{ClassLegend, "created, not started"},
		{ClassLegend, "shorter than it is drawn"},
	}
	for _, tt := range tests {
		t.Run(tt.class+"/"+tt.text, func(t *testing.T) {
			if !hasText(fig, tt.class, tt.text) {
				t.Errorf("no %s text %q among %q", tt.class, tt.text, texts(fig))
			}
		})
	}
	markers := 0
	for _, it := range find(fig, Diamond, "") {
		if it.Tip != "" { // the legend's has none
			markers++
		}
	}
	if markers != 5 {
		t.Errorf("%d print markers with tooltips, want 5", markers)
	}
	if got := find(fig, Diamond, "crunch wrote to stderr at 2.000 s: Traceback"); len(got) != 1 {
		t.Errorf("stderr marker not found")
	}
	// The runs do different work: no badge unless a baseline is named,
	// and then a failed run is not compared, and says so.
	if s := find(fig, Rect, "Blocking failed"); len(s) != 0 {
		t.Errorf("runs of different work compared: %+v", s)
	}
	named := layoutOf(t, testtrace.Full(), Options{Baseline: "Threads"})
	if s := find(named, Rect, "Blocking failed at 10.0 s: it is not compared"); len(s) != 1 || s[0].Class != ClassSpeedNone || s[0].Radius == 0 {
		t.Errorf("badge of the failed run = %+v", s)
	}
	if !hasText(named, ClassSpeedText, "failed at 10.0 s") {
		t.Errorf("the failed run's badge does not say so: %q", texts(named))
	}
}

func TestSpeedUpText(t *testing.T) {
	tests := []struct {
		speedUp     float64
		short, long string
		class       string
	}{
		{2, "2.0× faster", "2.0× faster than Seq", ClassSpeedFaster},
		{1, "1.0× — no gain", "no gain over Seq (1.0×)", ClassSpeedSame},
		{0.5, "2.0× slower", "2.0× slower than Seq", ClassSpeedSlower},
		{0, "", "", ClassSpeedSlower},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.speedUp), func(t *testing.T) {
			if got := SpeedUpText(tt.speedUp); got != tt.short {
				t.Errorf("SpeedUpText = %q, want %q", got, tt.short)
			}
			if got := CompareText(tt.speedUp, "Seq"); got != tt.long {
				t.Errorf("CompareText = %q, want %q", got, tt.long)
			}
			if got := speedClass(tt.speedUp); got != tt.class {
				t.Errorf("speedClass = %q, want %q", got, tt.class)
			}
		})
	}
}

func TestUnitFor(t *testing.T) {
	tests := []struct {
		span time.Duration
		unit string
	}{
		{700 * us, "µs"},
		{250 * ms, "ms"},
		{6 * time.Second, "s"},
		{90 * time.Second, "s"},
		{10 * time.Minute, "min"},
	}
	for _, tt := range tests {
		if got := UnitFor(tt.span).Name; got != tt.unit {
			t.Errorf("UnitFor(%v) = %q, want %q", tt.span, got, tt.unit)
		}
	}
}

// TestNothingOverflows checks, for every theme, size and a range of
// widths, that every item lies inside the figure: text measured with the
// font metrics it was fitted with.
func TestNothingOverflows(t *testing.T) {
	long := testtrace.Full()
	long.Title = strings.Repeat("A very long title that goes on ", 8)
	long.Runs[0].Lanes[2].Name = strings.Repeat("an_extremely_long_task_name_", 4)
	long.Runs[0].Lanes[2].Outcome.Value = "'" + strings.Repeat("x", 300) + "'"
	for _, name := range ThemeNames() {
		for _, o := range []Options{{Width: 320}, {Width: 800}, {Width: 1200}, {Size: "slide"}, {Width: 800, Transcript: true}, {Width: 800, Height: 300},
			{Width: 320, Transcript: true}, {Width: 480, Transcript: true}, {Size: "slide", Width: 320, Transcript: true}, {Width: 320, FontSize: 20}} {
			sub := fmt.Sprintf("%s/%+v", name, o)
			o.Theme = theme(t, name)
			t.Run(sub, func(t *testing.T) {
				fig := layoutOf(t, long, o)
				for _, it := range fig.Items {
					x0, x1 := it.X, it.X+it.W
					y0, y1 := it.Y, it.Y+it.H
					if it.Kind == Text {
						w := TextWidth(it.Text, it.Size, it.Bold)
						switch it.Anchor {
						case Start:
							x0, x1 = it.X, it.X+w
						case Middle:
							x0, x1 = it.X-w/2, it.X+w/2
						case End:
							x0, x1 = it.X-w, it.X
						}
						y0, y1 = it.Y-it.Size, it.Y+it.Size*0.25
					}
					if x0 < -0.01 || x1 > fig.Width+0.01 || y0 < -0.01 || y1 > fig.Height+0.01 {
						t.Errorf("%v item %q (%s) spans x %.1f..%.1f, y %.1f..%.1f: outside %v×%v",
							it.Kind, it.Text, it.Class, x0, x1, y0, y1, fig.Width, fig.Height)
					}
				}
			})
		}
	}
}

// TestNarrowFigureKeepsItsPlot checks that a narrow figure keeps its
// plot area at least minPlotShare of its width, with long lane names,
// long outcomes and a transcript, which then goes under each run's lanes.
func TestNarrowFigureKeepsItsPlot(t *testing.T) {
	long := testtrace.Full()
	long.Runs[0].Lanes[2].Name = strings.Repeat("an_extremely_long_task_name_", 4)
	long.Runs[0].Lanes[2].Outcome.Value = "'" + strings.Repeat("x", 300) + "'"
	for _, w := range []float64{320, 480, 640, 800} {
		for _, transcript := range []bool{false, true} {
			t.Run(fmt.Sprintf("%v/transcript=%v", w, transcript), func(t *testing.T) {
				fig := layoutOf(t, long, Options{Width: w, Transcript: transcript})
				var axis Item
				lanesBottom, firstLine := 0.0, math.Inf(1)
				for _, it := range fig.Items {
					switch {
					case it.Kind == Line && it.Class == ClassAxis && it.W > 0:
						axis = it
					case it.Kind == Rect && strings.HasPrefix(it.Class, "bar-") && it.Tip != "" && it.Y < 400:
						lanesBottom = max(lanesBottom, it.Y+it.H) // the first run's bars
					case it.Kind == Text && it.Class == ClassTranscript:
						firstLine = min(firstLine, it.Y)
					}
				}
				if axis.W < w*minPlotShare-0.01 {
					t.Errorf("the plot is %.1f px wide, less than %.0f%% of %v px", axis.W, 100*minPlotShare, w)
				}
				if transcript && w <= 640 && firstLine < lanesBottom {
					t.Errorf("the transcript's first line (y %.1f) is beside the lanes (down to y %.1f), not under them", firstLine, lanesBottom)
				}
			})
		}
	}
}

func TestFixedHeight(t *testing.T) {
	tests := []struct {
		name  string
		opts  Options
		w, h  float64
		font  func(f float64) bool
		label string
	}{
		{"SlideGrows", Options{Size: "slide"}, 1920, 1080, func(f float64) bool { return f > 24 }, "bigger than the preset's 24 px"},
		{"ShortShrinks", Options{Height: 300}, 1200, 300, func(f float64) bool { return f < 14 }, "smaller than 14 px"},
		{"TallPads", Options{Height: 2000}, 1200, 2000, func(f float64) bool { return f == 14 }, "14 px"},
		{"SlideNarrow", Options{Size: "slide", Width: 1280, Height: 720}, 1280, 720, func(f float64) bool { return f < 24 }, "smaller than 24 px"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fig := layoutOf(t, testtrace.Full(), tt.opts)
			if fig.Width != tt.w || fig.Height != tt.h {
				t.Errorf("size %v×%v, want %v×%v", fig.Width, fig.Height, tt.w, tt.h)
			}
			var label float64
			for _, it := range fig.Items {
				if it.Kind == Text && it.Class == ClassLabel {
					label = it.Size
					break
				}
			}
			if !tt.font(label) {
				t.Errorf("label font %v px, want %s", label, tt.label)
			}
		})
	}
}

func TestLayoutErrors(t *testing.T) {
	bad := theme(t, "light")
	bad.Styles["x</style>"] = Style{Fill: "#fff"}
	tests := []struct {
		name  string
		opts  Options
		want  string
		field string // the OptionError's field, if any
	}{
		{"ErrSize", Options{Size: "poster"}, `unknown size "poster": choose one of default, slide`, ""},
		{"ErrWidth", Options{Width: 100}, "width 100 px is out of range: use 320 to 20000 pixels", "Width"},
		{"ErrHeight", Options{Height: 50}, "height 50 px is out of range: use 200 to 20000 pixels, or 0 for as tall as needed", "Height"},
		{"ErrFont", Options{FontSize: 3}, "font size 3 px is out of range: use 7 to 200 pixels", "FontSize"},
		{"ErrFontForWidth", Options{Width: 320, FontSize: 60}, "font size 60 px is out of range: use 7 to 20 pixels in a figure 320 pixels wide (a sixteenth of its width at most)", "FontSize"},
		{"ErrSpeed", Options{AnimateSpeed: -1}, "animation speed -1 is out of range: use a number above 0 (e.g. 2 to play twice as fast)", "AnimateSpeed"},
		{"ErrMaxLanes", Options{MaxLanes: -1}, "maximum lanes -1 is out of range: use 1 or more, or 0 for automatic", "MaxLanes"},
		{"ErrTheme", Options{Theme: bad}, `theme "light": class "x</style>" is not a CSS class name: use letters, digits, - and _`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Layout(testtrace.Full(), tt.opts)
			if err == nil || err.Error() != tt.want {
				t.Errorf("error %v, want %q", err, tt.want)
			}
			if cerr := tt.opts.Check(); fmt.Sprint(cerr) != fmt.Sprint(err) {
				t.Errorf("Check says %v, Layout %v", cerr, err)
			}
			var oe *OptionError
			if got := errors.As(err, &oe); got != (tt.field != "") || got && oe.Field != tt.field {
				t.Errorf("error %#v, want an *OptionError for %q", err, tt.field)
			}
		})
	}
	if _, err := Layout(&trace.Trace{}, Options{}); err == nil {
		t.Error("a trace with no runs laid out without error")
	}
	if _, err := Layout(nil, Options{}); err == nil {
		t.Error("no trace laid out without error")
	}
	if err := (Options{}).Check(); err != nil {
		t.Errorf("the zero options are not valid: %v", err)
	}
}

func TestTranscriptPanel(t *testing.T) {
	fig := layoutOf(t, testtrace.Full(), Options{Transcript: true})
	for _, want := range []string{"starting", "downloading…", "done", "quick ran", "0.0 s", "6.0 s"} {
		found := false
		for _, s := range texts(fig) {
			found = found || s == want
		}
		if !found {
			t.Errorf("transcript lacks %q", want)
		}
	}
	if !hasText(fig, ClassTranscriptErr, "Traceback (most recent call last):") {
		t.Error("a stderr line is not drawn as one")
	}
	// The chart makes room: its bars end left of the transcript.
	rule := Item{}
	for _, it := range fig.Items {
		if it.Class == ClassTranscriptRule {
			rule = it
			break
		}
	}
	for _, it := range fig.Items {
		if it.Kind == Rect && strings.HasPrefix(it.Class, "bar-") && it.Tip != "" && it.X+it.W > rule.X { // a chart's bar, not a legend's swatch
			t.Errorf("bar %q reaches x %v, beyond the transcript's rule at %v", it.Tip, it.X+it.W, rule.X)
		}
	}
}

func TestMinimumWidthIsMarked(t *testing.T) {
	// A 10 s run holding a 0.5 ms task shows that task, marked.
	fig := layoutOf(t, testtrace.Full(), Options{Width: 800})
	bars := find(fig, Rect, "quick: running")
	marks := 0
	for _, it := range fig.Items {
		if it.Kind == Line && it.Class == ClassTiny {
			marks++
		}
	}
	if len(bars) != 1 || bars[0].W < 1.5 || marks < 3 { // quick's bar, the loop's "quick" bar, the legend
		t.Errorf("tiny bars %+v, %d marks", bars, marks)
	}
}

func TestOutcomesVisible(t *testing.T) {
	tr := testtrace.Outcomes()
	if err := trace.Validate(tr); err != nil {
		t.Fatal(err)
	}
	fig := layoutOf(t, tr, Options{})
	for _, want := range []struct{ class, text string }{
		{ClassCaught, "✗ ValueError: boom · caught by safe"}, // inline, caught
		{ClassError, "✗ ValueError: boom"},                   // inline, uncaught
		{ClassNeverAwaited, "never awaited"},
		{ClassLegend, "coroutine never awaited"},
	} {
		if !hasText(fig, want.class, want.text) {
			t.Errorf("no %s text %q among %q", want.class, want.text, texts(fig))
		}
	}
	marks := find(fig, Diamond, "report was created at 0.500 s and never awaited")
	if len(marks) != 1 || marks[0].Class != ClassNeverMark || !strings.Contains(marks[0].Tip, "RuntimeWarning: coroutine 'report' was never awaited") {
		t.Errorf("never-awaited marker %+v", marks)
	}
	// The lanes keep their order: main, safe, fetch, report.
	var labels []string
	for _, it := range fig.Items {
		if it.Kind == Text && it.Class == ClassLabel {
			labels = append(labels, it.Text)
		}
	}
	if got, want := strings.Join(labels, " "), "main safe fetch report main fetch"; got != want {
		t.Errorf("lanes %q, want %q", got, want)
	}
}

func TestTranscriptKeepsTheEnd(t *testing.T) {
	fig := layoutOf(t, testtrace.Busy(200), Options{Transcript: true})
	for _, want := range []string{"line 0", "line 55", "… 141 more lines, 0.06 s to 0.20 s …", "line 197", "line 198", "line 199"} {
		if !hasText(fig, ClassTranscript, want) && !hasText(fig, ClassTranscriptTime, want) {
			t.Errorf("transcript lacks %q", want)
		}
	}
	if hasText(fig, ClassTranscript, "line 56") {
		t.Errorf("transcript shows line 56, which it said it left out")
	}
	// The chart keeps its height: one lane, its lines continue below.
	if !hasText(fig, ClassPanelNote, "printed, continued") {
		t.Errorf("no continuation below the lanes")
	}
	for _, it := range fig.Items {
		if it.Class == ClassTranscriptRule && it.H > 5*14 {
			t.Errorf("the transcript beside one lane is %v px tall", it.H)
		}
		if it.Kind == Text && (it.X < 0 || it.X > fig.Width || it.Y > fig.Height) {
			t.Errorf("%q at (%v, %v) lies outside the %vx%v figure", it.Text, it.X, it.Y, fig.Width, fig.Height)
		}
	}
}

// TestTranscriptColumnsKeepLinesWhole checks that a printed line wrapped
// onto two never has its continuation at the top of the next column.
func TestTranscriptColumnsKeepLinesWhole(t *testing.T) {
	line := func(s string, wrapped bool) []trLine {
		if wrapped {
			return []trLine{{stamp: "0.0 s", text: s}, {text: s + ", continued"}}
		}
		return []trLine{{stamp: "0.0 s", text: s}}
	}
	for n := 1; n < 12; n++ {
		for cols := 1; cols <= 4; cols++ {
			var lines []trLine
			for i := range n {
				lines = append(lines, line(fmt.Sprint(i), i%3 != 1)...)
			}
			place, rows := columnsOf(lines, cols)
			if least := (len(lines) + cols - 1) / cols; rows < least || rows > least+1 {
				t.Errorf("%d lines in %d columns: %d rows, want %d or %d", len(lines), cols, rows, least, least+1)
			}
			for i, ln := range lines {
				p := place[i]
				if p.col >= cols || p.row >= rows {
					t.Errorf("%d lines in %d columns: line %d at %+v, outside %d×%d", len(lines), cols, i, p, cols, rows)
				}
				if ln.stamp == "" && (place[i-1].col != p.col || place[i-1].row != p.row-1) {
					t.Errorf("%d lines in %d columns: the continuation %q is at %+v, its line at %+v", len(lines), cols, ln.text, p, place[i-1])
				}
			}
		}
	}
}

// TestTranscriptAtFixedHeight checks that at a fixed height the chart
// comes first: a transcript of many lines keeps to the room beside the
// lanes, says what it leaves out and keeps the run's last lines, and
// neither folds lanes nor shrinks the type.
func TestTranscriptAtFixedHeight(t *testing.T) {
	tr := testtrace.Full()
	for i := range 80 {
		tr.Runs[1].Logs = append(tr.Runs[1].Logs, trace.Log{At: time.Duration(i) * 50 * time.Millisecond, Lane: 2, Text: fmt.Sprint("tick ", i)})
	}
	tr.Runs[1].Logs = append(tr.Runs[1].Logs, trace.Log{At: 10 * time.Second, Text: "Total: 10 s"})
	for _, o := range []Options{{Height: 700}, {Size: "slide"}, {Width: 480, Height: 900}} {
		t.Run(fmt.Sprintf("%+v", o), func(t *testing.T) {
			plain := layoutOf(t, tr, o)
			o.Transcript = true
			fig := layoutOf(t, tr, o)
			if fig.Folded != plain.Folded {
				t.Errorf("the transcript folds %d lanes, %d without it", fig.Folded, plain.Folded)
			}
			size := func(f *Figure) float64 {
				for _, it := range f.Items {
					if it.Class == ClassLabel {
						return it.Size
					}
				}
				return 0
			}
			if a, b := size(fig), size(plain); a < b*0.85 {
				t.Errorf("the transcript shrinks the labels from %.1f to %.1f px", b, a)
			}
			if !hasText(fig, ClassTranscript, "Total: 10 s") {
				t.Error("the run's last line is left out")
			}
			found := false
			for _, s := range texts(fig) {
				found = found || strings.HasPrefix(s, "… ") && strings.Contains(s, "more lines")
			}
			if !found {
				t.Error("no note says what is left out")
			}
		})
	}
}

// TestSameWork: runs compare by default when they run the same tasks,
// whatever the coroutine each run is (main, or a traced program's
// sequential() and concurrent(), runs of their own).
func TestSameWork(t *testing.T) {
	run := func(name string, lanes ...string) *trace.Run {
		r := &trace.Run{Name: name}
		for _, n := range lanes {
			r.Lanes = append(r.Lanes, &trace.Lane{Name: n})
		}
		return r
	}
	for _, c := range []struct {
		a, b *trace.Run
		want bool
	}{
		{run("sequential", "sequential", "A", "B"), run("concurrent", "concurrent", "B", "A"), true},
		{run("Sequential", "main", "A"), run("Concurrent", "main", "A"), true},
		{run("sequential", "sequential", "A"), run("concurrent", "concurrent", "C"), false},
		{run("one", "A", "B"), run("two", "C", "B"), false}, // A and C are tasks, not the runs' coroutines
		{run("one", "A"), run("two", "A", "B"), false},
	} {
		if got := sameWork([]*trace.Run{c.a, c.b}); got != c.want {
			t.Errorf("sameWork(%s %v, %s %v) = %v, want %v", c.a.Name, laneNames(c.a), c.b.Name, laneNames(c.b), got, c.want)
		}
	}
}

func laneNames(r *trace.Run) []string {
	var n []string
	for _, l := range r.Lanes {
		n = append(n, l.Name)
	}
	return n
}

// TestCaughtMarkKeepsCatcher: a caught exception's mark that does not fit
// shortens the exception and keeps where it was caught.
func TestCaughtMarkKeepsCatcher(t *testing.T) {
	s := time.Second
	tr := &trace.Trace{Runs: []*trace.Run{{Name: "R", Total: s, Lanes: []*trace.Lane{
		{Name: "main", End: s, Intervals: []trace.Interval{{State: trace.Waiting, End: s, Detail: "TaskGroup"}}},
		{Name: "charge", End: s, Intervals: []trace.Interval{{State: trace.Waiting, End: s, Detail: "sleep 1 s"}},
			Outcome: &trace.Outcome{Kind: trace.Raised, Value: "ValueError: the card was declined by the bank after three attempts", CaughtBy: 1}},
	}}}}
	for _, c := range []struct {
		width float64
		head  string
	}{{1200, "✗ ValueError: "}, {800, "✗"}} {
		fig := layoutOf(t, tr, Options{Width: c.width})
		var got []string
		for _, it := range fig.Items {
			if it.Class == ClassCaught && it.Kind == Text {
				got = append(got, it.Text)
			}
		}
		if len(got) != 1 || !strings.HasSuffix(got[0], " · caught by main") || !strings.HasPrefix(got[0], c.head) || strings.Contains(got[0], "three attempts") {
			t.Errorf("width %v: caught marks %q, want one shortened, from %q to \" · caught by main\"", c.width, got, c.head)
		}
	}
}
