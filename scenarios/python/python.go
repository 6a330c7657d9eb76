package python

import (
	"bytes"
	"fmt"
	"slices"
	"strings"

	"github.com/asyncgantt/asyncgantt/internal/safetext"
	"github.com/asyncgantt/asyncgantt/scenarios"
)

// Options are what Program knows of the runs beyond the scenario.
type Options struct {
	// Raises says, by run (in run order), what each run's main raises as
	// the last line of Python's traceback writes it ("KeyError: 'k'",
	// "asyncio.exceptions.CancelledError": trace.Run.Error), or "" when it
	// raises nothing: such a run's asyncio.run is in a try that writes the
	// exception so and goes on, as asyncgantt run does. Nil means no run
	// raises.
	Raises []string
}

// Program returns a runnable, idiomatic Python 3.11+ asyncio program
// equivalent to the scenario: one coroutine function per task, one main
// coroutine per run, and asyncio.run(main) for each run in order. What it
// prints is what the scenario's runs print (see runner.Execute), when
// opts.Raises says which runs raise. Every name that would hide a Python
// built-in or a name of the program is renamed (see scenarios.PythonName),
// and every text is written so that Python reads it back exactly.
func Program(s *scenarios.Scenario, opts Options) ([]byte, error) {
	g := &pyGen{s: s, mains: s.PythonMainNames(), opts: opts}
	for _, gl := range s.Globals {
		g.globals = append(g.globals, s.PythonGlobalName(gl))
	}
	return g.program()
}

// Names maps the Python names of the program Program generates to the
// lanes of a run: each coroutine function to its task's name (variants
// such as A_blocking to A) and each run's main function to "main". Runs
// lists the main functions in run order. Tools that trace the program
// (the differential test) use it.
func Names(s *scenarios.Scenario) (funcs map[string]string, runs []string) {
	funcs = map[string]string{}
	for _, mode := range []scenarios.SleepMode{scenarios.SleepAwait, scenarios.SleepBlock, scenarios.SleepNoAwait} {
		for task, py := range s.PythonFuncNames(mode) {
			funcs[py] = task
		}
	}
	runs = s.PythonMainNames()
	for _, m := range runs {
		funcs[m] = "main"
	}
	return funcs, runs
}

type pyGen struct {
	s     *scenarios.Scenario
	mains []string
	opts  Options
	b     bytes.Buffer
	// names maps task names to Python function names in the mode being
	// written.
	names map[string]string
	mode  scenarios.SleepMode
	// globalStart: tasks use elapsed, so start is a module global.
	globalStart bool
	// locals are the Python names of the variables of the coroutine being
	// written, by slot.
	locals []string
	// globals are the Python names of the scenario's globals, by slot.
	globals []string
	// w writes the expressions of the coroutine being written.
	w *exprWriter
	// inPrint says the expression being written is a print's, where
	// elapsed is a variable measured just before.
	inPrint bool
}

func (g *pyGen) line(indent int, format string, a ...any) {
	g.b.WriteString(strings.Repeat("    ", indent))
	fmt.Fprintf(&g.b, format, a...)
	g.b.WriteByte('\n')
}

// uses reports whether any step of the scenario satisfies fn, in the tasks
// and runs (taking each run's sleep mode into account when mode matters).
func (g *pyGen) uses(fn func(st *scenarios.Step, mode scenarios.SleepMode) bool) bool {
	found := false
	modes := g.modes()
	for _, t := range g.s.Tasks {
		for _, m := range modes {
			scenarios.Walk(t.Steps, func(st *scenarios.Step) { found = found || fn(st, m) })
		}
	}
	for _, r := range g.s.Runs {
		scenarios.Walk(r.Steps, func(st *scenarios.Step) { found = found || fn(st, r.Sleeps) })
	}
	return found
}

// modes are the sleep modes the runs use, in declaration order.
func (g *pyGen) modes() []scenarios.SleepMode {
	var ms []scenarios.SleepMode
	for _, m := range []scenarios.SleepMode{scenarios.SleepAwait, scenarios.SleepBlock, scenarios.SleepNoAwait} {
		for _, r := range g.s.Runs {
			if r.Sleeps == m && !slices.Contains(ms, m) {
				ms = append(ms, m)
			}
		}
	}
	return ms
}

