// Command asyncgantt makes concurrency visible: it runs scenarios of
// asyncio-style tasks on a model of CPython's event loop and draws Gantt
// figures comparing sequential, concurrent and blocking runs.
//
// With no arguments it renders every built-in scenario into ./out. See
// README.md for the scenario language and every command.
package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/pflag"

	"github.com/asyncgantt/asyncgantt/render"
	"github.com/asyncgantt/asyncgantt/scenarios"
	"github.com/asyncgantt/asyncgantt/trace"
)

func main() {
	err := run(os.Args[1:], os.Stdout, os.Stderr)
	os.Exit(exitCode(err, os.Stderr))
}

// usageError is bad usage or bad input: exit status 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, a ...any) error { return &usageError{fmt.Sprintf(format, a...)} }

// errHelp means help was asked for and printed: exit status 0.
var errHelp = errors.New("help printed")

// exitCode prints err and returns the exit status: 0 success, 1 failure
// while running, 2 bad usage or input.
func exitCode(err error, stderr io.Writer) int {
	if err == nil || errors.Is(err, errHelp) {
		return 0
	}
	var list scenarios.ErrorList
	var ue *usageError
	switch {
	case errors.As(err, &list):
		fmt.Fprintln(stderr, list.Detail())
		return 2
	case errors.As(err, &ue):
		fmt.Fprintln(stderr, "asyncgantt:", err)
		return 2
	}
	fmt.Fprintln(stderr, "asyncgantt:", err)
	return 1
}

const topUsage = `asyncgantt makes concurrency visible: it runs scenarios of asyncio tasks on a
model of CPython's event loop and draws Gantt figures of the runs.

Usage:
  asyncgantt                     render every built-in scenario into ./out
  asyncgantt run NAME|FILE...    run scenarios, print their output, write figures
  asyncgantt list                list the built-in scenarios

Run 'asyncgantt COMMAND --help' for a command's flags.
`

// run is the whole command: it parses args, writes the transcript to
// stdout and progress to stderr, and returns what went wrong.
func run(args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || (strings.HasPrefix(args[0], "-") && args[0] != "-h" && args[0] != "--help") {
		return gallery(args, stdout, stderr)
	}
	switch cmd := args[0]; cmd {
	case "run":
		return runCmd(args[1:], stdout, stderr)
	case "list":
		return listCmd(args[1:], stdout, stderr)
	case "gallery":
		return gallery(args[1:], stdout, stderr)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, topUsage)
		return errHelp
	default:
		commands := []string{"run", "list", "gallery", "help"}
		hint := ""
		if n := scenarios.Nearest(cmd, commands); n != "" {
			hint = fmt.Sprintf("; did you mean %q?", n)
		}
		if strings.HasPrefix(cmd, "-") {
			return usagef("unknown flag %s%s (run 'asyncgantt --help')", cmd, hint)
		}
		return usagef("unknown command %q%s (commands: %s)", cmd, hint, strings.Join(commands, ", "))
	}
}

