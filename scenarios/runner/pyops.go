package runner

import (
	"math"
	"math/big"
	"strings"
)

// maxSequence is the longest text or list an operation may make: "ab" *
// 10**12 would take all the memory.
const maxSequence = 10_000_000

// binaryOp is X op Y for + - * / // % **, as Python computes it.
func binaryOp(op string, x, y any) (any, *pyExc) {
	a, aok := asNum(x)
	b, bok := asNum(y)
	if aok && bok {
		return numOp(op, a, b)
	}
	switch op {
	case "+":
		switch x := x.(type) {
		case string:
			if y, ok := y.(string); ok {
				if len(x)+len(y) > maxSequence {
					return nil, tooLong()
				}
				return x + y, nil
			}
			return nil, typeError("can only concatenate str (not %q) to str", typeName(y))
		case *pyList:
			if y, ok := y.(*pyList); ok {
				if len(x.items)+len(y.items) > maxSequence {
					return nil, tooLong()
				}
				return newList(append(append(make([]any, 0, len(x.items)+len(y.items)), x.items...), y.items...)), nil
			}
			return nil, typeError("can only concatenate list (not %q) to list", typeName(y))
		case tuple:
			if y, ok := y.(tuple); ok {
				if len(x)+len(y) > maxSequence {
					return nil, tooLong()
				}
				return append(append(make(tuple, 0, len(x)+len(y)), x...), y...), nil
			}
			return nil, typeError("can only concatenate tuple (not %q) to tuple", typeName(y))
		}
	case "*":
		if isSeq(x) && bok && !b.isFloat {
			return repeatSeq(x, b)
		}
		if isSeq(y) && aok && !a.isFloat {
			return repeatSeq(y, a)
		}
		if isSeq(x) {
			return nil, typeError("can't multiply sequence by non-int of type '%s'", typeName(y))
		}
		if isSeq(y) {
			return nil, typeError("can't multiply sequence by non-int of type '%s'", typeName(x))
		}
	case "%":
		if _, ok := x.(string); ok {
			return nil, fatal("text %% values is Python's old string formatting, which asyncgantt does not have: write an f-string, \"{x}\"")
		}
	}
	pop := op
	if op == "**" {
		pop = "** or pow()"
	}
	return nil, typeError("unsupported operand type(s) for %s: '%s' and '%s'", pop, typeName(x), typeName(y))
}

func tooLong() *pyExc {
	return fatal("the text or list would be over %d items long, more than asyncgantt makes", maxSequence)
}

func isSeq(v any) bool {
	switch v.(type) {
	case string, *pyList, tuple:
		return true
	}
	return false
}

func repeatSeq(s any, n num) (any, *pyExc) {
	if n.b != nil {
		if n.b.Sign() < 0 {
			n = num{}
		} else {
			return nil, tooLong()
		}
	}
	k := max(n.i, 0)
	switch s := s.(type) {
	case string:
		if int64(len(s))*k > maxSequence {
			return nil, tooLong()
		}
		return strings.Repeat(s, int(k)), nil
	case *pyList:
		if int64(len(s.items))*k > maxSequence {
			return nil, tooLong()
		}
		out := make([]any, 0, int64(len(s.items))*k)
		for range k {
			out = append(out, s.items...)
		}
		return newList(out), nil
	case tuple:
		if int64(len(s))*k > maxSequence {
			return nil, tooLong()
		}
		out := make(tuple, 0, int64(len(s))*k)
		for range k {
			out = append(out, s...)
		}
		return out, nil
	}
	return nil, nil
}

