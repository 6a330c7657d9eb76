package runner

import (
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"
)

// pyDict is a Python dict: its items in insertion order, found by their
// keys' hash keys. Like a list, it is a reference.
type pyDict struct {
	keys, vals []any
	index      map[string]int
}

func newDict() *pyDict { return &pyDict{index: map[string]int{}} }

// hashKey is the identity of a dict key as Python's hash and == give
// it: 1, 1.0 and True are one key; a list is no key.
func hashKey(v any) (string, *pyExc) {
	switch v := v.(type) {
	case nil:
		return "n", nil
	case string:
		return "s" + v, nil
	case bool:
		if v {
			return "i1", nil
		}
		return "i0", nil
	case int64:
		return "i" + strconv.FormatInt(v, 10), nil
	case *big.Int:
		return "i" + v.String(), nil
	case float64:
		switch {
		case math.IsNaN(v):
			// A NaN equals nothing: each is a key of its own.
			nanKeys++
			return "nan" + strconv.Itoa(nanKeys), nil
		case v == math.Trunc(v) && !math.IsInf(v, 0):
			b, _ := new(big.Float).SetFloat64(v).Int(nil)
			return "i" + b.String(), nil
		}
		return "f" + strconv.FormatFloat(v, 'g', -1, 64), nil
	case tuple:
		var b strings.Builder
		b.WriteString("t")
		for _, x := range v {
			k, err := hashKey(x)
			if err != nil {
				return "", err
			}
			b.WriteString(strconv.Quote(k))
		}
		return b.String(), nil
	case pyRange:
		return "r" + repr(v), nil
	case *task, *pyExc, *coroutine, *primState:
		// Hashed by identity, as Python hashes them.
		return fmt.Sprintf("o%p", v), nil
	}
	return "", typeError("unhashable type: '%s'", typeName(v))
}

var nanKeys int

// keyError is KeyError(k).
func keyError(k any) *pyExc {
	if s, ok := k.(string); ok {
		return newExc("KeyError", s)
	}
	return &pyExc{typ: "KeyError", msg: repr(k), hasMsg: true, val: k, hasVal: true}
}

// get is d[k].
func (d *pyDict) get(k any) (any, *pyExc) {
	h, err := hashKey(k)
	if err != nil {
		return nil, err
	}
	i, ok := d.index[h]
	if !ok {
		return nil, keyError(k)
	}
	return d.vals[i], nil
}

// set is d[k] = v: a new key goes last; a key already there keeps its
// place, and its first spelling (1 stays 1 when d[1.0] is set).
func (d *pyDict) set(k, v any) *pyExc {
	h, err := hashKey(k)
	if err != nil {
		return err
	}
	if i, ok := d.index[h]; ok {
		d.vals[i] = v
		return nil
	}
	if len(d.keys) >= maxSequence {
		return tooLong()
	}
	d.index[h] = len(d.keys)
	d.keys = append(d.keys, k)
	d.vals = append(d.vals, v)
	return nil
}

// has reports whether k is a key of d.
func (d *pyDict) has(k any) (bool, *pyExc) {
	h, err := hashKey(k)
	if err != nil {
		return false, err
	}
	_, ok := d.index[h]
	return ok, nil
}

func (d *pyDict) typeName() string { return "dict" }

func (d *pyDict) repr() string {
	parts := make([]string, len(d.keys))
	for i, k := range d.keys {
		parts[i] = repr(k) + ": " + repr(d.vals[i])
	}
	return "{" + strings.Join(parts, ", ") + "}"
}

func (d *pyDict) length() int  { return len(d.keys) }
func (d *pyDict) items() []any { return append([]any(nil), d.keys...) }

// pyView is a dict's keys(), values() or items(): it reads the dict as
// it is when iterated.
type pyView struct {
	d    *pyDict
	kind string // "keys", "values", "items"
}

func (v *pyView) typeName() string { return "dict_" + v.kind }
func (v *pyView) repr() string     { return "dict_" + v.kind + "(" + repr(newList(v.items())) + ")" }
func (v *pyView) length() int      { return len(v.d.keys) }

func (v *pyView) items() []any {
	out := make([]any, len(v.d.keys))
	for i, k := range v.d.keys {
		switch v.kind {
		case "keys":
			out[i] = k
		case "values":
			out[i] = v.d.vals[i]
		default:
			out[i] = tuple{k, v.d.vals[i]}
		}
	}
	return out
}

// dictEqual is d == e: the same keys with equal values, in any order.
func dictEqual(d, e *pyDict) bool {
	if d == e {
		return true
	}
	if len(d.keys) != len(e.keys) {
		return false
	}
	for i, k := range d.keys {
		h, _ := hashKey(k)
		j, ok := e.index[h]
		if !ok || !equal(d.vals[i], e.vals[j]) {
			return false
		}
	}
	return true
}

// makeDict is dict(), dict(pairs), dict(d) and dict(..., k=v).
func makeDict(args []any, kw []kwArg) (any, *pyExc) {
	d := newDict()
	if len(args) > 1 {
		return nil, typeError("dict expected at most 1 argument, got %d", len(args))
	}
	if len(args) == 1 {
		if src, ok := args[0].(*pyDict); ok {
			for i, k := range src.keys {
				if err := d.set(k, src.vals[i]); err != nil {
					return nil, err
				}
			}
		} else {
			items, err := iterate(args[0])
			if err != nil {
				return nil, typeError("'%s' object is not iterable", typeName(args[0]))
			}
			for i, it := range items {
				pair, err := iterate(it)
				if err != nil {
					return nil, typeError("cannot convert dictionary update sequence element #%d to a sequence", i)
				}
				if len(pair) != 2 {
					return nil, newExc("ValueError", fmt.Sprintf("dictionary update sequence element #%d has length %d; 2 is required", i, len(pair)))
				}
				if err := d.set(pair[0], pair[1]); err != nil {
					return nil, err
				}
			}
		}
	}
	for _, k := range kw {
		if err := d.set(k.name, k.v); err != nil {
			return nil, err
		}
	}
	return d, nil
}

// dictMethod is d.keys(), d.values(), d.items() and d.get(k[, default]).
func dictMethod(d *pyDict, name string, args []any) (any, *pyExc) {
	switch name {
	case "keys", "values", "items":
		return &pyView{d: d, kind: name}, nil
	case "get":
		if len(args) == 0 || len(args) > 2 {
			return nil, typeError("get expected at most 2 arguments, got %d", len(args))
		}
		ok, err := d.has(args[0])
		if err != nil {
			return nil, err
		}
		if !ok {
			if len(args) == 2 {
				return args[1], nil
			}
			return nil, nil
		}
		return d.get(args[0])
	}
	return nil, noAttr("dict", name)
}

// setItem is x[i] = v, of a dict or a list.
func setItem(x, i, v any) *pyExc {
	switch c := x.(type) {
	case *pyDict:
		return c.set(i, v)
	case *pyList:
		k, ok := asNum(i)
		if !ok || k.isFloat {
			return typeError("list indices must be integers or slices, not %s", typeName(i))
		}
		n := int64(len(c.items))
		idx := k.i
		if k.b != nil {
			idx = math.MaxInt64
		}
		if idx < 0 {
			idx += n
		}
		if idx < 0 || idx >= n {
			return newExc("IndexError", "list assignment index out of range")
		}
		c.items[idx] = v
		return nil
	}
	return typeError("'%s' object does not support item assignment", typeName(x))
}
