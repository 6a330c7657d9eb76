package python

import (
	"math/big"
	"strings"

	"github.com/asyncgantt/asyncgantt/scenarios"
)

// exprWriter writes expressions as Python 3.11 source, with as few
// parentheses as Python's precedence needs.
type exprWriter struct {
	// Name returns the Python text of a name (a renamed variable, a task's
	// function, elapsed's computation); nil writes names as they are.
	Name func(n *scenarios.Name) string
}

// Python precedences, lowest first.
const (
	precTuple = iota
	precIf
	precOr
	precAnd
	precNot
	precCompare
	precArith
	precTerm
	precUnary
	precPower
	precPrimary
	precAtom
)

func binaryPrec(op string) int {
	switch op {
	case "+", "-":
		return precArith
	case "**":
		return precPower
	}
	return precTerm
}

// Expr returns e as Python source.
func (w *exprWriter) Expr(e scenarios.Expr) string { return w.expr(e, precTuple) }

// arg writes e as a call's argument or an item of a list.
func (w *exprWriter) arg(e scenarios.Expr) string { return w.expr(e, precIf) }

func paren(s string, prec, min int) string {
	if prec < min {
		return "(" + s + ")"
	}
	return s
}

func (w *exprWriter) exprs(xs []scenarios.Expr) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = w.expr(x, precIf)
	}
	return out
}

func (w *exprWriter) expr(e scenarios.Expr, min int) string {
	switch e := e.(type) {
	case *scenarios.Const:
		s := scenarios.Repr(e.Value)
		switch e.Value.(type) {
		case int64, *big.Int, float64:
			// 1.real is read as a float, -1.real as -(1.real)
			if min >= precPrimary && (strings.HasPrefix(s, "-") || !strings.ContainsAny(s, ".e")) {
				s = "(" + s + ")"
			}
		}
		return s
	case *scenarios.Name:
		if w.Name != nil {
			return w.Name(e)
		}
		return e.ID
	case *scenarios.FString:
		return w.fstring(e)
	case *scenarios.ListExpr:
		return "[" + strings.Join(w.exprs(e.Elts), ", ") + "]"
	case *scenarios.TupleExpr:
		parts := w.exprs(e.Elts)
		s := strings.Join(parts, ", ")
		if len(parts) == 1 {
			s += ","
		}
		if len(parts) == 0 {
			return "()"
		}
		return paren(s, precTuple, min+1)
	case *scenarios.DictExpr:
		parts := make([]string, len(e.Keys))
		for i := range e.Keys {
			parts[i] = w.expr(e.Keys[i], precIf) + ": " + w.expr(e.Vals[i], precIf)
		}
		return "{" + strings.Join(parts, ", ") + "}"
	case *scenarios.Comp:
		return w.comp(e)
	case *scenarios.Starred:
		return "*" + w.expr(e.X, precOr)
	case *scenarios.CallExpr:
		return w.call(e)
	case *scenarios.Attr:
		return w.expr(e.X, precPrimary) + "." + e.Name
	case *scenarios.Index:
		return w.expr(e.X, precPrimary) + "[" + w.expr(e.I, precIf) + "]"
	case *scenarios.Slice:
		return w.slice(e)
	case *scenarios.Unary:
		if e.Op == "not" {
			return paren("not "+w.expr(e.X, precNot), precNot, min)
		}
		return paren(e.Op+w.expr(e.X, precUnary), precUnary, min)
	case *scenarios.Binary:
		p := binaryPrec(e.Op)
		if e.Op == "**" {
			return paren(w.expr(e.X, precPrimary)+" ** "+w.expr(e.Y, precUnary), p, min)
		}
		return paren(w.expr(e.X, p)+" "+e.Op+" "+w.expr(e.Y, p+1), p, min)
	case *scenarios.Compare:
		var b strings.Builder
		b.WriteString(w.expr(e.Xs[0], precArith))
		for i, op := range e.Ops {
			b.WriteString(" " + op + " ")
			b.WriteString(w.expr(e.Xs[i+1], precArith))
		}
		return paren(b.String(), precCompare, min)
	case *scenarios.BoolOp:
		p := precOr
		if e.Op == "and" {
			p = precAnd
		}
		parts := make([]string, len(e.Xs))
		for i, x := range e.Xs {
			parts[i] = w.expr(x, p+1)
		}
		return paren(strings.Join(parts, " "+e.Op+" "), p, min)
	case *scenarios.IfExp:
		return paren(w.expr(e.X, precOr)+" if "+w.expr(e.Cond, precOr)+" else "+w.expr(e.Else, precIf), precIf, min)
	}
	panic("python: exprWriter of an unknown expression")
}

