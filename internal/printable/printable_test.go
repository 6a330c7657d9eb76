package printable

import (
	"fmt"
	"testing"
)

func TestName(t *testing.T) {
	for in, want := range map[string]string{
		"lesson.yaml":             "lesson.yaml",
		"café ünïcödé 🎉.yaml":     "café ünïcödé 🎉.yaml",
		"evil\x1b]0;pwned\a.yaml": `evil\x1b]0;pwned\x07.yaml`,
		"a\nb\tc\rd":              `a\x0ab\x09c\x0dd`,
		"del\x7f":                 `del\x7f`,
		"csi\u009b31m":            `csi\u009b31m`,
		"bad\xffutf8":             `bad\xffutf8`,
		"nbsp\u00a0ok":            "nbsp\u00a0ok",
	} {
		if got := Name(in); got != want {
			t.Errorf("Name(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestText(t *testing.T) {
	in := "x.yaml:2:3: bad\n  line\twith tab\n\x1b[2J"
	if got, want := Text(in), "x.yaml:2:3: bad\n  line\twith tab\n\\x1b[2J"; got != want {
		t.Errorf("Text = %q, want %q", got, want)
	}
}

func ExampleName() {
	fmt.Println(Name("evil\x1b]0;pwned\a.yaml"))
	// Output: evil\x1b]0;pwned\x07.yaml
}
