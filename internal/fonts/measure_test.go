package fonts

import (
	"os"
	"testing"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// TestDejaVuWidths checks the generated table against the DejaVu fonts
// Debian installs, where they are (as on CI): every character of the
// table's ranges the font has must have its advance. Elsewhere it skips;
// the table is generated from those files (go generate).
func TestDejaVuWidths(t *testing.T) {
	for _, f := range []struct {
		file  string
		table *widthTable
	}{{"DejaVuSans.ttf", &dejavuRegular}, {"DejaVuSans-Bold.ttf", &dejavuBold}} {
		data, err := os.ReadFile("/usr/share/fonts/truetype/dejavu/" + f.file)
		if err != nil {
			t.Skipf("no DejaVu fonts here (apt-get install fonts-dejavu-core): %v", err)
		}
		fnt, err := sfnt.Parse(data)
		if err != nil {
			t.Fatal(err)
		}
		var buf sfnt.Buffer
		upem := int(fnt.UnitsPerEm())
		checked := 0
		for _, r := range "AaWwMm0123 .,;:!?()[]{}—–…×→·ąćęłńóśźżĄĆĘŁŃÓŚŹŻ✓✗⊘⚠ΩЖ" {
			gi, err := fnt.GlyphIndex(&buf, r)
			if err != nil || gi == 0 {
				t.Errorf("%s has no %q", f.file, r)
				continue
			}
			adv, _ := fnt.GlyphAdvance(&buf, gi, fixed.I(upem), font.HintingNone)
			want := float64(int(adv+32)>>6) / float64(upem)
			if got, ok := f.table.advance(r); !ok || got != want {
				t.Errorf("%s %q: table %v (%v), font %v", f.file, r, got, ok, want)
			}
			checked++
		}
		if checked < 50 {
			t.Errorf("checked %d characters", checked)
		}
	}
}

// TestSafeWidthCoversBoth checks that SafeWidth is at least as wide as
// the Go font draws a text and as DejaVu Sans would, and that marks and
// format characters take no room.
func TestSafeWidthCoversBoth(t *testing.T) {
	for _, s := range []string{"Async basics", "Zadanie: współbieżność", "✗ ValueError: boom", "2.0× faster — ok…", "WWWWiiii", "日本語"} {
		for _, bold := range []bool{false, true} {
			safe := SafeWidth(s, 20, bold)
			if g := GoWidth(s, 20, bold); safe < g-0.01 {
				t.Errorf("%q bold=%v: SafeWidth %v is narrower than the Go font's %v", s, bold, safe, g)
			}
			table := &dejavuRegular
			if bold {
				table = &dejavuBold
			}
			d := 0.0
			for _, r := range s {
				a, _ := table.advance(r)
				d += a * 20
			}
			if safe < d-0.01 {
				t.Errorf("%q bold=%v: SafeWidth %v is narrower than DejaVu's %v", s, bold, safe, d)
			}
		}
	}
	if w := SafeWidth("e\u0301\u2068\u2069\u200d", 20, false); w != SafeWidth("e", 20, false) {
		t.Errorf("a combining mark and format characters take room: %v", w)
	}
	if w := SafeWidth("日", 10, false); w != 10 {
		t.Errorf("a CJK character (neither font has) is given %v px at 10 px, want an em", w)
	}
}
