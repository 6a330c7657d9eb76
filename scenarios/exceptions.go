package scenarios

// excParent maps the built-in exception types a scenario may raise or
// catch to their base class, as in CPython 3.11's hierarchy.
// asyncio.TimeoutError is TimeoutError (since 3.11); CancelledError is
// asyncio.CancelledError, a BaseException (not an Exception).
var excParent = map[string]string{
	"BaseException":          "",
	"Exception":              "BaseException",
	"CancelledError":         "BaseException",
	"InvalidStateError":      "Exception",
	"BaseExceptionGroup":     "BaseException",
	"ExceptionGroup":         "Exception", // and BaseExceptionGroup, see IsSubclass
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
	"ExceptionGroup", "BaseExceptionGroup", "BaseException", "InvalidStateError",
}

// AsyncioExceptions are the exception types that are asyncio's: Python
// names them asyncio.CancelledError, and writes them
// asyncio.exceptions.CancelledError at the end of a traceback.
var AsyncioExceptions = []string{"CancelledError", "InvalidStateError"}

// IsSubclass reports whether an exception of the built-in type typ is
// caught by `except base`, as Python's issubclass(typ, base) says, for the
// exception types a scenario knows (see Handler and ExcSpec); a type it
// does not know is caught only by its own name.
func IsSubclass(typ, base string) bool {
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
