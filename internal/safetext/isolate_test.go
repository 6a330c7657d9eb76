package safetext

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestNeedsIsolation(t *testing.T) {
	for _, c := range []struct {
		s    string
		want bool
	}{
		{"", false},
		{"main", false},
		{"Ελληνικά, кириллица, 日本語, 👩\u200d💻, e\u0301", false},
		{"3.0 s", false},
		{"שלום", true},                // Hebrew: R
		{"abc عربي", true},            // Arabic: AL
		{"\u0663", true},              // ARABIC-INDIC DIGIT THREE: AN
		{"\u0710", true},              // Syriac: AL
		{"\u07c0", true},              // N'Ko: R
		{"\U00010800", true},          // Cypriot: R
		{"\ufb1d", true},              // Hebrew presentation form: R
		{"\ufe70", true},              // Arabic presentation form: AL
		{"\u0590\u05ff", true},        // unassigned in the Hebrew block: R by default
		{`\u202e escaped`, false},     // an escape is ASCII
		{"\u06f3 extended", false},    // EXTENDED ARABIC-INDIC DIGIT: EN, reads as 3
		{"\u0300\u0591 marks", false}, // combining marks, Hebrew's included: NSM
	} {
		if got := NeedsIsolation(c.s); got != c.want {
			t.Errorf("NeedsIsolation(%q) = %v, want %v", c.s, got, c.want)
		}
	}
}

func TestIsolate(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"main", "main"},
		{"", ""},
		{"שלום", "\u2068שלום\u2069"},
		{"שלום\n2", "\u2068שלום\\n2\u2069"},
		// The input's own isolates are escaped: the pair is ours.
		{"\u2068שלום\u2069", "\u2068\\u2068שלום\\u2069\u2069"},
		{"a\u202eb", `a\u202eb`},
	} {
		if got := Isolate(c.in); got != c.want {
			t.Errorf("Isolate(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	if got, want := IsolateText("one\nשלום 2\n\u2069"), "one\n\u2068שלום 2\u2069\n\\u2069"; got != want {
		t.Errorf("IsolateText = %q, want %q", got, want)
	}
}

func TestMixed(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"plain", "plain"},
		{Isolate("שלום") + " took 2.0 s", "\u2068שלום\u2069 took 2.0 s"},
		{"a\u2068b\u2069c\u2068d\u2069", "a\u2068b\u2069c\u2068d\u2069"},
		// Marks that make no pair are escaped.
		{"a\u2068b", `a\u2068b`},
		{"a\u2069b", `a\u2069b`},
		{"\u2068a\u2068b\u2069", "\\u2068a\u2068b\u2069"},
		{"\u2068a\nb\u2069", `\u2068a\nb\u2069`},
		// What the pair holds is escaped as the rest.
		{"\u2068\x1b[2J\u202e\u2069", "\u2068\\x1b[2J\\u202e\u2069"},
		{"x\u2066y\u2069", `x\u2066y\u2069`},
	} {
		if got := Mixed(c.in); got != c.want {
			t.Errorf("Mixed(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	if got, want := MixedText("\u2068a\u2069\n\u2068b\u2069\tc\r"), "\u2068a\u2069\n\u2068b\u2069\tc\\r"; got != want {
		t.Errorf("MixedText = %q, want %q", got, want)
	}
}

func TestCloseStripParts(t *testing.T) {
	s := "x " + Isolate("שלום") + " y " + Isolate("עברית")
	cut := s[:strings.Index(s, "ום")] + "…"
	if !Open(cut) || Open(s) || Open("plain") {
		t.Errorf("Open is wrong")
	}
	if got, want := Close(cut), "x \u2068של…\u2069"; got != want {
		t.Errorf("Close = %q, want %q", got, want)
	}
	if Close(s) != s {
		t.Errorf("Close changed a closed text")
	}
	if got, want := Strip(s), "x שלום y עברית"; got != want {
		t.Errorf("Strip = %q, want %q", got, want)
	}
	type part struct {
		s   string
		iso bool
	}
	var got []part
	for p, iso := range Parts(s) {
		got = append(got, part{p, iso})
	}
	want := []part{{"x ", false}, {"שלום", true}, {" y ", false}, {"עברית", true}}
	if !slices.Equal(got, want) {
		t.Errorf("Parts = %+v, want %+v", got, want)
	}
	got = nil
	for p, iso := range Parts("\u2068open") {
		got = append(got, part{p, iso})
	}
	if !slices.Equal(got, []part{{"open", true}}) {
		t.Errorf("Parts of an open isolate = %+v", got)
	}
}

func FuzzMixed(f *testing.F) {
	for _, s := range []string{"plain", "\u2068שלום\u2069 2 s", "\u2068a", "a\u2069\u2068", "\u2068\x1b\u2069\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, c := range []struct {
			name  string
			fn    func(string) string
			lines bool
		}{{"Mixed", Mixed, false}, {"MixedText", MixedText, true}} {
			got := c.fn(s)
			if !utf8.ValidString(got) {
				t.Fatalf("%s(%q) = %q: not UTF-8", c.name, s, got)
			}
			if again := c.fn(got); again != got {
				t.Fatalf("%s is not idempotent: %q, then %q", c.name, got, again)
			}
			// Between pairs, and inside them, nothing the policy escapes.
			depth := 0
			for _, r := range got {
				switch {
				case r == FSI:
					depth++
				case r == PDI:
					depth--
				case r == '\n' && depth != 0:
					t.Fatalf("%s(%q) = %q: a line break inside an isolate", c.name, s, got)
				case Unsafe(r) && !(c.lines && (r == '\n' || r == '\t')):
					t.Fatalf("%s(%q) = %q holds %U", c.name, s, got, r)
				}
				if depth < 0 || depth > 1 {
					t.Fatalf("%s(%q) = %q: isolates unbalanced or nested", c.name, s, got)
				}
			}
			if depth != 0 {
				t.Fatalf("%s(%q) = %q: an isolate left open", c.name, s, got)
			}
		}
	})
}
