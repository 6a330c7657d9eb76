package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/asyncgantt/asyncgantt/internal/outfile"
	"github.com/asyncgantt/asyncgantt/internal/safetext"
	"github.com/asyncgantt/asyncgantt/render"
	_ "github.com/asyncgantt/asyncgantt/render/html"
	_ "github.com/asyncgantt/asyncgantt/render/json"
	_ "github.com/asyncgantt/asyncgantt/render/mermaid"
	_ "github.com/asyncgantt/asyncgantt/render/pdf"
	_ "github.com/asyncgantt/asyncgantt/render/png"
	_ "github.com/asyncgantt/asyncgantt/render/svg"
	_ "github.com/asyncgantt/asyncgantt/render/text"
	"github.com/asyncgantt/asyncgantt/scenarios"
	"github.com/asyncgantt/asyncgantt/scenarios/python"
	"github.com/asyncgantt/asyncgantt/trace"
)

// formats are the output formats --format takes, each a format the
// backends imported above register with render, in the order help texts
// list them and files are written: the figure and its report first (the
// default), then the other views of the same trace.
var formats = []struct {
	name      string
	byDefault bool
}{
	{"svg", true},
	{"html", true},
	{"txt", false},
	{"png", false},
	{"pdf", false},
	{"json", false},
	{"mermaid", false},
}

// lookupFormat returns the render format --format name names, if the
// command line offers it.
func lookupFormat(name string) (render.Format, bool) {
	for _, f := range formats {
		if f.name == name {
			return render.LookupFormat(name)
		}
	}
	return render.Format{}, false
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
	// alert, when not "", is a problem an HTML report states above its
	// figure: in watch mode, a save that does not run (the figure is the
	// last good one).
	alert string
	// doc is what every format writes, made once on first use.
	doc *render.Document
}

// document returns what the job's formats write: the trace, the figure's
// options (the scenario's own figure settings unless flags override
// them), and, when an HTML report is among the formats, the scenario's
// source and Python program.
func (j *job) document() (*render.Document, error) {
	if j.doc != nil {
		return j.doc, nil
	}
	ro := render.Options{Width: j.opts.width, Height: j.opts.height}
	theme := j.opts.theme
	if s := j.scenario; s != nil {
		if s.Figure.Theme != "" && !j.opts.set("theme") {
			theme = s.Figure.Theme
		}
		if s.Figure.Width != 0 && !j.opts.set("width") {
			ro.Width = s.Figure.Width
		}
		if s.Figure.Height != 0 && !j.opts.set("height") {
			ro.Height = s.Figure.Height
		}
	}
	j.opts.fig.apply(&ro, j)
	th, err := render.LookupTheme(theme)
	if err != nil {
		return nil, &usageError{fmt.Sprintf("%s: %v", j.name, err)}
	}
	ro.Theme = th
	if err := render.CheckBaseline(j.trace, ro.Baseline); err != nil {
		return nil, &usageError{fmt.Sprintf("%s: --baseline: %v", j.name, err)}
	}
	d := &render.Document{Trace: j.trace, Options: ro, Scale: j.opts.scale, MaxPixels: j.opts.maxPixels,
		Title: j.trace.Title, Description: j.trace.Description}
	if err := d.Check(); err != nil {
		return nil, &usageError{fmt.Sprintf("%s: %v", j.name, err)}
	}
	if slices.Contains(j.opts.formats, "html") {
		if err := j.report(d); err != nil {
			return nil, err
		}
	}
	j.doc = d
	return d, nil
}

// report adds what an HTML report shows beside the figure: the
// scenario's title, source and Python program, and in watch mode the
// script that reloads the page.
func (j *job) report(d *render.Document) error {
	if s := j.scenario; s != nil {
		d.Title, d.Description = s.Title, s.Description
		d.Source = string(s.Source)
		d.SourceName = safetext.Line(filepath.Base(s.File))
		py, err := python.Program(s, programOptions(j.trace))
		if err != nil {
			return fmt.Errorf("%s: the equivalent Python program: %w", s.File, err)
		}
		d.Python = string(py)
	}
	if d.Title == "" {
		d.Title = j.name
	}
	d.Alert = j.alert
	if j.reload != "" {
		// Watch mode: the page reloads itself when NAME.reload.js changes.
		// Reports written otherwise carry no script at all.
		d.Script = reloadScript(j.name, j.reload)
		d.ScriptSources = reloadScriptSources
	}
	return nil
}

// encode writes the job in the format called name: the file's base name
// (inside --out) and contents.
func (j *job) encode(name string) (outFile, error) {
	f, ok := lookupFormat(name)
	if !ok {
		return outFile{}, fmt.Errorf("format %s is not registered", name)
	}
	d, err := j.document()
	if err != nil {
		return outFile{}, err
	}
	var buf bytes.Buffer
	if err := f.Encode(&buf, d); err != nil {
		// The formats write into memory: what fails is the trace, which
		// the format cannot draw (too long for Mermaid, nothing to draw,
		// over a budget).
		hint := ""
		if le := (*render.LimitError)(nil); errors.As(err, &le) && le.Limit == "MaxPixels" {
			hint = fmt.Sprintf(" (or raise the limit: --max-pixels %d)", le.Need)
		}
		return outFile{}, &usageError{fmt.Sprintf("%s: --format %s: %v%s", j.name, f.Name, err, hint)}
	}
	return outFile{j.name + f.Extensions[0], buf.Bytes()}, nil
}

