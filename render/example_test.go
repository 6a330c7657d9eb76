package render_test

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/asyncgantt/asyncgantt/render"
	"github.com/asyncgantt/asyncgantt/render/svg"
	"github.com/asyncgantt/asyncgantt/trace"
)

// Example_recorder draws a real concurrent Go program: three goroutines
// that work, sleep and finish, and a main goroutine that waits for them
// with a sync.WaitGroup, recorded with trace.Recorder and laid out and
// drawn like any scenario's trace. (The figure's times are measured, so
// they differ from run to run; what is printed does not.)
func Example_recorder() {
	rec := trace.NewRecorder("goroutines")
	main := rec.Lane("main")
	main.Set(trace.Running, "start workers")

	var wg sync.WaitGroup
	for i, sleep := range []time.Duration{30 * time.Millisecond, 10 * time.Millisecond, 20 * time.Millisecond} {
		lane := rec.Lane(fmt.Sprintf("worker %d", i+1))
		wg.Add(1)
		go func() {
			defer wg.Done()
			lane.Set(trace.Running, "prepare")
			time.Sleep(2 * time.Millisecond)
			lane.Set(trace.Waiting, fmt.Sprintf("time.Sleep(%v)", sleep))
			time.Sleep(sleep)
			lane.Set(trace.Running, "finish")
			time.Sleep(2 * time.Millisecond)
			rec.Log(lane.Name(), lane.Name()+" done")
			lane.Done(trace.Outcome{Kind: trace.Returned, Value: "nil"})
		}()
	}
	main.Set(trace.Waiting, "wg.Wait()")
	wg.Wait()
	main.Done(trace.Outcome{Kind: trace.Returned, Value: "nil"})

	tr := rec.Trace("Three goroutines and a WaitGroup")
	fig, err := render.Layout(tr, render.Options{Width: 900})
	if err != nil {
		panic(err)
	}
	var doc bytes.Buffer
	if err := svg.Write(&doc, fig); err != nil {
		panic(err)
	}

	for _, l := range tr.Runs[0].Lanes {
		fmt.Println(l.Name, "→", l.Outcome.Kind)
	}
	fmt.Println("valid trace:", trace.Validate(tr) == nil)
	fmt.Println("well-formed SVG:", wellFormed(doc.Bytes()))
	// Output:
	// main → returned
	// worker 1 → returned
	// worker 2 → returned
	// worker 3 → returned
	// valid trace: true
	// well-formed SVG: true
}

// wellFormed says whether data parses as XML.
func wellFormed(data []byte) bool {
	d := xml.NewDecoder(bytes.NewReader(data))
	for {
		if _, err := d.Token(); err == io.EOF {
			return true
		} else if err != nil {
			return false
		}
	}
}
