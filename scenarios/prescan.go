package scenarios

import (
	"bytes"
	"strings"
)

// maxPrescanDepth is the nesting depth past which a document is refused
// before the YAML library sees it. The library's memory grows with the
// square of the nesting depth (20,000 nested brackets take 650 MB), so a
// small hostile file could exhaust the machine; the converter's own,
// exact limit (100 levels) applies to everything shallower.
const maxPrescanDepth = 200

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
	for lineNo, line := range bytes.Split(src, []byte("\n")) {
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
		for i := indent; i < len(line); i++ {
			c := line[i]
			if quote != 0 {
				switch {
				case c == '\\' && quote == '"':
					i++
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
				flow++
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
