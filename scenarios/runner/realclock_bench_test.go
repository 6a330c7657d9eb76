package runner

import (
	"context"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/asyncgantt/asyncgantt/scenarios"
)

// cpythonOvershoot is the Python equivalent of async-basics' Concurrent
// run: it prints how far past 3 s the gather of the three sleeps ends, in
// seconds, timed as the runner times a run (from the loop's start to
// main's end).
const cpythonOvershoot = `
import asyncio, time

async def task(d):
    await asyncio.sleep(d)

async def main():
    t0 = time.perf_counter()
    await asyncio.gather(task(2), task(1), task(3))
    return time.perf_counter() - t0

print(asyncio.run(main()) - 3)
`

// BenchmarkRealClock measures how punctual the real clock is: async-basics'
// Concurrent run (sleeps of 2, 1 and 3 s gathered) really run, and
// over-ms is how far its measured total lies past the nominal 3 s. The
// CPython run (cpython-over-ms, when python3 is present) is the same
// program under CPython's asyncio. Each iteration takes 3 s of wall time.
func BenchmarkRealClock(b *testing.B) {
	s, err := scenarios.Builtin("async-basics")
	if err != nil {
		b.Fatal(err)
	}
	def := s.Runs[1]
	if def.Name != "Concurrent" {
		b.Fatalf("run 2 is %q, want Concurrent", def.Name)
	}
	b.Run("asyncgantt", func(b *testing.B) {
		var over time.Duration
		for b.Loop() {
			run, err := ExecuteRun(context.Background(), s, def, Options{Clock: RealClock{}})
			if err != nil {
				b.Fatal(err)
			}
			over = run.Total - 3*time.Second
		}
		b.ReportMetric(float64(over)/1e6, "over-ms")
	})
	benchCPython(b, cpythonOvershoot, 1e3, "cpython-over-ms")
}

// cpythonSleeps is BenchmarkRealSleep's run under CPython: it prints how
// much longer than 100 ms 100 sleeps of 1 ms take, per sleep, in seconds.
const cpythonSleeps = `
import asyncio, time

async def main():
    t0 = time.perf_counter()
    for _ in range(100):
        await asyncio.sleep(0.001)
    return time.perf_counter() - t0

print((asyncio.run(main()) - 0.1) / 100)
`

// BenchmarkRealSleep measures the real clock's cost per sleep: a run of
// one task awaiting 100 sleeps of 1 ms in turn; over-µs/sleep is how much
// longer than 100 ms the run takes, per sleep, next to CPython's for the
// same program (cpython-over-µs/sleep).
func BenchmarkRealSleep(b *testing.B) {
	s := &scenarios.Scenario{Name: "sleeps", Title: "sleeps"}
	var steps []scenarios.Step
	for range 100 {
		steps = append(steps, scenarios.Step{Kind: scenarios.Sleep, Duration: time.Millisecond})
	}
	s.Runs = []*scenarios.RunDef{{Name: "R", Steps: steps}}
	b.Run("asyncgantt", func(b *testing.B) {
		var over time.Duration
		for b.Loop() {
			run, err := ExecuteRun(context.Background(), s, s.Runs[0], Options{Clock: RealClock{}})
			if err != nil {
				b.Fatal(err)
			}
			over = run.Total - 100*time.Millisecond
		}
		b.ReportMetric(float64(over)/100/1e3, "over-µs/sleep")
	})
	benchCPython(b, cpythonSleeps, 1e6, "cpython-over-µs/sleep")
}

// benchCPython is the cpython sub-benchmark: it runs prog, a Python
// program that prints a number of seconds, under python3, and reports the
// last number printed times scale, in unit.
func benchCPython(b *testing.B, prog string, scale float64, unit string) {
	b.Run("cpython", func(b *testing.B) {
		if _, err := exec.LookPath("python3"); err != nil {
			b.Skip("python3 not found")
		}
		var over float64
		for b.Loop() {
			out, err := exec.Command("python3", "-c", prog).Output()
			if err != nil {
				b.Fatal(err)
			}
			if over, err = strconv.ParseFloat(strings.TrimSpace(string(out)), 64); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(over*scale, unit)
	})
}
