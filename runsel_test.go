package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// badges returns the texts of a figure's speed-up badges.
func badges(t *testing.T, path string) []string {
	t.Helper()
	svg, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, m := range regexp.MustCompile(`class="speedup-text"[^>]*>([^<]*)<`).FindAllSubmatch(svg, -1) {
		out = append(out, string(m[1]))
	}
	return out
}

func TestBaselineFlag(t *testing.T) {
	dir := t.TempDir()
	fig := filepath.Join(dir, "fig.svg")
	for _, tt := range []struct {
		args []string
		want string
	}{
		{nil, "2.0× faster than Sequential|no gain over Sequential (1.0×)"},
		{[]string{"--baseline", "none"}, ""},
		{[]string{"--baseline", "Concurrent"}, "2.0× slower than Concurrent|2.0× slower than Concurrent"},
		{[]string{"--runs", "Blocking,Concurrent"}, "2.0× faster than Blocking"},
	} {
		args := append([]string{"run", "async-basics", "-o", fig, "-q"}, tt.args...)
		if _, stderr, code := runCLI(t, args...); code != 0 {
			t.Fatalf("%v: exit %d: %s", tt.args, code, stderr)
		}
		if got := strings.Join(badges(t, fig), "|"); got != tt.want {
			t.Errorf("%v: badges %q, want %q", tt.args, got, tt.want)
		}
	}
	// A failing run is never called faster or slower.
	src := filepath.Join(dir, "fails.yaml")
	os.WriteFile(src, []byte("tasks:\n  A: 1s\n  B: [{sleep: 1s}, {raise: \"ValueError: boom\"}]\nruns:\n  Fails: [{gather: [A, B]}]\n  Works: [{gather: [A, B], return_exceptions: true}, {sleep: 2s}]\n"), 0o644)
	if _, stderr, code := runCLI(t, "run", src, "-o", fig, "-q"); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr) // a run that raises is a lesson, not a failure
	}
	if got := strings.Join(badges(t, fig), "|"); got != "failed at 1.0 s" {
		t.Errorf("badges of a failing baseline: %q, want only its own", got)
	}
}

func TestBaselineScenario(t *testing.T) {
	dir := t.TempDir()
	fig := filepath.Join(dir, "fig.svg")
	src := filepath.Join(dir, "lesson.yaml")
	os.WriteFile(src, []byte("figure: {baseline: Slow}\ntasks:\n  a: 2s\n  b: 1s\nruns:\n  Fast: [{gather: [a]}]\n  Slow: [{await: a}, {await: b}]\n"), 0o644)
	for _, tt := range []struct {
		args []string
		want string
	}{
		{nil, "1.5× faster than Slow"}, // named in the scenario, though the runs differ
		{[]string{"--baseline", "none"}, ""},
		{[]string{"--runs", "Fast"}, ""},
	} {
		args := append([]string{"run", src, "-o", fig, "-q"}, tt.args...)
		if _, stderr, code := runCLI(t, args...); code != 0 {
			t.Fatalf("%v: exit %d: %s", tt.args, code, stderr)
		}
		if got := strings.Join(badges(t, fig), "|"); got != tt.want {
			t.Errorf("%v: badges %q, want %q", tt.args, got, tt.want)
		}
	}
}

func TestRunsFlag(t *testing.T) {
	dir := t.TempDir()
	stdout, stderr, code := runCLI(t, "run", "async-basics", "--runs", "Blocking,Sequential", "--out", dir, "--format", "svg,txt", "-q")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if strings.Contains(stdout, "--- Concurrent execution ---") || strings.Index(stdout, "Blocking total") > strings.Index(stdout, "Sequential total") {
		t.Errorf("transcript of --runs Blocking,Sequential:\n%s", stdout)
	}
	chart, _ := os.ReadFile(filepath.Join(dir, "async-basics.txt"))
	if c := string(chart); strings.Contains(c, "Concurrent") || !strings.Contains(c, "Blocking 6.0 s, Sequential 6.0 s (1.0× — no gain)") {
		t.Errorf("chart of --runs Blocking,Sequential:\n%s", c)
	}
	for _, tt := range []struct {
		args []string
		msg  string
	}{
		{[]string{"--runs", "Concurent"}, `--runs: no run is called "Concurent" (did you mean "Concurrent"?); its runs: "Sequential", "Concurrent", "Blocking"`},
		{[]string{"--runs", "Blocking,Blocking"}, `--runs names "Blocking" twice`},
		{[]string{"--baseline", "Fast"}, `--baseline "Fast" is not a run: use one of "Sequential", "Concurrent", "Blocking", or none`},
		{[]string{"--runs", "Concurrent", "--baseline", "Sequential"}, `--baseline "Sequential" is not a run: use one of "Concurrent", or none`},
	} {
		_, stderr, code := runCLI(t, append([]string{"run", "async-basics", "--out", dir}, tt.args...)...)
		if code != 2 || !strings.Contains(stderr, tt.msg) {
			t.Errorf("%v: exit %d, stderr %q; want 2 and %q", tt.args, code, stderr, tt.msg)
		}
	}
}

