package markdown

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

// rewriteText rewrites a page in memory with the fake renderer, linking
// each figure as figures/NAME.svg.
func rewriteText(src []byte, cfg Config) ([]byte, []*Block, error) {
	parsed, err := parsePage(newPageText("p.md", src))
	if err != nil {
		return nil, nil, err
	}
	var blocks []*Block
	for _, u := range parsed.units {
		blocks = append(blocks, u.block)
	}
	var warnings []string
	out, err := rewrite(parsed, &fakeRenderer{}, cfg, "p", func(name string, f *Figure) ([]link, error) {
		var links []link
		for _, file := range f.Files {
			links = append(links, link{href: "figures/" + file.Name, ext: strings.TrimPrefix(file.Name, name+".")})
		}
		return links, nil
	}, &warnings)
	return out, blocks, err
}

// FuzzRewrite checks that rewriting any page never panics, that a page
// rewritten once is not changed by a second rewrite, and that the blocks
// keep their text.
func FuzzRewrite(f *testing.F) {
	for _, seed := range []string{
		threeBlocks,
		"- item\n\n  ```asyncgantt {theme: dark}\n  one\n  ```\n",
		"> ```asyncgantt\n> one\n> ```\n> more\n",
		"text\r\n```asyncgantt\r\none\r\n```\r\n",
		"````markdown\n```asyncgantt\nx\n```\n````\n",
		"```asyncgantt {transcript-block: true, formats: [html, svg]}\none\n```\n" + figureLine + "\n![x](figures/p-0123456789ab.svg)\n" + endLine + "\n",
		sourceLine + "\n```asyncgantt\nhidden\n```\n-->\n",
		figureLine + "\n![orphan](figures/p-0123456789ab.svg)\n" + endLine + "\ntext\n",
		"<div>\n```asyncgantt\nin html\n```\n</div>\n",
		"```asyncgantt\n```\n",
		"~~~asyncgantt\n```\n~~~\n",
	} {
		f.Add([]byte(seed), uint8(0))
		f.Add([]byte(seed), uint8(1))
	}
	f.Fuzz(func(t *testing.T, src []byte, mode uint8) {
		cfg := Config{Source: SourceMode(mode % 3), TranscriptBlock: mode&4 != 0}
		once, before, err := rewriteText(src, cfg)
		var list ErrorList
		var e *Error
		if err != nil {
			if !errors.As(err, &list) && !errors.As(err, &e) {
				t.Fatalf("an error that is not a page error: %v", err)
			}
			return
		}
		twice, after, err := rewriteText(once, cfg)
		if err != nil {
			t.Fatalf("the rewritten page is refused: %v\npage:\n%q\nrewritten:\n%q", err, src, once)
		}
		if !bytes.Equal(once, twice) {
			t.Fatalf("a second rewrite changed the page:\npage:\n%q\nonce:\n%q\ntwice:\n%q", src, once, twice)
		}
		if len(before) != len(after) {
			t.Fatalf("%d blocks became %d:\npage:\n%q\nrewritten:\n%q", len(before), len(after), src, once)
		}
		for i := range before {
			if !bytes.Equal(before[i].Body, after[i].Body) || before[i].Kind != after[i].Kind {
				t.Fatalf("block %d changed: %q became %q\nrewritten:\n%q", i, before[i].Body, after[i].Body, once)
			}
		}
	})
}
