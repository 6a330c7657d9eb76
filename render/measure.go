package render

import (
	"strings"
	"unicode/utf8"

	"github.com/asyncgantt/asyncgantt/internal/fonts"
	"github.com/asyncgantt/asyncgantt/internal/safetext"
)

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

// FirstRunes returns the first n runes of s, or s if it is shorter.
func FirstRunes(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}

// Fit returns s, shortened with an ellipsis if needed so that it is at
// most width pixels wide at the given size; "" if not even one character
// and the ellipsis fit. The characters that could reorder or hide text
// are made visible first, as safetext.Mixed writes them, so that what is
// measured is what is drawn; the isolates of parts of the input that
// safetext.Isolate made are kept, and one cut short ends with the
// ellipsis, which then belongs to it.
func Fit(s string, width, size float64, bold bool) string {
	s = safetext.Mixed(s)
	// No glyph is narrower than a tenth of the font size: a longer text
	// cannot fit, and is cut before it is measured, so that a text of a
	// megabyte costs what a line does.
	cut := false
	if limit := int(width/(size*0.1)) + 2; len(s) > 4*limit {
		s, cut = FirstRunes(s, limit), true
	}
	width += fitSlack // a width computed from a text's own may round below it
	if !cut && TextWidth(s, size, bold) <= width {
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
	// The ellipsis follows a character, not a space or an ellipsis of s's
	// own ("wi……").
	head := strings.TrimRight(string(r[:lo]), " …")
	if head == "" {
		return ""
	}
	return safetext.Close(head + "…")
}

// fitSlack is how far, in pixels, Fit lets a text exceed its width:
// far less than anything visible, and enough for rounding.
const fitSlack = 1e-6

// maxHeadLines is how many lines a figure's title, and its message, wrap
// onto at most.
const maxHeadLines = 3

// Wrap breaks s into lines at most width pixels wide at the given size,
// at spaces where it can (a word wider than a line is broken where it
// must), and returns at most maxLines of them (0 for no limit), the last
// shortened with an ellipsis if s does not fit in them. The first line
// keeps s's indentation (a printed line's, as in a traceback); the
// others start at a word. It returns one line, "", for an empty s. Like
// Fit, it escapes what safetext.Mixed escapes; an isolated part of the
// input broken over lines is isolated on each.
func Wrap(s string, width, size float64, bold bool, maxLines int) []string {
	var lines []string
	rest := strings.TrimRight(safetext.Mixed(s), " ")
	for rest != "" {
		if maxLines > 0 && len(lines) == maxLines-1 {
			return append(lines, Fit(rest, width, size, bold))
		}
		line, tail := breakLine(rest, width, size, bold)
		rest = strings.TrimLeft(tail, " ")
		if safetext.Open(line) {
			// A line break ends an isolate: the part of the input
			// broken over two lines is isolated on each.
			line = safetext.Close(line)
			if after, ok := strings.CutPrefix(rest, string(safetext.PDI)); ok {
				rest = strings.TrimLeft(after, " ")
			} else if rest != "" {
				rest = string(safetext.FSI) + rest
			}
		}
		lines = append(lines, line)
	}
	if len(lines) == 0 {
		lines = []string{""}
	}
	return lines
}

// breakLine returns the longest head of s that fits in width, ending at a
// space where one lets it, and the rest.
func breakLine(s string, width, size float64, bold bool) (line, rest string) {
	if TextWidth(s, size, bold) <= width {
		return s, ""
	}
	fit := 0 // bytes of s that fit
	w := 0.0
	for i, r := range s {
		w += fonts.SafeAdvance(r, bold) * size
		if w > width {
			break
		}
		fit = i + utf8.RuneLen(r)
	}
	if strings.TrimLeft(s[:fit], string(safetext.FSI)) == "" {
		// Not even one character: take one anyway, with the isolate it
		// starts, if any.
		n := 0
		for {
			r, size := utf8.DecodeRuneInString(s[n:])
			n += size
			if r != safetext.FSI || n == len(s) {
				return s[:n], s[n:]
			}
		}
	}
	if sp := strings.LastIndexByte(s[:fit+min(1, len(s)-fit)], ' '); sp > 0 {
		return strings.TrimRight(s[:sp], " "), s[sp:]
	}
	return s[:fit], s[fit:]
}
