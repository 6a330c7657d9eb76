package render_test

import (
	"bytes"
	"encoding/xml"
	"io"
	"strings"
	"testing"

	"github.com/asyncgantt/asyncgantt/internal/golden"
	"github.com/asyncgantt/asyncgantt/internal/testtrace"
	"github.com/asyncgantt/asyncgantt/render"
	"github.com/asyncgantt/asyncgantt/render/svg"
	"github.com/asyncgantt/asyncgantt/render/text"
	"github.com/asyncgantt/asyncgantt/trace"
)

// The figure's goldens: the layout written by the SVG emitter, and the
// same traces as text charts. They live here, beside the layout, because a
// change of the layout is what changes them.

func renderSVG(t testing.TB, tr *trace.Trace, opts render.Options) []byte {
	t.Helper()
	fig, err := render.Layout(tr, opts)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := svg.Write(&b, fig); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// checkXML fails unless doc is well-formed XML.
func checkXML(t testing.TB, doc []byte) {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(doc))
	for {
		_, err := d.Token()
		if err == io.EOF {
			return
		}
		if err != nil {
			t.Fatalf("SVG is not well-formed XML: %v\n%s", err, doc)
		}
	}
}

// TestGoldens renders the full trace in every theme, as a slide, with a
// transcript, animated and as text.
func TestGoldens(t *testing.T) {
	dark, _ := render.LookupTheme("dark")
	print, _ := render.LookupTheme("print")
	cases := []struct {
		name string
		opts render.Options
	}{
		{"full-light", render.Options{}},
		{"full-dark", render.Options{Theme: dark}},
		{"full-print", render.Options{Theme: print}},
		{"full-slide", render.Options{Size: "slide"}},
		{"full-transcript", render.Options{Transcript: true, Width: 1400}},
		{"full-animated", render.Options{Animate: true}},
		{"sample-800", render.Options{Width: 800}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tr := testtrace.Full()
			if strings.HasPrefix(c.name, "sample") {
				tr = testtrace.Sample("A")
			}
			doc := renderSVG(t, tr, c.opts)
			checkXML(t, doc)
			golden.Check(t, "testdata/golden/"+c.name+".svg", doc)
		})
	}
	golden.Check(t, "testdata/golden/full.txt", []byte(text.Chart(testtrace.Full(), text.Options{})))
}

// TestLODGoldens checks figures of level of detail, and of outcomes.
func TestLODGoldens(t *testing.T) {
	cases := []struct {
		name string
		tr   *trace.Trace
		opts render.Options
	}{
		{"lod-merged", testtrace.Busy(3000), render.Options{Width: 800}},
		{"lod-folded", testtrace.ManyLanes(40), render.Options{Width: 800, MaxLanes: 8}},
		{"outcomes", testtrace.Outcomes(), render.Options{Width: 900, Baseline: "Caught"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			doc := renderSVG(t, c.tr, c.opts)
			checkXML(t, doc)
			golden.Check(t, "testdata/golden/"+c.name+".svg", doc)
		})
	}
}
