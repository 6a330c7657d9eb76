package main

import (
	"testing"
	"time"
)

func TestFormatProgress(t *testing.T) {
	tests := []struct {
		name  string
		st    progressState
		width int
		want  string
	}{
		{"Holder", progressState{Run: "Concurrent", Index: 2, Runs: 3, Elapsed: 1400 * time.Millisecond, Expected: 3 * time.Second, Holder: "B"}, 120,
			"run 2/3 Concurrent  1.4 s / 3.0 s  [####......]  B holds the loop"},
		{"Idle", progressState{Run: "Sequential", Index: 1, Runs: 3, Elapsed: 0, Expected: 6 * time.Second}, 120,
			"run 1/3 Sequential  0.0 s / 6.0 s  [..........]  loop idle"},
		{"Overrun", progressState{Run: "R", Index: 1, Runs: 1, Elapsed: 7 * time.Second, Expected: 6 * time.Second, Holder: "A"}, 120,
			"run 1/1 R  7.0 s / 6.0 s  [##########]  A holds the loop"},
		{"ExpectedUnknown", progressState{Run: "R", Index: 1, Runs: 1, Elapsed: 2500 * time.Millisecond, Holder: "main"}, 120,
			"run 1/1 R  2.5 s  main holds the loop"},
		{"Truncated", progressState{Run: "Concurrent", Index: 2, Runs: 3, Elapsed: 1400 * time.Millisecond, Expected: 3 * time.Second, Holder: "B"}, 21,
			"run 2/3 Concurrent  "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := formatProgress(tt.st, tt.width); got != tt.want {
				t.Errorf("formatProgress = %q, want %q", got, tt.want)
			}
		})
	}
}
