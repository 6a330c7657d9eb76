package render_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/asyncgantt/asyncgantt/render"
	_ "github.com/asyncgantt/asyncgantt/render/png"
	_ "github.com/asyncgantt/asyncgantt/render/svg"
	"github.com/asyncgantt/asyncgantt/scenarios"
	"github.com/asyncgantt/asyncgantt/scenarios/runner"
	"github.com/asyncgantt/asyncgantt/trace/chrome"
)

// Example_scenario is the whole path for a Go user, without the command
// line: parse a scenario, run it on the virtual clock, and save its figure
// by file name (the extension picks the backend imported for it).
func Example_scenario() {
	s, err := scenarios.Parse("lesson.yaml", []byte(`
title: Async basics
tasks: {A: 2s, B: 1s}
runs:
  Sequential: [{await: A}, {await: B}]
  Concurrent: [{gather: [A, B]}]
`))
	if err != nil {
		fmt.Println(err)
		return
	}
	tr, err := runner.Execute(context.Background(), s, runner.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	dir, err := os.MkdirTemp("", "example")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)
	doc := &render.Document{Trace: tr}
	for _, name := range []string{"lesson.svg", "lesson.png"} {
		if err := render.Save(filepath.Join(dir, name), doc); err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println("wrote", name)
	}
	stats, err := render.Stats(tr, "") // compared with the first run
	if err != nil {
		fmt.Println(err)
		return
	}
	for i, st := range stats {
		fmt.Printf("%s: %v", tr.Runs[i].Name, st.Total)
		if st.SpeedUp > 0 {
			fmt.Printf(" (%s)", render.CompareText(st.SpeedUp, st.Baseline))
		}
		fmt.Println()
	}
	// Output:
	// wrote lesson.svg
	// wrote lesson.png
	// Sequential: 3s
	// Concurrent: 2s (1.5× faster than Sequential)
}

// Example_chromeTrace reads a trace another tool wrote (Chrome Trace Event
// JSON, gzip or not) and saves its figure by file name.
func Example_chromeTrace() {
	tr, stats, err := chrome.ReadFile("../trace/chrome/testdata/fixtures/viztracer_old.json")
	if err != nil {
		fmt.Println(err)
		return
	}
	dir, err := os.MkdirTemp("", "example")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)
	if err := render.Save(filepath.Join(dir, "viztracer.svg"), &render.Document{Trace: tr}); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%s: %d run, %s\n", tr.Title, len(tr.Runs), stats)
	// Output:
	// viztracer_old.json: 1 run, hid 4 nested spans
}
