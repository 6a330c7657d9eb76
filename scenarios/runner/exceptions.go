package runner

import (
	"fmt"
	"strings"

	"github.com/asyncgantt/asyncgantt/scenarios"
)

// pyExc is a Python exception raised during a run.
type pyExc struct {
	typ string
	// msg is str(args[0]) when hasMsg.
	msg    string
	hasMsg bool
	// group holds the sub-exceptions of an (Base)ExceptionGroup.
	group []*pyExc
	// unawaited names a coroutine object only this exception's traceback
	// keeps alive (asyncio.run(A()) raising inside a running loop): Python
	// warns that it was never awaited when the exception is released.
	unawaited *warnSite
}

func newExc(typ, msg string) *pyExc { return &pyExc{typ: typ, msg: msg, hasMsg: true} }

// cancelledError is a fresh asyncio.CancelledError().
func cancelledError() *pyExc { return &pyExc{typ: "CancelledError"} }

func (e *pyExc) isA(base string) bool { return scenarios.IsSubclass(e.typ, base) }

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
		return fmt.Sprintf("%s(%s, [%s])", e.typ, scenarios.StringRepr(e.msg), strings.Join(parts, ", "))
	case !e.hasMsg:
		return e.typ + "()"
	}
	return e.typ + "(" + scenarios.StringRepr(e.msg) + ")"
}

// String returns the exception as the last line of Python's traceback
// prints it: "ValueError: boom", "TimeoutError".
func (e *pyExc) String() string {
	if s := e.str(); s != "" {
		return e.typ + ": " + s
	}
	return e.typ
}
