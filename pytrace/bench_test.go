package pytrace

import (
	"context"
	"os/exec"
	"path/filepath"
	"testing"
)

// The tracing benchmark: 10,000 gathered tasks that each sleep and print
// (testdata/bench/gather10k.py), traced on the virtual clock, against
// plain CPython running it with zero-length sleeps. BENCHMARKS.md has the
// numbers.

var bench10k = filepath.Join("testdata", "bench", "gather10k.py")

// BenchmarkTrace10k traces the program: the probe, the pipe, decoding and
// cutting the events into a trace.
func BenchmarkTrace10k(b *testing.B) {
	py := python3(b)
	for b.Loop() {
		res, err := Run(context.Background(), bench10k, Options{Python: py})
		if err != nil {
			b.Fatal(err)
		}
		if n := len(res.Trace.Runs[0].Lanes); n != 10_002 {
			b.Fatalf("%d lanes, want 10,002", n)
		}
	}
}

// BenchmarkPlain10k runs the program with python3 itself, each task
// sleeping zero seconds: the baseline.
func BenchmarkPlain10k(b *testing.B) {
	py := python3(b)
	for b.Loop() {
		if out, err := exec.Command(py, bench10k, "0").Output(); err != nil || len(out) == 0 {
			b.Fatal(err)
		}
	}
}
