package scenarios

import (
	"fmt"
	"slices"
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
		c, err := p.comprehension(e, start.off, true)
		if err != nil {
			return nil, err
		}
		c.(*Comp).Bare = true
		return c, nil
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
			i, err := p.subscript(t.off)
			if err != nil {
				return nil, err
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
			return p.parenthesized(t)
		case "[":
			return p.listDisplay(t)
		case "{":
			return p.dictDisplay(t)
		}
	case tEOF:
		return nil, p.errAt(t, "an expression is missing")
	}
	return nil, p.errAt(t, "expected a value, found %s", describeTok(t))
}

// parenthesized reads what follows '(': (), (x), a tuple, or a generator
// expression.
func (p *exprParser) parenthesized(t etoken) (Expr, error) {
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
}

// listDisplay reads what follows '[': a list, or a list comprehension.
func (p *exprParser) listDisplay(t etoken) (Expr, error) {
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
}

// subscript reads what is between x[ and ]: an index, or a slice
// lo:hi:step whose parts may each be left out.
func (p *exprParser) subscript(off int) (Expr, error) {
	var lo Expr
	if !p.isOp(":") {
		var err error
		if lo, err = p.expr(); err != nil {
			return nil, err
		}
		if !p.isOp(":") {
			return lo, nil
		}
	}
	sl := &Slice{Off: off, Lo: lo}
	p.next()
	part := func() (Expr, error) {
		if p.isOp(":") || p.isOp("]") {
			return nil, nil
		}
		return p.expr()
	}
	var err error
	if sl.Hi, err = part(); err != nil {
		return nil, err
	}
	if p.isOp(":") {
		p.next()
		if sl.Step, err = part(); err != nil {
			return nil, err
		}
	}
	return sl, nil
}

// dictDisplay reads what follows '{': {}, {k: v, ...}, or a dict
// comprehension {k: v for ...}. Sets are not part of the language.
func (p *exprParser) dictDisplay(t etoken) (Expr, error) {
	d := &DictExpr{Off: t.off}
	for !p.isOp("}") {
		k, err := p.expr()
		if err != nil {
			return nil, err
		}
		if !p.isOp(":") {
			return nil, p.errAt(p.peek(), "sets are not part of the language; use a list, [a, b], or a dict, {k: v}")
		}
		p.next()
		v, err := p.expr()
		if err != nil {
			return nil, err
		}
		if len(d.Keys) == 0 && p.isKw("for") {
			c, err := p.comprehension(v, t.off, false)
			if err != nil {
				return nil, err
			}
			c.(*Comp).Key = k
			if _, err := p.expect("}"); err != nil {
				return nil, err
			}
			return c, nil
		}
		d.Keys, d.Vals = append(d.Keys, k), append(d.Vals, v)
		if !p.isOp(",") {
			break
		}
		p.next()
	}
	if _, err := p.expect("}"); err != nil {
		return nil, err
	}
	return d, nil
}
