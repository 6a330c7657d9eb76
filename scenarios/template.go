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
}

type part struct {
	lit      string
	elapsed  bool
	decimals int
	// name is a variable placeholder's name; slot its resolved slot.
	name string
	slot int
	repr bool
	// off is the placeholder's byte offset in the text.
	off int
}

// Literal returns a template that prints s as it is.
func Literal(s string) Template { return Template{parts: []part{{lit: s}}} }

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
			p, err := parsePlaceholder(name)
			if err != nil {
				return t, i, err
			}
			p.off = i
			if lit.Len() > 0 {
				t.parts = append(t.parts, part{lit: lit.String()})
				lit.Reset()
			}
			t.parts = append(t.parts, p)
			i += end
		default:
			lit.WriteByte(c)
		}
	}
	if lit.Len() > 0 {
		t.parts = append(t.parts, part{lit: lit.String()})
	}
	return t, 0, nil
}

func parsePlaceholder(name string) (part, error) {
	field, spec, hasSpec := strings.Cut(name, ":")
	if field != "elapsed" {
		v, conv, isRepr := strings.Cut(field, "!")
		if !identRE.MatchString(v) || hasSpec || (isRepr && conv != "r") {
			hint := ""
			if s := nearest(field, []string{"elapsed"}); s != "" {
				hint = fmt.Sprintf("; did you mean {%s}?", s)
			}
			return part{}, fmt.Errorf("placeholder {%s} is not valid%s: write {elapsed}, {elapsed:.2f}, or a variable: {NAME} or {NAME!r}", name, hint)
		}
		return part{name: v, repr: isRepr, slot: -1}, nil
	}
	p := part{elapsed: true}
	if hasSpec {
		if len(spec) != 3 || spec[0] != '.' || spec[2] != 'f' || spec[1] < '0' || spec[1] > '9' {
			return part{}, fmt.Errorf("format {elapsed:%s} is not valid: write {elapsed:.Nf} with N from 0 to 9, e.g. {elapsed:.1f}", spec)
		}
		p.decimals = int(spec[1] - '0')
	}
	return p, nil
}

// Render returns the text with {elapsed} replaced by elapsed seconds.
// Variable placeholders render as "?": use a run to see their values.
func (t Template) Render(elapsed time.Duration) string { return t.render(elapsed, nil) }

// render fills the placeholders: {elapsed} from elapsed, variables from
// vars by slot (the runner checks they are bound first).
func (t Template) render(elapsed time.Duration, vars []value) string {
	if len(t.parts) == 1 && !t.parts[0].elapsed && t.parts[0].name == "" {
		return t.parts[0].lit
	}
	var b strings.Builder
	for _, p := range t.parts {
		switch {
		case p.elapsed:
			b.WriteString(strconv.FormatFloat(elapsed.Seconds(), 'f', p.decimals, 64))
		case p.name != "":
			if p.slot < 0 || p.slot >= len(vars) {
				b.WriteString("?")
			} else if p.repr {
				b.WriteString(repr(vars[p.slot]))
			} else {
				b.WriteString(str(vars[p.slot]))
			}
		default:
			b.WriteString(p.lit)
		}
	}
	return b.String()
}

// vars returns the template's variable placeholders, for resolving.
func (t Template) vars() []*part {
	var ps []*part
	for i := range t.parts {
		if t.parts[i].name != "" {
			ps = append(ps, &t.parts[i])
		}
	}
	return ps
}

// usesElapsed reports whether the template has an {elapsed} placeholder.
func (t Template) usesElapsed() bool {
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
		isF = isF || p.elapsed || p.name != ""
	}
	esc := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`, "\r", `\r`, "\t", `\t`)
	if isF {
		esc = strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`, "\r", `\r`, "\t", `\t`, "{", "{{", "}", "}}")
	}
	var b strings.Builder
	for _, p := range t.parts {
		if p.elapsed {
			fmt.Fprintf(&b, "{%s:.%df}", elapsedVar, p.decimals)
		} else if p.name != "" {
			b.WriteString("{" + p.name)
			if p.repr {
				b.WriteString("!r")
			}
			b.WriteString("}")
		} else {
			esc.WriteString(&b, p.lit)
		}
	}
	return b.String(), isF
}
