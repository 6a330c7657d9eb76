package runner

import (
	"strings"

	"github.com/asyncgantt/asyncgantt/scenarios"
)

// value is a Python value: nil (None), string, int64, bool, []any, a
// *pyExc (an exception object), *task or []*task (a set of tasks).
type value = any

// unboundT marks a local variable not bound yet.
type unboundT struct{}

var unbound value = unboundT{}

// repr returns the Python repr of v.
func repr(v value) string {
	switch v := v.(type) {
	case []any:
		parts := make([]string, len(v))
		for i, x := range v {
			parts[i] = repr(x)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case *pyExc:
		return v.repr()
	}
	return scenarios.Repr(v)
}

// str returns Python's str(v).
func str(v value) string {
	switch v := v.(type) {
	case string:
		return v
	case *pyExc:
		return v.str()
	}
	return repr(v)
}
