package python

import (
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
