package main

import (
	"strings"
	"testing"

	"github.com/asyncgantt/asyncgantt/render"
)

// TestFormatsAreRegistered checks that every format the command line
// offers is registered by a backend it imports, and that it offers every
// format registered.
func TestFormatsAreRegistered(t *testing.T) {
	for _, f := range formats {
		if _, ok := render.LookupFormat(f.name); !ok {
			t.Errorf("--format %s is offered, but no backend registers it", f.name)
		}
	}
	for _, f := range render.Formats() {
		if _, ok := lookupFormat(f.Name); !ok {
			t.Errorf("format %s (%s) is registered, but --format does not offer it", f.Name, strings.Join(f.Extensions, ", "))
		}
	}
}

// TestFigureFlagRanges checks that the figure flags report render's own
// checks in the flags' terms.
func TestFigureFlagRanges(t *testing.T) {
	for _, tt := range []struct {
		args   []string
		stderr string
	}{
		{[]string{"--width", "100"}, "--width 100 is not valid: use 320 to 20000 pixels\n"},
		{[]string{"--width", "0"}, "--width 0 is not valid: use 320 to 20000 pixels\n"},
		{[]string{"--height", "50"}, "--height 50 is not valid: use 200 to 20000 pixels, or 0 for as tall as needed\n"},
		{[]string{"--animate-speed", "0"}, "--animate-speed 0 is not valid: use a number above 0 (e.g. 2 to play twice as fast)\n"},
		{[]string{"--animate-speed", "-2"}, "--animate-speed -2 is not valid: use a number above 0 (e.g. 2 to play twice as fast)\n"},
		{[]string{"--scale", "4"}, "--scale 4 is not valid: use 1, 2 or 3\n"},
		{[]string{"--scale", "0"}, "--scale 0 is not valid: use 1, 2 or 3\n"},
		{[]string{"--max-lanes", "-1"}, "--max-lanes -1 is not valid: use 1 or more, or 0 for automatic\n"},
	} {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			_, stderr, code := runCLI(t, append([]string{"run", "async-basics", "--out", t.TempDir()}, tt.args...)...)
			if code != 2 || stderr != "asyncgantt: "+tt.stderr {
				t.Errorf("exit %d, stderr %q; want 2 and %q", code, stderr, "asyncgantt: "+tt.stderr)
			}
		})
	}
}
