package pdf

import (
	"bytes"
	"io"
	"math"
	"strconv"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"

	"github.com/asyncgantt/asyncgantt/internal/fonts"
	"github.com/asyncgantt/asyncgantt/internal/paint"
	"github.com/asyncgantt/asyncgantt/render"
)

func init() {
	render.RegisterFigureFormat("pdf", []string{".pdf"}, func(w io.Writer, f *render.Figure, _ *render.Document) error {
		return Write(w, f)
	})
}

// pdfPointsPerPixel maps figure pixels to PDF points at CSS's 96 pixels
// per inch, so the page is as large as the SVG shown at 100%.
const pdfPointsPerPixel = 0.75

// MaxPagePoints is the largest side of a PDF page, in points: 200 inches,
// the limit of ISO 32000-1 (annex C) that viewers such as Acrobat hold
// to. A figure whose page would be larger (wider than 19,200 pixels, or a
// figure of thousands of lanes drawn with Exact) is scaled down to fit:
// it is vector, so it loses nothing but its size at 100%.
const MaxPagePoints = 14400

// pointsPerPixel returns the scale of a figure's page: pdfPointsPerPixel,
// or less for a page that would be larger than MaxPagePoints.
func pointsPerPixel(f *render.Figure) float64 {
	return math.Min(pdfPointsPerPixel, MaxPagePoints/math.Max(f.Width, f.Height))
}

// Write writes the figure as a one-page vector PDF sized to the figure, with
// the Go fonts the layout measured labels with embedded (subset), so text
// is selectable and sits where the SVG puts it. The bytes are
// deterministic: the document's dates are fixed. The page is at most
// MaxPagePoints on a side.
func Write(w io.Writer, f *render.Figure) error {
	k := pointsPerPixel(f)
	doc := fpdf.NewCustom(&fpdf.InitType{
		UnitStr: "pt",
		Size:    fpdf.SizeType{Wd: f.Width * k, Ht: f.Height * k},
	})
	epoch := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	doc.SetCreationDate(epoch)
	doc.SetModificationDate(epoch)
	doc.SetCatalogSort(true)
	doc.SetCompression(true)
	doc.SetTitle(f.Title, true)
	doc.SetSubject(f.Desc, true)
	doc.SetCreator("asyncgantt", true)
	doc.SetProducer("asyncgantt", true)
	doc.SetMargins(0, 0, 0)
	doc.SetAutoPageBreak(false, 0)
	doc.AddUTF8FontFromBytes("Go", "", goregular.TTF)
	doc.AddUTF8FontFromBytes("Go", "B", gobold.TTF)
	doc.AddPage()
	p := &pdfPainter{doc: doc, k: k, theme: f.Theme}
	p.fillRect(0, 0, f.Width, f.Height, f.Theme.Background)
	for _, it := range f.Items {
		p.item(it)
	}
	var buf bytes.Buffer
	if err := doc.Output(&buf); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}

type pdfPainter struct {
	doc   *fpdf.Fpdf
	k     float64
	theme *render.Theme
}

func (p *pdfPainter) rgb(s string) (int, int, int) {
	c := paint.ParseColor(s)
	return int(c.R), int(c.G), int(c.B)
}

func (p *pdfPainter) fillRect(x, y, w, h float64, fill string) {
	p.doc.SetFillColor(p.rgb(fill))
	p.doc.Rect(x*p.k, y*p.k, w*p.k, h*p.k, "F")
}

func (p *pdfPainter) stroke(s render.Style) {
	p.doc.SetDrawColor(p.rgb(s.Stroke))
	p.doc.SetLineWidth(s.StrokeWidth * p.k)
	var dash []float64
	for _, f := range strings.Fields(s.Dash) {
		if v, err := strconv.ParseFloat(f, 64); err == nil {
			dash = append(dash, v*p.k)
		}
	}
	p.doc.SetDashPattern(dash, 0)
}

func (p *pdfPainter) item(it render.Item) {
	s := p.theme.Styles[it.Class]
	k := p.k
	switch it.Kind {
	case render.Rect:
		if it.Radius > 0 {
			style := ""
			if s.Fill != "" {
				p.doc.SetFillColor(p.rgb(s.Fill))
				style += "F"
			}
			if s.Stroke != "" && s.StrokeWidth > 0 {
				p.stroke(s)
				style += "D"
			}
			if style != "" {
				r := math.Min(it.Radius, math.Min(it.W, it.H)/2)
				p.doc.RoundedRect(it.X*k, it.Y*k, it.W*k, it.H*k, r*k, "1234", style)
			}
			return
		}
		if s.Fill != "" {
			p.fillRect(it.X, it.Y, it.W, it.H, s.Fill)
		}
		if s.Pattern != "" {
			p.pattern(it, s)
		}
		if s.Stroke != "" && s.StrokeWidth > 0 {
			p.stroke(s)
			p.doc.Rect(it.X*k, it.Y*k, it.W*k, it.H*k, "D")
		}
	case render.Line:
		if s.Stroke != "" {
			p.stroke(s)
			p.doc.Line(it.X*k, it.Y*k, (it.X+it.W)*k, (it.Y+it.H)*k)
		}
	case render.Diamond:
		r := it.W
		pts := []fpdf.PointType{{X: it.X * k, Y: (it.Y - r) * k}, {X: (it.X + r) * k, Y: it.Y * k}, {X: it.X * k, Y: (it.Y + r) * k}, {X: (it.X - r) * k, Y: it.Y * k}}
		style := ""
		if s.Fill != "" {
			p.doc.SetFillColor(p.rgb(s.Fill))
			style += "F"
		}
		if s.Stroke != "" {
			p.stroke(s)
			style += "D"
		}
		if style != "" {
			p.doc.Polygon(pts, style)
		}
	case render.Text:
		p.text(it, s)
	}
}

