package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/asyncgantt/asyncgantt/scenarios"
)

// TestQuickMatchesAsyncBasics: the one-line figure is the seed figure.
func TestQuickMatchesAsyncBasics(t *testing.T) {
	dir := t.TempDir()
	quickOut, stderr, code := runCLI(t, "quick", "A=2s", "B=1s", "C=3s", "--out", dir)
	if code != 0 {
		t.Fatalf("quick: exit %d: %s", code, stderr)
	}
	if got, want := stderr, "wrote "+filepath.Join(dir, "quick.svg")+"\nwrote "+filepath.Join(dir, "quick.html")+"\n"; got != want {
		t.Errorf("stderr = %q, want %q", got, want)
	}
	basicsOut, _, _ := runCLI(t, "run", "async-basics", "--out", dir)
	if quickOut != basicsOut {
		t.Errorf("quick's transcript differs from async-basics':\n%s\nwant:\n%s", quickOut, basicsOut)
	}
	svg, err := os.ReadFile(filepath.Join(dir, "quick.svg"))
	if err != nil {
		t.Fatal(err)
	}
	for _, run := range []string{"Sequential", "Concurrent", "Blocking"} {
		if !bytes.Contains(svg, []byte(">"+run+"<")) {
			t.Errorf("quick.svg does not show the %s run", run)
		}
	}
}

func TestQuick(t *testing.T) {
	t.Run("Runs", func(t *testing.T) {
		stdout, stderr, code := runCLI(t, "quick", "A=1s", "B=500ms", "--runs", "blocking,concurrent", "-o", "-")
		if code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		if !strings.HasPrefix(stdout, "<?xml") {
			t.Errorf("-o - did not write an SVG on stdout: %.80q", stdout)
		}
		i, j := strings.Index(stdout, ">Blocking<"), strings.Index(stdout, ">Concurrent<")
		if i < 0 || j < 0 || i > j || strings.Contains(stdout, ">Sequential<") {
			t.Errorf("--runs blocking,concurrent drew the wrong runs or order (Blocking at %d, Concurrent at %d)", i, j)
		}
		if stderr != "" {
			t.Errorf("-o - wrote on stderr: %q", stderr)
		}
	})
	t.Run("Source", func(t *testing.T) {
		stdout, _, code := runCLI(t, "quick", "fetch=1.5s", "parse=250ms", "--source", "--title", `A "quoted" title: yes`)
		if code != 0 {
			t.Fatalf("exit %d", code)
		}
		s, err := scenarios.Parse("quick.yaml", []byte(stdout))
		if err != nil {
			t.Fatalf("--source does not parse: %v\n%s", err, stdout)
		}
		if got, want := s.Title, `A "quoted" title: yes`; got != want {
			t.Errorf("title = %q, want %q", got, want)
		}
		if got, want := strings.Join(s.TaskNames(), ","), "fetch,parse"; got != want {
			t.Errorf("tasks = %s, want %s", got, want)
		}
	})
	t.Run("Name", func(t *testing.T) {
		dir := t.TempDir()
		if _, stderr, code := runCLI(t, "quick", "A=1s", "--name", "lesson-1", "--out", dir, "-q"); code != 0 || stderr != "" {
			t.Fatalf("exit %d, stderr %q", code, stderr)
		}
		if _, err := os.Stat(filepath.Join(dir, "lesson-1.svg")); err != nil {
			t.Error(err)
		}
	})
	errs := []struct {
		name   string
		args   []string
		stderr string
	}{
		{"ErrNoTasks", []string{"quick"}, "name the tasks as NAME=DURATION"},
		{"ErrNoEquals", []string{"quick", "A"}, `argument 1, "A": write a task as NAME=DURATION`},
		{"ErrNoUnit", []string{"quick", "A=2s", "B=1"}, `argument 2, "B=1": duration "1" has no unit`},
		{"ErrNegative", []string{"quick", "A=-2s"}, "is negative"},
		{"ErrBadName", []string{"quick", "fetch-data=1s"}, `task name "fetch-data" is not valid`},
		{"ErrNoName", []string{"quick", "=1s"}, "the task has no name"},
		{"ErrTwice", []string{"quick", "A=1s", "A=2s"}, "task A is named twice"},
		{"ErrReserved", []string{"quick", "await=1s"}, `task name "await" is reserved`},
		{"ErrRuns", []string{"quick", "A=1s", "--runs", "concurent"}, `unknown run "concurent"; did you mean "concurrent"?`},
		{"ErrRunsTwice", []string{"quick", "A=1s", "--runs", "blocking,blocking"}, "names blocking twice"},
		{"ErrBaseName", []string{"quick", "A=1s", "--name", "../x"}, "--name"},
		{"ErrFlag", []string{"quick", "A=1s", "--rnus", "blocking"}, "did you mean --runs?"},
		{"ErrSingleDash", []string{"quick", "A=1s", "-out", "x"}, "-out: a long flag takes two dashes: --out"},
	}
	for _, tt := range errs {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			t.Chdir(dir)
			_, stderr, code := runCLI(t, tt.args...)
			if code != 2 {
				t.Errorf("exit %d, want 2; stderr: %s", code, stderr)
			}
			if !strings.Contains(stderr, tt.stderr) {
				t.Errorf("stderr %q does not contain %q", stderr, tt.stderr)
			}
			if entries, _ := os.ReadDir(dir); len(entries) > 0 {
				t.Errorf("a failed command wrote %s", entries[0].Name())
			}
		})
	}
}