// numOp computes a numeric operation.
func numOp(op string, a, b num) (any, *pyExc) {
	if op == "/" || a.isFloat || b.isFloat {
		if op == "**" && !a.isFloat && !b.isFloat {
			return intPow(a, b)
		}
		x, e := a.float()
		if e != nil {
			return nil, e
		}
		y, e := b.float()
		if e != nil {
			return nil, e
		}
		return floatOp(op, x, y)
	}
	if a.b == nil && b.b == nil {
		x, y := a.i, b.i
		switch op {
		case "+":
			if s := x + y; (s > x) == (y > 0) {
				return s, nil
			}
		case "-":
			if s := x - y; (s < x) == (y > 0) {
				return s, nil
			}
		case "*":
			if x == 0 || y == 0 {
				return int64(0), nil
			}
			if p := x * y; p/y == x && !(x == -1 && y == math.MinInt64) && !(y == -1 && x == math.MinInt64) {
				return p, nil
			}
		case "//", "%":
			if y == 0 {
				if op == "%" {
					return nil, newExc("ZeroDivisionError", "integer modulo by zero")
				}
				return nil, newExc("ZeroDivisionError", "integer division or modulo by zero")
			}
			if !(x == math.MinInt64 && y == -1) {
				q, r := x/y, x%y
				if r != 0 && (r < 0) != (y < 0) {
					q--
					r += y
				}
				if op == "//" {
					return q, nil
				}
				return r, nil
			}
		case "**":
			return intPow(a, b)
		}
	}
	x, y := a.big(), b.big()
	r := new(big.Int)
	switch op {
	case "+":
		r.Add(x, y)
	case "-":
		r.Sub(x, y)
	case "*":
		if x.BitLen()+y.BitLen() > maxIntBits {
			return nil, tooBig()
		}
		r.Mul(x, y)
	case "//", "%":
		if y.Sign() == 0 {
			if op == "%" {
				return nil, newExc("ZeroDivisionError", "integer modulo by zero")
			}
			return nil, newExc("ZeroDivisionError", "integer division or modulo by zero")
		}
		q, m := new(big.Int), new(big.Int)
		q.QuoRem(x, y, m)
		if m.Sign() != 0 && (m.Sign() < 0) != (y.Sign() < 0) {
			q.Sub(q, big.NewInt(1))
			m.Add(m, y)
		}
		if op == "//" {
			r = q
		} else {
			r = m
		}
	}
	return intValue(r), nil
}

// maxIntBits bounds the integers a run makes: 2**100000 is fine,
// 2**10**9 would take minutes and gigabytes.
const maxIntBits = 1 << 20

func tooBig() *pyExc {
	return fatal("the integer would be over %d bits long, more than asyncgantt computes", maxIntBits)
}

func intPow(a, b num) (any, *pyExc) {
	x, y := a.big(), b.big()
	if y.Sign() < 0 {
		if x.Sign() == 0 {
			return nil, newExc("ZeroDivisionError", "0.0 cannot be raised to a negative power")
		}
		fx, e := a.float()
		if e != nil {
			return nil, e
		}
		fy, e := b.float()
		if e != nil {
			return nil, e
		}
		return floatOp("**", fx, fy)
	}
	if x.BitLen() > 1 && (!y.IsInt64() || y.Int64()*int64(x.BitLen()) > maxIntBits) {
		return nil, tooBig()
	}
	return intValue(new(big.Int).Exp(x, y, nil)), nil
}

func floatOp(op string, x, y float64) (any, *pyExc) {
	switch op {
	case "+":
		return x + y, nil
	case "-":
		return x - y, nil
	case "*":
		return x * y, nil
	case "/":
		if y == 0 {
			return nil, newExc("ZeroDivisionError", "float division by zero")
		}
		return x / y, nil
	case "//", "%":
		if y == 0 {
			if op == "%" {
				return nil, newExc("ZeroDivisionError", "float modulo")
			}
			return nil, newExc("ZeroDivisionError", "float floor division by zero")
		}
		q, m := floatDivmod(x, y)
		if op == "//" {
			return q, nil
		}
		return m, nil
	case "**":
		if x == 0 && y < 0 {
			return nil, newExc("ZeroDivisionError", "0.0 cannot be raised to a negative power")
		}
		if x < 0 && y != math.Trunc(y) {
			return nil, fatal("(%s) ** %s is a complex number, which asyncgantt does not have", repr(x), repr(y))
		}
		r := math.Pow(x, y)
		if math.IsInf(r, 0) && !math.IsInf(x, 0) && !math.IsInf(y, 0) {
			return nil, newExc("OverflowError", "(34, 'Numerical result out of range')")
		}
		return r, nil
	}
	return nil, nil
}

