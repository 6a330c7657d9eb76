package scenarios

import (
	"fmt"
	"slices"
	"strings"
)

// exprCtx says where an expression is: anywhere a value goes, or where a
// step runs a coroutine (a call of a task may be there, and a task's
// name alone is its call).
type exprCtx uint8

const (
	ctxValue exprCtx = iota
	ctxCoro
)

// BuiltinFuncs are the built-in functions expressions may call.
var BuiltinFuncs = []string{"len", "str", "repr", "range", "sorted", "list", "tuple", "sum", "min", "max", "abs", "round", "int", "float", "bool", "isinstance", "type", "enumerate", "zip", "dict"}

// builtinKeywords are the keyword arguments the built-in functions take.
var builtinKeywords = map[string][]string{"sorted": {"reverse"}, "enumerate": {"start"}}

// typeNames are the built-in types isinstance may name, besides the
// exception types.
var typeNames = []string{"str", "int", "float", "bool", "list", "tuple"}

// Methods are the methods expressions may call, by the kind of thing they
// are of.
var Methods = map[string][]string{
	"task":      {"get_name", "result", "exception", "cancelled", "done"},
	"queue":     {"qsize", "empty", "full"},
	"semaphore": {"locked"},
	"lock":      {"locked"},
	"event":     {"is_set"},
	"str":       {"join", "upper", "lower", "strip", "lstrip", "rstrip", "split", "startswith", "endswith", "replace"},
	"dict":      {"get", "keys", "values", "items"},
}

// methodArgs are how many arguments each method takes, at least and at
// most: none but those listed.
var methodArgs = map[string][2]int{
	"join": {1, 1}, "get": {1, 2},
	"strip": {0, 1}, "lstrip": {0, 1}, "rstrip": {0, 1}, "split": {0, 1},
	"startswith": {1, 1}, "endswith": {1, 1}, "replace": {2, 2},
}

// resolveExpr resolves *e in place (a task's name where a coroutine goes
// becomes its call; a word that is text, a constant).
func (p *parseState) resolveExpr(sc *scope, e *Expr, ctx exprCtx, what string) {
	*e = p.rx(sc, *e, ctx, what)
}

// resolveValue resolves a value: a coroutine is refused there.
func (p *parseState) resolveValue(sc *scope, e *Expr, what string) {
	if *e == nil {
		return
	}
	p.resolveExpr(sc, e, ctxValue, what)
}

// resolveDuration resolves an expression giving seconds.
func (p *parseState) resolveDuration(sc *scope, e *Expr, what string) {
	p.resolveExpr(sc, e, ctxValue, what)
	if k := p.exprKind(sc, *e); k.k != RefValue && k.k != RefAny {
		p.errorf(p.posOfExpr(*e), "%s takes a duration (2s) or a number of seconds; this is %s", what, kindText(k.k))
	}
}

func (p *parseState) rx(sc *scope, e Expr, ctx exprCtx, what string) Expr {
	switch e := e.(type) {
	case *Name:
		return p.resolveName(sc, e, ctx, what)
	case *FString:
		p.resolveTemplate(sc, e, what)
	case *ListExpr:
		for i := range e.Elts {
			e.Elts[i] = p.rx(sc, e.Elts[i], ctx, what)
		}
	case *TupleExpr:
		for i := range e.Elts {
			e.Elts[i] = p.rx(sc, e.Elts[i], ctx, what)
		}
	case *DictExpr:
		for i := range e.Keys {
			e.Keys[i] = p.rx(sc, e.Keys[i], ctxValue, what)
			e.Vals[i] = p.rx(sc, e.Vals[i], ctxValue, what)
		}
	case *Starred:
		e.X = p.rx(sc, e.X, ctxValue, what)
	case *Comp:
		p.resolveComp(sc, e, ctx, what)
	case *CallExpr:
		p.resolveCall(sc, e, ctx, what)
	case *Attr:
		p.resolveAttr(sc, e, what)
	case *Unary:
		e.X = p.rx(sc, e.X, ctxValue, what)
	case *Binary:
		e.X = p.rx(sc, e.X, ctxValue, what)
		e.Y = p.rx(sc, e.Y, ctxValue, what)
	case *Compare:
		for i := range e.Xs {
			e.Xs[i] = p.rx(sc, e.Xs[i], ctxValue, what)
		}
		for i, op := range e.Ops {
			if op != "is" && op != "is not" {
				continue
			}
			if !isSingleton(e.Xs[i]) && !isSingleton(e.Xs[i+1]) {
				p.errorf(p.posOfExpr(e), "%s: %s compares identity; the language compares with it only None, True and False (x is None): write == to compare values", what, op)
			}
		}
	case *BoolOp:
		for i := range e.Xs {
			e.Xs[i] = p.rx(sc, e.Xs[i], ctxValue, what)
		}
	case *IfExp:
		e.Cond = p.rx(sc, e.Cond, ctxValue, what)
		e.X = p.rx(sc, e.X, ctxValue, what)
		e.Else = p.rx(sc, e.Else, ctxValue, what)
	case *Index:
		e.X = p.rx(sc, e.X, ctxValue, what)
		e.I = p.rx(sc, e.I, ctxValue, what)
	case *Slice:
		for _, x := range []*Expr{&e.Lo, &e.Hi, &e.Step} {
			if *x != nil {
				*x = p.rx(sc, *x, ctxValue, what)
			}
		}
	}
	if ctx == ctxValue {
		if k := p.exprKind(sc, e); k.k == RefCoroutine {
			p.notHereCoroutine(e, what)
		}
	}
	return e
}

