package render

import (
	"bytes"
	"encoding/xml"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/asyncgantt/asyncgantt/trace"
)

// sampleTrace is a small two-run trace built by hand.
func sampleTrace(name string) *trace.Trace {
	s := time.Second
	lane := func(n string, ivs ...trace.Interval) *trace.Lane {
		l := &trace.Lane{Name: n, Intervals: ivs, Outcome: &trace.Outcome{Kind: trace.Returned, Value: "None"}}
		l.Start, l.End = ivs[0].Start, ivs[len(ivs)-1].End
		return l
	}
	return &trace.Trace{
		Title: "Sample <" + name + ">",
		Runs: []*trace.Run{{
			Name:  "Sequential",
			Total: 3 * s,
			Lanes: []*trace.Lane{
				{Name: "event loop", Kind: trace.LoopLane, End: 3 * s, Intervals: []trace.Interval{{State: trace.Idle, End: 3 * s}}},
				lane(name, trace.Interval{State: trace.Waiting, End: 2 * s, Detail: "sleep 2 s"}),
				lane("B", trace.Interval{State: trace.Waiting, Start: 2 * s, End: 3 * s, Detail: "sleep 1 s"}),
			},
			Logs: []trace.Log{{At: 0, Lane: 2, Text: `say "<hi>" & bye`}},
		}, {
			Name:  "Blocking",
			Total: 3 * s,
			Lanes: []*trace.Lane{
				lane(name, trace.Interval{State: trace.Blocked, End: 2 * s, Detail: "time.sleep(2)"}),
				lane("B", trace.Interval{State: trace.Ready, End: 2 * s}, trace.Interval{State: trace.Blocked, Start: 2 * s, End: 3 * s}),
			},
		}},
	}
}

func renderSVG(t testing.TB, tr *trace.Trace, opts Options) []byte {
	t.Helper()
	fig, err := Layout(tr, opts)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := SVG(&b, fig); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// checkXML fails unless doc is well-formed XML.
func checkXML(t testing.TB, doc []byte) {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(doc))
	for {
		_, err := d.Token()
		if err == io.EOF {
			return
		}
		if err != nil {
			t.Fatalf("SVG is not well-formed XML: %v\n%s", err, doc)
		}
	}
}

func TestSVGIsWellFormedAndEscaped(t *testing.T) {
	name := `<script>alert(1)</script>" &`
	doc := renderSVG(t, sampleTrace(name), Options{})
	checkXML(t, doc)
	if bytes.Contains(doc, []byte("<script>")) {
		t.Error("a task name reached the SVG as markup")
	}
	if !bytes.Contains(doc, []byte("&lt;script&gt;alert(1)&lt;/script&gt;")) {
		t.Error("the task name is not in the SVG as text")
	}
}

func TestSVGDeterministic(t *testing.T) {
	a := renderSVG(t, sampleTrace("A"), Options{})
	b := renderSVG(t, sampleTrace("A"), Options{})
	if !bytes.Equal(a, b) {
		t.Error("rendering twice gave different bytes")
	}
}

func TestLayoutSharedAxis(t *testing.T) {
	fig, err := Layout(sampleTrace("A"), Options{Width: 1000})
	if err != nil {
		t.Fatal(err)
	}
	// Both runs' 2 s bars end at the same x: one scale for all panels.
	var ends []float64
	for _, it := range fig.Items {
		if it.Kind == Rect && strings.Contains(it.Tip, "0.000 s → 2.000 s") {
			ends = append(ends, it.X+it.W)
		}
	}
	if len(ends) != 3 {
		t.Fatalf("found %d bars from 0 to 2 s, want 3", len(ends))
	}
	for _, e := range ends[1:] {
		if e != ends[0] {
			t.Errorf("bar ends %v differ: panels do not share one axis", ends)
		}
	}
	if fig.Width != 1000 || fig.Height <= 0 {
		t.Errorf("figure size %v×%v", fig.Width, fig.Height)
	}
	if got, want := fig.Desc, "Sequential 3.0 s, Blocking 3.0 s (1.0× — no gain)"; got != want {
		t.Errorf("desc = %q, want %q", got, want)
	}
}

func TestTinyIntervalStillShows(t *testing.T) {
	tr := sampleTrace("A")
	tr.Runs[0].Total = 10 * time.Second
	tr.Runs[0].Lanes = append(tr.Runs[0].Lanes, &trace.Lane{Name: "quick", Start: time.Second, End: time.Second + 500*time.Microsecond,
		Intervals: []trace.Interval{{State: trace.Running, Start: time.Second, End: time.Second + 500*time.Microsecond}}})
	fig, err := Layout(tr, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range fig.Items {
		if it.Kind == Rect && strings.HasPrefix(it.Tip, "quick: running") {
			if it.W < 1.5 {
				t.Errorf("0.5 ms bar is %v px wide; want at least 1.5", it.W)
			}
			if !strings.Contains(it.Tip, "drawn wider") {
				t.Errorf("tooltip %q does not say the bar is widened", it.Tip)
			}
			return
		}
	}
	t.Error("the 0.5 ms task has no bar")
}

func TestTicks(t *testing.T) {
	tests := []struct {
		span   time.Duration
		target int
		step   time.Duration
		n      int
	}{
		{6 * time.Second, 8, time.Second, 7},
		{3 * time.Second, 8, 500 * time.Millisecond, 7},
		{10 * time.Second, 8, 2 * time.Second, 6},
		{1500 * time.Millisecond, 6, 250 * time.Millisecond, 7},
		{700 * time.Microsecond, 5, 200 * time.Microsecond, 5},
	}
	for _, tt := range tests {
		ticks, step := Ticks(tt.span, tt.target)
		if step != tt.step || len(ticks) != tt.n || ticks[len(ticks)-1] < tt.span {
			t.Errorf("Ticks(%v, %d) = %v step %v; want %d ticks of %v covering the span", tt.span, tt.target, ticks, step, tt.n, tt.step)
		}
	}
}

func TestFormat(t *testing.T) {
	tests := []struct {
		d    time.Duration
		want string
	}{
		{6 * time.Second, "6.0 s"},
		{1500 * time.Millisecond, "1.5 s"},
		{250 * time.Millisecond, "250 ms"},
		{12 * time.Microsecond, "12.0 µs"},
		{0, "0.0 s"},
		{3 * time.Minute, "3.0 min"},
	}
	for _, tt := range tests {
		if got := FormatDuration(tt.d); got != tt.want {
			t.Errorf("FormatDuration(%v) = %q, want %q", tt.d, got, tt.want)
		}
	}
	if got, want := FormatTime(1500*time.Millisecond, UnitFor(3*time.Second), 500*time.Millisecond), "1.5"; got != want {
		t.Errorf("FormatTime = %q, want %q", got, want)
	}
}

func TestFit(t *testing.T) {
	long := strings.Repeat("wide label ", 10)
	s := Fit(long, 100, 14, false)
	if !strings.HasSuffix(s, "…") || TextWidth(s, 14, false) > 100 {
		t.Errorf("Fit gave %q, %v px wide", s, TextWidth(s, 14, false))
	}
	if got := Fit("ok", 100, 14, false); got != "ok" {
		t.Errorf("Fit shortened a label that fits: %q", got)
	}
}
