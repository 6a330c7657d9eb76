package pdf

import (
	"bytes"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/asyncgantt/asyncgantt/internal/testtrace"
	"github.com/asyncgantt/asyncgantt/render"
	"github.com/asyncgantt/asyncgantt/trace"
)

func TestPDFDeterministic(t *testing.T) {
	fig, err := render.Layout(testtrace.Sample("A"), render.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var a, b bytes.Buffer
	if err := Write(&a, fig); err != nil {
		t.Fatal(err)
	}
	Write(&b, fig)
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two PDF renders differ")
	}
	if !bytes.HasPrefix(a.Bytes(), []byte("%PDF-")) {
		t.Error("PDF output does not start with %PDF-")
	}
}

// TestPDFText extracts the PDF's text with pdftotext (Debian's
// poppler-utils) and looks for the task names and the totals.
func TestPDFText(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not found: apt-get install poppler-utils to run this test")
	}
	fig, err := render.Layout(testtrace.Sample("fetch_data"), render.Options{})
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "f.pdf")
	var buf bytes.Buffer
	if err := Write(&buf, fig); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(path, buf.Bytes(), 0o644)
	out, err := exec.Command("pdftotext", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"fetch_data", "Sequential", "Blocking", "3.0 s", "no gain over Sequential"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("pdftotext output lacks %q:\n%s", want, out)
		}
	}
}

// TestPDFPageSize lays out figures wider and taller than a PDF page may
// be: the page is scaled down to at most MaxPagePoints on a side, and a
// figure that fits keeps 0.75 points a pixel.
func TestPDFPageSize(t *testing.T) {
	mediaBox := regexp.MustCompile(`/MediaBox \[0 0 ([0-9.]+) ([0-9.]+)\]`)
	for _, c := range []struct {
		opts render.Options
		tr   *trace.Trace
	}{
		{render.Options{Width: 20000, Height: 20000}, testtrace.Sample("A")},
		{render.Options{Exact: true}, testtrace.ManyLanes(2000)},
		{render.Options{}, testtrace.Sample("A")},
	} {
		fig, err := render.Layout(c.tr, c.opts)
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if err := Write(&b, fig); err != nil {
			t.Fatal(err)
		}
		m := mediaBox.FindSubmatch(b.Bytes())
		if m == nil {
			t.Fatalf("no MediaBox in the PDF of %v × %v px", fig.Width, fig.Height)
		}
		w, _ := strconv.ParseFloat(string(m[1]), 64)
		h, _ := strconv.ParseFloat(string(m[2]), 64)
		if w > MaxPagePoints+0.01 || h > MaxPagePoints+0.01 {
			t.Errorf("%v × %v px: a page of %v × %v pt", fig.Width, fig.Height, w, h)
		}
		if k := w / fig.Width; math.Max(fig.Width, fig.Height)*0.75 <= MaxPagePoints && math.Abs(k-0.75) > 0.001 {
			t.Errorf("%v × %v px: %v points a pixel, want 0.75", fig.Width, fig.Height, k)
		}
	}
}

// TestPDFBeyondTheBMP writes a figure whose texts hold characters beyond
// the Basic Multilingual Plane (emoji, a rare CJK ideograph), which fpdf
// cannot encode: the PDF is written, with the rest of the text intact.
func TestPDFBeyondTheBMP(t *testing.T) {
	tr := testtrace.Sample("launch_🚀")
	tr.Title = "🍕 Pizza 👩‍🍳 𠀀"
	tr.Runs[0].Name = "One cook 👩‍🍳"
	fig, err := render.Layout(tr, render.Options{Transcript: true})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := Write(&buf, fig); err != nil {
		t.Fatal(err)
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not found: apt-get install poppler-utils to check the PDF's text")
	}
	path := filepath.Join(t.TempDir(), "f.pdf")
	os.WriteFile(path, buf.Bytes(), 0o644)
	out, err := exec.Command("pdftotext", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Pizza", "launch_", "One cook", "Blocking"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("pdftotext output lacks %q:\n%s", want, out)
		}
	}
}
