package scenarios

import "strings"

// Template is text with placeholders, as the value of a Python f-string:
// the text of a print step, quoted text where a value is expected, a raise
// step's message. {EXPR} is an expression's value as str() shows it,
// {EXPR!r} as repr() does, {EXPR:SPEC} formatted with a format spec;
// {elapsed} alone is the seconds since the run started, rounded to a whole
// number as Python's f"{elapsed:.0f}" does (it is read as {elapsed:.0f}).
// Write {{ and }} for literal braces.
type Template = FString

// Literal returns a template that prints s as it is.
func Literal(s string) Template { return Template{Parts: []FPart{{Lit: s}}} }

// ParseTemplate parses text with placeholders (see Template). The error
// says which placeholder is wrong and what is valid; its offset is the
// byte where the problem starts.
func ParseTemplate(s string) (Template, int, error) {
	parts, err := parseFParts(s, 0, false)
	if err != nil {
		off := 0
		if e, ok := err.(*ExprError); ok {
			off = e.Off
		}
		return Template{}, off, err
	}
	return Template{Parts: parts}, 0, nil
}

// Plain returns the text of a template without placeholders, and whether
// it has none.
func (t *FString) Plain() (string, bool) {
	n := 0
	for _, p := range t.Parts {
		if p.X != nil {
			return "", false
		}
		n += len(p.Lit)
	}
	if len(t.Parts) == 1 {
		return t.Parts[0].Lit, true // most print texts: no copy made
	}
	var b strings.Builder
	b.Grow(n)
	for _, p := range t.Parts {
		b.WriteString(p.Lit)
	}
	return b.String(), true
}
