package markdown

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// fakeRenderer draws a block as text that shows what it was given. A
// body line holding "oops" is an error there; option theme: neon is an
// error at the option; formats: [a, b] asks for files of those
// extensions.
type fakeRenderer struct {
	calls int
}

func (f *fakeRenderer) Render(b *Block, name string) (*Figure, error) {
	f.calls++
	exts := []string{"svg"}
	for _, o := range b.Options {
		if o.Key == "theme" && o.Value == "neon" {
			return nil, b.OptionErrorf(o, "unknown theme %q", o.Value)
		}
		if o.Key == "formats" {
			exts = strings.Split(o.Value, ",")
		}
	}
	for i, l := range strings.Split(string(b.Body), "\n") {
		if j := strings.Index(l, "oops"); j >= 0 {
			return nil, b.Errorf(i+1, j+1, "oops is not a step")
		}
	}
	fig := &Figure{Alt: "Figure " + strings.SplitN(string(b.Body), "\n", 2)[0], Transcript: "printed " + name + "\n"}
	for _, ext := range exts {
		fig.Files = append(fig.Files, File{Name: name + "." + ext, Data: fmt.Appendf(nil, "%s %s %q", b.Kind, optionText(b), b.Body)})
	}
	if strings.Contains(string(b.Body), "deadlock") {
		fig.Warnings = append(fig.Warnings, "the scenario deadlocks")
	}
	return fig, nil
}

func optionText(b *Block) string {
	var s []string
	for _, o := range b.Options {
		s = append(s, o.Key+"="+o.Value)
	}
	return strings.Join(s, " ")
}

// linkedFigures returns the figures the page links, in page order.
func linkedFigures(text string) []string {
	var out []string
	for _, m := range linkRE.FindAllStringSubmatch(text, -1) {
		out = append(out, filepath.Base(m[1]))
	}
	return out
}

const threeBlocks = "# Lesson\n" +
	"\n" +
	"Sequential:\n" +
	"\n" +
	"```asyncgantt\n" +
	"one\n" +
	"```\n" +
	"\n" +
	"Concurrent:\n" +
	"\n" +
	"```asyncgantt {theme: dark}\n" +
	"two\n" +
	"```\n" +
	"Blocking, right after:\n" +
	"\n" +
	"```python asyncgantt\n" +
	"three\n" +
	"```"

// update runs Plan and Apply on the pages, returning the report.
func update(t *testing.T, cfg Config, paths ...string) string {
	t.Helper()
	c, err := Plan(paths, &fakeRenderer{}, cfg)
	if err != nil {
		t.Fatalf("Plan: %v", err)
	}
	var report bytes.Buffer
	if err := c.Apply(&report); err != nil {
		t.Fatalf("Apply: %v", err)
	}
	return report.String()
}

