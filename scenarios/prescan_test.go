package scenarios

import (
	"fmt"
	"strings"
	"testing"
)

// TestPrescanAcceptsBrackets checks that brackets outside YAML structure
// (in block scalars, quoted text and comments) are not taken for nesting.
func TestPrescanAcceptsBrackets(t *testing.T) {
	many := strings.Repeat("[", 300)
	tests := []struct{ name, src string }{
		{"BlockScalar", "description: |\n  " + many + "\n  more " + many + "\ntasks: {A: 1s}\nruns: {R: [{await: A}]}\n"},
		{"FoldedScalar", "description: >-\n  " + many + "\ntasks: {A: 1s}\nruns: {R: [{await: A}]}\n"},
		{"DoubleQuoted", "title: \"" + many + "\\\" " + many + "\"\ntasks: {A: 1s}\nruns: {R: [{await: A}]}\n"},
		{"SingleQuoted", "title: '" + many + "'' " + many + "'\ntasks: {A: 1s}\nruns: {R: [{await: A}]}\n"},
		{"Comment", "# " + many + "\ntasks: {A: 1s} # " + many + "\nruns: {R: [{await: A}]}\n"},
		{"PlainText", "tasks: {A: 1s}\nruns:\n  R:\n    - print: a" + many + "\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := Parse("test.yaml", []byte(tt.src)); err != nil && strings.Contains(err.Error(), "nested") {
				t.Errorf("refused as nested: %v", err)
			}
		})
	}
}

func TestPrescanRefuses(t *testing.T) {
	keys := func(n int) string {
		var b strings.Builder
		b.WriteString("tasks:\n")
		for i := range n {
			fmt.Fprintf(&b, "  T%d: 1s\n", i)
		}
		b.WriteString("runs: {R: [{await: T0}]}\n")
		return b.String()
	}
	tests := []struct{ name, src, want string }{
		{"ErrFlowNesting", "tasks: " + strings.Repeat("[", 100000), "test.yaml:1:207: the document is nested more than 100 levels deep"},
		{"ErrSequenceNesting", "tasks:\n  " + strings.Repeat("- ", 100000), "test.yaml:2:399: the document is nested more than 100 levels deep"},
		{"ErrIndentNesting", func() string {
			var b strings.Builder
			for i := range 300 {
				fmt.Fprintf(&b, "%sk%d:\n", strings.Repeat(" ", i), i)
			}
			return b.String()
		}(), "test.yaml:201:201: the document is nested more than 100 levels deep"},
		{"ErrBlockKeys", keys(MaxBlockKeys + 1), fmt.Sprintf("test.yaml:%d:3: this mapping has over %d keys written one per line", MaxBlockKeys+2, MaxBlockKeys)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("test.yaml", []byte(tt.src))
			if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("error %v, want %s...", err, tt.want)
			}
		})
	}
	t.Run("BlockKeysAtLimit", func(t *testing.T) {
		if _, err := Parse("test.yaml", []byte(keys(MaxBlockKeys))); err != nil {
			t.Errorf("%d keys refused: %v", MaxBlockKeys, err)
		}
	})
}