func isSingleton(e Expr) bool {
	c, ok := e.(*Const)
	if !ok {
		return false
	}
	switch c.Value.(type) {
	case nil, bool:
		return true
	}
	return false
}

// notHereCoroutine refuses a call of a task where a value goes.
func (p *parseState) notHereCoroutine(e Expr, what string) {
	name := "a task"
	if c, ok := e.(*CallExpr); ok && c.Task != nil {
		name = c.Task.Name + "(...)"
	}
	p.errorf(p.posOfExpr(e), "%s: %s makes a coroutine, which runs only where a step runs it: await it ({await: ...}), gather it or make it a task ({create_task: ..., as: t}), and use what it gives", what, name)
}

func (p *parseState) resolveName(sc *scope, n *Name, ctx exprCtx, what string) Expr {
	s := p.scenario
	if n.Kind == NameText {
		if i := sc.lookup(n.ID); i >= 0 {
			n.Kind, n.Slot = NameLocal, i
			p.checkBound(sc, n, what)
		} else if g := s.Global(n.ID); g != nil {
			n.Kind, n.Slot = NameGlobal, slices.Index(s.Globals, g)
		} else if prim := s.Primitive(n.ID); prim != nil {
			n.Kind, n.Slot = NamePrimitive, slices.Index(s.Primitives, prim)
		} else if n.ID == "elapsed" {
			n.Kind = NameElapsed
		}
		return n
	}
	if n.ID == "elapsed" {
		n.Kind = NameElapsed
		return n
	}
	if i := sc.lookup(n.ID); i >= 0 {
		n.Kind, n.Slot = NameLocal, i
		p.checkBound(sc, n, what)
		return n
	}
	if g := s.Global(n.ID); g != nil {
		n.Kind, n.Slot = NameGlobal, slices.Index(s.Globals, g)
		return n
	}
	if prim := s.Primitive(n.ID); prim != nil {
		n.Kind, n.Slot = NamePrimitive, slices.Index(s.Primitives, prim)
		return n
	}
	if t := s.Task(n.ID); t != nil {
		if ctx == ctxCoro {
			c := &CallExpr{Off: n.Off, Func: n, Task: t}
			n.Kind = NameTask
			p.sites[c] = p.sites[n]
			p.checkArgs(sc, c, what)
			return c
		}
		if !slices.Contains(BuiltinFuncs, n.ID) {
			n.Kind = NameTask
			return n
		}
	}
	switch {
	case slices.Contains(BuiltinFuncs, n.ID):
		n.Kind = NameBuiltin
	case n.ID == "asyncio":
		n.Kind = NameModule
	default:
		if _, ok := excParent[n.ID]; ok {
			n.Kind = NameExcType
			return n
		}
		p.undefinedName(sc, n, what)
	}
	return n
}

