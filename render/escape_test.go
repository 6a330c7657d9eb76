package render

import (
	"bytes"
	"encoding/xml"
	"strings"
	"testing"
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

// FuzzSVG renders random task names and printed text and checks the SVG
// is well-formed XML.
func FuzzSVG(f *testing.F) {
	for _, s := range []string{"A", `<script>alert(1)</script>" &`, "]]>", "\x00ctl\x1b", "🎉", "مرحبا", "\xff"} {
		f.Add(s, s)
	}
	f.Fuzz(func(t *testing.T, name, text string) {
		tr := sampleTrace(name)
		tr.Runs[0].Name = text
		tr.Runs[0].Logs[0].Text = text
		tr.Runs[0].Lanes[1].Intervals[0].Detail = text
		checkXML(t, renderSVG(t, tr, Options{}))
	})
}