// floatDivmod is Python's float divmod (Objects/floatobject.c).
func floatDivmod(vx, wx float64) (float64, float64) {
	mod := math.Mod(vx, wx)
	div := (vx - mod) / wx
	if mod != 0 {
		if (wx < 0) != (mod < 0) {
			mod += wx
			div -= 1.0
		}
	} else {
		mod = math.Copysign(0, wx)
	}
	var floordiv float64
	if div != 0 {
		floordiv = math.Floor(div)
		if div-floordiv > 0.5 {
			floordiv += 1.0
		}
	} else {
		floordiv = math.Copysign(0, vx/wx)
	}
	return floordiv, mod
}

// unaryOp is -X, +X or not X.
func unaryOp(op string, x any) (any, *pyExc) {
	if op == "not" {
		return !truth(x), nil
	}
	n, ok := asNum(x)
	if !ok {
		return nil, typeError("bad operand type for unary %s: '%s'", op, typeName(x))
	}
	if op == "+" {
		if n.isFloat {
			return n.f, nil
		}
		return intValue(n.big()), nil
	}
	if n.isFloat {
		return -n.f, nil
	}
	if n.b == nil && n.i != math.MinInt64 {
		return -n.i, nil
	}
	return intValue(new(big.Int).Neg(n.big())), nil
}

// equal is Python's x == y for the values of a run.
func equal(x, y any) bool {
	a, aok := asNum(x)
	b, bok := asNum(y)
	if aok && bok {
		return numCmp(a, b) == 0
	}
	switch x := x.(type) {
	case nil:
		return y == nil
	case string:
		y, ok := y.(string)
		return ok && x == y
	case *pyList:
		y, ok := y.(*pyList)
		return ok && (x == y || seqEqual(x.items, y.items))
	case *pyDict:
		y, ok := y.(*pyDict)
		return ok && dictEqual(x, y)
	case tuple:
		y, ok := y.(tuple)
		return ok && seqEqual(x, y)
	case pyRange:
		y, ok := y.(pyRange)
		if !ok || x.len() != y.len() {
			return false
		}
		return x.len() == 0 || x.start == y.start && (x.len() == 1 || x.step == y.step)
	}
	return x == y
}

func seqEqual(x, y []any) bool {
	if len(x) != len(y) {
		return false
	}
	for i := range x {
		if !equal(x[i], y[i]) {
			return false
		}
	}
	return true
}

// numCmp compares two numbers: -1, 0 or 1 (NaN compares as unordered: 2).
func numCmp(a, b num) int {
	if a.isFloat || b.isFloat {
		if a.isFloat && b.isFloat {
			return floatCmp(a.f, b.f)
		}
		// An int and a float: compare exactly, as Python does.
		f, n := a.f, b
		sign := 1
		if !a.isFloat {
			f, n, sign = b.f, a, -1
		}
		if math.IsNaN(f) {
			return 2
		}
		if math.IsInf(f, 0) {
			if f > 0 {
				return -sign
			}
			return sign
		}
		bf := new(big.Float).SetFloat64(f)
		bi := new(big.Float).SetInt(n.big())
		return sign * bf.Cmp(bi)
	}
	return a.big().Cmp(b.big())
}

func floatCmp(x, y float64) int {
	switch {
	case math.IsNaN(x) || math.IsNaN(y):
		return 2
	case x < y:
		return -1
	case x > y:
		return 1
	}
	return 0
}

// compare is x op y for == != < <= > >= in, not in, is, is not.
func compare(op string, x, y any) (bool, *pyExc) {
	switch op {
	case "==":
		return equal(x, y), nil
	case "!=":
		return !equal(x, y), nil
	case "is":
		return identical(x, y), nil
	case "is not":
		return !identical(x, y), nil
	case "in", "not in":
		in, e := contains(y, x)
		if e != nil {
			return false, e
		}
		return in == (op == "in"), nil
	}
	c, e := order(op, x, y)
	if e != nil {
		return false, e
	}
	switch op {
	case "<":
		return c == -1, nil
	case "<=":
		return c == -1 || c == 0, nil
	case ">":
		return c == 1, nil
	}
	return c == 1 || c == 0, nil
}

