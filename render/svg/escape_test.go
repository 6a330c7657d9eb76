package svg

import (
	"bytes"
	"encoding/xml"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/asyncgantt/asyncgantt/internal/testtrace"
	"github.com/asyncgantt/asyncgantt/render"
)

func TestAttr(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain", "plain"},
		{`a"b`, "a&#34;b"},
		{"<&>'", "&lt;&amp;&gt;&#39;"},
		{"line\nbreak\ttab", "line&#10;break&#9;tab"},
		{"bell\x07", `bell\x07`},
		{"trojan \u202e 01", `trojan \u202e 01`},
		{"cr\r", `cr\r`},
		{"bad\xffutf8", `bad\xffutf8`},
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
		tr := testtrace.Full()
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
		for _, o := range []render.Options{{}, {Animate: true, Transcript: true, Theme: theme(t, "dark")}, {Size: "slide", Theme: theme(t, "print")}} {
			doc := renderSVG(t, tr, o)
			checkXML(t, doc)
			if bytes.Contains(doc, []byte("<script")) {
				t.Fatalf("markup from the input reached the SVG")
			}
		}
	})
}

// theme returns the built-in theme called name.
func theme(t testing.TB, name string) *render.Theme {
	t.Helper()
	th, err := render.LookupTheme(name)
	if err != nil {
		t.Fatal(err)
	}
	return th
}
