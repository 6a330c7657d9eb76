package fonts

import (
	"sync"
	"unicode"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// Two measures of a text's width. GoWidth is how wide the Go fonts draw
// it: what the PNG and PDF emitters draw, and what a browser draws with
// the subset of the Go fonts an SVG embeds. SafeWidth is at least as wide
// as any font a viewer may draw it in: a viewer that ignores embedded
// fonts (librsvg, Inkscape, LaTeX's svg package) falls back along the
// font stack (Family), and of its fonts DejaVu Sans, the default sans
// serif of most Linux systems, is by far the widest. A layout that leaves
// SafeWidth for a label therefore fits it in every viewer.

// Family is the CSS font stack figures ask for: the Go fonts (embedded as
// EmbeddedFamily, or installed), then the common sans serifs, narrower
// than the widths SafeWidth measures.
const Family = `'` + EmbeddedFamily + `', Go, 'Helvetica Neue', Helvetica, Arial, 'Liberation Sans', 'DejaVu Sans', sans-serif`

// EmbeddedFamily is the font-family name under which an SVG embeds its
// subset of the Go fonts: a name of its own, so that it never stands for
// another font installed on the viewer's machine.
const EmbeddedFamily = "asyncgantt Go"

// goDense is how many characters, from U+0000, the Go advance tables hold
// directly; beyond, the font is asked.
const goDense = 0x3000

// goMetrics are the Go fonts' advances in ems by character, 0 where the
// font has no glyph.
type goMetrics struct {
	dense [goDense]float32
	font  *sfnt.Font
	mu    sync.Mutex
	buf   sfnt.Buffer
	upem  float64
}

var (
	goOnce    sync.Once
	goAdvance [2]*goMetrics // regular, bold
)

// safeDense holds SafeAdvance of the characters below goDense, by weight.
var safeDense [2][goDense]float32

func loadGoMetrics() {
	for i, bold := range []bool{false, true} {
		f := Go(bold)
		// An opentype.Font is an sfnt.Font.
		m := &goMetrics{font: f, upem: float64(f.UnitsPerEm())}
		for r := rune(0); r < goDense; r++ {
			m.dense[r] = float32(m.lookup(r))
		}
		goAdvance[i] = m
		for r := rune(0); r < goDense; r++ {
			safeDense[i][r] = float32(safeAdvance(r, bold))
		}
	}
}

// lookup asks the font for r's advance in ems; 0 when it has no glyph.
func (m *goMetrics) lookup(r rune) float64 {
	m.mu.Lock()
	defer m.mu.Unlock()
	gi, err := m.font.GlyphIndex(&m.buf, r)
	if err != nil || gi == 0 {
		return 0
	}
	adv, err := m.font.GlyphAdvance(&m.buf, gi, fixed.I(int(m.upem)), font.HintingNone)
	if err != nil {
		return 0
	}
	return float64(adv) / 64 / m.upem
}

func (m *goMetrics) advance(r rune) (float64, bool) {
	if r >= 0 && r < goDense {
		a := m.dense[r]
		return float64(a), a > 0
	}
	a := m.lookup(r)
	return a, a > 0
}

// HasGlyph reports whether the Go font, regular or bold, has a glyph for r.
func HasGlyph(r rune, bold bool) bool {
	goOnce.Do(loadGoMetrics)
	_, ok := goAdvance[index(bold)].advance(r)
	return ok
}

func index(bold bool) int {
	if bold {
		return 1
	}
	return 0
}

// SafeAdvance returns the advance of r in ems at least as wide as any
// font of Family draws it in: the larger of the Go font's and DejaVu
// Sans's; for a character neither has, an estimate of what a fallback
// font gives it — none for marks and format characters, a full em for
// wide (East Asian) characters and emoji (a little more), an em for
// others.
func SafeAdvance(r rune, bold bool) float64 {
	goOnce.Do(loadGoMetrics)
	if r >= 0 && r < goDense {
		return float64(safeDense[index(bold)][r])
	}
	return safeAdvance(r, bold)
}

// safeAdvance computes SafeAdvance; the Go metrics are loaded.
func safeAdvance(r rune, bold bool) float64 {
	g, okG := goAdvance[index(bold)].advance(r)
	t := &dejavuRegular
	if bold {
		t = &dejavuBold
	}
	d, okD := t.advance(r)
	if okG || okD {
		return max(g, d)
	}
	switch {
	case unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf, unicode.Cc) || unicode.Is(unicode.Variation_Selector, r):
		return 0
	case r >= 0x1F000 && r <= 0x1FAFF:
		return 1.25 // emoji: Noto Color Emoji is 1.245 em wide
	}
	// Wide and fullwidth characters are an em wide; an em is ample for
	// the letters of other scripts.
	return 1
}

// SafeWidth returns the width of s in pixels at size pixels, at least as
// wide as any font of Family draws it in (see SafeAdvance). Kerning only
// narrows text in these fonts, and is not counted.
func SafeWidth(s string, size float64, bold bool) float64 {
	goOnce.Do(loadGoMetrics)
	dense := &safeDense[index(bold)]
	em := 0.0
	for _, r := range s {
		if r >= 0 && r < goDense {
			em += float64(dense[r])
		} else {
			em += safeAdvance(r, bold)
		}
	}
	return em * size
}

var (
	faceMu sync.Mutex
	faces  = map[faceKey]font.Face{}
)

type faceKey struct {
	size float64
	bold bool
}

// GoWidth returns the width of s in pixels at size pixels as the Go
// font's faces draw it (NewFace, with advances rounded as font.Drawer
// rounds them); a character the font lacks takes the width of its
// missing-glyph box.
func GoWidth(s string, size float64, bold bool) float64 {
	faceMu.Lock()
	defer faceMu.Unlock()
	k := faceKey{size, bold}
	f, ok := faces[k]
	if !ok {
		f = NewFace(size, bold)
		faces[k] = f
	}
	return float64(font.MeasureString(f, s)) / 64
}
