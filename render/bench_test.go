package render

import (
	"bytes"
	"fmt"
	"io"
	"testing"
	"time"

	"github.com/asyncgantt/asyncgantt/trace"
)

// syntheticTrace is one run of n task lanes, each with spans intervals of
// alternating states, and a loop lane: the shape of a large gather.
func syntheticTrace(n, spans int) *trace.Trace {
	r := &trace.Run{Name: "Synthetic"}
	loop := &trace.Lane{Name: "event loop", Kind: trace.LoopLane}
	r.Lanes = append(r.Lanes, loop)
	states := []trace.State{trace.Ready, trace.Running, trace.Waiting}
	var end time.Duration
	for i := 0; i < n; i++ {
		l := &trace.Lane{Name: fmt.Sprintf("task_%d", i), Outcome: &trace.Outcome{Value: "None"}}
		t := time.Duration(i) * time.Microsecond
		l.Start = t
		for s := 0; s < spans; s++ {
			d := time.Duration(1+(i*7+s*13)%50) * time.Millisecond
			l.Intervals = append(l.Intervals, trace.Interval{State: states[s%3], Start: t, End: t + d, Detail: "sleep"})
			t += d
		}
		l.End = t
		end = max(end, t)
		r.Lanes = append(r.Lanes, l)
	}
	loop.End = end
	loop.Intervals = []trace.Interval{{State: trace.Idle, End: end}}
	r.Total = end
	return &trace.Trace{Title: "Synthetic", Runs: []*trace.Run{r}}
}

func benchSizes() []struct{ tasks, spans int } {
	return []struct{ tasks, spans int }{{1, 3}, {100, 3}, {10_000, 3}, {1000, 1000}, {1_000_000, 1}}
}

// perSecond reports n things per second of the benchmark's time.
func perSecond(b *testing.B, n int, unit string) {
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), unit)
}

// BenchmarkLayout measures the layout stage: spans/s is the trace's
// intervals laid out per second, items/op what the figure draws.
func BenchmarkLayout(b *testing.B) {
	for _, sz := range benchSizes() {
		tr := syntheticTrace(sz.tasks, sz.spans)
		b.Run(fmt.Sprintf("tasks=%d/spans=%d", sz.tasks, sz.tasks*sz.spans), func(b *testing.B) {
			var items int
			for b.Loop() {
				fig, err := Layout(tr, Options{})
				if err != nil {
					b.Fatal(err)
				}
				items = len(fig.Items)
			}
			b.ReportMetric(float64(items), "items/op")
			perSecond(b, sz.tasks*sz.spans, "spans/s")
		})
	}
}

// BenchmarkSVG measures SVG emission of a laid-out figure: items/s drawn,
// and the bytes per item and per figure.
func BenchmarkSVG(b *testing.B) {
	for _, sz := range benchSizes() {
		tr := syntheticTrace(sz.tasks, sz.spans)
		fig, err := Layout(tr, Options{})
		if err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("tasks=%d/spans=%d", sz.tasks, sz.tasks*sz.spans), func(b *testing.B) {
			var n int
			for b.Loop() {
				var buf bytes.Buffer
				if err := SVG(&buf, fig); err != nil {
					b.Fatal(err)
				}
				n = buf.Len()
			}
			b.ReportMetric(float64(n), "bytes/op")
			b.ReportMetric(float64(n)/float64(len(fig.Items)), "bytes/item")
			perSecond(b, len(fig.Items), "items/s")
		})
	}
}

// BenchmarkHTML measures the HTML report of a laid-out figure (the SVG
// inlined, the tables of every task).
func BenchmarkHTML(b *testing.B) {
	for _, sz := range benchSizes()[:3] {
		tr := syntheticTrace(sz.tasks, sz.spans)
		fig, err := Layout(tr, Options{})
		if err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("tasks=%d/spans=%d", sz.tasks, sz.tasks*sz.spans), func(b *testing.B) {
			var n int
			for b.Loop() {
				var buf bytes.Buffer
				if err := HTML(&buf, &Report{Title: tr.Title, Trace: tr, Figure: fig}); err != nil {
					b.Fatal(err)
				}
				n = buf.Len()
			}
			b.ReportMetric(float64(n), "bytes/op")
			perSecond(b, len(fig.Items), "items/s")
		})
	}
}

// BenchmarkFigure measures a trace to an SVG figure, layout and emission:
// the 10,000 tasks in 0.2 s with an SVG of at most 1 MB, and
// 1,000,000 spans in 5 s within 1 GiB (B/op is every byte allocated, an
// upper bound of the memory the figure takes beyond the trace).
func BenchmarkFigure(b *testing.B) {
	for _, sz := range benchSizes() {
		tr := syntheticTrace(sz.tasks, sz.spans)
		b.Run(fmt.Sprintf("tasks=%d/spans=%d", sz.tasks, sz.tasks*sz.spans), func(b *testing.B) {
			b.ReportAllocs()
			var n int
			for b.Loop() {
				fig, err := Layout(tr, Options{})
				if err != nil {
					b.Fatal(err)
				}
				var buf bytes.Buffer
				if err := SVG(&buf, fig); err != nil {
					b.Fatal(err)
				}
				n = buf.Len()
			}
			b.ReportMetric(float64(n)/1e6, "SVG-MB")
			perSecond(b, sz.tasks*sz.spans, "spans/s")
		})
	}
}

// BenchmarkPNG measures rasterising a small figure at scale 2.
func BenchmarkPNG(b *testing.B) {
	fig, err := Layout(syntheticTrace(4, 3), Options{})
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if err := PNG(io.Discard, fig, 2); err != nil {
			b.Fatal(err)
		}
	}
}

// bigTrace has 2 runs of 100 lanes with 100 intervals each.
func bigTrace() *trace.Trace {
	tr := &trace.Trace{Title: "Big"}
	for r := range 2 {
		run := &trace.Run{Name: fmt.Sprint("run ", r), Total: 10 * time.Second}
		for l := range 100 {
			ln := &trace.Lane{Name: fmt.Sprint("task_", l), End: 10 * time.Second, Outcome: &trace.Outcome{Value: "'ok'"}}
			for i := range 100 {
				st := []trace.State{trace.Running, trace.Waiting, trace.Ready, trace.Blocked}[i%4]
				ln.Intervals = append(ln.Intervals, trace.Interval{State: st, Start: time.Duration(i) * 100 * time.Millisecond,
					End: time.Duration(i+1) * 100 * time.Millisecond, Detail: "sleep 0.1 s"})
			}
			run.Lanes = append(run.Lanes, ln)
			run.Logs = append(run.Logs, trace.Log{At: time.Duration(l) * 50 * time.Millisecond, Lane: trace.LaneID(len(run.Lanes)), Text: "hello"})
		}
		tr.Runs = append(tr.Runs, run)
	}
	return tr
}

// BenchmarkAnimatedSVG measures writing an animated figure of 20,000 bars.
func BenchmarkAnimatedSVG(b *testing.B) {
	fig, err := Layout(bigTrace(), Options{Width: 4000, Animate: true})
	if err != nil {
		b.Fatal(err)
	}
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		if err := SVG(&buf, fig); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkTextChart measures drawing 20,000 bars as text.
func BenchmarkTextChart(b *testing.B) {
	tr := bigTrace()
	for b.Loop() {
		io.WriteString(io.Discard, TextChart(tr, TextOptions{Columns: 120}))
	}
}
