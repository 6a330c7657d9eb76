package png

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/asyncgantt/asyncgantt/internal/testtrace"
	"github.com/asyncgantt/asyncgantt/render"
	"github.com/asyncgantt/asyncgantt/render/svg"
)

func TestPNGDeterministic(t *testing.T) {
	fig, err := render.Layout(testtrace.Sample("A"), render.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, scale := range []int{1, 2, 3} {
		var a, b bytes.Buffer
		if err := Write(&a, fig, scale); err != nil {
			t.Fatal(err)
		}
		Write(&b, fig, scale)
		if !bytes.Equal(a.Bytes(), b.Bytes()) {
			t.Errorf("scale %d: two PNG renders differ", scale)
		}
		img, err := png.Decode(&a)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := img.Bounds().Dx(), int(math.Ceil(fig.Width*float64(scale))); got != want {
			t.Errorf("scale %d: PNG is %d px wide, want %d", scale, got, want)
		}
	}
	if err := Write(&bytes.Buffer{}, fig, 4); err == nil {
		t.Error("PNG accepted scale 4")
	}
}

// TestPNGMatchesChromium renders the SVG in headless Chromium and the PNG
// in Go at the same size, and compares where every bar's left and right
// edges fall: within 1 px.
func TestPNGMatchesChromium(t *testing.T) {
	chromium, err := exec.LookPath("chromium")
	if err != nil {
		t.Skip("chromium not found: apt-get install chromium to run this test")
	}
	fig, err := render.Layout(testtrace.Sample("A"), render.Options{Width: 1000})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	var svgDoc bytes.Buffer
	if err := svg.Write(&svgDoc, fig); err != nil {
		t.Fatal(err)
	}
	svgPath, shot := filepath.Join(dir, "f.svg"), filepath.Join(dir, "shot.png")
	os.WriteFile(svgPath, svgDoc.Bytes(), 0o644)
	w, h := int(math.Ceil(fig.Width)), int(math.Ceil(fig.Height))
	cmd := exec.Command(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
		"--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars",
		"--force-device-scale-factor=1", "--user-data-dir="+filepath.Join(dir, "profile"),
		"--window-size="+itoa(w)+","+itoa(h), "--screenshot="+shot, "file://"+svgPath)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("chromium: %v\n%s", err, out)
	}
	f, err := os.Open(shot)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	browser, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	ours := Raster(fig, 1)
	checked := 0
	for _, it := range fig.Items {
		if it.Kind != render.Rect || !strings.HasPrefix(it.Class, "bar-") || it.W < 8 || it.Y < 100 {
			continue
		}
		// Rows near the bar's top and bottom, clear of its label.
		rows := []int{int(it.Y + 1.5), int(it.Y + 2.5), int(it.Y + it.H - 2.5), int(it.Y + it.H - 1.5)}
		for _, edge := range []float64{it.X, it.X + it.W} {
			a, b := edgeNear(browser, edge, rows), edgeNear(ours, edge, rows)
			if math.Abs(a-b) > 1 {
				t.Errorf("%s bar edge near x=%.1f, y=%.0f: Chromium at %.1f, PNG at %.1f", it.Class, edge, it.Y, a, b)
			}
			checked++
		}
	}
	if checked < 8 {
		t.Fatalf("compared only %d bar edges", checked)
	}
}

// edgeNear returns the x within 4 px of x where the colour, averaged over
// the given rows, changes most.
func edgeNear(img image.Image, x float64, rows []int) float64 {
	avg := func(px int) color.Color {
		var r, g, b uint32
		for _, y := range rows {
			cr, cg, cb, _ := img.At(px, y).RGBA()
			r, g, b = r+cr, g+cg, b+cb
		}
		n := uint32(len(rows))
		return color.RGBA64{uint16(r / n), uint16(g / n), uint16(b / n), 0xffff}
	}
	best, bestX := -1.0, x
	for px := int(x) - 4; px <= int(x)+4; px++ {
		if d := colorDistance(avg(px-1), avg(px)); d > best {
			best, bestX = d, float64(px)
		}
	}
	return bestX
}

func colorDistance(a, b color.Color) float64 {
	r1, g1, b1, _ := a.RGBA()
	r2, g2, b2, _ := b.RGBA()
	return math.Abs(float64(r1)-float64(r2)) + math.Abs(float64(g1)-float64(g2)) + math.Abs(float64(b1)-float64(b2))
}

func itoa(n int) string { return strconv.Itoa(n) }

// TestPNGPixelBudget asks for a PNG of a figure of 20,000 × 20,000 pixels
// (issue 17: it took 6.3 GB): it is refused before anything is drawn,
// with a *render.LimitError saying how large it would be; within a larger
// budget, a smaller figure is drawn.
func TestPNGPixelBudget(t *testing.T) {
	fig, err := render.Layout(testtrace.Sample("A"), render.Options{Width: 20000, Height: 20000})
	if err != nil {
		t.Fatal(err)
	}
	var err2 error
	allocs := testing.AllocsPerRun(1, func() { err2 = Write(&bytes.Buffer{}, fig, 2) })
	var le *render.LimitError
	if !errors.As(err2, &le) || le.Limit != "MaxPixels" || !strings.Contains(err2.Error(), "40000 × 40000 pixels at scale 2: 1,600 megapixels, 6.0 GiB") {
		t.Fatalf("err = %v, want a MaxPixels LimitError", err2)
	}
	if allocs > 50 {
		t.Errorf("%.0f allocations before refusing", allocs)
	}
	small, _ := render.Layout(testtrace.Sample("A"), render.Options{Width: 800})
	if err := WriteMax(&bytes.Buffer{}, small, 1, 100); err == nil {
		t.Error("a budget of 100 pixels drew a figure")
	}
	if err := WriteMax(&bytes.Buffer{}, small, 1, 10_000_000); err != nil {
		t.Errorf("within the budget: %v", err)
	}
}
