package scenarios_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"

	"github.com/asyncgantt/asyncgantt/scenarios"
	"github.com/asyncgantt/asyncgantt/scenarios/python"
	"github.com/asyncgantt/asyncgantt/scenarios/runner"
	"github.com/asyncgantt/asyncgantt/trace"
)

// fuzzOptions bound a fuzzed run so each input takes milliseconds.
var fuzzOptions = runner.Options{MaxEvents: 20_000}

// FuzzParse feeds the parser arbitrary bytes: it never panics; a refused
// file gets an ErrorList whose every error names the file and a position
// inside it; an accepted scenario runs without panicking, within small
// limits, to a trace that holds its invariants, and converts to Python.
func FuzzParse(f *testing.F) {
	for _, name := range scenarios.Builtins() {
		src, err := scenarios.BuiltinSource(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src)
	}
	bad, _ := filepath.Glob(filepath.Join("..", "testdata", "bad", "*.yaml"))
	semantics, _ := filepath.Glob(filepath.Join("runner", "testdata", "semantics", "*.yaml"))
	bad = append(bad, semantics...)
	for _, path := range bad {
		src, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		s, err := scenarios.Parse("fuzz.yaml", src)
		if err != nil {
			checkErrorList(t, src, err)
			return
		}
		if _, err := python.Program(s, python.Options{}); err != nil {
			t.Fatalf("Python: %v", err)
		}
		tr, err := runner.Execute(context.Background(), s, fuzzOptions)
		if err != nil {
			var re *runner.RunError
			if !errors.As(err, &re) {
				t.Fatalf("Execute: %v (%T), want a *runner.RunError", err, err)
			}
		}
		if err := trace.Validate(tr); err != nil {
			t.Fatalf("trace invariants: %v\nscenario:\n%s", err, src)
		}
	})
}

// checkErrorList checks a parse error: an ErrorList of at most scenarios.MaxErrors
// errors, each naming the file, with a position inside the source (or
// none, for problems with the whole file).
func checkErrorList(t *testing.T, src []byte, err error) {
	t.Helper()
	var list scenarios.ErrorList
	if !errors.As(err, &list) || len(list) == 0 || len(list) > scenarios.MaxErrors {
		t.Fatalf("error %v (%T) is not an ErrorList of 1 to %d errors", err, err, scenarios.MaxErrors)
	}
	lines := scenarios.SplitLines(bytes.TrimPrefix(src, scenarios.UTF8BOM), -1)
	for _, e := range list {
		if e.File != "fuzz.yaml" || e.Msg == "" {
			t.Fatalf("error %q lacks the file name or a message", e.Error())
		}
		if e.Pos == (scenarios.Pos{}) {
			continue
		}
		if e.Pos.Line < 1 || e.Pos.Line > len(lines) || e.Pos.Col < 1 {
			t.Fatalf("error %q: line %d is outside the file's %d lines", e.Error(), e.Pos.Line, len(lines))
		}
		// Columns count characters; one past the end marks the end of
		// a line.
		line := lines[e.Pos.Line-1]
		if n := utf8.RuneCount(line) + 2; e.Pos.Col > n {
			t.Fatalf("error %q: column %d is past the end of line %q", e.Error(), e.Pos.Col, line)
		}
		_ = e.Detail()
	}
}
