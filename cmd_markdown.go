package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/spf13/pflag"

	"github.com/asyncgantt/asyncgantt/markdown"
	"github.com/asyncgantt/asyncgantt/pytrace"
	"github.com/asyncgantt/asyncgantt/scenarios"
	"github.com/asyncgantt/asyncgantt/scenarios/runner"
)

const markdownUsage = "Usage: asyncgantt markdown PAGE.md|DIR... [flags]\n" + `
Finds the fenced blocks of Markdown pages whose info string is asyncgantt
(a scenario) or python asyncgantt (a Python program), draws each into
--assets beside its page, and writes the link to its figure right after
the block, between markers. Running it again changes nothing when nothing
changed; the figure of a block that changed or went away is removed.
Folders are searched for .md and .markdown files.

A block takes options after its info string, as a YAML mapping: the
figure flags below without their dashes, runs (the runs to draw; of a
program, the coroutine functions whose calls are runs), alt (the image's
text), hide-source and transcript-block:

` + "  ```asyncgantt {theme: dark, runs: [Concurrent], alt: \"Three tasks gathered\"}" + `

A python asyncgantt block runs with --python, on the virtual clock, with
its page's folder as working directory: running a page executes its code.

  asyncgantt markdown lesson.md
  asyncgantt markdown --check docs/    (exit 1 if a figure is stale: for CI and pre-commit)
`

// markdownFigureFlags are the flags of run that a page's figures take,
// on the command line and as block options.
var markdownFigureFlags = []string{"format", "theme", "width", "height", "size", "scale", "transcript",
	"animate", "animate-speed", "exact", "max-lanes", "max-events", "max-duration"}

// markdownNotOptions explain the flags of run that blocks do not take.
var markdownNotOptions = map[string]string{
	"clock":  "figures in pages use the virtual clock, so that every build draws the same figure",
	"speed":  "figures in pages use the virtual clock, so that every build draws the same figure",
	"out":    "figures go into the folder --assets names",
	"output": "figures go into the folder --assets names",
	"chart":  "a page shows the figure, not a text chart",
	"quiet":  "it is a flag of the command, not of a block",
}

// markdownWidth is the default width of a page's figures, in pixels.
const markdownWidth = 800

// markdownRunsOption picks the runs of a scenario block to draw.
const markdownRunsOption = "runs"

func markdownCmd(args []string, stdout, stderr io.Writer) error {
	_, fs := newMarkdownFlags(stdout)
	var cfg markdown.Config
	var check, hide, show, quiet bool
	fs.StringVar(&cfg.Assets, "assets", "figures", "folder to write figures into, beside each page (or an absolute path)")
	fs.BoolVar(&check, "check", false, "change nothing; exit 1 listing the pages whose figures are stale")
	fs.BoolVar(&hide, "hide-source", false, "keep each block in a comment, so the page shows only its figure")
	fs.BoolVar(&show, "show-source", false, "show the blocks that --hide-source hid")
	fs.BoolVar(&cfg.TranscriptBlock, "transcript-block", false, "after each figure, show what the program printed as a code block")
	fs.BoolVarP(&quiet, "quiet", "q", false, "do not report the files written")
	r := &markdownRenderer{}
	fs.StringVar(&r.python, "python", "python3", "the interpreter python asyncgantt blocks run with (CPython "+strings.Join(pytrace.Supported, ", ")+")")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usagef("markdown: name the Markdown pages or folders to update, e.g. asyncgantt markdown docs/")
	}
	if hide && show {
		return usagef("markdown: --hide-source and --show-source contradict each other; give one")
	}
	if strings.TrimSpace(cfg.Assets) == "" {
		return usagef("markdown: --assets is empty; name a folder, e.g. --assets figures")
	}
	switch {
	case hide:
		cfg.Source = markdown.HideSource
	case show:
		cfg.Source = markdown.ShowSource
	}
	var settings []string
	fs.Visit(func(f *pflag.Flag) {
		if slices.Contains(markdownFigureFlags, f.Name) {
			r.base = append(r.base, [2]string{f.Name, flagText(f)})
			settings = append(settings, f.Name+"="+flagText(f))
		}
	})
	// The flags alone must make sense before any block adds to them.
	if _, _, err := r.options(nil); err != nil {
		return err
	}
	cfg.Settings = strings.Join(settings, " ")
	// An interrupted block would put an interrupted figure on the page:
	// a signal stops the command at once, before any file is written.
	stopAtOnce()
	r.ctx = commandContext()
	changes, err := markdown.Plan(fs.Args(), r, cfg)
	if err != nil {
		return markdownError(err)
	}
	for _, p := range changes.Pages {
		for _, w := range p.Warnings {
			fmt.Fprintln(stderr, "warning:", w)
		}
	}
	stale := changes.Stale()
	if check {
		for _, p := range stale {
			fmt.Fprintf(stdout, "%s: stale: %s\n", p.Page, p.Summary())
		}
		if len(stale) > 0 {
			return fmt.Errorf("markdown --check: %d of %d %s stale; run asyncgantt markdown without --check to update %s",
				len(stale), len(changes.Pages), plural(len(changes.Pages), "page is", "pages are"), plural(len(stale), "it", "them"))
		}
		return nil
	}
	report := stderr
	if quiet {
		report = io.Discard
	}
	return changes.Apply(report)
}

