package scenarios

import (
	"fmt"
	"slices"
	"strings"
)

// ParseExpr parses an expression: Python's syntax, for the part of it the
// language has (see Expr). At the top, a, b is a tuple and
// f(x) for x in xs a generator expression, as in a call's parentheses.
func ParseExpr(src string) (Expr, error) {
	p, err := newExprParser(src, 0)
	if err != nil {
		return nil, err
	}
	e, err := p.topExpr()
	if err != nil {
		return nil, err
	}
	if err := p.expectEOF(); err != nil {
		return nil, err
	}
	return e, nil
}

// ParseArgs parses src as the arguments of a call, the text between its
// parentheses: a, *b, f(x) for x in xs, name=value.
func ParseArgs(src string) ([]Expr, []Keyword, error) {
	p, err := newExprParser(src, 0)
	if err != nil {
		return nil, nil, err
	}
	args, kw, err := p.args(tEOF, "")
	if err != nil {
		return nil, nil, err
	}
	if err := p.expectEOF(); err != nil {
		return nil, nil, err
	}
	return args, kw, nil
}

type exprParser struct {
	src  string
	base int // offset of src in the text errors count from
	toks []etoken
	i    int
}

func newExprParser(src string, base int) (*exprParser, error) {
	toks, err := scan(src)
	if err != nil {
		if e, ok := err.(*ExprError); ok {
			e.Off += base
		}
		return nil, err
	}
	for i := range toks {
		toks[i].off += base
		toks[i].fOff += base
	}
	return &exprParser{src: src, base: base, toks: toks}, nil
}

func (p *exprParser) peek() etoken { return p.toks[p.i] }
func (p *exprParser) next() etoken {
	t := p.toks[p.i]
	if t.kind != tEOF {
		p.i++
	}
	return t
}

func (p *exprParser) isOp(op string) bool {
	t := p.peek()
	return t.kind == tOp && t.text == op
}

func (p *exprParser) isKw(w string) bool {
	t := p.peek()
	return t.kind == tName && t.text == w
}

func (p *exprParser) errAt(t etoken, format string, a ...any) error {
	return &ExprError{t.off, fmt.Sprintf(format, a...)}
}

func (p *exprParser) expect(op string) (etoken, error) {
	t := p.next()
	if t.kind != tOp || t.text != op {
		return t, p.errAt(t, "expected %q, found %s", op, describeTok(t))
	}
	return t, nil
}

func (p *exprParser) expectEOF() error {
	if t := p.peek(); t.kind != tEOF {
		return p.errAt(t, "unexpected %s after the expression", describeTok(t))
	}
	return nil
}

func describeTok(t etoken) string {
	switch t.kind {
	case tEOF:
		return "the end"
	case tName:
		return fmt.Sprintf("%q", t.text)
	case tOp:
		return fmt.Sprintf("%q", t.text)
	}
	return t.text
}

// topExpr is an expression list: a tuple when it has commas, or a
// generator expression without parentheses.
func (p *exprParser) topExpr() (Expr, error) {
	start := p.peek()
	e, err := p.itemExpr()
	if err != nil {
		return nil, err
	}
	if p.isKw("for") {
		return p.comprehension(e, start.off, true)
	}
	if !p.isOp(",") {
		if s, ok := e.(*Starred); ok {
			return nil, &ExprError{s.Off, "*x goes in a list, a tuple or a call's arguments"}
		}
		return e, nil
	}
	elts := []Expr{e}
	for p.isOp(",") {
		p.next()
		if p.peek().kind == tEOF {
			break
		}
		x, err := p.itemExpr()
		if err != nil {
			return nil, err
		}
		elts = append(elts, x)
	}
	return &TupleExpr{Off: start.off, Elts: elts}, nil
}

// itemExpr is an expression, or *x.
func (p *exprParser) itemExpr() (Expr, error) {
	if p.isOp("*") {
		t := p.next()
		x, err := p.orExpr()
		if err != nil {
			return nil, err
		}
		return &Starred{Off: t.off, X: x}, nil
	}
	return p.expr()
}

