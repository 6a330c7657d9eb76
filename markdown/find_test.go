package markdown

import (
	"errors"
	"strings"
	"testing"
)

// blocksOf parses src as page "p.md" and returns its blocks.
func blocksOf(t *testing.T, src string) []*Block {
	t.Helper()
	parsed, err := parsePage(newPageText("p.md", []byte(src)))
	if err != nil {
		t.Fatalf("parsePage: %v", err)
	}
	var out []*Block
	for _, u := range parsed.units {
		out = append(out, u.block)
	}
	return out
}

func TestFindBlocks(t *testing.T) {
	src := "# Lesson\n" + // 1
		"\n" + // 2
		"```asyncgantt\n" + // 3
		"tasks:\n" + // 4
		"  A: 1s\n" + // 5
		"```\n" + // 6
		"\n" + // 7
		"````markdown\n" + // 8: an example of a block, not a block
		"```asyncgantt\n" + // 9
		"tasks: {}\n" + // 10
		"```\n" + // 11
		"````\n" + // 12
		"\n" + // 13
		"    ```asyncgantt\n" + // 14: an indented code block
		"    x\n" + // 15
		"    ```\n" + // 16
		"\n" + // 17
		"- a list item\n" + // 18
		"\n" + // 19
		"  ~~~python asyncgantt {theme: dark}\n" + // 20
		"  import asyncio\n" + // 21
		"\n" + // 22
		"    print(1)\n" + // 23
		"  ~~~\n" + // 24
		"\n" + // 25
		"> ```asyncgantt\n" + // 26
		"> tasks: {B: 2s}\n" + // 27
		"> ```\n" + // 28
		"\n" + // 29
		"```yaml\n" + // 30
		"not: ours\n" + // 31
		"```\n" // 32
	blocks := blocksOf(t, src)
	want := []struct {
		kind Kind
		line int
		body string
		opts string
	}{
		{Scenario, 3, "tasks:\n  A: 1s\n", ""},
		{Program, 20, "import asyncio\n\n  print(1)\n", "theme=dark"},
		{Scenario, 26, "tasks: {B: 2s}\n", ""},
	}
	if len(blocks) != len(want) {
		t.Fatalf("found %d blocks, want %d: %+v", len(blocks), len(want), blocks)
	}
	for i, w := range want {
		b := blocks[i]
		var opts []string
		for _, o := range b.Options {
			opts = append(opts, o.Key+"="+o.Value)
		}
		if b.Kind != w.kind || b.Line != w.line || string(b.Body) != w.body || strings.Join(opts, ",") != w.opts {
			t.Errorf("block %d = %v at line %d, body %q, options %v; want %v at line %d, body %q, options %s",
				i, b.Kind, b.Line, b.Body, opts, w.kind, w.line, w.body, w.opts)
		}
	}
	// Positions in the body map to the page: line 3 of the program is
	// page line 23, and its column 3 is the page's column 5 (after the
	// list item's two spaces of indentation).
	e := blocks[1].Errorf(3, 3, "x")
	if e.Line != 23 || e.Col != 5 || e.SourceLine != 3 || e.SourceCol != 3 || e.Text != "    print(1)" {
		t.Errorf("Errorf(3, 3) = line %d col %d (source %d:%d) %q; want line 23 col 5 (source 3:3)", e.Line, e.Col, e.SourceLine, e.SourceCol, e.Text)
	}
	if e := blocks[2].Errorf(1, 8, "y"); e.Line != 27 || e.Col != 10 {
		t.Errorf("in a block quote, Errorf(1, 8) = %d:%d, want 27:10", e.Line, e.Col)
	}
}

func TestFindCRLF(t *testing.T) {
	blocks := blocksOf(t, "text\r\n\r\n```asyncgantt\r\ntasks:\r\n  A: 1s\r\n```\r\n")
	if len(blocks) != 1 || string(blocks[0].Body) != "tasks:\n  A: 1s\n" || blocks[0].Line != 3 {
		t.Fatalf("CRLF page: %+v", blocks)
	}
}

func TestOptions(t *testing.T) {
	src := "```asyncgantt {theme: dark, runs: [Concurrent, Blocking], width: 800, alt: \"A: B\", hide-source: true, transcript-block: no}\ntasks: {}\n```\n"
	b := blocksOf(t, src)[0]
	var got []string
	for _, o := range b.Options {
		got = append(got, o.Key+"="+o.Value)
	}
	if strings.Join(got, " ") != "theme=dark runs=Concurrent,Blocking width=800" {
		t.Errorf("options = %v", got)
	}
	if o, _ := b.Option("runs"); !o.List || o.Line != 1 || o.Col != 29 {
		t.Errorf("runs option = %+v, want a list at 1:29", o)
	}
	if b.alt != "A: B" || b.hide == nil || !*b.hide || b.transcript == nil || *b.transcript {
		t.Errorf("page options: alt %q hide %v transcript %v", b.alt, b.hide, b.transcript)
	}
}

func TestOptionErrors(t *testing.T) {
	for _, tc := range []struct{ info, want string }{
		{"asyncgantt theme: dark", `p.md:1:15: block at line 1: "theme: dark": write the block's options as a mapping in braces`},
		{"asyncgantt {theme: dark", "p.md:1:"},
		{"asyncgantt {theme: {a: b}}", `p.md:1:23: block at line 1: option theme: "{a: b}" is not a value`},
		{"asyncgantt {runs: [a, {b: c}]}", "option runs:"},
		{"asyncgantt {hide-source: maybe}", `p.md:1:16: block at line 1: option hide-source: "maybe" is not valid: use true or false`},
		{"asyncgantt {alt: [a, b]}", "option alt: give the image's alternative text"},
		{"asyncgantt {theme: dark, theme: light}", "theme"},
		{"python asyncgantt {theme:}", "option theme: no value given"},
	} {
		_, err := parsePage(newPageText("p.md", []byte("```"+tc.info+"\nx\n```\n")))
		var e *Error
		if !errors.As(err, &e) || !strings.Contains(e.Error(), tc.want) || e.Block != 1 {
			t.Errorf("%s: error %v, want one containing %q", tc.info, err, tc.want)
		}
	}
}

