package markdown

import (
	"bytes"
	"sort"
	"strings"
	"unicode/utf8"
)

// pageText is a page's source with its lines indexed. Lines end at "\n";
// a "\r" before it belongs to the line ending.
type pageText struct {
	path string
	src  []byte
	// starts are the byte offsets at which lines begin; a page ending in a
	// newline has no empty line after it.
	starts []int
	// nl is the page's line ending, "\n" or "\r\n", after its first line.
	nl string
}

func newPageText(path string, src []byte) *pageText {
	p := &pageText{path: path, src: src, nl: "\n"}
	for i := 0; i < len(src); {
		p.starts = append(p.starts, i)
		j := bytes.IndexByte(src[i:], '\n')
		if j < 0 {
			break
		}
		i += j + 1
	}
	if i := bytes.IndexByte(src, '\n'); i > 0 && src[i-1] == '\r' {
		p.nl = "\r\n"
	}
	return p
}

// lines is the number of lines.
func (p *pageText) lines() int { return len(p.starts) }

// lineOf returns the 1-based line holding byte offset off.
func (p *pageText) lineOf(off int) int {
	return sort.Search(len(p.starts), func(i int) bool { return p.starts[i] > off })
}

// start returns the offset at which 1-based line n begins; past the last
// line, the end of the page.
func (p *pageText) start(n int) int {
	if n > len(p.starts) {
		return len(p.src)
	}
	return p.starts[n-1]
}

// end returns the offset just after 1-based line n and its line ending.
func (p *pageText) end(n int) int { return p.start(n + 1) }

// lineText returns 1-based line n without its line ending, or "".
func (p *pageText) lineText(n int) string {
	if n < 1 || n > len(p.starts) {
		return ""
	}
	return strings.TrimRight(string(p.src[p.start(n):p.end(n)]), "\r\n")
}

// blank reports whether line n holds nothing but spaces, tabs and the
// '>' of block quotes: a blank line inside its container.
func (p *pageText) blank(n int) bool {
	return strings.Trim(p.lineText(n), " \t>") == ""
}

// chars returns the number of characters in b.
func chars(b []byte) int { return utf8.RuneCount(b) }
