package scenarios

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// The readers of a step's values: the keyword's value (see argKind) and
// each option's (see parseState.option).

func (p *parseState) printStep(st Step, v *node) (Step, bool) {
	text := p.text(v, "print")
	if strings.ContainsAny(text, "\r") {
		p.errorf(v.pos, "print text contains a carriage return; print one line per step")
		return st, false
	}
	t, off, err := ParseTemplate(text)
	if err != nil {
		p.errorf(p.offsetPos(v, off), "%v", err)
		return st, false
	}
	st.Text = t
	st.Pos = v.pos
	return st, true
}

// offsetPos is the position of byte off inside scalar v, when it can be
// known (plain scalars); else v's position.
func (p *parseState) offsetPos(v *node, off int) Pos {
	pos := v.pos
	if !v.quoted && v.kind == scalarNode {
		pos.Col += off
	}
	return pos
}

// refs reads the names a step refers to: one name, or a list when list.
func (p *parseState) refs(st *Step, v *node, list bool) bool {
	one := func(item *node) bool {
		if item.kind != scalarNode || item.value == "" {
			p.errorf(item.pos, "%s: takes a name here, e.g. %s; found %s", st.Kind, stepSpecs[st.Kind].example, item.describe())
			return false
		}
		st.Refs = append(st.Refs, Ref{Name: item.value, Pos: item.pos})
		return true
	}
	if !list {
		if v.kind != scalarNode {
			p.errorf(v.pos, "%s: takes one name, e.g. %s; found %s", st.Kind, stepSpecs[st.Kind].example, v.describe())
			return false
		}
		return one(v)
	}
	if v.kind != sequenceNode || len(v.items) == 0 {
		p.errorf(v.pos, "%s: takes a list of names, e.g. %s; found %s", st.Kind, stepSpecs[st.Kind].example, v.describe())
		return false
	}
	for _, item := range v.items {
		if !one(item) {
			return false
		}
	}
	return true
}

// asVars reads as:, the variables the step binds: one name, or a list of
// two for wait (see stepSpec.as).
func (p *parseState) asVars(st *Step, v *node) bool {
	if stepSpecs[st.Kind].as == 2 {
		if v.kind != sequenceNode || len(v.items) != 2 {
			p.errorf(v.pos, "as: of wait names two variables, the done and the pending tasks, e.g. as: [done, pending]; found %s", v.describe())
			return false
		}
		for _, item := range v.items {
			if !p.varName(item) {
				return false
			}
			st.As = append(st.As, Var{Name: item.value, Pos: item.pos, Slot: -1})
		}
		return true
	}
	if !p.varName(v) {
		return false
	}
	st.As = []Var{{Name: v.value, Pos: v.pos, Slot: -1}}
	return true
}

func (p *parseState) varName(v *node) bool {
	switch {
	case v.kind != scalarNode:
		p.errorf(v.pos, "as: takes a variable name, e.g. as: result; found %s", v.describe())
	case len(v.value) > MaxNameLen:
		p.errorf(v.pos, "variable name is %d characters long; the limit is %d", len(v.value), MaxNameLen)
	case !identRE.MatchString(v.value):
		p.errorf(v.pos, "variable name %q is not valid: letters, digits and _ (not starting with a digit), e.g. result", v.value)
	case slices.Contains(pythonReserved, v.value):
		p.errorf(v.pos, "variable name %q is reserved (a Python keyword or a name the generated program uses); choose another", v.value)
	default:
		return true
	}
	return false
}

// returnWhen reads wait's return_when: FIRST_COMPLETED, FIRST_EXCEPTION
// or ALL_COMPLETED, with or without asyncio. before it.
func (p *parseState) returnWhen(st *Step, v *node) bool {
	name := strings.TrimPrefix(p.text(v, "return_when"), "asyncio.")
	i := slices.Index(returnWhenNames, name)
	if i < 0 || v.kind != scalarNode {
		p.errorf(v.pos, "return_when must be FIRST_COMPLETED, FIRST_EXCEPTION or ALL_COMPLETED; found %s", v.describe())
		return false
	}
	st.ReturnWhen = ReturnWhen(i)
	return true
}

var wholeRE = regexp.MustCompile(`^[1-9][0-9]*$`)