// outFile is a file to write: a base name inside --out and its bytes.
type outFile struct {
	name string
	data []byte
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

// renderJob renders every requested format of the job in memory, in the
// order of formats.
func renderJob(j *job) ([]outFile, error) {
	var files []outFile
	for _, f := range formats {
		if !slices.Contains(j.opts.formats, f.name) {
			continue
		}
		out, err := j.encode(f.name)
		if err != nil {
			return nil, err
		}
		files = append(files, out)
	}
	return files, nil
}

// writeFiles writes rendered files into o.out, all or nothing
// (outfile.WriteAll), reporting each on report unless o.quiet, then
// removes the temporary files a killed run left in o.out over a day ago.
func writeFiles(o outputOptions, files []outFile, report io.Writer) error {
	var set []outfile.File
	for _, f := range files {
		set = append(set, outfile.File{Path: filepath.Join(o.out, f.name), Data: f.data})
	}
	if err := writeSet(o, set); err != nil {
		return err
	}
	if !o.quiet {
		for _, f := range set {
			fmt.Fprintln(report, "wrote", safetext.Line(f.Path))
		}
	}
	return nil
}

// writeSet writes a set of files (outfile.WriteAll), none of them one of
// the command's inputs, then sweeps the directories written into of the
// temporary files a killed run left there over a day ago. An output in
// the way (an input, a directory) is a usage error.
func writeSet(o outputOptions, set []outfile.File) error {
	if err := outfile.WriteAll(set, o.inputs...); err != nil {
		var same *outfile.SameFileError
		var refused *outfile.RefusedError
		if errors.As(err, &same) || errors.As(err, &refused) {
			return &usageError{err.Error()}
		}
		return err
	}
	swept := map[string]bool{}
	for _, f := range set {
		if fi, err := os.Lstat(f.Path); err != nil || !fi.Mode().IsRegular() {
			continue // a device or FIFO written into: its directory is not ours
		}
		if dir := filepath.Dir(f.Path); !swept[dir] {
			swept[dir] = true
			outfile.RemoveStale(dir, outputExtensions(), time.Now())
		}
	}
	return nil
}

// outputExtensions are the extensions of the files the command writes:
// every format's, and watch mode's version files.
func outputExtensions() []string {
	exts := []string{filepath.Ext(reloadSuffix)}
	for _, f := range render.Formats() {
		exts = append(exts, f.Extensions...)
	}
	return exts
}

// writeSingle writes the one file -o asks for: to stdout for "-", to
// stderr for its names (streams.go), else to the path (outfile's policy:
// a device or FIFO is written into), reported on report unless quiet.
func writeSingle(j *job, stdout, stderr, report io.Writer) error {
	f, err := j.encode(j.opts.formats[0])
	if err != nil {
		return err
	}
	switch {
	case j.opts.output == "-":
		_, err := stdout.Write(f.data)
		return err
	case j.opts.toStderr:
		_, err := stderr.Write(f.data)
		return err
	}
	if err := writeSet(j.opts, []outfile.File{{Path: j.opts.output, Data: f.data}}); err != nil {
		return err
	}
	if !j.opts.quiet {
		fmt.Fprintln(report, "wrote", safetext.Line(j.opts.output))
	}
	return nil
}

// plannedOutputs returns the paths the command will write for the jobs
// named names, as far as they are known before anything runs: -o's path,
// or each format's file in --out.
func (o *outputOptions) plannedOutputs(names []string) []string {
	if o.output != "" {
		if o.output == "-" || o.toStderr {
			return nil
		}
		return []string{o.output}
	}
	var paths []string
	for _, name := range names {
		for _, f := range o.formats {
			if rf, ok := lookupFormat(f); ok {
				paths = append(paths, filepath.Join(o.out, name+rf.Extensions[0]))
			}
		}
	}
	return paths
}

// checkOutputs refuses, before anything runs, outputs that cannot be
// written: one of the inputs, a directory, a socket (outfile.Check). The
// same checks are made again as the files are written.
func (o *outputOptions) checkOutputs(names []string) error {
	if err := outfile.Check(o.plannedOutputs(names), o.inputs...); err != nil {
		return &usageError{err.Error()}
	}
	return nil
}

// uniqueNames refuses two inputs that would write files of the same name:
// args are the inputs as named on the command line, names their output
// names.
func uniqueNames(command string, args, names []string) error {
	first := map[string]string{}
	for i, name := range names {
		if prev, ok := first[name]; ok {
			return usagef("%s: %s and %s would both write %s.*; %s them into different --out directories", command, prev, args[i], name, command)
		}
		first[name] = args[i]
	}
	return nil
}

// writeTranscript prints every run's lines in order, as the equivalent
// Python program would: printed lines to stdout, warnings and tracebacks
// (Stderr logs) to stderr. Each line goes through the text policy
// (safetext.Line): a control character or a bidirectional override is
// printed as its escape ("\x1b", "\u202e"), as Python's repr writes it,
// so that a scenario cannot drive the terminal it is run in.
func writeTranscript(stdout, stderr io.Writer, tr *trace.Trace) {
	var out, errb bytes.Buffer
	for _, r := range tr.Runs {
		for _, l := range r.Logs {
			b := &out
			if l.Stderr {
				b = &errb
			}
			b.WriteString(safetext.Line(l.Text))
			b.WriteByte('\n')
		}
	}
	stdout.Write(out.Bytes())
	stderr.Write(errb.Bytes())
}
