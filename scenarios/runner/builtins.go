package runner

import (
	"math"
	"math/big"
	"slices"
	"strconv"
	"strings"
)

// callBuiltin calls the built-in function name with positional arguments.
func callBuiltin(name string, args []any) (any, *pyExc) {
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
		return str(args[0]), nil
	case "repr":
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
	case "sorted":
		if len(args) != 1 {
			return nil, typeError("sorted expected 1 argument, got %d", len(args))
		}
		items, e := iterate(args[0])
		if e != nil {
			return nil, e
		}
		return sortValues(items)
	case "sum", "min", "max":
		return aggregate(name, args)
	}
	return nil, fatal("%s() is not a built-in function of the language", name)
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