// program writes the whole program: the docstring, the imports and
// module-level names, a coroutine function per task (and per variant a
// sleep mode needs), a main per run, and the runs in turn.
func (g *pyGen) program() ([]byte, error) {
	g.docstring()
	g.preamble()
	if err := g.tasks(); err != nil {
		return nil, err
	}
	for i, r := range g.s.Runs {
		if err := g.run(g.mains[i], r); err != nil {
			return nil, err
		}
	}
	g.line(0, "")
	g.line(0, "")
	g.line(0, `if __name__ == "__main__":`)
	for i, m := range g.mains {
		g.runMain(i, m)
	}
	return g.b.Bytes(), nil
}

// runMain writes asyncio.run of the i-th run's main, in a try when the run
// raises, and the shutdown of its process pools.
func (g *pyGen) runMain(i int, m string) {
	typ := ""
	if i < len(g.opts.Raises) {
		typ, _, _ = strings.Cut(g.opts.Raises[i], ":")
		typ = typ[strings.LastIndex(typ, ".")+1:]
	}
	if typ == "" {
		g.line(1, "asyncio.run(%s())", m)
	} else {
		catch := "Exception"
		if !scenarios.IsSubclass(typ, "Exception") {
			catch = "BaseException"
		}
		g.line(1, "try:")
		g.line(2, "asyncio.run(%s())", m)
		exc := g.fresh("exc")
		g.line(1, "except %s as %s:  # as asyncgantt run does: show it, go on", catch, exc)
		g.line(2, `print(traceback.format_exception_only(%s)[-1], end="", file=sys.stderr)`, exc)
	}
	for _, p := range g.s.Primitives {
		if p.Kind == scenarios.ProcessPoolKind {
			// Its worker processes end with it, not with the program.
			g.line(1, "%s.shutdown()", g.s.PythonPrimitiveName(p))
		}
	}
}

// raises reports whether some run raises.
func (g *pyGen) raises() bool {
	return slices.ContainsFunc(g.opts.Raises, func(s string) bool { return s != "" })
}

// docstring writes the module's docstring: the title, the description and
// where the program comes from.
func (g *pyGen) docstring() {
	s := g.s
	g.b.WriteString(`"""` + pyDocText(s.Title) + ".\n")
	if s.Description != "" {
		g.b.WriteString("\n")
		for _, l := range wrapText(pyDocText(s.Description), 72) {
			g.b.WriteString(l + "\n")
		}
	}
	src := safetext.Line(s.File) // a file's name may hold anything
	if src == "" {
		src = s.Name
	}
	g.b.WriteString("\n")
	for _, l := range wrapText(fmt.Sprintf("Generated by asyncgantt from %s: each run is a main coroutine, run in turn by asyncio.run.", pyDocText(src)), 72) {
		g.b.WriteString(l + "\n")
	}
	g.b.WriteString(`"""` + "\n\n")
}

// usesElapsed reports whether a step uses elapsed in an expression.
func usesElapsed(st *scenarios.Step) bool {
	found := false
	st.Exprs(func(e scenarios.Expr) {
		scenarios.WalkExpr(e, func(x scenarios.Expr) bool {
			if n, ok := x.(*scenarios.Name); ok && n.Kind == scenarios.NameElapsed {
				found = true
			}
			return !found
		})
	})
	return found
}

