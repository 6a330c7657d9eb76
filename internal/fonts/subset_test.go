package fonts

import (
	"bytes"
	"testing"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

func TestSubset(t *testing.T) {
	const text = "Async basics: Zadanie współbieżność — 2.0× faster … ✓ ✗ ⊘ ⚠"
	for _, bold := range []bool{false, true} {
		data, err := Subset(text, bold)
		if err != nil {
			t.Fatal(err)
		}
		again, _ := Subset(text, bold)
		if !bytes.Equal(data, again) {
			t.Errorf("bold=%v: two subsets of one text differ", bold)
		}
		f, err := sfnt.Parse(data)
		if err != nil {
			t.Fatalf("bold=%v: the subset does not parse: %v", bold, err)
		}
		orig := Go(bold)
		var b1, b2 sfnt.Buffer
		for _, r := range text {
			g0, _ := orig.GlyphIndex(&b1, r)
			g1, err := f.GlyphIndex(&b2, r)
			if err != nil {
				t.Fatal(err)
			}
			if IsSymbol(r) {
				// Drawn from its strokes, in the missing-glyph box's advance.
				a0, _ := orig.GlyphAdvance(&b1, 0, fixed.I(2048), font.HintingNone)
				a1, _ := f.GlyphAdvance(&b2, g1, fixed.I(2048), font.HintingNone)
				segs, err := f.LoadGlyph(&b2, g1, fixed.I(100), nil)
				if g0 != 0 || g1 == 0 || a0 != a1 || err != nil || len(segs) < 8 {
					t.Errorf("bold=%v: symbol %q: glyph %d (Go %d), advance %v (box %v), %d segments (%v)", bold, r, g1, g0, a1, a0, len(segs), err)
				}
				continue
			}
			if (g0 == 0) != (g1 == 0) {
				t.Errorf("bold=%v: %q has glyph %d in the Go font, %d in the subset", bold, r, g0, g1)
				continue
			}
			if g0 == 0 {
				continue
			}
			a0, _ := orig.GlyphAdvance(&b1, g0, fixed.I(2048), font.HintingNone)
			a1, _ := f.GlyphAdvance(&b2, g1, fixed.I(2048), font.HintingNone)
			if a0 != a1 {
				t.Errorf("bold=%v: %q advance %v, in the subset %v", bold, r, a0, a1)
			}
			s0, err0 := orig.LoadGlyph(&b1, g0, fixed.I(100), nil)
			s1, err1 := f.LoadGlyph(&b2, g1, fixed.I(100), nil)
			if err0 != nil || err1 != nil || len(s0) != len(s1) {
				t.Errorf("bold=%v: %q outline: %d segments (%v), in the subset %d (%v)", bold, r, len(s0), err0, len(s1), err1)
			}
		}
		if g, _ := f.GlyphIndex(&b2, 'Q'); g != 0 {
			t.Errorf("bold=%v: Q, not in the text, has glyph %d in the subset", bold, g)
		}
		if n := f.NumGlyphs(); n > 60 {
			t.Errorf("bold=%v: %d glyphs, want at most 60", bold, n)
		}
		t.Logf("bold=%v: %d bytes, %d glyphs", bold, len(data), f.NumGlyphs())
	}
}

func BenchmarkSubset(b *testing.B) {
	const text = "Async basics Sequential 6.0 s, Concurrent 3.0 s (2.0× faster), Blocking 6.0 s (1.0× — no gain) waiting (await) ready, not running blocked (holds the loop) event loop main A B C sleep 2 s gather(A, B, C) time.sleep(2) 0 1 2 3 4 5 6 s elapsed time since the run started"
	for b.Loop() {
		if _, err := Subset(text, false); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSafeWidth(b *testing.B) {
	for b.Loop() {
		SafeWidth("gather(download_the_first_file, parse, b) — 2.0× faster", 14, false)
	}
}
