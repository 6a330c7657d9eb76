package runner

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/asyncgantt/asyncgantt/scenarios"
	"github.com/asyncgantt/asyncgantt/trace"
)

// fuzzOptions bound a fuzzed run so each input takes milliseconds.
var fuzzOptions = Options{MaxEvents: 20_000}

// FuzzRun runs random valid scenarios, built from the fuzzer's bytes by
// genScenario, and checks the trace: its invariants (trace.Validate: at
// most one task holds the loop at any instant, every interval inside its
// run and lane, ends not before starts), that the run lasts at least its
// longest chain of waits and at most the sum of every wait, and that the
// same scenario runs to the same trace twice.
func FuzzRun(f *testing.F) {
	for _, seed := range [][]byte{
		{},
		{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15},
		[]byte("gather all the tasks, then await them one by one"),
		{3, 0x21, 0x42, 0x63, 0x84, 0xa5, 0xc6, 0xe7, 0x08, 0x29, 0x4a, 0x6b, 0x8c, 0xad, 0xce, 0xef},
		bytes.Repeat([]byte{7, 200, 13}, 20),
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		g := genScenario(data)
		s, err := scenarios.Parse("gen.yaml", []byte(g.src))
		if err != nil {
			t.Fatalf("the generator wrote an invalid scenario: %v\n%s", err, g.src)
		}
		tr, err := Execute(context.Background(), s, fuzzOptions)
		var re *RunError
		if err != nil && !errors.As(err, &re) {
			t.Fatalf("Execute: %v (%T)\n%s", err, err, g.src)
		}
		if err := trace.Validate(tr); err != nil {
			t.Fatalf("trace invariants: %v\n%s", err, g.src)
		}
		again, _ := Execute(context.Background(), s, fuzzOptions)
		if fmt.Sprint(summary(again)) != fmt.Sprint(summary(tr)) {
			t.Fatalf("two executions differ\n%s", g.src)
		}
		for i, r := range tr.Runs {
			if r.Interrupted {
				continue // a limit was reached: the bounds do not apply
			}
			if lo := g.runs[i].lo; g.exact && r.Total < lo {
				t.Fatalf("run %s lasted %v, less than its longest chain of waits, %v\n%s", r.Name, r.Total, lo, g.src)
			}
			if hi := g.runs[i].hi; r.Total > hi {
				t.Fatalf("run %s lasted %v, more than all its waits together, %v\n%s", r.Name, r.Total, hi, g.src)
			}
		}
	})
}

// summary is what two executions of one scenario must agree on.
func summary(tr *trace.Trace) []string {
	var s []string
	for _, r := range tr.Runs {
		s = append(s, fmt.Sprintf("%s %v %q %v", r.Name, r.Total, r.Error, r.Interrupted))
		for _, l := range r.Lanes {
			s = append(s, fmt.Sprintf("  %s %v %v %v %v", l.Name, l.Start, l.End, l.Intervals, l.Outcome))
		}
		for _, l := range r.Logs {
			s = append(s, fmt.Sprintf("  %v %q", l.At, l.Text))
		}
	}
	return s
}

// genBytes hands out the fuzzer's bytes; past the end it returns zeros.
type genBytes struct {
	data []byte
	i    int
}

func (b *genBytes) next() int {
	if b.i >= len(b.data) {
		return 0
	}
	b.i++
	return int(b.data[b.i-1])
}

// pick returns a number in [0, n).
func (b *genBytes) pick(n int) int { return b.next() % n }

// generated is a scenario written by genScenario, with bounds on each
// run's total time.
type generated struct {
	src string
	// exact is set when every task runs to its end (no cancellation,
	// timeout or exception): then each run lasts at least lo.
	exact bool
	runs  []struct{ lo, hi time.Duration }
}

// names are what genScenario names tasks: mostly T0, T1, ..., and now and
// then a name that would hide a Python built-in, keyword-like names the
// generated program uses itself, or a dunder name, which the program must
// rename.
var hostileNames = []string{"print", "len", "sum", "ValueError", "__name__", "task", "main", "start", "asyncio", "time", "exc", "coro", "tg", "c", "aw", "crunch", "range", "str"}

