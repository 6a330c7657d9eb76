package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/asyncgantt/asyncgantt/internal/golden"
)

func TestPythonCommand(t *testing.T) {
	stdout, stderr, code := runCLI(t, "python", "three-ways")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	golden.Check(t, "testdata/cli/python-three-ways.py", []byte(stdout))
	for _, tt := range []struct {
		name   string
		args   []string
		stderr string
	}{
		{"ErrNoArgument", []string{"python"}, "name one built-in scenario"},
		{"ErrTwoArguments", []string{"python", "three-ways", "async-basics"}, "name one built-in scenario"},
		{"ErrUnknownBuiltin", []string{"python", "three-way"}, `did you mean "three-ways"?`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, stderr, code := runCLI(t, tt.args...)
			if code != 2 || !strings.Contains(stderr, tt.stderr) {
				t.Errorf("exit %d, stderr %q; want exit 2 and %q", code, stderr, tt.stderr)
			}
		})
	}
}

// TestRealClockFigureIsMeasured checks that a real-clock run's figure says
// its times were measured.
func TestRealClockFigureIsMeasured(t *testing.T) {
	dir := t.TempDir()
	_, stderr, code := runCLI(t, "run", "gather-results", "--clock", "real", "--speed", "20", "--out", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	svg, err := os.ReadFile(filepath.Join(dir, "gather-results.svg"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(svg), "Measured") {
		t.Error("the figure of a real-clock run does not say it was measured")
	}
}
