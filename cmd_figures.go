package main

import (
	"context"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"

	"github.com/spf13/pflag"
	"golang.org/x/term"

	"github.com/asyncgantt/asyncgantt/render"
	"github.com/asyncgantt/asyncgantt/render/text"
	"github.com/asyncgantt/asyncgantt/scenarios"
	"github.com/asyncgantt/asyncgantt/trace"
)

// figureOptions are the figure flags shared by the rendering commands:
// size presets, the transcript panel, animation and the terminal chart.
type figureOptions struct {
	size         string
	transcript   bool
	animate      bool
	animateSpeed float64
	chart        string
	// exact, maxLanes and maxPanels turn off or bound the level of
	// detail of large traces (render.Options.Exact, MaxLanes, MaxPanels).
	exact     bool
	maxLanes  int
	maxPanels int
	// baseline is --baseline: the run others are compared with, or none.
	baseline string
}

const (
	chartAuto   = "auto"
	chartAlways = "always"
	chartNever  = "never"
)

func (f *figureOptions) register(fs *pflag.FlagSet) {
	fs.StringVar(&f.size, "size", "default", "figure size preset: "+strings.Join(render.SizeNames(), ", ")+" (slide: 1920×1080, large type; combines with any --theme)")
	fs.BoolVar(&f.transcript, "transcript", false, "add a panel beside the chart listing what each run printed")
	fs.BoolVar(&f.animate, "animate", false, "write an animated SVG: bars grow in time and a cursor sweeps the axis")
	fs.Float64Var(&f.animateSpeed, "animate-speed", 1, "with --animate, play this many times faster than real time")
	fs.StringVar(&f.chart, "chart", chartAuto, "print a text chart after the transcript: auto (when stdout is a terminal), always, never")
	fs.BoolVar(&f.exact, "exact", false, "draw every interval and every lane of a large trace, however many (no merging of sub-pixel bars, no summary rows)")
	fs.StringVar(&f.baseline, "baseline", "", "compare the runs with this run in speed-up badges, or none for no badges (default: the first run, when the runs run the same tasks)")
	fs.IntVar(&f.maxLanes, "max-lanes", 0, "draw at most this many lane rows, folding the rest into a summary row per run (0: automatic, 200 or what the height fits; 60 in text charts)")
	fs.IntVar(&f.maxPanels, "max-panels", 0, fmt.Sprintf("draw at most this many runs as panels, folding the others into one summary panel (0: %d)", render.DefaultMaxPanels))
}

func (f *figureOptions) check() error {
	if _, err := render.LookupSize(f.size); err != nil {
		return &usageError{"--size: " + err.Error()}
	}
	if f.chart != chartAuto && f.chart != chartAlways && f.chart != chartNever {
		return usagef("--chart %q is not valid: use %s, %s or %s", f.chart, chartAuto, chartAlways, chartNever)
	}
	if f.exact && f.maxLanes > 0 {
		return usagef("--exact draws every lane; it cannot be combined with --max-lanes %d", f.maxLanes)
	}
	if f.exact && f.maxPanels > 0 {
		return usagef("--exact draws every run; it cannot be combined with --max-panels %d", f.maxPanels)
	}
	return nil
}

// apply adds the figure flags to a job's render options. A size preset
// brings its own width and height unless a flag or the scenario sets them.
func (f *figureOptions) apply(ro *render.Options, j *job) {
	ro.Size = f.size
	if f.size != "" && f.size != "default" {
		sc := j.scenario
		if !j.opts.set("width") && (sc == nil || sc.Figure.Width == 0) {
			ro.Width = 0
		}
		if !j.opts.set("height") && (sc == nil || sc.Figure.Height == 0) {
			ro.Height = 0
		}
	}
	ro.Transcript = f.transcript
	ro.Animate = f.animate
	ro.AnimateSpeed = f.animateSpeed
	ro.Exact = f.exact
	ro.MaxLanes = f.maxLanes
	ro.MaxPanels = f.maxPanels
	ro.Baseline = j.baseline()
}

// writeChart prints a compact text chart of the trace after its
// transcript when --chart asks for it: always, or (auto) when stdout is a
// terminal, at the terminal's width.
func writeChart(stdout io.Writer, tr *trace.Trace, o outputOptions, baseline string) {
	cols := text.FileColumns
	switch o.fig.chart {
	case chartNever:
		return
	case chartAuto:
		f, ok := terminalFile(stdout)
		if !ok || !term.IsTerminal(int(f.Fd())) {
			return
		}
		if w, _, err := term.GetSize(int(f.Fd())); err == nil && w >= 40 {
			cols = min(w, 160)
		}
	}
	co := text.Options{Columns: cols, Compact: true, MaxLanes: o.fig.maxLanes, MaxPanels: o.fig.maxPanels, Baseline: baseline}
	if o.fig.exact {
		co.MaxLanes, co.MaxPanels = math.MaxInt, math.MaxInt
	}
	io.WriteString(stdout, "\n"+text.Chart(tr, co))
}

// galleryShowcase is the built-in scenario the gallery also renders in
// every theme, as a slide, as an animation and as a text chart.
const galleryShowcase = "async-basics"

// galleryVariants are the showcase's extra figures: a file name suffix
// and how its options differ from the gallery's.
var galleryVariants = []struct {
	suffix string
	change func(o *outputOptions)
}{
	{"-dark", func(o *outputOptions) { o.theme = "dark" }},
	{"-print", func(o *outputOptions) { o.theme = "print" }},
	{"-slide", func(o *outputOptions) { o.fig.size = "slide" }},
	{"-transcript", func(o *outputOptions) { o.fig.transcript = true }},
	{"-animated", func(o *outputOptions) { o.fig.animate = true }},
}

// writeGalleryVariants writes the showcase's variants when the gallery
// writes SVG, and its text chart unless the gallery writes text charts of
// every scenario anyway.
func writeGalleryVariants(ctx context.Context, o outputOptions, report io.Writer) error {
	s, err := load(galleryShowcase)
	if err != nil {
		return fmt.Errorf("built-in scenario %s: %w", galleryShowcase, err)
	}
	tr, err := executeForGallery(ctx, s, o)
	if err != nil {
		return err
	}
	var jobs []*job
	if slices.Contains(o.formats, "svg") {
		for _, v := range galleryVariants {
			vo := o
			vo.formats = []string{"svg"}
			set := o.set
			vo.set = func(name string) bool { return name == "theme" || set(name) }
			v.change(&vo)
			jobs = append(jobs, &job{name: s.Name + v.suffix, scenario: s, trace: tr, opts: vo})
		}
	}
	if !slices.Contains(o.formats, "txt") {
		vo := o
		vo.formats = []string{"txt"}
		jobs = append(jobs, &job{name: s.Name, scenario: s, trace: tr, opts: vo})
	}
	for _, j := range jobs {
		if err := writeJob(j, report); err != nil {
			return err
		}
	}
	return nil
}

// executeForGallery runs a scenario as the gallery does.
func executeForGallery(ctx context.Context, s *scenarios.Scenario, o outputOptions) (*trace.Trace, error) {
	tr, err := runStoppable(ctx, s, o.runOptions())
	if tr == nil {
		return nil, err
	}
	return tr, nil
}