// hostileGlobals are names genScenario gives a global, each of which the
// program must rename.
var hostileGlobals = []string{"id", "list", "start", "sys", "exc", "__doc__", "main", "crunch"}

// hostileTexts are what genScenario prints now and then, as YAML writes
// them in double quotes: control characters, bidi overrides, quotes,
// backslashes, braces.
var hostileTexts = []string{`NUL \0 end`, `ESC \e[2J`, `bell \a`, `RLO \u202e abc`, `quote ' and \" and \\`, `braces {{x}}`, `tab \t here`, `emoji \U0001F600`, `LS \u2028 PS \u2029`, `NBSP \u00a0`}

// genScenario writes a valid scenario from arbitrary bytes: up to six
// tasks, each with parameters (a label and a duration) and a list of steps
// — sleep (of a literal or of the parameter), block (time.sleep), cpu,
// print (of hostile text now and then, of text methods), to_thread, await
// and gather of calls, gather of a comprehension (bare or spread), create_task with a later await or
// cancel, async with a semaphore, wait_for with a timeout, raise inside
// try, for over a range, while over a counter, if, a read-modify-write
// of globals and an append to a global list —
// where a task only refers to tasks after it, so nothing waits for
// itself; and up to three runs, each with a sleeps mode. For each run it
// computes lo, the longest chain of waits (a task's waits one after
// another, the longest of a gather's), and hi, every wait of every task
// the run starts added up: with one event loop and any number of threads,
// a run can take no longer.
func genScenario(data []byte) *generated {
	b := &genBytes{data: data}
	g := &generated{exact: true}
	ntasks := 1 + b.pick(6)
	names := make([]string, ntasks)
	for i := range names {
		names[i] = fmt.Sprintf("T%d", i)
		if b.pick(4) == 0 {
			if n := hostileNames[b.pick(len(hostileNames))]; !slices.Contains(names, n) {
				names[i] = n
			}
		}
	}
	type cost struct{ lo, hi time.Duration }
	// costs[i] is task i's cost in each sleeps mode (await, block).
	costs := make([][2]cost, ntasks)
	var src strings.Builder
	// Three globals: count, log (a list), and one whose name would hide a built-in or a
	// name of the program.
	global := hostileGlobals[b.pick(len(hostileGlobals))]
	for slices.Contains(names, global) {
		global += "_"
	}
	fmt.Fprintf(&src, "title: generated\nprimitives: {sem: {semaphore: 2}}\nglobals: {count: 0, %s: \"\", log: []}\ntasks:\n", global)
	const maxDur = 1900 * time.Millisecond
	dur := func() (time.Duration, string) {
		d := time.Duration(b.pick(20)) * 100 * time.Millisecond
		return d, fmt.Sprintf("%dms", d.Milliseconds())
	}
	call := func(j int) string {
		_, s := dur()
		return fmt.Sprintf("%s('x%d', %s)", names[j], b.pick(10), s)
	}
	loops := 0 // loop counters, numbered across the whole scenario
	var steps func(from, n, depth int) (string, [2]cost)
	// steps writes the steps of a coroutine allowed to refer to tasks
	// from..ntasks-1 and returns their cost in each sleeps mode.
	steps = func(from int, n, depth int) (string, [2]cost) {
		var parts []string
		var c [2]cost
		add := func(lo, hi [2]time.Duration) {
			for m := range c {
				c[m].lo += lo[m]
				c[m].hi += hi[m]
			}
		}
		both := func(d time.Duration) [2]time.Duration { return [2]time.Duration{d, d} }
		vars := 0
		var pending []string // task variables not awaited yet
		for range n {
			kind := b.pick(18)
			if from >= ntasks && kind >= 5 && kind <= 11 {
				kind %= 5 // no task to refer to
			}
			if depth > 1 && kind >= 13 {
				kind = 3
			}
			switch kind {
			case 0:
				d, s := dur()
				if from > 0 && b.pick(2) == 0 {
					parts = append(parts, "{sleep: d}") // the parameter
					add(both(0), both(maxDur))
					continue
				}
				parts = append(parts, "{sleep: "+s+"}")
				add(both(d), both(d))
			case 1:
				d, s := dur()
				parts = append(parts, "{block: "+s+"}")
				add(both(d), both(d))
			case 2:
				d, s := dur()
				parts = append(parts, "{cpu: "+s+"}")
				add(both(d), both(d))
			case 3:
				if b.pick(3) == 0 {
					parts = append(parts, `{print: "`+hostileTexts[b.pick(len(hostileTexts))]+`"}`)
				} else {
					parts = append(parts, [...]string{
						`{print: "at {elapsed} {1 + 2} {'a' * 2!r}"}`,
						`{print: "{'Straße x'.upper()} {' a b '.strip().split()} {'t-1'.replace('-', '_').startswith('t_')}"}`,
					}[b.pick(2)])
				}
			case 4:
				d, s := dur()
				parts = append(parts, "{to_thread: "+s+"}")
				add(both(d), both(d))
			case 5, 6:
				j := from + b.pick(ntasks-from)
				parts = append(parts, fmt.Sprintf("{await: \"%s\"}", call(j)))
				add([2]time.Duration{costs[j][0].lo, costs[j][1].lo}, [2]time.Duration{costs[j][0].hi, costs[j][1].hi})
			case 7:
				k := 1 + b.pick(3)
				var items []string
				var lo, hi [2]time.Duration
				for range k {
					j := from + b.pick(ntasks-from)
					items = append(items, `"`+call(j)+`"`)
					for m := range hi {
						lo[m] = max(lo[m], costs[j][m].lo)
						hi[m] += costs[j][m].hi
					}
				}
				// Gathered 1 to 3 times over: no longer than all of them,
				// times over.
				times := 1 + b.pick(3)
				opt := ""
				if times > 1 {
					opt = fmt.Sprintf(", times: %d", times)
					for m := range hi {
						hi[m] *= time.Duration(times)
					}
				}
				parts = append(parts, "{gather: ["+strings.Join(items, ", ")+"]"+opt+"}")
				add(lo, hi)
			case 8:
				j := from + b.pick(ntasks-from)
				v := fmt.Sprintf("t%d", vars)
				vars++
				parts = append(parts, fmt.Sprintf("{create_task: \"%s\", as: %s}", call(j), v))
				// It runs beside what follows; it ends no later than
				// everything added up.
				add(both(0), [2]time.Duration{costs[j][0].hi, costs[j][1].hi})
				pending = append(pending, v)
			case 9:
				if len(pending) == 0 {
					parts = append(parts, "{sleep: 0}")
					continue
				}
				v := pending[0]
				pending = pending[1:]
				if b.pick(2) == 0 {
					parts = append(parts, "{await: "+v+"}")
				} else {
					parts = append(parts, "{cancel: "+v+"}")
					g.exact = false
				}
			case 10:
				d, s := dur()
				parts = append(parts, "{async_with: sem, steps: [{sleep: "+s+"}]}")
				add(both(d), both(d))
			case 11:
				j := from + b.pick(ntasks-from)
				if b.pick(2) == 0 {
					_, s := dur()
					parts = append(parts, fmt.Sprintf("{wait_for: \"%s\", timeout: %s}", call(j), s))
				} else {
					parts = append(parts, fmt.Sprintf(`{try: [{await: "%s"}, {raise: "ValueError: boom {1}"}], except: {ValueError as err: [{print: "caught {err!r} {type(err).__name__}"}]}}`, call(j)))
				}
				add(both(0), [2]time.Duration{costs[j][0].hi, costs[j][1].hi})
				g.exact = false
			case 12:
				if from >= ntasks {
					continue
				}
				j := from + b.pick(ntasks-from)
				k := b.pick(4)
				// A comprehension of calls, bare or spread as a list or a
				// generator, as Python writes gather(*[...]).
				form := [...]string{"%s(f'n{i}', 100ms) for i in range(%d)", "*[%s(f'n{i}', 100ms) for i in range(%d)]", "*(%s(f'n{i}', 100ms) for i in range(%d))"}[b.pick(3)]
				parts = append(parts, "{gather: \""+fmt.Sprintf(form, names[j], k)+"\"}")
				add(both(0), [2]time.Duration{costs[j][0].hi * time.Duration(k), costs[j][1].hi * time.Duration(k)})
			case 13:
				k := b.pick(4)
				body, bc := steps(from, 1+b.pick(3), depth+1)
				parts = append(parts, fmt.Sprintf("{for: i, in: range(%d), steps: %s}", k, body))
				add([2]time.Duration{bc[0].lo * time.Duration(k), bc[1].lo * time.Duration(k)},
					[2]time.Duration{bc[0].hi * time.Duration(k), bc[1].hi * time.Duration(k)})
			case 14:
				k := b.pick(3)
				v := fmt.Sprintf("k%d", loops)
				loops++
				body, bc := steps(from, 1+b.pick(2), depth+1)
				parts = append(parts, fmt.Sprintf("{let: {%s: 0}}, {while: \"%s < %d\", steps: [{let: {%s: %s + 1}}, %s]}", v, v, k, v, v, strings.TrimSuffix(strings.TrimPrefix(body, "["), "]")))
				add([2]time.Duration{bc[0].lo * time.Duration(k), bc[1].lo * time.Duration(k)},
					[2]time.Duration{bc[0].hi * time.Duration(k), bc[1].hi * time.Duration(k)})
			case 15:
				yes, yc := steps(from, 1+b.pick(2), depth+1)
				no, nc := steps(from, 1+b.pick(2), depth+1)
				parts = append(parts, fmt.Sprintf("{if: \"%d > 1\", steps: %s, else: %s}", b.pick(3), yes, no))
				var lo, hi [2]time.Duration
				for m := range lo {
					lo[m] = min(yc[m].lo, nc[m].lo)
					hi[m] = max(yc[m].hi, nc[m].hi)
				}
				add(lo, hi)
			case 16:
				parts = append(parts, fmt.Sprintf("{for: i, in: range(%d), steps: [{if: i == 1, steps: [continue]}, {if: i == 2, steps: [break]}, {print: \"{i}\"}]}", b.pick(5)))
			case 17:
				// A read-modify-write of the globals that an await splits.
				parts = append(parts, fmt.Sprintf("{let: {tmp: count}}, {sleep: 0}, {let: {count: tmp + 1, %s: %s + 'x'}}, {append: log, item: count}, {print: \"count={count} {%s!r} {log}\"}", global, global, global))
			}
		}
		return "[" + strings.Join(parts, ", ") + "]", c
	}
	// Tasks are written last first: each refers only to tasks after it,
	// whose costs are known.
	lines := make([]string, ntasks)
	for i := ntasks - 1; i >= 0; i-- {
		s, c := steps(i+1, 1+b.pick(5), 0)
		lines[i] = fmt.Sprintf("  %s(label, d):\n    %s\n", names[i], s)
		costs[i] = c
	}
	for _, l := range lines {
		src.WriteString(l)
	}
	src.WriteString("runs:\n")
	nruns := 1 + b.pick(3)
	for r := range nruns {
		mode := b.pick(2)
		body, c := steps(0, 1+b.pick(4), 0)
		if mode == 1 {
			fmt.Fprintf(&src, "  R%d: {sleeps: block, steps: %s}\n", r, body)
		} else {
			fmt.Fprintf(&src, "  R%d: %s\n", r, body)
		}
		g.runs = append(g.runs, struct{ lo, hi time.Duration }{c[mode].lo, c[mode].hi})
	}
	g.src = src.String()
	return g
}
