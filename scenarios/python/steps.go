package python

import (
	"strconv"
	"strings"

	"github.com/asyncgantt/asyncgantt/scenarios"
)

// The Python of each step kind: pyGen is a scenarios.StepVisitor whose
// argument is the indentation (in levels of four spaces) and whose result
// is an error writing the step.

var _ scenarios.StepVisitor[int, error] = (*pyGen)(nil)

// Print writes print("TEXT"), an f-string when the text has placeholders,
// after measuring elapsed when it uses {elapsed}.
func (g *pyGen) Print(in int, st *scenarios.Step) error {
	if st.Text.UsesElapsed() {
		g.line(in, "elapsed = time.perf_counter() - start")
	}
	body, isF := st.Text.Python("elapsed")
	f := ""
	if isF {
		f = "f"
	}
	g.line(in, `print(%s"%s")`, f, body)
	return nil
}

// Sleep writes the sleep of the run's sleep mode.
func (g *pyGen) Sleep(in int, st *scenarios.Step) error {
	d := scenarios.FormatSeconds(st.Duration)
	switch g.mode {
	case scenarios.SleepBlock:
		g.line(in, "time.sleep(%s)", d)
	case scenarios.SleepNoAwait:
		g.line(in, "asyncio.sleep(%s)", d)
	default:
		g.line(in, "await asyncio.sleep(%s)", d)
	}
	return nil
}

// Block writes time.sleep(D).
func (g *pyGen) Block(in int, st *scenarios.Step) error {
	g.line(in, "time.sleep(%s)", scenarios.FormatSeconds(st.Duration))
	return nil
}

// CPU writes crunch(D).
func (g *pyGen) CPU(in int, st *scenarios.Step) error {
	g.line(in, "crunch(%s)", scenarios.FormatSeconds(st.Duration))
	return nil
}

// Raise writes raise TYPE("MSG"), or raise TYPE without a message.
func (g *pyGen) Raise(in int, st *scenarios.Step) error {
	if st.Exc.HasMsg {
		g.line(in, "raise %s(%s)", excName(st.Exc.Type), strconv.Quote(st.Exc.Msg))
	} else {
		g.line(in, "raise %s", excName(st.Exc.Type))
	}
	return nil
}

// Return writes return VALUE.
func (g *pyGen) Return(in int, st *scenarios.Step) error {
	g.line(in, "return %s", scenarios.Repr(st.Value))
	return nil
}

// Await writes await NAME(), await TASK or await EVENT.wait().
func (g *pyGen) Await(in int, st *scenarios.Step) error {
	r := st.Refs[0]
	if r.Kind == scenarios.RefPrimitive {
		g.line(in, "%sawait %s.wait()", assign(st), r.Name)
	} else {
		g.line(in, "%sawait %s", assign(st), g.ref(r, false))
	}
	return nil
}

// CreateTask writes asyncio.create_task(NAME()).
func (g *pyGen) CreateTask(in int, st *scenarios.Step) error {
	g.line(in, "%s%s", assign(st), g.ref(st.Refs[0], true))
	return nil
}

// Cancel writes TASK.cancel(), or a loop cancelling each task of a set.
func (g *pyGen) Cancel(in int, st *scenarios.Step) error {
	r := st.Refs[0]
	if r.Kind == scenarios.RefTaskSet {
		g.line(in, "for task in %s:", r.Name)
		g.line(in+1, "task.cancel()")
	} else {
		g.line(in, "%s.cancel()", r.Name)
	}
	return nil
}

// Gather writes await asyncio.gather(...).
func (g *pyGen) Gather(in int, st *scenarios.Step) error {
	args := g.gatherArgs(st)
	if st.ReturnExceptions {
		args = append(args, "return_exceptions=True")
	}
	g.callLine(in, assign(st)+"await asyncio.gather", args, "")
	return nil
}

// Wait writes await asyncio.wait([...], ...), each coroutine in a task.
func (g *pyGen) Wait(in int, st *scenarios.Step) error {
	list := "[" + strings.Join(g.refs(st, true), ", ") + "]"
	args := []string{list}
	if st.ReturnWhen != scenarios.AllCompleted {
		args = append(args, "return_when=asyncio."+st.ReturnWhen.String())
	}
	if st.HasTimeout {
		args = append(args, "timeout="+scenarios.FormatSeconds(st.Timeout))
	}
	g.callLine(in, assign(st)+"await asyncio.wait", args, "")
	return nil
}

