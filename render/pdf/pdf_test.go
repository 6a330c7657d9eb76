package pdf

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/asyncgantt/asyncgantt/internal/testtrace"
	"github.com/asyncgantt/asyncgantt/render"
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
