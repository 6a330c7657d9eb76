package runner

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/asyncgantt/asyncgantt/internal/golden"
	"github.com/asyncgantt/asyncgantt/scenarios"
	"github.com/asyncgantt/asyncgantt/trace"
)

// TestBuiltinTranscripts runs every built-in scenario on the virtual clock
// and compares what it prints with a golden transcript: exactly what the
// equivalent Python program prints.
func TestBuiltinTranscripts(t *testing.T) {
	for _, name := range scenarios.Builtins() {
		t.Run(name, func(t *testing.T) {
			s, err := scenarios.Builtin(name)
			if err != nil {
				t.Fatal(err)
			}
			if s.Title == name || s.Description == "" {
				t.Errorf("built-in %s needs a title and a description", name)
			}
			tr, err := Execute(context.Background(), s, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if err := trace.Validate(tr); err != nil {
				t.Fatal(err)
			}
			var b bytes.Buffer
			for _, r := range tr.Runs {
				for _, l := range r.Logs {
					b.WriteString(l.Text + "\n")
				}
			}
			golden.Check(t, filepath.Join("testdata", "transcripts", name+".txt"), b.Bytes())
		})
	}
}

// TestSemanticsTranscripts pins the runner's behaviour on the scenarios of
// testdata/semantics (checked against CPython by
// TestSemanticsAgainstCPython): every line printed or written to stderr
// with its time, and each run's uncaught exception.
func TestSemanticsTranscripts(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("testdata", "semantics", "*.yaml"))
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".yaml")
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			s, err := scenarios.Parse(filepath.Base(f), src)
			if err != nil {
				t.Fatal(err)
			}
			tr, err := Execute(context.Background(), s, Options{CPUs: diffCPUs})
			if err != nil {
				t.Fatal(err)
			}
			if err := trace.Validate(tr); err != nil {
				t.Fatal(err)
			}
			var b bytes.Buffer
			for _, r := range tr.Runs {
				fmt.Fprintf(&b, "== %s (total %s s)\n", r.Name, scenarios.FormatSeconds(r.Total))
				for _, l := range r.Logs {
					stream := ""
					if l.Stderr {
						stream = "stderr: "
					}
					fmt.Fprintf(&b, "%7.3f %s%s\n", l.At.Seconds(), stream, l.Text)
				}
				if r.Error != "" {
					fmt.Fprintf(&b, "raised: %s\n", r.Error)
				}
			}
			golden.Check(t, filepath.Join("testdata", "semantics", name+".txt"), b.Bytes())
		})
	}
}
