package runner

import (
	"math/big"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/asyncgantt/asyncgantt/scenarios"
	"github.com/asyncgantt/asyncgantt/trace"
)

// coroutine is a coroutine object: a call of a task of the scenario, its
// parameters bound, not run yet.
type coroutine struct {
	def *scenarios.Task
	// vars are the frame's variables, the parameters bound.
	vars []value
	// name is its lane's name: the task's, with the arguments it got
	// (fetch('a', 2)).
	name string
	// used says it was awaited or made a task.
	used bool
}

func (c *coroutine) typeName() string { return "coroutine" }
func (c *coroutine) repr() string     { return "<coroutine object " + c.def.Name + ">" }

// makeCoroutine calls a task: evaluates the arguments and binds them to
// its parameters, as Python's call does (raising its TypeError).
func (ev *evaluator) makeCoroutine(c *scenarios.CallExpr) (*coroutine, *pyExc) {
	def := c.Task
	args, kw, err := ev.arguments(c)
	if err != nil {
		return nil, err
	}
	vars, err := ev.l.bindArgs(def, args, kw)
	if err != nil {
		return nil, err
	}
	co := ev.l.coroSlab.alloc()
	*co = coroutine{def: def, vars: vars, name: callName(def, vars)}
	return co, nil
}

type kwArg struct {
	name string
	v    value
}

// bindArgs binds a call's arguments to def's parameters, as Python does:
// the variables of its frame, or the TypeError of the call.
func (l *loop) bindArgs(def *scenarios.Task, args []value, kw []kwArg) ([]value, *pyExc) {
	vars := unboundVars(len(def.Vars))
	// The function's name, for a TypeError only: no string is made per call.
	fn := func() string { return l.pyName[def.Name] + "()" }
	npos := len(def.Params)
	star := npos > 0 && def.Params[npos-1].Star
	if star {
		npos--
	}
	if len(args) > npos && !star {
		return nil, typeError("%s takes %d positional argument%s but %d %s given", fn(), npos, scenarios.PluralS(npos), len(args), scenarios.WereWas(len(args)))
	}
	for i, a := range args {
		if i < npos {
			vars[i] = a
		}
	}
	if star {
		rest := tuple{}
		if len(args) > npos {
			rest = append(rest, args[npos:]...)
		}
		vars[npos] = rest
	}
	for _, k := range kw {
		i := slices.IndexFunc(def.Params[:npos], func(p scenarios.Param) bool { return p.Name == k.name })
		switch {
		case i < 0:
			return nil, typeError("%s got an unexpected keyword argument '%s'", fn(), k.name)
		case vars[i] != unbound:
			return nil, typeError("%s got multiple values for argument '%s'", fn(), k.name)
		}
		vars[i] = k.v
	}
	var missing []string
	for i, p := range def.Params[:npos] {
		if vars[i] != unbound {
			continue
		}
		if p.Default == nil {
			missing = append(missing, "'"+p.Name+"'")
			continue
		}
		key := defaultKey{fn: l.pyName[def.Name], param: i}
		v, ok := l.ex.defaults[key]
		if !ok {
			var err *pyExc
			if v, err = constValue(p.Default); err != nil {
				return nil, err
			}
			l.ex.defaults[key] = v
		}
		vars[i] = v
	}
	if len(missing) > 0 {
		return nil, newExc("TypeError", scenarios.MissingArguments(fn(), missing))
	}
	return vars, nil
}

// arguments evaluates a call's arguments, positional then by keyword, in
// the order Python evaluates them.
func (ev *evaluator) arguments(c *scenarios.CallExpr) ([]value, []kwArg, *pyExc) {
	args, err := ev.elements(c.Args)
	if err != nil {
		return nil, nil, err
	}
	var kw []kwArg
	for _, k := range c.Kw {
		v, err := ev.eval(k.X)
		if err != nil {
			return nil, nil, err
		}
		kw = append(kw, kwArg{name: k.Name, v: v})
	}
	return args, kw, nil
}

// constValue evaluates a constant (a parameter's default, a global's first
// value).
func constValue(e scenarios.Expr) (value, *pyExc) {
	ev := &evaluator{}
	return ev.eval(e)
}

// callName is the name of the lane of a call of def whose parameters got
// vars: the task's name alone when it has no parameters, else its name and
// the arguments as the parameters received them, as asyncgantt's Python
// tracer names it: worker('A', 2).
func callName(def *scenarios.Task, vars []value) string {
	if len(def.Params) == 0 {
		return def.Name
	}
	var parts []string
	for i, p := range def.Params {
		if p.Star {
			for _, x := range vars[i].(tuple) {
				parts = append(parts, argRepr(x))
			}
			continue
		}
		parts = append(parts, argRepr(vars[i]))
	}
	return def.Name + "(" + strings.Join(parts, ", ") + ")"
}

// argRepr is an argument as a lane's name shows it: text, numbers, True,
// False, None and lists or tuples of up to 4 of those by their repr,
// anything else by its type's name; cut at 24 characters with "…".
func argRepr(v value) string {
	var r string
	switch v := v.(type) {
	case nil, bool, int64, *big.Int, float64, string:
		r = repr(v)
	case *pyList:
		r = smallRepr(v.items, "list")
	case tuple:
		r = smallRepr(v, "tuple")
	default:
		r = typeName(v)
	}
	if utf8.RuneCountInString(r) > 24 {
		r = string([]rune(r)[:23]) + "…"
	}
	return r
}

func smallRepr(xs []any, typ string) string {
	if len(xs) > 4 {
		return typ
	}
	for _, x := range xs {
		switch x.(type) {
		case nil, bool, int64, *big.Int, float64, string:
		default:
			return typ
		}
	}
	if typ == "tuple" {
		return repr(tuple(xs))
	}
	return repr(newList(xs))
}

// neverAwaited warns that a coroutine object was dropped without being
// awaited, as Python does where it is dropped: at the step st.
func (l *loop) neverAwaited(fr *frame, st *scenarios.Step, co *coroutine) {
	msg := "RuntimeWarning: coroutine '" + l.pyName[co.def.Name] + "' was never awaited"
	l.unawaitedLane(fr, co.name, msg)
	l.warn(l.site(fr, st, msg))
}

// unawaitedLane draws a coroutine object that is never awaited: a lane of
// its own, at the moment it was made, whose outcome is the warning Python
// writes. Its name says so ("fetch (never awaited)"), and is numbered
// apart from the lanes of the calls that run.
func (l *loop) unawaitedLane(fr *frame, name, msg string) {
	r := l.newLane(name+" (never awaited)", trace.TaskLane, fr.lane.id)
	r.finish(r.lane.Start, trace.NeverAwaited, msg) // one reading of a real clock
}

// site is where a warning of step st, run in frame fr, is issued: the
// step, in the Python function that runs it (a task's variant for the
// run's sleep mode, or the run's main).
func (l *loop) site(fr *frame, st *scenarios.Step, msg string) warnSite {
	fn := ""
	if fr.def != nil {
		fn = l.pyName[fr.def.Name]
	}
	return warnSite{step: st, fn: fn, msg: msg}
}
