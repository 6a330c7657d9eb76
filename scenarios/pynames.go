package scenarios

import (
	"slices"
	"strings"
	"unicode"
)

// Python names. The generated program defines one coroutine function per
// task. A run with sleeps: block or sleeps: no-await needs other bodies for
// the tasks whose sleeps change (and for the tasks that call those), so
// those get a variant with a suffix: A_blocking, A_no_await. The runner
// uses the same names in its warnings ("coroutine 'A_blocking' was never
// awaited"), exactly as Python prints them.

var variantSuffix = []string{"", "_blocking", "_no_await"}

// pythonBuiltins are the names of Python 3.11's built-ins (dir(builtins),
// keywords left out): a name of the generated program that is one of them
// would hide it, so it is renamed.
var pythonBuiltins = []string{
	"ArithmeticError", "AssertionError", "AttributeError", "BaseException", "BaseExceptionGroup",
	"BlockingIOError", "BrokenPipeError", "BufferError", "BytesWarning", "ChildProcessError",
	"ConnectionAbortedError", "ConnectionError", "ConnectionRefusedError", "ConnectionResetError",
	"DeprecationWarning", "EOFError", "Ellipsis", "EncodingWarning", "EnvironmentError", "Exception",
	"ExceptionGroup", "FileExistsError", "FileNotFoundError", "FloatingPointError", "FutureWarning",
	"GeneratorExit", "IOError", "ImportError", "ImportWarning", "IndentationError", "IndexError",
	"InterruptedError", "IsADirectoryError", "KeyError", "KeyboardInterrupt", "LookupError",
	"MemoryError", "ModuleNotFoundError", "NameError", "NotADirectoryError", "NotImplemented",
	"NotImplementedError", "OSError", "OverflowError", "PendingDeprecationWarning", "PermissionError",
	"ProcessLookupError", "RecursionError", "ReferenceError", "ResourceWarning", "RuntimeError",
	"RuntimeWarning", "StopAsyncIteration", "StopIteration", "SyntaxError", "SyntaxWarning",
	"SystemError", "SystemExit", "TabError", "TimeoutError", "TypeError", "UnboundLocalError",
	"UnicodeDecodeError", "UnicodeEncodeError", "UnicodeError", "UnicodeTranslateError",
	"UnicodeWarning", "UserWarning", "ValueError", "Warning", "ZeroDivisionError", "__build_class__",
	"__debug__", "__doc__", "__import__", "__loader__", "__name__", "__package__", "__spec__", "abs",
	"aiter", "all", "anext", "any", "ascii", "bin", "bool", "breakpoint", "bytearray", "bytes",
	"callable", "chr", "classmethod", "compile", "complex", "copyright", "credits", "delattr", "dict",
	"dir", "divmod", "enumerate", "eval", "exec", "exit", "filter", "float", "format", "frozenset",
	"getattr", "globals", "hasattr", "hash", "help", "hex", "id", "input", "int", "isinstance",
	"issubclass", "iter", "len", "license", "list", "locals", "map", "max", "memoryview", "min",
	"next", "object", "oct", "open", "ord", "pow", "print", "property", "quit", "range", "repr",
	"reversed", "round", "set", "setattr", "slice", "sorted", "staticmethod", "str", "sum", "super",
	"tuple", "type", "vars", "zip",
}

// programNames are the names the generated program uses itself.
var programNames = []string{"asyncio", "time", "sys", "traceback", "concurrent", "crunch", "start", "elapsed", "main"}

// PythonName returns name as the generated program writes it: the same,
// or, when it would hide a built-in, a name of the program or a dunder
// name (__name__), with an underscore added — and more while it is one of
// taken.
func PythonName(name string, taken func(string) bool) string {
	py := name
	if slices.Contains(pythonBuiltins, py) || slices.Contains(programNames, py) || strings.HasPrefix(py, "main_") ||
		strings.HasPrefix(py, "__") && strings.HasSuffix(py, "__") {
		py += "_"
	}
	for taken != nil && taken(py) {
		py += "_"
	}
	return py
}

// PythonPrimitiveName returns the name the generated program gives a
// primitive (see PythonName).
func (s *Scenario) PythonPrimitiveName(p *Primitive) string {
	return PythonName(p.Name, func(n string) bool {
		return n != p.Name && s.moduleName(n)
	})
}

// PythonGlobalName returns the name the generated program gives a global
// variable.
func (s *Scenario) PythonGlobalName(g *Global) string {
	return PythonName(g.Name, func(n string) bool {
		return n != g.Name && s.moduleName(n)
	})
}

// moduleName reports whether n is the name of a task, a primitive or a
// global: a name of the module.
func (s *Scenario) moduleName(n string) bool {
	return s.Task(n) != nil || s.Primitive(n) != nil || s.Global(n) != nil
}

// PythonFuncNames returns the Python function name of every task in a run
// of the given sleep mode, by task name: the task's own name, or for a
// task whose body changes in that mode a variant, e.g. A_blocking.
func (s *Scenario) PythonFuncNames(mode SleepMode) map[string]string {
	names := make(map[string]string, len(s.Tasks))
	base := func(t *Task) string {
		return PythonName(t.Name, func(n string) bool {
			return n != t.Name && s.moduleName(n)
		})
	}
	if mode == SleepAwait {
		for _, t := range s.Tasks {
			names[t.Name] = base(t)
		}
		return names
	}
	needs := map[string]bool{}
	var visit func(t *Task) bool
	visit = func(t *Task) bool {
		if v, ok := needs[t.Name]; ok {
			return v
		}
		needs[t.Name] = false // no cycles (checked), but be safe
		n := false
		Walk(t.Steps, func(st *Step) {
			if st.Kind == Sleep {
				n = true
			}
			for _, c := range st.TaskCalls() {
				if visit(c.Task) {
					n = true
				}
			}
		})
		needs[t.Name] = n
		return n
	}
	for _, t := range s.Tasks {
		name := base(t)
		if visit(t) {
			name += variantSuffix[mode]
			for s.moduleName(name) {
				name += "_"
			}
		}
		names[t.Name] = name
	}
	return names
}

// PythonMainNames returns the Python name of each run's main coroutine, in
// run order: main for a single run, else main_ and the run's name in snake
// case (main_sequential), unique among themselves and the tasks.
func (s *Scenario) PythonMainNames() []string {
	names := make([]string, len(s.Runs))
	if len(s.Runs) == 1 {
		names[0] = "main"
		return names
	}
	used := map[string]bool{}
	for _, t := range s.Tasks {
		used[t.Name] = true
	}
	for i, r := range s.Runs {
		var b strings.Builder
		b.WriteString("main_")
		under := false
		for _, c := range strings.ToLower(r.Name) {
			if c < 128 && (unicode.IsLetter(c) || unicode.IsDigit(c)) {
				if under && b.Len() > len("main_") {
					b.WriteByte('_')
				}
				b.WriteRune(c)
				under = false
			} else {
				under = true
			}
		}
		name := strings.TrimSuffix(b.String(), "_")
		if name == "main" {
			name = "main_run"
		}
		base := name
		for n := 2; used[name]; n++ {
			name = base + "_" + itoa(n)
		}
		used[name] = true
		names[i] = name
	}
	return names
}

func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}