// checkBound refuses a variable used before any step binds it.
func (p *parseState) checkBound(sc *scope, n *Name, what string) {
	for _, c := range sc.comps {
		if _, ok := c[n.ID]; ok {
			return
		}
	}
	if sc.bound[n.ID] {
		return
	}
	bound := "none"
	var names []string
	for name := range sc.local {
		if sc.bound[name] {
			names = append(names, name)
		}
	}
	if len(names) > 0 {
		slices.Sort(names)
		bound = strings.Join(names, ", ")
	}
	if what == "print" {
		p.errorf(p.posOfExpr(n), "print: {%s} names no variable bound before this step (placeholders: {elapsed}, and variables bound by as: or e in an except clause; bound here: %s)", n.ID, bound)
		return
	}
	p.errorf(p.posOfExpr(n), "%s: %s is used before a step binds it (Python would raise UnboundLocalError); bound here: %s", what, n.ID, bound)
}

// undefinedName reports a name that is nothing.
func (p *parseState) undefinedName(sc *scope, n *Name, what string) {
	if msg, ok := p.durationWords[n]; ok {
		p.errorf(p.posOfExpr(n), "%s", msg)
		return
	}
	candidates := []string{"elapsed"}
	for name := range sc.local {
		candidates = append(candidates, name)
	}
	slices.Sort(candidates[1:])
	for _, prim := range p.scenario.Primitives {
		candidates = append(candidates, prim.Name)
	}
	hint := ""
	if s := nearest(n.ID, append(candidates, p.scenario.TaskNames()...)); s != "" {
		hint = fmt.Sprintf("; did you mean %q?", s)
		if what == "print" {
			hint = fmt.Sprintf("; did you mean {%s}?", s)
		}
	}
	if what == "print" {
		p.errorf(p.posOfExpr(n), "print: {%s} names no variable bound before this step%s (placeholders: {elapsed}, and variables bound by as: or e in an except clause; bound here: %s)", n.ID, hint, boundText(sc))
		return
	}
	p.errorf(p.posOfExpr(n), "%s: name %q is not defined%s (variables here: %s)", what, n.ID, hint, boundText(sc))
}

func boundText(sc *scope) string {
	var names []string
	for name := range sc.local {
		names = append(names, name)
	}
	if len(names) == 0 {
		return "none"
	}
	slices.Sort(names)
	return strings.Join(names, ", ")
}

// resolveComp resolves a comprehension: its iterable outside it, its
// variables its own.
func (p *parseState) resolveComp(sc *scope, c *Comp, ctx exprCtx, what string) {
	c.Iter = p.rx(sc, c.Iter, ctxValue, what)
	elem := p.elementKind(sc, c.Iter)
	vars := map[string]int{}
	for _, v := range c.Vars {
		slot := sc.hidden(v.ID)
		vars[v.ID] = slot
		v.Kind, v.Slot = NameLocal, slot
		k := elem
		if len(c.Vars) > 1 {
			k = kValue
		}
		sc.give(slot, k)
	}
	sc.comps = append(sc.comps, vars)
	if c.Cond != nil {
		c.Cond = p.rx(sc, c.Cond, ctxValue, what)
	}
	if c.Key != nil {
		c.Key = p.rx(sc, c.Key, ctxValue, what)
		ctx = ctxValue
	}
	c.Elt = p.rx(sc, c.Elt, ctx, what)
	sc.comps = sc.comps[:len(sc.comps)-1]
}

