package main

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/asyncgantt/asyncgantt/internal/golden"
)

// runCLI runs the command in-process and returns its streams and exit status.
func runCLI(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	code = exitCode(run(args, &out, &errb), &errb)
	return out.String(), errb.String(), code
}

func TestRunAsyncBasics(t *testing.T) {
	dir := t.TempDir()
	stdout, stderr, code := runCLI(t, "run", "async-basics", "--out", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	golden.Check(t, "testdata/cli/run-async-basics.stdout", []byte(stdout))
	if got, want := stderr, "wrote "+filepath.Join(dir, "async-basics.svg")+"\n"; got != want {
		t.Errorf("stderr = %q, want %q", got, want)
	}
	svg, err := os.ReadFile(filepath.Join(dir, "async-basics.svg"))
	if err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "testdata/golden/async-basics.svg", svg)
}

func TestExitCodes(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.yaml")
	os.WriteFile(bad, []byte("tasks: {A: 2s}\nruns:\n  R: [{slep: 1s}]\n"), 0o644)
	tests := []struct {
		name   string
		args   []string
		code   int
		stderr string
	}{
		{"Help", []string{"--help"}, 0, ""},
		{"RunHelp", []string{"run", "--help"}, 0, ""},
		{"UnknownCommand", []string{"rnu"}, 2, `did you mean "run"?`},
		{"UnknownFlag", []string{"run", "async-basics", "--otu", dir}, 2, "did you mean --out?"},
		{"NoScenario", []string{"run"}, 2, "name a built-in scenario"},
		{"UnknownBuiltin", []string{"run", "async-basic", "--out", dir}, 2, `did you mean "async-basics"?`},
		{"MissingFile", []string{"run", filepath.Join(dir, "nope.yaml"), "--out", dir}, 2, "cannot read"},
		{"BadScenario", []string{"run", bad, "--out", dir}, 2, bad + `:3:8: unknown step "slep"; did you mean "sleep"?`},
		{"BadClock", []string{"run", "async-basics", "--clock", "fast"}, 2, "--clock"},
		{"BadTheme", []string{"run", "async-basics", "--theme", "neon"}, 2, "unknown theme"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, stderr, code := runCLI(t, tt.args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d; stderr: %s", code, tt.code, stderr)
			}
			if !strings.Contains(stderr, tt.stderr) {
				t.Errorf("stderr %q does not contain %q", stderr, tt.stderr)
			}
		})
	}
	// Bad input writes nothing.
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if e.Name() != "bad.yaml" {
			t.Errorf("a failed command wrote %s", e.Name())
		}
	}
}

func TestBadScenarioShowsCaret(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.yaml")
	os.WriteFile(bad, []byte("tasks: {A: 2s}\nruns:\n  R: [{slep: 1s}]\n"), 0o644)
	_, stderr, _ := runCLI(t, "run", bad, "--out", dir)
	if want := "    R: [{slep: 1s}]\n           ^\n"; !strings.Contains(stderr, want) {
		t.Errorf("stderr %q lacks the caret display %q", stderr, want)
	}
}

// TestGalleryIsFresh fails when the committed out/ differs from a fresh
// render of the built-in scenarios: run `go run .` and commit out/.
func TestGalleryIsFresh(t *testing.T) {
	dir := t.TempDir()
	if _, stderr, code := runCLI(t, "--out", dir); code != 0 {
		t.Fatalf("gallery: exit %d: %s", code, stderr)
	}
	fresh := listFiles(t, dir)
	committed := listFiles(t, "out")
	if !slices.Equal(fresh, committed) {
		t.Fatalf("out/ holds %v, a fresh render writes %v: run `go run .` and commit out/", committed, fresh)
	}
	for _, name := range fresh {
		a, _ := os.ReadFile(filepath.Join("out", name))
		b, _ := os.ReadFile(filepath.Join(dir, name))
		if !bytes.Equal(a, b) {
			t.Errorf("out/%s is stale (%s): run `go run .` and commit out/", name, golden.FirstDiff(a, b))
		}
	}
}

func listFiles(t *testing.T, dir string) []string {
	t.Helper()
	var names []string
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			rel, _ := filepath.Rel(dir, path)
			names = append(names, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(names)
	return names
}

// TestGalleryWellFormed checks every SVG in out/ parses as XML.
func TestGalleryWellFormed(t *testing.T) {
	for _, name := range listFiles(t, "out") {
		if !strings.HasSuffix(name, ".svg") {
			continue
		}
		data, err := os.ReadFile(filepath.Join("out", name))
		if err != nil {
			t.Fatal(err)
		}
		d := xml.NewDecoder(bytes.NewReader(data))
		for {
			_, err := d.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Errorf("out/%s: %v", name, err)
				break
			}
		}
	}
}

// TestReadmeCommands runs every command shown in README.md's console
// blocks ("$ asyncgantt ..." or "$ go run . ...") in-process and compares
// the output shown under it (stdout, then stderr) when any is shown.
// Commands of other programs (go test, bash, git) are not run here.
func TestReadmeCommands(t *testing.T) {
	f, err := os.Open("README.md")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	type shown struct {
		line int
		cmd  string
		out  []string
	}
	var cmds []*shown
	var cur *shown
	inConsole := false
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "```console"):
			inConsole, cur = true, nil
		case strings.HasPrefix(line, "```"):
			inConsole, cur = false, nil
		case inConsole && strings.HasPrefix(line, "$ "):
			cur = &shown{line: n, cmd: strings.TrimPrefix(line, "$ ")}
			cmds = append(cmds, cur)
		case inConsole && cur != nil:
			cur.out = append(cur.out, line)
		}
	}
	ran := 0
	for _, c := range cmds {
		args := strings.Fields(c.cmd)
		switch {
		case len(args) >= 1 && args[0] == "asyncgantt":
			args = args[1:]
		case len(args) >= 2 && args[0] == "go" && args[1] == "run" && args[2] == ".":
			args = args[3:]
		default:
			continue
		}
		ran++
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			dir := t.TempDir()
			cwd, _ := os.Getwd()
			// Commands write into ./out; run them in a scratch directory
			// holding a copy of what they may read.
			copyDir(t, filepath.Join(cwd, "scenarios", "library"), filepath.Join(dir, "scenarios", "library"))
			copyDir(t, filepath.Join(cwd, "trace", "testdata", "chrome", "fixtures"), filepath.Join(dir, "trace", "testdata", "chrome", "fixtures"))
			t.Chdir(dir)
			stdout, stderr, code := runCLI(t, args...)
			if code != 0 {
				t.Fatalf("README.md:%d: %s: exit %d: %s", c.line, c.cmd, code, stderr)
			}
			if len(c.out) == 0 {
				return
			}
			want := strings.Join(c.out, "\n") + "\n"
			if got := stdout + stderr; got != want {
				t.Errorf("README.md:%d: %s: output drifted:\n%s", c.line, c.cmd, golden.FirstDiff([]byte(want), []byte(got)))
			}
		})
	}
	if ran == 0 {
		t.Fatal("README.md shows no asyncgantt command")
	}
}

func copyDir(t *testing.T, from, to string) {
	t.Helper()
	entries, err := os.ReadDir(from)
	if err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(to, 0o755)
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(from, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(to, e.Name()), data, 0o644)
	}
}
