package scenarios

import "strings"

// The f-strings of expressions and the text with placeholders of steps
// (see Template).

// strings reads adjacent string literals, which Python joins ('a' 'b' is
// 'ab'); f-strings among them make the whole an f-string.
func (p *exprParser) strings(first etoken) (Expr, error) {
	toks := []etoken{first}
	for k := p.peek().kind; k == tString || k == tFString; k = p.peek().kind {
		toks = append(toks, p.next())
	}
	fs := &FString{Off: first.off}
	isF := false
	for _, t := range toks {
		if t.kind == tString {
			fs.Parts = appendLit(fs.Parts, t.val.(string))
			continue
		}
		isF = true
		parts, err := parseFParts(t.val.(string), t.fOff, !t.raw)
		if err != nil {
			return nil, err
		}
		for _, part := range parts {
			if part.X == nil {
				fs.Parts = appendLit(fs.Parts, part.Lit)
			} else {
				fs.Parts = append(fs.Parts, part)
			}
		}
	}
	if !isF {
		s := ""
		if len(fs.Parts) > 0 {
			s = fs.Parts[0].Lit
		}
		return &Const{Off: first.off, Value: s}, nil
	}
	return fs, nil
}

func appendLit(parts []FPart, s string) []FPart {
	if n := len(parts); n > 0 && parts[n-1].X == nil {
		parts[n-1].Lit += s
		return parts
	}
	if s == "" && len(parts) > 0 {
		return parts
	}
	return append(parts, FPart{Lit: s})
}

// ParseTemplateText parses text with placeholders — the text of a print
// step, or quoted text where a value is expected — as the value of an
// f-string: the text is taken as it is (no backslash escapes), {{ and }}
// are braces, and each {EXPR!CONV:SPEC} a placeholder.
func ParseTemplateText(text string) (*FString, error) {
	parts, err := parseFParts(text, 0, false)
	if err != nil {
		return nil, err
	}
	return &FString{Parts: parts}, nil
}

// parseFParts splits an f-string's body (at offset off) into literal
// parts and placeholders; escapes says the body is source text whose
// backslash escapes are read (an f-string literal, not raw).
func parseFParts(body string, off int, escapes bool) ([]FPart, error) {
	var parts []FPart
	var lit strings.Builder
	litStart := 0
	flush := func() error {
		if lit.Len() == 0 {
			return nil
		}
		s := lit.String()
		if escapes {
			var err error
			if s, err = unescape(s, off+litStart); err != nil {
				return err
			}
		}
		parts = appendLit(parts, s)
		lit.Reset()
		return nil
	}
	for i := 0; i < len(body); i++ {
		c := body[i]
		switch {
		case c == '{' && i+1 < len(body) && body[i+1] == '{':
			lit.WriteByte('{')
			i++
		case c == '}' && i+1 < len(body) && body[i+1] == '}':
			lit.WriteByte('}')
			i++
		case c == '}':
			return nil, &ExprError{off + i, "single '}' in text; write '}}' for a literal brace"}
		case c == '{':
			if err := flush(); err != nil {
				return nil, err
			}
			part, end, err := parsePlaceholderAt(body, i, off)
			if err != nil {
				return nil, err
			}
			parts = append(parts, part)
			i = end
			litStart = end + 1
		default:
			if lit.Len() == 0 {
				litStart = i
			}
			lit.WriteByte(c)
		}
	}
	if err := flush(); err != nil {
		return nil, err
	}
	return parts, nil
}

// parsePlaceholderAt reads the placeholder whose '{' is at body[i]; end is
// the index of its '}'.
func parsePlaceholderAt(body string, i, off int) (FPart, int, error) {
	part := FPart{Off: off + i}
	// Find where the expression ends: at depth 0, a '}', a '!' not
	// followed by '=', or a ':'.
	depth := 0
	j := i + 1
	var quote byte
	exprEnd := -1
	for ; j < len(body); j++ {
		c := body[j]
		if quote != 0 {
			if c == '\\' {
				j++
			} else if c == quote {
				quote = 0
			}
			continue
		}
		switch c {
		case '\'', '"':
			quote = c
		case '(', '[', '{':
			depth++
		case ')', ']':
			depth--
		case '}':
			if depth > 0 {
				depth--
				continue
			}
		}
		if depth == 0 && (c == '}' || c == ':' || c == '!' && !(j+1 < len(body) && body[j+1] == '=')) {
			exprEnd = j
			break
		}
	}
	if exprEnd < 0 {
		return part, 0, &ExprError{off + i, "'{' is not closed; write '{{' for a literal brace, or a placeholder like {elapsed}"}
	}
	src := body[i+1 : exprEnd]
	if strings.TrimSpace(src) == "" {
		return part, 0, &ExprError{off + i, "empty placeholder {}: write a name or an expression in it, e.g. {elapsed}, or '{{}}' for braces"}
	}
	if strings.HasSuffix(strings.TrimRight(src, " "), "=") && !strings.HasSuffix(strings.TrimRight(src, " "), "==") {
		return part, 0, &ExprError{off + i, "the {x=} form is not supported; write x={x!r}"}
	}
	p, err := newExprParser(src, off+i+1)
	if err != nil {
		return part, 0, err
	}
	x, err := p.topExpr()
	if err != nil {
		return part, 0, err
	}
	if err := p.expectEOF(); err != nil {
		return part, 0, err
	}
	part.X = x
	j = exprEnd
	if body[j] == '!' {
		if j+1 >= len(body) || !strings.ContainsRune("rsa", rune(body[j+1])) {
			return part, 0, &ExprError{off + j, "a conversion is !r or !s, e.g. {x!r}"}
		}
		if body[j+1] == 'a' {
			return part, 0, &ExprError{off + j, "!a is not supported; write !r"}
		}
		part.Conv = body[j+1]
		j += 2
		if j >= len(body) || body[j] != '}' && body[j] != ':' {
			return part, 0, &ExprError{off + j, "expected '}' or ':' after the conversion"}
		}
	}
	if body[j] == ':' {
		k := strings.IndexAny(body[j+1:], "{}")
		if k < 0 {
			return part, 0, &ExprError{off + i, "'{' is not closed"}
		}
		if body[j+1+k] == '{' {
			return part, 0, &ExprError{off + j + 1 + k, "nested placeholders in a format spec are not supported"}
		}
		part.Spec, part.HasSpec = body[j+1:j+1+k], true
		j = j + 1 + k
	}
	if n, ok := x.(*Name); ok && n.ID == "elapsed" && part.Conv == 0 && !part.HasSpec {
		// {elapsed} prints whole seconds, as {elapsed:.0f}.
		part.Spec, part.HasSpec = ".0f", true
	}
	return part, j, nil
}
