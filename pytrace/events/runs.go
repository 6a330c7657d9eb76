package events

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/asyncgantt/asyncgantt/trace"
)

// Options say how a Program is cut into runs.
type Options struct {
	// Runs, when not empty, names coroutine functions (as "sequential" or
	// "Class.method"): each call of one of them is a run of its own, timed
	// from its own start, holding the lanes it awaits inline and the tasks
	// they create. When empty, each event loop (each asyncio.run()) is a
	// run, named after its main coroutine's function.
	Runs []string
}

// run is a run being cut from the program: a window of time and the lanes
// that belong to it.
type run struct {
	name       string
	root       *Lane
	loop       *Loop
	start, end time.Duration
	members    []*Lane
}

// Trace cuts the program into runs (see Options) and returns them as a
// trace titled title. It fails when Options.Runs names a function no
// coroutine of the program was a call of.
func (p *Program) Trace(title string, o Options) (*trace.Trace, error) {
	t := &trace.Trace{Title: title, Description: docParagraph(p.Doc)}
	if p.Clock == "real" {
		t.Clock = trace.Measured
	}
	var runs []*run
	if len(o.Runs) == 0 {
		runs = p.loopRuns()
	} else {
		var err error
		if runs, err = p.callRuns(o.Runs); err != nil {
			return nil, err
		}
	}
	names := map[string]int{}
	for _, r := range runs {
		names[r.name]++
		if n := names[r.name]; n > 1 {
			r.name += " #" + strconv.Itoa(n)
		}
		t.Runs = append(t.Runs, p.build(r))
	}
	return t, nil
}

// docParagraph is the first paragraph of a docstring, on one line.
func docParagraph(doc string) string {
	doc = strings.TrimSpace(doc)
	if i := strings.Index(doc, "\n\n"); i >= 0 {
		doc = doc[:i]
	}
	return strings.Join(strings.Fields(doc), " ")
}

// loopRuns makes a run of each event loop that ran a task: from its first
// task's creation to that task's end.
func (p *Program) loopRuns() []*run {
	var runs []*run
	byLoop := map[int]*run{}
	for _, l := range p.Lanes {
		r := byLoop[l.Loop]
		if r == nil {
			if l.Kind == Thread {
				continue
			}
			r = &run{name: l.Func, root: l, loop: p.Loops[l.Loop-1], start: l.Start, end: l.End}
			byLoop[l.Loop] = r
			runs = append(runs, r)
		}
		r.members = append(r.members, l)
	}
	for _, r := range runs {
		if !r.root.Ended {
			r.end = max(r.end, p.lastTime(r))
		}
	}
	return runs
}

// lastTime is the time of the last thing the run's lanes did.
func (p *Program) lastTime(r *run) time.Duration {
	end := r.end
	for _, l := range r.members {
		end = max(end, l.End)
	}
	return end
}

// callRuns makes a run of each call of the functions named: the coroutine
// and what it awaits inline, the tasks they create (and so on), the
// worker threads of its loop, from the call's start to its end.
func (p *Program) callRuns(funcs []string) ([]*run, error) {
	var runs []*run
	in := make([]*run, len(p.Lanes)+1) // lane id -> the run it belongs to
	seen := map[string]bool{}
	for _, l := range p.Lanes {
		if l.Kind == Thread {
			continue
		}
		if r := p.owner(l, in); r != nil {
			in[l.ID] = r
			r.members = append(r.members, l)
			continue
		}
		if f := matchFunc(l.Func, funcs); f != "" {
			seen[f] = true
			r := &run{name: l.Func, root: l, loop: p.Loops[l.Loop-1], start: l.Start, end: l.End, members: []*Lane{l}}
			in[l.ID] = r
			runs = append(runs, r)
		}
	}
	var missing []string
	for _, f := range funcs {
		if !seen[f] {
			missing = append(missing, f)
		}
	}
	if len(missing) > 0 {
		var known []string
		for _, l := range p.Lanes {
			if l.Func != "" && !slices.Contains(known, l.Func) {
				known = append(known, l.Func)
			}
		}
		return nil, fmt.Errorf("--runs %s: no coroutine of the program was a call of %s; its coroutine functions are %s",
			strings.Join(funcs, ","), quoteList(missing), quoteList(known))
	}
	for _, r := range runs {
		for _, l := range p.Lanes {
			if l.Kind == Thread && l.Loop == r.root.Loop && overlaps(l, r.start, r.end) {
				r.members = append(r.members, l)
			}
		}
		slices.SortStableFunc(r.members, func(a, b *Lane) int { return a.ID - b.ID })
	}
	return runs, nil
}

func quoteList(s []string) string {
	if len(s) == 0 {
		return "none"
	}
	q := make([]string, len(s))
	for i, x := range s {
		q[i] = strconv.Quote(x)
	}
	return strings.Join(q, ", ")
}

// owner is the run a lane belongs to through its parent or creator.
func (p *Program) owner(l *Lane, in []*run) *run {
	if l.Parent != 0 && in[l.Parent] != nil {
		return in[l.Parent]
	}
	if l.Creator != 0 && in[l.Creator] != nil {
		return in[l.Creator]
	}
	return nil
}

// matchFunc returns the name in funcs that names the function f: its
// qualified name or its last part ("run" for "Worker.run").
func matchFunc(f string, funcs []string) string {
	for _, n := range funcs {
		if n == f || (strings.Contains(f, ".") && !strings.Contains(n, ".") && f[strings.LastIndex(f, ".")+1:] == n) {
			return n
		}
	}
	return ""
}

func overlaps(l *Lane, start, end time.Duration) bool {
	for _, iv := range l.Intervals {
		if iv.State == trace.Busy && iv.Start < end && iv.End > start {
			return true
		}
	}
	return false
}
