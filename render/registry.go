package render

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/asyncgantt/asyncgantt/internal/outfile"
)

// Format is an output format that a backend package registers with
// RegisterFormat when it is imported, as image/png registers PNG with
// image: import _ "github.com/asyncgantt/asyncgantt/render/svg" to save
// SVG files.
type Format struct {
	// Name names the format, e.g. "svg" or "mermaid".
	Name string
	// Extensions are the file name extensions that choose the format,
	// with their dot and in lower case, e.g. ".svg"; the first is the one
	// its files are given. It is shared: do not change it.
	Extensions []string
	// encode writes a document in the format.
	encode func(w io.Writer, d *Document) error
}

// Encode writes the document in the format. The format's encoder builds
// its output in memory and writes it with one call, so w receives all of
// it or an error is returned.
func (f Format) Encode(w io.Writer, d *Document) error {
	if f.encode == nil {
		return fmt.Errorf("format %q is not registered", f.Name)
	}
	if d == nil || d.Trace == nil {
		return fmt.Errorf("%s: no trace to write", f.Name)
	}
	return f.encode(w, d)
}

var (
	formatsMu sync.RWMutex
	formats   []Format
)

// RegisterFormat registers a format under its name and file name
// extensions, for LookupFormat, FormatFor and Save. Backend packages call
// it from their init function. It panics if the name or an extension is
// registered already, if there is no extension, or if encode is nil.
func RegisterFormat(name string, extensions []string, encode func(w io.Writer, d *Document) error) {
	formatsMu.Lock()
	defer formatsMu.Unlock()
	if name == "" || len(extensions) == 0 || encode == nil {
		panic("render: RegisterFormat of " + name + " needs a name, an extension and an encoder")
	}
	for _, f := range formats {
		if f.Name == name {
			panic("render: format " + name + " is registered twice")
		}
		for _, e := range extensions {
			if slices.Contains(f.Extensions, e) {
				panic("render: formats " + f.Name + " and " + name + " both claim " + e)
			}
		}
	}
	formats = append(formats, Format{Name: name, Extensions: slices.Clone(extensions), encode: encode})
	slices.SortFunc(formats, func(a, b Format) int { return strings.Compare(a.Name, b.Name) })
}

// RegisterFigureFormat registers, as RegisterFormat does, a format that
// draws the document's figure: write receives the figure, laid out once
// for every format, and the document for its other settings.
func RegisterFigureFormat(name string, extensions []string, write func(w io.Writer, f *Figure, d *Document) error) {
	RegisterFormat(name, extensions, func(w io.Writer, d *Document) error {
		fig, err := d.Figure()
		if err != nil {
			return err
		}
		return write(w, fig, d)
	})
}

// Formats returns the registered formats, sorted by name.
func Formats() []Format {
	formatsMu.RLock()
	defer formatsMu.RUnlock()
	return slices.Clone(formats)
}

// LookupFormat returns the registered format called name.
func LookupFormat(name string) (Format, bool) {
	formatsMu.RLock()
	defer formatsMu.RUnlock()
	for _, f := range formats {
		if f.Name == name {
			return f, true
		}
	}
	return Format{}, false
}

// FormatFor returns the registered format that writes files named like
// path, by its extension (in any case).
func FormatFor(path string) (Format, error) {
	ext := strings.ToLower(filepath.Ext(path))
	formatsMu.RLock()
	defer formatsMu.RUnlock()
	var known []string
	for _, f := range formats {
		if slices.Contains(f.Extensions, ext) {
			return f, nil
		}
		known = append(known, f.Extensions...)
	}
	slices.Sort(known)
	if ext == "" {
		return Format{}, fmt.Errorf("%s has no extension to choose a format by: use one of %s", path, list(known))
	}
	if len(known) == 0 {
		return Format{}, fmt.Errorf("no format writes %s files: none is registered (import a backend, e.g. render/svg)", ext)
	}
	return Format{}, fmt.Errorf("no format writes %s files: use one of %s", ext, list(known))
}

// list joins names with commas, "none" for none.
func list(names []string) string {
	if len(names) == 0 {
		return "none"
	}
	return strings.Join(names, ", ")
}

// Save writes the document into the file at path, in the registered
// format its extension chooses (see FormatFor), atomically: the file holds
// either its old content or all of the new one, and nothing is written if
// the document cannot be drawn in the format. What is not a regular file
// is never replaced: a character device or a FIFO at path is written
// into (an error if no process reads the FIFO), a directory, a socket or
// a block device is refused.
func Save(path string, d *Document) error {
	f, err := FormatFor(path)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := f.Encode(&buf, d); err != nil {
		return err
	}
	return outfile.Write(path, buf.Bytes())
}

// errNoTrace is the layout's error for a document without a trace.
var errNoTrace = errors.New("no trace to draw")
