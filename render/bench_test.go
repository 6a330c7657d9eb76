package render

import (
	"bytes"
	"fmt"
	"io"
	"testing"
	"time"

	"github.com/asyncgantt/asyncgantt/trace"
)

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
			run.Logs = append(run.Logs, trace.Log{At: time.Duration(l) * 50 * time.Millisecond, Lane: ln.Name, Text: "hello"})
		}
		tr.Runs = append(tr.Runs, run)
	}
	return tr
}

func BenchmarkLayout(b *testing.B) {
	tr := bigTrace()
	for b.Loop() {
		if _, err := Layout(tr, Options{Width: 4000}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSVG(b *testing.B) {
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

func BenchmarkTextChart(b *testing.B) {
	tr := bigTrace()
	for b.Loop() {
		io.WriteString(io.Discard, TextChart(tr, TextOptions{Columns: 120}))
	}
}
