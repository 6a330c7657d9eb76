package render

import "github.com/asyncgantt/asyncgantt/internal/fonts"

// FontFamily is the CSS font stack figures ask for: the subset of the Go
// fonts an SVG embeds, then the Go fonts if installed, then common sans
// serifs. Labels are measured with TextWidth, which is at least as wide
// as any of them draws a text (DejaVu Sans, the widest, included), so
// they fit whichever a viewer uses.
const FontFamily = fonts.Family

// TextWidth returns the room s takes in pixels at the given font size in
// pixels: at least its width in every font of FontFamily, the Go fonts
// and DejaVu Sans included (see fonts.SafeWidth). The layout leaves this
// room for every label.
func TextWidth(s string, size float64, bold bool) float64 {
	return fonts.SafeWidth(s, size, bold)
}

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
