//go:build linux

package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// childArgsEnv names the variable through which runChild hands the test
// binary the command line TestChildProcess runs.
const childArgsEnv = "ASYNCGANTT_TEST_CHILD_ARGS"

// TestChildProcess is not a test: run by runChild, in a child process of
// its own, it runs asyncgantt with the arguments it is handed and exits
// with its status.
func TestChildProcess(t *testing.T) {
	args := os.Getenv(childArgsEnv)
	if args == "" {
		t.Skip("runs only in a child process started by runChild")
	}
	var a []string
	if err := json.Unmarshal([]byte(args), &a); err != nil {
		t.Fatal(err)
	}
	os.Exit(exitCode(run(a, os.Stdout, os.Stderr), os.Stderr))
}

// runChild runs asyncgantt with args in a child process (the test binary
// itself, as TestChildProcess) and returns its standard error, exit status
// and peak resident memory in bytes.
func runChild(t *testing.T, args ...string) (stderr string, code int, peak int64) {
	t.Helper()
	a, _ := json.Marshal(args)
	cmd := exec.Command(os.Args[0], "-test.run=^TestChildProcess$")
	cmd.Env = append(os.Environ(), childArgsEnv+"="+string(a))
	var errb bytes.Buffer
	cmd.Stderr = &errb
	err := cmd.Run()
	if _, ok := err.(*exec.ExitError); err != nil && !ok {
		t.Fatal(err)
	}
	ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	return errb.String(), cmd.ProcessState.ExitCode(), ru.Maxrss * 1024 // KiB on Linux
}

// maxPeak is the most memory a refused amplification may take: "a few
// hundred MB", with room for a loaded machine's garbage collector.
const maxPeak = 600 << 20

// TestGzipBombMemory renders a 35 MB gzip file of valid events that
// decompresses to 12 GB (issue 17: 35 MB → 5.4 GB passed 6 GB of memory
// in 35 s): it is refused, naming the limit and its flag, within a few
// hundred MB of memory, and nothing is written.
func TestGzipBombMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("writes a 35 MB file and reads 100 MB of it")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "bomb.json.gz")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	line := []byte(`{"name":"x","ph":"X","ts":0,"dur":1,"pid":1,"tid":1},` + "\n")
	var chunk bytes.Buffer
	zw := gzip.NewWriter(&chunk)
	zw.Write(bytes.Repeat(line, 200_000))
	zw.Close()
	zw = gzip.NewWriter(f)
	zw.Write([]byte("["))
	zw.Close()
	for range 35 << 20 / chunk.Len() {
		f.Write(chunk.Bytes())
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	stderr, code, peak := runChild(t, "render", path, "--out", out)
	if code != 2 || !strings.Contains(stderr, "more than 2,000,000 events to draw") || !strings.Contains(stderr, "--max-trace-events raises the limit") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	if peak > maxPeak {
		t.Errorf("peak memory %d MB, want at most %d MB", peak>>20, maxPeak>>20)
	}
	t.Logf("refused within %d MB", peak>>20)
	checkNothingWritten(t, out)
}
