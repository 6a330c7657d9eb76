package svg

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	svgo "github.com/ajstarks/svgo/float"

	"github.com/asyncgantt/asyncgantt/internal/safetext"
	"github.com/asyncgantt/asyncgantt/render"
)

func init() {
	render.RegisterFigureFormat("svg", []string{".svg"}, func(w io.Writer, f *render.Figure, _ *render.Document) error {
		return Write(w, f)
	})
}

// Write writes the figure as a standalone SVG document. The document is
// built in memory and written with one call, so w receives all of it or an
// error is returned.
func Write(w io.Writer, f *render.Figure) error {
	var buf bytes.Buffer
	writeSVG(&buf, f)
	_, err := w.Write(buf.Bytes())
	return err
}

// attr returns name="value" with the value escaped.
func attr(name, value string) string { return name + `="` + Attr(value) + `"` }

// num formats a coordinate with at most two decimals and no trailing zeros.
func num(v float64) string {
	s := strconv.FormatFloat(v, 'f', 2, 64)
	s = strings.TrimRight(s, "0")
	s = strings.TrimSuffix(s, ".")
	if s == "-0" {
		return "0"
	}
	return s
}

func writeSVG(buf *bytes.Buffer, f *render.Figure) {
	c := svgo.New(buf)
	c.Decimals = 2
	c.Start(f.Width, f.Height,
		attr("viewBox", fmt.Sprintf("0 0 %s %s", num(f.Width), num(f.Height))),
		attr("role", "img"),
		attr("aria-labelledby", "fig-title fig-desc"),
		attr("font-family", render.FontFamily),
		// Texts keep their spaces (two in a row, leading ones: a printed
		// line's indentation), as the layout measured them and the PNG
		// draws them: xml:space for librsvg, white-space (below) for
		// browsers, which deprecate xml:space.
		attr("xml:space", "preserve"),
	)
	buf.WriteString(`<title id="fig-title">`)
	xml.EscapeText(buf, []byte(cleanText(f.Title)))
	buf.WriteString("</title>\n")
	buf.WriteString(`<desc id="fig-desc">`)
	xml.EscapeText(buf, []byte(cleanText(f.Desc)))
	buf.WriteString("</desc>\n")
	writeStyle(buf, f)
	writePatterns(c, buf, f.Theme)
	c.Rect(0, 0, f.Width, f.Height, attr("fill", f.Theme.Background))
	w := &svgWriter{c: c, buf: buf, t: f.Theme}
	if f.Animation != nil && f.Span > 0 {
		w.anim = newPlayer(f.Animation, f.Span)
	}
	for i, it := range f.Items {
		w.item(i, it)
	}
	c.End()
}

// writeStyle writes the subsets of the Go fonts the figure's texts use,
// then the theme as CSS classes, in sorted order.
func writeStyle(buf *bytes.Buffer, f *render.Figure) {
	t := f.Theme
	classes := make([]string, 0, len(t.Styles))
	for k := range t.Styles {
		classes = append(classes, k)
	}
	slices.Sort(classes)
	buf.WriteString("<style>\n")
	writeFonts(buf, f)
	for _, k := range classes {
		s := t.Styles[k]
		var decl []string
		fill := s.Fill
		if fill == "" {
			fill = "none"
		}
		decl = append(decl, "fill:"+fill)
		if s.Stroke != "" {
			decl = append(decl, "stroke:"+s.Stroke, "stroke-width:"+num(s.StrokeWidth))
		}
		if s.Dash != "" {
			decl = append(decl, "stroke-dasharray:"+s.Dash)
		}
		if s.Halo {
			decl = append(decl, "paint-order:stroke", "stroke-linejoin:round")
		}
		if s.Opacity > 0 && s.Opacity < 1 {
			decl = append(decl, "opacity:"+num(s.Opacity))
		}
		fmt.Fprintf(buf, ".%s{%s}\n", k, strings.Join(decl, ";"))
	}
	buf.WriteString("text{white-space:pre;dominant-baseline:alphabetic;text-rendering:geometricPrecision}\n</style>\n")
}

// patternID returns the id of the fill pattern overlaid on class.
func patternID(class string) string { return "pat-" + class }