// preamble writes the imports, the primitives, the start time the tasks
// read and the crunch function, as far as the program needs them.
func (g *pyGen) preamble() {
	s := g.s
	needTime := g.uses(func(st *scenarios.Step, m scenarios.SleepMode) bool {
		return st.Kind == scenarios.Block || st.Kind == scenarios.CPU || st.Kind == scenarios.ToThread ||
			st.Kind == scenarios.RunInExecutor || (st.Kind == scenarios.Sleep && m == scenarios.SleepBlock) || usesElapsed(st)
	})
	pools := slices.ContainsFunc(s.Primitives, func(p *scenarios.Primitive) bool { return p.Kind == scenarios.ProcessPoolKind })
	g.line(0, "import asyncio")
	if pools {
		g.line(0, "import concurrent.futures")
	}
	if g.raises() {
		g.line(0, "import sys")
	}
	if needTime {
		g.line(0, "import time")
	}
	if g.raises() {
		g.line(0, "import traceback")
	}
	g.globalStart = false
	for _, t := range s.Tasks {
		scenarios.Walk(t.Steps, func(st *scenarios.Step) { g.globalStart = g.globalStart || usesElapsed(st) })
	}
	if len(s.Primitives) > 0 {
		g.line(0, "")
		if len(s.Runs) == 1 {
			for _, p := range s.Primitives {
				g.line(0, "%s = %s", s.PythonPrimitiveName(p), pyPrimitive(p))
			}
		} else {
			g.line(0, "# Each run makes its own: an asyncio primitive belongs to the event loop")
			g.line(0, "# that first waits on it, and each asyncio.run() has a new loop.")
			for _, p := range s.Primitives {
				g.line(0, "%s: %s", s.PythonPrimitiveName(p), pyPrimitiveClass(p.Kind))
			}
		}
	}
	if len(s.Globals) > 0 {
		g.line(0, "")
		if len(s.Runs) > 1 {
			g.line(0, "# The coroutines share these; each main sets them afresh.")
		}
		for i, gl := range s.Globals {
			g.line(0, "%s = %s", g.globals[i], g.constExpr(gl.Value))
		}
	}
	if g.globalStart {
		g.line(0, "")
		g.line(0, "start = time.perf_counter()  # when the current run started; set by each main")
	}
	if g.uses(func(st *scenarios.Step, _ scenarios.SleepMode) bool {
		return st.Kind == scenarios.CPU || st.Kind == scenarios.RunInExecutor && st.Func == "crunch"
	}) {
		g.line(0, "")
		g.line(0, "")
		g.line(0, "def crunch(seconds):")
		g.line(1, `"""Busy computation: keeps the CPU, and so the event loop, busy for seconds."""`)
		g.line(1, "end = time.perf_counter() + seconds")
		g.line(1, "while time.perf_counter() < end:")
		g.line(2, "pass")
	}
}

// tasks writes the coroutine functions: the plain version of each task,
// then the variants other sleep modes need.
func (g *pyGen) tasks() error {
	written := map[string]bool{}
	modes := append([]scenarios.SleepMode{scenarios.SleepAwait}, g.modes()...)
	for _, m := range modes {
		g.mode, g.names = m, g.s.PythonFuncNames(m)
		for _, t := range g.s.Tasks {
			py := g.names[t.Name]
			if written[py] {
				continue
			}
			written[py] = true
			g.begin(t.Vars)
			g.line(0, "")
			g.line(0, "")
			g.line(0, "async def %s(%s):", py, g.params(t))
			switch m {
			case scenarios.SleepBlock:
				g.line(1, `"""%s, with time.sleep instead of await asyncio.sleep."""`, t.Name)
			case scenarios.SleepNoAwait:
				g.line(1, `"""%s, calling asyncio.sleep without await."""`, t.Name)
			}
			if gs := g.assignedGlobals(t.Steps); len(gs) > 0 {
				g.line(1, "global %s", strings.Join(gs, ", "))
			}
			if err := g.body(1, t.Steps); err != nil {
				return err
			}
		}
	}
	return nil
}

// params writes a task's parameters.
func (g *pyGen) params(t *scenarios.Task) string {
	parts := make([]string, len(t.Params))
	for i, p := range t.Params {
		s := g.locals[i]
		switch {
		case p.Star:
			s = "*" + s
		case p.Default != nil:
			s += "=" + g.w.Expr(p.Default)
		}
		parts[i] = s
	}
	return strings.Join(parts, ", ")
}

