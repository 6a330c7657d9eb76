package render

import (
	"fmt"
	"math"
)

// Options control a figure's layout. The zero value gives the defaults.
type Options struct {
	// Width is the figure's width in pixels; 0 means the size preset's
	// (1200 by default).
	Width float64
	// Height is the figure's height in pixels; 0 means the size preset's,
	// which by default is as tall as the content needs. Content taller
	// than a given height is set in smaller type until it fits (down to a
	// legible minimum); a taller figure is padded at the bottom.
	Height float64
	// Theme gives the figure's colours and patterns; nil means the
	// built-in "light" theme. LookupTheme returns a built-in one to use
	// as it is or to change; a theme of one's own must pass
	// Theme.Validate.
	Theme *Theme
	// Size names a size preset (see SizeNames): "" or "default", or
	// "slide" for a 16:9 slide at 1920×1080 with large type. Width,
	// Height and FontSize override the preset's.
	Size string
	// FontSize is the base font size in pixels (lane labels); 0 means the
	// size preset's (14 by default). Everything else scales with it.
	FontSize float64
	// Transcript adds a panel beside each run listing what it printed,
	// with the time of each line.
	Transcript bool
	// Animate makes the figure play: bars grow in time and a cursor
	// sweeps the axis (see Figure.Animation).
	Animate bool
	// AnimateSpeed is how many seconds of the trace an animation plays
	// per second of real time; 0 means 1 (real time).
	AnimateSpeed float64
	// MaxLanes is how many lane rows the figure draws at most, all runs
	// together, before it folds the rest of a run's lanes into one summary
	// lane (see Figure.Folded). 0 means DefaultMaxLanes when the height is
	// free, and as many as fit at half the font size when it is fixed.
	MaxLanes int
	// MaxPanels is how many panels the figure draws at most, one a run:
	// a trace of more runs draws its first MaxPanels-1 and folds the
	// others into one summary panel (see FoldRuns and Figure.FoldedRuns).
	// 0 means DefaultMaxPanels.
	MaxPanels int
	// Baseline names the run the others are compared with, in speed-up
	// badges and the figure's message; "" compares with the first run
	// when the runs do the same work, and BaselineNone compares nothing
	// (see Stats). Layout fails with a *BaselineError when it names no
	// run.
	Baseline string
	// Exact draws every interval and every lane as it is, however many:
	// no merging of intervals narrower than a pixel, no folding of lanes
	// or runs.
	// Figures of large traces then grow with the trace.
	Exact bool
}

// maxWidthPerFont is how many times the base font size a figure's width
// must be at least: the room for a lane label column, a plot and the
// labels after it.
const maxWidthPerFont = 16

// minFontSize is the smallest base font size a fixed height may shrink
// the type to, in pixels.
const minFontSize = 7

// OptionError says that an option is out of its range, and what would be
// valid.
type OptionError struct {
	// Field names the option: a field of Options or of Document, e.g.
	// "Width".
	Field string
	// Value is the option's value, e.g. 100.
	Value float64
	// Valid says what would be valid, e.g. "320 to 20000 pixels".
	Valid string
}

// optionNames are the options as OptionError's messages name them, and
// the units their values are given in.
var optionNames = map[string]struct{ name, unit string }{
	"Width":        {"width", " px"},
	"Height":       {"height", " px"},
	"FontSize":     {"font size", " px"},
	"AnimateSpeed": {"animation speed", ""},
	"MaxLanes":     {"maximum lanes", ""},
	"MaxPanels":    {"maximum panels", ""},
	"Scale":        {"PNG scale", ""},
}

// Error says what is out of range, e.g. "width 100 px is out of range:
// use 320 to 20000 pixels".
func (e *OptionError) Error() string {
	n, ok := optionNames[e.Field]
	if !ok {
		n.name = e.Field
	}
	return fmt.Sprintf("%s %v%s is out of range: use %s", n.name, e.Value, n.unit, e.Valid)
}

// Check reports whether Layout accepts the options: nil, or the first
// problem, an *OptionError for a number out of its range. Zero values
// stand for their defaults, as in Layout.
func (o Options) Check() error {
	_, _, err := o.resolve()
	return err
}

// resolve returns the options with their defaults filled in (the size
// preset's width and height, an animation speed of 1) and the size
// preset with the base font size in force; or the first problem.
func (o Options) resolve() (Options, Size, error) {
	size, err := LookupSize(o.Size)
	if err != nil {
		return o, size, err
	}
	if o.Width == 0 {
		o.Width = size.Width
	}
	if o.Height == 0 {
		o.Height = size.Height
	}
	if o.FontSize != 0 {
		size.FontSize = o.FontSize
	} else {
		// A preset's type in a narrower figure than the preset's: as large
		// as the width holds.
		size.FontSize = max(minFontSize, min(size.FontSize, o.Width/maxWidthPerFont))
	}
	if o.AnimateSpeed == 0 {
		o.AnimateSpeed = 1
	}
	switch {
	case !(o.Width >= 320 && o.Width <= 20000):
		return o, size, &OptionError{"Width", o.Width, "320 to 20000 pixels"}
	case o.Height != 0 && !(o.Height >= 200 && o.Height <= 20000):
		return o, size, &OptionError{"Height", o.Height, "200 to 20000 pixels, or 0 for as tall as needed"}
	case !(size.FontSize >= minFontSize && size.FontSize <= 200):
		return o, size, &OptionError{"FontSize", size.FontSize, fmt.Sprintf("%d to 200 pixels", minFontSize)}
	case size.FontSize > o.Width/maxWidthPerFont:
		return o, size, &OptionError{"FontSize", size.FontSize, fmt.Sprintf("%d to %g pixels in a figure %g pixels wide (a sixteenth of its width at most)",
			minFontSize, math.Floor(o.Width/maxWidthPerFont), o.Width)}
	case !(o.AnimateSpeed > 0 && o.AnimateSpeed <= 1e9):
		return o, size, &OptionError{"AnimateSpeed", o.AnimateSpeed, "a number above 0 (e.g. 2 to play twice as fast)"}
	case o.MaxLanes < 0:
		return o, size, &OptionError{"MaxLanes", float64(o.MaxLanes), "1 or more, or 0 for automatic"}
	case o.MaxPanels < 0 || o.MaxPanels == 1:
		return o, size, &OptionError{"MaxPanels", float64(o.MaxPanels), fmt.Sprintf("2 or more, or 0 for the default (%d)", DefaultMaxPanels)}
	}
	if o.Theme != nil {
		if err := o.Theme.Validate(); err != nil {
			return o, size, err
		}
	}
	return o, size, nil
}
