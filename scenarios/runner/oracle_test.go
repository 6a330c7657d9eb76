package runner

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/asyncgantt/asyncgantt/scenarios"
)

// TestOracle checks the runner's expressions against CPython's own
// answers (testdata/oracle, written by oracle.py under Python 3.11): in
// ops.txt, the repr of each expression's value or the exception it raises
// (operators on every pair of types, built-in functions, indexing,
// comparisons); in fmt.txt, format(value, spec) for format specs on every
// type. Each line runs as a print of an f-string in a scenario of its own.
// A line the runner does not model (a complex number) must stop the run
// as unsupported, never give another answer; only a complex number and
// old string formatting ('%d' % 3) are such.
func TestOracle(t *testing.T) {
	for _, file := range []string{"ops.txt", "fmt.txt"} {
		t.Run(file, func(t *testing.T) {
			src, err := os.ReadFile(filepath.Join("testdata", "oracle", file))
			if err != nil {
				t.Fatal(err)
			}
			unsupported := 0
			for n, line := range strings.Split(strings.TrimSuffix(string(src), "\n"), "\n") {
				var expr, spec, want string
				if file == "ops.txt" {
					i := strings.Index(line, " => ")
					if j := strings.Index(line, " -> "); i < 0 || j >= 0 && j < i {
						i = j
					}
					expr, want = line[:i], line[i+1:]
				} else {
					f := strings.SplitN(line, "\t", 3)
					value := map[string]string{"inf": "float('inf')", "nan": "float('nan')"}[f[0]]
					if value == "" {
						value = f[0]
					}
					expr, spec, want = value, f[1], f[2]
				}
				got, ok := oracleEval(t, expr, spec, file == "fmt.txt")
				switch {
				case !ok:
					unsupported++
					// A complex number, and old string formatting (text %
					// values), are not in the language.
					if !strings.HasSuffix(want, "j)") && !(strings.HasPrefix(expr, "'") && strings.Contains(expr, "' % ")) {
						t.Errorf("%s:%d: %s: the runner does not model it; CPython gives %s", file, n+1, expr, want)
					}
				case got != want:
					t.Errorf("%s:%d: %s\n  runner  %s\n  CPython %s", file, n+1, expr, got, want)
				}
			}
			if unsupported > 8 {
				t.Errorf("%d lines not modelled", unsupported)
			}
		})
	}
}

// oracleEval evaluates expr in a run, or formats it with spec when
// format: "=> REPR" of the value, "-> TYPE: message" of its exception;
// false when the runner stops the run as unsupported.
func oracleEval(t *testing.T, expr, spec string, format bool) (string, bool) {
	t.Helper()
	text := "{repr(" + expr + ")}"
	if format {
		text = "{(" + expr + "):" + spec + "}"
	}
	quoted := strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(text)
	src := "tasks: {A: 1s}\nruns:\n  R:\n    - print: \"" + quoted + "\"\n"
	s, err := scenarios.Parse("oracle.yaml", []byte(src))
	if err != nil {
		t.Errorf("%s: %v", expr, err)
		return "", true
	}
	var out bytes.Buffer
	tr, err := Execute(context.Background(), s, Options{Stdout: &out})
	if errors.Is(err, ErrUnsupported) {
		return "", false
	}
	if r := tr.Runs[0]; r.Error != "" {
		return "-> " + r.Error, true
	}
	got := strings.TrimSuffix(out.String(), "\n")
	if format {
		got = scenarios.StringRepr(got)
	}
	return "=> " + got, true
}
