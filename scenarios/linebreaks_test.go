package scenarios

import (
	"strings"
	"testing"
)

// TestLineBreaksFold parses quoted and plain scalars that run over lines,
// with LF, CRLF and lone CR line ends: each folds its line break into a
// space and its blank line into a newline, whatever the line ends (issue
// 17, item 9: with CRLF, a quoted scalar kept its line break).
func TestLineBreaksFold(t *testing.T) {
	src := "title: \"double\n  quoted\"\ndescription: 'single\n  quoted\n\n  para'\ntasks: {A: 1s}\nruns: {R: [{await: A}]}\n"
	for name, eol := range map[string]string{"LF": "\n", "CRLF": "\r\n", "CR": "\r"} {
		s, err := Parse("breaks.yaml", []byte(strings.ReplaceAll(src, "\n", eol)))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if s.Title != "double quoted" || s.Description != "single quoted\npara" {
			t.Errorf("%s: title %q, description %q; want %q and %q", name, s.Title, s.Description, "double quoted", "single quoted\npara")
		}
		if got := string(s.Source); !strings.Contains(got, eol) {
			t.Errorf("%s: the source kept is not the file's: %q", name, got)
		}
	}
	// An error's position is the same with every line end.
	bad := "tasks: {A: 1s}\nruns:\n  R: [{await: \"B\n    C\"}]\n"
	var want string
	for _, eol := range []string{"\n", "\r\n", "\r"} {
		_, err := Parse("bad.yaml", []byte(strings.ReplaceAll(bad, "\n", eol)))
		if err == nil {
			t.Fatal("a task that does not exist was accepted")
		}
		if want == "" {
			want = err.Error()
		} else if err.Error() != want {
			t.Errorf("with %q line ends: %v; with LF: %s", eol, err, want)
		}
	}
}