// newMarkdownFlags returns the figure flags of run on a new flag set for
// the markdown command, with SVG as the only default format and figures
// markdownWidth wide.
func newMarkdownFlags(stdout io.Writer) (*outputOptions, *pflag.FlagSet) {
	o := &outputOptions{}
	all := pflag.NewFlagSet("markdown", pflag.ContinueOnError)
	o.register(all)
	fs := newFlags("markdown", markdownUsage, stdout)
	for _, name := range markdownFigureFlags {
		fs.AddFlag(all.Lookup(name))
	}
	o.formats = []string{"svg"}
	fs.Lookup("format").DefValue = "[svg]"
	// A page's column is narrower than a slide: at 800 pixels the text
	// of a figure shows at about its size in MkDocs, Sphinx or on GitHub.
	o.width = markdownWidth
	fs.Lookup("width").DefValue = fmt.Sprint(markdownWidth)
	return o, fs
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// flagText is a flag's value as block options and settings write it.
func flagText(f *pflag.Flag) string {
	if sv, ok := f.Value.(pflag.SliceValue); ok {
		return strings.Join(sv.GetSlice(), ",")
	}
	return f.Value.String()
}

// setFlag sets a flag to a value, a list replacing the default or an
// earlier value rather than adding to it.
func setFlag(fs *pflag.FlagSet, name, value string) error {
	f := fs.Lookup(name)
	if sv, ok := f.Value.(pflag.SliceValue); ok {
		if err := sv.Replace(strings.Split(value, ",")); err != nil {
			return err
		}
		f.Changed = true
		return nil
	}
	return fs.Set(name, value)
}

// markdownRenderer draws a page's blocks as 'asyncgantt run' would, with
// the command's flags and then each block's options applied.
type markdownRenderer struct {
	// base are the figure flags given on the command line, name and value.
	base [][2]string
	// ctx interrupts the runs (Ctrl-C).
	ctx context.Context
	// python is the interpreter of python asyncgantt blocks (--python).
	python string
}

// options returns the output options for a block: the command's flags,
// then the block's options (b may be nil), each checked as it is added so
// an error names the option at fault. It also returns the runs option.
func (m *markdownRenderer) options(b *markdown.Block) (outputOptions, *markdown.Option, error) {
	o, fs := newMarkdownFlags(io.Discard)
	for _, kv := range m.base {
		if err := setFlag(fs, kv[0], kv[1]); err != nil {
			return *o, nil, usagef("markdown: --%s: %v", kv[0], err)
		}
	}
	if err := o.check(); err != nil {
		return *o, nil, err
	}
	if b == nil {
		return *o, nil, nil
	}
	var runs *markdown.Option
	for _, opt := range b.Options {
		if opt.Key == markdownRunsOption {
			runs = &opt
			continue
		}
		if why, ok := markdownNotOptions[opt.Key]; ok {
			return *o, nil, b.OptionErrorf(opt, "not an option of a block: %s", why)
		}
		if fs.Lookup(opt.Key) == nil {
			valid := append(slices.Clone(markdownFigureFlags), markdownRunsOption, markdown.OptAlt, markdown.OptHideSource, markdown.OptTranscriptBlock)
			slices.Sort(valid)
			hint := ""
			if n := scenarios.Nearest(opt.Key, valid); n != "" {
				hint = fmt.Sprintf("; did you mean %s?", n)
			}
			return *o, nil, b.OptionErrorf(opt, "unknown option%s (options: %s)", hint, strings.Join(valid, ", "))
		}
		err := setFlag(fs, opt.Key, opt.Value)
		if err == nil {
			err = o.check()
		}
		if err != nil {
			msg := strings.TrimPrefix(err.Error(), "--"+opt.Key+": ")
			msg = strings.TrimPrefix(msg, "--"+opt.Key+" ")
			return *o, nil, b.OptionErrorf(opt, "%s", msg)
		}
	}
	return *o, runs, nil
}

// Render draws a block into the files its formats ask for.
func (m *markdownRenderer) Render(b *markdown.Block, name string) (*markdown.Figure, error) {
	o, runs, err := m.options(b)
	if err != nil {
		return nil, err
	}
	if b.Kind == markdown.Program {
		return m.renderProgram(b, name, o, runs)
	}
	s, err := scenarios.Parse(name+".yaml", b.Body)
	if err != nil {
		return nil, scenarioErrors(b, err)
	}
	if s.Title == s.Name {
		// Untitled: not the figure's file name, but the default title.
		s.Title = ""
	}
	if runs != nil {
		if s, err = chooseRuns(b, s, *runs); err != nil {
			return nil, err
		}
	}
	tr, runErr := runner.Execute(m.ctx, s, o.runOptions())
	if tr == nil {
		return nil, b.Errorf(0, 0, "%v", runErr)
	}
	fig := &markdown.Figure{Alt: s.Title}
	if fig.Alt == "" {
		fig.Alt = "Gantt chart of the runs " + strings.Join(runNames(s), ", ")
	}
	if runErr != nil {
		if errors.Is(runErr, runner.ErrInterrupted) {
			return nil, runErr
		}
		fig.Warnings = append(fig.Warnings, explainRunError(runErr, o).Error())
	}
	var transcript strings.Builder
	for _, r := range tr.Runs {
		for _, l := range r.Logs {
			transcript.WriteString(l.Text + "\n")
		}
	}
	fig.Transcript = transcript.String()
	files, err := renderJob(&job{name: name, scenario: s, trace: tr, opts: o})
	if err != nil {
		return nil, b.Errorf(0, 0, "%v", err)
	}
	for _, f := range files {
		fig.Files = append(fig.Files, markdown.File{Name: f.name, Data: f.data})
	}
	return fig, nil
}

// chooseRuns keeps the runs a block's runs option names, in its order.
func chooseRuns(b *markdown.Block, s *scenarios.Scenario, opt markdown.Option) (*scenarios.Scenario, error) {
	names := runNames(s)
	picked := *s
	picked.Runs = nil
	for _, want := range strings.Split(opt.Value, ",") {
		want = strings.TrimSpace(want)
		i := slices.IndexFunc(s.Runs, func(r *scenarios.RunDef) bool { return strings.EqualFold(r.Name, want) })
		if i < 0 {
			hint := ""
			if n := scenarios.Nearest(want, names); n != "" {
				hint = fmt.Sprintf("; did you mean %s?", n)
			}
			return nil, b.OptionErrorf(opt, "the scenario has no run %q%s (its runs: %s)", want, hint, strings.Join(names, ", "))
		}
		if slices.Contains(picked.Runs, s.Runs[i]) {
			return nil, b.OptionErrorf(opt, "run %s is named twice", s.Runs[i].Name)
		}
		picked.Runs = append(picked.Runs, s.Runs[i])
	}
	return &picked, nil
}

// scenarioErrors places a scenario's errors on the page.
func scenarioErrors(b *markdown.Block, err error) error {
	var list scenarios.ErrorList
	if !errors.As(err, &list) {
		return b.Errorf(0, 0, "%v", err)
	}
	var out markdown.ErrorList
	for _, e := range list {
		out = append(out, b.Errorf(e.Pos.Line, e.Pos.Col, "%s", e.Msg))
	}
	return out
}

// markdownError turns the pages' errors into a scenario error list, so
// that they are printed with the page's line and a caret, and exit 2.
func markdownError(err error) error {
	var list markdown.ErrorList
	if !errors.As(err, &list) {
		return err
	}
	var out scenarios.ErrorList
	for _, e := range list {
		msg := e.Msg
		if where := e.Where(); where != "" {
			msg = where + ": " + msg
		}
		pos := scenarios.Pos{Line: e.Line, Col: e.Col}
		if pos.Line > 0 && pos.Col == 0 {
			// A problem with a whole line is shown at its start.
			pos.Col = 1
		}
		out = append(out, &scenarios.Error{File: e.Page, Pos: pos, Msg: msg, Line: e.Text})
	}
	return out
}
