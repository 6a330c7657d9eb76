package render

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/asyncgantt/asyncgantt/internal/testtrace"
	"github.com/asyncgantt/asyncgantt/trace"
)

func TestLayoutSharedAxis(t *testing.T) {
	fig, err := Layout(testtrace.Sample("A"), Options{Width: 1000})
	if err != nil {
		t.Fatal(err)
	}
	// Both runs' 2 s bars end at the same x: one scale for all panels.
	var ends []float64
	for _, it := range fig.Items {
		if it.Kind == Rect && strings.Contains(it.Tip, "0.000 s → 2.000 s") {
			ends = append(ends, it.X+it.W)
		}
	}
	if len(ends) != 3 {
		t.Fatalf("found %d bars from 0 to 2 s, want 3", len(ends))
	}
	for _, e := range ends[1:] {
		if e != ends[0] {
			t.Errorf("bar ends %v differ: panels do not share one axis", ends)
		}
	}
	if fig.Width != 1000 || fig.Height <= 0 {
		t.Errorf("figure size %v×%v", fig.Width, fig.Height)
	}
	if got, want := fig.Desc, "Sequential 3.0 s, Blocking 3.0 s (1.0× — no gain)"; got != want {
		t.Errorf("desc = %q, want %q", got, want)
	}
}

func TestTinyIntervalStillShows(t *testing.T) {
	tr := testtrace.Sample("A")
	tr.Runs[0].Total = 10 * time.Second
	tr.Runs[0].Lanes = append(tr.Runs[0].Lanes, &trace.Lane{Name: "quick", Start: time.Second, End: time.Second + 500*time.Microsecond,
		Intervals: []trace.Interval{{State: trace.Running, Start: time.Second, End: time.Second + 500*time.Microsecond}}})
	fig, err := Layout(tr, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range fig.Items {
		if it.Kind == Rect && strings.HasPrefix(it.Tip, "quick: running") {
			if it.W < 1.5 {
				t.Errorf("0.5 ms bar is %v px wide; want at least 1.5", it.W)
			}
			if !strings.Contains(it.Tip, "drawn wider") {
				t.Errorf("tooltip %q does not say the bar is widened", it.Tip)
			}
			return
		}
	}
	t.Error("the 0.5 ms task has no bar")
}

func TestTicks(t *testing.T) {
	tests := []struct {
		span   time.Duration
		target int
		step   time.Duration
		n      int
	}{
		{6 * time.Second, 8, time.Second, 7},
		{3 * time.Second, 8, 500 * time.Millisecond, 7},
		{10 * time.Second, 8, 2 * time.Second, 6},
		{1500 * time.Millisecond, 6, 250 * time.Millisecond, 7},
		{700 * time.Microsecond, 5, 200 * time.Microsecond, 5},
		// Minutes: steps round in minutes, not in seconds.
		{10 * time.Minute, 7, 2 * time.Minute, 6},
		{10*time.Minute + time.Millisecond, 12, time.Minute, 12},
		{50 * time.Minute, 10, 5 * time.Minute, 11},
		{3 * time.Minute, 8, 30 * time.Second, 7},
	}
	for _, tt := range tests {
		ticks, step := Ticks(tt.span, tt.target)
		if step != tt.step || len(ticks) != tt.n || ticks[len(ticks)-1] < tt.span {
			t.Errorf("Ticks(%v, %d) = %v step %v; want %d ticks of %v covering the span", tt.span, tt.target, ticks, step, tt.n, tt.step)
		}
	}
}

func TestFormat(t *testing.T) {
	tests := []struct {
		d    time.Duration
		want string
	}{
		{6 * time.Second, "6.0 s"},
		{1500 * time.Millisecond, "1.5 s"},
		{250 * time.Millisecond, "250 ms"},
		{12 * time.Microsecond, "12.0 µs"},
		{0, "0.0 s"},
		{3 * time.Minute, "3.0 min"},
	}
	for _, tt := range tests {
		if got := FormatDuration(tt.d); got != tt.want {
			t.Errorf("FormatDuration(%v) = %q, want %q", tt.d, got, tt.want)
		}
	}
	if got, want := FormatTime(1500*time.Millisecond, UnitFor(3*time.Second), 500*time.Millisecond), "1.5"; got != want {
		t.Errorf("FormatTime = %q, want %q", got, want)
	}
}

func TestFit(t *testing.T) {
	long := strings.Repeat("wide label ", 10)
	s := Fit(long, 100, 14, false)
	if !strings.HasSuffix(s, "…") || TextWidth(s, 14, false) > 100 {
		t.Errorf("Fit gave %q, %v px wide", s, TextWidth(s, 14, false))
	}
	if got := Fit("ok", 100, 14, false); got != "ok" {
		t.Errorf("Fit shortened a label that fits: %q", got)
	}
	// A text shortened already (a Python tracer's name for a call with a
	// long argument) gets one ellipsis, after a character.
	for _, s := range []string{"fails('group member failed wi…', 0.2)", "fails('group member failed     x"} {
		for w := 60.0; w < 250; w++ {
			got := Fit(s, w, 14, false)
			if strings.Contains(got, "……") || strings.Contains(got, " …") {
				t.Errorf("Fit(%q, %v) = %q", s, w, got)
			}
		}
	}
}

const (
	ms = time.Millisecond
	us = time.Microsecond
)

// theme returns the built-in theme called name.
func theme(t testing.TB, name string) *Theme {
	t.Helper()
	th, err := LookupTheme(name)
	if err != nil {
		t.Fatal(err)
	}
	return th
}

func TestWrap(t *testing.T) {
	long := "A very long title that goes on and on about what the figure shows"
	for _, tt := range []struct {
		s     string
		width float64
		max   int
		want  []string
	}{
		{"", 100, 3, []string{""}},
		{"Async basics", 500, 3, []string{"Async basics"}},
		{long, 260, 0, []string{"A very long title that goes on and on", "about what the figure shows"}},
		{long, 160, 0, []string{"A very long title that", "goes on and on about", "what the figure shows"}},
		{long, 160, 2, []string{"A very long title that", "goes on and on abo…"}},
		{"Zadanie: współbieżność", 120, 3, []string{"Zadanie:", "współbieżność"}},
		{"supercalifragilisticexpialidocious", 100, 0, []string{"supercalifragil", "isticexpialidoc", "ious"}},
		// A traceback's line keeps its indentation; its continuation
		// starts at a word.
		{`    raise ValueError("boom")   `, 150, 0, []string{"    raise", `ValueError("boom")`}},
	} {
		got := Wrap(tt.s, tt.width, 14, false, tt.max)
		if !slices.Equal(got, tt.want) {
			t.Errorf("Wrap(%q, %v, max %d) = %q, want %q", tt.s, tt.width, tt.max, got, tt.want)
		}
		for _, line := range got {
			if w := TextWidth(line, 14, false); w > tt.width {
				t.Errorf("Wrap(%q): line %q is %v px wide, more than %v", tt.s, line, w, tt.width)
			}
		}
	}
}

func TestFitKeepsATextInItsOwnWidth(t *testing.T) {
	// The label column is sized for the summary row's label; the sums
	// that place it round, and the label must still be whole, at every
	// type size.
	tr := testtrace.ManyLanes(40)
	for size := 7.0; size < 30; size += 0.37 { // above, the label column is capped
		fig, err := Layout(tr, Options{MaxLanes: 8, FontSize: size})
		if err != nil {
			t.Fatal(err)
		}
		if !hasText(fig, ClassLoopLabel, summaryLabel(33)) {
			t.Errorf("font size %v: the summary label is shortened", size)
		}
	}
}
