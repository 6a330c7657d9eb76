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
	t, ok := p.template(v, "print")
	st.Text = t
	st.Pos = v.pos
	return st, ok
}

// offsetPos is the position of byte off inside scalar v, when it can be
// known (plain scalars); else v's position.
func (p *parseState) offsetPos(v *node, off int) Pos { return siteOf(v).at(off) }

// asVars reads as:, the variables the step binds: one name, or a list of
// two for wait (see stepSpec.as).
func (p *parseState) asVars(st *Step, v *node) bool {
	if stepSpecs[st.Kind].as < 0 {
		// task_group: one name per task, or one for the list of them all.
		if v.kind != sequenceNode {
			if !p.varName(v) {
				return false
			}
			st.As = []Var{{Name: v.value, Pos: v.pos, Slot: -1}}
			return true
		}
		st.AsList = true
		for _, item := range v.items {
			if !p.varName(item) {
				return false
			}
			st.As = append(st.As, Var{Name: item.value, Pos: item.pos, Slot: -1})
		}
		return true
	}
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
	case slices.Contains(pythonKeywords, v.value) || v.value == "elapsed":
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

// raiseSpec reads "ValueError: boom {x}", "ValueError", or e, a variable
// holding an exception.
func (p *parseState) raiseSpec(st *Step, v *node) bool {
	if v.kind != scalarNode {
		p.errorf(v.pos, "raise: takes an exception, e.g. %s; found %s", stepSpecs[Raise].example, v.describe())
		return false
	}
	typ, msg, hasMsg := strings.Cut(v.value, ":")
	typ = strings.TrimSpace(typ)
	typ = strings.TrimPrefix(typ, "asyncio.")
	if _, known := excParent[typ]; !hasMsg && !known && identRE.MatchString(typ) && !v.quoted {
		// raise e: an exception a variable holds (the resolver checks it).
		st.X = p.record(&Name{ID: typ}, siteOf(v))
		return true
	}
	if _, known := excParent[typ]; !known || strings.Contains(typ, "Group") {
		hint := ""
		if s := nearest(typ, excNames); s != "" {
			hint = fmt.Sprintf("; did you mean %q?", s)
		}
		p.errorf(v.pos, "raise: %q is not an exception type a scenario can raise%s (valid: %s)", typ, hint, strings.Join(raisable(), ", "))
		return false
	}
	st.Exc = ExcSpec{Type: typ, HasMsg: hasMsg}
	if hasMsg {
		text := strings.TrimSpace(msg)
		t, off, err := ParseTemplate(text)
		if err != nil {
			p.errorf(p.offsetPos(v, len(v.value)-len(strings.TrimLeft(msg, " "))+off), "raise: %v", err)
			return false
		}
		site := siteOf(v)
		site.text = text
		site.pos = p.offsetPos(v, len(v.value)-len(strings.TrimLeft(msg, " ")))
		for _, part := range t.Parts {
			if part.X != nil {
				p.record(part.X, site)
			}
		}
		st.Exc.Msg = t
	}
	return true
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

// handlers reads except: {TYPE: [steps], ...} (except* when star): each
// key a type, types (ValueError, TypeError), and optionally the variable,
// ValueError as err.
func (p *parseState) handlers(st *Step, v *node, star bool) bool {
	what := "except"
	if star {
		what = "except*"
	}
	if st.Handlers != nil && st.Star != star {
		p.errorf(v.pos, "a try has except: or except*:, not both (Python does not allow both on one try)")
		return false
	}
	st.Star = star
	if v.kind != mappingNode || len(v.keys) == 0 {
		p.errorf(v.pos, "%s: maps exception types to steps, e.g. except: {ValueError: [{print: \"caught {e}\"}]}; found %s", what, v.describe())
		return false
	}
	for i, k := range v.keys {
		h, ok := p.handlerKey(k, star)
		if !ok {
			return false
		}
		if h.Steps, ok = p.stepList(v.vals[i], what+" "+h.Type); !ok {
			return false
		}
		st.Handlers = append(st.Handlers, h)
	}
	return true
}

// handlerKey reads an except clause's key: TYPE, TYPE as NAME, (A, B) as
// NAME.
func (p *parseState) handlerKey(k *node, star bool) (Handler, bool) {
	h := Handler{Pos: k.pos, E: Var{Name: "e", Slot: -1, Pos: k.pos}}
	text := strings.TrimSpace(k.value)
	if before, name, ok := strings.Cut(text, " as "); ok {
		text = strings.TrimSpace(before)
		name = strings.TrimSpace(name)
		if !identRE.MatchString(name) || slices.Contains(pythonKeywords, name) {
			p.errorf(k.pos, "except: %q is not a variable name: write TYPE as NAME, e.g. ValueError as err", name)
			return h, false
		}
		h.E.Name = name
	}
	text = strings.TrimSuffix(strings.TrimPrefix(text, "("), ")")
	for _, part := range strings.Split(text, ",") {
		typ := strings.TrimPrefix(strings.TrimSpace(part), "asyncio.")
		if _, known := excParent[typ]; !known {
			hint := ""
			if s := nearest(typ, excNames); s != "" {
				hint = fmt.Sprintf("; did you mean %q?", s)
			}
			p.errorf(k.pos, "except: %q is not an exception type%s (valid: %s)", k.value, hint, strings.Join(excNames, ", "))
			return h, false
		}
		if star && (typ == "ExceptionGroup" || typ == "BaseExceptionGroup") {
			p.errorf(k.pos, "except*: cannot catch %s (Python refuses it: except* already takes the group apart); write except: {%s: ...}", typ, typ)
			return h, false
		}
		h.Types = append(h.Types, typ)
	}
	h.Type = h.Types[0]
	return h, true
}
