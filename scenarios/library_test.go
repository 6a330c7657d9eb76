package scenarios

import (
	"bytes"
	"path/filepath"
	"testing"

	"github.com/asyncgantt/asyncgantt/internal/golden"
	"github.com/asyncgantt/asyncgantt/trace"
)

// TestBuiltinTranscripts runs every built-in scenario on the virtual clock
// and compares what it prints with a golden transcript: exactly what the
// equivalent Python program prints.
func TestBuiltinTranscripts(t *testing.T) {
	for _, name := range Builtins() {
		t.Run(name, func(t *testing.T) {
			s, err := Builtin(name)
			if err != nil {
				t.Fatal(err)
			}
			if s.Title == name || s.Description == "" {
				t.Errorf("built-in %s needs a title and a description", name)
			}
			tr, err := Execute(s, Options{})
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
