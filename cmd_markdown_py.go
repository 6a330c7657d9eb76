package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/asyncgantt/asyncgantt/markdown"
	"github.com/asyncgantt/asyncgantt/pytrace"
	"github.com/asyncgantt/asyncgantt/trace"
)

// markdownProgram is the file name a python asyncgantt block runs as:
// what tracebacks and warnings name, in the figure and the transcript. It
// is the same for every block, so a figure depends only on its block, and
// it is no module of the standard library, so the block's imports find
// the library's (a page named asyncio.md must not shadow asyncio).
const markdownProgram = "block.py"

// renderProgram traces a python asyncgantt block as 'asyncgantt run
// FILE.py' traces a file, with the block's options: the block is written
// as block.py into a new temporary folder (never beside the page) and run
// on the virtual clock with the page's folder as its working directory,
// so the files it opens are the page's neighbours. Its output goes into
// the transcript, not to the terminal. A program that does not run (a
// syntax error, an exception before any asyncio.run) is an error at the
// block's line that Python names; one that raises or is stopped after it
// ran is drawn up to there, with a warning.
func (m *markdownRenderer) renderProgram(b *markdown.Block, name string, o outputOptions, runs *markdown.Option) (*markdown.Figure, error) {
	dir, err := os.MkdirTemp("", "asyncgantt-block-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	file := filepath.Join(dir, markdownProgram)
	if err := os.WriteFile(file, b.Body, 0o600); err != nil {
		return nil, err
	}
	o.py.python = m.python
	o.py.runs = nil
	if runs != nil {
		for _, r := range strings.Split(runs.Value, ",") {
			o.py.runs = append(o.py.runs, strings.TrimSpace(r))
		}
	}
	po := traceOptions(o)
	po.Stdin = nil // a page's program reads no input
	po.Dir = filepath.Dir(b.Page)
	res, err := pytrace.Run(m.ctx, file, po)
	// Python names the program by its path: in the figure and the
	// transcript it is block.py, wherever the temporary folder was.
	// (relative to the working directory when below it).
	tmp := regexp.MustCompile(`[^\s"']*` + regexp.QuoteMeta(filepath.Base(dir)+string(filepath.Separator)))
	local := func(s string) string { return tmp.ReplaceAllLiteralString(s, "") }
	var pe *pytrace.Error
	msg := ""
	if errors.As(err, &pe) {
		msg = local(pe.Msg)
	}
	switch {
	case errors.Is(err, pytrace.ErrInterrupted):
		return nil, err
	case errors.Is(err, pytrace.ErrRuns) && runs != nil:
		return nil, b.OptionErrorf(*runs, "%s", strings.TrimPrefix(msg, "--runs "+runs.Value+": "))
	case res == nil && pe != nil:
		line, rest := programLine(msg)
		if errors.Is(err, pytrace.ErrRefused) {
			rest = strings.TrimSuffix(rest, "; run it with --clock real") + "; figures in pages are drawn on the virtual clock only"
		}
		return nil, b.Errorf(line, 0, "%s", rest)
	case res == nil:
		return nil, b.Errorf(0, 0, "%v", err)
	}
	tr := res.Trace
	localTrace(tr, local)
	fig := &markdown.Figure{}
	var transcript, stderr strings.Builder
	for _, l := range res.Program.Logs {
		text := local(l.Text)
		transcript.WriteString(text + "\n")
		if l.Stderr {
			stderr.WriteString(text + "\n")
		}
	}
	fig.Transcript = transcript.String()
	if err == nil && res.ExitCode != 0 {
		line, why := exitReason(stderr.String())
		if len(tr.Runs) == 0 {
			return nil, b.Errorf(line, 0, "the program exited with status %d before any asyncio.run: %s", res.ExitCode, why)
		}
		fig.Warnings = append(fig.Warnings, fmt.Sprintf("%sthe program exited with status %d: %s; the figure shows what ran", programAt(line), res.ExitCode, why))
	}
	if err != nil {
		fig.Warnings = append(fig.Warnings, msg)
	}
	if len(tr.Runs) == 0 {
		return nil, b.Errorf(0, 0, "the program ran no asyncio.run() (or loop.run_until_complete()): there is nothing to draw")
	}
	// Untitled, as a scenario block without a title: not block.py.
	tr.Title = ""
	fig.Alt = "Gantt chart of the runs " + strings.Join(traceRunNames(tr), ", ")
	files, err := renderJob(&job{name: name, trace: tr, opts: o})
	if err != nil {
		return nil, b.Errorf(0, 0, "%v", err)
	}
	for _, f := range files {
		fig.Files = append(fig.Files, markdown.File{Name: f.name, Data: f.data})
	}
	return fig, nil
}

// localTrace rewrites every text of a trace that may name the program's
// path.
func localTrace(tr *trace.Trace, local func(string) string) {
	for _, r := range tr.Runs {
		r.Error = local(r.Error)
		for i := range r.Warnings {
			r.Warnings[i] = local(r.Warnings[i])
		}
		for i := range r.Logs {
			r.Logs[i].Text = local(r.Logs[i].Text)
		}
		for _, l := range r.Lanes {
			if l.Outcome != nil {
				l.Outcome.Value = local(l.Outcome.Value)
			}
			for i := range l.Intervals {
				l.Intervals[i].Detail = local(l.Intervals[i].Detail)
			}
		}
	}
}

// programLineRE finds the program's line in what Python and the probe
// write: "block.py:12: ..." or `File "block.py", line 12`.
var programLineRE = regexp.MustCompile(`(?:^|\s|")` + regexp.QuoteMeta(markdownProgram) + `(?::(\d+):\s*|", line (\d+))`)

// programLine splits a message that starts by naming a line of the
// program ("block.py:12: the program does ...") into the line and the
// rest; 0 and the message when it names none.
func programLine(msg string) (int, string) {
	m := programLineRE.FindStringSubmatchIndex(msg)
	if m == nil || m[0] != 0 || m[2] < 0 {
		return 0, msg
	}
	n, _ := strconv.Atoi(msg[m[2]:m[3]])
	return n, msg[m[1]:]
}

// exitReason reads what Python wrote to standard error when the program
// failed: the line of the program named last (the innermost frame of a
// traceback, or a syntax error's line), and the last line written (the
// exception: "ValueError: boom").
func exitReason(stderr string) (int, string) {
	line := 0
	for _, m := range programLineRE.FindAllStringSubmatch(stderr, -1) {
		if n, err := strconv.Atoi(m[1] + m[2]); err == nil {
			line = n
		}
	}
	lines := strings.Split(strings.TrimRight(stderr, "\n"), "\n")
	why := strings.TrimSpace(lines[len(lines)-1])
	if why == "" {
		why = "it wrote nothing to standard error"
	}
	return line, why
}

// programAt says which line of the program a warning is about.
func programAt(line int) string {
	if line == 0 {
		return ""
	}
	return fmt.Sprintf("program line %d: ", line)
}
