package runner

import (
	"math"
	"math/big"
	"slices"
	"strconv"
	"strings"
)

// callBuiltin calls the built-in function name with positional arguments
// and the keyword arguments the language lets it take (builtinKeywords).
func callBuiltin(name string, args []any, kw ...kwArg) (any, *pyExc) {
	switch name {
	case "sorted":
		return sorted(args, kw)
	case "enumerate":
		return enumerate(args, kw)
	case "zip":
		return zip(args)
	case "round":
		return round(args)
	case "dict":
		return makeDict(args, kw)
	}
	switch name {
	case "len", "str", "repr", "list", "abs", "int", "float", "bool", "tuple":
		if len(args) != 1 && !(len(args) == 0 && (name == "str" || name == "list" || name == "int" || name == "float" || name == "bool" || name == "tuple")) {
			return nil, typeError("%s() takes exactly one argument (%d given)", name, len(args))
		}
	}
	switch name {
	case "len":
		return length(args[0])
	case "str":
		if len(args) == 0 {
			return "", nil
		}
		if e := printable(args[0]); e != nil {
			return nil, e
		}
		return str(args[0]), nil
	case "repr":
		if e := printable(args[0]); e != nil {
			return nil, e
		}
		return repr(args[0]), nil
	case "bool":
		if len(args) == 0 {
			return false, nil
		}
		return truth(args[0]), nil
	case "list", "tuple":
		if len(args) == 0 {
			if name == "tuple" {
				return tuple{}, nil
			}
			return newList([]any{}), nil
		}
		items, e := iterate(args[0])
		if e != nil {
			return nil, e
		}
		if name == "tuple" {
			return append(tuple{}, items...), nil
		}
		return newList(append([]any{}, items...)), nil
	case "abs":
		n, ok := asNum(args[0])
		if !ok {
			return nil, typeError("bad operand type for abs(): '%s'", typeName(args[0]))
		}
		switch {
		case n.isFloat:
			return math.Abs(n.f), nil
		case n.b == nil && n.i != math.MinInt64:
			if n.i < 0 {
				return -n.i, nil
			}
			return n.i, nil
		}
		return intValue(new(big.Int).Abs(n.big())), nil
	case "int":
		if len(args) == 0 {
			return int64(0), nil
		}
		return toInt(args[0])
	case "float":
		if len(args) == 0 {
			return 0.0, nil
		}
		return toFloat(args[0])
	case "range":
		return makeRange(args)
	case "sum", "min", "max":
		return aggregate(name, args)
	}
	return nil, fatal("%s() is not a built-in function of the language", name)
}

// sorted is sorted(x) and sorted(x, reverse=True).
func sorted(args []any, kw []kwArg) (any, *pyExc) {
	if len(args) != 1 {
		return nil, typeError("sorted expected 1 argument, got %d", len(args))
	}
	items, e := iterate(args[0])
	if e != nil {
		return nil, e
	}
	reverse := false
	for _, k := range kw {
		if _, isFloat := k.v.(float64); isFloat {
			return nil, typeError("'float' object cannot be interpreted as an integer")
		}
		if _, ok := asNum(k.v); !ok {
			return nil, typeError("'%s' object cannot be interpreted as an integer", typeName(k.v))
		}
		reverse = truth(k.v)
	}
	if !reverse {
		return sortValues(items)
	}
	// Python reverses, sorts stably, reverses again: equal items keep
	// their order.
	rev := slices.Clone(items)
	slices.Reverse(rev)
	out, e := sortValues(rev)
	if e != nil {
		return nil, e
	}
	slices.Reverse(out.(*pyList).items)
	return out, nil
}

// pyIter is an iterator a built-in function makes (enumerate, zip): its
// items, which a first iteration takes all of.
type pyIter struct {
	typ  string
	rest []any
}

func (it *pyIter) typeName() string { return it.typ }
func (it *pyIter) repr() string     { return "<" + it.typ + " object>" }

// items takes the iterator's items: a second iteration gets none, as in
// Python.
func (it *pyIter) items() []any {
	items := it.rest
	it.rest = nil
	return items
}

// enumerate is enumerate(x) and enumerate(x, start).
func enumerate(args []any, kw []kwArg) (any, *pyExc) {
	var start any = int64(0)
	for _, k := range kw {
		args = append(args, k.v)
	}
	switch len(args) {
	case 0:
		return nil, typeError("enumerate() missing required argument 'iterable' (pos 1)")
	case 1:
	case 2:
		start = args[1]
		if n, ok := asNum(start); !ok || n.isFloat {
			return nil, typeError("'%s' object cannot be interpreted as an integer", typeName(start))
		}
		if _, isBool := start.(bool); isBool {
			start, _ = toInt(start)
		}
	default:
		return nil, typeError("enumerate() takes at most 2 arguments (%d given)", len(args))
	}
	items, e := iterate(args[0])
	if e != nil {
		return nil, e
	}
	out := make([]any, len(items))
	for i, x := range items {
		n, e := binaryOp("+", start, int64(i))
		if e != nil {
			return nil, e
		}
		out[i] = tuple{n, x}
	}
	return &pyIter{typ: "enumerate", rest: out}, nil
}