// comp writes a comprehension: a list, dict or generator.
func (w *exprWriter) comp(e *scenarios.Comp) string {
	s := w.expr(e.Elt, precIf) + " for "
	if e.Key != nil {
		s = w.expr(e.Key, precIf) + ": " + s
	}
	vars := make([]string, len(e.Vars))
	for i, v := range e.Vars {
		vars[i] = w.expr(v, precAtom)
	}
	s += strings.Join(vars, ", ") + " in " + w.expr(e.Iter, precOr)
	if e.Cond != nil {
		s += " if " + w.expr(e.Cond, precOr)
	}
	switch {
	case e.Gen:
		return "(" + s + ")"
	case e.Key != nil:
		return "{" + s + "}"
	}
	return "[" + s + "]"
}

// call writes a call; a generator that is its only argument loses its
// parentheses, as Python writes sum(x for x in xs).
func (w *exprWriter) call(e *scenarios.CallExpr) string {
	args := make([]string, 0, len(e.Args)+len(e.Kw))
	for _, a := range e.Args {
		if c, ok := a.(*scenarios.Comp); ok && c.Gen && len(e.Args) == 1 && len(e.Kw) == 0 {
			s := w.expr(c, precAtom)
			args = append(args, s[1:len(s)-1])
			continue
		}
		args = append(args, w.expr(a, precIf))
	}
	for _, k := range e.Kw {
		args = append(args, k.Name+"="+w.expr(k.X, precIf))
	}
	return w.expr(e.Func, precPrimary) + "(" + strings.Join(args, ", ") + ")"
}

// slice writes the inside of a subscript's slice, lo:hi:step.
func (w *exprWriter) slice(e *scenarios.Slice) string {
	part := func(x scenarios.Expr) string {
		if x == nil {
			return ""
		}
		return w.expr(x, precIf)
	}
	s := part(e.Lo) + ":" + part(e.Hi)
	if e.Step != nil {
		s += ":" + part(e.Step)
	}
	return s
}

// fstring writes an f-string: f"..." with the placeholders' expressions
// inside. Python 3.11 allows neither a backslash nor the f-string's own
// quote in a placeholder's expression: such an f-string is written as the
// concatenation of its parts.
func (w *exprWriter) fstring(e *scenarios.FString) string {
	exprs := make([]string, len(e.Parts))
	for i, p := range e.Parts {
		if p.X == nil {
			continue
		}
		s := w.expr(p.X, precIf)
		if strings.HasPrefix(s, "{") {
			s = " " + s // {{ would be a literal brace
		}
		if strings.ContainsAny(s, `"\`) || strings.ContainsAny(p.Spec, `"\{}`) || !printableASCII(p.Spec) {
			return w.fconcat(e)
		}
		exprs[i] = s
	}
	var b strings.Builder
	b.WriteString(`f"`)
	for i, p := range e.Parts {
		if p.X == nil {
			b.WriteString(scenarios.PythonTextBody(p.Lit, true))
			continue
		}
		b.WriteString("{" + exprs[i])
		if p.Conv != 0 {
			b.WriteString("!" + string(p.Conv))
		}
		if p.HasSpec {
			b.WriteString(":" + p.Spec)
		}
		b.WriteString("}")
	}
	b.WriteString(`"`)
	return b.String()
}

func printableASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] >= 0x7f {
			return false
		}
	}
	return true
}

// fconcat writes an f-string as the sum of its parts: 'lit' +
// format(x, 'spec') + repr(y).
func (w *exprWriter) fconcat(e *scenarios.FString) string {
	var parts []string
	for _, p := range e.Parts {
		if p.X == nil {
			parts = append(parts, scenarios.StringRepr(p.Lit))
			continue
		}
		x := w.expr(p.X, precIf)
		switch p.Conv {
		case 'r':
			x = "repr(" + x + ")"
		case 's':
			x = "str(" + x + ")"
		}
		if p.HasSpec {
			parts = append(parts, "format("+x+", "+scenarios.StringRepr(p.Spec)+")")
		} else if p.Conv != 0 {
			parts = append(parts, x)
		} else {
			parts = append(parts, "format("+x+")")
		}
	}
	if len(parts) == 1 && !strings.HasPrefix(parts[0], "'") && !strings.HasPrefix(parts[0], `"`) {
		return parts[0]
	}
	return "(" + strings.Join(parts, " + ") + ")"
}