// resolveCall resolves a call: of a task (where a coroutine goes), of a
// built-in function, or of a method.
func (p *parseState) resolveCall(sc *scope, c *CallExpr, ctx exprCtx, what string) {
	if isCreateTask(sc, c) {
		p.resolveCreateTask(sc, c, what)
		return
	}
	for i := range c.Args {
		c.Args[i] = p.rx(sc, c.Args[i], ctxValue, what)
	}
	for i := range c.Kw {
		c.Kw[i].X = p.rx(sc, c.Kw[i].X, ctxValue, what)
	}
	switch f := c.Func.(type) {
	case *Name:
		if f.ID == "isinstance" && len(c.Args) == 2 {
			p.resolveTypes(c.Args[1], what)
		}
		if sc.lookup(f.ID) < 0 && p.scenario.Primitive(f.ID) == nil && p.scenario.Global(f.ID) == nil {
			if t := p.scenario.Task(f.ID); t != nil && (ctx == ctxCoro || !slices.Contains(BuiltinFuncs, f.ID)) {
				f.Kind, c.Task = NameTask, t
				p.checkArgs(sc, c, what)
				return
			}
			if slices.Contains(BuiltinFuncs, f.ID) {
				f.Kind = NameBuiltin
				for _, k := range c.Kw {
					if f.ID != "dict" && !slices.Contains(builtinKeywords[f.ID], k.Name) {
						p.errorf(p.posOfExpr(c), "%s: %s() takes no keyword argument %s here%s", what, f.ID, k.Name, kwHint(f.ID))
					}
				}
				return
			}
		}
		p.rx(sc, f, ctxValue, what)
		if f.Kind != NameUnresolved {
			p.errorf(p.posOfExpr(c), "%s: %s is not a function: what can be called is a task of the scenario, a built-in function (%s) or a method (t.result())", what, f.ID, strings.Join(BuiltinFuncs, ", "))
		}
	case *Attr:
		p.resolveMethod(sc, c, f, what)
	default:
		c.Func = p.rx(sc, c.Func, ctxValue, what)
		p.errorf(p.posOfExpr(c), "%s: this cannot be called: what can be called is a task of the scenario, a built-in function or a method", what)
	}
}

// kwHint names the keyword arguments a built-in function takes.
func kwHint(fn string) string {
	if kws := builtinKeywords[fn]; len(kws) > 0 {
		return " (it takes " + strings.Join(kws, ", ") + ")"
	}
	return ""
}

// resolveTypes resolves isinstance's second argument: a type, or a tuple
// of types.
func (p *parseState) resolveTypes(e Expr, what string) {
	var names []*Name
	switch e := e.(type) {
	case *Name:
		names = []*Name{e}
	case *TupleExpr:
		for _, x := range e.Elts {
			if n, ok := x.(*Name); ok {
				names = append(names, n)
			}
		}
	}
	for _, n := range names {
		if _, exc := excParent[n.ID]; exc || slices.Contains(typeNames, n.ID) {
			n.Kind = NameExcType
		}
	}
}

// isCreateTask reports whether c is asyncio.create_task(...), asyncio
// not being a variable.
func isCreateTask(sc *scope, c *CallExpr) bool {
	f, ok := c.Func.(*Attr)
	if !ok || f.Name != "create_task" {
		return false
	}
	n, ok := f.X.(*Name)
	return ok && n.ID == "asyncio" && sc.lookup("asyncio") < 0
}

// resolveCreateTask resolves asyncio.create_task(CALL) or
// asyncio.create_task(CALL, name=TEXT) in an expression: a task made
// there and then, as in tasks = [asyncio.create_task(work(i)) for i in
// range(3)].
func (p *parseState) resolveCreateTask(sc *scope, c *CallExpr, what string) {
	f := c.Func.(*Attr)
	f.X.(*Name).Kind = NameModule
	if len(c.Args) != 1 {
		p.errorf(p.posOfExpr(c), "%s: asyncio.create_task takes one call of a task (and name=...)", what)
		return
	}
	c.Args[0] = p.rx(sc, c.Args[0], ctxCoro, what)
	if k := p.exprKind(sc, c.Args[0]); k.k != RefCoroutine {
		p.errorf(p.posOfExpr(c.Args[0]), "%s: asyncio.create_task takes a call of a task, and this is %s", what, kindText(k.k))
	}
	for i := range c.Kw {
		if c.Kw[i].Name != "name" {
			p.errorf(p.posOfExpr(c), "%s: asyncio.create_task takes no keyword argument %s here (name= names the task)", what, c.Kw[i].Name)
		}
		c.Kw[i].X = p.rx(sc, c.Kw[i].X, ctxValue, what)
	}
}

