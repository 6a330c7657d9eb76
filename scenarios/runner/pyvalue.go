package runner

import (
	"math"
	"math/big"
	"strconv"
	"strings"

	"github.com/asyncgantt/asyncgantt/scenarios"
)

// The values of a run, as Python has them: nil (None), bool, int64 or
// *big.Int (int), float64, string, list (*pyList), tuple, pyRange, and
// the objects of the run (object: exceptions, tasks, sets of tasks,
// primitives).

// tuple is a Python tuple.
type tuple []any

// pyList is a Python list: a reference, so that what one coroutine
// appends to a list every coroutine holding it sees.
type pyList struct{ items []any }

// newList is a new list of items.
func newList(items []any) *pyList { return &pyList{items: items} }

// pyRange is range(start, stop, step).
type pyRange struct{ start, stop, step int64 }

func (r pyRange) len() int64 {
	switch {
	case r.step > 0 && r.start < r.stop:
		return (r.stop - r.start + r.step - 1) / r.step
	case r.step < 0 && r.start > r.stop:
		return (r.start - r.stop - r.step - 1) / -r.step
	}
	return 0
}

func (r pyRange) at(i int64) int64 { return r.start + i*r.step }

// object is a value of the run that is not a plain value: an exception, a
// task, a set of tasks, a primitive.
type object interface {
	typeName() string
	repr() string
}

// typeName is type(v).__name__.
func typeName(v any) string {
	switch v := v.(type) {
	case nil:
		return "NoneType"
	case bool:
		return "bool"
	case int64, *big.Int:
		return "int"
	case float64:
		return "float"
	case string:
		return "str"
	case *pyList:
		return "list"
	case tuple:
		return "tuple"
	case pyRange:
		return "range"
	case object:
		return v.typeName()
	}
	return "object"
}

// repr is Python's repr(v).
func repr(v any) string {
	switch v := v.(type) {
	case tuple:
		if len(v) == 1 {
			return "(" + repr(v[0]) + ",)"
		}
		return "(" + joinRepr(v) + ")"
	case *pyList:
		return "[" + joinRepr(v.items) + "]"
	case pyRange:
		if v.step == 1 {
			return "range(" + strconv.FormatInt(v.start, 10) + ", " + strconv.FormatInt(v.stop, 10) + ")"
		}
		return "range(" + strconv.FormatInt(v.start, 10) + ", " + strconv.FormatInt(v.stop, 10) + ", " + strconv.FormatInt(v.step, 10) + ")"
	case object:
		return v.repr()
	}
	return scenarios.Repr(v)
}

func joinRepr(xs []any) string {
	parts := make([]string, len(xs))
	for i, x := range xs {
		parts[i] = repr(x)
	}
	return strings.Join(parts, ", ")
}

// str is Python's str(v).
func str(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case *pyExc:
		return v.str()
	}
	return repr(v)
}

// truth is Python's bool(v).
func truth(v any) bool {
	switch v := v.(type) {
	case nil:
		return false
	case bool:
		return v
	case int64:
		return v != 0
	case *big.Int:
		return v.Sign() != 0
	case float64:
		return v != 0
	case string:
		return v != ""
	case *pyList:
		return len(v.items) > 0
	case tuple:
		return len(v) > 0
	case pyRange:
		return v.len() > 0
	case interface{ length() int }:
		return v.length() > 0
	}
	return true
}

// num is a number operand: an int (small or big) or a float.
type num struct {
	isFloat bool
	f       float64
	i       int64
	b       *big.Int // set when the int does not fit in i
}

// asNum returns v as a number: bool, int or float.
func asNum(v any) (num, bool) {
	switch v := v.(type) {
	case bool:
		if v {
			return num{i: 1}, true
		}
		return num{}, true
	case int64:
		return num{i: v}, true
	case *big.Int:
		return num{b: v}, true
	case float64:
		return num{isFloat: true, f: v}, true
	}
	return num{}, false
}

func (n num) big() *big.Int {
	if n.b != nil {
		return n.b
	}
	return big.NewInt(n.i)
}

// float converts n to a float, as Python does; an int too large for a
// float raises OverflowError.
func (n num) float() (float64, *pyExc) {
	if n.isFloat {
		return n.f, nil
	}
	if n.b == nil {
		return float64(n.i), nil
	}
	f, _ := new(big.Float).SetInt(n.b).Float64()
	if math.IsInf(f, 0) {
		return 0, newExc("OverflowError", "int too large to convert to float")
	}
	return f, nil
}

func intValue(b *big.Int) any {
	if b.IsInt64() {
		return b.Int64()
	}
	return b
}
