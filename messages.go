package main

import (
	"io"
	"os"

	"github.com/asyncgantt/asyncgantt/internal/safetext"
)

// messageStream is standard error as the commands write to it: every
// message goes through the text policy (safetext.Text), so that a name,
// a path or a printed line quoted in a message cannot drive the terminal
// or reorder the line; the progress line, which draws with control
// sequences of its own, writes to the stream underneath (rawStream).
type messageStream struct {
	*safetext.Writer
	under io.Writer
}

// newMessageStream returns w behind the text policy.
func newMessageStream(w io.Writer) *messageStream {
	if m, ok := w.(*messageStream); ok {
		return m
	}
	return &messageStream{Writer: safetext.NewWriter(w), under: w}
}

// rawStream returns the stream under a messageStream or a checkedWriter,
// or w itself.
func rawStream(w io.Writer) io.Writer {
	switch s := w.(type) {
	case *messageStream:
		return s.under
	case *checkedWriter:
		return s.w
	}
	return w
}

// terminalFile returns the file w writes to, under a messageStream, if it
// is one.
func terminalFile(w io.Writer) (*os.File, bool) {
	f, ok := rawStream(w).(*os.File)
	return f, ok
}
