package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestManyProcessesAreBounded renders an imported trace of 100,000
// processes (issue 17: 100,000 panels, a 235 MB report): the figure, the
// report and the text chart are of the size of what they show.
func TestManyProcessesAreBounded(t *testing.T) {
	dir := t.TempDir()
	var b bytes.Buffer
	b.WriteString("[")
	for p := range 100_000 {
		if p > 0 {
			b.WriteString(",\n")
		}
		fmt.Fprintf(&b, `{"ph":"X","name":"work","pid":%d,"tid":1,"ts":%d,"dur":%d}`, p, p%100*10, 1000+p%37*30)
	}
	b.WriteString("]")
	in := filepath.Join(dir, "procs.json")
	if err := os.WriteFile(in, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	if err := run([]string{"render", in, "--out", dir, "-q", "--format", "svg,html,txt,png"}, &stdout, &stderr); err != nil {
		t.Fatalf("render: %v\n%s", err, stderr.String())
	}
	for _, c := range []struct {
		name string
		max  int64
	}{{"procs.svg", 200 << 10}, {"procs.html", 1 << 20}, {"procs.txt", 16 << 10}, {"procs.png", 2 << 20}} {
		fi, err := os.Stat(filepath.Join(dir, c.name))
		if err != nil {
			t.Fatal(err)
		}
		if fi.Size() > c.max {
			t.Errorf("%s is %d bytes (at most %d)", c.name, fi.Size(), c.max)
		}
	}
	svg, _ := os.ReadFile(filepath.Join(dir, "procs.svg"))
	if !strings.Contains(string(svg), "… and 99,981 more runs") {
		t.Error("the figure does not say it folds 99,981 runs")
	}
	txt, _ := os.ReadFile(filepath.Join(dir, "procs.txt"))
	if n := strings.Count(string(txt), "\n"); n > 100 {
		t.Errorf("the text chart has %d lines", n)
	}
}