// resolveMethod resolves RECEIVER.NAME(...).
func (p *parseState) resolveMethod(sc *scope, c *CallExpr, f *Attr, what string) {
	if n, ok := f.X.(*Name); ok && n.ID == "asyncio" && sc.lookup("asyncio") < 0 {
		n.Kind = NameModule
		if f.Name != "current_task" || len(c.Args) > 0 {
			p.errorf(p.posOfExpr(c), "%s: of asyncio, expressions call asyncio.current_task() only; the steps do the rest", what)
		}
		return
	}
	f.X = p.rx(sc, f.X, ctxValue, what)
	if n := methodArgs[f.Name]; len(c.Args) < n[0] || len(c.Args) > n[1] || len(c.Kw) > 0 {
		counts := [...]string{"no arguments", "one argument", "two arguments"}
		switch {
		case n[0] == n[1]:
			p.errorf(p.posOfExpr(c), "%s: %s() takes %s here", what, f.Name, counts[n[0]])
		default:
			p.errorf(p.posOfExpr(c), "%s: %s() takes %s or %s here", what, f.Name, strings.TrimSuffix(counts[n[0]], " arguments"), counts[n[1]])
		}
	}
	k := p.exprKind(sc, f.X)
	var valid []string
	switch k.k {
	case RefTask:
		valid = Methods["task"]
	case RefPrimitive:
		valid = Methods[k.prim.String()]
	case RefValue:
		valid = append(slices.Clone(Methods["str"]), Methods["dict"]...)
	case RefAny:
		for _, m := range Methods {
			valid = append(valid, m...)
		}
	}
	if !slices.Contains(valid, f.Name) {
		p.errorf(p.posOfExpr(c), "%s: %s has no method %s() the language knows (a task's: %s; a queue's: %s; a lock's or semaphore's: locked; an event's: is_set; text's: %s; a dict's: get, keys, values, items)", what, kindText(k.k), f.Name, strings.Join(Methods["task"], ", "), strings.Join(Methods["queue"], ", "), strings.Join(Methods["str"], ", "))
	}
}

// resolveAttr resolves X.NAME that is not called: type(e).__name__,
// e.args, e.exceptions.
func (p *parseState) resolveAttr(sc *scope, a *Attr, what string) {
	if c, ok := a.X.(*CallExpr); ok && a.Name == "__name__" {
		if n, ok := c.Func.(*Name); ok && n.ID == "type" && len(c.Args) == 1 {
			c.Args[0] = p.rx(sc, c.Args[0], ctxValue, what)
			n.Kind = NameBuiltin
			return
		}
	}
	a.X = p.rx(sc, a.X, ctxValue, what)
	switch a.Name {
	case "args", "exceptions":
		return
	}
	p.errorf(p.posOfExpr(a), "%s: .%s is not an attribute the language knows (it knows type(x).__name__, e.args and e.exceptions of an exception group)", what, a.Name)
}

// checkArgs checks a call of a task against its parameters, as Python's
// call would, and records what the call passes to each parameter.
func (p *parseState) checkArgs(sc *scope, c *CallExpr, what string) {
	t := c.Task
	starred := false
	for _, a := range c.Args {
		if _, ok := a.(*Starred); ok {
			starred = true
		}
	}
	if p.params[t] == nil {
		p.params[t] = make([]kind, len(t.Params))
		p.paramSeen[t] = make([]bool, len(t.Params))
	}
	pass := func(i int, x Expr) {
		k := p.exprKind(sc, x)
		if !p.paramSeen[t][i] {
			p.params[t][i], p.paramSeen[t][i] = k, true
		} else if have := p.params[t][i]; have != k {
			p.params[t][i] = kAny
		}
	}
	npos := len(t.Params)
	hasStar := npos > 0 && t.Params[npos-1].Star
	if hasStar {
		npos--
	}
	given := make([]bool, len(t.Params))
	for i, a := range c.Args {
		if _, ok := a.(*Starred); ok {
			break
		}
		if i < npos {
			pass(i, a)
			given[i] = true
		}
	}
	if starred {
		for i := range t.Params {
			if !given[i] {
				p.params[t][i], p.paramSeen[t][i] = kAny, true
			}
		}
		return
	}
	fn := t.Name + "()"
	if len(c.Args) > npos && !hasStar {
		p.errorf(p.posOfExpr(c), "%s: %s takes %s but %d %s given", what, fn, plural(npos, "positional argument"), len(c.Args), WereWas(len(c.Args)))
		return
	}
	for _, k := range c.Kw {
		i := slices.IndexFunc(t.Params, func(prm Param) bool { return prm.Name == k.Name && !prm.Star })
		switch {
		case i < 0:
			hint := ""
			var names []string
			for _, prm := range t.Params {
				names = append(names, prm.Name)
			}
			if s := nearest(k.Name, names); s != "" {
				hint = fmt.Sprintf("; did you mean %q?", s)
			}
			p.errorf(p.posOfExpr(c), "%s: %s got an unexpected keyword argument '%s'%s", what, fn, k.Name, hint)
			return
		case given[i]:
			p.errorf(p.posOfExpr(c), "%s: %s got multiple values for argument '%s'", what, fn, k.Name)
			return
		}
		given[i] = true
		pass(i, k.X)
	}
	var missing []string
	for i, prm := range t.Params {
		if prm.Star {
			continue
		}
		if !given[i] {
			if prm.Default == nil {
				missing = append(missing, "'"+prm.Name+"'")
				continue
			}
			pass(i, prm.Default)
		}
	}
	if len(missing) > 0 {
		p.errorf(p.posOfExpr(c), "%s: %s", what, MissingArguments(fn, missing))
	}
}

