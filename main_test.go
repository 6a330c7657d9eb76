package main

import (
	"bytes"
	"encoding/xml"
	"errors"
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
	if got, want := stderr, "wrote "+filepath.Join(dir, "async-basics.svg")+"\nwrote "+filepath.Join(dir, "async-basics.html")+"\n"; got != want {
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

// shellWords splits a command line as a POSIX shell would for the simple
// commands the documentation shows: words separated by spaces, '...' and "..."
// quoting (with \" and \\ inside double quotes).
func shellWords(line string) ([]string, error) {
	var words []string
	var w strings.Builder
	inWord := false
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch {
		case c == ' ' || c == '\t':
			if inWord {
				words = append(words, w.String())
				w.Reset()
				inWord = false
			}
		case c == '\'':
			j := strings.IndexByte(line[i+1:], '\'')
			if j < 0 {
				return nil, errors.New("unterminated '")
			}
			w.WriteString(line[i+1 : i+1+j])
			i += j + 1
			inWord = true
		case c == '"':
			i++
			for ; i < len(line) && line[i] != '"'; i++ {
				if line[i] == '\\' && i+1 < len(line) && (line[i+1] == '"' || line[i+1] == '\\') {
					i++
				}
				w.WriteByte(line[i])
			}
			if i == len(line) {
				return nil, errors.New(`unterminated "`)
			}
			inWord = true
		default:
			w.WriteByte(c)
			inWord = true
		}
	}
	if inWord {
		words = append(words, w.String())
	}
	return words, nil
}

func TestShellWords(t *testing.T) {
	tests := []struct {
		line string
		want []string
	}{
		{"asyncgantt run  a.yaml", []string{"asyncgantt", "run", "a.yaml"}},
		{`asyncgantt quick A=1s --title "My \"first\" figure"`, []string{"asyncgantt", "quick", "A=1s", "--title", `My "first" figure`}},
		{`echo '$?' x''y`, []string{"echo", "$?", "xy"}},
	}
	for _, tt := range tests {
		got, err := shellWords(tt.line)
		if err != nil || !slices.Equal(got, tt.want) {
			t.Errorf("shellWords(%q) = %q, %v; want %q", tt.line, got, err, tt.want)
		}
	}
	if _, err := shellWords(`a "b`); err == nil {
		t.Errorf("an unterminated quote is not an error")
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

// TestCommandList checks main.go's list of commands: every name once, each
// with a synopsis that starts with it and a summary.
func TestCommandList(t *testing.T) {
	seen := map[string]bool{}
	for _, c := range commands {
		if seen[c.name] {
			t.Errorf("command %q is listed twice", c.name)
		}
		seen[c.name] = true
		if !strings.HasPrefix(c.synopsis+" ", c.name+" ") || c.summary == "" || c.run == nil {
			t.Errorf("command %q: synopsis %q, summary %q: want a synopsis starting with the name, a summary and a run function", c.name, c.synopsis, c.summary)
		}
	}
}