// zip is zip(a, b, ...): tuples of the items at the same place, as many as
// the shortest has.
func zip(args []any) (any, *pyExc) {
	cols := make([][]any, len(args))
	n := -1
	for i, a := range args {
		items, e := iterate(a)
		if e != nil {
			return nil, typeError("'%s' object is not iterable", typeName(a))
		}
		cols[i] = items
		if n < 0 || len(items) < n {
			n = len(items)
		}
	}
	out := make([]any, max(n, 0))
	for j := range out {
		row := make(tuple, len(cols))
		for i := range cols {
			row[i] = cols[i][j]
		}
		out[j] = row
	}
	return &pyIter{typ: "zip", rest: out}, nil
}

// round is round(x) (an int, halves to even) and round(x, n).
func round(args []any) (any, *pyExc) {
	if len(args) == 0 || len(args) > 2 {
		if len(args) == 0 {
			return nil, typeError("round() missing required argument 'number' (pos 1)")
		}
		return nil, typeError("round() takes at most 2 arguments (%d given)", len(args))
	}
	x, ok := asNum(args[0])
	if !ok {
		return nil, typeError("type %s doesn't define __round__ method", typeName(args[0]))
	}
	if len(args) == 1 || args[1] == nil {
		if !x.isFloat {
			if b, isBool := args[0].(bool); isBool {
				return map[bool]int64{false: 0, true: 1}[b], nil
			}
			return args[0], nil
		}
		switch {
		case math.IsInf(x.f, 0):
			return nil, newExc("OverflowError", "cannot convert float infinity to integer")
		case math.IsNaN(x.f):
			return nil, newExc("ValueError", "cannot convert float NaN to integer")
		}
		r := math.RoundToEven(x.f)
		if math.Abs(r) < 1<<62 {
			return int64(r), nil
		}
		b, _ := new(big.Float).SetFloat64(r).Int(nil)
		return intValue(b), nil
	}
	nd, ok := asNum(args[1])
	if !ok || nd.isFloat {
		return nil, typeError("'%s' object cannot be interpreted as an integer", typeName(args[1]))
	}
	if nd.b != nil {
		return nil, fatal("round() to %s digits is more than asyncgantt computes", nd.b)
	}
	n := nd.i
	if !x.isFloat {
		if n >= 0 {
			if _, isBool := args[0].(bool); isBool {
				return toInt(args[0])
			}
			return args[0], nil
		}
		// round(1250, -2) == 1200: to a multiple of 10**-n, halves to even.
		if n < -18 {
			return int64(0), nil
		}
		p := new(big.Int).Exp(big.NewInt(10), big.NewInt(-n), nil)
		q, m := new(big.Int).QuoRem(x.big(), p, new(big.Int))
		if m.Sign() < 0 {
			q.Sub(q, big.NewInt(1))
			m.Add(m, p)
		}
		twice := new(big.Int).Lsh(m, 1)
		if c := twice.Cmp(p); c > 0 || c == 0 && q.Bit(0) == 1 {
			q.Add(q, big.NewInt(1))
		}
		return intValue(q.Mul(q, p)), nil
	}
	if math.IsInf(x.f, 0) || math.IsNaN(x.f) || x.f == 0 {
		return x.f, nil
	}
	// CPython's bounds: past 323 digits a double has nothing to round,
	// and before -308 it rounds to zero.
	if n > 323 {
		return x.f, nil
	}
	if n < -308 {
		return math.Copysign(0, x.f), nil
	}
	if n >= 0 {
		// The exact value rounded to n decimals, halves to even, as
		// CPython's round does (through the shortest correct digits).
		r, err := strconv.ParseFloat(strconv.FormatFloat(x.f, 'f', int(n), 64), 64)
		if err != nil {
			return nil, newExc("OverflowError", "rounded value too large to represent")
		}
		return r, nil
	}
	p := math.Pow(10, float64(-n))
	r := math.RoundToEven(x.f/p) * p
	if math.IsInf(r, 0) {
		return nil, newExc("OverflowError", "rounded value too large to represent")
	}
	return math.Copysign(r, x.f), nil
}