// MissingArguments is Python's message for a call of fn ("task()")
// without the parameters missing ("'a'", "'b'"): "task() missing 2
// required positional arguments: 'a' and 'b'".
func MissingArguments(fn string, missing []string) string {
	list := missing[0]
	if len(missing) > 1 {
		list = strings.Join(missing[:len(missing)-1], ", ") + " and " + missing[len(missing)-1]
	}
	return fmt.Sprintf("%s missing %d required positional argument%s: %s", fn, len(missing), PluralS(len(missing)), list)
}

func plural(n int, what string) string {
	return fmt.Sprintf("%d %s%s", n, what, PluralS(n))
}

// PluralS is "s" after a count of n things other than one, "" after one,
// as in Python's messages ("takes 1 positional argument").
func PluralS(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// WereWas is the verb after a count of n, as Python's messages write it
// ("but 2 were given").
func WereWas(n int) string {
	if n == 1 {
		return "was"
	}
	return "were"
}

// resolveTemplate resolves the placeholders of text, and refuses what
// cannot be printed.
func (p *parseState) resolveTemplate(sc *scope, t *Template, what string) {
	for i := range t.Parts {
		part := &t.Parts[i]
		if part.X == nil {
			continue
		}
		part.X = p.rx(sc, part.X, ctxValue, what)
		k := p.exprKind(sc, part.X)
		name := "this"
		if n, ok := part.X.(*Name); ok {
			name = "{" + n.ID + "}"
		}
		switch k.k {
		case RefTask:
			p.errorf(p.posOfExpr(part.X), "%s: %s is a task, which Python prints as an unreadable repr; await it with as: and print the result, or print {%s.result()}", what, name, exprName(part.X))
		case RefTaskSet, RefTaskList:
			p.errorf(p.posOfExpr(part.X), "%s: %s is %s, which Python prints as an unreadable repr; print what you want of each, e.g. {[t.result() for t in %s]}", what, name, kindText(k.k), exprName(part.X))
		case RefPrimitive:
			p.errorf(p.posOfExpr(part.X), "%s: %s is %s, which Python prints as an unreadable repr", what, name, article(k.prim.String()))
		}
	}
}

// resolveRaise resolves raise's message, or the variable of raise: e.
func (p *parseState) resolveRaise(sc *scope, st *Step) {
	p.resolveTemplate(sc, &st.Exc.Msg, "raise")
	if st.X == nil {
		return
	}
	n := st.X.(*Name)
	if i := sc.lookup(n.ID); i < 0 {
		hint := ""
		if s := nearest(n.ID, excNames); s != "" {
			hint = fmt.Sprintf("; did you mean %q?", s)
		}
		p.errorf(p.posOfExpr(n), "raise: %q is not an exception type a scenario can raise, nor a variable%s (valid: %s)", n.ID, hint, strings.Join(raisable(), ", "))
		return
	}
	st.X = p.rx(sc, n, ctxValue, "raise")
	if k := p.exprKind(sc, st.X); k.k != RefValue && k.k != RefAny {
		p.errorf(p.posOfExpr(n), "raise: %s is %s; raise takes an exception (e in an except clause)", n.ID, kindText(k.k))
	}
}

// checkIterable refuses a for over what cannot be iterated.
func (p *parseState) checkIterable(sc *scope, st *Step) {
	switch k := p.exprKind(sc, st.X); k.k {
	case RefTask, RefPrimitive:
		p.errorf(p.posOfExpr(st.X), "for: in: is %s, which is not a collection: loop over a list, a range(...), a set of tasks, text", kindText(k.k))
	}
}
