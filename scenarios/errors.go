package scenarios

import (
	"fmt"
	"strings"
)

// Error is a problem in a scenario file, at a position, said so a teacher
// understands it.
type Error struct {
	// File is the scenario file's name as given.
	File string
	// Pos is where the problem is; zero when it concerns the whole file.
	Pos Pos
	// Msg says what is wrong and what would be valid.
	Msg string
	// Line is the text of the offending line, without its newline, for the
	// caret display; empty when unknown.
	Line string
}

// Error returns "file:line:col: msg".
func (e *Error) Error() string {
	if e.Pos.Line == 0 {
		return fmt.Sprintf("%s: %s", e.File, e.Msg)
	}
	return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Pos.Line, e.Pos.Col, e.Msg)
}

// Detail returns the error followed by the offending line and a caret
// under the column, as compilers print them.
func (e *Error) Detail() string {
	if e.Line == "" || e.Pos.Col == 0 {
		return e.Error()
	}
	// Tabs before the column are kept so the caret lines up.
	pad := []rune(e.Line)
	col := min(e.Pos.Col-1, len(pad))
	if len(pad) > maxShownLine {
		// A very long line is shown around the column, marked cut.
		from := max(0, col-maxShownLine/2)
		to := min(len(pad), from+maxShownLine)
		window := string(pad[from:to])
		col -= from
		if from > 0 {
			window = "…" + window
			col++
		}
		if to < len(pad) {
			window += "…"
		}
		pad = []rune(window)
	}
	var caret strings.Builder
	for _, r := range pad[:col] {
		if r == '\t' {
			caret.WriteByte('\t')
		} else {
			caret.WriteByte(' ')
		}
	}
	caret.WriteByte('^')
	return fmt.Sprintf("%s\n    %s\n    %s", e.Error(), string(pad), caret.String())
}

// ErrorList is every problem found in one scenario file, in file order.
type ErrorList []*Error

// Error returns the problems, one per line.
func (l ErrorList) Error() string {
	s := make([]string, len(l))
	for i, e := range l {
		s[i] = e.Error()
	}
	return strings.Join(s, "\n")
}

// Detail returns every problem with its caret display.
func (l ErrorList) Detail() string {
	s := make([]string, len(l))
	for i, e := range l {
		s[i] = e.Detail()
	}
	return strings.Join(s, "\n")
}

// Unwrap returns the individual errors.
func (l ErrorList) Unwrap() []error {
	errs := make([]error, len(l))
	for i, e := range l {
		errs[i] = e
	}
	return errs
}

// maxShownLine is the most characters of a line Detail shows.
const maxShownLine = 120

// maxErrors is how many problems one file reports before giving up.
const maxErrors = 20

// said reports whether the error msg at pos was reported already: the
// items of one spread display ("*[1, 2]") share a position.
func (p *parseState) said(pos Pos, msg string) bool {
	for _, e := range p.errs {
		if e.Pos == pos && e.Msg == msg {
			return true
		}
	}
	return false
}
