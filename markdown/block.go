package markdown

import (
	"fmt"
	"unicode/utf8"
)

// Kind says what a block holds.
type Kind int

const (
	// Scenario is a ```asyncgantt block: a scenario in asyncgantt's
	// scenario language (YAML).
	Scenario Kind = iota + 1
	// Program is a ```python asyncgantt block: a Python program, traced
	// as it runs.
	Program
)

// String returns "scenario" or "program", the word errors use.
func (k Kind) String() string {
	switch k {
	case Scenario:
		return "scenario"
	case Program:
		return "program"
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}

// Block is one asyncgantt block of a page.
type Block struct {
	// Kind says whether it is a scenario or a Python program.
	Kind Kind
	// Page is the page's path, as given to Plan.
	Page string
	// Line is the page line of the block's opening fence, 1-based.
	Line int
	// Info is the block's info string as written, e.g.
	// "asyncgantt {theme: dark}".
	Info string
	// Options are the options of the info string that are not the page's
	// own (alt, hide-source, transcript-block), in the order written: the
	// Renderer applies them.
	Options []Option
	// Body is the block's text without its fences and without the
	// indentation of its container; every line ends in "\n", whatever the
	// page's line endings.
	Body []byte
	// Hidden reports whether the page keeps the block in a comment
	// (--hide-source), so that the page shows only its figure.
	Hidden bool

	// page is the page's text, for the lines errors show.
	page *pageText
	// lines are the page positions of the body's lines.
	lines []linePos
	// alt, hide and transcript are the page's own options.
	alt        string
	hide       *bool
	transcript *bool
}

// Option is one key: value of a block's info string.
type Option struct {
	// Key is the option's name, e.g. "theme".
	Key string
	// Value is the value as text: a scalar as written (without quotes), a
	// list as its items joined by commas.
	Value string
	// List reports whether the value was written as a list.
	List bool
	// Line and Col locate the key in the page, 1-based; Col counts
	// characters.
	Line, Col int
}

// linePos is where a line of a block's body or info string is on the
// page: its 1-based page line and the number of characters before it on
// that line.
type linePos struct {
	line, col int
}

// Error is a problem with a page or one of its blocks, with its position
// on the page and, inside a block, in the block's own text.
type Error struct {
	// Page is the page's path.
	Page string
	// Line and Col are the position on the page, 1-based; Col is 0 when
	// the problem concerns the whole line, Line 0 when it concerns the
	// whole page. Col counts characters.
	Line, Col int
	// Block is the page line of the opening fence of the block concerned,
	// 0 for a problem outside any block.
	Block int
	// Kind is the kind of that block.
	Kind Kind
	// SourceLine and SourceCol are the position in the block's body (the
	// scenario or program), 1-based, 0 when the problem is not in the
	// body (e.g. in the info string).
	SourceLine, SourceCol int
	// Msg says what is wrong and what would be valid.
	Msg string
	// Text is the page line at Line, without its line ending, for a caret
	// display; empty when Line is 0.
	Text string
}

// Error returns "page:line:col: block at line N (scenario line L, column
// C): msg", leaving out what is unknown.
func (e *Error) Error() string {
	pos := e.Page
	if e.Line > 0 {
		pos += fmt.Sprintf(":%d", e.Line)
		if e.Col > 0 {
			pos += fmt.Sprintf(":%d", e.Col)
		}
	}
	if where := e.Where(); where != "" {
		return pos + ": " + where + ": " + e.Msg
	}
	return pos + ": " + e.Msg
}

// Where says which block the problem is in, and where in the block: e.g.
// "block at line 14 (scenario line 3, column 7)"; "" outside blocks.
func (e *Error) Where() string {
	if e.Block == 0 {
		return ""
	}
	where := fmt.Sprintf("block at line %d", e.Block)
	if e.SourceLine > 0 {
		where += fmt.Sprintf(" (%s line %d", e.Kind, e.SourceLine)
		if e.SourceCol > 0 {
			where += fmt.Sprintf(", column %d", e.SourceCol)
		}
		where += ")"
	}
	return where
}

// Errorf returns an error at line and column of the block's body, both
// 1-based, as a scenario parser or a tracer reports them; col 0 means the
// whole line, line 0 the whole block. A position past the body's end is
// the body's last line.
func (b *Block) Errorf(line, col int, format string, a ...any) *Error {
	e := &Error{Page: b.Page, Line: b.Line, Block: b.Line, Kind: b.Kind, Msg: fmt.Sprintf(format, a...)}
	if line > 0 && len(b.lines) > 0 {
		line = min(line, len(b.lines))
		lp := b.lines[line-1]
		e.SourceLine, e.SourceCol = line, col
		e.Line = lp.line
		if col > 0 {
			e.Col = lp.col + col
		}
	}
	e.Text = b.page.lineText(e.Line)
	if e.Col > 0 {
		e.Col = min(e.Col, utf8.RuneCountInString(e.Text)+1)
	}
	return e
}

// OptionErrorf returns an error at option o of the block's info string.
func (b *Block) OptionErrorf(o Option, format string, a ...any) *Error {
	return &Error{Page: b.Page, Line: o.Line, Col: o.Col, Block: b.Line, Kind: b.Kind,
		Msg: fmt.Sprintf("option %s: %s", o.Key, fmt.Sprintf(format, a...)), Text: b.page.lineText(o.Line)}
}

// Option returns the value of the block's option key and whether it is
// given.
func (b *Block) Option(key string) (Option, bool) {
	for _, o := range b.Options {
		if o.Key == key {
			return o, true
		}
	}
	return Option{}, false
}
