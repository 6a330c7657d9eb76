package render

import (
	"bytes"
	"encoding/xml"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestAttr(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain", "plain"},
		{`a"b`, "a&#34;b"},
		{"<&>'", "&lt;&amp;&gt;&#39;"},
		{"line\nbreak\ttab", "line&#10;break&#9;tab"},
		{"bell\x07", "bell\uFFFD"},
		{"bad\xffutf8", "bad\uFFFDutf8"},
		{"emoji 🎉 שלום", "emoji 🎉 שלום"},
	}
	for _, tt := range tests {
		if got := Attr(tt.in); got != tt.want {
			t.Errorf("Attr(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// FuzzAttr checks that any string, escaped by Attr, is a well-formed
// attribute value that decodes back to the input's valid characters.
func FuzzAttr(f *testing.F) {
	for _, s := range []string{"", "a", `"'<>&`, "]]>", "\x00\x01\x1f", "\xff\xfe", "🎉", "\u202eevil", "\r\n\t"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		esc := Attr(s)
		if strings.ContainsAny(esc, `"<>`) || !utf8.ValidString(esc) {
			t.Fatalf("Attr(%q) = %q leaves markup or invalid UTF-8", s, esc)
		}
		doc := `<a v="` + esc + `"/>`
		var v struct {
			V string `xml:"v,attr"`
		}
		if err := xml.NewDecoder(bytes.NewReader([]byte(doc))).Decode(&v); err != nil {
			t.Fatalf("Attr(%q) = %q does not parse: %v", s, esc, err)
		}
		if want := cleanText(s); v.V != want {
			t.Fatalf("Attr(%q) decodes to %q, want %q", s, v.V, want)
		}
	})
}

// FuzzSVG renders random task names, printed text, outcomes, warnings and
// errors, statically and animated, with the transcript panel, and checks
// the SVG is well-formed XML whose text keeps no markup.
func FuzzSVG(f *testing.F) {
	for _, s := range []string{"A", `<script>alert(1)</script>" &`, "]]>", "\x00ctl\x1b", "🎉", "مرحبا", "\xff", "\u202eevil", "--><!--"} {
		f.Add(s, s)
	}
	f.Fuzz(func(t *testing.T, name, text string) {
		tr := fullTrace()
		r := tr.Runs[0]
		tr.Title = name
		r.Name = text
		r.Lanes[2].Name = name
		r.Lanes[2].Outcome.Value = text
		r.Lanes[2].Intervals[1].Detail = text
		r.Lanes[4].Name = text
		r.Logs[1].Text = text // printed by Lanes[2], renamed above
		r.Warnings = []string{text}
		tr.Runs[1].Error = text
		for _, o := range []Options{{}, {Animate: true, Transcript: true, Theme: "dark"}, {Size: "slide", Theme: "print"}} {
			doc := renderSVG(t, tr, o)
			checkXML(t, doc)
			if bytes.Contains(doc, []byte("<script")) {
				t.Fatalf("markup from the input reached the SVG")
			}
		}
	})
}

// FuzzTextChart renders random names and text as a terminal chart and
// checks that no control character reaches the terminal and no line is
// wider than asked.
func FuzzTextChart(f *testing.F) {
	for _, s := range []string{"A", "\x1b[2J", "🎉🎉", "مرحبا", "\u202eevil", "e\u0301", "\xff", "全角の名前"} {
		f.Add(s, s, 60)
	}
	f.Fuzz(func(t *testing.T, name, text string, cols int) {
		cols = 40 + abs(cols)%120
		tr := fullTrace()
		tr.Title = text
		tr.Runs[0].Name = name
		tr.Runs[0].Lanes[2].Name = name
		tr.Runs[0].Lanes[2].Outcome.Value = text
		tr.Runs[0].Lanes[0].Intervals[2].Detail = name
		tr.Runs[1].Error = text
		chart := TextChart(tr, TextOptions{Columns: cols})
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
