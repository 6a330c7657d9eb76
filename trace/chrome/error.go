package chrome

import (
	"fmt"
)

// Error is a Chrome trace file Read cannot read: File is the
// file's name as given to Read, Offset the byte offset in it where
// the problem was found, and Msg says what was wrong and what was expected.
type Error struct {
	// File is the name of the file, as given to Read.
	File string
	// Offset is the byte offset from the start of the file.
	Offset int64
	// Msg describes the problem.
	Msg string
}

// Error returns "file: byte offset: message".
func (e *Error) Error() string {
	return fmt.Sprintf("%s: byte %d: %s", e.File, e.Offset, e.Msg)
}
