package main

import (
	"bytes"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

// The command built once, for the tests that need a process of its own:
// signals, standard streams, exit statuses that os.Exit sets.
var (
	binaryOnce sync.Once
	binaryPath string
	binaryErr  error
)

// TestMain removes the command built by binary.
func TestMain(m *testing.M) {
	code := m.Run()
	if binaryPath != "" {
		os.RemoveAll(filepath.Dir(binaryPath))
	}
	os.Exit(code)
}

// binary returns the path of the command, built on first use; the test
// is skipped in -short mode, which builds nothing.
func binary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the command to run it as a process")
	}
	binaryOnce.Do(func() {
		dir, err := os.MkdirTemp("", "asyncgantt-bin")
		if err != nil {
			binaryErr = err
			return
		}
		bin := filepath.Join(dir, "asyncgantt")
		if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
			binaryErr = errors.New("go build: " + err.Error() + "\n" + string(out))
			return
		}
		binaryPath = bin
	})
	if binaryErr != nil {
		t.Fatal(binaryErr)
	}
	return binaryPath
}

// process is the command started as a process of its own.
type process struct {
	cmd            *exec.Cmd
	stdout, stderr syncBuffer
	done           chan struct{}
	err            error
}

// start starts the command with args; stdin, when not nil, is its
// standard input; its output streams are kept in the process. Its
// address space is limited to 4 GiB, so that a
// regression that reads without end fails the test instead of the machine.
func start(t *testing.T, stdin io.Reader, args ...string) *process {
	t.Helper()
	return startTo(t, stdin, nil, args...)
}

// startTo is start with standard output sent to stdout, when not nil.
func startTo(t *testing.T, stdin io.Reader, stdout *os.File, args ...string) *process {
	t.Helper()
	bin := binary(t)
	p := &process{done: make(chan struct{})}
	p.cmd = exec.Command("/bin/sh", append([]string{"-c", `ulimit -v 4194304 && exec "$0" "$@"`, bin}, args...)...)
	p.cmd.Stdin = stdin
	p.cmd.Stdout = &p.stdout
	if stdout != nil {
		p.cmd.Stdout = stdout
	}
	p.cmd.Stderr = &p.stderr
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		p.err = p.cmd.Wait()
		close(p.done)
	}()
	t.Cleanup(func() {
		p.cmd.Process.Kill()
		<-p.done
	})
	return p
}

// wait waits for the process to exit, at most limit (the limit is
// generous: a loaded machine must not fail the test), and returns its exit
// status; the test fails if it is still running then.
func (p *process) wait(t *testing.T, limit time.Duration) int {
	t.Helper()
	select {
	case <-p.done:
	case <-time.After(limit):
		p.cmd.Process.Kill()
		<-p.done
		t.Fatalf("%v still running after %v; stderr:\n%s", p.cmd.Args[3:], limit, clip(p.stderr.String()))
	}
	var ee *exec.ExitError
	if errors.As(p.err, &ee) {
		return ee.ExitCode()
	}
	if p.err != nil {
		t.Fatal(p.err)
	}
	return 0
}

// runProcess runs the command as a process and returns its streams and
// exit status, failing the test if it runs longer than limit.
func runProcess(t *testing.T, limit time.Duration, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	p := start(t, bytes.NewReader(nil), args...)
	code = p.wait(t, limit)
	return p.stdout.String(), p.stderr.String(), code
}

// clip shortens a process's output for a test's message: a Go stack
// trace of an out-of-memory crash is thousands of lines.
func clip(s string) string {
	if len(s) > 600 {
		return s[:600] + "..."
	}
	return s
}
