package main

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
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

// TestReadmeCommands runs every command shown in README.md's console
// blocks ("$ asyncgantt ..." or "$ go run . ...") in-process and compares
// the output shown under it (stdout, then stderr) when any is shown. The
// commands of one block run in order in one scratch directory holding a
// copy of the built-in library, so a block can write a file and use it.
// Within a block:
//   - "$ cat FILE" followed by lines writes those lines as FILE (what cat
//     would then show);
//   - "$ echo $?" shows the previous command's exit status; a command not
//     followed by it must exit 0;
//   - "> FILE" at the end of a command sends its stdout to FILE;
//   - arguments may be quoted with '...' or "...".
//
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
	var blocks [][]*shown
	var cur *shown
	inConsole := false
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "```console"):
			inConsole, cur = true, nil
			blocks = append(blocks, nil)
		case strings.HasPrefix(line, "```"):
			inConsole, cur = false, nil
		case inConsole && strings.HasPrefix(line, "$ "):
			cur = &shown{line: n, cmd: strings.TrimPrefix(line, "$ ")}
			blocks[len(blocks)-1] = append(blocks[len(blocks)-1], cur)
		case inConsole && cur != nil:
			cur.out = append(cur.out, line)
		}
	}
	cwd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	ran := 0
	var mu sync.Mutex
	rewrites, outLines := map[int][]string{}, map[int]int{}
	for _, block := range blocks {
		if len(block) == 0 {
			continue
		}
		t.Run(fmt.Sprintf("README.md:%d", block[0].line), func(t *testing.T) {
			dir := t.TempDir()
			copyDir(t, filepath.Join(cwd, "scenarios", "library"), filepath.Join(dir, "scenarios", "library"))
			copyDir(t, filepath.Join(cwd, "trace", "chrome", "testdata", "fixtures"), filepath.Join(dir, "trace", "chrome", "testdata", "fixtures"))
			t.Chdir(dir)
			lastCode, checked := 0, true
			for _, c := range block {
				args, err := shellWords(c.cmd)
				if err != nil {
					t.Fatalf("README.md:%d: %s: %v", c.line, c.cmd, err)
				}
				want := strings.Join(c.out, "\n") + "\n"
				if len(args) == 2 && args[0] == "cat" {
					if err := os.WriteFile(args[1], []byte(want), 0o644); err != nil {
						t.Fatal(err)
					}
					continue
				}
				if len(args) == 2 && args[0] == "echo" && args[1] == "$?" {
					if got := fmt.Sprintf("%d\n", lastCode); got != want {
						t.Errorf("README.md:%d: exit status %d, the README shows %s", c.line, lastCode, strings.TrimSpace(want))
					}
					checked = true
					continue
				}
				if !checked {
					t.Fatalf("README.md:%d: exit %d", c.line, lastCode)
				}
				switch {
				case len(args) >= 1 && args[0] == "asyncgantt":
					args = args[1:]
				case len(args) >= 3 && args[0] == "go" && args[1] == "run" && args[2] == ".":
					args = args[3:]
				default:
					continue
				}
				redirect := ""
				if n := len(args); n >= 2 && args[n-2] == ">" {
					redirect, args = args[n-1], args[:n-2]
				}
				ran++
				stdout, stderr, code := runCLI(t, args...)
				lastCode, checked = code, code == 0
				if redirect != "" {
					if err := os.WriteFile(redirect, []byte(stdout), 0o644); err != nil {
						t.Fatal(err)
					}
					stdout = ""
				}
				if len(c.out) == 0 {
					if !checked {
						t.Errorf("README.md:%d: %s: exit %d: %s", c.line, c.cmd, code, stderr)
						checked = true
					}
					continue
				}
				if got := stdout + stderr; got != want {
					if golden.Updating() {
						mu.Lock()
						rewrites[c.line] = strings.Split(strings.TrimSuffix(got, "\n"), "\n")
						outLines[c.line] = len(c.out)
						mu.Unlock()
						continue
					}
					t.Errorf("README.md:%d: %s: output drifted (exit %d; go test -run TestReadmeCommands -update rewrites it):\n%s", c.line, c.cmd, code, golden.FirstDiff([]byte(want), []byte(got)))
				}
			}
			if !checked {
				t.Errorf("README.md: the block's last command exited %d", lastCode)
			}
		})
	}
	if ran == 0 {
		t.Fatal("README.md shows no asyncgantt command")
	}
	if len(rewrites) > 0 {
		rewriteReadme(t, rewrites, outLines)
	}
}

// rewriteReadme replaces, under -update, the output shown after the
// commands on the given lines of README.md with what they printed.
func rewriteReadme(t *testing.T, rewrites map[int][]string, outLines map[int]int) {
	data, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(data), "\n")
	var out []string
	for i := 0; i < len(lines); i++ {
		out = append(out, lines[i])
		if got, ok := rewrites[i+1]; ok {
			out = append(out, got...)
			i += outLines[i+1]
		}
	}
	if err := os.WriteFile("README.md", []byte(strings.Join(out, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("rewrote the output of %d README commands: review git diff README.md", len(rewrites))
}

// shellWords splits a command line as a POSIX shell would for the simple
// commands the README shows: words separated by spaces, '...' and "..."
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
