package scenarios

import (
	"fmt"
	"strings"
)

// excParent maps the built-in exception types a scenario may raise or
// catch to their base class, as in CPython 3.11's hierarchy.
// asyncio.TimeoutError is TimeoutError (since 3.11); CancelledError is
// asyncio.CancelledError, a BaseException (not an Exception).
var excParent = map[string]string{
	"BaseException":          "",
	"Exception":              "BaseException",
	"CancelledError":         "BaseException",
	"BaseExceptionGroup":     "BaseException",
	"ExceptionGroup":         "Exception", // and BaseExceptionGroup, see excIsA
	"ArithmeticError":        "Exception",
	"ZeroDivisionError":      "ArithmeticError",
	"OverflowError":          "ArithmeticError",
	"AssertionError":         "Exception",
	"AttributeError":         "Exception",
	"LookupError":            "Exception",
	"IndexError":             "LookupError",
	"KeyError":               "LookupError",
	"NameError":              "Exception",
	"UnboundLocalError":      "NameError",
	"OSError":                "Exception",
	"ConnectionError":        "OSError",
	"ConnectionRefusedError": "ConnectionError",
	"ConnectionResetError":   "ConnectionError",
	"TimeoutError":           "OSError",
	"FileNotFoundError":      "OSError",
	"PermissionError":        "OSError",
	"RuntimeError":           "Exception",
	"NotImplementedError":    "RuntimeError",
	"RecursionError":         "RuntimeError",
	"TypeError":              "Exception",
	"ValueError":             "Exception",
}

// excNames lists the exception types in a fixed order, for messages.
var excNames = []string{
	"Exception", "ValueError", "RuntimeError", "TimeoutError", "CancelledError", "KeyError", "IndexError",
	"LookupError", "TypeError", "ZeroDivisionError", "ArithmeticError", "OverflowError", "AssertionError",
	"AttributeError", "NameError", "UnboundLocalError", "OSError", "ConnectionError", "ConnectionRefusedError",
	"ConnectionResetError", "FileNotFoundError", "PermissionError", "NotImplementedError", "RecursionError",
	"ExceptionGroup", "BaseExceptionGroup", "BaseException",
}

// excIsA reports whether an exception of type typ is caught by
// `except base`.
func excIsA(typ, base string) bool {
	if typ == "ExceptionGroup" && base == "BaseExceptionGroup" {
		return true
	}
	for t := typ; t != ""; t = excParent[t] {
		if t == base {
			return true
		}
	}
	return false
}

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

func (e *pyExc) isA(base string) bool { return excIsA(e.typ, base) }

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
		return pyStringRepr(e.msg)
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
		return fmt.Sprintf("%s(%s, [%s])", e.typ, pyStringRepr(e.msg), strings.Join(parts, ", "))
	case !e.hasMsg:
		return e.typ + "()"
	}
	return e.typ + "(" + pyStringRepr(e.msg) + ")"
}

// String returns the exception as the last line of Python's traceback
// prints it: "ValueError: boom", "TimeoutError".
func (e *pyExc) String() string {
	if s := e.str(); s != "" {
		return e.typ + ": " + s
	}
	return e.typ
}

// pythonName is how the generated program names the type.
func excPythonName(typ string) string {
	if typ == "CancelledError" {
		return "asyncio.CancelledError"
	}
	return typ
}
