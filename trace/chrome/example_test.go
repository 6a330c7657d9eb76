package chrome_test

import (
	"bytes"
	"fmt"
	"strings"
	"time"

	"github.com/asyncgantt/asyncgantt/trace"
	"github.com/asyncgantt/asyncgantt/trace/chrome"
)

// ExampleReadFile reads a trace another tool wrote: each process is a run,
// each thread a lane, and Stats says what was not drawn.
func ExampleReadFile() {
	tr, stats, err := chrome.ReadFile("testdata/fixtures/viztracer_old.json")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(tr.Title)
	for _, r := range tr.Runs {
		fmt.Printf("%s: %d lanes, %d lines printed\n", r.Name, len(r.Lanes), len(r.Logs))
	}
	fmt.Println(stats)
	// Output:
	// viztracer_old.json
	// pid 1366: 1 lanes, 0 lines printed
	// hid 4 nested spans
}

// ExampleWrite exports a trace and reads it back: lanes refer to each other
// by LaneID in Go, by name in the file.
func ExampleWrite() {
	ms := time.Millisecond
	run := &trace.Run{Name: "R", Total: 2 * ms, Lanes: []*trace.Lane{
		{Name: "main", End: 2 * ms, Intervals: []trace.Interval{{State: trace.Running, End: 2 * ms}}},
		{Name: "fetch", Parent: 1, Start: ms, End: 2 * ms, Intervals: []trace.Interval{{State: trace.Running, Start: ms, End: 2 * ms}}},
	}, Logs: []trace.Log{{At: ms, Lane: 2, Text: "fetching"}}}
	var b bytes.Buffer
	if err := chrome.Write(&b, &trace.Trace{Title: "Example", Runs: []*trace.Run{run}}); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(strings.Contains(b.String(), `"parent":"main"`))
	back, _, err := chrome.Read(&b, "example.json")
	if err != nil {
		fmt.Println(err)
		return
	}
	r := back.Runs[0]
	fmt.Println(r.Lanes[1].Name, "awaited inline by", r.LaneName(r.Lanes[1].Parent))
	fmt.Println(r.LaneName(r.Logs[0].Lane), "printed", r.Logs[0].Text)
	// Output:
	// true
	// fetch awaited inline by main
	// fetch printed fetching
}