func writePatterns(c *svgo.SVG, buf *bytes.Buffer, t *render.Theme) {
	classes := make([]string, 0, len(t.Styles))
	for k, s := range t.Styles {
		if s.Pattern != "" {
			classes = append(classes, k)
		}
	}
	if len(classes) == 0 {
		return
	}
	slices.Sort(classes)
	c.Def()
	for _, k := range classes {
		s := t.Styles[k]
		ink := attr("stroke", s.PatternColor)
		switch s.Pattern {
		case "hatch":
			c.Pattern(Attr(patternID(k)), 0, 0, 6, 6, "user", attr("patternTransform", "rotate(45)"))
			c.Line(0, 0, 0, 6, ink, attr("stroke-width", "2"))
		case "dots":
			c.Pattern(Attr(patternID(k)), 0, 0, 5, 5, "user")
			c.Circle(2.5, 2.5, 1.1, attr("fill", s.PatternColor))
		case "cross":
			c.Pattern(Attr(patternID(k)), 0, 0, 6, 6, "user")
			c.Line(0, 3, 6, 3, ink, attr("stroke-width", "0.7"))
		}
		c.PatternEnd()
	}
	c.DefEnd()
}

// svgWriter writes items, animating timed ones when anim is set.
type svgWriter struct {
	c    *svgo.SVG
	buf  *bytes.Buffer
	t    *render.Theme
	anim *player
}

func (w *svgWriter) item(index int, it render.Item) {
	c, buf := w.c, w.buf
	if it.Kind == render.Cursor && w.anim == nil {
		return // a cursor exists only while the figure plays
	}
	if it.Tip != "" {
		buf.WriteString("<g>")
		buf.WriteString("<title>")
		xml.EscapeText(buf, []byte(cleanText(it.Tip)))
		buf.WriteString("</title>")
	}
	var id, overlay string
	attrs := []string{attr("class", it.Class)}
	if w.anim != nil && it.Timed {
		id = "a" + strconv.Itoa(index)
		attrs = append([]string{attr("id", id)}, attrs...)
	}
	switch it.Kind {
	case render.Rect:
		if it.Radius > 0 {
			c.Roundrect(it.X, it.Y, it.W, it.H, it.Radius, it.Radius, attrs...)
		} else {
			c.Rect(it.X, it.Y, it.W, it.H, attrs...)
		}
		if s := w.t.Styles[it.Class]; s.Pattern != "" {
			pa := []string{attr("fill", "url(#"+patternID(it.Class)+")"), attr("stroke", "none")}
			if id != "" {
				overlay = id + "p"
				pa = append([]string{attr("id", overlay)}, pa...)
			}
			c.Rect(it.X, it.Y, it.W, it.H, pa...)
		}
	case render.Line:
		c.Line(it.X, it.Y, it.X+it.W, it.Y+it.H, attrs...)
	case render.Diamond:
		r := it.W
		c.Polygon([]float64{it.X, it.X + r, it.X, it.X - r}, []float64{it.Y - r, it.Y, it.Y + r, it.Y}, attrs...)
	case render.Text:
		attrs = append(attrs, attr("font-size", num(it.Size)))
		switch it.Anchor {
		case render.Middle:
			attrs = append(attrs, attr("text-anchor", "middle"))
		case render.End:
			attrs = append(attrs, attr("text-anchor", "end"))
		}
		if it.Bold {
			attrs = append(attrs, attr("font-weight", "bold"))
		}
		w.text(it, attrs)
	case render.Cursor:
		c.Line(it.X, it.Y, it.X, it.Y+it.H, append(attrs, attr("visibility", "hidden"))...)
	}
	if id != "" {
		w.anim.animate(buf, id, it)
		if overlay != "" {
			w.anim.animate(buf, overlay, it)
		}
	}
	if it.Tip != "" {
		buf.WriteString("</g>\n")
	}
}

// text writes a Text item. Each part of the input the layout isolated
// (see render.Item.Text) is a tspan of its own with unicode-bidi:
// plaintext: an isolate whose direction is that of its first letter, as
// FSI and HTML's <bdi> give it. A presentation attribute, rather than the
// marks themselves, so that a viewer that does not know isolates draws
// the text as it would without them, never a missing-glyph box; Chromium
// and librsvg lay it out as the marks (TestBrowserBidi).
func (w *svgWriter) text(it render.Item, attrs []string) {
	s := cleanLine(it.Text)
	if !strings.ContainsRune(s, safetext.FSI) {
		w.c.Text(it.X, it.Y, s, attrs...)
		return
	}
	w.c.Textspan(it.X, it.Y, "", attrs...)
	for part, isolated := range safetext.Parts(s) {
		if isolated {
			w.c.Span(part, attr("unicode-bidi", "plaintext"))
		} else {
			w.c.Span(part)
		}
	}
	w.c.TextEnd()
}