func TestHelpPrintsUsageOnce(t *testing.T) {
	for _, c := range commands {
		for _, flag := range []string{"--help", "-h"} {
			stdout, stderr, code := runCLI(t, c.name, flag)
			if code != 0 || strings.Count(stdout, "Usage:") != 1 || stderr != "" {
				t.Errorf("%s %s: exit %d, %d usages on stdout, stderr %q", c.name, flag, code, strings.Count(stdout, "Usage:"), stderr)
			}
		}
	}
}

func TestOutputExtensionAndFormatAgree(t *testing.T) {
	dir := t.TempDir()
	for _, tt := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"-o", filepath.Join(dir, "fig.svg"), "--format", "png"}, 2, "-o " + filepath.Join(dir, "fig.svg") + " names a .svg file, but --format png writes .png"},
		{[]string{"-o", filepath.Join(dir, "fig.svg"), "--format", "svg"}, 0, ""},
		{[]string{"-o", filepath.Join(dir, "fig"), "--format", "png"}, 0, ""}, // no extension: the format decides
		{[]string{"-o", filepath.Join(dir, "fig.htm"), "--format", "html"}, 0, ""},
	} {
		_, stderr, code := runCLI(t, append([]string{"run", "async-basics", "-q"}, tt.args...)...)
		if code != tt.code || !strings.Contains(stderr, tt.msg) {
			t.Errorf("%v: exit %d, stderr %q; want %d and %q", tt.args, code, stderr, tt.code, tt.msg)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "fig.svg.png")); err == nil {
		t.Errorf("a refused command wrote a file")
	}
}

func TestGalleryReportsOnStderr(t *testing.T) {
	dir := t.TempDir()
	stdout, stderr, code := runCLI(t, "gallery", "--out", dir, "--format", "txt")
	if code != 0 || stdout != "" || !strings.Contains(stderr, "wrote "+filepath.Join(dir, "async-basics.txt")+"\n") {
		t.Errorf("exit %d, stdout %q, stderr %.200q; want the files written on stderr, as run and quick report them", code, stdout, stderr)
	}
}

func TestBaselineCheckedBeforeRunning(t *testing.T) {
	dir := t.TempDir()
	for _, args := range [][]string{
		{"quick", "A=1s", "B=2s", "--baseline", "Fast", "--out", dir},
		{"render", "trace/chrome/testdata/fixtures/viztracer_old.json", "--baseline", "Fast", "--out", dir},
	} {
		stdout, stderr, code := runCLI(t, args...)
		if code != 2 || stdout != "" || !strings.Contains(stderr, `--baseline "Fast" is not a run`) {
			t.Errorf("%v: exit %d, stdout %.80q, stderr %q; want exit 2 before anything runs", args, code, stdout, stderr)
		}
	}
}

// TestCaughtExceptionShows is the acceptance: a try/except around
// an awaited coroutine that raises shows ✗ with the exception on it.
func TestCaughtExceptionShows(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "lesson.yaml")
	os.WriteFile(src, []byte(`tasks:
  fetch: [{sleep: 1s}, {raise: "ValueError: boom"}]
  safe:
    - try: [{await: fetch}]
      except: {ValueError: [{print: "caught {e}"}]}
runs:
  R: [{await: safe}]
`), 0o644)
	fig := filepath.Join(dir, "fig.svg")
	if _, stderr, code := runCLI(t, "run", src, "-o", fig, "-q"); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	svg, _ := os.ReadFile(fig)
	if !regexp.MustCompile(`class="outcome-(error|caught)"[^>]*>✗ ValueError: boom`).Match(svg) {
		t.Errorf("the figure does not show ✗ ValueError: boom on the coroutine that raised")
	}
}