// aggregate is sum(), min() or max().
func aggregate(name string, args []any) (any, *pyExc) {
	switch name {
	case "sum":
		if len(args) == 0 || len(args) > 2 {
			return nil, typeError("sum() takes at least 1 positional argument (%d given)", len(args))
		}
		items, e := iterate(args[0])
		if e != nil {
			return nil, e
		}
		var total any = int64(0)
		if len(args) == 2 {
			total = args[1]
			if _, ok := total.(string); ok {
				return nil, typeError("sum() can't sum strings [use ''.join(seq) instead]")
			}
		}
		for _, x := range items {
			if total, e = binaryOp("+", total, x); e != nil {
				return nil, e
			}
		}
		return total, nil
	case "min", "max":
		items := args
		if len(args) == 1 {
			var e *pyExc
			if items, e = iterate(args[0]); e != nil {
				return nil, e
			}
			if len(items) == 0 {
				return nil, newExc("ValueError", name+"() arg is an empty sequence")
			}
		}
		if len(args) == 0 {
			return nil, typeError("%s expected at least 1 argument, got 0", name)
		}
		best := items[0]
		op := "<"
		if name == "max" {
			op = ">"
		}
		for _, x := range items[1:] {
			better, e := compare(op, x, best)
			if e != nil {
				return nil, e
			}
			if better {
				best = x
			}
		}
		return best, nil
	}
	return nil, nil
}

func toInt(v any) (any, *pyExc) {
	switch x := v.(type) {
	case bool, int64, *big.Int:
		n, _ := asNum(x)
		return intValue(n.big()), nil
	case float64:
		if math.IsInf(x, 0) {
			return nil, newExc("OverflowError", "cannot convert float infinity to integer")
		}
		if math.IsNaN(x) {
			return nil, newExc("ValueError", "cannot convert float NaN to integer")
		}
		b, _ := new(big.Float).SetFloat64(math.Trunc(x)).Int(nil)
		return intValue(b), nil
	case string:
		s := strings.ReplaceAll(strings.TrimSpace(x), "_", "")
		if b, ok := new(big.Int).SetString(s, 10); ok && !strings.Contains(strings.TrimSpace(x), "__") && s != "" {
			return intValue(b), nil
		}
		return nil, newExc("ValueError", "invalid literal for int() with base 10: "+repr(x))
	}
	return nil, typeError("int() argument must be a string, a bytes-like object or a real number, not '%s'", typeName(v))
}

func toFloat(v any) (any, *pyExc) {
	switch x := v.(type) {
	case bool, int64, *big.Int, float64:
		n, _ := asNum(x)
		return n.float()
	case string:
		s := strings.ToLower(strings.TrimSpace(x))
		switch strings.TrimLeft(s, "+-") {
		case "inf", "infinity", "nan":
			f, _ := strconv.ParseFloat(s, 64)
			return f, nil
		}
		if f, err := strconv.ParseFloat(strings.ReplaceAll(s, "_", ""), 64); err == nil && !strings.HasPrefix(s, "0x") {
			return f, nil
		}
		return nil, newExc("ValueError", "could not convert string to float: "+repr(x))
	}
	return nil, typeError("float() argument must be a string or a real number, not '%s'", typeName(v))
}

func makeRange(args []any) (any, *pyExc) {
	if len(args) == 0 || len(args) > 3 {
		if len(args) == 0 {
			return nil, typeError("range expected at least 1 argument, got 0")
		}
		return nil, typeError("range expected at most 3 arguments, got %d", len(args))
	}
	ns := make([]int64, len(args))
	for i, a := range args {
		n, ok := asNum(a)
		if !ok || n.isFloat {
			return nil, typeError("'%s' object cannot be interpreted as an integer", typeName(a))
		}
		if n.b != nil {
			return nil, fatal("range over %s is larger than asyncgantt iterates over", n.b)
		}
		ns[i] = n.i
	}
	r := pyRange{step: 1}
	switch len(ns) {
	case 1:
		r.stop = ns[0]
	case 2:
		r.start, r.stop = ns[0], ns[1]
	case 3:
		r.start, r.stop, r.step = ns[0], ns[1], ns[2]
		if r.step == 0 {
			return nil, newExc("ValueError", "range() arg 3 must not be zero")
		}
	}
	return r, nil
}

// sortValues is sorted(items): a stable sort, comparing with <.
func sortValues(items []any) (any, *pyExc) {
	out := slices.Clone(items)
	var err *pyExc
	slices.SortStableFunc(out, func(a, b any) int {
		if err != nil {
			return 0
		}
		less, e := compare("<", a, b)
		if e != nil {
			err = e
			return 0
		}
		if less {
			return -1
		}
		if less, e = compare("<", b, a); e != nil {
			err = e
			return 0
		} else if less {
			return 1
		}
		return 0
	})
	if err != nil {
		return nil, err
	}
	return newList(out), nil
}
