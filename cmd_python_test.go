package main

import (
	"bytes"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/asyncgantt/asyncgantt/internal/golden"
	"github.com/asyncgantt/asyncgantt/internal/safetext"
	"github.com/asyncgantt/asyncgantt/internal/walltime"
	"github.com/asyncgantt/asyncgantt/scenarios"
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

// TestPythonParity checks, for every built-in scenario and every scenario
// the runner is checked against CPython with, that the program
// asyncgantt python writes, run by python3 as python3 would run it (as
// __main__, with its time scaled down by testdata/cli/scaled.py), prints
// on standard output what asyncgantt run prints, line for line (the times
// it measures a few milliseconds late), and writes the same warnings and
// exceptions on standard error, Python's file paths, source lines and
// tracebacks aside; also for files whose runs raise.
func TestPythonParity(t *testing.T) {
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 not found")
	}
	files, _ := filepath.Glob(filepath.Join("scenarios", "runner", "testdata", "semantics", "*.yaml"))
	files = append(scenarios.Builtins(), files...)
	files = append(files, filepath.Join("scenarios", "python", "testdata", "seed-lesson.yaml"))
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".yaml")
		if name == "pool" {
			// Worker processes computing at once starve a small machine of
			// CPUs: the differential harness checks it, sleeping instead.
			continue
		}
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			want, runErr, code := runCLI(t, "run", f, "--out", dir, "--format", "txt", "-q")
			if code != 0 {
				t.Fatalf("run: exit %d: %s", code, runErr)
			}
			src, stderr, code := runCLI(t, "python", f)
			if code != 0 {
				t.Fatalf("python: exit %d: %s", code, stderr)
			}
			prog := filepath.Join(dir, "program.py")
			if err := os.WriteFile(prog, []byte(src), 0o644); err != nil {
				t.Fatal(err)
			}
			// A busy machine stretches the program's sleeps: walltime.Retry
			// runs it again, with a tolerance widened by how late the
			// machine was.
			walltime.Retry(t, 6*time.Millisecond, func() func(time.Duration) []string {
				var out, errb bytes.Buffer
				cmd := exec.Command(py, filepath.Join("testdata", "cli", "scaled.py"), strconv.FormatFloat(parityScale, 'f', -1, 64), prog)
				cmd.Stdout, cmd.Stderr = &out, &errb
				if err := cmd.Run(); err != nil {
					t.Fatalf("python3: %v\n%s", err, errb.String())
				}
				// asyncgantt run writes each line through the text policy
				// (a control character as its escape); Python writes it as
				// it is.
				got, gotErr := safeLines(out.String()), errb.String()
				return func(tol time.Duration) []string {
					var errs []string
					if !sameTranscript(want, got, tol.Seconds()/parityScale) {
						errs = append(errs, fmt.Sprintf("python3 printed\n%s\nasyncgantt run printed\n%s", got, want))
					}
					if !sameStderr(runErr, gotErr) {
						errs = append(errs, fmt.Sprintf("python3 wrote on stderr\n%s\nasyncgantt run\n%s", gotErr, runErr))
					}
					return errs
				}
			})
		})
	}
}

// sameStderr reports whether asyncgantt run's standard error and Python's
// say the same warnings and exceptions, in any order (the loop's handler
// writes when the garbage collector runs): Python's lines carry file
// paths, source lines and tracebacks, which are left out, and it names
// tasks (name='Task-2') where asyncgantt does not.
func sameStderr(run, py string) bool {
	var a, b []string
	for _, l := range strings.Split(run, "\n") {
		if l != "" && !strings.HasPrefix(l, "wrote ") {
			a = append(a, l)
		}
	}
	inTraceback := false
	for _, l := range strings.Split(py, "\n") {
		switch {
		case strings.HasPrefix(l, "Traceback (most recent call last):"):
			inTraceback = true
		case inTraceback && strings.HasPrefix(l, " "):
		case inTraceback:
			inTraceback = false // the traceback's exception, written by the handler
		case l == "", strings.HasPrefix(l, "During handling of the above exception"),
			strings.HasPrefix(l, "RuntimeWarning: Enable tracemalloc"), strings.HasPrefix(l, "  "):
		default:
			if m := pyWarning.FindStringSubmatch(l); m != nil {
				l = m[1]
			}
			b = append(b, pyTaskRepr.ReplaceAllString(l, "<Task finished coro=<$1() done>"))
		}
	}
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}

var (
	pyWarning  = regexp.MustCompile(`^.*:[0-9]+: (RuntimeWarning: .*)$`)
	pyTaskRepr = regexp.MustCompile(`<Task finished name='[^']*' coro=<([^(]*)\(\) done, defined at [^>]*>`)
	number     = regexp.MustCompile(`[0-9]+(\.[0-9]+)?`)
)

// parityScale is how much faster than the scenario's time the program
// runs under TestPythonParity.
const parityScale = 0.1

// safeLines is text as asyncgantt run writes it, each line through the
// text policy.
func safeLines(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = safetext.Line(l)
	}
	return strings.Join(lines, "\n")
}

// sameTranscript reports whether python3 printed the lines asyncgantt run
// printed, in the same order, the times a line shows (0.75 s) within tol
// (in the scenario's seconds) and 3 %: a program measures its time, late
// by a few milliseconds.
func sameTranscript(run, py string, tol float64) bool {
	a, b := strings.Split(run, "\n"), strings.Split(py, "\n")
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] == b[i] {
			continue
		}
		if number.ReplaceAllString(a[i], "#") != number.ReplaceAllString(b[i], "#") {
			return false
		}
		x, y := number.FindAllString(a[i], -1), number.FindAllString(b[i], -1)
		for j := range x {
			u, _ := strconv.ParseFloat(x[j], 64)
			v, _ := strconv.ParseFloat(y[j], 64)
			if math.Abs(u-v) > tol+0.03*u+unitOf(x[j]) {
				return false
			}
		}
	}
	return true
}

// unitOf is one unit of a number's last decimal: 0.1 for "1.5".
func unitOf(n string) float64 {
	if i := strings.IndexByte(n, '.'); i >= 0 {
		return math.Pow(10, -float64(len(n)-i-1))
	}
	return 1
}