// WaitFor writes await asyncio.wait_for(AW, timeout=D).
func (g *pyGen) WaitFor(in int, st *scenarios.Step) error {
	g.line(in, "%sawait asyncio.wait_for(%s, timeout=%s)", assign(st), g.ref(st.Refs[0], false), scenarios.FormatSeconds(st.Timeout))
	return nil
}

// Timeout writes async with asyncio.timeout(D): and its body.
func (g *pyGen) Timeout(in int, st *scenarios.Step) error {
	g.line(in, "async with asyncio.timeout(%s):", scenarios.FormatSeconds(st.Duration))
	return g.body(in+1, st.Body)
}

// TaskGroup writes async with asyncio.TaskGroup() as tg:, a
// tg.create_task for each coroutine, and the body.
func (g *pyGen) TaskGroup(in int, st *scenarios.Step) error {
	g.line(in, "async with asyncio.TaskGroup() as tg:")
	for _, r := range st.Refs {
		g.line(in+1, "tg.create_task(%s())", g.names[r.Name])
	}
	return g.steps(in+1, st.Body)
}

// AsCompleted writes the loop over asyncio.as_completed, awaiting each
// result, then the body.
func (g *pyGen) AsCompleted(in int, st *scenarios.Step) error {
	list := "[" + strings.Join(g.refs(st, true), ", ") + "]"
	g.callLine(in, "for coro in asyncio.as_completed", []string{list}, ":")
	g.line(in+1, "%sawait coro", assign(st))
	return g.steps(in+1, st.Body)
}

// AsyncWith writes async with LOCK_OR_SEMAPHORE: and its body.
func (g *pyGen) AsyncWith(in int, st *scenarios.Step) error {
	g.line(in, "async with %s:", st.Refs[0].Name)
	return g.body(in+1, st.Body)
}

// Set writes EVENT.set().
func (g *pyGen) Set(in int, st *scenarios.Step) error {
	g.line(in, "%s.set()", st.Refs[0].Name)
	return nil
}

// Clear writes EVENT.clear().
func (g *pyGen) Clear(in int, st *scenarios.Step) error {
	g.line(in, "%s.clear()", st.Refs[0].Name)
	return nil
}

// Put writes await QUEUE.put(ITEM).
func (g *pyGen) Put(in int, st *scenarios.Step) error {
	g.line(in, "await %s.put(%s)", st.Refs[0].Name, scenarios.Repr(st.Value))
	return nil
}

// Get writes await QUEUE.get().
func (g *pyGen) Get(in int, st *scenarios.Step) error {
	g.line(in, "%sawait %s.get()", assign(st), st.Refs[0].Name)
	return nil
}

// ToThread writes await asyncio.to_thread(time.sleep, D).
func (g *pyGen) ToThread(in int, st *scenarios.Step) error {
	g.line(in, "%sawait asyncio.to_thread(time.sleep, %s)", assign(st), scenarios.FormatSeconds(st.Duration))
	return nil
}

// Try writes try:, each except clause (as e when its body uses e) and the
// finally clause.
func (g *pyGen) Try(in int, st *scenarios.Step) error {
	g.line(in, "try:")
	if err := g.body(in+1, st.Body); err != nil {
		return err
	}
	for _, h := range st.Handlers {
		as := ""
		if h.E.Slot >= 0 {
			as = " as e"
		}
		g.line(in, "except %s%s:", excName(h.Type), as)
		if err := g.body(in+1, h.Steps); err != nil {
			return err
		}
	}
	if !st.HasFinally {
		return nil
	}
	g.line(in, "finally:")
	return g.body(in+1, st.Finally)
}

// Call writes NAME() without await, marked as never awaited.
func (g *pyGen) Call(in int, st *scenarios.Step) error {
	g.line(in, "%s()  # never awaited", g.names[st.Refs[0].Name])
	return nil
}

// AsyncioRun writes asyncio.run(NAME()) inside the running loop.
func (g *pyGen) AsyncioRun(in int, st *scenarios.Step) error {
	g.line(in, "asyncio.run(%s())", g.names[st.Refs[0].Name])
	return nil
}

// excName is how the generated program names an exception type.
func excName(typ string) string {
	if typ == "CancelledError" {
		return "asyncio.CancelledError"
	}
	return typ
}
