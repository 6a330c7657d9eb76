package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode"

	"github.com/asyncgantt/asyncgantt/internal/golden"
	"github.com/asyncgantt/asyncgantt/scenarios"
)

// docPages are the pages of the documentation, relative to the repository:
// the front page and every page of docs/.
func docPages(t *testing.T) []string {
	t.Helper()
	pages, err := filepath.Glob(filepath.Join("docs", "*.md"))
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) < 9 {
		t.Fatalf("docs/ holds %d pages; the reference has moved?", len(pages))
	}
	slices.Sort(pages)
	return append([]string{"README.md"}, pages...)
}

// docCommand is a command a page shows in a console block ("$ CMD") with
// the lines shown under it.
type docCommand struct {
	page string
	line int
	cmd  string
	out  []string
}

func (c *docCommand) where() string { return fmt.Sprintf("%s:%d", c.page, c.line) }

// docBlock is a console block of a page: its commands, run in order.
type docBlock struct {
	page string
	line int
	cmds []*docCommand
}

// notRun lists the commands the pages show that TestDocCommands does not
// run, by the beginning of the command line, with the reason. Every other
// command a console block shows runs; an entry no page uses fails the test.
var notRun = []struct{ prefix, why string }{
	{"asyncgantt watch ", "runs until Ctrl-C; watch_test.go saves files under it"},
	{"go test ", "the tests themselves"},
	{"go install ", "installs from the network"},
	{"bash .ci/run ", "CI: installs packages, runs every test"},
}

// Kinds of console commands, as TestDocCommands treats them.
const (
	cmdUnknown = iota // a program the test neither runs nor lists: an error
	cmdNotRun         // listed in notRun
	cmdCat            // "cat FILE": the lines shown are FILE
	cmdStatus         // "echo $?": the previous command's exit status
	cmdRun            // asyncgantt or "go run .": run in-process
)

// classified is what TestDocCommands does with a console command.
type classified struct {
	kind int
	// args are the command's words; for cmdRun, asyncgantt's arguments.
	args []string
	// why says, for cmdNotRun, why the command is not run.
	why string
}

// classify says what TestDocCommands does with a console command. It
// marks the notRun entry it matches in used.
func classify(cmd string, used map[string]bool) (classified, error) {
	for _, n := range notRun {
		if strings.HasPrefix(cmd+" ", n.prefix) {
			used[n.prefix] = true
			return classified{kind: cmdNotRun, why: n.why}, nil
		}
	}
	args, err := shellWords(cmd)
	switch {
	case err != nil:
		return classified{}, err
	case len(args) == 2 && args[0] == "cat":
		return classified{cmdCat, args, ""}, nil
	case len(args) == 2 && args[0] == "echo" && args[1] == "$?":
		return classified{cmdStatus, args, ""}, nil
	case len(args) >= 1 && args[0] == "asyncgantt":
		return classified{cmdRun, args[1:], ""}, nil
	case len(args) >= 3 && args[0] == "go" && args[1] == "run" && args[2] == ".":
		return classified{cmdRun, args[3:], ""}, nil
	}
	return classified{}, nil
}

// shownCommand matches a line that shows an asyncgantt command outside a
// console block, where no test would run it.
var shownCommand = regexp.MustCompile(`^\s*(\$ )?(asyncgantt|go run \.)( |$)`)

// parseDocPage returns the console blocks of a page and the lines of its
// other code blocks (fenced or indented) that show an asyncgantt command.
func parseDocPage(page string, data []byte) (blocks []*docBlock, stray []string) {
	var cur *docCommand
	var block *docBlock
	fence, console := "", false
	prevBlank := true
	indented := false
	for i, line := range strings.Split(string(data), "\n") {
		n := i + 1
		trimmed := strings.TrimLeft(line, " ")
		switch {
		case fence == "" && strings.HasPrefix(trimmed, "```"):
			fence = trimmed[:len(trimmed)-len(strings.TrimLeft(trimmed, "`"))]
			console = strings.TrimSpace(trimmed[len(fence):]) == "console"
			cur = nil
			if console {
				block = &docBlock{page: page, line: n}
				blocks = append(blocks, block)
			}
		case fence != "" && strings.HasPrefix(trimmed, fence) && strings.Trim(trimmed, "`") == "":
			fence, console, cur = "", false, nil
		case console && strings.HasPrefix(line, "$ "):
			cur = &docCommand{page: page, line: n, cmd: strings.TrimPrefix(line, "$ ")}
			block.cmds = append(block.cmds, cur)
		case console && cur != nil:
			cur.out = append(cur.out, line)
		case fence != "":
			if shownCommand.MatchString(line) {
				stray = append(stray, fmt.Sprintf("%s:%d: %s", page, n, line))
			}
		default:
			// An indented code block starts after a blank line.
			indented = strings.HasPrefix(line, "    ") && (prevBlank || indented)
			if indented && shownCommand.MatchString(line) {
				stray = append(stray, fmt.Sprintf("%s:%d: %s", page, n, line))
			}
		}
		prevBlank = strings.TrimSpace(line) == ""
	}
	return blocks, stray
}

