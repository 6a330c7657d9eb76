package scenarios

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Template is the text of a print step: literal text with placeholders.
// The only placeholder is {elapsed}, the seconds since the run started,
// rounded to a whole number as Python's f"{elapsed:.0f}" does; {elapsed:.Nf}
// keeps N decimals (N from 0 to 9). Write {{ and }} for literal braces, as
// in a Python f-string.
type Template struct {
	parts []part
}

type part struct {
	lit      string
	elapsed  bool
	decimals int
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
		hint := ""
		if s := nearest(field, []string{"elapsed"}); s != "" {
			hint = fmt.Sprintf("; did you mean {%s}?", s)
		}
		return part{}, fmt.Errorf("unknown placeholder {%s}: the only placeholder is {elapsed} (seconds since the run started)%s", name, hint)
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
func (t Template) Render(elapsed time.Duration) string {
	if len(t.parts) == 1 && !t.parts[0].elapsed {
		return t.parts[0].lit
	}
	var b strings.Builder
	for _, p := range t.parts {
		if p.elapsed {
			b.WriteString(strconv.FormatFloat(elapsed.Seconds(), 'f', p.decimals, 64))
		} else {
			b.WriteString(p.lit)
		}
	}
	return b.String()
}

// Python returns the template as the body of a Python string literal in
// double quotes (without the quotes or the f prefix) and whether it needs
// the f prefix. {elapsed} refers to a variable named elapsedVar.
func (t Template) Python(elapsedVar string) (body string, isF bool) {
	for _, p := range t.parts {
		isF = isF || p.elapsed
	}
	esc := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`, "\r", `\r`, "\t", `\t`)
	if isF {
		esc = strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`, "\r", `\r`, "\t", `\t`, "{", "{{", "}", "}}")
	}
	var b strings.Builder
	for _, p := range t.parts {
		if p.elapsed {
			fmt.Fprintf(&b, "{%s:.%df}", elapsedVar, p.decimals)
		} else {
			esc.WriteString(&b, p.lit)
		}
	}
	return b.String(), isF
}
