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

// TestHugePNGIsRefused asks for the PNG of a scenario whose figure is
// 20,000 × 20,000 pixels (issue 17: 6.3 GB of memory): it is refused with
// exit 2 and a message naming the flag that raises the limit, and nothing
// is written; its SVG and PDF (scaled to a page PDF viewers open) are
// drawn.
func TestHugePNGIsRefused(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "big.yaml")
	os.WriteFile(in, []byte("figure: {width: 20000, height: 20000}\ntasks: {A: 1s}\nruns: {R: [{await: A}]}\n"), 0o644)
	out := filepath.Join(dir, "out")
	stdout, stderr, code := runCLI(t, "run", in, "--out", out, "--format", "svg,png")
	if code != 2 || !strings.Contains(stderr, "PNG images are limited to 50 megapixels") || !strings.Contains(stderr, "--max-pixels 1600000000") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	_ = stdout
	checkNothingWritten(t, out)
	if _, stderr, code := runCLI(t, "run", in, "--out", out, "--format", "svg,pdf", "-q"); code != 0 {
		t.Errorf("svg and pdf: exit %d: %s", code, stderr)
	}
}

func TestSizeValue(t *testing.T) {
	for _, c := range []struct {
		in   string
		want int64
	}{{"512MiB", 512 << 20}, {"4GiB", 4 << 30}, {"2g", 2 << 30}, {"100KB", 100_000}, {"1.5 GiB", 3 << 29}, {"123", 123}, {"7b", 7}} {
		var s sizeValue
		if err := s.Set(c.in); err != nil || int64(s) != c.want {
			t.Errorf("Set(%q) = %d, %v; want %d", c.in, s, err, c.want)
		}
	}
	for _, bad := range []string{"", "x", "-1GiB", "12x", "1e30GiB", "NaN"} {
		var s sizeValue
		if err := s.Set(bad); err == nil {
			t.Errorf("Set(%q) = %d, want an error", bad, s)
		}
	}
	if s := sizeValue(256 << 20); s.String() != "256MiB" {
		t.Errorf("String = %q", s.String())
	}
}

// TestChartOfManyTasks prints the text chart (--chart) of a run of
// 200,000 tasks (issue 17: a million tasks printed 1,000,009 lines): it
// is a screenful, its last row standing for the tasks it does not draw.
func TestChartOfManyTasks(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "many.yaml")
	os.WriteFile(in, []byte("tasks:\n  A: [{sleep: 1s}]\nruns:\n  R: [{gather: [A], times: 200000}]\n"), 0o644)
	stdout, stderr, code := runCLI(t, "run", in, "--out", dir, "--format", "txt", "--chart", "always", "-q")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if n := strings.Count(stdout, "\n"); n > 80 {
		t.Errorf("--chart printed %d lines", n)
	}
	if !strings.Contains(stdout, " more ▕") {
		t.Errorf("no summary row:\n%s", stdout)
	}
	txt, _ := os.ReadFile(filepath.Join(dir, "many.txt"))
	if n := strings.Count(string(txt), "\n"); n > 80 {
		t.Errorf("the txt chart has %d lines", n)
	}
}
