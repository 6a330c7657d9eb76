package svg

import (
	"bytes"
	"encoding/base64"
	"strings"

	"github.com/asyncgantt/asyncgantt/internal/fonts"
	"github.com/asyncgantt/asyncgantt/internal/safetext"
	"github.com/asyncgantt/asyncgantt/render"
)

// writeFonts writes an @font-face rule for each weight of the Go font the
// figure's texts use, with the subset of its glyphs they need as a data
// URI: a browser then draws every label in the font the layout measured
// it with, exactly where the PNG and PDF draw it. Viewers that ignore
// embedded fonts fall back along render.FontFamily, for which the layout
// left room (see render.TextWidth).
func writeFonts(buf *bytes.Buffer, f *render.Figure) {
	var regular, bold strings.Builder
	for _, it := range f.Items {
		if it.Kind != render.Text {
			continue
		}
		if it.Bold {
			bold.WriteString(safetext.Strip(cleanLine(it.Text)))
		} else {
			regular.WriteString(safetext.Strip(cleanLine(it.Text)))
		}
	}
	for _, w := range []struct {
		text   string
		bold   bool
		weight string
	}{{regular.String(), false, "400"}, {bold.String(), true, "700"}} {
		if !usesGo(w.text, w.bold) {
			continue
		}
		data, err := fonts.Subset(w.text, w.bold)
		if err != nil {
			continue // the embedded Go fonts are known to parse; the stack's fallbacks still apply
		}
		buf.WriteString("@font-face{font-family:'" + fonts.EmbeddedFamily + "';font-weight:" + w.weight +
			";src:url(data:font/ttf;base64,")
		buf.WriteString(base64.StdEncoding.EncodeToString(data))
		buf.WriteString(") format('truetype')}\n")
	}
}

// usesGo reports whether the embedded font draws a character of s.
func usesGo(s string, bold bool) bool {
	for _, r := range s {
		if fonts.Embeds(r, bold) {
			return true
		}
	}
	return false
}
