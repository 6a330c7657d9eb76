package safetext

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestLineAndText(t *testing.T) {
	for _, c := range []struct{ in, line, text string }{
		{"plain", "plain", "plain"},
		{"", "", ""},
		{"two\nlines\tand a tab", `two\nlines\tand a tab`, "two\nlines\tand a tab"},
		{"ok\roverwritten", `ok\roverwritten`, `ok\roverwritten`},
		// OSC 52 writes the clipboard; BEL ends it.
		{"\x1b]52;c;aGk=\a", `\x1b]52;c;aGk=\x07`, `\x1b]52;c;aGk=\x07`},
		{"\x00nul \x7f del \u009b csi", `\x00nul \x7f del \x9b csi`, `\x00nul \x7f del \x9b csi`},
		// Trojan source: an override, an embedding, isolates, marks.
		{"done after \u202e sdnoces 01", `done after \u202e sdnoces 01`, `done after \u202e sdnoces 01`},
		{"\u202a\u202b\u202c\u202d", `\u202a\u202b\u202c\u202d`, `\u202a\u202b\u202c\u202d`},
		{"\u2066a\u2067b\u2068c\u2069", `\u2066a\u2067b\u2068c\u2069`, `\u2066a\u2067b\u2068c\u2069`},
		{"\u200e\u200f\u061c", `\u200e\u200f\u061c`, `\u200e\u200f\u061c`},
		{"\u206a\u206f \ufff9hidden\ufffb", `\u206a\u206f \ufff9hidden\ufffb`, `\u206a\u206f \ufff9hidden\ufffb`},
		{"line\u2028sep\u2029", `line\u2028sep\u2029`, `line\u2028sep\u2029`},
		{"bad \xff\xfe byte", `bad \xff\xfe byte`, `bad \xff\xfe byte`},
		{"\ufffe\uffff", `\ufffe\uffff`, `\ufffe\uffff`},
		// Kept: every script, right-to-left letters, joiners, emoji,
		// combining marks, U+FFFD itself, private use, the BOM.
		{"שלום عالم Ελληνικά 日本語", "שלום عالم Ελληνικά 日本語", "שלום عالم Ελληνικά 日本語"},
		{"👩\u200d💻 e\u0301 \u200b\ufffd\ue000\ufeff", "👩\u200d💻 e\u0301 \u200b\ufffd\ue000\ufeff", "👩\u200d💻 e\u0301 \u200b\ufffd\ue000\ufeff"},
		{"tag \U000e0041", "tag \U000e0041", "tag \U000e0041"},
	} {
		if got := Line(c.in); got != c.line {
			t.Errorf("Line(%q) = %q, want %q", c.in, got, c.line)
		}
		if got := Text(c.in); got != c.text {
			t.Errorf("Text(%q) = %q, want %q", c.in, got, c.text)
		}
		if got, want := Clean(c.in), c.line == c.in; got != want {
			t.Errorf("Clean(%q) = %v, want %v", c.in, got, want)
		}
	}
}

// TestEveryUnsafeRune escapes each rune of the planes: what is escaped is
// exactly what Unsafe says, into ASCII, and what is kept is kept.
func TestEveryUnsafeRune(t *testing.T) {
	for r := rune(0); r <= 0x10ffff; r++ {
		if r >= 0xd800 && r <= 0xdfff {
			continue
		}
		s := string(r)
		got := Line(s)
		if Unsafe(r) {
			if got == s || !isASCII(got) || !strings.HasPrefix(got, `\`) {
				t.Fatalf("Line(%U) = %q: want an ASCII escape", r, got)
			}
		} else if got != s {
			t.Fatalf("Line(%U) = %q: want it kept", r, got)
		}
	}
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] >= 0x7f {
			return false
		}
	}
	return true
}

func TestWriter(t *testing.T) {
	in := "asyncgantt: x\u202e.yaml: bad \x1b[2J\nnext \xff line é\n"
	want := Text(in)
	// Every way of splitting the input into two writes gives the same.
	for cut := 0; cut <= len(in); cut++ {
		var b bytes.Buffer
		w := NewWriter(&b)
		for _, part := range []string{in[:cut], in[cut:]} {
			n, err := w.Write([]byte(part))
			if err != nil || n != len(part) {
				t.Fatalf("Write(%q) = %d, %v", part, n, err)
			}
		}
		if err := w.Flush(); err != nil {
			t.Fatal(err)
		}
		if b.String() != want {
			t.Errorf("cut at %d: wrote %q, want %q", cut, b.String(), want)
		}
	}
	// A character left incomplete at the end is escaped by Flush.
	var b bytes.Buffer
	w := NewWriter(&b)
	w.Write([]byte("end \xe2\x80"))
	if b.String() != "end " {
		t.Errorf("before Flush: %q", b.String())
	}
	w.Flush()
	if b.String() != `end \xe2\x80` {
		t.Errorf("after Flush: %q", b.String())
	}
}

func FuzzLine(f *testing.F) {
	for _, s := range []string{"plain", "a\u202eb", "\x1b[31m", "\xff", "שלום\n", "👩\u200d💻"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, c := range []struct {
			name string
			fn   func(string) string
		}{{"Line", Line}, {"Text", Text}} {
			name, fn := c.name, c.fn
			got := fn(s)
			if !utf8.ValidString(got) {
				t.Fatalf("%s(%q) = %q: not UTF-8", name, s, got)
			}
			for _, r := range got {
				if Unsafe(r) && !(name == "Text" && (r == '\n' || r == '\t')) {
					t.Fatalf("%s(%q) = %q holds %U", name, s, got, r)
				}
			}
			if again := fn(got); again != got {
				t.Fatalf("%s is not idempotent: %q, then %q", name, got, again)
			}
		}
		if Clean(s) != (Line(s) == s) {
			t.Fatalf("Clean(%q) disagrees with Line", s)
		}
	})
}
