package render

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/asyncgantt/asyncgantt/internal/testtrace"
)

// registerForTest registers a format for the test only.
func registerForTest(t *testing.T, name string, exts []string, encode func(io.Writer, *Document) error) {
	t.Helper()
	RegisterFormat(name, exts, encode)
	t.Cleanup(func() {
		formatsMu.Lock()
		defer formatsMu.Unlock()
		formats = slices.DeleteFunc(formats, func(f Format) bool { return f.Name == name })
	})
}

func TestRegisterFormat(t *testing.T) {
	registerForTest(t, "test-a", []string{".ta", ".ta2"}, func(w io.Writer, d *Document) error { return nil })
	f, ok := LookupFormat("test-a")
	if !ok || f.Name != "test-a" || !slices.Equal(f.Extensions, []string{".ta", ".ta2"}) {
		t.Fatalf("LookupFormat(test-a) = %+v, %v", f, ok)
	}
	if _, ok := LookupFormat("test-b"); ok {
		t.Error("LookupFormat found a format never registered")
	}
	for _, path := range []string{"x.ta", "dir.d/X.TA", "/tmp/y.ta2"} {
		if f, err := FormatFor(path); err != nil || f.Name != "test-a" {
			t.Errorf("FormatFor(%s) = %+v, %v", path, f.Name, err)
		}
	}
	for _, tt := range []struct{ path, want string }{
		{"x.gif", "no format writes .gif files: use one of "},
		{"noext", "noext has no extension to choose a format by: use one of "},
	} {
		if _, err := FormatFor(tt.path); err == nil || !strings.HasPrefix(err.Error(), tt.want) || !strings.Contains(err.Error(), ".ta") {
			t.Errorf("FormatFor(%s): %v, want %q... listing .ta", tt.path, err, tt.want)
		}
	}
	for name, reg := range map[string]func(){
		"SameName":      func() { RegisterFormat("test-a", []string{".tb"}, func(io.Writer, *Document) error { return nil }) },
		"SameExtension": func() { RegisterFormat("test-b", []string{".ta"}, func(io.Writer, *Document) error { return nil }) },
		"NoExtension":   func() { RegisterFormat("test-b", nil, func(io.Writer, *Document) error { return nil }) },
		"NoEncoder":     func() { RegisterFormat("test-b", []string{".tb"}, nil) },
	} {
		t.Run(name, func(t *testing.T) {
			defer func() {
				if recover() == nil {
					t.Error("RegisterFormat did not panic")
				}
			}()
			reg()
		})
	}
	if _, ok := LookupFormat("test-b"); ok {
		t.Error("a refused registration registered test-b")
	}
}

// TestSave checks that Save writes the format's bytes, lays the figure out
// once for every format, and leaves the file as it was when the format
// fails.
func TestSave(t *testing.T) {
	var figs []*Figure
	encode := func(w io.Writer, d *Document) error {
		fig, err := d.Figure()
		if err != nil {
			return err
		}
		figs = append(figs, fig)
		_, err = io.WriteString(w, d.Trace.Title)
		return err
	}
	registerForTest(t, "test-title", []string{".title"}, encode)
	registerForTest(t, "test-title2", []string{".title2"}, encode)
	registerForTest(t, "test-fail", []string{".fail"}, func(w io.Writer, d *Document) error {
		io.WriteString(w, "partial")
		return errors.New("cannot")
	})
	dir := t.TempDir()
	d := &Document{Trace: testtrace.Sample("A")}
	for _, name := range []string{"a.title", "b.title2"} {
		path := filepath.Join(dir, name)
		if err := Save(path, d); err != nil {
			t.Fatal(err)
		}
		if got, _ := os.ReadFile(path); !bytes.Equal(got, []byte(d.Trace.Title)) {
			t.Errorf("%s holds %q", name, got)
		}
	}
	if len(figs) != 2 || figs[0] != figs[1] {
		t.Errorf("the figure was laid out more than once: %p", figs)
	}
	failed := filepath.Join(dir, "c.fail")
	os.WriteFile(failed, []byte("old"), 0o644)
	if err := Save(failed, d); err == nil || err.Error() != "cannot" {
		t.Errorf("Save of a failing format: %v", err)
	}
	if got, _ := os.ReadFile(failed); string(got) != "old" {
		t.Errorf("a failed Save changed the file to %q", got)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 3 {
		t.Errorf("the directory holds %d files, want 3 (no temporary file left)", len(entries))
	}
	if err := Save(filepath.Join(dir, "d.title"), &Document{}); err == nil {
		t.Error("Save of a document without a trace gave no error")
	}
	if err := (Format{Name: "unregistered"}).Encode(io.Discard, d); err == nil {
		t.Error("an unregistered Format encoded")
	}
}

func TestDocumentCheck(t *testing.T) {
	for _, tt := range []struct {
		d    *Document
		want string
	}{
		{&Document{}, ""},
		{&Document{Scale: 3}, ""},
		{&Document{Scale: 4}, "PNG scale 4 is out of range: use 1, 2 or 3"},
		{&Document{Options: Options{Width: 10}}, "width 10 px is out of range: use 320 to 20000 pixels"},
	} {
		if err := tt.d.Check(); fmt0(err) != tt.want {
			t.Errorf("Check of %+v, scale %d: %v, want %q", tt.d.Options, tt.d.Scale, err, tt.want)
		}
	}
	if got := (&Document{}).RasterScale(); got != 2 {
		t.Errorf("RasterScale of scale 0 = %d, want 2", got)
	}
}

// fmt0 returns err's message, "" for none.
func fmt0(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}
