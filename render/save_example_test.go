package render_test

import (
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/asyncgantt/asyncgantt/render"
	_ "github.com/asyncgantt/asyncgantt/render/html"
	_ "github.com/asyncgantt/asyncgantt/render/json"
	_ "github.com/asyncgantt/asyncgantt/render/mermaid"
	_ "github.com/asyncgantt/asyncgantt/render/pdf"
	_ "github.com/asyncgantt/asyncgantt/render/png"
	_ "github.com/asyncgantt/asyncgantt/render/svg"
	_ "github.com/asyncgantt/asyncgantt/render/text"
	"github.com/asyncgantt/asyncgantt/trace"
)

// twoTasks is a trace of one run: task A waits 2 s, task B blocks the loop
// for 1 s.
func twoTasks() *trace.Trace {
	s := time.Second
	return &trace.Trace{Title: "Two tasks", Runs: []*trace.Run{{
		Name: "Concurrent", Total: 2 * s,
		Lanes: []*trace.Lane{
			{Name: "A", End: 2 * s, Intervals: []trace.Interval{{State: trace.Waiting, End: 2 * s, Detail: "sleep 2 s"}},
				Outcome: &trace.Outcome{Kind: trace.Returned, Value: "'a'"}},
			{Name: "B", End: s, Intervals: []trace.Interval{{State: trace.Blocked, End: s, Detail: "time.sleep(1)"}},
				Outcome: &trace.Outcome{Kind: trace.Returned, Value: "None"}},
		},
	}}}
}

// ExampleSave saves a figure of a trace in every format by file name: the
// extension chooses the backend, which registers itself when its package
// is imported (here all of them, for their side effect). The figure is
// laid out once, for every format that draws it.
func ExampleSave() {
	dir, err := os.MkdirTemp("", "example")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)

	dark, err := render.LookupTheme("dark")
	if err != nil {
		panic(err)
	}
	doc := &render.Document{Trace: twoTasks(), Options: render.Options{Width: 800, Theme: dark}}
	for _, name := range []string{"two.svg", "two.png", "two.pdf", "two.html", "two.txt", "two.md", "two.json"} {
		path := filepath.Join(dir, name)
		if err := render.Save(path, doc); err != nil {
			panic(err)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			panic(err)
		}
		f, _ := render.FormatFor(name)
		fmt.Printf("%-8s %-7s %q…\n", name, f.Name, data[:9])
	}
	if err := render.Save(filepath.Join(dir, "two.gif"), doc); err != nil {
		fmt.Println(err)
	}
	// Output:
	// two.svg  svg     "<?xml ver"…
	// two.png  png     "\x89PNG\r\n\x1a\n\x00"…
	// two.pdf  pdf     "%PDF-1.3\n"…
	// two.html html    "<!DOCTYPE"…
	// two.txt  txt     "Two tasks"…
	// two.md   mermaid "# Two tas"…
	// two.json json    "{\"otherDa"…
	// no format writes .gif files: use one of .htm, .html, .json, .md, .pdf, .png, .svg, .txt
}

// ExampleFormats lists the formats registered by the backends imported.
func ExampleFormats() {
	for _, f := range render.Formats() {
		fmt.Println(f.Name, f.Extensions)
	}
	// Output:
	// html [.html .htm]
	// json [.json]
	// mermaid [.md]
	// pdf [.pdf]
	// png [.png]
	// svg [.svg]
	// txt [.txt]
}
