package fonts

import (
	"math"
	"sync"
	"sync/atomic"
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

// goDense is how many characters, from U+0000, the advance caches hold
// directly; beyond, the fonts are asked every time.
const goDense = 0x3000

// goMetrics gives a Go font's advances in ems by character, 0 where the
// font has no glyph.
type goMetrics struct {
	font *sfnt.Font
	mu   sync.Mutex
	buf  sfnt.Buffer
	upem float64
}

var (
	goOnce    sync.Once
	goAdvance [2]*goMetrics // regular, bold
	// safeCache holds SafeAdvance of the characters below goDense, by
	// weight, as float32 bits plus one: 0 until it is first asked for. A
	// figure uses a few dozen characters; filling the table up front would
	// cost every process milliseconds.
	safeCache [2][goDense]atomic.Uint32
)

func loadGoMetrics() {
	for i, bold := range []bool{false, true} {
		f := Go(bold) // an opentype.Font is an sfnt.Font
		goAdvance[i] = &goMetrics{font: f, upem: float64(f.UnitsPerEm())}
	}
}

// advance returns r's advance in ems, and whether the font has a glyph
// for it.
func (m *goMetrics) advance(r rune) (float64, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	gi, err := m.font.GlyphIndex(&m.buf, r)
	if err != nil || gi == 0 {
		return 0, false
	}
	adv, err := m.font.GlyphAdvance(&m.buf, gi, fixed.I(int(m.upem)), font.HintingNone)
	if err != nil {
		return 0, false
	}
	return float64(adv) / 64 / m.upem, true
}

// HasGlyph reports whether the Go font, regular or bold, has a glyph for r.
func HasGlyph(r rune, bold bool) bool {
	goOnce.Do(loadGoMetrics)
	_, ok := goAdvance[index(bold)].advance(r)
	return ok
}

// Embeds reports whether the subset an SVG embeds draws r: the Go font
// has a glyph for it, or it is a symbol drawn from strokes (IsSymbol).
func Embeds(r rune, bold bool) bool { return IsSymbol(r) || HasGlyph(r, bold) }

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
	return cachedSafeAdvance(r, bold)
}

// cachedSafeAdvance is SafeAdvance through safeCache; the Go metrics are
// loaded.
func cachedSafeAdvance(r rune, bold bool) float64 {
	if r < 0 || r >= goDense {
		return safeAdvance(r, bold)
	}
	c := &safeCache[index(bold)][r]
	if v := c.Load(); v != 0 {
		return float64(math.Float32frombits(v - 1))
	}
	a := safeAdvance(r, bold)
	c.Store(math.Float32bits(float32(a)) + 1)
	return a
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
	em := 0.0
	for _, r := range s {
		em += cachedSafeAdvance(r, bold)
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