// pattern draws a rectangle's fill pattern as clipped vector strokes.
func (p *pdfPainter) pattern(it render.Item, s render.Style) {
	k := p.k
	p.doc.ClipRect(it.X*k, it.Y*k, it.W*k, it.H*k, false)
	defer p.doc.ClipEnd()
	ink := render.Style{Stroke: s.PatternColor}
	switch s.Pattern {
	case "hatch":
		ink.StrokeWidth = 1
		p.stroke(ink)
		// Lines 1 px wide where (x+y)/√2 is half a pixel past a multiple
		// of 6: the SVG pattern's line on the tile's edge, clipped by the
		// tile.
		step := 6 * math.Sqrt2
		start := math.Floor((it.X+it.Y)/step)*step + 0.5*math.Sqrt2
		for c := start; c <= it.X+it.W+it.Y+it.H+step; c += step {
			p.doc.Line(it.X*k, (c-it.X)*k, (it.X+it.W)*k, (c-it.X-it.W)*k)
		}
	case "dots":
		p.doc.SetFillColor(p.rgb(s.PatternColor))
		for y := math.Floor(it.Y/5) * 5; y < it.Y+it.H; y += 5 {
			for x := math.Floor(it.X/5) * 5; x < it.X+it.W; x += 5 {
				p.doc.Circle((x+2.5)*k, (y+2.5)*k, 1.1*k, "F")
			}
		}
	case "cross":
		ink.StrokeWidth = 0.7
		p.stroke(ink)
		for y := math.Floor(it.Y/6)*6 + 3; y < it.Y+it.H; y += 6 {
			p.doc.Line(it.X*k, y*k, (it.X+it.W)*k, y*k)
		}
	}
}

func (p *pdfPainter) text(it render.Item, s render.Style) {
	if it.Text == "" {
		return
	}
	style := ""
	if it.Bold {
		style = "B"
	}
	p.doc.SetFont("Go", style, it.Size*p.k)
	x := paint.TextStart(it)
	if s.Halo && s.Stroke != "" {
		p.doc.SetTextRenderingMode(1) // stroke only: the halo under the fill
		p.stroke(render.Style{Stroke: s.Stroke, StrokeWidth: s.StrokeWidth})
		p.doc.SetDrawColor(p.rgb(s.Stroke))
		runs, offsets := paint.TextRuns(it.Text, it.Size, it.Bold)
		for i, run := range runs {
			if r := []rune(run); len(r) != 1 || !paint.IsSymbol(r[0]) {
				p.doc.Text((x+offsets[i])*p.k, it.Y*p.k, encodable(run))
			}
		}
		p.doc.SetTextRenderingMode(0)
	}
	fill := s.Fill
	if fill == "" {
		fill = "#000000"
	}
	p.doc.SetTextColor(p.rgb(fill))
	runs, offsets := paint.TextRuns(it.Text, it.Size, it.Bold)
	for i, run := range runs {
		rx := x + offsets[i]
		if r := []rune(run); len(r) == 1 && paint.IsSymbol(r[0]) {
			// The Go fonts have no glyph for it: draw it as strokes.
			sym := paint.Symbol(r[0], rx, it.Y, fonts.GoWidth(run, it.Size, it.Bold), it.Size)
			p.stroke(render.Style{Stroke: fill, StrokeWidth: sym.Width})
			p.doc.SetLineCapStyle("round")
			for _, l := range sym.Lines {
				p.doc.Line(l[0]*p.k, l[1]*p.k, l[2]*p.k, l[3]*p.k)
			}
			for _, c := range sym.Circles {
				p.doc.Circle(c[0]*p.k, c[1]*p.k, c[2]*p.k, "D")
			}
			p.doc.SetLineCapStyle("butt")
			continue
		}
		p.doc.Text(rx*p.k, it.Y*p.k, encodable(run))
	}
}

// encodable returns s with every character beyond the Basic Multilingual
// Plane (emoji, most of all) replaced by U+E000, a private-use character:
// fpdf encodes a text in two bytes per character and fails on the others.
// The Go fonts have a glyph for neither, so the PDF draws the same
// missing-glyph box for it as the PNG does.
func encodable(s string) string {
	return strings.Map(func(r rune) rune {
		if r > 0xFFFF {
			return '\uE000'
		}
		return r
	}, s)
}
