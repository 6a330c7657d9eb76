package main

import (
	"runtime"
	"strings"
	"testing"

	"github.com/asyncgantt/asyncgantt/internal/version"
)

func TestVersion(t *testing.T) {
	stdout, stderr, code := runCLI(t, "--version")
	want := version.Read().String() + "\n"
	if code != 0 || stdout != want || stderr != "" {
		t.Errorf("--version: exit %d, stdout %q (want %q), stderr %q", code, stdout, want, stderr)
	}
	stdout, _, code = runCLI(t, "version")
	if code != 0 || !strings.HasPrefix(stdout, want) || !strings.Contains(stdout, "go        "+runtime.Version()) {
		t.Errorf("version: exit %d, stdout %q", code, stdout)
	}
	if _, stderr, code := runCLI(t, "version", "x"); code != 2 || !strings.Contains(stderr, "takes no arguments") {
		t.Errorf("version x: exit %d, stderr %q", code, stderr)
	}
	if stdout, _, _ := runCLI(t, "--help"); !strings.Contains(stdout, "asyncgantt version") || !strings.Contains(stdout, "asyncgantt markdown PAGE|DIR...") {
		t.Errorf("--help does not list version and markdown:\n%s", stdout)
	}
}