func TestNotClosed(t *testing.T) {
	_, err := parsePage(newPageText("p.md", []byte("a\n\n```asyncgantt\ntasks: {}\n")))
	if err == nil || err.Error() != "p.md:3: block at line 3: the block is not closed: end it with a line ```" {
		t.Errorf("unclosed block: %v", err)
	}
	_, err = parsePage(newPageText("p.md", []byte("> ```asyncgantt\n> tasks: {}\n\nafter\n")))
	if err == nil || !strings.Contains(err.Error(), "not closed") {
		t.Errorf("block ended by its block quote: %v", err)
	}
}

func TestMarkerErrors(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{figureLine + "\n![x](y.svg)\n", "p.md:1: this figure section has no end marker"},
		{endLine + "\n", "p.md:1: an end marker"},
		{figureLine + "\n" + figureLine + "\n" + endLine + "\n", "before the next one at line 2"},
		{sourceLine + "\n```asyncgantt\nx\n```\n", "p.md:1: this comment hides an asyncgantt block, but it is not closed"},
		{sourceLine + "\n```asyncgantt\nx\n``` -->\n", "must end with a line holding only -->"},
		{sourceLine + "\ntext\n-->\n", "it holds something else than one fenced block"},
		{sourceLine + "\n```yaml\nx\n```\n-->\n", "is not an asyncgantt block"},
	} {
		_, err := parsePage(newPageText("p.md", []byte(tc.src)))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: error %v, want one containing %q", tc.src, err, tc.want)
		}
	}
}

func TestHiddenBlock(t *testing.T) {
	src := "- item\n" + // 1
		"\n" + // 2
		"  " + sourceLine + "\n" + // 3
		"  ```asyncgantt {theme: dark}\n" + // 4
		"  tasks:\n" + // 5
		"    A: oops\n" + // 6
		"  ```\n" + // 7
		"  -->\n" // 8
	parsed, err := parsePage(newPageText("p.md", []byte(src)))
	if err != nil {
		t.Fatal(err)
	}
	if len(parsed.units) != 1 {
		t.Fatalf("%d units", len(parsed.units))
	}
	u := parsed.units[0]
	b := u.block
	if !b.Hidden || b.Line != 4 || string(b.Body) != "tasks:\n  A: oops\n" || u.prefix != "  " || u.start != len("- item\n\n") || u.end != len(src) {
		t.Errorf("hidden block: %+v, unit %+v", b, u)
	}
	if o, _ := b.Option("theme"); o.Line != 4 || o.Col != 18 {
		t.Errorf("theme option at %d:%d, want 4:18", o.Line, o.Col)
	}
	if e := b.Errorf(2, 6, "bad"); e.Line != 6 || e.Col != 8 {
		t.Errorf("Errorf(2, 6) = %d:%d, want 6:8", e.Line, e.Col)
	}
}

func TestContainers(t *testing.T) {
	for _, tc := range []struct {
		src, cont string
	}{
		{"```asyncgantt\nx\n```\n", ""},
		{"- ```asyncgantt\n  x\n  ```\n", "  "},
		{"12. ```asyncgantt\n    x\n    ```\n", "    "},
		{"> ```asyncgantt\n> x\n> ```\n", "> "},
		{"> - ```asyncgantt\n>   x\n>   ```\n", ">   "},
		{"- > ```asyncgantt\n  > x\n  > ```\n", "  > "},
		{"  ```asyncgantt\nx\n```\n", ""},
	} {
		parsed, err := parsePage(newPageText("p.md", []byte(tc.src)))
		if err != nil || len(parsed.units) != 1 || parsed.units[0].cont != tc.cont || string(parsed.units[0].block.Body) != "x\n" {
			t.Errorf("%q: %v, units %+v; want one block continued by %q", tc.src, err, parsed, tc.cont)
		}
	}
	// A fence that the list item's end closes is not closed by a fence
	// outside the item, which opens a block of its own.
	for _, src := range []string{"* ```asyncgantt\n```", "> ```asyncgantt\n```\n", "- x\n\n  ```asyncgantt\n  x\n ```\n"} {
		if _, err := parsePage(newPageText("p.md", []byte(src))); err == nil || !strings.Contains(err.Error(), "not closed") {
			t.Errorf("%q: %v, want a block that is not closed", src, err)
		}
	}
}

func TestErrorString(t *testing.T) {
	for _, tc := range []struct {
		e    Error
		want string
	}{
		{Error{Page: "a.md", Msg: "m"}, "a.md: m"},
		{Error{Page: "a.md", Line: 3, Msg: "m"}, "a.md:3: m"},
		{Error{Page: "a.md", Line: 3, Col: 2, Block: 1, Kind: Scenario, Msg: "m"}, "a.md:3:2: block at line 1: m"},
		{Error{Page: "a.md", Line: 3, Col: 9, Block: 1, Kind: Program, SourceLine: 2, SourceCol: 7, Msg: "m"}, "a.md:3:9: block at line 1 (program line 2, column 7): m"},
		{Error{Page: "a.md", Line: 3, Block: 1, Kind: Scenario, SourceLine: 2, Msg: "m"}, "a.md:3: block at line 1 (scenario line 2): m"},
	} {
		if got := tc.e.Error(); got != tc.want {
			t.Errorf("Error() = %q, want %q", got, tc.want)
		}
	}
}