// expr is a conditional expression: X if C else Y.
func (p *exprParser) expr() (Expr, error) {
	if p.isKw("lambda") {
		return nil, p.errAt(p.peek(), "lambda is not part of the language")
	}
	if p.isKw("await") {
		return nil, p.errAt(p.peek(), "await is a step here: write {await: ...} with as: to keep its result")
	}
	x, err := p.orExpr()
	if err != nil {
		return nil, err
	}
	if !p.isKw("if") {
		return x, nil
	}
	t := p.next()
	cond, err := p.orExpr()
	if err != nil {
		return nil, err
	}
	if !p.isKw("else") {
		return nil, p.errAt(p.peek(), "a conditional expression needs else: X if C else Y")
	}
	p.next()
	y, err := p.expr()
	if err != nil {
		return nil, err
	}
	_ = t
	return &IfExp{Off: x.Offset(), Cond: cond, X: x, Else: y}, nil
}

func (p *exprParser) orExpr() (Expr, error)  { return p.boolOp("or", p.andExpr) }
func (p *exprParser) andExpr() (Expr, error) { return p.boolOp("and", p.notExpr) }

func (p *exprParser) boolOp(op string, sub func() (Expr, error)) (Expr, error) {
	x, err := sub()
	if err != nil {
		return nil, err
	}
	if !p.isKw(op) {
		return x, nil
	}
	b := &BoolOp{Off: x.Offset(), Op: op, Xs: []Expr{x}}
	for p.isKw(op) {
		p.next()
		y, err := sub()
		if err != nil {
			return nil, err
		}
		b.Xs = append(b.Xs, y)
	}
	return b, nil
}

func (p *exprParser) notExpr() (Expr, error) {
	if p.isKw("not") {
		t := p.next()
		x, err := p.notExpr()
		if err != nil {
			return nil, err
		}
		return &Unary{Off: t.off, Op: "not", X: x}, nil
	}
	return p.comparison()
}

var compareOps = []string{"==", "!=", "<", "<=", ">", ">="}

func (p *exprParser) compareOp() (string, bool) {
	t := p.peek()
	switch {
	case t.kind == tOp && slices.Contains(compareOps, t.text):
		p.next()
		return t.text, true
	case p.isKw("in"):
		p.next()
		return "in", true
	case p.isKw("is"):
		p.next()
		if p.isKw("not") {
			p.next()
			return "is not", true
		}
		return "is", true
	case p.isKw("not") && p.i+1 < len(p.toks) && p.toks[p.i+1].kind == tName && p.toks[p.i+1].text == "in":
		p.next()
		p.next()
		return "not in", true
	}
	return "", false
}

func (p *exprParser) comparison() (Expr, error) {
	x, err := p.arith()
	if err != nil {
		return nil, err
	}
	var c *Compare
	for {
		op, ok := p.compareOp()
		if !ok {
			break
		}
		y, err := p.arith()
		if err != nil {
			return nil, err
		}
		if c == nil {
			c = &Compare{Off: x.Offset(), Xs: []Expr{x}}
		}
		c.Ops = append(c.Ops, op)
		c.Xs = append(c.Xs, y)
	}
	if c == nil {
		return x, nil
	}
	return c, nil
}

func (p *exprParser) binary(ops []string, sub func() (Expr, error)) (Expr, error) {
	x, err := sub()
	if err != nil {
		return nil, err
	}
	for {
		t := p.peek()
		if t.kind != tOp || !slices.Contains(ops, t.text) {
			return x, nil
		}
		p.next()
		y, err := sub()
		if err != nil {
			return nil, err
		}
		x = &Binary{Off: x.Offset(), Op: t.text, X: x, Y: y}
	}
}

func (p *exprParser) arith() (Expr, error) { return p.binary([]string{"+", "-"}, p.term) }
func (p *exprParser) term() (Expr, error) {
	return p.binary([]string{"*", "/", "//", "%"}, p.factor)
}

