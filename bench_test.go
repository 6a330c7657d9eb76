package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// buildBinary builds asyncgantt once into a temporary directory and
// returns its path: what a user runs, started as a whole process.
func buildBinary(b *testing.B) string {
	b.Helper()
	bin := filepath.Join(b.TempDir(), "asyncgantt")
	cmd := exec.Command("go", "build", "-o", bin, ".")
	if out, err := cmd.CombinedOutput(); err != nil {
		b.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// BenchmarkEndToEnd measures the built binary, as a whole process: start,
// parse the scenario, run it, lay it out, write the SVG and the HTML
// report, exit. Compare with the bar: about 0.7 s for a
// matplotlib script, 1.5 s for mermaid-cli, 1.0 s for PlantUML, 0.03 s
// for gnuplot.
func BenchmarkEndToEnd(b *testing.B) {
	bin := buildBinary(b)
	for _, c := range []struct {
		name string
		args []string
	}{
		{"async-basics/svg+html", []string{"run", "async-basics", "--format", "svg,html", "-q"}},
		{"async-basics/svg", []string{"run", "async-basics", "--format", "svg", "-q"}},
		{"async-basics/png", []string{"run", "async-basics", "--format", "png", "-q"}},
	} {
		b.Run(c.name, func(b *testing.B) {
			out := b.TempDir()
			args := append(c.args, "--out", out)
			for b.Loop() {
				cmd := exec.Command(bin, args...)
				cmd.Stdout, cmd.Stderr = nil, os.Stderr
				if err := cmd.Run(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
