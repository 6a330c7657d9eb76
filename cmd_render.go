package main

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/asyncgantt/asyncgantt/internal/infile"
	"github.com/asyncgantt/asyncgantt/internal/safetext"
	"github.com/asyncgantt/asyncgantt/trace"
	"github.com/asyncgantt/asyncgantt/trace/chrome"
)

const renderUsage = `Usage: asyncgantt render TRACE.json... [flags]

Draws trace files in the Chrome Trace Event Format, as written by
asyncgantt run --format json, Chrome, Perfetto, VizTracer, Node's
--trace-events, tracing-chrome and many other tracers, through the same
outputs as run: TRACE.svg (and --format ...) in --out. Each process
becomes a run and each thread a lane, named by their metadata; async
operations get lanes of their own. Files compressed with gzip are
accepted; "-" reads standard input (written as stdin.svg).

Events that are not drawn (counters, flows, samples, spans nested in
others...) are reported on standard error. A file that is not a Chrome
trace, or is truncated, is an error naming the file and byte offset, and
nothing is written; so is one over a limit (--max-trace-bytes of text,
decompressed; --max-trace-events events to draw; --max-memory for what
they take).
`

// renderInput is a trace file read by render.
type renderInput struct {
	arg   string // as given on the command line
	name  string // base name of the output files
	trace *trace.Trace
	stats *chrome.Stats
}

func renderCmd(args []string, stdout, stderr io.Writer) error {
	var o outputOptions
	fs := newFlags("render", renderUsage, stdout)
	o.register(fs)
	// An imported trace's times were measured: there is nothing to run.
	fs.MarkHidden("clock")
	fs.MarkHidden("speed")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	for _, f := range []string{"clock", "speed"} {
		if fs.Changed(f) {
			return usagef("render: --%s does not apply: a trace file's times are already measured", f)
		}
	}
	if err := o.check(); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usagef("render: name one or more Chrome trace files (.json), or - for standard input")
	}
	if o.output != "" && fs.NArg() > 1 {
		return usagef("render: -o writes one file, but %d traces were named; use --out DIR", fs.NArg())
	}
	// Read and check every input, and the outputs, before writing
	// anything.
	var inputs []*renderInput
	var names []string
	stdin := false
	for _, arg := range fs.Args() {
		if infile.IsStdin(arg) {
			if stdin {
				return usagef("render: - (standard input) is named twice")
			}
			stdin = true
		}
		in, err := readTraceFile(arg, o.budget.traceLimits())
		if err != nil {
			return err
		}
		inputs = append(inputs, in)
		names = append(names, in.name)
		o.inputs = append(o.inputs, inputInfo(arg))
	}
	if err := uniqueNames("render", fs.Args(), names); err != nil {
		return err
	}
	if err := o.checkOutputs(names); err != nil {
		return err
	}
	for _, in := range inputs {
		if err := o.checkBaseline(displayName(in.arg), traceRunNames(in.trace)); err != nil {
			return err
		}
	}
	for _, in := range inputs {
		if notable(in.stats) {
			fmt.Fprintf(stderr, "%s: %s\n", safetext.Line(displayName(in.arg)), in.stats)
		}
	}
	if o.output != "" {
		return writeSingle(&job{name: inputs[0].name, trace: inputs[0].trace, opts: o}, stdout, stderr, stderr)
	}
	// Render everything in memory, then write it all or nothing.
	var files []outFile
	for _, in := range inputs {
		out, err := renderJob(&job{name: in.name, trace: in.trace, opts: o})
		if err != nil {
			return err
		}
		files = append(files, out...)
	}
	return writeFiles(o, files, stderr)
}

// displayName is how errors and notes name an input.
func displayName(arg string) string {
	if infile.IsStdin(arg) {
		return "<stdin>"
	}
	return arg
}

// readTraceFile reads one Chrome trace file, or standard input for "-",
// within the limits lim (see chrome.Limits.ReadFile); every error it
// reports is an input error.
func readTraceFile(arg string, lim chrome.Limits) (*renderInput, error) {
	tr, stats, err := lim.ReadFile(arg)
	if err != nil {
		return nil, explainLimit(err)
	}
	if len(tr.Runs) == 0 {
		return nil, usagef("%s: nothing to draw: the trace has no spans or instant events (%d events read; %s)", displayName(arg), stats.Events, stats)
	}
	stem := "stdin"
	if !infile.IsStdin(arg) {
		stem = filepath.Base(arg)
	}
	for _, ext := range []string{".gz", ".json", ".trace"} {
		stem = strings.TrimSuffix(stem, ext)
	}
	return &renderInput{arg: arg, name: outName(stem), trace: tr, stats: stats}, nil
}

// notable says whether the stats have anything to report: events not
// drawn, or spans changed to fit.
func notable(s *chrome.Stats) bool {
	n := s.Malformed + s.Nested + s.Unmatched + s.Unclosed
	for _, c := range s.Ignored {
		n += c
	}
	return n > 0
}
