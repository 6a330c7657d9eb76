package scenarios

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// QuickTask is a task of a quick scenario (asyncgantt quick NAME=DURATION):
// it prints "Task NAME starting...", sleeps Duration and prints "Task NAME
// done after ... seconds".
type QuickTask struct {
	// Name is the task's name, a Python identifier, e.g. "fetch".
	Name string
	// Duration is how long it sleeps, as written: e.g. "1.5s" (see
	// ParseDuration); the scenario and its title keep it so.
	Duration string
}

// QuickRun is a run a quick scenario can compare.
type QuickRun int

const (
	// QuickSequential awaits the tasks one after another.
	QuickSequential QuickRun = iota
	// QuickConcurrent gathers them.
	QuickConcurrent
	// QuickBlocking gathers them with time.sleep instead of asyncio.sleep.
	QuickBlocking
	numQuickRuns
)

// quickRuns describes each QuickRun: its name (the run's key, lower-case)
// and the first and last lines it prints, as in the async-basics scenario.
var quickRuns = [numQuickRuns]struct{ name, header, total, describe string }{
	QuickSequential: {"Sequential", "--- Sequential execution ---", "Sequential total: ~{elapsed} seconds", "awaited one after another (sequential)"},
	QuickConcurrent: {"Concurrent", "--- Concurrent execution ---", "Concurrent total: ~{elapsed} seconds", "gathered (concurrent)"},
	QuickBlocking:   {"Blocking", "--- Concurrent execution with time.sleep ---", "Blocking total: ~{elapsed} seconds", "gathered with time.sleep (blocking)"},
}

// String returns the run's key: "sequential", "concurrent" or "blocking".
func (r QuickRun) String() string { return strings.ToLower(quickRuns[r].name) }

// QuickRuns returns every QuickRun, in the order quick draws them.
func QuickRuns() []QuickRun { return []QuickRun{QuickSequential, QuickConcurrent, QuickBlocking} }

// QuickSpec says what a quick scenario compares.
type QuickSpec struct {
	// Name is the scenario's base name: its file is Name + ".yaml".
	Name string
	// Title is the figure's title; empty means the tasks, e.g. "A (2s), B
	// (1s) and C (3s)".
	Title string
	// Tasks are the tasks, at least one, each named once.
	Tasks []QuickTask
	// Runs are the runs, in order, each at most once; none means all of
	// QuickRuns.
	Runs []QuickRun
	// Comment, when not empty, is written at the top of the source: lines
	// each starting with "#", each ending with a newline.
	Comment string
}

// QuickTaskError is a task of a QuickSpec that cannot be made.
type QuickTaskError struct {
	// Index is the task's index in QuickSpec.Tasks.
	Index int
	// Err says what is wrong with it.
	Err error
}

// Error returns "task N: what is wrong", N counting from 1.
func (e *QuickTaskError) Error() string { return fmt.Sprintf("task %d: %v", e.Index+1, e.Err) }

// Unwrap returns Err.
func (e *QuickTaskError) Unwrap() error { return e.Err }

// Quick builds the scenario that compares the tasks in the runs, from the
// text a user would write (the scenario's Source), so that its report and
// errors are those of a real file. A task with a bad name or duration, or
// named twice, is a *QuickTaskError.
func Quick(q QuickSpec) (*Scenario, error) {
	if len(q.Tasks) == 0 {
		return nil, errors.New("a quick scenario needs at least one task")
	}
	for i, t := range q.Tasks {
		if err := q.checkTask(i, t); err != nil {
			return nil, &QuickTaskError{Index: i, Err: err}
		}
	}
	runs := q.Runs
	if len(runs) == 0 {
		runs = QuickRuns()
	}
	for i, r := range runs {
		if r < 0 || r >= numQuickRuns {
			return nil, fmt.Errorf("no quick run %d", int(r))
		}
		for _, o := range runs[:i] {
			if o == r {
				return nil, fmt.Errorf("the run %s is named twice", r)
			}
		}
	}
	s, err := Parse(q.Name+".yaml", quickSource(q, runs))
	if err != nil {
		return nil, fmt.Errorf("the quick scenario does not parse (please report it): %w", err)
	}
	return s, nil
}

// checkTask checks task i: its name as the parser checks a task's, named
// once, and its duration.
func (q *QuickSpec) checkTask(i int, t QuickTask) error {
	if msg := checkPythonName(t.Name, "task", "a task is a Python coroutine, so its name is", "A or fetch_1"); msg != "" {
		return errors.New(msg)
	}
	for _, o := range q.Tasks[:i] {
		if o.Name == t.Name {
			return fmt.Errorf("task %s is named twice; give each task its own name", t.Name)
		}
	}
	_, err := ParseDuration(t.Duration)
	return err
}

// quickSource writes the scenario file: the comment, the title and a
// description, a shorthand task each, and the runs.
func quickSource(q QuickSpec, runs []QuickRun) []byte {
	var names []string
	for _, t := range q.Tasks {
		names = append(names, t.Name)
	}
	title := q.Title
	if title == "" {
		title = listAnd(quickTaskTexts(q.Tasks))
	}
	var b strings.Builder
	b.WriteString(q.Comment)
	fmt.Fprintf(&b, "title: %s\n", yamlQuote(title))
	fmt.Fprintf(&b, "description: %s\n", yamlQuote(quickDescription(q.Tasks, runs)))
	b.WriteString("tasks:\n")
	for _, t := range q.Tasks {
		// A duration ParseDuration accepted is digits, '.', '+' and unit
		// letters: a plain YAML scalar.
		fmt.Fprintf(&b, "  %s: %s\n", t.Name, strings.TrimSpace(t.Duration))
	}
	b.WriteString("runs:\n")
	for _, r := range runs {
		d := quickRuns[r]
		fmt.Fprintf(&b, "  %s:\n", d.name)
		indent := "    "
		if r == QuickBlocking {
			b.WriteString("    sleeps: block\n    steps:\n")
			indent = "      "
		}
		fmt.Fprintf(&b, "%s- print: %s\n", indent, yamlQuote(d.header))
		if r == QuickSequential {
			for _, n := range names {
				fmt.Fprintf(&b, "%s- await: %s\n", indent, n)
			}
		} else {
			fmt.Fprintf(&b, "%s- gather: [%s]\n", indent, strings.Join(names, ", "))
		}
		fmt.Fprintf(&b, "%s- print: %s\n", indent, yamlQuote(d.total))
	}
	return []byte(b.String())
}

// quickTaskTexts are the tasks as titles show them: "A (2s)".
func quickTaskTexts(tasks []QuickTask) []string {
	ts := make([]string, len(tasks))
	for i, t := range tasks {
		ts[i] = fmt.Sprintf("%s (%s)", t.Name, strings.TrimSpace(t.Duration))
	}
	return ts
}

// quickDescription says in a sentence what the figure compares.
func quickDescription(tasks []QuickTask, runs []QuickRun) string {
	var rs []string
	for _, r := range runs {
		rs = append(rs, quickRuns[r].describe)
	}
	noun := "Tasks"
	if len(tasks) == 1 {
		noun = "Task"
	}
	return fmt.Sprintf("%s %s, %s.", noun, listAnd(quickTaskTexts(tasks)), listOr(rs))
}

func listAnd(s []string) string { return joinLast(s, ", ", " and ") }
func listOr(s []string) string  { return joinLast(s, ", ", ", or ") }

// joinLast joins s with sep, and last before the last element ("A, B and
// C"); two elements are joined by last without its comma.
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