// times reads gather's times: N, a whole number from 1 to MaxGatherTimes
// written without quotes, in decimal digits (no sign, no leading zero:
// YAML would read 010 as octal, Python refuses it).
func (p *parseState) times(v *node) (int, bool) {
	if v.kind == scalarNode && !v.quoted && wholeRE.MatchString(v.value) {
		if n, err := strconv.Atoi(v.value); err == nil && n <= MaxGatherTimes {
			return n, true
		}
	}
	found := v.describe()
	if v.kind == scalarNode && v.quoted {
		found += " in quotes (text, not a number)"
	}
	p.errorf(v.pos, "times must be a whole number from 1 to %d (how many times over the list is gathered), e.g. {gather: [A, B], times: 3}; found %s", MaxGatherTimes, found)
	return 0, false
}

func (p *parseState) boolean(v *node, what string, dst *bool) bool {
	switch v.value {
	case "true", "True":
		*dst = true
		return v.kind == scalarNode && !v.quoted
	case "false", "False":
		*dst = false
		return v.kind == scalarNode && !v.quoted
	}
	p.errorf(v.pos, "%s must be true or false; found %s", what, v.describe())
	return false
}

// raiseSpec reads "ValueError: boom" or "ValueError".
func (p *parseState) raiseSpec(v *node) (ExcSpec, bool) {
	if v.kind != scalarNode {
		p.errorf(v.pos, "raise: takes an exception, e.g. %s; found %s", stepSpecs[Raise].example, v.describe())
		return ExcSpec{}, false
	}
	typ, msg, hasMsg := strings.Cut(v.value, ":")
	typ = strings.TrimSpace(typ)
	typ = strings.TrimPrefix(typ, "asyncio.")
	if _, known := excParent[typ]; !known || strings.Contains(typ, "Group") {
		hint := ""
		if s := nearest(typ, excNames); s != "" {
			hint = fmt.Sprintf("; did you mean %q?", s)
		}
		p.errorf(v.pos, "raise: %q is not an exception type a scenario can raise%s (valid: %s)", typ, hint, strings.Join(raisable(), ", "))
		return ExcSpec{}, false
	}
	return ExcSpec{Type: typ, Msg: strings.TrimSpace(msg), HasMsg: hasMsg}, true
}

func raisable() []string {
	var names []string
	for _, n := range excNames {
		if !strings.Contains(n, "Group") {
			names = append(names, n)
		}
	}
	return names
}

// handlers reads except: {TYPE: [steps], ...}.
func (p *parseState) handlers(st *Step, v *node) bool {
	if v.kind != mappingNode || len(v.keys) == 0 {
		p.errorf(v.pos, "except: maps exception types to steps, e.g. except: {ValueError: [{print: \"caught {e}\"}]}; found %s", v.describe())
		return false
	}
	for i, k := range v.keys {
		typ := strings.TrimPrefix(k.value, "asyncio.")
		if _, known := excParent[typ]; !known {
			hint := ""
			if s := nearest(typ, excNames); s != "" {
				hint = fmt.Sprintf("; did you mean %q?", s)
			}
			p.errorf(k.pos, "except: %q is not an exception type%s (valid: %s)", k.value, hint, strings.Join(excNames, ", "))
			return false
		}
		steps, ok := p.stepList(v.vals[i], "except "+typ)
		if !ok {
			return false
		}
		st.Handlers = append(st.Handlers, Handler{Type: typ, Steps: steps, Pos: k.pos, E: Var{Name: "e", Slot: -1, Pos: k.pos}})
	}
	return true
}

var intRE = regexp.MustCompile(`^[-+]?[0-9]+$`)

// value reads a Python value: text, an integer, true/false, null (None)
// or a list of those.
func (p *parseState) value(v *node, what string) (any, bool) {
	switch v.kind {
	case nullNode:
		return nil, true
	case sequenceNode:
		list := make([]any, 0, len(v.items))
		for _, item := range v.items {
			x, ok := p.value(item, what)
			if !ok {
				return nil, false
			}
			list = append(list, x)
		}
		return list, true
	case mappingNode:
		p.errorf(v.pos, "%s: takes text, an integer, true/false, null or a list of those; found a mapping", what)
		return nil, false
	}
	if v.quoted {
		return v.value, true
	}
	switch v.value {
	case "true", "True":
		return true, true
	case "false", "False":
		return false, true
	case "null", "Null", "NULL", "~", "None":
		return nil, true
	}
	if intRE.MatchString(v.value) {
		n, err := strconv.ParseInt(v.value, 10, 64)
		if err != nil {
			p.errorf(v.pos, "%s: %s is too large for a 64-bit integer", what, v.value)
			return nil, false
		}
		return n, true
	}
	if _, err := strconv.ParseFloat(v.value, 64); err == nil {
		p.errorf(v.pos, "%s: %s is a float; use an integer, or quote it to make it text", what, v.value)
		return nil, false
	}
	return v.value, true
}
