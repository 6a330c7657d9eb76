package html_test

import (
	"bytes"
	"fmt"
	"strings"
	"time"

	"github.com/asyncgantt/asyncgantt/render"
	"github.com/asyncgantt/asyncgantt/render/html"
	"github.com/asyncgantt/asyncgantt/trace"
)

// ExampleWrite writes a report of a one-task trace and prints its heading
// and its transcript's line.
func ExampleWrite() {
	s := time.Second
	tr := &trace.Trace{Title: "One task", Runs: []*trace.Run{{
		Name: "Concurrent", Total: s,
		Lanes: []*trace.Lane{{Name: "A", End: s, Intervals: []trace.Interval{{State: trace.Waiting, End: s, Detail: "sleep 1 s"}},
			Outcome: &trace.Outcome{Kind: trace.Returned, Value: "None"}}},
		Logs: []trace.Log{{At: s, Lane: 1, Text: "done"}},
	}}}
	fig, _ := render.Layout(tr, render.Options{})
	var b bytes.Buffer
	if err := html.Write(&b, &html.Report{Title: tr.Title, Trace: tr, Figure: fig}); err != nil {
		fmt.Println(err)
	}
	for _, line := range strings.Split(b.String(), "\n") {
		if strings.HasPrefix(line, "<h1>") || strings.Contains(line, "<samp>") {
			fmt.Println(line)
		}
	}
	// Output:
	// <h1>One task</h1>
	// <tr><td class="num">1.000</td><td>A</td><td class="line"><samp>done</samp></td></tr>
}
