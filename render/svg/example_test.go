package svg_test

import (
	"bytes"
	"fmt"
	"time"

	"github.com/asyncgantt/asyncgantt/render"
	"github.com/asyncgantt/asyncgantt/render/svg"
	"github.com/asyncgantt/asyncgantt/trace"
)

// ExampleWrite lays a trace out and writes the figure as SVG: what
// render.Save does for a file named *.svg, here into memory.
func ExampleWrite() {
	s := time.Second
	tr := &trace.Trace{Title: "One task", Runs: []*trace.Run{{
		Name: "Concurrent", Total: s,
		Lanes: []*trace.Lane{{Name: "A", End: s, Intervals: []trace.Interval{{State: trace.Waiting, End: s}}}},
	}}}
	fig, err := render.Layout(tr, render.Options{Width: 640})
	if err != nil {
		panic(err)
	}
	var b bytes.Buffer
	if err := svg.Write(&b, fig); err != nil {
		panic(err)
	}
	lines := bytes.Split(b.Bytes(), []byte("\n"))
	fmt.Printf("%s\n%.60s…\n", lines[0], lines[2])
	// Output:
	// <?xml version="1.0"?>
	// <svg width="640.00" height="245.00"…
}
