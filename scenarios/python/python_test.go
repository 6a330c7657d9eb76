package python

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/asyncgantt/asyncgantt/internal/golden"
	"github.com/asyncgantt/asyncgantt/scenarios"
)

// TestBuiltinPython pins the Python program generated for every built-in
// scenario (the runner's TestBuiltinsAgainstCPython runs them under
// CPython).
func TestBuiltinPython(t *testing.T) {
	for _, name := range scenarios.Builtins() {
		t.Run(name, func(t *testing.T) {
			s, err := scenarios.Builtin(name)
			if err != nil {
				t.Fatal(err)
			}
			src, err := Program(s, Options{})
			if err != nil {
				t.Fatal(err)
			}
			golden.Check(t, filepath.Join("testdata", name+".py"), src)
		})
	}
}

// TestPythonGatherTimes checks the Python written for gather's times: a
// generator expression over range(N) giving the list N times over; the
// plain call for times: 1. The generator's own variables do not hide the
// names it uses (tasks named c or _).
func TestPythonGatherTimes(t *testing.T) {
	tests := []struct {
		name, run, want string
	}{
		{"Coroutines", "[{gather: [A, B], times: 1000}]",
			"await asyncio.gather(*(c() for _ in range(1000) for c in (A, B)))"},
		{"Once", "[{gather: [A, B], times: 1}]",
			"await asyncio.gather(A(), B())"},
		{"OneCoroutine", "[{gather: [A], times: 3}]",
			"await asyncio.gather(*(A() for _ in range(3)))"},
		{"OneTask", "[{create_task: A, as: t}, {gather: [t], times: 3}]",
			"await asyncio.gather(*(t for _ in range(3)))"},
		{"TaskVariable", "[{create_task: A, as: t}, {gather: [t, B], times: 3, as: r}]",
			"r = await asyncio.gather(*(aw for _ in range(3) for aw in (t, B())))"},
		{"Names", "[{gather: [c, _, c_], times: 2}]",
			"await asyncio.gather(*(c__() for __ in range(2) for c__ in (c, _, c_)))"},
		{"NamesWithTask", "[{create_task: A, as: aw}, {gather: [aw, _], times: 2}]",
			"await asyncio.gather(*(aw_ for __ in range(2) for aw_ in (aw, _())))"},
		{"Blocking", "{sleeps: block, steps: [{gather: [A, B], times: 2}]}",
			"await asyncio.gather(*(c() for _ in range(2) for c in (A_blocking, B_blocking)))"},
		{"ReturnExceptions", "[{gather: [A, B], times: 1000000, return_exceptions: true, as: results}]",
			"results = await asyncio.gather(\n        *(c() for _ in range(1000000) for c in (A, B)),\n        return_exceptions=True,\n    )"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := "tasks: {A: 1s, B: 1s, c: 1s, _: 1s, c_: 1s}\nruns:\n  R: " + tt.run + "\n"
			s, err := scenarios.Parse("test.yaml", []byte(src))
			if err != nil {
				t.Fatal(err)
			}
			py, err := Program(s, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(py), "\n    "+tt.want+"\n") {
				t.Errorf("the program does not contain\n    %s\nprogram:\n%s", tt.want, py)
			}
		})
	}
}

// TestSeedLessonLength checks that the seed lesson in its natural form —
// one coroutine task(name, seconds) called three times, awaited in turn,
// then gathered — is a scenario of about the length of its Python: no
// more lines than the program's code (its docstrings, imports and blank
// lines left out).
func TestSeedLessonLength(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("testdata", "seed-lesson.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	s, err := scenarios.Parse("seed-lesson.yaml", src)
	if err != nil {
		t.Fatal(err)
	}
	py, err := Program(s, Options{})
	if err != nil {
		t.Fatal(err)
	}
	code := 0
	inDoc := false
	for _, l := range strings.Split(string(py), "\n") {
		l = strings.TrimSpace(l)
		switch {
		case strings.HasPrefix(l, `"""`):
			if !(len(l) > 3 && strings.HasSuffix(l, `"""`)) {
				inDoc = !inDoc
			}
		case inDoc, l == "", strings.HasPrefix(l, "import "):
		default:
			code++
		}
	}
	lines := len(strings.Split(strings.TrimSpace(string(src)), "\n"))
	if lines > code {
		t.Errorf("the scenario has %d lines, its Python %d lines of code: the language should be no longer than Python\n%s", lines, code, py)
	}
	if !strings.Contains(string(py), "    await asyncio.gather(task('A', 2), task('B', 1), task('C', 3))\n") {
		t.Errorf("the program does not gather the three calls as the lesson does:\n%s", py)
	}
}

// TestHostileText checks that the program reads back exactly what the
// scenario says, and can be viewed in a terminal: no control character
// (a NUL would not even compile) and no bidi control reaches its listing
// unescaped — in the docstring, print text, values, messages, names.
func TestHostileText(t *testing.T) {
	src := "title: \"bidi \\u202e title \\u2066x\\u2069\"\n" +
		"description: \"tab\\tand\\u200f\\u061c\"\n" +
		"tasks:\n" +
		"  ValueError(print):\n" +
		"    - print: \"NUL \\0 ESC \\e BEL \\a DEL \\x7f C1 \\x85 RLO \\u202e LRI \\u2066 ZW \\u200b {print!r}\"\n" +
		"    - raise: \"KeyError: \\e]52;c;x\\a {print}\"\n" +
		"  __name__:\n" +
		"    - return: \"\\0\\u202e\"\n" +
		"runs:\n" +
		"  \"Run \\u202e one\":\n" +
		"    - try:\n" +
		"        - await: ValueError(\"\\e[2J\\u202e\")\n" +
		"      except:\n" +
		"        KeyError: [{print: \"{e!r}\"}]\n" +
		"    - await: __name__\n" +
		"      as: len\n" +
		"    - let: {s: \"\\u2028\\U0001F600\"}\n" +
		"    - print: \"{len!r} {s}\"\n" +
		"  Two: [{print: two}]\n"
	s, err := scenarios.Parse("hostile.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	py, err := Program(s, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range string(py) {
		if r != '\n' && !scenarios.IsPrintable(r) {
			t.Errorf("byte %d: %U is in the program as it is, not escaped\n%s", i, r, py)
			break
		}
	}
	for _, want := range []string{"async def ValueError_(print_):", "async def __name___():", "len_ = await __name___()", `\x00`, `\x1b`, `\u202e`, `\x7f`, `\x85`} {
		if !strings.Contains(string(py), want) {
			t.Errorf("the program does not contain %q\n%s", want, py)
		}
	}
}
