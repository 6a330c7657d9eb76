package scenarios

import (
	"bytes"
	"fmt"
	"strings"
)

// maxPrescanDepth is the nesting depth past which a document is refused
// before the YAML library sees it. The library's memory grows with the
// square of the nesting depth (20,000 nested brackets take 650 MB), so a
// small hostile file could exhaust the machine; the converter's own,
// exact limit (100 levels) applies to everything shallower.
const maxPrescanDepth = 200

// MaxBlockKeys is the most keys one block mapping (a key per line) may
// have. The YAML library parses a block mapping in time that grows with
// the square of its keys (goccy/go-yaml#889: 10,000 keys take half a
// second, 40,000 take 7 s); flow mappings, {A: 1s, B: 2s}, are parsed in
// linear time and are not limited.
const MaxBlockKeys = 20_000

// prescan refuses, before the YAML library sees it, a document the
// library would take too long or too much memory to parse: nested too
// deep, or with a block mapping of too many keys. It returns the problem's
// position and message, or "".
func prescan(src []byte) (Pos, string) {
	if pos, deep := prescanDepth(src); deep {
		return pos, "the document is nested more than 100 levels deep"
	}
	if pos, many := prescanKeys(src); many {
		return pos, fmt.Sprintf("this mapping has over %d keys written one per line, more than the YAML parser handles in reasonable time; write a mapping this large in flow style on one line, e.g. tasks: {T1: 1s, T2: 1s, ...}", MaxBlockKeys)
	}
	return Pos{}, ""
}

// prescanKeys returns the position of the key past MaxBlockKeys in a
// block mapping: lines at one indentation, under one parent, that are not
// sequence entries, comments or inside flow collections. Lines of block
// scalars and multi-line flow collections may be miscounted as keys; the
// limit leaves room for that.
func prescanKeys(src []byte) (Pos, bool) {
	type level struct{ indent, keys int }
	var levels []level
	for lineNo, line := range splitLines(src, -1) {
		indent := 0
		for indent < len(line) && line[indent] == ' ' {
			indent++
		}
		rest := bytes.TrimSpace(line[indent:])
		if len(rest) == 0 || rest[0] == '#' || rest[0] == '-' && (len(rest) == 1 || rest[1] == ' ') {
			continue
		}
		for len(levels) > 0 && levels[len(levels)-1].indent > indent {
			levels = levels[:len(levels)-1]
		}
		if len(levels) == 0 || levels[len(levels)-1].indent < indent {
			levels = append(levels, level{indent: indent})
		}
		top := &levels[len(levels)-1]
		top.keys++
		if top.keys > MaxBlockKeys {
			return Pos{Line: lineNo + 1, Col: indent + 1}, true
		}
	}
	return Pos{}, false
}

// prescanDepth estimates the nesting depth of a YAML document cheaply and
// returns the position where it first exceeds maxPrescanDepth, or false.
// It counts flow brackets outside quotes and comments, block levels by
// indentation, and the "- - -" of sequences nested on one line. Block
// scalars (| and >) are skipped. The estimate may overcount a little,
// never by enough to refuse a real scenario.
func prescanDepth(src []byte) (Pos, bool) {
	var indents []int // indentation of the open block levels
	flow := 0         // open [ and { brackets
	var quote byte    // the quote of a flow scalar spanning lines, or 0
	blockScalar := -1 // indentation of the line that opened a | or >, or -1
	for lineNo, line := range splitLines(src, -1) {
		indent := 0
		for indent < len(line) && line[indent] == ' ' {
			indent++
		}
		rest := bytes.TrimRight(line[indent:], " \t\r")
		if blockScalar >= 0 {
			if len(rest) == 0 || indent > blockScalar {
				continue
			}
			blockScalar = -1
		}
		if quote == 0 && flow == 0 {
			if len(rest) == 0 || rest[0] == '#' {
				continue
			}
			for len(indents) > 0 && indents[len(indents)-1] >= indent {
				indents = indents[:len(indents)-1]
			}
			indents = append(indents, indent)
		}
		depth := len(indents)
		lastOpen := -1 // where the last bracket counted is
		for i := indent; i < len(line); i++ {
			c := line[i]
			if quote != 0 {
				switch {
				case c == '\\' && quote == '"':
					i++
				case c == '\'' && quote == '\'' && i+1 < len(line) && line[i+1] == '\'':
					i++ // '' is a quote inside single quotes
				case c == quote:
					quote = 0
				}
				continue
			}
			switch c {
			case '"', '\'':
				if i == indent || strings.IndexByte(" \t[{,:-", line[i-1]) >= 0 {
					quote = c
				}
			case '#':
				if i == indent || line[i-1] == ' ' || line[i-1] == '\t' {
					i = len(line)
				}
			case '[', '{':
				// A bracket opens a collection where a value starts; inside
				// a plain scalar (a[b) it is text.
				if i == indent || strings.IndexByte(" \t,:-?", line[i-1]) >= 0 || i-1 == lastOpen {
					flow++
					lastOpen = i
				}
			case ']', '}':
				if flow > 0 {
					flow--
				}
			case '-':
				// "- " opens a sequence entry, one level each.
				if flow == 0 && (i+1 == len(line) || line[i+1] == ' ') && (i == indent || line[i-1] == ' ') {
					depth++
				}
			case '|', '>':
				if flow == 0 && i > indent && line[i-1] == ' ' && isBlockHeader(line[i+1:]) {
					blockScalar = indent
					i = len(line)
				}
			}
			if depth+flow > maxPrescanDepth {
				return Pos{Line: lineNo + 1, Col: i + 1}, true
			}
		}
	}
	return Pos{}, false
}

// isBlockHeader reports whether what follows a | or > makes it a block
// scalar's header: indicators and digits, then nothing or a comment.
func isBlockHeader(rest []byte) bool {
	rest = bytes.TrimLeft(rest, "+-0123456789")
	rest = bytes.TrimLeft(rest, " \t\r")
	return len(rest) == 0 || rest[0] == '#'
}
