package scenarios

import "testing"

func TestNearest(t *testing.T) {
	cands := []string{"print", "sleep", "block", "await", "gather"}
	tests := []struct{ in, want string }{
		{"slep", "sleep"},
		{"sleeep", "sleep"},
		{"gahter", "gather"},
		{"awiat", "await"},
		{"xyz", ""},
		{"print", "print"},
	}
	for _, tt := range []struct {
		in    string
		cands []string
		want  string
	}{
		{"D", []string{"A", "B", "C"}, ""},
		{"b", []string{"A", "B"}, ""},
		{"AB", []string{"A", "B"}, "A"},
	} {
		if got := nearest(tt.in, tt.cands); got != tt.want {
			t.Errorf("nearest(%q, %q) = %q, want %q", tt.in, tt.cands, got, tt.want)
		}
	}
	for _, tt := range tests {
		if got := nearest(tt.in, cands); got != tt.want {
			t.Errorf("nearest(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if got := editDistance("rnu", "run"); got != 1 {
		t.Errorf("editDistance(rnu, run) = %d, want 1", got)
	}
}