// newFlags returns a flag set for a subcommand whose --help prints usage.
func newFlags(name, usage string, stdout io.Writer) *pflag.FlagSet {
	fs := pflag.NewFlagSet(name, pflag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {
		fmt.Fprint(stdout, usage)
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
		fs.Usage()
		return errHelp
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
	return nil
}

// outputOptions are the flags every rendering command shares.
type outputOptions struct {
	out   string
	theme string
	width float64
	clock string
	speed float64
	quiet bool
}

func (o *outputOptions) register(fs *pflag.FlagSet) {
	fs.StringVar(&o.out, "out", "out", "directory to write figures into")
	fs.StringVar(&o.theme, "theme", "light", "figure theme: "+strings.Join(render.ThemeNames(), ", "))
	fs.Float64Var(&o.width, "width", 1200, "figure width in pixels")
	fs.StringVar(&o.clock, "clock", scenarios.VirtualClock, "virtual (instant, exact) or real (really sleeps and measures)")
	fs.Float64Var(&o.speed, "speed", 1, "with --clock real, run this many times faster than written")
	fs.BoolVarP(&o.quiet, "quiet", "q", false, "do not report the files written")
}

func (o *outputOptions) check() error {
	if o.clock != scenarios.VirtualClock && o.clock != scenarios.RealClock {
		return usagef("--clock %q is not valid: use %s or %s", o.clock, scenarios.VirtualClock, scenarios.RealClock)
	}
	if !(o.speed > 0) || o.speed > 1e6 {
		return usagef("--speed %v is not valid: use a number above 0 (e.g. 10 to run ten times faster)", o.speed)
	}
	if _, err := render.LookupTheme(o.theme); err != nil {
		return &usageError{err.Error()}
	}
	if !(o.width >= 320 && o.width <= 20000) {
		return usagef("--width %v is not valid: use 320 to 20000 pixels", o.width)
	}
	return nil
}

const runUsage = `Usage: asyncgantt run NAME|FILE... [flags]

Runs each built-in scenario NAME or scenario FILE: prints what the
equivalent Python program would print, and writes its figure into --out.
`

func runCmd(args []string, stdout, stderr io.Writer) error {
	var o outputOptions
	fs := newFlags("run", runUsage, stdout)
	o.register(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if err := o.check(); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usagef("run: name a built-in scenario or a scenario file (asyncgantt list shows the built-ins)")
	}
	// Parse everything first: bad input writes nothing.
	var all []*scenarios.Scenario
	for _, arg := range fs.Args() {
		s, err := load(arg)
		if err != nil {
			return err
		}
		all = append(all, s)
	}
	for _, s := range all {
		if err := render1(s, o, stdout, stderr); err != nil {
			return err
		}
	}
	return nil
}

// load reads a scenario: a file when arg names one, else a built-in.
func load(arg string) (*scenarios.Scenario, error) {
	looksLikeFile := strings.ContainsAny(arg, `/\`) || strings.HasSuffix(arg, ".yaml") || strings.HasSuffix(arg, ".yml")
	if fi, err := os.Stat(arg); err == nil || looksLikeFile {
		if err != nil {
			return nil, usagef("cannot read %s: %v", arg, errors.Unwrap(err))
		}
		if fi.IsDir() {
			return nil, usagef("%s is a directory; name a scenario file", arg)
		}
		if fi.Size() > scenarios.MaxSourceBytes {
			return nil, usagef("%s is %d bytes; scenario files are limited to %d bytes", arg, fi.Size(), scenarios.MaxSourceBytes)
		}
		src, err := os.ReadFile(arg)
		if err != nil {
			return nil, usagef("cannot read %s: %v", arg, err)
		}
		return scenarios.Parse(arg, src)
	}
	s, err := scenarios.Builtin(arg)
	if err != nil {
		var list scenarios.ErrorList
		if errors.As(err, &list) {
			return nil, err
		}
		return nil, &usageError{err.Error()}
	}
	return s, nil
}

// render1 runs one scenario, prints its transcript and writes its figure.
func render1(s *scenarios.Scenario, o outputOptions, stdout, stderr io.Writer) error {
	tr, runErr := scenarios.Execute(s, scenarios.Options{Clock: o.clock, Speed: o.speed})
	if tr == nil {
		return runErr
	}
	writeTranscript(stdout, tr)
	fig, err := render.Layout(tr, render.Options{Width: o.width, Theme: o.theme})
	if err != nil {
		return &usageError{err.Error()}
	}
	var buf bytes.Buffer
	if err := render.SVG(&buf, fig); err != nil {
		return err
	}
	path := filepath.Join(o.out, s.Name+".svg")
	if err := writeFileAtomic(path, buf.Bytes()); err != nil {
		return err
	}
	if !o.quiet {
		fmt.Fprintln(stderr, "wrote", path)
	}
	return runErr
}

// writeTranscript prints every run's lines in order, as the equivalent
// Python program would.
func writeTranscript(w io.Writer, tr *trace.Trace) {
	var b bytes.Buffer
	for _, r := range tr.Runs {
		for _, l := range r.Logs {
			if !l.Stderr {
				b.WriteString(l.Text)
				b.WriteByte('\n')
			}
		}
	}
	w.Write(b.Bytes())
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

const listUsage = `Usage: asyncgantt list

Lists the built-in scenarios with their titles.
`

func listCmd(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("list", listUsage, stdout)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("list takes no arguments")
	}
	names := scenarios.Builtins()
	width := 0
	for _, n := range names {
		width = max(width, len(n))
	}
	var b bytes.Buffer
	for _, n := range names {
		s, err := scenarios.Builtin(n)
		if err != nil {
			return fmt.Errorf("built-in scenario %s: %w", n, err)
		}
		fmt.Fprintf(&b, "%-*s  %s\n", width, n, s.Title)
	}
	_, err := stdout.Write(b.Bytes())
	return err
}

const galleryUsage = `Usage: asyncgantt [gallery] [flags]

Renders every built-in scenario into --out (default ./out) and reports
what it wrote. This is what asyncgantt does with no arguments.
`

func gallery(args []string, stdout, stderr io.Writer) error {
	var o outputOptions
	fs := newFlags("gallery", galleryUsage, stdout)
	o.register(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if err := o.check(); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("gallery takes no arguments; use 'asyncgantt run NAME|FILE' for chosen scenarios")
	}
	names := scenarios.Builtins()
	for _, n := range names {
		s, err := scenarios.Builtin(n)
		if err != nil {
			return fmt.Errorf("built-in scenario %s: %w", n, err)
		}
		// The gallery reports files on stdout: writing them is its output.
		if err := render1(s, o, io.Discard, stdout); err != nil {
			return err
		}
	}
	return nil
}
