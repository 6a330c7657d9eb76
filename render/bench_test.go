package render_test

import (
	"bytes"
	"fmt"
	"io"
	"testing"

	"github.com/asyncgantt/asyncgantt/internal/testtrace"
	"github.com/asyncgantt/asyncgantt/render"
	"github.com/asyncgantt/asyncgantt/render/html"
	"github.com/asyncgantt/asyncgantt/render/png"
	"github.com/asyncgantt/asyncgantt/render/svg"
	"github.com/asyncgantt/asyncgantt/render/text"
)

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
		tr := testtrace.Synthetic(sz.tasks, sz.spans)
		b.Run(fmt.Sprintf("tasks=%d/spans=%d", sz.tasks, sz.tasks*sz.spans), func(b *testing.B) {
			var items int
			for b.Loop() {
				fig, err := render.Layout(tr, render.Options{})
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
		tr := testtrace.Synthetic(sz.tasks, sz.spans)
		fig, err := render.Layout(tr, render.Options{})
		if err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("tasks=%d/spans=%d", sz.tasks, sz.tasks*sz.spans), func(b *testing.B) {
			var n int
			for b.Loop() {
				var buf bytes.Buffer
				if err := svg.Write(&buf, fig); err != nil {
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
		tr := testtrace.Synthetic(sz.tasks, sz.spans)
		fig, err := render.Layout(tr, render.Options{})
		if err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("tasks=%d/spans=%d", sz.tasks, sz.tasks*sz.spans), func(b *testing.B) {
			var n int
			for b.Loop() {
				var buf bytes.Buffer
				if err := html.Write(&buf, &html.Report{Title: tr.Title, Trace: tr, Figure: fig}); err != nil {
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
		tr := testtrace.Synthetic(sz.tasks, sz.spans)
		b.Run(fmt.Sprintf("tasks=%d/spans=%d", sz.tasks, sz.tasks*sz.spans), func(b *testing.B) {
			b.ReportAllocs()
			var n int
			for b.Loop() {
				fig, err := render.Layout(tr, render.Options{})
				if err != nil {
					b.Fatal(err)
				}
				var buf bytes.Buffer
				if err := svg.Write(&buf, fig); err != nil {
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
	fig, err := render.Layout(testtrace.Synthetic(4, 3), render.Options{})
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if err := png.Write(io.Discard, fig, 2); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAnimatedSVG measures writing an animated figure of 20,000 bars.
func BenchmarkAnimatedSVG(b *testing.B) {
	fig, err := render.Layout(testtrace.Big(), render.Options{Width: 4000, Animate: true})
	if err != nil {
		b.Fatal(err)
	}
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		if err := svg.Write(&buf, fig); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkTextChart measures drawing 20,000 bars as text.
func BenchmarkTextChart(b *testing.B) {
	tr := testtrace.Big()
	for b.Loop() {
		io.WriteString(io.Discard, text.Chart(tr, text.Options{Columns: 120}))
	}
}
