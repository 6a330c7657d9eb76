package scenarios

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// The readers of what steps take as expressions: calls, awaitables,
// conditions, values, durations, loop variables and assignments (see
// Expr and docs/scenarios.md).

// exprSite is where an expression was written: the scalar holding it,
// for the positions of errors inside it.
type exprSite struct {
	pos   Pos
	text  string
	plain bool // a plain scalar, whose columns match the text's
}

// at is the position of byte off of the site's text.
func (s exprSite) at(off int) Pos {
	pos := s.pos
	if s.plain && off >= 0 && off <= len(s.text) {
		pos.Col += utf8.RuneCountInString(s.text[:off])
	}
	return pos
}

// siteOf is the site of scalar v.
func siteOf(v *node) exprSite {
	return exprSite{pos: v.pos, text: v.value, plain: !v.quoted && v.kind == scalarNode}
}

// record remembers where expression e (and what is inside it) was written.
func (p *parseState) record(e Expr, site exprSite) Expr {
	if e == nil {
		return nil
	}
	if p.sites == nil {
		p.sites = map[Expr]exprSite{}
	}
	WalkExpr(e, func(x Expr) bool {
		if _, seen := p.sites[x]; !seen {
			p.sites[x] = site
		}
		return true
	})
	return e
}

// posOfExpr is where e is written.
func (p *parseState) posOfExpr(e Expr) Pos {
	site, ok := p.sites[e]
	if !ok {
		return Pos{}
	}
	return site.at(e.Offset())
}

// exprError reports err, an *ExprError from parsing site's text.
func (p *parseState) exprError(site exprSite, what string, err error) {
	if e, ok := err.(*ExprError); ok {
		p.errorf(site.at(e.Off), "%s: %s", what, e.Msg)
		return
	}
	p.errorf(site.pos, "%s: %v", what, err)
}

// cutByYAML reports whether text looks like a piece of a call that YAML
// cut at a comma inside a [...] or {...}: it opens more parentheses than
// it closes, or closes more than it opens.
func cutByYAML(text string) bool {
	depth := 0
	for _, c := range text {
		switch c {
		case '(':
			depth++
		case ')':
			depth--
		}
	}
	return depth != 0
}

// parseExprAt parses the scalar v as an expression; what names the step
// for messages.
func (p *parseState) parseExprAt(v *node, what string) (Expr, bool) {
	if v.kind != scalarNode {
		p.errorf(v.pos, "%s: takes an expression here, e.g. %s; found %s", what, exampleOf(what), v.describe())
		return nil, false
	}
	site := siteOf(v)
	e, err := ParseExpr(v.value)
	if err != nil {
		if cutByYAML(v.value) {
			p.errorf(v.pos, "%s: %q is part of a call that YAML cut at a comma: inside [...] and {...}, YAML splits at every comma; write the list one item per line, or quote each call", what, v.value)
			return nil, false
		}
		p.exprError(site, what, err)
		return nil, false
	}
	return p.record(e, site), true
}

// exampleOf is the example of the step named what, or "".
func exampleOf(what string) string {
	for _, s := range stepSpecs {
		if s.name == what {
			return s.example
		}
	}
	return "{await: fetch(\"a\")}"
}

// exprArg reads a step keyword's expression: a call, a task, a primitive,
// a collection.
func (p *parseState) exprArg(st *Step, v *node) bool {
	if v.kind == nullNode || v.kind == scalarNode && v.value == "" {
		p.errorf(v.pos, "%s: takes a name here, e.g. %s; found %s", st.Kind, stepSpecs[st.Kind].example, v.describe())
		return false
	}
	if v.kind != scalarNode {
		p.errorf(v.pos, "%s: takes one name, e.g. %s; found %s", st.Kind, stepSpecs[st.Kind].example, v.describe())
		return false
	}
	e, ok := p.parseExprAt(v, st.Kind.String())
	st.X = e
	return ok
}

// callsArg reads create_task's call: one call, or a comprehension of calls
// (fetch(n) for n in names), which makes a list of tasks.
func (p *parseState) callsArg(st *Step, v *node) bool {
	if !p.exprArg(st, v) {
		return false
	}
	if c, ok := st.X.(*ListExpr); ok && len(c.Elts) == 1 {
		if comp, ok := c.Elts[0].(*Comp); ok {
			st.X = comp
		}
	}
	return true
}

