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
			if safetext.Mixed(it.Text) != it.Text {
				t.Errorf("item text %q is not safe", it.Text)
			}
			if safetext.MixedText(it.Tip) != it.Tip {
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

// TestLayoutIsolatesInput lays out a trace whose names, values, printed
// lines, details, error and warning are in right-to-left scripts, each
// with a number, and whose other texts hold isolates of their own: every
// occurrence of a right-to-left text in an item's text or tooltip is
// isolated, so that no viewer can move the words and numbers beside it
// ("שלום 2.0 s" must not read "2.0 שלום s"), and the input's isolates
// show as escapes.
func TestLayoutIsolatesInput(t *testing.T) {
	tr := testtrace.Full()
	r0, r1 := tr.Runs[0], tr.Runs[1]
	r0.Name, r1.Name = "שלום 1", "عربي ٣"
	r0.Lanes[2].Name = "משימה 2"
	r0.Lanes[2].Intervals[1].Detail = "המתנה 4 s"
	r0.Lanes[2].Outcome.Value = "'ערך 5'"
	r0.Lanes[3].Outcome.Value = "שגיאה 6"
	r0.Lanes[3].Outcome.CaughtBy = 3
	r0.Logs[0].Text = "הודעה 7"
	r0.Warnings = []string{"אזהרה 8", "second"}
	r1.Error = "כשל 9"
	r1.Lanes[1].Name = "a \u2068 \u2068x\u2069 \u2069"
	rtl := []string{"שלום 1", "عربي ٣", "משימה 2", "המתנה 4 s", "'ערך 5'", "שגיאה 6", "הודעה 7", "אזהרה 8", "כשל 9"}
	found := map[string]int{}
	for _, opts := range []Options{{}, {Transcript: true}} {
		fig, err := Layout(tr, opts)
		if err != nil {
			t.Fatal(err)
		}
		texts := []string{fig.Title, fig.Desc}
		for _, it := range fig.Items {
			texts = append(texts, it.Text, it.Tip)
		}
		for _, s := range texts {
			if safetext.MixedText(s) != s {
				t.Errorf("%q is not safe", s)
			}
			if strings.Contains(s, "x\u2069") {
				t.Errorf("%q: an isolate of the input reaches the figure", s)
			}
			for _, p := range rtl {
				for rest := s; ; {
					i := strings.Index(rest, p)
					if i < 0 {
						break
					}
					found[p]++
					if !strings.HasSuffix(rest[:i], string(safetext.FSI)) || !strings.HasPrefix(rest[i+len(p):], string(safetext.PDI)) {
						t.Errorf("%q: %q is not isolated", s, p)
					}
					rest = rest[i+len(p):]
				}
			}
		}
	}
	for _, p := range rtl {
		if found[p] < 2 {
			t.Errorf("%q is shown %d times: the test should find it in a text and a tooltip", p, found[p])
		}
	}
	// A message of the names isolated, and without isolates for the
	// other formats (a terminal, Mermaid).
	if m, _ := Message(tr, ""); strings.ContainsAny(m, "\u2068\u2069") {
		t.Errorf("Message holds isolates: %q", m)
	}
}

// TestWrapAndFitKeepIsolates breaks and cuts a text with isolated parts
// anywhere: every line stays balanced, a part broken over two lines is
// isolated on each, and the ellipsis of a part cut short is inside it.
func TestWrapAndFitKeepIsolates(t *testing.T) {
	s := "run " + safetext.Isolate("שלום עולם ומלואו") + " took 2.0 s, " + safetext.Isolate("عربي طويل جدا") + " 3.0 s"
	for w := 10.0; w < 400; w += 7 {
		lines := Wrap(s, w, 14, false, 0)
		var joined []string
		for _, ln := range lines {
			if safetext.Mixed(ln) != ln || safetext.Open(ln) {
				t.Fatalf("width %.0f: line %q is not balanced", w, ln)
			}
			joined = append(joined, safetext.Strip(ln))
		}
		if got, want := strings.Join(joined, " "), safetext.Strip(s); strings.ReplaceAll(got, " ", "") != strings.ReplaceAll(want, " ", "") {
			t.Fatalf("width %.0f: lines %q lose text", w, lines)
		}
		f := Fit(s, w, 14, false)
		if safetext.Mixed(f) != f || safetext.Open(f) {
			t.Fatalf("width %.0f: Fit = %q is not balanced", w, f)
		}
		// s ends with a number: a cut that ends with a PDI cut a part.
		if strings.HasSuffix(f, string(safetext.PDI)) && !strings.HasSuffix(f, "…"+string(safetext.PDI)) {
			t.Fatalf("width %.0f: Fit = %q puts the ellipsis outside the part it cuts", w, f)
		}
	}
	if lines := Wrap(safetext.Isolate("שלום"), 1, 14, false, 0); len(lines) != 4 {
		t.Errorf("Wrap of a word in a width for none: %q", lines)
	}
}
