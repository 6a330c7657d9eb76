// Command asyncgantt makes concurrency visible: it runs scenarios of
// asyncio-style tasks on a model of CPython's event loop and draws Gantt
// figures comparing sequential, concurrent and blocking runs.
//
// With no arguments it renders every built-in scenario into ./out. See
// README.md and docs/ for the scenario language and every command.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/asyncgantt/asyncgantt/internal/safetext"
	"github.com/asyncgantt/asyncgantt/pytrace"
	"github.com/asyncgantt/asyncgantt/scenarios"
	"github.com/asyncgantt/asyncgantt/scenarios/runner"
)

func main() {
	handleSignals(os.Stderr)
	stdout := &checkedWriter{w: os.Stdout}
	err := run(os.Args[1:], stdout, os.Stderr)
	if err == nil && stdout.err != nil {
		err = stdout.err
	}
	os.Exit(exitCode(err, os.Stderr))
}

// usageError is bad usage or bad input: exit status 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, a ...any) error { return &usageError{fmt.Sprintf(format, a...)} }

// errHelp means help was asked for and printed: exit status 0.
var errHelp = errors.New("help printed")

// exitCode prints err and returns the exit status: 0 success, 1 failure
// while running (a deadlock, a limit reached), 2 bad usage or input, 130
// interrupted (Ctrl-C), 143 terminated (SIGTERM). A command a signal
// stopped exits with the signal's status, whatever else went wrong.
func exitCode(err error, stderr io.Writer) int {
	code := 0
	var list scenarios.ErrorList
	var ue *usageError
	switch {
	case err == nil || errors.Is(err, errHelp):
	case errors.As(err, &list):
		printError(stderr, err)
		code = 2
	case errors.As(err, &ue):
		printError(stderr, err)
		code = 2
	case errors.Is(err, runner.ErrInterrupted) || errors.Is(err, pytrace.ErrInterrupted):
		printError(stderr, err)
		code = exitInterrupted
	default:
		printError(stderr, err)
		code = 1
	}
	if stop := interrupted(); stop != nil {
		return stop.status()
	}
	return code
}

// printError prints an error on stderr: a scenario's problems in detail
// (each with its line and a caret), anything else after "asyncgantt: ".
// The message goes through the text policy (safetext.Text): file names
// and other text in it that hold control or bidirectional formatting
// characters show them as escapes, so that a name cannot act on the
// terminal or reorder the line.
func printError(stderr io.Writer, err error) {
	var list scenarios.ErrorList
	msg := "asyncgantt: " + err.Error()
	if errors.As(err, &list) {
		msg = list.Detail()
	}
	fmt.Fprintln(stderr, safetext.Text(msg))
}

// command is a subcommand: `asyncgantt NAME ARGS...`.
type command struct {
	// name is what the user types.
	name string
	// synopsis is its usage line, e.g. "run NAME|FILE...".
	synopsis string
	// summary says in a few words what it does.
	summary string
	// run runs it with the arguments after its name.
	run func(args []string, stdout, stderr io.Writer) error
}

// commands are the subcommands, in the order the help text lists them.
// Each one's run function lives in its cmd_NAME.go file.
var commands = []command{
	{name: "run", synopsis: "run NAME|FILE...", summary: "run scenarios, print their output, write their figures", run: runCmd},
	{name: "quick", synopsis: "quick NAME=DUR...", summary: "figure of tasks run sequentially, concurrently and blocking", run: quickCmd},
	{name: "render", synopsis: "render TRACE.json...", summary: "draw Chrome trace files (Perfetto, chrome://tracing, ...)", run: renderCmd},
	{name: "list", synopsis: "list", summary: "list the built-in scenarios", run: listCmd},
	{name: "python", synopsis: "python NAME|FILE", summary: "print the equivalent Python asyncio program", run: pythonCmd},
	{name: "show", synopsis: "show NAME", summary: "print a built-in scenario's source, to copy and change", run: showCmd},
	{name: "markdown", synopsis: "markdown PAGE|DIR...", summary: "draw and link the figures of asyncgantt blocks in Markdown pages", run: markdownCmd},
	{name: "new", synopsis: "new FILE", summary: "write a commented starter scenario", run: newCmd},
	{name: "watch", synopsis: "watch FILE", summary: "re-render a scenario file every time it is saved", run: watchCmd},
	{name: "schema", synopsis: "schema", summary: "print the scenario files' JSON Schema, for editors", run: schemaCmd},
	{name: "gallery", synopsis: "gallery [--out DIR]", summary: "render every built-in scenario (the default)", run: galleryCmd},
	{name: "version", synopsis: "version", summary: "say which asyncgantt this is (also --version)", run: versionCmd},
}

func usageText() string {
	var b strings.Builder
	b.WriteString("asyncgantt makes concurrency visible: it runs scenarios of asyncio tasks on a\nmodel of CPython's event loop and draws Gantt figures of the runs.\n\nUsage:\n")
	width := len("asyncgantt")
	for _, c := range commands {
		width = max(width, len("asyncgantt "+c.synopsis))
	}
	b.WriteString(fmt.Sprintf("  %-*s  %s\n", width, "asyncgantt", "render every built-in scenario into ./out"))
	for _, c := range commands {
		b.WriteString(fmt.Sprintf("  %-*s  %s\n", width, "asyncgantt "+c.synopsis, c.summary))
	}
	b.WriteString("\nRun 'asyncgantt COMMAND --help' for a command's flags.\n")
	return b.String()
}

// run is the whole command: it parses args, writes the transcript to
// stdout and progress to stderr, and returns what went wrong.
func run(args []string, stdout, stderr io.Writer) error {
	ms := newMessageStream(stderr)
	defer ms.Flush()
	return dispatch(args, stdout, ms)
}

// dispatch runs the command args name, with stderr behind the text
// policy of messages.
func dispatch(args []string, stdout, stderr io.Writer) error {
	if len(args) == 1 && args[0] == "--version" {
		return printVersion(stdout)
	}
	if len(args) == 0 || (strings.HasPrefix(args[0], "-") && args[0] != "-h" && args[0] != "--help") {
		return galleryCmd(args, stdout, stderr)
	}
	name := args[0]
	if name == "help" || name == "-h" || name == "--help" {
		fmt.Fprint(stdout, usageText())
		return errHelp
	}
	var names []string
	for _, c := range commands {
		if c.name == name {
			return c.run(args[1:], stdout, stderr)
		}
		names = append(names, c.name)
	}
	hint := ""
	if n := scenarios.Nearest(name, names); n != "" {
		hint = fmt.Sprintf("; did you mean %q?", n)
	}
	return usagef("unknown command %q%s (commands: %s; asyncgantt --help says more)", name, hint, strings.Join(names, ", "))
}
