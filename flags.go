package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/asyncgantt/asyncgantt/render"
	"github.com/asyncgantt/asyncgantt/scenarios"
	"github.com/asyncgantt/asyncgantt/scenarios/runner"
)

// newFlags returns a flag set for a subcommand whose --help prints usage.
func newFlags(name, usage string, stdout io.Writer) *pflag.FlagSet {
	fs := pflag.NewFlagSet(name, pflag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {
		fmt.Fprint(stdout, usage)
		if !fs.HasAvailableFlags() {
			return
		}
		fmt.Fprintln(stdout, "\nFlags:")
		fs.SetOutput(stdout)
		fs.PrintDefaults()
		fs.SetOutput(io.Discard)
	}
	return fs
}

// parseFlags parses args, turning pflag's errors into usage errors that
// suggest the nearest flag.
func parseFlags(fs *pflag.FlagSet, args []string) error {
	err := fs.Parse(args)
	if errors.Is(err, pflag.ErrHelp) {
		return errHelp // pflag has printed the usage
	}
	if err != nil {
		msg := err.Error()
		if name, ok := strings.CutPrefix(msg, "unknown flag: --"); ok {
			var names []string
			fs.VisitAll(func(f *pflag.Flag) { names = append(names, f.Name) })
			if n := scenarios.Nearest(name, names); n != "" {
				msg += fmt.Sprintf("; did you mean --%s?", n)
			}
		}
		return usagef("%s: %s (see 'asyncgantt %s --help')", fs.Name(), msg, fs.Name())
	}
	return checkSingleDash(fs, args)
}

// checkSingleDash refuses a long flag written with one dash, such as
// -out: pflag would read it as the shorthands -o -u -t.
func checkSingleDash(fs *pflag.FlagSet, args []string) error {
	for _, a := range args {
		if a == "--" {
			break
		}
		if len(a) < 3 || a[0] != '-' || a[1] == '-' {
			continue
		}
		name, _, _ := strings.Cut(a[1:], "=")
		if len(name) > 1 && fs.Lookup(name) != nil {
			return usagef("%s: %s: a long flag takes two dashes: --%s", fs.Name(), a, a[1:])
		}
	}
	return nil
}

// outputOptions are the flags every rendering command shares.
type outputOptions struct {
	out     string
	output  string
	formats []string
	theme   string
	width   float64
	height  float64
	clock   string
	speed   float64
	quiet   bool
	scale   int
	// maxPixels bounds a PNG (--max-pixels).
	maxPixels int
	// budget bounds what one input may cost (limits.go).
	budget budgetOptions
	// maxEvents and maxDuration bound each run (--max-events,
	// --max-duration).
	maxEvents   int
	maxDuration time.Duration
	// toStderr is set when -o names standard error (/dev/stderr, ...):
	// the figure is written to the command's standard error.
	toStderr bool
	// inputs are the files the command reads, which no output may be
	// (outfile's protected files); set by the command.
	inputs []fs.FileInfo
	// fig are the figure flags of cmd_figures.go.
	fig figureOptions
	// py are the flags for Python programs (run and watch register them).
	py pythonOptions
	// set records which flags were given, so a scenario's own figure
	// settings apply unless overridden.
	set func(name string) bool
}

func (o *outputOptions) register(fs *pflag.FlagSet) {
	fs.StringVar(&o.out, "out", "out", "directory to write figures into")
	fs.StringVarP(&o.output, "output", "o", "", "write one figure to this file instead (- for standard output); the format comes from --format or the file's extension")
	fs.StringSliceVar(&o.formats, "format", defaultFormats(), "output formats, comma-separated: "+strings.Join(formatNames(), ", "))
	fs.StringVar(&o.theme, "theme", "light", "figure theme: "+strings.Join(render.ThemeNames(), ", "))
	fs.Float64Var(&o.width, "width", 1200, "figure width in pixels")
	fs.Float64Var(&o.height, "height", 0, "figure height in pixels (0: as tall as the content needs)")
	fs.StringVar(&o.clock, "clock", runner.VirtualClock{}.String(), "virtual (instant, exact) or real (really sleeps and measures)")
	fs.Float64Var(&o.speed, "speed", 1, "with --clock real, run this many times faster than written")
	fs.BoolVarP(&o.quiet, "quiet", "q", false, "do not report the files written")
	fs.IntVar(&o.scale, "scale", 2, "PNG pixels per figure pixel: 1, 2 or 3")
	fs.IntVar(&o.maxPixels, "max-pixels", render.DefaultMaxPixels, "refuse a PNG of more device pixels than this (width × height × scale²; 4 bytes of memory each)")
	fs.IntVar(&o.maxEvents, "max-events", runner.DefaultMaxEvents, "stop a run after this many event-loop callbacks (a runaway scenario)")
	fs.DurationVar(&o.maxDuration, "max-duration", runner.DefaultMaxDuration, "stop a run that lasts longer than this, in scenario time (e.g. 10m, 2h)")
	o.fig.register(fs)
	o.budget.register(fs, fs.Name() == "render")
	o.set = func(name string) bool { return fs.Changed(name) }
}

func (o *outputOptions) check() error {
	if virtual, real := (runner.VirtualClock{}).String(), (runner.RealClock{}).String(); o.clock != virtual && o.clock != real {
		return usagef("--clock %q is not valid: use %s or %s", o.clock, virtual, real)
	}
	if !(o.speed > 0) || o.speed > 1e6 {
		return usagef("--speed %v is not valid: use a number above 0 (e.g. 10 to run ten times faster)", o.speed)
	}
	if _, err := render.LookupTheme(o.theme); err != nil {
		return &usageError{err.Error()}
	}
	if o.maxPixels < 1 {
		return usagef("--max-pixels %d is not valid: use a number of pixels above 0 (default %d)", o.maxPixels, render.DefaultMaxPixels)
	}
	if o.maxEvents < 1 {
		return usagef("--max-events %d is not valid: use a number of callbacks above 0 (default %d)", o.maxEvents, runner.DefaultMaxEvents)
	}
	if o.maxDuration <= 0 {
		return usagef("--max-duration %s is not valid: use a duration above 0, e.g. 10m or 2h (default %s)", o.maxDuration, runner.FormatLimit(runner.DefaultMaxDuration))
	}
	if err := o.fig.check(); err != nil {
		return err
	}
	if err := o.budget.check(); err != nil {
		return err
	}
	if err := o.checkFigure(); err != nil {
		return err
	}
	for _, f := range o.formats {
		if _, ok := lookupFormat(f); !ok {
			hint := ""
			if n := scenarios.Nearest(f, formatNames()); n != "" {
				hint = fmt.Sprintf("; did you mean %q?", n)
			}
			return usagef("--format %q is not valid%s: use any of %s, comma-separated", f, hint, strings.Join(formatNames(), ", "))
		}
	}
	return o.checkOutput()
}

// runOptions are the runner options the flags ask for.
func (o *outputOptions) runOptions() runner.Options {
	var clock runner.Clock = runner.VirtualClock{}
	if o.clock == (runner.RealClock{}).String() {
		clock = runner.RealClock{Speed: o.speed}
	}
	return runner.Options{Clock: clock, MaxEvents: o.maxEvents, MaxDuration: o.maxDuration, MaxMemory: int64(o.budget.maxMemory)}
}

// checkOutput settles the one format -o writes: the one --format names,
// else the file's extension, else svg. The names of standard output
// become "-", those of standard error set toStderr (streams.go).
func (o *outputOptions) checkOutput() error {
	if o.output == "" {
		return nil
	}
	if isStdout(o.output) {
		o.output = "-"
	}
	o.toStderr = isStderr(o.output)
	if o.set("format") {
		if len(o.formats) != 1 {
			return usagef("-o writes one file: give one --format, not %s", strings.Join(o.formats, ","))
		}
		// The file's extension, if it names a format, must be this one.
		if named, err := render.FormatFor(o.output); err == nil && o.output != "-" {
			if want, ok := lookupFormat(o.formats[0]); ok && named.Name != want.Name {
				return usagef("-o %s names a %s file, but --format %s writes %s: name the file %s, or drop --format",
					o.output, filepath.Ext(o.output), o.formats[0], want.Extensions[0], strings.TrimSuffix(o.output, filepath.Ext(o.output))+want.Extensions[0])
			}
		}
		return nil
	}
	f := "svg"
	if ext := strings.TrimPrefix(filepath.Ext(o.output), "."); o.output != "-" && ext != "" {
		if _, ok := lookupFormat(ext); !ok {
			f, err := render.FormatFor(o.output)
			if _, offered := lookupFormat(f.Name); err == nil && offered {
				o.formats = []string{f.Name}
				return nil
			}
			return usagef("-o %s: no format writes .%s files; name one with --format (%s)", o.output, ext, strings.Join(formatNames(), ", "))
		}
		f = ext
	}
	o.formats = []string{f}
	return nil
}

// checkFigure has render check the figure flags, and reports what it
// finds in the flags' terms, e.g. "--width 100 is not valid: use 320 to
// 20000 pixels". For render 0 means "the default" for a width, an
// animation speed and a PNG scale; on the command line, whose defaults
// are the flags' own, 0 is refused with the range render accepts.
func (o *outputOptions) checkFigure() error {
	flags := []struct {
		field, flag string
		value       float64
	}{
		{"Width", "--width", o.width},
		{"Height", "--height", o.height},
		{"AnimateSpeed", "--animate-speed", o.fig.animateSpeed},
		{"MaxLanes", "--max-lanes", float64(o.fig.maxLanes)},
		{"MaxPanels", "--max-panels", float64(o.fig.maxPanels)},
		{"Scale", "--scale", float64(o.scale)},
	}
	d := render.Document{Scale: o.scale, Options: render.Options{Width: o.width, Height: o.height,
		Size: o.fig.size, AnimateSpeed: o.fig.animateSpeed, MaxLanes: o.fig.maxLanes, MaxPanels: o.fig.maxPanels}}
	if o.width == 0 {
		d.Options.Width = -1 // out of range, as 0 is here
	}
	if o.fig.animateSpeed == 0 {
		d.Options.AnimateSpeed = -1
	}
	if o.scale == 0 {
		d.Scale = -1
	}
	err := d.Check()
	var oe *render.OptionError
	if errors.As(err, &oe) {
		for _, f := range flags {
			if f.field == oe.Field {
				return usagef("%s %v is not valid: use %s", f.flag, f.value, oe.Valid)
			}
		}
	}
	if err != nil {
		return &usageError{err.Error()}
	}
	return nil
}