// itemsArg reads the awaitables of gather, wait, as_completed and
// task_group: a YAML list of items, or one line of Python's arguments.
func (p *parseState) itemsArg(st *Step, v *node) bool {
	switch {
	case v.kind == sequenceNode && len(v.items) > 0:
		for _, item := range v.items {
			if item.kind != scalarNode || item.value == "" {
				p.errorf(item.pos, "%s: takes a name here, e.g. %s; found %s", st.Kind, stepSpecs[st.Kind].example, item.describe())
				return false
			}
			e, ok := p.parseExprAt(item, st.Kind.String())
			if !ok {
				return false
			}
			st.Items = append(st.Items, e)
		}
		return true
	case v.kind == scalarNode && v.value != "":
		site := siteOf(v)
		args, kw, err := ParseArgs(v.value)
		if err != nil {
			p.exprError(site, st.Kind.String(), err)
			return false
		}
		if len(kw) > 0 {
			p.errorf(site.at(kw[0].Off), "%s: %s= is an option: write it as a key of the step, e.g. %s", st.Kind, kw[0].Name, stepSpecs[st.Kind].example)
			return false
		}
		for _, a := range args {
			st.Items = append(st.Items, p.record(a, site))
		}
		if (st.Kind == Wait || st.Kind == AsCompleted) && len(args) > 0 {
			if len(args) > 1 {
				p.errorf(v.pos, "%s: takes one collection, as Python's asyncio.%s does: write the awaitables as a list, [%s]", st.Kind, st.Kind, v.value)
				return false
			}
			st.ItemsWhole = true
		}
		return len(args) > 0 || p.noItems(st, v)
	}
	return p.noItems(st, v)
}

func (p *parseState) noItems(st *Step, v *node) bool {
	p.errorf(v.pos, "%s: takes awaitables: a list, e.g. %s, or Python's arguments on one line, e.g. %s: A(), fetch(\"a\"); found %s", st.Kind, stepSpecs[st.Kind].example, st.Kind, v.describe())
	return false
}

// condArg reads the condition of if and while: an expression (YAML's
// true and false are Python's).
func (p *parseState) condArg(st *Step, v *node) bool {
	if v.kind == scalarNode && !v.quoted {
		switch v.value {
		case "true", "True":
			st.X = &Const{Value: true}
			return true
		case "false", "False":
			st.X = &Const{Value: false}
			return true
		}
	}
	return p.exprArg(st, v)
}

// targets reads for's loop variables: a name, or names to unpack each
// item into ([name, delay], or "name, delay").
func (p *parseState) targets(st *Step, v *node) bool {
	var names []*node
	switch {
	case v.kind == sequenceNode && len(v.items) > 0:
		names = v.items
	case v.kind == scalarNode && strings.Contains(v.value, ","):
		col := v.pos.Col
		for _, part := range strings.Split(v.value, ",") {
			trimmed := strings.TrimSpace(part)
			lead := len(part) - len(strings.TrimLeft(part, " "))
			names = append(names, &node{kind: scalarNode, value: trimmed, pos: Pos{Line: v.pos.Line, Col: col + lead}})
			col += utf8.RuneCountInString(part) + 1
		}
	default:
		names = []*node{v}
	}
	for _, n := range names {
		if !p.varName(n) {
			return false
		}
		st.As = append(st.As, Var{Name: n.value, Pos: n.pos, Slot: -1})
	}
	return true
}

// assignments reads let: {NAME: VALUE, ...}.
func (p *parseState) assignments(st *Step, v *node) bool {
	if v.kind != mappingNode || len(v.keys) == 0 {
		p.errorf(v.pos, "let: maps variables to values, e.g. %s; found %s", stepSpecs[Let].example, v.describe())
		return false
	}
	for i, k := range v.keys {
		var target *Index
		if strings.Contains(k.value, "[") {
			// results[name]: an item of a dict or a list.
			e, err := ParseExpr(k.value)
			idx, ok := e.(*Index)
			if err != nil || !ok {
				p.errorf(k.pos, "let: %q is neither a variable nor an item (results[name]) to assign", k.value)
				return false
			}
			if _, ok := idx.I.(*Slice); ok {
				p.errorf(k.pos, "let: assigning to a slice (%s) is not part of the language; assign one item, x[i]", k.value)
				return false
			}
			target = p.record(idx, siteOf(k)).(*Index)
		} else if !p.varName(k) {
			return false
		}
		x, ok := p.valueExpr(v.vals[i], "let "+k.value)
		if !ok {
			return false
		}
		st.Assign = append(st.Assign, Assign{Var: Var{Name: k.value, Pos: k.pos, Slot: -1}, X: x, Target: target})
	}
	return true
}

