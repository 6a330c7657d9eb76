package main

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/asyncgantt/asyncgantt/render"
	"github.com/asyncgantt/asyncgantt/trace"
	"github.com/asyncgantt/asyncgantt/trace/chrome"
)

// TestFoldRowsStayInTheirRun draws quick's three runs of 30 tasks at
// slide size with every lane budget, and checks that no summary row draws
// past its run's end: a 3 s run's folded lanes end by 3 s, however long
// the other runs are.
func TestFoldRowsStayInTheirRun(t *testing.T) {
	dir := t.TempDir()
	args := []string{"quick", "-o", filepath.Join(dir, "q.json"), "-q"}
	for i := range 30 {
		args = append(args, fmt.Sprintf("task_%02d=%dms", i, 500+100*i))
	}
	if _, stderr, code := runCLI(t, args...); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	tr, _, err := chrome.ReadFile(filepath.Join(dir, "q.json"))
	if err != nil {
		t.Fatal(err)
	}
	lanes := 0
	for _, r := range tr.Runs {
		lanes += len(r.Lanes)
	}
	for budget := 0; budget <= lanes+1; budget++ {
		for _, size := range []string{"slide", "default"} {
			fig, err := render.Layout(tr, render.Options{Size: size, MaxLanes: budget})
			if err != nil {
				t.Fatal(err)
			}
			x := axisX(fig)
			summaries := 0
			for _, it := range fig.Items {
				if it.Kind != render.Rect || !strings.Contains(it.Tip, "folded lanes, ") {
					continue
				}
				summaries++
				run := tr.Runs[runOfY(fig, tr.Runs, it.Y)]
				if end := x(run.Span()); it.X+it.W > end+1 {
					t.Errorf("--max-lanes %d --size %s: run %s (%v) has a summary bar to x %.1f, past its end at x %.1f: %s",
						budget, size, run.Name, run.Span(), it.X+it.W, end, it.Tip)
				}
			}
			if budget > 0 && budget < lanes && summaries == 0 {
				t.Errorf("--max-lanes %d --size %s: nothing folded", budget, size)
			}
		}
	}
}

// axisX returns the figure's map from elapsed time to x, read from its
// time axis.
func axisX(fig *render.Figure) func(time.Duration) float64 {
	var axis render.Item
	for _, it := range fig.Items {
		if it.Kind == render.Line && it.Class == render.ClassAxis && it.W > axis.W {
			axis = it
		}
	}
	return func(d time.Duration) float64 { return axis.X + axis.W*float64(d)/float64(fig.Span) }
}

// runOfY returns the index of the run whose panel holds y: the last whose
// header's name lies above it.
func runOfY(fig *render.Figure, runs []*trace.Run, y float64) int {
	i, k := -1, 0
	for _, it := range fig.Items {
		if it.Kind == render.Text && it.Class == render.ClassPanelTitle && k < len(runs) && it.Tip == runs[k].Name {
			if it.Y < y {
				i = k
			}
			k++
		}
	}
	return i
}
