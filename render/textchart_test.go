package render

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/asyncgantt/asyncgantt/trace"
)

func ExampleTextChart() {
	s := time.Second
	tr := &trace.Trace{Runs: []*trace.Run{{
		Name:  "Concurrent",
		Total: 2 * s,
		Lanes: []*trace.Lane{
			{Name: "A", End: 2 * s, Intervals: []trace.Interval{{State: trace.Waiting, End: 2 * s}},
				Outcome: &trace.Outcome{Kind: trace.Returned, Value: "'a'"}},
			{Name: "B", End: s, Intervals: []trace.Interval{{State: trace.Blocked, End: s}},
				Outcome: &trace.Outcome{Kind: trace.Raised, Value: "ValueError: boom"}},
		},
	}}}
	fmt.Print(TextChart(tr, TextOptions{Columns: 48, Compact: true}))
	// Output:
	// Concurrent  2.0 s
	//    A ▕░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░│✓ 'a'
	//    B ▕▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓ ✗ ValueError: boom
	//
	//      0.0      0.5     1.0      1.5     2.0 s
	// ░ waiting (await)  ▓ blocked (holds the loop)
	// │ run total
}

func TestTextChartTinyTaskShows(t *testing.T) {
	// A 10 s run containing a 0.5 ms task shows that task.
	chart := TextChart(fullTrace(), TextOptions{Columns: 80})
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
		{"Control", "a\x1b[2Jb", 60, "a\uFFFD[2Jb"},
		{"BidiOverride", "\u202eevil", 60, "\uFFFDevil"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tr := fullTrace()
			tr.Runs[1].Lanes[3].Name = tt.lane
			chart := TextChart(tr, TextOptions{Columns: tt.cols})
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