// TestDocCommands runs every command shown in the console blocks of
// README.md and docs/*.md ("$ asyncgantt ..." or "$ go run . ...")
// in-process and compares the output shown under it (stdout, then stderr)
// with what it prints. A command shown without output must print nothing;
// a line "..." in the shown output stands for any number of lines. The
// commands of one block run in order in one scratch directory holding a
// copy of the built-in library and of the Chrome trace fixtures, so a
// block can write a file and use it. Within a block:
//   - "$ cat FILE" followed by lines writes those lines as FILE (what cat
//     would then show);
//   - "$ echo $?" shows the previous command's exit status; a command not
//     followed by it must exit 0;
//   - "> FILE" at the end of a command sends its stdout to FILE;
//   - arguments may be quoted with '...' or "...".
//
// Commands the test cannot run (notRun) are listed with the reason; any
// other command fails the test, and so does an asyncgantt command shown in
// a code block that is not a console block.
func TestDocCommands(t *testing.T) {
	var blocks []*docBlock
	for _, page := range docPages(t) {
		data, err := os.ReadFile(page)
		if err != nil {
			t.Fatal(err)
		}
		b, stray := parseDocPage(page, data)
		blocks = append(blocks, b...)
		for _, s := range stray {
			t.Errorf("%s\n\tshows a command outside a console block, where no test runs it: show it in a ```console block as \"$ COMMAND\" with its output", s)
		}
	}
	cwd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	used := map[string]bool{}
	for _, block := range blocks {
		for _, c := range block.cmds {
			cl, err := classify(c.cmd, used)
			switch {
			case err != nil:
				t.Errorf("%s: %s: %v", c.where(), c.cmd, err)
			case cl.kind == cmdNotRun:
				t.Logf("%s: not run: %s (%s)", c.where(), c.cmd, cl.why)
			case cl.kind == cmdUnknown:
				t.Errorf("%s: %s: the test does not run this command: show asyncgantt, or add the command to notRun with the reason", c.where(), c.cmd)
			}
		}
	}
	for _, n := range notRun {
		if !used[n.prefix] {
			t.Errorf("notRun lists %q, which no page shows: remove it", n.prefix)
		}
	}
	fixtures := docFixtures(t)
	ran := 0
	var mu sync.Mutex
	rewrites := map[string]map[int][]string{}
	for _, block := range blocks {
		if len(block.cmds) == 0 {
			continue
		}
		t.Run(fmt.Sprintf("%s:%d", block.page, block.line), func(t *testing.T) {
			dir := t.TempDir()
			for _, d := range fixtures {
				copyDir(t, filepath.Join(cwd, d), filepath.Join(dir, d))
			}
			t.Chdir(dir)
			n, rw := runDocBlock(t, block)
			mu.Lock()
			ran += n
			for line, got := range rw {
				if rewrites[block.page] == nil {
					rewrites[block.page] = map[int][]string{}
				}
				rewrites[block.page][line] = got
			}
			mu.Unlock()
		})
	}
	if ran < 20 {
		t.Fatalf("the pages show %d asyncgantt commands; the console blocks are gone?", ran)
	}
	for page, rw := range rewrites {
		rewriteDocPage(t, page, filepath.Join(cwd, page), blocks, rw)
	}
}