// executorArg reads run_in_executor's POOL, FUNC, D: the pool (a process
// pool, or None for the default executor), crunch or time.sleep, and the
// duration.
func (p *parseState) executorArg(st *Step, v *node) bool {
	var items []Expr
	var sites []exprSite
	switch v.kind {
	case scalarNode:
		site := siteOf(v)
		args, kw, err := ParseArgs(v.value)
		if err != nil {
			p.exprError(site, "run_in_executor", err)
			return false
		}
		if len(kw) == 0 {
			for _, a := range args {
				items = append(items, p.record(a, site))
				sites = append(sites, site)
			}
		}
	case sequenceNode:
		for _, item := range v.items {
			if item.kind == nullNode {
				items = append(items, &Const{})
				sites = append(sites, siteOf(item))
				continue
			}
			e, ok := p.parseExprAt(item, "run_in_executor")
			if !ok {
				return false
			}
			items = append(items, e)
			sites = append(sites, siteOf(item))
		}
	}
	if len(items) != 3 {
		p.errorf(v.pos, "run_in_executor: takes a pool, a function and a duration, as loop.run_in_executor(pool, func, seconds), e.g. %s or [None, time.sleep, 1s]; found %s", stepSpecs[RunInExecutor].example, v.describe())
		return false
	}
	st.X = items[0]
	switch f := items[1].(type) {
	case *Name:
		if f.ID == "crunch" {
			st.Func = "crunch"
		}
	case *Attr:
		if n, ok := f.X.(*Name); ok && n.ID == "time" && f.Name == "sleep" {
			st.Func = "time.sleep"
		}
	}
	if st.Func == "" {
		p.errorf(sites[1].at(items[1].Offset()), "run_in_executor: runs crunch (computing, as cpu: does) or time.sleep (blocking, as block: does); found %s", sites[1].text)
		return false
	}
	if c, ok := items[2].(*Const); ok && c.Duration {
		st.Duration = secondsDuration(c.Value)
		return true
	}
	if c, ok := items[2].(*Const); ok {
		if _, isNum := c.Value.(string); !isNum && c.Value != nil {
			p.errorf(sites[2].at(items[2].Offset()), "run_in_executor: duration %s has no unit; write e.g. %ss or %sms", Repr(c.Value), Repr(c.Value), Repr(c.Value))
			return false
		}
	}
	st.DurationX = items[2]
	return true
}

// secondsDuration is the duration of a duration literal's value.
func secondsDuration(v any) time.Duration {
	switch v := v.(type) {
	case int64:
		return time.Duration(v) * time.Second
	case float64:
		return time.Duration(v * float64(time.Second))
	}
	return 0
}

// durationArg reads a duration: a duration literal (2s, 500ms, 0), or an
// expression giving seconds (delay, i * 0.5). A bare number is refused, as
// is anything ParseDuration refuses that is not an expression with a name
// in it.
func (p *parseState) durationArg(v *node, what string) (time.Duration, Expr, bool) {
	if v.kind != scalarNode {
		p.errorf(v.pos, "%s takes a duration such as 2s or 500ms; found %s", what, v.describe())
		return 0, nil, false
	}
	d, err := ParseDuration(v.value)
	if err == nil {
		return d, nil, true
	}
	e, perr := ParseExpr(v.value)
	literal := perr != nil
	switch x := e.(type) {
	case *Const:
		literal = true
	case *Unary:
		_, literal = x.X.(*Const)
	}
	if literal {
		p.errorf(v.pos, "%s: %v", what, err)
		return 0, nil, false
	}
	if n, ok := e.(*Name); ok {
		// A word: a variable, or a mistyped duration, as ParseDuration
		// says when no variable has that name.
		if p.durationWords == nil {
			p.durationWords = map[*Name]string{}
		}
		p.durationWords[n] = fmt.Sprintf("%s: %v", what, err)
	}
	return 0, p.record(e, siteOf(v)), true
}

