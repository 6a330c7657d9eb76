package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/asyncgantt/asyncgantt/internal/golden"
)

// coursePage is the test page of three blocks that CI also builds with
// MkDocs and Sphinx.
const coursePage = "testdata/course/docs/lesson.md"

// copyPage copies the course page into a new folder and returns its path.
func copyPage(t *testing.T) string {
	t.Helper()
	src, err := os.ReadFile(coursePage)
	if err != nil {
		t.Fatal(err)
	}
	page := filepath.Join(t.TempDir(), "lesson.md")
	if err := os.WriteFile(page, src, 0o644); err != nil {
		t.Fatal(err)
	}
	return page
}

func readDir(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

func TestMarkdownCycle(t *testing.T) {
	page := copyPage(t)
	figures := filepath.Join(filepath.Dir(page), "figures")

	// Before the first run the page is stale.
	if stdout, _, code := runCLI(t, "markdown", "--check", page); code != 1 || !strings.Contains(stdout, page+": stale: 3 figure files to write, the page to update") {
		t.Fatalf("--check on a new page: exit %d, stdout %q", code, stdout)
	}
	_, stderr, code := runCLI(t, "markdown", page)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	first, _ := os.ReadFile(page)
	golden.Check(t, "testdata/course/lesson.golden.md", first)
	figs := readDir(t, figures)
	if len(figs) != 3 || strings.Count(stderr, "wrote ") != 3 || !strings.Contains(stderr, "updated "+page) {
		t.Fatalf("figures %v, stderr:\n%s", figs, stderr)
	}
	for _, f := range figs {
		svg, _ := os.ReadFile(filepath.Join(figures, f))
		if !strings.HasPrefix(string(svg), "<?xml") && !strings.HasPrefix(string(svg), "<svg") {
			t.Errorf("%s is not an SVG: %.60q", f, svg)
		}
	}
	// The dark block draws one run in the dark theme.
	dark, _ := os.ReadFile(filepath.Join(figures, strings.TrimPrefix(linkAfter(t, string(first), "A and B gathered: 2 s"), "figures/")))
	if !strings.Contains(string(dark), "Concurrent") || strings.Contains(string(dark), "Sequential") {
		t.Errorf("the block with runs: [Concurrent] drew other runs")
	}

	// A second run changes no byte.
	if _, stderr, code := runCLI(t, "markdown", page); code != 0 || stderr != "" {
		t.Errorf("second run: exit %d, stderr %q", code, stderr)
	}
	if again, _ := os.ReadFile(page); string(again) != string(first) || !slices.Equal(readDir(t, figures), figs) {
		t.Errorf("the second run changed something")
	}
	if _, _, code := runCLI(t, "markdown", "--check", page); code != 0 {
		t.Errorf("--check after a run: exit %d", code)
	}

	// Editing one block changes one figure and removes its old file.
	edited := strings.Replace(string(first), "  A: 2s\n  B: 1s\nruns:\n  Blocking:", "  A: 3s\n  B: 1s\nruns:\n  Blocking:", 1)
	if edited == string(first) {
		t.Fatal("the edit did not apply")
	}
	os.WriteFile(page, []byte(edited), 0o644)
	if stdout, _, code := runCLI(t, "markdown", "--check", page); code != 1 || !strings.Contains(stdout, "1 figure file to write, 1 stale figure file to remove, the page to update") {
		t.Errorf("--check after an edit: exit %d, stdout %q", code, stdout)
	}
	_, stderr, _ = runCLI(t, "markdown", page)
	after := readDir(t, figures)
	var kept int
	for _, f := range figs {
		if slices.Contains(after, f) {
			kept++
		}
	}
	if len(after) != 3 || kept != 2 || strings.Count(stderr, "wrote ") != 1 || strings.Count(stderr, "removed ") != 1 {
		t.Errorf("after the edit: figures %v (were %v); stderr:\n%s", after, figs, stderr)
	}
	if _, _, code := runCLI(t, "markdown", "--check", page); code != 0 {
		t.Errorf("--check after the re-run: exit %d", code)
	}
}

// linkAfter returns the destination of the image whose text is alt.
func linkAfter(t *testing.T, page, alt string) string {
	t.Helper()
	_, rest, ok := strings.Cut(page, "!["+alt+"](")
	if !ok {
		t.Fatalf("no image %q in the page", alt)
	}
	return rest[:strings.IndexByte(rest, ')')]
}

func TestMarkdownFlags(t *testing.T) {
	page := copyPage(t)
	_, stderr, code := runCLI(t, "markdown", "--format", "svg,png", "--hide-source", "-q", page)
	if code != 0 || stderr != "" {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	text, _ := os.ReadFile(page)
	if n := strings.Count(string(text), "<!-- asyncgantt:source"); n != 3 {
		t.Errorf("--hide-source hid %d blocks, want 3", n)
	}
	if n := len(readDir(t, filepath.Join(filepath.Dir(page), "figures"))); n != 6 {
		t.Errorf("--format svg,png wrote %d files, want 6", n)
	}
	if !strings.Contains(string(text), "[PNG](figures/lesson-") {
		t.Errorf("the PNG is not linked:\n%s", text)
	}
	// The same flags again change nothing; other flags rename every
	// figure.
	if _, stderr, _ := runCLI(t, "markdown", "--format", "svg,png", page); stderr != "" {
		t.Errorf("second run: %s", stderr)
	}
	_, stderr, _ = runCLI(t, "markdown", "--width", "900", "--show-source", page)
	if strings.Count(stderr, "wrote ") != 3 || strings.Count(stderr, "removed ") != 6 {
		t.Errorf("changing the flags:\n%s", stderr)
	}
	if text, _ := os.ReadFile(page); strings.Contains(string(text), "<!-- asyncgantt:source") {
		t.Errorf("--show-source left blocks hidden")
	}
}

func TestMarkdownErrors(t *testing.T) {
	dir := t.TempDir()
	page := filepath.Join(dir, "bad.md")
	os.WriteFile(page, []byte("# Bad\n\n- item\n\n  ```asyncgantt {theme: dark}\n  tasks:\n    A:\n      - sleeep: 1s\n  runs:\n    R: [{await: A}]\n  ```\n"), 0o644)
	for _, tt := range []struct {
		name   string
		args   []string
		code   int
		stderr string
	}{
		{"NoPages", []string{"markdown"}, 2, "name the Markdown pages or folders"},
		{"HideAndShow", []string{"markdown", "--hide-source", "--show-source", page}, 2, "contradict"},
		{"BadFlag", []string{"markdown", "--theme", "neon", page}, 2, "unknown theme"},
		{"RunFlag", []string{"markdown", "--clock", "real", page}, 2, "unknown flag: --clock"},
		{"Missing", []string{"markdown", filepath.Join(dir, "nope.md")}, 2, "cannot read it"},
		{"Scenario", []string{"markdown", page}, 2, page + ":8:9: block at line 5 (scenario line 3, column 7): unknown step \"sleeep\"; did you mean \"sleep\"? (valid: print, sleep," +
			" block, cpu, raise, return, await, create_task, cancel, gather, wait, wait_for, timeout, task_group, as_completed, async_with, set, clear, put, get, to_thread, try, call, asyncio_run, for, while, if, break, continue, let, task_done, join, run_in_executor, append)" +
			"\n          - sleeep: 1s\n            ^\n"},
		{"Option", []string{"markdown", writeTemp(t, dir, "opt.md", "```asyncgantt {runs: [Concurent]}\ntasks: {A: 1s}\nruns: {Concurrent: [{await: A}]}\n```\n")}, 2,
			"opt.md:1:16: block at line 1: option runs: the scenario has no run \"Concurent\"; did you mean Concurrent? (its runs: Concurrent)"},
		{"UnknownOption", []string{"markdown", writeTemp(t, dir, "opt2.md", "```asyncgantt {widht: 3}\ntasks: {A: 1s}\nruns: {R: [{await: A}]}\n```\n")}, 2,
			"opt2.md:1:16: block at line 1: option widht: unknown option; did you mean width?"},
		{"OptionValue", []string{"markdown", writeTemp(t, dir, "opt3.md", "```asyncgantt {width: 5}\ntasks: {A: 1s}\nruns: {R: [{await: A}]}\n```\n")}, 2,
			"opt3.md:1:16: block at line 1: option width: 5 is not valid: use 320 to 20000 pixels"},
		{"ProgramOption", []string{"markdown", writeTemp(t, dir, "py.md", "```python asyncgantt {clock: real}\nimport asyncio\n```\n")}, 2,
			"py.md:1:23: block at line 1: option clock: not an option of a block: figures in pages use the virtual clock"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, stderr, code := runCLI(t, tt.args...)
			if code != tt.code || !strings.Contains(stderr, tt.stderr) {
				t.Errorf("exit %d, stderr:\n%s\nwant exit %d and:\n%s", code, stderr, tt.code, tt.stderr)
			}
		})
	}
	if _, err := os.Stat(filepath.Join(dir, "figures")); err == nil {
		t.Errorf("bad pages wrote figures")
	}
}

func writeTemp(t *testing.T, dir, name, text string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestMarkdownDeadlockWarns(t *testing.T) {
	dir := t.TempDir()
	page := writeTemp(t, dir, "d.md", "```asyncgantt\nprimitives: {ev: event}\ntasks:\n  A: [{sleep: 1s}, {await: ev}]\nruns:\n  R: [{await: A}]\n```\n")
	_, stderr, code := runCLI(t, "markdown", "-q", page)
	if code != 0 || !strings.Contains(stderr, "warning: "+page+":1: block at line 1: ") || !strings.Contains(stderr, "deadlock") {
		t.Errorf("a deadlocking scenario: exit %d, stderr %q", code, stderr)
	}
}

// TestDocsFiguresFresh checks that the figures of docs/ are drawn from
// their blocks as they stand, as docs/course.md says.
func TestDocsFiguresFresh(t *testing.T) {
	if stdout, stderr, code := runCLI(t, "markdown", "--check", "docs"); code != 0 {
		t.Errorf("docs/ has stale figures (run go run . markdown docs): exit %d\n%s%s", code, stdout, stderr)
	}
}

// programPage is a page with a python asyncgantt block: the lesson of
// issue 14, each call of sequential and concurrent a run; it reads a file
// beside the page, as programs run in the page's folder.
const programPage = "# Awaited in turn, then gathered\n\n" +
	"```python asyncgantt {runs: [sequential, concurrent], transcript-block: true}\n" +
	"import asyncio\n\n\n" +
	"async def task(name, seconds):\n" +
	"    print(f\"Task {name} starting...\")\n" +
	"    await asyncio.sleep(seconds)\n" +
	"    print(f\"Task {name} done after {seconds} seconds\")\n\n\n" +
	"async def sequential():\n" +
	"    await task(\"A\", 2)\n" +
	"    await task(\"B\", 1)\n\n\n" +
	"async def concurrent():\n" +
	"    await asyncio.gather(task(\"A\", 2), task(\"B\", 1))\n\n\n" +
	"async def main():\n" +
	"    print(open(\"greeting.txt\").read().strip())\n" +
	"    await sequential()\n" +
	"    await concurrent()\n\n\n" +
	"asyncio.run(main())\n" +
	"```\n"

func TestMarkdownProgram(t *testing.T) {
	needPython3(t)
	dir := t.TempDir()
	page := writeTemp(t, dir, "lesson.md", programPage)
	writeTemp(t, dir, "greeting.txt", "Hello from beside the page\n")
	if stdout, _, code := runCLI(t, "markdown", "--check", page); code != 1 || !strings.Contains(stdout, page+": stale: 1 figure file to write, the page to update") {
		t.Fatalf("--check on a new page: exit %d, stdout %q", code, stdout)
	}
	_, stderr, code := runCLI(t, "markdown", page)
	if code != 0 || strings.Count(stderr, "wrote ") != 1 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	text, _ := os.ReadFile(page)
	want := "```text\nHello from beside the page\nTask A starting...\nTask A done after 2 seconds\nTask B starting...\nTask B done after 1 seconds\n" +
		"Task A starting...\nTask B starting...\nTask B done after 1 seconds\nTask A done after 2 seconds\n```\n"
	if !strings.Contains(string(text), want) {
		t.Errorf("the page does not show what the program printed:\n%s", text)
	}
	link := linkAfter(t, string(text), "Gantt chart of the runs sequential, concurrent")
	svg, err := os.ReadFile(filepath.Join(dir, link))
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"sequential", "concurrent", "task(&#39;A&#39;, 2)", "3.0 s", "2.0 s"} {
		if !strings.Contains(string(svg), s) {
			t.Errorf("the figure has no %q", s)
		}
	}
	if strings.Contains(string(svg), "asyncgantt-block-") || strings.Contains(string(text), "asyncgantt-block-") {
		t.Errorf("the temporary folder of the block shows")
	}

	// Again: nothing changes, and the page is fresh.
	if _, stderr, code := runCLI(t, "markdown", page); code != 0 || stderr != "" {
		t.Errorf("second run: exit %d, stderr %q", code, stderr)
	}
	if again, _ := os.ReadFile(page); string(again) != string(text) {
		t.Errorf("the second run changed the page")
	}
	if _, _, code := runCLI(t, "markdown", "--check", page); code != 0 {
		t.Errorf("--check after a run: exit %d", code)
	}
	// Editing the program makes the page stale, and a new figure.
	os.WriteFile(page, []byte(strings.Replace(string(text), `task("B", 1))`, `task("B", 3))`, 1)), 0o644)
	if stdout, _, code := runCLI(t, "markdown", "--check", page); code != 1 || !strings.Contains(stdout, "1 figure file to write, 1 stale figure file to remove, the page to update") {
		t.Errorf("--check after an edit: exit %d, stdout %q", code, stdout)
	}
}

func TestMarkdownProgramErrors(t *testing.T) {
	needPython3(t)
	dir := t.TempDir()
	block := func(body string) string { return "# P\n\nSome text.\n\n```python asyncgantt\n" + body + "```\n" }
	for _, tt := range []struct {
		name, page string
		code       int
		stderr     string
	}{
		{"Syntax", block("import asyncio\n\nasync def main(:\n    pass\n"), 2,
			"syntax.md:8:1: block at line 5 (program line 3): the program exited with status 1 before any asyncio.run: SyntaxError: invalid syntax\n    async def main(:\n"},
		{"Early", block("import asyncio\nraise ValueError('early')\n"), 2,
			"early.md:7:1: block at line 5 (program line 2): the program exited with status 1 before any asyncio.run: ValueError: early"},
		{"Nothing", block("print('no loop')\n"), 2,
			"nothing.md:5:1: block at line 5: the program ran no asyncio.run() (or loop.run_until_complete()): there is nothing to draw"},
		{"Network", block("import asyncio\n\nasync def main():\n    await asyncio.open_connection('example.com', 80)\n\nasyncio.run(main())\n"), 2,
			"network.md:9:1: block at line 5 (program line 4): the program does real network I/O (loop.create_connection), which cannot run on the virtual clock; figures in pages are drawn on the virtual clock only"},
		{"Runs", "```python asyncgantt {runs: [mian]}\nimport asyncio\n\nasync def main():\n    await asyncio.sleep(1)\n\nasyncio.run(main())\n```\n", 2,
			"runs.md:1:23: block at line 1: option runs: no coroutine of the program was a call of \"mian\"; its coroutine functions are \"main\""},
		{"Raises", block("import asyncio\n\nasync def main():\n    await asyncio.sleep(1)\n    raise ValueError('late')\n\nasyncio.run(main())\n"), 0,
			"warning: " + filepath.Join(dir, "raises.md") + ":5: block at line 5: program line 5: the program exited with status 1: ValueError: late; the figure shows what ran"},
		{"Deadlock", block("import asyncio\n\nasync def main():\n    await asyncio.Event().wait()\n\nasyncio.run(main())\n"), 0,
			"warning: " + filepath.Join(dir, "deadlock.md") + ":5: block at line 5: run \"main\": deadlock at t=0 s: main waits for Event().wait() (Python would hang here)"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			page := writeTemp(t, dir, strings.ToLower(tt.name)+".md", tt.page)
			_, stderr, code := runCLI(t, "markdown", "-q", page)
			if code != tt.code || !strings.Contains(stderr, tt.stderr) {
				t.Errorf("exit %d, stderr:\n%s\nwant exit %d and:\n%s", code, stderr, tt.code, tt.stderr)
			}
			if strings.Contains(stderr, "asyncgantt-block-") {
				t.Errorf("the message names the temporary folder: %s", stderr)
			}
		})
	}
}
