package render

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/asyncgantt/asyncgantt/internal/safetext"
	"github.com/asyncgantt/asyncgantt/internal/testtrace"
)

// TestFitShowsControls checks that Fit measures and returns text as it
// will be drawn: controls as escapes, a megabyte cut to what fits.
func TestFitShowsControls(t *testing.T) {
	if got := Fit("a\u202eb", 500, 14, false); got != `a\u202eb` {
		t.Errorf("Fit = %q, want the override as an escape", got)
	}
	long := strings.Repeat("w", 1<<20)
	got := Fit(long, 300, 14, false)
	if !strings.HasSuffix(got, "…") || TextWidth(got, 14, false) > 300 || len(got) < 10 {
		t.Errorf("Fit of a megabyte = %q (%.0f px)", got, TextWidth(got, 14, false))
	}
	// Combining marks take no width: a prefix of them still fits and
	// is marked as cut.
	marks := "e" + strings.Repeat("\u0301", 100000)
	if got := Fit(marks, 300, 14, false); !strings.HasSuffix(got, "…") {
		t.Errorf("Fit of a long run of marks is not marked as cut")
	}
}

// TestLayoutBoundsText lays out a trace whose printed line is a megabyte
// and whose names hold controls: every item's text and tooltip is safe
// and the tooltips are at most MaxTipRunes characters.
func TestLayoutBoundsText(t *testing.T) {
	tr := testtrace.Full()
	tr.Runs[0].Logs[0].Text = strings.Repeat("x\x1b[2J", 200000)
	tr.Runs[0].Lanes[1].Name = "main\u202e"
	tr.Runs[0].Warnings = []string{strings.Repeat("warning ", 100000)}
	for _, opts := range []Options{{}, {Transcript: true}} {
		fig, err := Layout(tr, opts)
		if err != nil {
			t.Fatal(err)
		}
		for _, it := range fig.Items {
			if !safetext.Clean(it.Text) {
				t.Errorf("item text %q is not safe", it.Text)
			}
			if safetext.Text(it.Tip) != it.Tip {
				t.Errorf("item tip %q is not safe", it.Tip[:min(80, len(it.Tip))])
			}
			if n := utf8.RuneCountInString(it.Tip); n > MaxTipRunes+1 {
				t.Errorf("a tooltip of %d characters", n)
			}
		}
	}
}

// TestMessageBounded gives Message runs with names of a megabyte: it
// names each by its first 100 characters.
func TestMessageBounded(t *testing.T) {
	tr := testtrace.Full()
	for _, r := range tr.Runs {
		r.Name = strings.Repeat("n", 1<<20)
	}
	if got, _ := Message(tr, ""); len(got) > 400 {
		t.Errorf("Message is %d bytes", len(got))
	}
}
