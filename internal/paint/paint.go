package paint

import (
	"image/color"
	"math"
	"strconv"
	"strings"

	"github.com/asyncgantt/asyncgantt/render"
)

// Shape is a symbol the layout writes that the Go fonts have no glyph for
// (✓ ✗ ⊘ ⚠), as strokes: the PNG and PDF emitters draw it in the advance
// width the layout measured for it. SVG leaves it to the browser's fonts.
type Shape struct {
	// Lines are segments x1, y1, x2, y2; Circles are centre x, y and
	// radius; all in figure pixels.
	Lines   [][4]float64
	Circles [][3]float64
	// Width is the stroke width in pixels.
	Width float64
}

// IsSymbol reports whether r is drawn as a shape rather than a glyph.
func IsSymbol(r rune) bool {
	switch r {
	case '✓', '✗', '⊘', '⚠':
		return true
	}
	return false
}

// Symbol returns the strokes of symbol r set at x on the given baseline,
// in a text of the given size, filling advance pixels.
func Symbol(r rune, x, baseline, advance, size float64) Shape {
	h := size * 0.7 // about the cap height
	side := math.Min(h, advance*0.9)
	left := x + (advance-side)/2
	top := baseline - h + (h-side)/2
	at := func(fx, fy float64) (float64, float64) { return left + fx*side, top + fy*side }
	seg := func(x1, y1, x2, y2 float64) [4]float64 {
		ax, ay := at(x1, y1)
		bx, by := at(x2, y2)
		return [4]float64{ax, ay, bx, by}
	}
	s := Shape{Width: math.Max(1, size*0.1)}
	switch r {
	case '✓':
		s.Lines = [][4]float64{seg(0.05, 0.55, 0.38, 0.9), seg(0.38, 0.9, 0.95, 0.1)}
	case '✗':
		s.Lines = [][4]float64{seg(0.1, 0.1, 0.9, 0.9), seg(0.9, 0.1, 0.1, 0.9)}
	case '⊘':
		cx, cy := at(0.5, 0.5)
		s.Circles = [][3]float64{{cx, cy, side * 0.45}}
		s.Lines = [][4]float64{seg(0.82, 0.18, 0.18, 0.82)}
	case '⚠':
		s.Lines = [][4]float64{seg(0.5, 0.02, 0.98, 0.95), seg(0.98, 0.95, 0.02, 0.95), seg(0.02, 0.95, 0.5, 0.02),
			seg(0.5, 0.35, 0.5, 0.65), seg(0.5, 0.76, 0.5, 0.82)}
		s.Width = math.Max(1, size*0.08)
	}
	return s
}

// TextRuns splits s into pieces to draw: text the font has, and single
// symbols to draw as shapes, each with its x offset from the start of s as
// the layout measured it.
func TextRuns(s string, size float64, bold bool) (runs []string, offsets []float64) {
	start := 0
	for i, r := range s {
		if !IsSymbol(r) {
			continue
		}
		if i > start {
			runs, offsets = append(runs, s[start:i]), append(offsets, render.TextWidth(s[:start], size, bold))
		}
		runs, offsets = append(runs, string(r)), append(offsets, render.TextWidth(s[:i], size, bold))
		start = i + len(string(r))
	}
	if start < len(s) {
		runs, offsets = append(runs, s[start:]), append(offsets, render.TextWidth(s[:start], size, bold))
	}
	return runs, offsets
}

// TextStart returns the x at which a Text item's text starts, in figure
// pixels: its X, less the text's measured width or half of it when the
// item is anchored at its end or middle.
func TextStart(it render.Item) float64 {
	switch it.Anchor {
	case render.Middle:
		return it.X - render.TextWidth(it.Text, it.Size, it.Bold)/2
	case render.End:
		return it.X - render.TextWidth(it.Text, it.Size, it.Bold)
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
