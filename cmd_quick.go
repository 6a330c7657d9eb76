package main

import (
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
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

// quickRunKeys are what --runs takes, in the default order.
func quickRunKeys() []string {
	var keys []string
	for _, r := range scenarios.QuickRuns() {
		keys = append(keys, r.String())
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
	s, err := scenarios.Quick(scenarios.QuickSpec{Name: name, Title: title, Tasks: tasks, Runs: chosen, Comment: quickComment(tasks, chosen)})
	var te *scenarios.QuickTaskError
	if errors.As(err, &te) {
		return usagef("quick: argument %d, %q: %v", te.Index+1, fs.Arg(te.Index), te.Err)
	}
	if err != nil {
		return err
	}
	if source {
		_, err := stdout.Write(s.Source)
		return err
	}
	if err := o.checkOutputs([]string{outName(s.Name)}); err != nil {
		return err
	}
	if err := o.checkBaseline("quick", runNames(s)); err != nil {
		return err
	}
	return runScenario(commandContext(), s, o, stdout, stderr, stderr)
}

// parseQuickTasks reads the NAME=DURATION arguments; scenarios.Quick
// checks the names and durations.
func parseQuickTasks(args []string) ([]scenarios.QuickTask, error) {
	if len(args) == 0 {
		return nil, usagef("quick: name the tasks as NAME=DURATION, e.g. asyncgantt quick A=2s B=1s C=3s")
	}
	var tasks []scenarios.QuickTask
	for i, a := range args {
		name, dur, ok := strings.Cut(a, "=")
		where := fmt.Sprintf("quick: argument %d, %q", i+1, a)
		switch {
		case !ok:
			return nil, usagef("%s: write a task as NAME=DURATION, e.g. A=2s", where)
		case name == "":
			return nil, usagef("%s: the task has no name; write NAME=DURATION, e.g. A=2s", where)
		}
		tasks = append(tasks, scenarios.QuickTask{Name: name, Duration: strings.TrimSpace(dur)})
	}
	return tasks, nil
}

// chooseQuickRuns checks --runs.
func chooseQuickRuns(keys []string) ([]scenarios.QuickRun, error) {
	if len(keys) == 0 {
		return nil, usagef("quick: --runs is empty; use any of %s, comma-separated", strings.Join(quickRunKeys(), ", "))
	}
	var chosen []scenarios.QuickRun
	for _, k := range keys {
		i := slices.Index(quickRunKeys(), strings.ToLower(k))
		if i < 0 {
			hint := ""
			if n := scenarios.Nearest(strings.ToLower(k), quickRunKeys()); n != "" {
				hint = fmt.Sprintf("; did you mean %q?", n)
			}
			return nil, usagef("quick: --runs: unknown run %q%s (runs: %s)", k, hint, strings.Join(quickRunKeys(), ", "))
		}
		r := scenarios.QuickRuns()[i]
		if slices.Contains(chosen, r) {
			return nil, usagef("quick: --runs names %s twice", r)
		}
		chosen = append(chosen, r)
	}
	return chosen, nil
}

// quickComment is the head of the scenario file quick writes: the schema
// for editors, and the command that wrote it.
func quickComment(tasks []scenarios.QuickTask, runs []scenarios.QuickRun) string {
	var specs []string
	for _, t := range tasks {
		specs = append(specs, t.Name+"="+t.Duration)
	}
	c := schemaLine + "# Written by: asyncgantt quick " + strings.Join(specs, " ")
	if len(runs) != len(scenarios.QuickRuns()) {
		keys := make([]string, len(runs))
		for i, r := range runs {
			keys[i] = r.String()
		}
		c += " --runs " + strings.Join(keys, ",")
	}
	return c + "\n"
}

// validBaseName reports whether name is usable as an output file's base
// name: no directories, no surprises in a shell.
func validBaseName(name string) bool {
	return name != "" && name != "." && name != ".." && len(name) <= 100 && regexp.MustCompile(`^[A-Za-z0-9_][A-Za-z0-9_.-]*$`).MatchString(name)
}
