package paint

import (
	"image/color"
	"strconv"
	"strings"

	"github.com/asyncgantt/asyncgantt/internal/fonts"
	"github.com/asyncgantt/asyncgantt/internal/safetext"
	"github.com/asyncgantt/asyncgantt/render"
)

// Shape is a symbol the layout writes that the Go fonts have no glyph for
// (✓ ✗ ⊘ ⚠), as strokes: the PNG and PDF emitters draw it in the advance
// width the layout measured for it, and the SVG's embedded font carries
// it as a glyph of the same strokes (see fonts.Symbol).
type Shape = fonts.Shape

// IsSymbol reports whether r is drawn as a shape rather than a glyph.
func IsSymbol(r rune) bool { return fonts.IsSymbol(r) }

// Symbol returns the strokes of symbol r set at x on the given baseline,
// in a text of the given size, filling advance pixels.
func Symbol(r rune, x, baseline, advance, size float64) Shape {
	return fonts.Symbol(r, x, baseline, advance, size)
}

// TextRuns splits s into pieces to draw: text the font has, and single
// symbols to draw as shapes, each with its x offset from the start of s as
// the layout measured it. The marks of the isolates that the layout sets
// around right-to-left parts of the input (see render.Item.Text) are left
// out: the PNG and PDF draw every text in the order it is written, and
// the marks take no room.
func TextRuns(s string, size float64, bold bool) (runs []string, offsets []float64) {
	s = safetext.Strip(s)
	start := 0
	for i, r := range s {
		if !IsSymbol(r) {
			continue
		}
		if i > start {
			runs, offsets = append(runs, s[start:i]), append(offsets, fonts.GoWidth(s[:start], size, bold))
		}
		runs, offsets = append(runs, string(r)), append(offsets, fonts.GoWidth(s[:i], size, bold))
		start = i + len(string(r))
	}
	if start < len(s) {
		runs, offsets = append(runs, s[start:]), append(offsets, fonts.GoWidth(s[:start], size, bold))
	}
	return runs, offsets
}

// TextStart returns the x at which a Text item's text starts, in figure
// pixels: its X, less the text's measured width or half of it when the
// item is anchored at its end or middle.
func TextStart(it render.Item) float64 {
	it.Text = safetext.Strip(it.Text)
	switch it.Anchor {
	case render.Middle:
		return it.X - fonts.GoWidth(it.Text, it.Size, it.Bold)/2
	case render.End:
		return it.X - fonts.GoWidth(it.Text, it.Size, it.Bold)
	}
	return it.X
}

// ParseColor reads a CSS hex colour (#rgb or #rrggbb); anything else is
// black.
func ParseColor(s string) color.NRGBA {
	s = strings.TrimPrefix(s, "#")
	if len(s) == 3 {
		s = string([]byte{s[0], s[0], s[1], s[1], s[2], s[2]})
	}
	v, err := strconv.ParseUint(s, 16, 32)
	if len(s) != 6 || err != nil {
		return color.NRGBA{A: 255}
	}
	return color.NRGBA{R: uint8(v >> 16), G: uint8(v >> 8), B: uint8(v), A: 255}
}
