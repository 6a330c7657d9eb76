package main

import (
	"strings"
	"testing"
)

func TestOutName(t *testing.T) {
	tests := []struct{ in, want string }{
		{"async-basics", "async-basics"},
		{"my scenario", "my-scenario"},
		{"../../etc/passwd", "etc-passwd"},
		{"..", "figure"},
		{".hidden", "hidden"},
		{"a/b\\c", "a-b-c"},
		{"", "figure"},
		{"CON", "_CON"},
		{"nul.txt", "_nul.txt"},
		{"Café über", "Café-über"},
		{"tab\there\nnewline", "tab-here-newline"},
		{"a..b", "a.b"},
		{"a b;rm -rf", "a-b-rm-rf"},
		{"a - b", "a-b"},
		{"<script>", "script"},
		{strings.Repeat("x", 300), strings.Repeat("x", 100)},
	}
	for _, tt := range tests {
		if got := outName(tt.in); got != tt.want {
			t.Errorf("outName(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func FuzzOutName(f *testing.F) {
	for _, s := range []string{"a", "../x", "CON", "\x00", "🎉/..", "a\\b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := outName(s)
		if n == "" || len(n) > maxOutName+1 || strings.ContainsAny(n, `/\`+"\x00") || n == "." || n == ".." || strings.HasPrefix(n, ".") {
			t.Fatalf("outName(%q) = %q is not a safe file name", s, n)
		}
	})
}
