package text

import (
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/asyncgantt/asyncgantt/internal/testtrace"
	"github.com/asyncgantt/asyncgantt/render"
	"github.com/asyncgantt/asyncgantt/trace"
)

func TestTextChartTinyTaskShows(t *testing.T) {
	// A 10 s run containing a 0.5 ms task shows that task.
	chart := Chart(testtrace.Full(), Options{Columns: 80})
	for _, line := range strings.Split(chart, "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), "quick ") {
			if !strings.Contains(line, "▒█") {
				t.Errorf("the 0.5 ms running state of quick does not show: %q", line)
			}
			return
		}
	}
	t.Errorf("no lane quick in\n%s", chart)
}

func TestTextChartWidths(t *testing.T) {
	tests := []struct {
		name  string
		lane  string
		cols  int
		label string
	}{
		{"Wide", "全角", 60, "全角"},
		{"Emoji", "🎉x", 60, "🎉x"},
		{"Combining", "e\u0301", 60, "e\u0301"},
		{"Long", strings.Repeat("n", 40), 60, strings.Repeat("n", 11) + "…"},
		{"Control", "a\x1b[2Jb", 60, `a\x1b[2Jb`},
		{"BidiOverride", "\u202eevil", 60, `\u202eevil`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tr := testtrace.Full()
			tr.Runs[1].Lanes[3].Name = tt.lane
			chart := Chart(tr, Options{Columns: tt.cols})
			found := false
			for _, line := range strings.Split(strings.TrimSuffix(chart, "\n"), "\n") {
				if n := cellsOf(line); n > tt.cols {
					t.Errorf("line %q is %d cells, more than %d", line, n, tt.cols)
				}
				found = found || strings.Contains(line, tt.label+" ▕")
			}
			if !found {
				t.Errorf("no lane labelled %q in\n%s", tt.label, chart)
			}
		})
	}
}

func TestRuneCells(t *testing.T) {
	tests := []struct {
		s    string
		want int
	}{
		{"abc", 3}, {"全角", 4}, {"🎉", 2}, {"e\u0301", 1}, {"مرحبا", 5}, {"", 0},
	}
	for _, tt := range tests {
		if got := cellsOf(tt.s); got != tt.want {
			t.Errorf("cellsOf(%q) = %d, want %d", tt.s, got, tt.want)
		}
	}
}

// FuzzTextChart renders random names and text as a terminal chart and
// checks that no control character reaches the terminal and no line is
// wider than asked.
func FuzzChart(f *testing.F) {
	for _, s := range []string{"A", "\x1b[2J", "🎉🎉", "مرحبا", "\u202eevil", "e\u0301", "\xff", "全角の名前"} {
		f.Add(s, s, 60)
	}
	f.Fuzz(func(t *testing.T, name, text string, cols int) {
		cols = 40 + abs(cols)%120
		tr := testtrace.Full()
		tr.Title = text
		tr.Runs[0].Name = name
		tr.Runs[0].Lanes[2].Name = name
		tr.Runs[0].Lanes[2].Outcome.Value = text
		tr.Runs[0].Lanes[0].Intervals[2].Detail = name
		tr.Runs[1].Error = text
		chart := Chart(tr, Options{Columns: cols})
		if !utf8.ValidString(chart) {
			t.Fatal("chart is not valid UTF-8")
		}
		for _, line := range strings.Split(strings.TrimSuffix(chart, "\n"), "\n") {
			for _, r := range line {
				if unicode.IsControl(r) || r >= 0x202A && r <= 0x202E || r >= 0x2066 && r <= 0x2069 {
					t.Fatalf("line %q holds control character %U", line, r)
				}
			}
			if n := cellsOf(line); n > cols {
				t.Fatalf("line %q is %d cells wide, more than %d", line, n, cols)
			}
		}
	})
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// TestChartBounded draws a chart of 200,000 tasks and one of 100,000 runs
// (issue 17: a million tasks gave 1,000,009 lines): each is at most a
// screenful or two, folds what it does not draw and says so.
func TestChartBounded(t *testing.T) {
	lanes := Chart(testtrace.ManyLanes(200_000), Options{})
	if n := strings.Count(lanes, "\n"); n > DefaultMaxLanes+15 {
		t.Errorf("200,000 tasks: %d lines", n)
	}
	if !strings.Contains(lanes, "+199,941 more ▕") {
		t.Errorf("200,000 tasks: no summary row:\n%s", lanes)
	}
	runs := &trace.Trace{Clock: trace.Measured, Independent: true}
	for i := range 100_000 {
		end := time.Duration(i%50+1) * time.Millisecond
		runs.Runs = append(runs.Runs, &trace.Run{Name: fmt.Sprint("pid ", i), Total: end, Lanes: []*trace.Lane{{
			Name: "tid 1", Kind: trace.ThreadLane, End: end, Intervals: []trace.Interval{{State: trace.Busy, End: end}}}}})
	}
	chart := Chart(runs, Options{Compact: true})
	if n := strings.Count(chart, "\n"); n > 3*render.DefaultMaxPanels+10 {
		t.Errorf("100,000 runs: %d lines:\n%s", n, chart)
	}
	if !strings.Contains(chart, "… and 99,981 more runs  longest 50.0 ms · 99,981 lanes in one row") {
		t.Errorf("100,000 runs: no summary panel:\n%s", chart)
	}
}

func TestTextChartAxisRound(t *testing.T) {
	// Spans near and past two minutes: the tick labels are round numbers
	// of the unit the axis names, never "0.333333 min".
	for _, span := range []time.Duration{115 * time.Second, 10 * time.Minute, 47 * time.Minute} {
		tr := testtrace.Sample("A")
		for _, r := range tr.Runs {
			r.Total = span
			for _, ln := range r.Lanes {
				ln.End = span
				ln.Intervals[len(ln.Intervals)-1].End = span
			}
		}
		for _, cols := range []int{40, 80, 200} {
			chart := Chart(tr, Options{Columns: cols})
			lines := strings.Split(strings.TrimSuffix(chart, "\n"), "\n")
			var axis string
			for _, line := range lines {
				if strings.HasSuffix(line, " s") || strings.HasSuffix(line, " min") {
					axis = line
				}
			}
			if axis == "" {
				t.Fatalf("%v at %d columns: no axis line in\n%s", span, cols, chart)
			}
			for _, f := range strings.Fields(axis) {
				if strings.Contains(f, ".") && len(f) > 4 {
					t.Errorf("%v at %d columns: tick label %q is not round: %q", span, cols, f, axis)
				}
			}
		}
	}
}