// docFixtures returns the directories a console block finds in its
// scratch directory, relative to the repository: the built-in library and
// every directory of Chrome trace fixtures under trace/.
func docFixtures(t *testing.T) []string {
	dirs := []string{filepath.Join("scenarios", "library")}
	err := filepath.WalkDir("trace", func(path string, d os.DirEntry, err error) error {
		if err == nil && d.IsDir() && d.Name() == "fixtures" {
			dirs = append(dirs, path)
		}
		return err
	})
	if err != nil || len(dirs) < 2 {
		t.Fatalf("no trace fixtures under trace/: %v", err)
	}
	return dirs
}

// runDocBlock runs the commands of one console block in the current
// directory and returns how many asyncgantt commands it ran and, under
// -update, what the commands whose output drifted printed, by line.
func runDocBlock(t *testing.T, block *docBlock) (ran int, rewrites map[int][]string) {
	rewrites = map[int][]string{}
	lastCode := 0
	for _, c := range block.cmds {
		cl, err := classify(c.cmd, map[string]bool{})
		if err != nil || cl.kind == cmdUnknown || cl.kind == cmdNotRun {
			continue // reported by TestDocCommands, or not run
		}
		args := cl.args
		want := strings.Join(c.out, "\n") + "\n"
		switch cl.kind {
		case cmdCat:
			if err := os.WriteFile(args[1], []byte(want), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		case cmdStatus:
			if got := fmt.Sprintf("%d\n", lastCode); got != want {
				t.Errorf("%s: exit status %d, the page shows %s", c.where(), lastCode, strings.TrimSpace(want))
			}
			continue
		}
		redirect := ""
		if n := len(args); n >= 2 && args[n-2] == ">" {
			redirect, args = args[n-1], args[:n-2]
		}
		ran++
		stdout, stderr, code := runCLI(t, args...)
		lastCode = code
		if redirect != "" {
			if err := os.WriteFile(redirect, []byte(stdout), 0o644); err != nil {
				t.Fatal(err)
			}
			stdout = ""
		}
		got := stdout + stderr
		if code != 0 && !nextIsEcho(block, c) {
			t.Errorf("%s: %s: exit %d (a command not followed by \"$ echo $?\" must succeed):\n%s", c.where(), c.cmd, code, got)
		}
		if shownMatches(c.out, got) {
			continue
		}
		if golden.Updating() && !slices.Contains(c.out, "...") {
			rewrites[c.line] = nil
			if got != "" {
				rewrites[c.line] = strings.Split(strings.TrimSuffix(got, "\n"), "\n")
			}
			continue
		}
		t.Errorf("%s: %s: output drifted (exit %d; go test -run TestDocCommands -update rewrites it unless it shows \"...\"):\n%s",
			c.where(), c.cmd, code, golden.FirstDiff([]byte(want), []byte(got)))
	}
	return ran, rewrites
}

// nextIsEcho reports whether the command after c in its block is
// "echo $?", which checks c's exit status.
func nextIsEcho(block *docBlock, c *docCommand) bool {
	i := slices.Index(block.cmds, c)
	return i+1 < len(block.cmds) && block.cmds[i+1].cmd == "echo $?"
}

// shownMatches reports whether the output a page shows matches got: line
// for line, where a shown line "..." stands for any number of lines (none
// included). No shown line means no output.
func shownMatches(shown []string, got string) bool {
	var lines []string
	if got != "" {
		lines = strings.Split(strings.TrimSuffix(got, "\n"), "\n")
	}
	var match func(s, g []string) bool
	match = func(s, g []string) bool {
		for len(s) > 0 {
			if s[0] == "..." {
				for i := 0; i <= len(g); i++ {
					if match(s[1:], g[i:]) {
						return true
					}
				}
				return false
			}
			if len(g) == 0 || g[0] != s[0] {
				return false
			}
			s, g = s[1:], g[1:]
		}
		return len(g) == 0
	}
	return match(shown, lines)
}

func TestShownMatches(t *testing.T) {
	tests := []struct {
		shown []string
		got   string
		want  bool
	}{
		{nil, "", true},
		{nil, "x\n", false},
		{[]string{"x"}, "x\n", true},
		{[]string{"x"}, "x\ny\n", false},
		{[]string{"..."}, "", true},
		{[]string{"..."}, "a\nb\n", true},
		{[]string{"a", "..."}, "a\nb\nc\n", true},
		{[]string{"a", "...", "c"}, "a\nb\nc\n", true},
		{[]string{"a", "...", "c"}, "a\nc\n", true},
		{[]string{"a", "...", "c"}, "a\nb\n", false},
		{[]string{"...", "c"}, "b\nc\nd\n", false},
	}
	for _, tt := range tests {
		if got := shownMatches(tt.shown, tt.got); got != tt.want {
			t.Errorf("shownMatches(%q, %q) = %v, want %v", tt.shown, tt.got, got, tt.want)
		}
	}
}

// rewriteDocPage replaces, under -update, the output shown after the
// commands on the given lines of a page with what they printed.
func rewriteDocPage(t *testing.T, page, path string, blocks []*docBlock, rewrites map[int][]string) {
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	shown := map[int]int{}
	for _, b := range blocks {
		for _, c := range b.cmds {
			if c.page == page {
				shown[c.line] = len(c.out)
			}
		}
	}
	lines := strings.Split(string(data), "\n")
	var out []string
	for i := 0; i < len(lines); i++ {
		out = append(out, lines[i])
		if got, ok := rewrites[i+1]; ok {
			out = append(out, got...)
			i += shown[i+1]
		}
	}
	if err := os.WriteFile(path, []byte(strings.Join(out, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("rewrote the output of %d commands of %s: review git diff", len(rewrites), page)
}

// TestDocStepExamples parses the example of every row of the step table
// (docs/scenarios.md, or any page that shows one) inside a small scenario
// that defines what the examples name: tasks A and B, task variable t,
// primitives sem, ready and q, globals names (a list), ages (a dict) and name.
func TestDocStepExamples(t *testing.T) {
	row := regexp.MustCompile("^\\| `([a-z_]+):[^|]*\\|.*\\| `(\\{.*\\})` \\|$")
	n := 0
	for _, page := range docPages(t) {
		data, err := os.ReadFile(page)
		if err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(string(data), "\n") {
			m := row.FindStringSubmatch(line)
			if m == nil {
				continue
			}
			n++
			step, example := m[1], m[2]
			t.Run(fmt.Sprintf("%s:%d:%s", page, i+1, step), func(t *testing.T) {
				src := "primitives: {sem: semaphore, ready: event, q: queue}\n" +
					"globals: {names: [], ages: {}, name: x}\n" +
					"tasks: {A: 1s, B: 1s}\n" +
					"runs:\n  R:\n    - {create_task: A, as: t}\n    - " + example + "\n"
				if _, err := scenarios.Parse("example.yaml", []byte(src)); err != nil {
					t.Errorf("%s:%d: the example for %s does not parse: %s\n%v", page, i+1, step, example, err)
				}
			})
		}
	}
	if n < 20 {
		t.Fatalf("found %d step examples in the pages; the step table has lost its example column?", n)
	}
}

// linkTarget matches a Markdown link or image: [text](target) or
// ![alt](target), with an optional "title".
var linkTarget = regexp.MustCompile(`!?\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)`)

// TestDocLinks checks every relative link and image of README.md,
// BENCHMARKS.md and docs/*.md: the file it names exists, and its #anchor,
// if any, is a heading of that page as GitHub names them.
func TestDocLinks(t *testing.T) {
	pages := append(docPages(t), "BENCHMARKS.md")
	anchors := map[string]map[string]bool{}
	anchorsOf := func(page string) map[string]bool {
		if a, ok := anchors[page]; ok {
			return a
		}
		data, err := os.ReadFile(page)
		if err != nil {
			t.Fatal(err)
		}
		anchors[page] = headingAnchors(string(data))
		return anchors[page]
	}
	links := 0
	for _, page := range pages {
		data, err := os.ReadFile(page)
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range outsideFences(string(data)) {
			n := l.n
			// A code span is not Markdown, but it may be a link's text.
			line := codeSpan.ReplaceAllStringFunc(l.text, func(s string) string { return strings.Repeat("x", len(s)) })
			for _, m := range linkTarget.FindAllStringSubmatch(line, -1) {
				target := m[1]
				if strings.Contains(target, "://") || strings.HasPrefix(target, "mailto:") {
					continue
				}
				links++
				file, anchor, _ := strings.Cut(target, "#")
				path := page
				if file != "" {
					path = filepath.Join(filepath.Dir(page), filepath.FromSlash(file))
					if _, err := os.Stat(path); err != nil {
						t.Errorf("%s:%d: link %s: no file %s", page, n, target, path)
						continue
					}
				}
				if anchor == "" {
					continue
				}
				if !strings.HasSuffix(path, ".md") {
					t.Errorf("%s:%d: link %s: an anchor into a file that is not Markdown", page, n, target)
				} else if !anchorsOf(path)[anchor] {
					t.Errorf("%s:%d: link %s: %s has no heading whose anchor is #%s", page, n, target, path, anchor)
				}
			}
		}
	}
	if links < 20 {
		t.Fatalf("found %d relative links in the pages; the link pattern is broken?", links)
	}
}

// markdownLine is a line of a Markdown page outside its fenced code
// blocks.
type markdownLine struct {
	n    int // line number, from 1
	text string
}

// outsideFences returns the lines of a Markdown page that are not in a
// fenced code block, in order.
func outsideFences(page string) []markdownLine {
	var lines []markdownLine
	fence := ""
	for i, line := range strings.Split(page, "\n") {
		trimmed := strings.TrimLeft(line, " ")
		switch {
		case fence == "" && strings.HasPrefix(trimmed, "```"):
			fence = trimmed[:len(trimmed)-len(strings.TrimLeft(trimmed, "`"))]
		case fence != "":
			if strings.HasPrefix(trimmed, fence) && strings.Trim(trimmed, "`") == "" {
				fence = ""
			}
		default:
			lines = append(lines, markdownLine{i + 1, line})
		}
	}
	return lines
}

// codeSpan matches inline code, whose text is not Markdown.
var codeSpan = regexp.MustCompile("`+[^`]*`+")

// headingAnchors returns the anchors GitHub gives a page's headings:
// lower case, punctuation dropped, spaces as hyphens, "-1", "-2", ... for
// repeats.
func headingAnchors(page string) map[string]bool {
	anchors := map[string]bool{}
	seen := map[string]int{}
	for _, l := range outsideFences(page) {
		text, ok := strings.CutPrefix(strings.TrimLeft(l.text, "#"), " ")
		if !ok || !strings.HasPrefix(l.text, "#") {
			continue
		}
		a := slugify(text)
		if k := seen[a]; k > 0 {
			a = fmt.Sprintf("%s-%d", a, k)
		}
		seen[slugify(text)]++
		anchors[a] = true
	}
	return anchors
}

// slugify makes a heading's anchor as GitHub does.
func slugify(heading string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(strings.TrimSpace(heading)) {
		switch {
		case r == ' ':
			b.WriteByte('-')
		case r == '-' || r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
		}
	}
	return b.String()
}

func TestSlugify(t *testing.T) {
	for heading, want := range map[string]string{
		"Many tasks: `times`":               "many-tasks-times",
		"Large traces and performance":      "large-traces-and-performance",
		"Themes, sizes and animation":       "themes-sizes-and-animation",
		"Interoperate: Chrome traces, Go":   "interoperate-chrome-traces-go",
		"The gallery's figures":             "the-gallerys-figures",
		"PNG and PDF":                       "png-and-pdf",
		"run_until_complete and to_thread ": "run_until_complete-and-to_thread",
	} {
		if got := slugify(heading); got != want {
			t.Errorf("slugify(%q) = %q, want %q", heading, got, want)
		}
	}
}

// TestReadmeGallery checks that the front page's gallery table links every
// built-in scenario and its figure.
func TestReadmeGallery(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	files, err := filepath.Glob(filepath.Join("scenarios", "library", "*.yaml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no built-in scenarios in scenarios/library: %v", err)
	}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".yaml")
		row := fmt.Sprintf("| [`%s`](scenarios/library/%s.yaml) | ", name, name)
		if !strings.Contains(string(readme), row) || !strings.Contains(string(readme), fmt.Sprintf("](out/%s.svg) |", name)) {
			t.Errorf("README.md's gallery table has no row for %s: add %s... [%s.svg](out/%s.svg) |", name, row, name, name)
		}
	}
}