// files returns the names of the files in dir.
func files(t *testing.T, dir string) []string {
	t.Helper()
	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

func writePage(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func read(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestPlanCycle(t *testing.T) {
	dir := t.TempDir()
	page := filepath.Join(dir, "lesson.md")
	writePage(t, page, threeBlocks)

	// A fresh page is stale.
	c, err := Plan([]string{page}, &fakeRenderer{}, Config{})
	if err != nil {
		t.Fatal(err)
	}
	if s := c.Stale(); len(s) != 1 || s[0].Summary() != "3 figure files to write, the page to update" || s[0].Blocks != 3 {
		t.Fatalf("stale before the first run: %+v", s)
	}
	update(t, Config{}, page)
	first := read(t, page)
	figs := linkedFigures(first)
	if len(figs) != 3 || !slices.Equal(files(t, filepath.Join(dir, "figures")), slices.Sorted(slices.Values(figs))) {
		t.Fatalf("figures after the first run: %v", figs)
	}
	for _, f := range figs {
		if !strings.Contains(first, "](figures/"+f+")") {
			t.Errorf("the page does not link %s:\n%s", f, first)
		}
	}
	want := "# Lesson\n\nSequential:\n\n```asyncgantt\none\n```\n\n" +
		figureLine + "\n![Figure one](figures/" + figs[0] + ")\n" + endLine + "\n"
	if !strings.HasPrefix(first, want) {
		t.Errorf("first block and its section:\n%s\nwant:\n%s", first, want)
	}
	// The block followed by a line of text gets a blank line after its
	// section, and the last one, at the end of a page without a final
	// newline, gets one.
	if !strings.Contains(first, endLine+"\n\nBlocking, right after:") || !strings.HasSuffix(first, "three\n```\n\n"+figureLine+"\n![Figure three](figures/"+figs[2]+")\n"+endLine+"\n") {
		t.Errorf("page after the first run:\n%s", first)
	}

	// A second run changes no byte, and reports nothing.
	mtime := stat(t, page)
	if report := update(t, Config{}, page); report != "" {
		t.Errorf("second run reported %q", report)
	}
	if read(t, page) != first || stat(t, page) != mtime {
		t.Errorf("second run changed the page")
	}
	if c, _ := Plan([]string{page}, &fakeRenderer{}, Config{}); len(c.Stale()) != 0 {
		t.Errorf("stale after the run: %+v", c.Stale()[0])
	}

	// Editing one block changes one figure and removes the old one.
	writePage(t, page, strings.Replace(first, "two\n", "two, edited\n", 1))
	c, _ = Plan([]string{page}, &fakeRenderer{}, Config{})
	if s := c.Stale(); len(s) != 1 || s[0].Summary() != "1 figure file to write, 1 stale figure file to remove, the page to update" {
		t.Fatalf("after an edit: %+v", s)
	}
	report := update(t, Config{}, page)
	after := files(t, filepath.Join(dir, "figures"))
	kept, gone := 0, ""
	for _, f := range figs {
		if slices.Contains(after, f) {
			kept++
		} else {
			gone = f
		}
	}
	if len(after) != 3 || kept != 2 || !strings.Contains(report, "removed "+filepath.Join(dir, "figures", gone)) {
		t.Errorf("after an edit: figures %v (before %v), report:\n%s", after, figs, report)
	}
	if strings.Count(read(t, page), figureMarker) != 3 {
		t.Errorf("page after an edit:\n%s", read(t, page))
	}

	// Deleting a block with its section removes its figure; deleting the
	// block only removes its section too.
	text := read(t, page)
	i := strings.Index(text, "Concurrent:")
	j := strings.Index(text, "Blocking, right after:")
	writePage(t, page, text[:i]+text[j:])
	update(t, Config{}, page)
	if n := len(files(t, filepath.Join(dir, "figures"))); n != 2 {
		t.Errorf("after deleting a block and its section: %d figures", n)
	}
	text = read(t, page)
	i = strings.Index(text, "```asyncgantt\none")
	writePage(t, page, text[:i]+text[i+len("```asyncgantt\none\n```\n"):])
	update(t, Config{}, page)
	if text := read(t, page); strings.Count(text, figureMarker) != 1 || strings.Contains(text, "Sequential:\n\n\n") {
		t.Errorf("after deleting a block only:\n%s", text)
	}
	if n := len(files(t, filepath.Join(dir, "figures"))); n != 1 {
		t.Errorf("after deleting a block only: %d figures", n)
	}
}

func stat(t *testing.T, path string) string {
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return fi.ModTime().String()
}

func TestHideAndShow(t *testing.T) {
	dir := t.TempDir()
	page := filepath.Join(dir, "p.md")
	orig := "- item\n\n  ```asyncgantt {theme: dark}\n  one\n\n  two\n  ```\n"
	writePage(t, page, orig)
	update(t, Config{Source: HideSource}, page)
	hidden := read(t, page)
	name := files(t, filepath.Join(dir, "figures"))[0]
	want := "- item\n\n  " + sourceLine + "\n  ```asyncgantt {theme: dark}\n  one\n\n  two\n  ```\n  -->\n\n  " +
		figureLine + "\n  ![Figure one](figures/" + name + ")\n  " + endLine + "\n"
	if hidden != want {
		t.Errorf("hidden:\n%s\nwant:\n%s", hidden, want)
	}
	// Hidden stays hidden, with the same figure.
	update(t, Config{}, page)
	if read(t, page) != hidden {
		t.Errorf("a run without --hide-source changed a hidden page:\n%s", read(t, page))
	}
	update(t, Config{Source: ShowSource}, page)
	shown := read(t, page)
	if !strings.HasPrefix(shown, orig) || files(t, filepath.Join(dir, "figures"))[0] != name {
		t.Errorf("shown again:\n%s", shown)
	}
	// A block's own option wins over the command's.
	writePage(t, page, strings.Replace(shown, "{theme: dark}", "{theme: dark, hide-source: false}", 1))
	update(t, Config{Source: HideSource}, page)
	if strings.Contains(read(t, page), sourceMarker) {
		t.Errorf("hide-source: false was hidden")
	}
}

func TestHideRefusesCommentEnd(t *testing.T) {
	dir := t.TempDir()
	page := filepath.Join(dir, "p.md")
	writePage(t, page, "```asyncgantt\nprint: a --> b\n```\n")
	_, err := Plan([]string{page}, &fakeRenderer{}, Config{Source: HideSource})
	var list ErrorList
	if !errors.As(err, &list) || list[0].Line != 2 || list[0].Col != 10 || !strings.Contains(list[0].Msg, "cannot be hidden") {
		t.Errorf("hiding a block holding -->: %v", err)
	}
}

func TestTranscriptAndLinks(t *testing.T) {
	dir := t.TempDir()
	page := filepath.Join(dir, "p.md")
	writePage(t, page, "```asyncgantt {formats: [html, svg, pdf], alt: \"A [b] <c> & *d*\"}\none\n```\n")
	update(t, Config{TranscriptBlock: true, Assets: "img dir"}, page)
	text := read(t, page)
	name := strings.TrimSuffix(files(t, filepath.Join(dir, "img dir"))[0], ".html")
	want := figureLine + "\n" +
		"![A \\[b\\] &lt;c&gt; &amp; \\*d\\*](img%20dir/" + name + ".svg)\n" +
		"\n" +
		"[interactive report](img%20dir/" + name + ".html) · [PDF](img%20dir/" + name + ".pdf)\n" +
		"\n" +
		"```text\n" +
		"printed " + name + "\n" +
		"```\n" +
		endLine + "\n"
	if !strings.HasSuffix(text, want) {
		t.Errorf("section:\n%s\nwant:\n%s", text, want)
	}
	// The transcript is part of the section, not a block: a second run
	// is still idempotent, and the links are recognised for removal.
	if report := update(t, Config{TranscriptBlock: true, Assets: "img dir"}, page); report != "" {
		t.Errorf("second run: %s", report)
	}
	update(t, Config{Assets: "img dir", Settings: "theme=dark"}, page)
	if n := len(files(t, filepath.Join(dir, "img dir"))); n != 3 {
		t.Errorf("after changing the settings: %d files, want 3", n)
	}
}

func TestBlockquoteAndCRLF(t *testing.T) {
	dir := t.TempDir()
	page := filepath.Join(dir, "p.md")
	writePage(t, page, "> Note\r\n>\r\n> ```asyncgantt\r\n> one\r\n> ```\r\n> more\r\n")
	update(t, Config{}, page)
	name := files(t, filepath.Join(dir, "figures"))[0]
	want := "> Note\r\n>\r\n> ```asyncgantt\r\n> one\r\n> ```\r\n>\r\n> " + figureLine + "\r\n> ![Figure one](figures/" + name + ")\r\n> " + endLine + "\r\n>\r\n> more\r\n"
	if got := read(t, page); got != want {
		t.Errorf("got:\n%q\nwant:\n%q", got, want)
	}
	if report := update(t, Config{}, page); report != "" {
		t.Errorf("second run: %s", report)
	}
}

func TestErrorsWriteNothing(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "a.md")
	bad := filepath.Join(dir, "b.md")
	writePage(t, good, "```asyncgantt\none\n```\n")
	writePage(t, bad, "intro\n\n```asyncgantt {theme: neon}\none\n```\n\n```asyncgantt\ntasks:\n  A: oops\n```\n")
	_, err := Plan([]string{dir}, &fakeRenderer{}, Config{})
	var list ErrorList
	if !errors.As(err, &list) || len(list) != 2 {
		t.Fatalf("errors: %v", err)
	}
	want := []string{
		bad + `:3:16: block at line 3: option theme: unknown theme "neon"`,
		bad + ":9:6: block at line 7 (scenario line 2, column 6): oops is not a step",
	}
	for i, w := range want {
		if list[i].Error() != w {
			t.Errorf("error %d = %q, want %q", i, list[i].Error(), w)
		}
	}
	if list[1].Text != "  A: oops" {
		t.Errorf("error text %q", list[1].Text)
	}
	if _, err := os.Stat(filepath.Join(dir, "figures")); err == nil {
		t.Errorf("figures were written despite errors")
	}
}

func TestFolders(t *testing.T) {
	dir := t.TempDir()
	writePage(t, filepath.Join(dir, "a.md"), "```asyncgantt\none\n```\n")
	writePage(t, filepath.Join(dir, "week 1", "Intro Page.markdown"), "```asyncgantt\none\n```\n")
	writePage(t, filepath.Join(dir, ".hidden", "x.md"), "```asyncgantt\none\n```\n")
	writePage(t, filepath.Join(dir, "node_modules", "x.md"), "```asyncgantt\none\n```\n")
	writePage(t, filepath.Join(dir, "notes.txt"), "```asyncgantt\none\n```\n")
	writePage(t, filepath.Join(dir, "plain.md"), "no blocks here\n")
	c, err := Plan([]string{dir, filepath.Join(dir, "a.md")}, &fakeRenderer{}, Config{})
	if err != nil {
		t.Fatal(err)
	}
	var pages []string
	for _, p := range c.Pages {
		pages = append(pages, p.Page)
	}
	want := []string{filepath.Join(dir, "a.md"), filepath.Join(dir, "plain.md"), filepath.Join(dir, "week 1", "Intro Page.markdown")}
	if !slices.Equal(pages, want) {
		t.Errorf("pages %v, want %v", pages, want)
	}
	if err := c.Apply(nil); err != nil {
		t.Fatal(err)
	}
	if f := files(t, filepath.Join(dir, "week 1", "figures")); len(f) != 1 || !strings.HasPrefix(f[0], "intro-page-") {
		t.Errorf("figures of a page with spaces in its name: %v", f)
	}
	// A shared assets folder names figures after the page's path.
	c, err = Plan([]string{dir}, &fakeRenderer{}, Config{Assets: filepath.Join(dir, "shared")})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, p := range c.Pages {
		for _, w := range p.Write {
			names = append(names, filepath.Base(w.Path)[:len(filepath.Base(w.Path))-len("-0123456789ab.svg")])
		}
	}
	if !slices.Equal(names, []string{"a", "week-1-intro-page"}) {
		t.Errorf("names in a shared folder: %v", names)
	}
}

func TestPrefixClash(t *testing.T) {
	dir := t.TempDir()
	writePage(t, filepath.Join(dir, "a.md"), "x\n")
	writePage(t, filepath.Join(dir, "a.markdown"), "x\n")
	_, err := Plan([]string{dir}, &fakeRenderer{}, Config{})
	if err == nil || !strings.Contains(err.Error(), "would be named like those of") {
		t.Errorf("two pages named alike: %v", err)
	}
}

func TestWarningsAndUserFiles(t *testing.T) {
	dir := t.TempDir()
	page := filepath.Join(dir, "p.md")
	writePage(t, page, "```asyncgantt\ndeadlock\n```\n")
	// Files in the assets folder that are not named as figures are
	// never removed.
	writePage(t, filepath.Join(dir, "figures", "photo.png"), "keep")
	writePage(t, filepath.Join(dir, "figures", "p-notahash.svg"), "keep")
	c, err := Plan([]string{page}, &fakeRenderer{}, Config{})
	if err != nil {
		t.Fatal(err)
	}
	if w := c.Pages[0].Warnings; len(w) != 1 || w[0] != page+":1: block at line 1: the scenario deadlocks" {
		t.Errorf("warnings %v", w)
	}
	if err := c.Apply(nil); err != nil {
		t.Fatal(err)
	}
	if f := files(t, filepath.Join(dir, "figures")); len(f) != 3 {
		t.Errorf("files: %v", f)
	}
}

func TestFigureName(t *testing.T) {
	b := &Block{Kind: Scenario, Body: []byte("x\n"), Options: []Option{{Key: "theme", Value: "dark"}, {Key: "width", Value: "800"}}}
	swapped := &Block{Kind: Scenario, Body: []byte("x\n"), Options: []Option{{Key: "width", Value: "800"}, {Key: "theme", Value: "dark"}}}
	n := figureName("p", b, "")
	if n != figureName("p", swapped, "") {
		t.Errorf("the order of options changes the name")
	}
	for _, other := range []string{
		figureName("p", &Block{Kind: Program, Body: b.Body, Options: b.Options}, ""),
		figureName("p", &Block{Kind: Scenario, Body: []byte("y\n"), Options: b.Options}, ""),
		figureName("p", &Block{Kind: Scenario, Body: b.Body}, ""),
		figureName("p", b, "theme=light"),
	} {
		if other == n {
			t.Errorf("a different block has the same name %s", n)
		}
	}
	if !ourName.MatchString(n + ".svg") {
		t.Errorf("%s does not look like a figure's name", n)
	}
}

func TestLinkedPageAndMode(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "real.md")
	writePage(t, real, "```asyncgantt\none\n```\n")
	os.Chmod(real, 0o600)
	link := filepath.Join(dir, "link.md")
	if err := os.Symlink("real.md", link); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	update(t, Config{}, link)
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link is no longer a link: %v %v", fi.Mode(), err)
	}
	fi, _ := os.Stat(real)
	if !strings.Contains(read(t, real), figureMarker) || fi.Mode().Perm() != 0o600 {
		t.Errorf("the page the link points to: mode %v\n%s", fi.Mode(), read(t, real))
	}
}

func TestIdenticalBlocks(t *testing.T) {
	dir := t.TempDir()
	page := filepath.Join(dir, "p.md")
	writePage(t, page, "```asyncgantt\none\n```\n\ntext\n\n```asyncgantt\none\n```\n")
	if report := update(t, Config{}, page); strings.Count(report, "wrote ") != 1 {
		t.Errorf("two identical blocks wrote:\n%s", report)
	}
	text := read(t, page)
	figs := linkedFigures(text)
	if len(figs) != 2 || figs[0] != figs[1] {
		t.Fatalf("links %v", figs)
	}
	// Editing one keeps the figure the other still links.
	i := strings.LastIndex(text, "one\n")
	writePage(t, page, text[:i]+"two\n"+text[i+len("one\n"):])
	if report := update(t, Config{}, page); strings.Contains(report, "removed") {
		t.Errorf("the shared figure was removed:\n%s", report)
	}
	if n := len(files(t, filepath.Join(dir, "figures"))); n != 2 {
		t.Errorf("%d figures, want 2", n)
	}
}