// identical is Python's is, for what the language compares with it (None,
// True, False, and objects).
func identical(x, y any) bool {
	switch x.(type) {
	case nil, bool, object:
		return x == y
	}
	switch y.(type) {
	case nil, bool, object:
		return false
	}
	return equal(x, y) && typeName(x) == typeName(y)
}

// order compares x and y for < <= > >=: -1, 0, 1, or 2 when unordered.
func order(op string, x, y any) (int, *pyExc) {
	a, aok := asNum(x)
	b, bok := asNum(y)
	if aok && bok {
		return numCmp(a, b), nil
	}
	switch x := x.(type) {
	case string:
		if y, ok := y.(string); ok {
			return strings.Compare(x, y), nil
		}
	case *pyList:
		if y, ok := y.(*pyList); ok {
			return seqOrder(op, x.items, y.items)
		}
	case tuple:
		if y, ok := y.(tuple); ok {
			return seqOrder(op, x, y)
		}
	}
	return 0, typeError("'%s' not supported between instances of '%s' and '%s'", op, typeName(x), typeName(y))
}

func seqOrder(op string, x, y []any) (int, *pyExc) {
	for i := 0; i < len(x) && i < len(y); i++ {
		if equal(x[i], y[i]) {
			continue
		}
		return order(op, x[i], y[i])
	}
	switch {
	case len(x) < len(y):
		return -1, nil
	case len(x) > len(y):
		return 1, nil
	}
	return 0, nil
}

// contains is Python's item in container.
func contains(container, item any) (bool, *pyExc) {
	switch c := container.(type) {
	case *pyDict:
		return c.has(item)
	case string:
		s, ok := item.(string)
		if !ok {
			return false, typeError("'in <string>' requires string as left operand, not %s", typeName(item))
		}
		return strings.Contains(c, s), nil
	case pyRange:
		n, ok := asNum(item)
		if !ok || n.isFloat && n.f != math.Trunc(n.f) {
			return false, nil
		}
		for i := int64(0); i < c.len(); i++ {
			if equal(c.at(i), item) {
				return true, nil
			}
		}
		return false, nil
	}
	items, e := iterate(container)
	if e != nil {
		return false, typeError("argument of type '%s' is not iterable", typeName(container))
	}
	for _, x := range items {
		if equal(x, item) {
			return true, nil
		}
	}
	return false, nil
}

// iterate returns the items of an iterable, in order.
func iterate(v any) ([]any, *pyExc) {
	switch v := v.(type) {
	case *pyList:
		return v.items, nil
	case tuple:
		return v, nil
	case string:
		out := make([]any, 0, len(v))
		for _, r := range v {
			out = append(out, string(r))
		}
		return out, nil
	case pyRange:
		n := v.len()
		if n > maxSequence {
			return nil, fatal("%s has %d items, more than asyncgantt iterates over", repr(v), n)
		}
		out := make([]any, n)
		for i := range n {
			out[i] = v.at(i)
		}
		return out, nil
	case interface{ items() []any }:
		return v.items(), nil
	}
	return nil, typeError("'%s' object is not iterable", typeName(v))
}

// length is Python's len(v).
func length(v any) (any, *pyExc) {
	switch v := v.(type) {
	case string:
		return int64(len([]rune(v))), nil
	case *pyList:
		return int64(len(v.items)), nil
	case tuple:
		return int64(len(v)), nil
	case pyRange:
		return v.len(), nil
	case interface{ length() int }:
		return int64(v.length()), nil
	}
	return nil, typeError("object of type '%s' has no len()", typeName(v))
}

