package render

import (
	"sync"

	"github.com/asyncgantt/asyncgantt/trace"
)

// Document is what a format encodes: a trace, the options of its figure,
// and what a report shows beside the figure. Formats that draw the figure
// (SVG, PNG, PDF, HTML) lay it out with Figure, once for all of them;
// formats of the trace itself (text chart, Mermaid, JSON) read Trace.
//
// A Document is safe for concurrent use by several encoders once its
// fields are set; do not change them after the first encode.
type Document struct {
	// Trace is what to draw; required.
	Trace *trace.Trace
	// Options lay out the figure. Options.Exact also makes a report list
	// every task and printed line, however many.
	Options Options
	// Scale is how many device pixels raster formats (PNG) draw per
	// figure pixel: 1, 2 or 3; 0 means 2, sharp on slides and high-density
	// screens.
	Scale int
	// MaxPixels is the largest raster image (PNG) drawn, in device pixels
	// (width × height × Scale²); 0 means DefaultMaxPixels. A larger one
	// is refused with a *LimitError: its memory (4 bytes a pixel) would
	// follow the figure's size, not a budget.
	MaxPixels int

	// Title and Description head a report; "" for the trace's own.
	Title, Description string
	// Source is the text of the scenario the trace came from, listed by a
	// report; "" for none (an imported trace). SourceName names it, e.g.
	// "async-basics.yaml".
	Source, SourceName string
	// Python is the equivalent Python program, listed by a report; "" for
	// none.
	Python string
	// Script, when not "", is JavaScript that a report runs at the end of
	// its body, such as watch mode's reload script; the report's
	// Content-Security-Policy allows exactly this script, by its hash.
	// ScriptSources are the sources (CSP source expressions, e.g. "'self'"
	// or "file:") it may load further scripts from. Reports carry no
	// script otherwise.
	Script        string
	ScriptSources []string
	// Alert, when not "", is a problem a report states above its figure,
	// e.g. watch mode's save of a scenario that does not run: the figure
	// is then that of the last save that did.
	Alert string

	once sync.Once
	fig  *Figure
	err  error
}

// Figure returns the document's figure, laid out by Layout on the first
// call and the same on every later one.
func (d *Document) Figure() (*Figure, error) {
	d.once.Do(func() {
		if d.Trace == nil {
			d.err = errNoTrace
			return
		}
		d.fig, d.err = Layout(d.Trace, d.Options)
	})
	return d.fig, d.err
}

// Check reports whether the document's options are valid (see
// Options.Check), and its Scale: nil, or the first problem, an
// *OptionError for a number out of its range.
func (d *Document) Check() error {
	if err := d.Options.Check(); err != nil {
		return err
	}
	if d.Scale != 0 && (d.Scale < 1 || d.Scale > 3) {
		return &OptionError{"Scale", float64(d.Scale), "1, 2 or 3"}
	}
	return nil
}

// DefaultMaxPixels is the largest raster image drawn by default, in
// device pixels: 50 megapixels, 200 MB of image, a figure of 1200 × 10,000
// pixels at scale 2.
const DefaultMaxPixels = 50_000_000

// PixelBudget returns MaxPixels with its default.
func (d *Document) PixelBudget() int {
	if d.MaxPixels <= 0 {
		return DefaultMaxPixels
	}
	return d.MaxPixels
}

// LimitError says that a format would exceed one of a document's budgets
// (such as MaxPixels) drawing a figure, and what to do instead.
type LimitError struct {
	// Limit names the budget, a field of Document or Options, e.g.
	// "MaxPixels".
	Limit string
	// Need is what the figure would need, in the budget's unit (device
	// pixels for MaxPixels).
	Need int64
	// Msg says what would exceed it, e.g. "the PNG would be 40000 × 40000
	// pixels ...".
	Msg string
}

func (e *LimitError) Error() string { return e.Msg }

// RasterScale returns Scale with its default: 2 when it is 0.
func (d *Document) RasterScale() int {
	if d.Scale == 0 {
		return 2
	}
	return d.Scale
}