func TestOutputFlag(t *testing.T) {
	dir := t.TempDir()
	t.Run("Stdout", func(t *testing.T) {
		stdout, stderr, code := runCLI(t, "run", "async-basics", "-o", "-")
		if code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		want, _ := os.ReadFile("testdata/golden/async-basics.svg")
		if stdout != string(want) {
			t.Errorf("-o - did not write exactly the figure on stdout: %.120q", stdout)
		}
	})
	t.Run("File", func(t *testing.T) {
		path := filepath.Join(dir, "fig.svg")
		stdout, stderr, code := runCLI(t, "run", "async-basics", "-o", path)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		if !strings.HasPrefix(stdout, "--- Sequential execution ---") {
			t.Errorf("-o FILE lost the transcript: %q", stdout)
		}
		if got, want := stderr, "wrote "+path+"\n"; got != want {
			t.Errorf("stderr = %q, want %q", got, want)
		}
	})
	// The extension chooses the format, as render.FormatFor says (.md is
	// the mermaid format's Markdown page), or names it (.mermaid).
	for _, tt := range []struct{ file, start string }{{"fig.md", "# Async basics"}, {"fig.mermaid", "# Async basics"}, {"fig.txt", "Async basics"}} {
		t.Run("Extension"+filepath.Ext(tt.file), func(t *testing.T) {
			path := filepath.Join(dir, tt.file)
			if _, stderr, code := runCLI(t, "run", "async-basics", "-o", path, "-q"); code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			if data, _ := os.ReadFile(path); !strings.HasPrefix(string(data), tt.start) {
				t.Errorf("%s starts %.40q, want %q", tt.file, data, tt.start)
			}
		})
	}
	errs := []struct {
		name   string
		args   []string
		stderr string
	}{
		{"ErrTwoScenarios", []string{"run", "async-basics", "async-basics", "-o", "-"}, "-o writes one file, but 2 scenarios"},
		{"ErrTwoFormats", []string{"run", "async-basics", "--format", "svg,svg", "-o", "-"}, "give one --format"},
		{"ErrExtension", []string{"run", "async-basics", "-o", filepath.Join(dir, "x.gif")}, "no format writes .gif files"},
		{"ErrGallery", []string{"gallery", "-o", "-"}, "use --out DIR"},
	}
	for _, tt := range errs {
		t.Run(tt.name, func(t *testing.T) {
			stdout, stderr, code := runCLI(t, tt.args...)
			if code != 2 {
				t.Errorf("exit %d, want 2; stderr: %s", code, stderr)
			}
			if !strings.Contains(stderr, tt.stderr) {
				t.Errorf("stderr %q does not contain %q", stderr, tt.stderr)
			}
			if stdout != "" {
				t.Errorf("stdout = %.80q, want nothing", stdout)
			}
		})
	}
}

func TestShowNewSchema(t *testing.T) {
	t.Run("Show", func(t *testing.T) {
		stdout, _, code := runCLI(t, "show", "async-basics")
		if code != 0 {
			t.Fatalf("exit %d", code)
		}
		src, _ := scenarios.BuiltinSource("async-basics")
		if got, want := stdout, strings.Replace(string(src), librarySchemaLine, schemaLine, 1); got != want {
			t.Errorf("show printed:\n%s\nwant:\n%s", got, want)
		}
	})
	t.Run("ShowUnknown", func(t *testing.T) {
		_, stderr, code := runCLI(t, "show", "async-basic")
		if code != 2 || !strings.Contains(stderr, `did you mean "async-basics"?`) {
			t.Errorf("exit %d, stderr %q", code, stderr)
		}
	})
	t.Run("New", func(t *testing.T) {
		dir := t.TempDir()
		t.Chdir(dir)
		_, stderr, code := runCLI(t, "new", "lesson-1")
		if code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		if !strings.HasPrefix(stderr, "wrote lesson-1.yaml\n") {
			t.Errorf("stderr = %q", stderr)
		}
		src, err := os.ReadFile("lesson-1.yaml")
		if err != nil {
			t.Fatal(err)
		}
		s, err := scenarios.Parse("lesson-1.yaml", src)
		if err != nil {
			t.Fatalf("the starter does not parse: %v", err)
		}
		if got, want := s.Title, "Lesson 1"; got != want {
			t.Errorf("title = %q, want %q", got, want)
		}
		if !strings.HasPrefix(string(src), schemaLine) {
			t.Errorf("the starter does not start with the $schema line")
		}
		if _, stderr, code := runCLI(t, "run", "lesson-1.yaml", "-q"); code != 0 {
			t.Errorf("the starter does not run: exit %d: %s", code, stderr)
		}
		_, stderr, code = runCLI(t, "new", "lesson-1.yaml")
		if code != 2 || !strings.Contains(stderr, "exists") {
			t.Errorf("new overwrote a file: exit %d, stderr %q", code, stderr)
		}
		if _, _, code := runCLI(t, "new", "lesson-1.yaml", "--force", "-q"); code != 0 {
			t.Errorf("new --force: exit %d", code)
		}
	})
	t.Run("NewStdout", func(t *testing.T) {
		stdout, _, code := runCLI(t, "new", "-")
		if code != 0 || !strings.Contains(stdout, "title: \"My scenario\"") {
			t.Errorf("exit %d, stdout %.200q", code, stdout)
		}
	})
	t.Run("Schema", func(t *testing.T) {
		stdout, _, code := runCLI(t, "schema")
		want, _ := os.ReadFile("schema/scenario.schema.json")
		if code != 0 || stdout != string(want) {
			t.Errorf("schema: exit %d, printed something else than schema/scenario.schema.json", code)
		}
	})
}
