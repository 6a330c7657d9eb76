package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"

	"github.com/asyncgantt/asyncgantt/render"
	"github.com/asyncgantt/asyncgantt/scenarios"
	"github.com/asyncgantt/asyncgantt/trace"
)

// job is one thing to write figures for: a scenario's trace, or an
// imported trace.
type job struct {
	// name is the base name of the output files, e.g. "async-basics".
	name string
	// scenario is the scenario the trace came from; nil for an imported
	// trace.
	scenario *scenarios.Scenario
	// trace is what was recorded.
	trace *trace.Trace
	// opts are the output options in force.
	opts outputOptions
	// reload is not empty in watch mode: the render's version, which an
	// HTML report embeds with reloadScript(name, reload) so that it
	// reloads itself when NAME.reload.js announces another (reload.go).
	reload string
	// layout is the figure's layout, computed once on first use.
	layout *render.Figure
}

// figure returns the job's laid-out figure, applying the scenario's own
// figure settings unless flags override them.
func (j *job) figure() (*render.Figure, error) {
	if j.layout != nil {
		return j.layout, nil
	}
	ro := render.Options{Width: j.opts.width, Height: j.opts.height, Theme: j.opts.theme}
	if s := j.scenario; s != nil {
		if s.Figure.Theme != "" && !j.opts.set("theme") {
			ro.Theme = s.Figure.Theme
		}
		if s.Figure.Width != 0 && !j.opts.set("width") {
			ro.Width = s.Figure.Width
		}
		if s.Figure.Height != 0 && !j.opts.set("height") {
			ro.Height = s.Figure.Height
		}
	}
	j.opts.fig.apply(&ro, j)
	fig, err := render.Layout(j.trace, ro)
	if err != nil {
		return nil, &usageError{fmt.Sprintf("%s: %v", j.name, err)}
	}
	j.layout = fig
	return fig, nil
}

// format is an output format: --format NAME.
type format struct {
	// name is what --format takes, e.g. "svg".
	name string
	// order sorts formats in help texts and decides the order files are
	// written in.
	order int
	// byDefault includes the format when --format is not given.
	byDefault bool
	// write returns the files to write for the job: base names (inside
	// --out) and contents.
	write func(j *job) ([]outFile, error)
}

// outFile is a file to write: a base name inside --out and its bytes.
type outFile struct {
	name string
	data []byte
}

// formats are registered by the files that implement them.
var formats []format

func registerFormat(f format) {
	formats = append(formats, f)
	slices.SortFunc(formats, func(a, b format) int { return a.order - b.order })
}

func lookupFormat(name string) *format {
	for i := range formats {
		if formats[i].name == name {
			return &formats[i]
		}
	}
	return nil
}

func formatNames() []string {
	var names []string
	for _, f := range formats {
		names = append(names, f.name)
	}
	return names
}

func defaultFormats() []string {
	var names []string
	for _, f := range formats {
		if f.byDefault {
			names = append(names, f.name)
		}
	}
	return names
}

func init() {
	registerFormat(format{name: "svg", order: 10, byDefault: true, write: func(j *job) ([]outFile, error) {
		fig, err := j.figure()
		if err != nil {
			return nil, err
		}
		var buf bytes.Buffer
		if err := render.SVG(&buf, fig); err != nil {
			return nil, err
		}
		return []outFile{{j.name + ".svg", buf.Bytes()}}, nil
	}})
}

// writeJob renders every requested format in memory first, then writes
// the files atomically; it reports each file written on report unless
// quiet. Nothing is written if any format fails.
func writeJob(j *job, report io.Writer) error {
	files, err := renderJob(j)
	if err != nil {
		return err
	}
	return writeFiles(j.opts, files, report)
}

// renderJob renders every requested format of the job in memory.
func renderJob(j *job) ([]outFile, error) {
	var files []outFile
	for _, f := range formats {
		if !slices.Contains(j.opts.formats, f.name) {
			continue
		}
		out, err := f.write(j)
		if err != nil {
			return nil, err
		}
		files = append(files, out...)
	}
	return files, nil
}

// writeFiles writes rendered files into o.out atomically, reporting each
// on report unless o.quiet.
func writeFiles(o outputOptions, files []outFile, report io.Writer) error {
	for _, f := range files {
		path := filepath.Join(o.out, f.name)
		if err := writeFileAtomic(path, f.data); err != nil {
			return err
		}
		if !o.quiet {
			fmt.Fprintln(report, "wrote", path)
		}
	}
	return nil
}

// writeSingle writes the one file -o asks for: to stdout for "-", else
// atomically to the path, reported on report unless quiet.
func writeSingle(j *job, stdout, report io.Writer) error {
	f := lookupFormat(j.opts.formats[0])
	files, err := f.write(j)
	if err != nil {
		return err
	}
	if len(files) != 1 {
		return usagef("-o writes one file, but --format %s writes %d; use --out DIR", f.name, len(files))
	}
	if j.opts.output == "-" {
		_, err := stdout.Write(files[0].data)
		return err
	}
	if err := writeFileAtomic(j.opts.output, files[0].data); err != nil {
		return err
	}
	if !j.opts.quiet {
		fmt.Fprintln(report, "wrote", j.opts.output)
	}
	return nil
}

// writeFileAtomic writes data to path through a temporary file in the
// same directory and a rename, so the path holds either its old content
// or all of the new.
func writeFileAtomic(path string, data []byte) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return err
	}
	_, werr := tmp.Write(data)
	cerr := tmp.Close()
	if err := errors.Join(werr, cerr); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return nil
}

// writeTranscript prints every run's lines in order, as the equivalent
// Python program would: printed lines to stdout, warnings and tracebacks
// (Stderr logs) to stderr.
func writeTranscript(stdout, stderr io.Writer, tr *trace.Trace) {
	var out, errb bytes.Buffer
	for _, r := range tr.Runs {
		for _, l := range r.Logs {
			b := &out
			if l.Stderr {
				b = &errb
			}
			b.WriteString(l.Text)
			b.WriteByte('\n')
		}
	}
	stdout.Write(out.Bytes())
	stderr.Write(errb.Bytes())
}