// begin starts writing a coroutine whose variables are vars: their Python
// names, and the writer of its expressions.
func (g *pyGen) begin(vars []string) {
	s := g.s
	g.locals = make([]string, len(vars))
	taken := map[string]bool{}
	for _, t := range s.Tasks {
		taken[g.names[t.Name]] = true
	}
	for _, py := range g.globals {
		taken[py] = true
	}
	for i, v := range vars {
		py := scenarios.PythonName(v, func(n string) bool { return taken[n] && n != v || n != v && slices.Contains(vars, n) })
		g.locals[i] = py
	}
	g.w = &exprWriter{Name: g.pyName}
}

// varName is the Python name of a variable the steps assign: a local of
// the coroutine being written, or a global.
func (g *pyGen) varName(v scenarios.Var) string {
	if v.Global {
		return g.globals[v.Slot]
	}
	return g.locals[v.Slot]
}

// assignedGlobals are the Python names of the globals that steps assign,
// in the scenario's order: those a coroutine declares global.
func (g *pyGen) assignedGlobals(steps []scenarios.Step) []string {
	set := make([]bool, len(g.globals))
	scenarios.Walk(steps, func(st *scenarios.Step) {
		for _, v := range st.As {
			if v.Global {
				set[v.Slot] = true
			}
		}
		for _, a := range st.Assign {
			if a.Target == nil && a.Var.Global {
				set[a.Var.Slot] = true
			}
		}
	})
	var names []string
	for i, ok := range set {
		if ok {
			names = append(names, g.globals[i])
		}
	}
	return names
}

// constExpr writes a global's first value, a constant.
func (g *pyGen) constExpr(x scenarios.Expr) string {
	return (&exprWriter{Name: g.pyName}).Expr(x)
}

// pyName is how the program writes a resolved name.
func (g *pyGen) pyName(n *scenarios.Name) string {
	switch n.Kind {
	case scenarios.NameLocal:
		return g.locals[n.Slot]
	case scenarios.NamePrimitive:
		return g.s.PythonPrimitiveName(g.s.Primitives[n.Slot])
	case scenarios.NameGlobal:
		return g.globals[n.Slot]
	case scenarios.NameTask:
		return g.names[n.ID]
	case scenarios.NameText:
		return scenarios.StringRepr(n.ID)
	case scenarios.NameElapsed:
		if g.inPrint {
			return "elapsed"
		}
		return "(time.perf_counter() - start)"
	case scenarios.NameExcType:
		return excName(n.ID)
	}
	return n.ID
}

// run writes the main coroutine of run r, named name.
func (g *pyGen) run(name string, r *scenarios.RunDef) error {
	s := g.s
	g.mode, g.names = r.Sleeps, s.PythonFuncNames(r.Sleeps)
	g.begin(r.Vars)
	g.line(0, "")
	g.line(0, "")
	g.line(0, "async def %s():", name)
	if len(s.Runs) > 1 {
		g.line(1, `"""Run %s."""`, scenarios.PythonTextBody(r.Name, false))
	}
	var names []string
	if len(s.Runs) > 1 {
		for _, p := range s.Primitives {
			names = append(names, s.PythonPrimitiveName(p))
		}
		names = append(names, g.globals...)
	} else {
		names = g.assignedGlobals(r.Steps)
	}
	if len(names) > 0 {
		g.line(1, "global %s", strings.Join(names, ", "))
	}
	if len(s.Runs) > 1 {
		for _, p := range s.Primitives {
			g.line(1, "%s = %s", s.PythonPrimitiveName(p), pyPrimitive(p))
		}
		for i, gl := range s.Globals {
			g.line(1, "%s = %s", g.globals[i], g.constExpr(gl.Value))
		}
	}
	elapsed := false
	scenarios.Walk(r.Steps, func(st *scenarios.Step) { elapsed = elapsed || usesElapsed(st) })
	if g.globalStart {
		g.line(1, "global start")
	}
	if g.globalStart || elapsed {
		g.line(1, "start = time.perf_counter()")
	}
	return g.body(1, r.Steps)
}

