//go:build linux

package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
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

// TestAliasAmplificationMemory runs the 1.1 MB scenario of issue 17: a
// title anchoring a text of 1 MB, printed by 100 aliases (it gave a 305 MB
// report and 100 MB of stdout; with 1,000 aliases, 7 GB of memory in
// 30 s). It is refused when the file is read, with a message naming the
// alias, within a few hundred MB. Three aliases, within the limit, are
// drawn, and the report is of the size of what it shows.
func TestAliasAmplificationMemory(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, aliases int) string {
		var b strings.Builder
		b.WriteString("title: &t " + strings.Repeat("a", 1<<20) + "\ntasks:\n  A: [")
		for i := range aliases {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString("{print: *t}")
		}
		b.WriteString("]\nruns:\n  R: [{await: A}]\n")
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	for _, n := range []int{100, 1000} {
		out := filepath.Join(dir, "out")
		stderr, code, peak := runChild(t, "run", write(fmt.Sprintf("aliases%d.yaml", n), n), "--out", out)
		if code != 2 || !strings.Contains(stderr, "the aliases (*name) stand for more than 4 MiB of text") {
			t.Errorf("%d aliases: exit %d, stderr %.300q", n, code, stderr)
		}
		if peak > maxPeak {
			t.Errorf("%d aliases: peak memory %d MB", n, peak>>20)
		}
		checkNothingWritten(t, out)
	}
	out := filepath.Join(dir, "out3")
	var stdout, stderr bytes.Buffer
	if err := run([]string{"run", write("aliases3.yaml", 3), "--out", out, "-q", "--chart", "never"}, &stdout, &stderr); err != nil {
		t.Fatalf("3 aliases: %v", err)
	}
	if fi, err := os.Stat(filepath.Join(out, "aliases3.html")); err != nil || fi.Size() > 1<<20 {
		t.Errorf("3 aliases of 1 MB: the report is %v bytes (%v)", fi.Size(), err)
	}
	if fi, err := os.Stat(filepath.Join(out, "aliases3.svg")); err != nil || fi.Size() > 256<<10 {
		t.Errorf("3 aliases of 1 MB: the figure is %v bytes (%v)", fi.Size(), err)
	}
}
