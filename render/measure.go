package render

import (
	"sync"

	"golang.org/x/image/font"
	"golang.org/x/image/math/fixed"

	"github.com/asyncgantt/asyncgantt/internal/fonts"
)

// FontFamily is the CSS font stack figures ask for. Labels are measured
// with the Go fonts' metrics (embedded, so measurement is the same on every
// machine); the Go font is wider than the stack's fallbacks, so measured
// labels fit in all of them.
const FontFamily = `Go, 'Helvetica Neue', Helvetica, Arial, 'Liberation Sans', 'DejaVu Sans', sans-serif`

var (
	faceMu sync.Mutex
	faces  = map[faceKey]font.Face{}
)

type faceKey struct {
	size float64
	bold bool
}

func face(size float64, bold bool) font.Face {
	k := faceKey{size, bold}
	faceMu.Lock()
	defer faceMu.Unlock()
	if f, ok := faces[k]; ok {
		return f
	}
	f := fonts.NewFace(size, bold)
	faces[k] = f
	return f
}

// TextWidth returns the width of s in pixels at the given font size in
// pixels, measured with the Go font's advance widths.
func TextWidth(s string, size float64, bold bool) float64 {
	f := face(size, bold)
	faceMu.Lock()
	defer faceMu.Unlock()
	return fixedToFloat(font.MeasureString(f, s))
}

func fixedToFloat(x fixed.Int26_6) float64 { return float64(x) / 64 }

// Fit returns s, shortened with an ellipsis if needed so that it is at
// most width pixels wide at the given size; "" if not even one character
// and the ellipsis fit.
func Fit(s string, width, size float64, bold bool) string {
	if TextWidth(s, size, bold) <= width {
		return s
	}
	r := []rune(s)
	lo, hi := 0, len(r)
	for lo < hi { // largest prefix that fits with the ellipsis
		mid := (lo + hi + 1) / 2
		if TextWidth(string(r[:mid])+"…", size, bold) <= width {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	if lo == 0 {
		return ""
	}
	return string(r[:lo]) + "…"
}
