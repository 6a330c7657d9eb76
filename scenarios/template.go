package scenarios

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Template is the text of a print step: literal text with placeholders,
// as in a Python f-string. {elapsed} is the seconds since the run started,
// rounded to a whole number as Python's f"{elapsed:.0f}" does;
// {elapsed:.Nf} keeps N decimals (N from 0 to 9). {NAME} is the value of a
// variable bound earlier in the coroutine (by as:, or e in an except
// clause), as str() shows it; {NAME!r} as repr() shows it. Write {{ and }}
// for literal braces.
type Template struct {
	parts []part
	// vars are the variable placeholders, in order; a part refers to one
	// by index.
	vars []Placeholder
}

// part is a piece of a template: literal text, {elapsed}, or a variable
// placeholder (v ≥ 0, an index in Template.vars).
type part struct {
	lit      string
	elapsed  bool
	decimals int
	v        int
}

// Placeholder is a variable placeholder of a template: {NAME}, written
// as str() shows the value, or {NAME!r}, as repr() does.
type Placeholder struct {
	// Name is the variable's name.
	Name string
	// Slot is the variable's slot in its coroutine's Vars once the
	// scenario is parsed; -1 before.
	Slot int
	// Repr says the placeholder is {NAME!r}.
	Repr bool
}

// Literal returns a template that prints s as it is.
func Literal(s string) Template { return Template{parts: []part{{lit: s, v: -1}}} }

// ParseTemplate parses the text of a print step. The error says which
// placeholder is wrong and what is valid; its offset is the byte where the
// problem starts.
func ParseTemplate(s string) (Template, int, error) {
	var t Template
	var lit strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '{' && i+1 < len(s) && s[i+1] == '{':
			lit.WriteByte('{')
			i++
		case c == '}' && i+1 < len(s) && s[i+1] == '}':
			lit.WriteByte('}')
			i++
		case c == '}':
			return t, i, fmt.Errorf("single '}' in text; write '}}' for a literal brace")
		case c == '{':
			end := strings.IndexByte(s[i:], '}')
			if end < 0 {
				return t, i, fmt.Errorf("'{' is not closed; write '{{' for a literal brace, or a placeholder like {elapsed}")
			}
			name := s[i+1 : i+end]
			p, v, err := parsePlaceholder(name)
			if err != nil {
				return t, i, err
			}
			if lit.Len() > 0 {
				t.parts = append(t.parts, part{lit: lit.String(), v: -1})
				lit.Reset()
			}
			if !p.elapsed {
				p.v = len(t.vars)
				t.vars = append(t.vars, v)
			}
			t.parts = append(t.parts, p)
			i += end
		default:
			lit.WriteByte(c)
		}
	}
	if lit.Len() > 0 {
		t.parts = append(t.parts, part{lit: lit.String(), v: -1})
	}
	return t, 0, nil
}

// parsePlaceholder reads the text between braces: {elapsed} or
// {elapsed:.Nf} (a part), or a variable (a Placeholder).
func parsePlaceholder(name string) (part, Placeholder, error) {
	field, spec, hasSpec := strings.Cut(name, ":")
	if field != "elapsed" {
		v, conv, isRepr := strings.Cut(field, "!")
		if !identRE.MatchString(v) || hasSpec || (isRepr && conv != "r") {
			hint := ""
			if s := nearest(field, []string{"elapsed"}); s != "" {
				hint = fmt.Sprintf("; did you mean {%s}?", s)
			}
			return part{}, Placeholder{}, fmt.Errorf("placeholder {%s} is not valid%s: write {elapsed}, {elapsed:.2f}, or a variable: {NAME} or {NAME!r}", name, hint)
		}
		return part{}, Placeholder{Name: v, Repr: isRepr, Slot: -1}, nil
	}
	p := part{elapsed: true, v: -1}
	if hasSpec {
		if len(spec) != 3 || spec[0] != '.' || spec[2] != 'f' || spec[1] < '0' || spec[1] > '9' {
			return part{}, Placeholder{}, fmt.Errorf("format {elapsed:%s} is not valid: write {elapsed:.Nf} with N from 0 to 9, e.g. {elapsed:.1f}", spec)
		}
		p.decimals = int(spec[1] - '0')
	}
	return p, Placeholder{}, nil
}

// Render returns the text with {elapsed} replaced by elapsed seconds.
// Variable placeholders render as "?": use a run to see their values.
func (t Template) Render(elapsed time.Duration) string { return t.Expand(elapsed, nil) }

// Expand returns the text with {elapsed} replaced by elapsed seconds and
// the i-th variable placeholder (see Placeholders) by vars[i], the
// variable's value as the placeholder shows it; a placeholder without one
// (vars too short) is "?".
func (t Template) Expand(elapsed time.Duration, vars []string) string {
	if len(t.parts) == 1 && !t.parts[0].elapsed && t.parts[0].v < 0 {
		return t.parts[0].lit
	}
	var b strings.Builder
	for _, p := range t.parts {
		switch {
		case p.elapsed:
			b.WriteString(strconv.FormatFloat(elapsed.Seconds(), 'f', p.decimals, 64))
		case p.v >= 0:
			if p.v < len(vars) {
				b.WriteString(vars[p.v])
			} else {
				b.WriteString("?")
			}
		default:
			b.WriteString(p.lit)
		}
	}
	return b.String()
}

// Placeholders returns the template's variable placeholders, in order
// (nil for none). The slice is the template's own: do not change it.
func (t Template) Placeholders() []Placeholder { return t.vars }

// UsesElapsed reports whether the template has an {elapsed} placeholder.
func (t Template) UsesElapsed() bool {
	for _, p := range t.parts {
		if p.elapsed {
			return true
		}
	}
	return false
}

// Python returns the template as the body of a Python string literal in
// double quotes (without the quotes or the f prefix) and whether it needs
// the f prefix. {elapsed} refers to a variable named elapsedVar.
func (t Template) Python(elapsedVar string) (body string, isF bool) {
	for _, p := range t.parts {
		isF = isF || p.elapsed || p.v >= 0
	}
	esc := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`, "\r", `\r`, "\t", `\t`)
	if isF {
		esc = strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`, "\r", `\r`, "\t", `\t`, "{", "{{", "}", "}}")
	}
	var b strings.Builder
	for _, p := range t.parts {
		if p.elapsed {
			fmt.Fprintf(&b, "{%s:.%df}", elapsedVar, p.decimals)
		} else if p.v >= 0 {
			v := t.vars[p.v]
			b.WriteString("{" + v.Name)
			if v.Repr {
				b.WriteString("!r")
			}
			b.WriteString("}")
		} else {
			esc.WriteString(&b, p.lit)
		}
	}
	return b.String(), isF
}
