package main

import (
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/asyncgantt/asyncgantt/scenarios"
)

const quickUsage = `Usage: asyncgantt quick NAME=DURATION... [flags]

Draws the classic comparison without writing a scenario file: each
NAME=DURATION is a task that prints "Task NAME starting...", sleeps for
DURATION and prints "Task NAME done after ...". The runs await the tasks
one after another (sequential), gather them (concurrent), and gather them
with time.sleep instead of asyncio.sleep (blocking).

  asyncgantt quick A=2s B=1s C=3s
  asyncgantt quick fetch=1.5s parse=500ms --runs concurrent,blocking -o - > fig.svg
  asyncgantt quick A=2s B=1s --source > lesson.yaml    (a scenario file to build on)
`

// quickRun is one of the runs quick can draw.
type quickRun struct {
	// key is what --runs takes.
	key string
	// name labels the run in the figure.
	name string
	// header and total are its first and last printed lines, as in the
	// async-basics scenario.
	header, total string
	// gather runs the tasks concurrently; otherwise they are awaited in turn.
	gather bool
	// block makes every sleep a time.sleep.
	block bool
}

var quickRuns = []quickRun{
	{key: "sequential", name: "Sequential", header: "--- Sequential execution ---", total: "Sequential total: ~{elapsed} seconds"},
	{key: "concurrent", name: "Concurrent", header: "--- Concurrent execution ---", total: "Concurrent total: ~{elapsed} seconds", gather: true},
	{key: "blocking", name: "Blocking", header: "--- Concurrent execution with time.sleep ---", total: "Blocking total: ~{elapsed} seconds", gather: true, block: true},
}

func quickRunKeys() []string {
	keys := make([]string, len(quickRuns))
	for i, r := range quickRuns {
		keys[i] = r.key
	}
	return keys
}

func quickCmd(args []string, stdout, stderr io.Writer) error {
	var o outputOptions
	var runs []string
	var name, title string
	var source bool
	fs := newFlags("quick", quickUsage, stdout)
	o.register(fs)
	fs.StringSliceVar(&runs, "runs", quickRunKeys(), "the runs to draw, in this order, comma-separated: "+strings.Join(quickRunKeys(), ", "))
	fs.StringVar(&name, "name", "quick", "base name of the files written, e.g. quick.svg")
	fs.StringVar(&title, "title", "", `the figure's title (default: the tasks, e.g. "A (2s), B (1s) and C (3s)")`)
	fs.BoolVar(&source, "source", false, "print the scenario file quick builds, to start one of your own, and write nothing")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if err := o.check(); err != nil {
		return err
	}
	if !validBaseName(name) {
		return usagef("quick: --name %q is not valid: use letters, digits, '-', '_' and '.', e.g. --name lesson-1", name)
	}
	tasks, err := parseQuickTasks(fs.Args())
	if err != nil {
		return err
	}
	chosen, err := chooseQuickRuns(runs)
	if err != nil {
		return err
	}
	src := quickSource(tasks, chosen, title, args)
	if source {
		_, err := stdout.Write(src)
		return err
	}
	s, err := scenarios.Parse(name+".yaml", src)
	if err != nil {
		// The arguments were checked above, so a problem here is with a
		// task name the scenario language reserves; say it without the
		// position inside the generated file.
		var list scenarios.ErrorList
		if errors.As(err, &list) && len(list) > 0 {
			return usagef("quick: %s", list[0].Msg)
		}
		return err
	}
	if err := o.checkOutputs([]string{outName(s.Name)}); err != nil {
		return err
	}
	o.ctx = commandContext()
	return runScenario(s, o, stdout, stderr, stderr)
}

// quickTask is one NAME=DURATION argument.
type quickTask struct {
	name     string
	duration string
}

var quickNameRE = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// parseQuickTasks checks the NAME=DURATION arguments.
func parseQuickTasks(args []string) ([]quickTask, error) {
	if len(args) == 0 {
		return nil, usagef("quick: name the tasks as NAME=DURATION, e.g. asyncgantt quick A=2s B=1s C=3s")
	}
	var tasks []quickTask
	var seen []string
	for i, a := range args {
		name, dur, ok := strings.Cut(a, "=")
		where := fmt.Sprintf("quick: argument %d, %q", i+1, a)
		switch {
		case !ok:
			return nil, usagef("%s: write a task as NAME=DURATION, e.g. A=2s", where)
		case name == "":
			return nil, usagef("%s: the task has no name; write NAME=DURATION, e.g. A=2s", where)
		case !quickNameRE.MatchString(name) || len(name) > scenarios.MaxNameLen:
			return nil, usagef("%s: task name %q is not valid: a task is a Python coroutine, so its name is letters, digits and _ (not starting with a digit), e.g. A or fetch_1", where, name)
		case slices.Contains(seen, name):
			return nil, usagef("%s: task %s is named twice; give each task its own name", where, name)
		}
		if _, err := scenarios.ParseDuration(dur); err != nil {
			return nil, usagef("%s: %v", where, err)
		}
		seen = append(seen, name)
		tasks = append(tasks, quickTask{name: name, duration: strings.TrimSpace(dur)})
	}
	return tasks, nil
}