// index is Python's x[i].
func index(x, i any) (any, *pyExc) {
	if d, ok := x.(*pyDict); ok {
		return d.get(i)
	}
	var n int64
	switch c := x.(type) {
	case string, *pyList, tuple, pyRange:
		k, ok := asNum(i)
		if !ok || k.isFloat {
			kind := map[string]string{"str": "string", "list": "list", "tuple": "tuple", "range": "range"}[typeName(x)]
			if kind == "range" {
				return nil, typeError("range indices must be integers or slices, not %s", typeName(i))
			}
			return nil, typeError("%s indices must be integers or slices, not %s", kind, typeName(i))
		}
		l, _ := length(c)
		n = l.(int64)
		idx := k.i
		if k.b != nil {
			idx = math.MaxInt64
		}
		if idx < 0 {
			idx += n
		}
		if idx < 0 || idx >= n {
			kind := map[string]string{"str": "string", "list": "list", "tuple": "tuple", "range": "range object"}[typeName(x)]
			return nil, newExc("IndexError", kind+" index out of range")
		}
		switch c := c.(type) {
		case string:
			return string([]rune(c)[idx]), nil
		case *pyList:
			return c.items[idx], nil
		case tuple:
			return c[idx], nil
		case pyRange:
			return c.at(idx), nil
		}
	}
	return nil, typeError("'%s' object is not subscriptable", typeName(x))
}

// slice is Python's x[lo:hi:step] (a part left out is nil) of text, a
// list, a tuple or a range.
func slice(x, lo, hi, step value) (value, *pyExc) {
	switch x.(type) {
	case string, *pyList, tuple, pyRange:
	default:
		return nil, typeError("'%s' object is not subscriptable", typeName(x))
	}
	n, _ := length(x)
	size := n.(int64)
	st := int64(1)
	if step != nil {
		s, err := sliceIndex(step)
		if err != nil {
			return nil, err
		}
		if s == 0 {
			return nil, newExc("ValueError", "slice step cannot be zero")
		}
		st = s
	}
	// PySlice_AdjustIndices.
	bound := func(v value, dflt int64) (int64, *pyExc) {
		if v == nil {
			return dflt, nil
		}
		i, err := sliceIndex(v)
		if err != nil {
			return 0, err
		}
		if i < 0 {
			i += size
			if i < 0 {
				if st < 0 {
					return -1, nil
				}
				return 0, nil
			}
		} else if i >= size {
			if st < 0 {
				return size - 1, nil
			}
			return size, nil
		}
		return i, nil
	}
	dlo, dhi := int64(0), size
	if st < 0 {
		dlo, dhi = size-1, -1
	}
	start, err := bound(lo, dlo)
	if err != nil {
		return nil, err
	}
	stop, err := bound(hi, dhi)
	if err != nil {
		return nil, err
	}
	if r, ok := x.(pyRange); ok {
		// range(10)[::-1] == range(9, -1, -1): the items at start and
		// stop, computed even past the range's end.
		return pyRange{start: r.at(start), stop: r.at(stop), step: r.step * st}, nil
	}
	var idx []int64
	for i := start; st > 0 && i < stop || st < 0 && i > stop; i += st {
		idx = append(idx, i)
	}
	switch x := x.(type) {
	case string:
		rs := []rune(x)
		out := make([]rune, len(idx))
		for j, i := range idx {
			out[j] = rs[i]
		}
		return string(out), nil
	case *pyList:
		out := make([]any, len(idx))
		for j, i := range idx {
			out[j] = x.items[i]
		}
		return newList(out), nil
	case tuple:
		out := make(tuple, len(idx))
		for j, i := range idx {
			out[j] = x[i]
		}
		return out, nil
	}
	return nil, nil
}

// sliceIndex is a slice's bound or step: an integer (a bool is one), one
// of any size clamped as Python clamps it.
func sliceIndex(v value) (int64, *pyExc) {
	n, ok := asNum(v)
	if !ok || n.isFloat {
		return 0, typeError("slice indices must be integers or None or have an __index__ method")
	}
	if n.b != nil {
		if n.b.Sign() < 0 {
			return math.MinInt64 / 2, nil
		}
		return math.MaxInt64 / 2, nil
	}
	return n.i, nil
}
