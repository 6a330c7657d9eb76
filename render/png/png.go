package png

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	stdpng "image/png"
	"io"
	"math"
	"strconv"
	"strings"

	"golang.org/x/image/font"
	"golang.org/x/image/math/fixed"
	"golang.org/x/image/vector"

	"github.com/asyncgantt/asyncgantt/internal/fonts"
	"github.com/asyncgantt/asyncgantt/internal/paint"
	"github.com/asyncgantt/asyncgantt/render"
)

func init() {
	render.RegisterFigureFormat("png", []string{".png"}, func(w io.Writer, f *render.Figure, d *render.Document) error {
		return WriteMax(w, f, d.RasterScale(), d.PixelBudget())
	})
}

// Write writes the figure as a PNG image, scale device pixels per figure
// pixel (1, 2 or 3; 2 is sharp on slides). It draws the same items as the
// SVG emitter, with the fonts the layout measured labels with, so bars and
// labels sit where the SVG puts them. The bytes are deterministic. An
// image of more than render.DefaultMaxPixels device pixels is refused
// (see WriteMax).
func Write(w io.Writer, f *render.Figure, scale int) error {
	return WriteMax(w, f, scale, render.DefaultMaxPixels)
}

// WriteMax is Write with a budget of maxPixels device pixels: a larger
// image is refused, before any of it is drawn, with a *render.LimitError
// (Limit "MaxPixels") saying how large it would be.
func WriteMax(w io.Writer, f *render.Figure, scale, maxPixels int) error {
	if scale < 1 || scale > 3 {
		return fmt.Errorf("PNG scale %d is not valid: use 1, 2 or 3", scale)
	}
	W, H := int64(math.Ceil(f.Width*float64(scale))), int64(math.Ceil(f.Height*float64(scale)))
	if px := W * H; px > int64(maxPixels) {
		return &render.LimitError{Limit: "MaxPixels", Need: px, Msg: fmt.Sprintf(
			"the PNG would be %d × %d pixels at scale %d: %s megapixels, %s of memory to draw; PNG images are limited to %s megapixels: draw the figure smaller (width, height, scale) or as SVG or PDF",
			W, H, scale, render.FormatCount(int(px/1e6)), gib(px*4), render.FormatCount(maxPixels/1e6))}
	}
	img := Raster(f, float64(scale))
	var buf bytes.Buffer
	// Best compression takes five times as long for 1-2 % fewer bytes.
	enc := stdpng.Encoder{CompressionLevel: stdpng.DefaultCompression}
	if err := enc.Encode(&buf, img); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// gib writes a number of bytes in GiB or MiB, e.g. "6.0 GiB".
func gib(n int64) string {
	if n >= 1<<30 {
		return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
	}
	return fmt.Sprintf("%d MiB", n>>20)
}

// Raster draws the figure into a new image, scale device pixels per
// figure pixel, however large: see WriteMax for a budget.
func Raster(f *render.Figure, scale float64) *image.RGBA {
	W, H := int(math.Ceil(f.Width*scale)), int(math.Ceil(f.Height*scale))
	p := &painter{
		img:   image.NewRGBA(image.Rect(0, 0, W, H)),
		scale: scale,
		theme: f.Theme,
		faces: map[faceKey]font.Face{},
	}
	draw.Draw(p.img, p.img.Bounds(), image.NewUniform(paint.ParseColor(f.Theme.Background)), image.Point{}, draw.Src)
	for _, it := range f.Items {
		p.item(it)
	}
	return p.img
}

// faceKey is a face's size in device pixels and weight.
type faceKey struct {
	size float64
	bold bool
}

type painter struct {
	img   *image.RGBA
	scale float64
	theme *render.Theme
	ras   vector.Rasterizer
	faces map[faceKey]font.Face
}

// roundedRect returns the outline of a rectangle with corners rounded by
// r, as a polygon: each corner is approximated by 8 segments.
func roundedRect(x, y, w, h, r float64) (xs, ys []float64) {
	r = math.Max(0, math.Min(r, math.Min(w, h)/2))
	corners := [4][3]float64{{x + w - r, y + r, -math.Pi / 2}, {x + w - r, y + h - r, 0}, {x + r, y + h - r, math.Pi / 2}, {x + r, y + r, math.Pi}}
	for _, c := range corners {
		for i := 0; i <= 8; i++ {
			a := c[2] + float64(i)*math.Pi/16
			xs = append(xs, c[0]+r*math.Cos(a))
			ys = append(ys, c[1]+r*math.Sin(a))
		}
	}
	return xs, ys
}

// fillPolygon fills a polygon given in figure pixels.
func (p *painter) fillPolygon(xs, ys []float64, c color.Color) {
	if len(xs) == 4 && ys[0] == ys[1] && xs[1] == xs[2] && ys[2] == ys[3] && xs[3] == xs[0] {
		// An axis-aligned rectangle, as most items are.
		p.fillBox(math.Min(xs[0], xs[1]), math.Min(ys[0], ys[2]), math.Max(xs[0], xs[1]), math.Max(ys[0], ys[2]), c)
		return
	}
	if len(xs) == 4 && xs[0] == xs[1] && ys[1] == ys[2] && xs[2] == xs[3] && ys[3] == ys[0] {
		p.fillBox(math.Min(xs[0], xs[2]), math.Min(ys[0], ys[1]), math.Max(xs[0], xs[2]), math.Max(ys[0], ys[1]), c)
		return
	}
	minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for i := range xs {
		minX, maxX = math.Min(minX, xs[i]*p.scale), math.Max(maxX, xs[i]*p.scale)
		minY, maxY = math.Min(minY, ys[i]*p.scale), math.Max(maxY, ys[i]*p.scale)
	}
	box := image.Rect(int(math.Floor(minX)), int(math.Floor(minY)), int(math.Ceil(maxX)), int(math.Ceil(maxY))).Intersect(p.img.Bounds())
	if box.Empty() {
		return
	}
	p.ras.Reset(box.Dx(), box.Dy())
	ox, oy := float64(box.Min.X), float64(box.Min.Y)
	p.ras.MoveTo(float32(xs[0]*p.scale-ox), float32(ys[0]*p.scale-oy))
	for i := 1; i < len(xs); i++ {
		p.ras.LineTo(float32(xs[i]*p.scale-ox), float32(ys[i]*p.scale-oy))
	}
	p.ras.ClosePath()
	p.ras.Draw(p.img, box, image.NewUniform(c), image.Point{})
}

// fillBox fills the axis-aligned box from (x0, y0) to (x1, y1), in figure
// pixels, with the anti-aliasing the vector rasterizer gives it: each
// device pixel is covered by the area of it inside the box, which for a
// box is the product of its horizontal and vertical coverage. It is the
// rasterizer's result at a fraction of its cost.
func (p *painter) fillBox(x0, y0, x1, y1 float64, c color.Color) {
	s := p.scale
	x0, y0, x1, y1 = x0*s, y0*s, x1*s, y1*s
	b := p.img.Bounds()
	box := image.Rect(int(math.Floor(x0)), int(math.Floor(y0)), int(math.Ceil(x1)), int(math.Ceil(y1))).Intersect(b)
	if box.Empty() {
		return
	}
	cover := func(lo, hi float64, px int) float64 {
		return math.Max(0, math.Min(hi, float64(px+1))-math.Max(lo, float64(px)))
	}
	cx := make([]float64, box.Dx())
	for i := range cx {
		cx[i] = cover(x0, x1, box.Min.X+i)
	}
	sr, sg, sb, sa := c.RGBA()
	const almost65536 = 65535.99609375 // the rasterizer's scale, just under 1<<16
	for py := box.Min.Y; py < box.Max.Y; py++ {
		cy := cover(y0, y1, py)
		if cy == 0 {
			continue
		}
		row := p.img.Pix[p.img.PixOffset(box.Min.X, py):]
		for i, c := range cx {
			cov := c * cy
			if cov >= 1 && sa == 0xffff {
				copy(row[4*i:4*i+4], []byte{uint8(sr >> 8), uint8(sg >> 8), uint8(sb >> 8), 0xff})
				continue
			}
			ma := uint32(almost65536 * min(1, cov))
			if ma == 0 {
				continue
			}
			a := 0xffff - (sa * ma / 0xffff)
			px := row[4*i : 4*i+4 : 4*i+4]
			px[0] = uint8(((uint32(px[0])*0x101*a + sr*ma) / 0xffff) >> 8)
			px[1] = uint8(((uint32(px[1])*0x101*a + sg*ma) / 0xffff) >> 8)
			px[2] = uint8(((uint32(px[2])*0x101*a + sb*ma) / 0xffff) >> 8)
			px[3] = uint8(((uint32(px[3])*0x101*a + sa*ma) / 0xffff) >> 8)
		}
	}
}

func (p *painter) fillRect(x, y, w, h float64, c color.Color) {
	p.fillPolygon([]float64{x, x + w, x + w, x}, []float64{y, y, y + h, y + h}, c)
}

// segment strokes a line of the given width, dashed when dash is set
// ("on off" lengths in figure pixels, as in SVG).
func (p *painter) segment(x1, y1, x2, y2, width float64, dash string, c color.Color) {
	length := math.Hypot(x2-x1, y2-y1)
	if length == 0 || width <= 0 {
		return
	}
	ux, uy := (x2-x1)/length, (y2-y1)/length
	var pattern []float64
	for _, f := range strings.Fields(dash) {
		if v, err := strconv.ParseFloat(f, 64); err == nil && v > 0 {
			pattern = append(pattern, v)
		}
	}
	if len(pattern) == 0 {
		pattern = []float64{length}
	}
	nx, ny := -uy*width/2, ux*width/2
	for pos, i := 0.0, 0; pos < length; i++ {
		seg := pattern[i%len(pattern)]
		end := math.Min(length, pos+seg)
		if i%2 == 0 {
			ax, ay := x1+ux*pos, y1+uy*pos
			bx, by := x1+ux*end, y1+uy*end
			p.fillPolygon([]float64{ax + nx, bx + nx, bx - nx, ax - nx}, []float64{ay + ny, by + ny, by - ny, ay - ny}, c)
		}
		pos = end
	}
}

func (p *painter) item(it render.Item) {
	s := p.theme.Styles[it.Class]
	switch it.Kind {
	case render.Rect:
		if it.Radius > 0 {
			// A rounded rectangle: the stroke as a rounded rectangle grown
			// by half its width, the fill inside it shrunk by as much.
			hw := 0.0
			if s.Stroke != "" {
				hw = s.StrokeWidth / 2
				xs, ys := roundedRect(it.X-hw, it.Y-hw, it.W+2*hw, it.H+2*hw, it.Radius+hw)
				p.fillPolygon(xs, ys, paint.ParseColor(s.Stroke))
			}
			fill := s.Fill
			if fill == "" {
				fill = p.theme.Background
			}
			xs, ys := roundedRect(it.X+hw, it.Y+hw, it.W-2*hw, it.H-2*hw, it.Radius-hw)
			p.fillPolygon(xs, ys, paint.ParseColor(fill))
			return
		}
		if s.Fill != "" {
			p.fillRect(it.X, it.Y, it.W, it.H, paint.ParseColor(s.Fill))
		}
		if s.Pattern != "" {
			p.pattern(it.X, it.Y, it.W, it.H, s.Pattern, paint.ParseColor(s.PatternColor))
		}
		if s.Stroke != "" && s.StrokeWidth > 0 {
			c := paint.ParseColor(s.Stroke)
			x0, y0, x1, y1 := it.X, it.Y, it.X+it.W, it.Y+it.H
			hw := s.StrokeWidth / 2
			p.segment(x0-hw, y0, x1+hw, y0, s.StrokeWidth, s.Dash, c)
			p.segment(x1, y0, x1, y1, s.StrokeWidth, s.Dash, c)
			p.segment(x1+hw, y1, x0-hw, y1, s.StrokeWidth, s.Dash, c)
			p.segment(x0, y1, x0, y0, s.StrokeWidth, s.Dash, c)
		}
	case render.Line:
		if s.Stroke != "" {
			p.segment(it.X, it.Y, it.X+it.W, it.Y+it.H, s.StrokeWidth, s.Dash, paint.ParseColor(s.Stroke))
		}
	case render.Diamond:
		r := it.W
		xs := []float64{it.X, it.X + r, it.X, it.X - r}
		ys := []float64{it.Y - r, it.Y, it.Y + r, it.Y}
		if s.Stroke != "" {
			// The stroke is centred on the outline: fill a diamond grown by
			// half the stroke in the stroke's colour first.
			g := r + s.StrokeWidth/2*math.Sqrt2
			p.fillPolygon([]float64{it.X, it.X + g, it.X, it.X - g}, []float64{it.Y - g, it.Y, it.Y + g, it.Y}, paint.ParseColor(s.Stroke))
			r -= s.StrokeWidth / 2 * math.Sqrt2
			xs = []float64{it.X, it.X + r, it.X, it.X - r}
			ys = []float64{it.Y - r, it.Y, it.Y + r, it.Y}
		}
		if s.Fill != "" {
			p.fillPolygon(xs, ys, paint.ParseColor(s.Fill))
		}
	case render.Text:
		p.text(it, s)
	}
}

// pattern overlays a fill pattern on a rectangle, in the SVG emitter's
// pattern geometry (figure pixels).
func (p *painter) pattern(x, y, w, h float64, kind string, ink color.NRGBA) {
	box := image.Rect(int(math.Floor(x*p.scale)), int(math.Floor(y*p.scale)), int(math.Ceil((x+w)*p.scale)), int(math.Ceil((y+h)*p.scale))).Intersect(p.img.Bounds())
	// mod is a floored modulo: in [0, m) for negative v too.
	mod := func(v, m float64) float64 { return v - m*math.Floor(v/m) }
	for py := box.Min.Y; py < box.Max.Y; py++ {
		fy := (float64(py) + 0.5) / p.scale
		if fy < y || fy > y+h {
			continue
		}
		row := p.img.Pix[p.img.PixOffset(0, py):]
		for px := box.Min.X; px < box.Max.X; px++ {
			fx := (float64(px) + 0.5) / p.scale
			if fx < x || fx > x+w {
				continue
			}
			var d, half float64 // distance to the pattern's ink, its half-width
			switch kind {
			case "hatch": // lines at 45°, 6 px apart, 1 px wide: the SVG
				// pattern's 2 px line on the tile's edge, clipped by the tile
				u := mod((fx+fy)/math.Sqrt2, 6)
				d, half = min(math.Abs(u-0.5), 6-math.Abs(u-0.5)), 0.5
			case "dots": // dots of radius 1.1 on a 5 px grid
				dx, dy := mod(fx, 5)-2.5, mod(fy, 5)-2.5
				d, half = math.Sqrt(dx*dx+dy*dy), 1.1
			case "cross": // horizontal lines 6 px apart, 0.7 px wide
				d, half = math.Abs(mod(fy, 6)-3), 0.35
			default:
				return
			}
			cov := max(0, min(1, (half-d)*p.scale+0.5))
			if cov > 0 {
				c := ink
				c.A = uint8(math.Round(255 * cov))
				i := 4 * px
				out := blend(color.RGBA{row[i], row[i+1], row[i+2], row[i+3]}, c)
				row[i], row[i+1], row[i+2], row[i+3] = out.R, out.G, out.B, out.A
			}
		}
	}
}

// blend composites src over dst.
func blend(dst color.RGBA, src color.NRGBA) color.RGBA {
	a := float64(src.A) / 255
	mix := func(d, s uint8) uint8 { return uint8(math.Round(float64(d)*(1-a) + float64(s)*a)) }
	return color.RGBA{mix(dst.R, src.R), mix(dst.G, src.G), mix(dst.B, src.B), 255}
}

func (p *painter) face(size float64, bold bool) font.Face {
	k := faceKey{size * p.scale, bold}
	if f, ok := p.faces[k]; ok {
		return f
	}
	f := fonts.NewFace(size*p.scale, bold)
	p.faces[k] = f
	return f
}

func (p *painter) text(it render.Item, s render.Style) {
	if it.Text == "" {
		return
	}
	f := p.face(it.Size, it.Bold)
	x := paint.TextStart(it)
	runs, offsets := paint.TextRuns(it.Text, it.Size, it.Bold)
	drawAt := func(dx, dy float64, c color.Color) {
		for i, run := range runs {
			rx := x + offsets[i] + dx
			if r := []rune(run); len(r) == 1 && paint.IsSymbol(r[0]) {
				sym := paint.Symbol(r[0], rx, it.Y+dy, fonts.GoWidth(run, it.Size, it.Bold), it.Size)
				for _, l := range sym.Lines {
					p.segment(l[0], l[1], l[2], l[3], sym.Width, "", c)
				}
				for _, cc := range sym.Circles {
					const n = 24
					for k := 0; k < n; k++ {
						a0, a1 := 2*math.Pi*float64(k)/n, 2*math.Pi*float64(k+1)/n
						p.segment(cc[0]+cc[2]*math.Cos(a0), cc[1]+cc[2]*math.Sin(a0), cc[0]+cc[2]*math.Cos(a1), cc[1]+cc[2]*math.Sin(a1), sym.Width, "", c)
					}
				}
				continue
			}
			d := font.Drawer{Dst: p.img, Src: image.NewUniform(c), Face: f,
				Dot: fixed.Point26_6{X: fixed.Int26_6(math.Round(rx * p.scale * 64)), Y: fixed.Int26_6(math.Round((it.Y + dy) * p.scale * 64))}}
			d.DrawString(run)
		}
	}
	if s.Halo && s.Stroke != "" {
		r := s.StrokeWidth / 2
		hc := paint.ParseColor(s.Stroke)
		for _, o := range [][2]float64{{-r, 0}, {r, 0}, {0, -r}, {0, r}, {-r * 0.7, -r * 0.7}, {r * 0.7, -r * 0.7}, {-r * 0.7, r * 0.7}, {r * 0.7, r * 0.7}} {
			drawAt(o[0], o[1], hc)
		}
	}
	fill := s.Fill
	if fill == "" {
		fill = "#000000"
	}
	drawAt(0, 0, paint.ParseColor(fill))
}