// chooseQuickRuns checks --runs.
func chooseQuickRuns(keys []string) ([]quickRun, error) {
	if len(keys) == 0 {
		return nil, usagef("quick: --runs is empty; use any of %s, comma-separated", strings.Join(quickRunKeys(), ", "))
	}
	var chosen []quickRun
	for _, k := range keys {
		i := slices.IndexFunc(quickRuns, func(r quickRun) bool { return r.key == strings.ToLower(k) })
		if i < 0 {
			hint := ""
			if n := scenarios.Nearest(strings.ToLower(k), quickRunKeys()); n != "" {
				hint = fmt.Sprintf("; did you mean %q?", n)
			}
			return nil, usagef("quick: --runs: unknown run %q%s (runs: %s)", k, hint, strings.Join(quickRunKeys(), ", "))
		}
		if slices.ContainsFunc(chosen, func(r quickRun) bool { return r.key == quickRuns[i].key }) {
			return nil, usagef("quick: --runs names %s twice", quickRuns[i].key)
		}
		chosen = append(chosen, quickRuns[i])
	}
	return chosen, nil
}

// quickSource writes the scenario file quick runs: the same text a user
// would write, so the report's scenario source and errors are real.
func quickSource(tasks []quickTask, runs []quickRun, title string, args []string) []byte {
	var names, specs []string
	for _, t := range tasks {
		names = append(names, t.name)
		specs = append(specs, t.name+"="+t.duration)
	}
	if title == "" {
		var ts []string
		for _, t := range tasks {
			ts = append(ts, fmt.Sprintf("%s (%s)", t.name, t.duration))
		}
		title = listAnd(ts)
	}
	var runNames []string
	for _, r := range runs {
		runNames = append(runNames, strings.ToLower(r.name))
	}
	var b strings.Builder
	b.WriteString(schemaLine)
	b.WriteString("# Written by: asyncgantt quick " + strings.Join(specs, " "))
	if len(runs) != len(quickRuns) {
		b.WriteString(" --runs " + strings.Join(runNames, ","))
	}
	b.WriteString("\n")
	fmt.Fprintf(&b, "title: %s\n", yamlQuote(title))
	fmt.Fprintf(&b, "description: %s\n", yamlQuote(quickDescription(tasks, runs)))
	b.WriteString("tasks:\n")
	for _, t := range tasks {
		// A duration ParseDuration accepted is digits, '.', '+' and unit
		// letters: a plain YAML scalar.
		fmt.Fprintf(&b, "  %s: %s\n", t.name, t.duration)
	}
	b.WriteString("runs:\n")
	for _, r := range runs {
		fmt.Fprintf(&b, "  %s:\n", r.name)
		indent := "    "
		if r.block {
			b.WriteString("    sleeps: block\n    steps:\n")
			indent = "      "
		}
		fmt.Fprintf(&b, "%s- print: %s\n", indent, yamlQuote(r.header))
		if r.gather {
			fmt.Fprintf(&b, "%s- gather: [%s]\n", indent, strings.Join(names, ", "))
		} else {
			for _, n := range names {
				fmt.Fprintf(&b, "%s- await: %s\n", indent, n)
			}
		}
		fmt.Fprintf(&b, "%s- print: %s\n", indent, yamlQuote(r.total))
	}
	return []byte(b.String())
}

// quickDescription says in a sentence what the figure compares.
func quickDescription(tasks []quickTask, runs []quickRun) string {
	var ts []string
	for _, t := range tasks {
		ts = append(ts, fmt.Sprintf("%s (%s)", t.name, t.duration))
	}
	var rs []string
	for _, r := range runs {
		switch {
		case r.block:
			rs = append(rs, "gathered with time.sleep (blocking)")
		case r.gather:
			rs = append(rs, "gathered (concurrent)")
		default:
			rs = append(rs, "awaited one after another (sequential)")
		}
	}
	noun := "Tasks"
	if len(ts) == 1 {
		noun = "Task"
	}
	return fmt.Sprintf("%s %s, %s.", noun, listAnd(ts), listOr(rs))
}

func listAnd(s []string) string { return joinLast(s, ", ", " and ") }
func listOr(s []string) string  { return joinLast(s, ", ", ", or ") }

func joinLast(s []string, sep, last string) string {
	if len(s) <= 1 {
		return strings.Join(s, "")
	}
	if len(s) == 2 {
		return s[0] + strings.TrimPrefix(last, ",") + s[1]
	}
	return strings.Join(s[:len(s)-1], sep) + last + s[len(s)-1]
}

// yamlQuote returns s as a YAML double-quoted scalar. Go's quoting of
// printable text is valid YAML; other characters become escapes YAML
// reads the same way.
func yamlQuote(s string) string {
	return strconv.Quote(s)
}

// validBaseName reports whether name is usable as an output file's base
// name: no directories, no surprises in a shell.
func validBaseName(name string) bool {
	return name != "" && name != "." && name != ".." && len(name) <= 100 && regexp.MustCompile(`^[A-Za-z0-9_][A-Za-z0-9_.-]*$`).MatchString(name)
}