func (p *exprParser) factor() (Expr, error) {
	if t := p.peek(); t.kind == tOp && (t.text == "-" || t.text == "+") {
		p.next()
		x, err := p.factor()
		if err != nil {
			return nil, err
		}
		return &Unary{Off: t.off, Op: t.text, X: x}, nil
	}
	return p.power()
}

func (p *exprParser) power() (Expr, error) {
	x, err := p.primary()
	if err != nil {
		return nil, err
	}
	if p.isOp("**") {
		p.next()
		y, err := p.factor()
		if err != nil {
			return nil, err
		}
		return &Binary{Off: x.Offset(), Op: "**", X: x, Y: y}, nil
	}
	return x, nil
}

func (p *exprParser) primary() (Expr, error) {
	x, err := p.atom()
	if err != nil {
		return nil, err
	}
	for {
		switch {
		case p.isOp("("):
			p.next()
			args, kw, err := p.args(tOp, ")")
			if err != nil {
				return nil, err
			}
			if _, err := p.expect(")"); err != nil {
				return nil, err
			}
			x = &CallExpr{Off: x.Offset(), Func: x, Args: args, Kw: kw}
		case p.isOp("["):
			t := p.next()
			i, err := p.expr()
			if err != nil {
				return nil, err
			}
			if p.isOp(":") {
				return nil, p.errAt(p.peek(), "slices (x[a:b]) are not part of the language; index one item, x[i]")
			}
			if _, err := p.expect("]"); err != nil {
				return nil, err
			}
			x = &Index{Off: t.off, X: x, I: i}
		case p.isOp("."):
			p.next()
			t := p.next()
			if t.kind != tName {
				return nil, p.errAt(t, "expected a name after '.', found %s", describeTok(t))
			}
			x = &Attr{Off: x.Offset(), X: x, Name: t.text}
		default:
			return x, nil
		}
	}
}

// args reads a call's arguments up to the closing etoken (not consumed).
func (p *exprParser) args(closeKind tokKind, closeOp string) ([]Expr, []Keyword, error) {
	var args []Expr
	var kw []Keyword
	closed := func() bool {
		t := p.peek()
		return t.kind == closeKind && (closeKind != tOp || t.text == closeOp)
	}
	for !closed() {
		t := p.peek()
		if t.kind == tName && !keywords[t.text] && p.i+1 < len(p.toks) && p.toks[p.i+1].kind == tOp && p.toks[p.i+1].text == "=" {
			p.next()
			p.next()
			x, err := p.expr()
			if err != nil {
				return nil, nil, err
			}
			for _, k := range kw {
				if k.Name == t.text {
					return nil, nil, p.errAt(t, "keyword argument %s is given twice", t.text)
				}
			}
			kw = append(kw, Keyword{Off: t.off, Name: t.text, X: x})
		} else {
			if len(kw) > 0 && !p.isOp("*") {
				return nil, nil, p.errAt(t, "a positional argument cannot follow keyword arguments")
			}
			x, err := p.itemExpr()
			if err != nil {
				return nil, nil, err
			}
			if p.isKw("for") {
				if _, ok := x.(*Starred); ok {
					return nil, nil, p.errAt(p.peek(), "write *(x for ...) with parentheses")
				}
				c, err := p.comprehension(x, x.Offset(), true)
				if err != nil {
					return nil, nil, err
				}
				if len(args) > 0 || len(kw) > 0 || !closed() && !(p.isOp(",") && p.i+1 < len(p.toks) && closedAt(p.toks[p.i+1], closeKind, closeOp)) {
					return nil, nil, &ExprError{x.Offset(), "a generator expression must be the only argument; put it in parentheses, *(x for ...)"}
				}
				x = c
			}
			args = append(args, x)
		}
		if !p.isOp(",") {
			break
		}
		p.next()
	}
	return args, kw, nil
}

func closedAt(t etoken, kind tokKind, op string) bool {
	return t.kind == kind && (kind != tOp || t.text == op)
}

