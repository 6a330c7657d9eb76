package png

import (
	"image/color"
	"testing"

	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/sfnt"

	"github.com/asyncgantt/asyncgantt/internal/paint"
	"github.com/asyncgantt/asyncgantt/internal/testtrace"
	"github.com/asyncgantt/asyncgantt/render"
	"github.com/asyncgantt/asyncgantt/trace"
)

// TestLayoutTextHasGlyphs checks that every character the layout writes
// for a trace with every kind of outcome and a warning either has a glyph
// in the Go fonts (which PNG and PDF embed) or is drawn as a shape.
func TestLayoutTextHasGlyphs(t *testing.T) {
	tr := testtrace.Sample("A")
	r := tr.Runs[0]
	r.Warnings = []string{"RuntimeWarning: coroutine 'a' was never awaited"}
	r.Lanes[1].Outcome = &trace.Outcome{Kind: trace.Returned, Value: "'a'"}
	r.Lanes[2].Outcome = &trace.Outcome{Kind: trace.Raised, Value: "ValueError: boom"}
	tr.Runs[1].Lanes[0].Outcome = &trace.Outcome{Kind: trace.Cancelled}
	fig, err := render.Layout(tr, render.Options{Transcript: true})
	if err != nil {
		t.Fatal(err)
	}
	var buf sfnt.Buffer
	fonts := map[bool]*sfnt.Font{}
	for bold, ttf := range map[bool][]byte{false: goregular.TTF, true: gobold.TTF} {
		f, err := sfnt.Parse(ttf)
		if err != nil {
			t.Fatal(err)
		}
		fonts[bold] = f
	}
	symbols := 0
	for _, it := range fig.Items {
		if it.Kind != render.Text {
			continue
		}
		for _, r := range it.Text {
			if paint.IsSymbol(r) {
				symbols++
				continue
			}
			if g, _ := fonts[it.Bold].GlyphIndex(&buf, r); g == 0 {
				t.Errorf("%q in %q has no glyph in the Go fonts and is not drawn as a shape", r, it.Text)
			}
		}
	}
	if symbols < 3 {
		t.Errorf("the layout wrote %d symbols; want ✓, ✗ and ⊘ at least", symbols)
	}
}

// TestSymbolsDrawInk checks that each symbol drawn as a shape leaves ink
// where the layout measured it.
func TestSymbolsDrawInk(t *testing.T) {
	light, err := render.LookupTheme("light")
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"✓", "✗", "⊘", "⚠"} {
		fig := &render.Figure{Width: 40, Height: 30, Theme: light,
			Items: []render.Item{{Kind: render.Text, X: 5, Y: 22, Text: s, Size: 20, Class: render.ClassLabel}}}
		img := Raster(fig, 1)
		ink := 0
		for y := 0; y < 30; y++ {
			for x := 0; x < 40; x++ {
				if c := img.RGBAAt(x, y); c != (color.RGBA{255, 255, 255, 255}) {
					ink++
				}
			}
		}
		if ink < 15 {
			t.Errorf("%s drew %d pixels of ink", s, ink)
		}
	}
}