var yamlIntRE = regexp.MustCompile(`^[-+]?[0-9]+$`)

// valueExpr reads a value (see docs/scenarios.md, Values): YAML's null,
// booleans, numbers and lists are Python's; quoted text is an f-string;
// unquoted text is an expression when it reads as one, else text, and a
// single word is a variable or a primitive when there is one of that
// name, else text.
func (p *parseState) valueExpr(v *node, what string) (Expr, bool) {
	switch v.kind {
	case nullNode:
		return &Const{}, true
	case sequenceNode:
		if len(v.items) == 1 {
			// YAML reads [x * 2 for x in xs] as a list of one item, the
			// comprehension without its brackets.
			if c, ok := p.bareComp(v.items[0]); ok {
				c.Gen, c.Bare = false, false
				return c, true
			}
		}
		l := &ListExpr{}
		for _, item := range v.items {
			x, ok := p.valueExpr(item, what)
			if !ok {
				return nil, false
			}
			l.Elts = append(l.Elts, x)
		}
		return l, true
	case mappingNode:
		if len(v.keys) == 1 {
			// YAML reads {n: len(n) for n in names} as a mapping of n to
			// the comprehension's rest.
			if c, ok := p.bareComp(v.vals[0]); ok {
				k, ok := p.valueExpr(v.keys[0], what)
				if !ok {
					return nil, false
				}
				c.Key, c.Gen, c.Bare = k, false, false
				return c, true
			}
		}
		// A dict: {} or {alice: 1}, each key and value read as a value.
		d := &DictExpr{}
		for i, k := range v.keys {
			kx, ok := p.valueExpr(k, what)
			if !ok {
				return nil, false
			}
			vx, ok := p.valueExpr(v.vals[i], what)
			if !ok {
				return nil, false
			}
			d.Keys, d.Vals = append(d.Keys, kx), append(d.Vals, vx)
		}
		return d, true
	}
	if v.quoted {
		return p.textExpr(v, what)
	}
	switch v.value {
	case "true", "True":
		return &Const{Value: true}, true
	case "false", "False":
		return &Const{Value: false}, true
	case "null", "Null", "NULL", "~", "None":
		return &Const{}, true
	}
	if yamlIntRE.MatchString(v.value) {
		n, err := strconv.ParseInt(v.value, 10, 64)
		if err == nil {
			return &Const{Value: n}, true
		}
	}
	e, err := ParseExpr(v.value)
	if err != nil {
		return &Const{Value: v.value}, true
	}
	if c, ok := e.(*Comp); ok && c.Bare {
		p.errorf(v.pos, "%s: %s makes no value without brackets: write a list, [%s], or a generator, (%s)", what, v.value, v.value, v.value)
		return nil, false
	}
	if n, ok := e.(*Name); ok {
		n.Kind = NameText // a variable, or text (the resolver decides)
	}
	return p.record(e, siteOf(v)), true
}

// bareComp reports whether v is a plain scalar that reads as a
// comprehension without brackets (x for x in xs), and returns it.
func (p *parseState) bareComp(v *node) (*Comp, bool) {
	if v.kind != scalarNode || v.quoted || !strings.Contains(v.value, " for ") {
		return nil, false
	}
	e, err := ParseExpr(v.value)
	if err != nil {
		return nil, false
	}
	c, ok := e.(*Comp)
	if !ok || !c.Bare {
		return nil, false
	}
	p.record(c, siteOf(v))
	return c, true
}

// textExpr reads quoted text with placeholders: an f-string, or a
// constant when it has none.
func (p *parseState) textExpr(v *node, what string) (Expr, bool) {
	t, ok := p.template(v, what)
	if !ok {
		return nil, false
	}
	if len(t.Parts) == 0 {
		return &Const{Value: ""}, true
	}
	if len(t.Parts) == 1 && t.Parts[0].X == nil {
		return &Const{Value: t.Parts[0].Lit}, true
	}
	return &t, true
}

// template parses v's text as an f-string's value.
func (p *parseState) template(v *node, what string) (Template, bool) {
	text := p.text(v, what)
	t, off, err := ParseTemplate(text)
	if err != nil {
		p.errorf(p.offsetPos(v, off), "%v", err)
		return t, false
	}
	site := siteOf(v)
	for _, part := range t.Parts {
		if part.X != nil {
			p.record(part.X, site)
		}
	}
	return t, true
}