// comprehension reads "for VARS in ITER [if COND]" after its element.
func (p *exprParser) comprehension(elt Expr, off int, gen bool) (Expr, error) {
	p.next() // for
	c := &Comp{Off: off, Elt: elt, Gen: gen}
	paren := false
	if p.isOp("(") {
		p.next()
		paren = true
	}
	for {
		t := p.next()
		if t.kind != tName || keywords[t.text] {
			return nil, p.errAt(t, "expected a variable name after for, found %s", describeTok(t))
		}
		c.Vars = append(c.Vars, &Name{Off: t.off, ID: t.text})
		if !p.isOp(",") {
			break
		}
		p.next()
	}
	if paren {
		if _, err := p.expect(")"); err != nil {
			return nil, err
		}
	}
	if !p.isKw("in") {
		return nil, p.errAt(p.peek(), "expected in after the comprehension's variables, found %s", describeTok(p.peek()))
	}
	p.next()
	iter, err := p.orExpr()
	if err != nil {
		return nil, err
	}
	c.Iter = iter
	if p.isKw("if") {
		p.next()
		cond, err := p.orExpr()
		if err != nil {
			return nil, err
		}
		c.Cond = cond
	}
	if p.isKw("for") {
		return nil, p.errAt(p.peek(), "a comprehension has one for here; nest a for step instead")
	}
	return c, nil
}

func (p *exprParser) atom() (Expr, error) {
	t := p.next()
	switch t.kind {
	case tName:
		switch t.text {
		case "None":
			return &Const{Off: t.off}, nil
		case "True":
			return &Const{Off: t.off, Value: true}, nil
		case "False":
			return &Const{Off: t.off, Value: false}, nil
		}
		if keywords[t.text] {
			return nil, p.errAt(t, "expected a value, found the keyword %q", t.text)
		}
		return &Name{Off: t.off, ID: t.text}, nil
	case tNumber:
		return &Const{Off: t.off, Value: t.val}, nil
	case tDuration:
		return &Const{Off: t.off, Value: t.val, Duration: true}, nil
	case tString, tFString:
		return p.strings(t)
	case tOp:
		switch t.text {
		case "(":
			if p.isOp(")") {
				p.next()
				return &TupleExpr{Off: t.off}, nil
			}
			x, err := p.itemExpr()
			if err != nil {
				return nil, err
			}
			if p.isKw("for") {
				c, err := p.comprehension(x, t.off, true)
				if err != nil {
					return nil, err
				}
				if _, err := p.expect(")"); err != nil {
					return nil, err
				}
				return c, nil
			}
			if p.isOp(")") {
				p.next()
				if _, ok := x.(*Starred); ok {
					return nil, p.errAt(t, "*x goes in a list, a tuple or a call's arguments")
				}
				return x, nil
			}
			tup := &TupleExpr{Off: t.off, Elts: []Expr{x}}
			for p.isOp(",") {
				p.next()
				if p.isOp(")") {
					break
				}
				y, err := p.itemExpr()
				if err != nil {
					return nil, err
				}
				tup.Elts = append(tup.Elts, y)
			}
			if _, err := p.expect(")"); err != nil {
				return nil, err
			}
			return tup, nil
		case "[":
			l := &ListExpr{Off: t.off}
			if p.isOp("]") {
				p.next()
				return l, nil
			}
			x, err := p.itemExpr()
			if err != nil {
				return nil, err
			}
			if p.isKw("for") {
				c, err := p.comprehension(x, t.off, false)
				if err != nil {
					return nil, err
				}
				if _, err := p.expect("]"); err != nil {
					return nil, err
				}
				return c, nil
			}
			l.Elts = append(l.Elts, x)
			for p.isOp(",") {
				p.next()
				if p.isOp("]") {
					break
				}
				y, err := p.itemExpr()
				if err != nil {
					return nil, err
				}
				l.Elts = append(l.Elts, y)
			}
			if _, err := p.expect("]"); err != nil {
				return nil, err
			}
			return l, nil
		case "{":
			return nil, p.errAt(t, "dicts and sets are not part of the language; use a list, [a, b]")
		}
	case tEOF:
		return nil, p.errAt(t, "an expression is missing")
	}
	return nil, p.errAt(t, "expected a value, found %s", describeTok(t))
}

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