// pyDocText makes text safe inside a triple-quoted docstring: Python reads
// it back as it is (what is not printable escaped; line breaks kept).
func pyDocText(s string) string {
	var b strings.Builder
	for _, line := range strings.SplitAfter(s, "\n") {
		text := strings.TrimSuffix(line, "\n")
		body := scenarios.PythonTextBody(text, false)
		body = strings.ReplaceAll(body, `\"`, `"`)
		body = strings.ReplaceAll(body, `"""`, `\"\"\"`)
		if strings.HasSuffix(body, `"`) && !strings.HasSuffix(body, `\"`) {
			body = body[:len(body)-1] + `\"`
		}
		b.WriteString(body)
		if strings.HasSuffix(line, "\n") {
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// wrapText wraps words into lines of at most width characters.
func wrapText(s string, width int) []string {
	var lines []string
	for _, para := range strings.Split(s, "\n") {
		var cur string
		for _, w := range strings.Fields(para) {
			if cur != "" && len(cur)+1+len(w) > width {
				lines = append(lines, cur)
				cur = w
				continue
			}
			if cur != "" {
				cur += " "
			}
			cur += w
		}
		lines = append(lines, cur)
	}
	return lines
}

func pyPrimitiveClass(k scenarios.PrimitiveKind) string {
	if k == scenarios.ProcessPoolKind {
		return "concurrent.futures.ProcessPoolExecutor"
	}
	return "asyncio." + [...]string{"Semaphore", "Lock", "Event", "Queue"}[k]
}

func pyPrimitive(p *scenarios.Primitive) string {
	switch p.Kind {
	case scenarios.SemaphoreKind:
		return fmt.Sprintf("asyncio.Semaphore(%d)", p.Size)
	case scenarios.QueueKind:
		if p.Size > 0 {
			return fmt.Sprintf("asyncio.Queue(maxsize=%d)", p.Size)
		}
		return "asyncio.Queue()"
	case scenarios.ProcessPoolKind:
		if p.Size > 0 {
			return fmt.Sprintf("concurrent.futures.ProcessPoolExecutor(max_workers=%d)", p.Size)
		}
		return "concurrent.futures.ProcessPoolExecutor()"
	}
	return pyPrimitiveClass(p.Kind) + "()"
}

// body writes steps at indent, or pass when there are none.
func (g *pyGen) body(indent int, steps []scenarios.Step) error {
	if len(steps) == 0 {
		g.line(indent, "pass")
		return nil
	}
	return g.steps(indent, steps)
}

// steps writes steps at indent, each as its kind's method says.
func (g *pyGen) steps(indent int, steps []scenarios.Step) error {
	for i := range steps {
		if err := scenarios.VisitStep[int, error](g, indent, &steps[i]); err != nil {
			return err
		}
	}
	return nil
}

// freshName is name, or name with underscores added, so that it is none
// of used.
func freshName(name string, used []string) string {
	for slices.Contains(used, name) {
		name += "_"
	}
	return name
}

// fresh is a name for a variable of the program's own (task, coro, tg,
// exc) that is none of the names of the coroutine being written, nor of
// the module.
func (g *pyGen) fresh(name string) string {
	used := append([]string(nil), g.locals...)
	used = append(used, g.mains...)
	for _, t := range g.s.Tasks {
		for _, m := range []scenarios.SleepMode{scenarios.SleepAwait, scenarios.SleepBlock, scenarios.SleepNoAwait} {
			used = append(used, g.s.PythonFuncNames(m)[t.Name])
		}
	}
	for _, p := range g.s.Primitives {
		used = append(used, g.s.PythonPrimitiveName(p))
	}
	used = append(used, g.globals...)
	return freshName(name, used)
}

// callLine writes prefix(args..., extra...) and wraps long argument lists
// one per line.
func (g *pyGen) callLine(indent int, prefix string, args []string, suffix string) {
	one := prefix + "(" + strings.Join(args, ", ") + ")" + suffix
	if len(one)+4*indent <= 88 {
		g.line(indent, "%s", one)
		return
	}
	g.line(indent, "%s(", prefix)
	for _, a := range args {
		g.line(indent+1, "%s,", a)
	}
	g.line(indent, ")%s", suffix)
}
