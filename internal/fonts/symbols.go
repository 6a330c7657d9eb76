package fonts

import "math"

// The symbols figures write that the Go fonts have no glyph for (✓ ✗ ⊘ ⚠)
// are drawn as strokes, the same everywhere: the PNG and PDF emitters
// stroke them, and the subset an SVG embeds carries them as glyphs of the
// same strokes, in the advance of the Go font's missing-glyph box, which
// is what GoWidth measures for them.

// Shape is a symbol as strokes.
type Shape struct {
	// Lines are segments x1, y1, x2, y2; Circles are centre x, y and
	// radius; all in the units of the coordinates given (y grows down).
	Lines   [][4]float64
	Circles [][3]float64
	// Width is the stroke width.
	Width float64
}

// IsSymbol reports whether r is one of the symbols drawn as strokes.
func IsSymbol(r rune) bool {
	switch r {
	case '✓', '✗', '⊘', '⚠':
		return true
	}
	return false
}

// Symbol returns the strokes of symbol r set at x on the given baseline
// (y grows down), in a text of the given size, filling advance.
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

// symbolContours returns symbol r's strokes as closed polygons in font
// units (y grows up, the baseline at 0), each clockwise, for a glyph of
// the given advance in a font of upem units per em: a rectangle per
// segment, with square ends, and a ring of two polygons per circle.
func symbolContours(r rune, advance, upem float64) [][][2]int16 {
	s := Symbol(r, 0, 0, advance, upem)
	var out [][][2]int16
	pt := func(x, y float64) [2]int16 { return [2]int16{int16(math.Round(x)), int16(math.Round(-y))} }
	h := s.Width / 2
	for _, l := range s.Lines {
		dx, dy := l[2]-l[0], l[3]-l[1]
		n := math.Hypot(dx, dy)
		if n == 0 {
			continue
		}
		dx, dy = dx/n*h, dy/n*h
		out = append(out, clockwise([][2]int16{
			pt(l[0]-dx-dy, l[1]-dy+dx), pt(l[2]+dx-dy, l[3]+dy+dx),
			pt(l[2]+dx+dy, l[3]+dy-dx), pt(l[0]-dx+dy, l[1]-dy-dx),
		}, true))
	}
	for _, c := range s.Circles {
		for i, radius := range []float64{c[2] + h, c[2] - h} {
			var ring [][2]int16
			for k := range 24 {
				a := 2 * math.Pi * float64(k) / 24
				ring = append(ring, pt(c[0]+radius*math.Cos(a), c[1]+radius*math.Sin(a)))
			}
			out = append(out, clockwise(ring, i == 0)) // the hole runs the other way
		}
	}
	return out
}

// clockwise returns the polygon running clockwise (y up) when cw, else
// counter-clockwise.
func clockwise(p [][2]int16, cw bool) [][2]int16 {
	area := 0.0
	for i := range p {
		a, b := p[i], p[(i+1)%len(p)]
		area += float64(a[0])*float64(b[1]) - float64(b[0])*float64(a[1])
	}
	if (area < 0) != cw { // a negative area runs clockwise
		for i, j := 0, len(p)-1; i < j; i, j = i+1, j-1 {
			p[i], p[j] = p[j], p[i]
		}
	}
	return p
}

// glyphData encodes polygons as a TrueType simple glyph, every point on
// the curve, and returns it with its left side bearing (xMin).
func glyphData(contours [][][2]int16) ([]byte, int16) {
	xMin, yMin, xMax, yMax := int16(math.MaxInt16), int16(math.MaxInt16), int16(math.MinInt16), int16(math.MinInt16)
	var ends []uint16
	var pts [][2]int16
	for _, c := range contours {
		for _, p := range c {
			xMin, xMax = min(xMin, p[0]), max(xMax, p[0])
			yMin, yMax = min(yMin, p[1]), max(yMax, p[1])
		}
		pts = append(pts, c...)
		ends = append(ends, uint16(len(pts)-1))
	}
	g := be.AppendUint16(nil, uint16(len(contours)))
	for _, v := range []int16{xMin, yMin, xMax, yMax} {
		g = be.AppendUint16(g, uint16(v))
	}
	for _, e := range ends {
		g = be.AppendUint16(g, e)
	}
	g = be.AppendUint16(g, 0) // no instructions
	for range pts {
		g = append(g, 0x01) // on the curve; x and y as 16-bit deltas
	}
	var px, py int16
	for _, p := range pts {
		g = be.AppendUint16(g, uint16(p[0]-px))
		px = p[0]
	}
	for _, p := range pts {
		g = be.AppendUint16(g, uint16(p[1]-py))
		py = p[1]
	}
	return g, xMin
}
