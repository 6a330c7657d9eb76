package runner

import (
	"fmt"
	"slices"
	"strings"

	"github.com/asyncgantt/asyncgantt/scenarios"
)

// pyExc is a Python exception raised during a run.
type pyExc struct {
	typ string
	// msg is str(args[0]) when hasMsg; val, when hasVal, is args[0]
	// itself, a value that is not text (the key of a KeyError).
	msg    string
	hasMsg bool
	val    any
	hasVal bool
	// group holds the sub-exceptions of an (Base)ExceptionGroup; groupTuple
	// says they were given as a tuple (except* wrapping a plain exception:
	// ExceptionGroup('', (ValueError('x'),))), not a list.
	group      []*pyExc
	groupTuple bool
	// unawaited names a coroutine object only this exception's traceback
	// keeps alive (asyncio.run(A()) raising inside a running loop): Python
	// warns that it was never awaited when the exception is released.
	unawaited *warnSite
	// fatal, when set, is no Python exception but something asyncgantt
	// does not model (a complex number, a string formatted with %): the
	// run stops with it.
	fatal string
	// inline are the lanes of the coroutines awaited inline that this
	// exception ended, innermost first, for CaughtBy.
	inline []*laneRec
	// origin is the group an except* split derived this group from.
	origin *pyExc
}

func newExc(typ, msg string) *pyExc { return &pyExc{typ: typ, msg: msg, hasMsg: true} }

func typeError(format string, a ...any) *pyExc { return newExc("TypeError", fmt.Sprintf(format, a...)) }

// fatal is a pyExc that stops the run: what it says asyncgantt cannot do.
func fatal(format string, a ...any) *pyExc { return &pyExc{fatal: fmt.Sprintf(format, a...)} }

// cancelledError is a fresh asyncio.CancelledError().
func cancelledError() *pyExc { return &pyExc{typ: "CancelledError"} }

func (e *pyExc) isA(base string) bool { return scenarios.IsSubclass(e.typ, base) }

func (e *pyExc) typeName() string { return e.typ }

// str is Python's str(e).
func (e *pyExc) str() string {
	switch {
	case e.group != nil:
		s := "s"
		if len(e.group) == 1 {
			s = ""
		}
		return fmt.Sprintf("%s (%d sub-exception%s)", e.msg, len(e.group), s)
	case !e.hasMsg:
		return ""
	case e.hasVal && e.typ == "KeyError":
		return repr(e.val)
	case e.hasVal:
		return str(e.val)
	case e.typ == "KeyError":
		return scenarios.StringRepr(e.msg)
	}
	return e.msg
}

// repr is Python's repr(e), e.g. ValueError('boom').
func (e *pyExc) repr() string {
	switch {
	case e.group != nil:
		parts := make([]string, len(e.group))
		for i, g := range e.group {
			parts[i] = g.repr()
		}
		if e.groupTuple {
			list := strings.Join(parts, ", ")
			if len(parts) == 1 {
				list += ","
			}
			return fmt.Sprintf("%s(%s, (%s))", e.typ, scenarios.StringRepr(e.msg), list)
		}
		return fmt.Sprintf("%s(%s, [%s])", e.typ, scenarios.StringRepr(e.msg), strings.Join(parts, ", "))
	case !e.hasMsg:
		return e.typ + "()"
	case e.hasVal:
		return e.typ + "(" + repr(e.val) + ")"
	}
	return e.typ + "(" + scenarios.StringRepr(e.msg) + ")"
}

// args is e.args.
func (e *pyExc) args() tuple {
	switch {
	case e.group != nil:
		subs := make([]any, len(e.group))
		for i, g := range e.group {
			subs[i] = g
		}
		if e.groupTuple {
			return tuple{e.msg, tuple(subs)}
		}
		return tuple{e.msg, newList(subs)}
	case e.hasVal:
		return tuple{e.val}
	case e.hasMsg:
		return tuple{e.msg}
	}
	return tuple{}
}

// String returns the exception as a lane's outcome shows it: "ValueError:
// boom", "TimeoutError".
func (e *pyExc) String() string {
	if s := e.str(); s != "" {
		return e.typ + ": " + s
	}
	return e.typ
}

// tracebackLine is the last line of Python's traceback for e, as
// traceback.format_exception_only writes it: asyncio's exceptions by their
// module, asyncio.exceptions.CancelledError.
func (e *pyExc) tracebackLine() string {
	s := e.String()
	if slices.Contains(scenarios.AsyncioExceptions, e.typ) {
		return "asyncio.exceptions." + s
	}
	return s
}

// noAttr is the AttributeError of getting attribute name of a value of
// type typ: "'int' object has no attribute 'cancel'".
func noAttr(typ, name string) *pyExc {
	return newExc("AttributeError", "'"+typ+"' object has no attribute '"+name+"'")
}
