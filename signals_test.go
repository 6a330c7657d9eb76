package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// stopsWithin is how long a signalled process may take to exit: "at
// once" for a person, and generous for a loaded machine.
const stopsWithin = 10 * time.Second

// checkComplete fails unless every file in dir is complete: no temporary
// file, and each figure well-formed.
func checkComplete(t *testing.T, dir string) {
	t.Helper()
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		name := e.Name()
		data, err := os.ReadFile(filepath.Join(dir, name))
		switch {
		case strings.HasPrefix(name, "."):
			t.Errorf("a temporary file is left: %s", name)
		case err != nil:
			t.Error(err)
		case strings.HasSuffix(name, ".svg"):
			checkWellFormed(t, data)
		case strings.HasSuffix(name, ".html"):
			if !bytes.HasSuffix(bytes.TrimSpace(data), []byte("</html>")) {
				t.Errorf("%s is cut short", name)
			}
		case strings.HasSuffix(name, ".json"):
			if !bytes.HasSuffix(bytes.TrimSpace(data), []byte("}")) {
				t.Errorf("%s is cut short", name)
			}
		}
	}
}

// signalled sends sig to the process and checks that it exits within
// stopsWithin with status want; it returns the time it took.
func (p *process) signalled(t *testing.T, sig os.Signal, want int) time.Duration {
	t.Helper()
	sent := time.Now()
	if err := p.cmd.Process.Signal(sig); err != nil {
		t.Fatal(err)
	}
	code := p.wait(t, stopsWithin)
	took := time.Since(sent)
	t.Logf("exited %v after the signal", took.Round(time.Millisecond))
	if code != want {
		t.Errorf("exit %d, want %d; stderr: %s", code, want, clip(p.stderr.String()))
	}
	return took
}

// TestInterruptWhileWritingAFIFO interrupts a command blocked writing a
// figure into a FIFO whose reader reads nothing: it exits 130 at once and
// leaves no temporary file. Issue 17, item 6: after the runs finish,
// Ctrl-C was lost while the figure was written.
func TestInterruptWhileWritingAFIFO(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fig.png")
	// The reader reads a byte, which says the writer is writing, then
	// nothing more: a PNG is larger than a pipe's buffer, so the writer
	// blocks.
	f := fifoReader(t, fifo)
	p := start(t, nil, "run", "-q", "--format", "png", "-o", fifo, "async-basics")
	f.SetReadDeadline(time.Now().Add(60 * time.Second))
	if _, err := io.ReadFull(f, make([]byte, 1)); err != nil {
		t.Fatalf("nothing written into the FIFO: %v; stderr: %s", err, p.stderr.String())
	}
	p.signalled(t, os.Interrupt, 130)
	checkOnly(t, dir, "fig.png")
}

// TestInterruptWhileWritingFiles interrupts a command once its run has
// finished, while it lays out and writes a large set of figures: it exits
// 130 at once, and --out holds complete files only (issue 17, item 6).
func TestInterruptWhileWritingFiles(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "big.yaml")
	os.WriteFile(path, []byte("tasks:\n  fetch: [{sleep: 1s}, {print: fetched}, {return: page}]\nruns:\n  R: [{gather: [fetch], times: 50000}]\n"), 0o644)
	out := filepath.Join(dir, "out")
	p := start(t, nil, "run", "--chart", "never", "--format", "svg,html,png,json", "--out", out, path)
	// The transcript is printed when the run has finished, before any
	// figure is written.
	deadline := time.Now().Add(120 * time.Second)
	for !strings.Contains(p.stdout.String(), "fetched\n") {
		select {
		case <-p.done:
			t.Fatalf("exited before its transcript: %s", clip(p.stderr.String()))
		default:
		}
		if time.Now().After(deadline) {
			t.Fatal("no transcript after 2 minutes")
		}
		time.Sleep(10 * time.Millisecond)
	}
	select {
	case <-p.done:
		t.Skip("the figures were written before the signal could be sent")
	default:
	}
	p.signalled(t, os.Interrupt, 130)
	checkComplete(t, out)
}

// TestInterruptWhileReading interrupts commands waiting for standard
// input that never comes: each exits 130 at once. Issue 17, item 3: a FIFO
// hung run past the first Ctrl-C.
func TestInterruptWhileReading(t *testing.T) {
	for _, command := range []string{"run", "render", "python"} {
		t.Run(command, func(t *testing.T) {
			r, w, err := os.Pipe()
			if err != nil {
				t.Fatal(err)
			}
			defer w.Close()
			p := start(t, r, command, "-")
			r.Close()
			time.Sleep(500 * time.Millisecond) // let it start reading
			p.signalled(t, os.Interrupt, 130)
		})
	}
}

// TestSIGTERM stops a real-clock run with SIGTERM and with SIGHUP: exit
// status 143 or 129, a message naming the signal (issue 17, item 9: SIGTERM
// was reported as Ctrl-C), and the figure of what ran, marked
// interrupted.
func TestSIGTERM(t *testing.T) {
	for _, c := range []struct {
		sig  syscall.Signal
		code int
		name string
	}{{syscall.SIGTERM, 143, "SIGTERM"}, {syscall.SIGHUP, 129, "SIGHUP"}} {
		t.Run(c.name, func(t *testing.T) {
			out := t.TempDir()
			p := start(t, nil, "run", "async-basics", "--clock", "real", "--format", "svg", "--out", out)
			time.Sleep(time.Second)
			p.signalled(t, c.sig, c.code)
			stderr := p.stderr.String()
			if !strings.Contains(stderr, `stopped by `+c.name) || strings.Contains(stderr, "Ctrl-C") {
				t.Errorf("stderr %q: want %s named, and no Ctrl-C", stderr, c.name)
			}
			checkOnly(t, out, "async-basics.svg")
			checkComplete(t, out)
		})
	}
}

// TestWatchStopsAtOnce interrupts watch in the middle of a render (a
// real-clock run of a minute): it exits 130 at once and the last good
// figures stay as they were. Issue 17, item 6: watch took SIGINT only
// between renders.
func TestWatchStopsAtOnce(t *testing.T) {
	for _, sig := range []os.Signal{os.Interrupt, syscall.SIGTERM} {
		t.Run(sig.String(), func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "lesson.yaml")
			os.WriteFile(path, []byte(watchScenario("First", "await: B")), 0o644)
			out := filepath.Join(dir, "out")
			p := start(t, nil, "watch", path, "--clock", "real", "--format", "svg", "--out", out)
			svg := filepath.Join(out, "lesson.svg")
			deadline := time.Now().Add(60 * time.Second)
			for !strings.Contains(p.stderr.String(), "wrote "+svg) {
				if time.Now().After(deadline) {
					t.Fatalf("no first render: %s", p.stderr.String())
				}
				time.Sleep(10 * time.Millisecond)
			}
			first, _ := os.ReadFile(svg)
			saveByRename(t, path, strings.Replace(watchScenario("Second", "await: B"), "B: 1s", "B: 60s", 1))
			for !strings.Contains(p.stderr.String(), "rendering again") {
				if time.Now().After(deadline) {
					t.Fatalf("no second render: %s", p.stderr.String())
				}
				time.Sleep(10 * time.Millisecond)
			}
			want := 130
			if sig == syscall.SIGTERM {
				want = 143
			}
			p.signalled(t, sig, want)
			if now, _ := os.ReadFile(svg); !bytes.Equal(now, first) {
				t.Errorf("the interrupted render replaced the last good figure")
			}
			checkComplete(t, out)
		})
	}
}

// TestSignalStopsAPythonProgram sends SIGTERM to a command tracing a
// Python program that sleeps: the program is stopped, the figure of what
// it ran is written, and the message names SIGTERM (exit 143).
func TestSignalStopsAPythonProgram(t *testing.T) {
	needPython3(t)
	dir := t.TempDir()
	prog := filepath.Join(dir, "slow.py")
	os.WriteFile(prog, []byte("import asyncio\n\nasync def main():\n    print('start', flush=True)\n    await asyncio.sleep(60)\n\nasyncio.run(main())\n"), 0o644)
	out := filepath.Join(dir, "out")
	p := start(t, nil, "run", prog, "--clock", "real", "--format", "svg", "--out", out)
	deadline := time.Now().Add(60 * time.Second)
	for !strings.Contains(p.stdout.String(), "start") {
		if time.Now().After(deadline) {
			t.Fatalf("the program did not start: %s", p.stderr.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	p.signalled(t, syscall.SIGTERM, 143)
	if stderr := p.stderr.String(); !strings.Contains(stderr, "stopped by SIGTERM") {
		t.Errorf("stderr %q does not name SIGTERM", stderr)
	}
	checkOnly(t, out, "slow.svg")
	checkComplete(t, out)
}

// TestSignalHandler drives the handler in-process: the first signal
// during runs only ends the context, with the signal as its cause; a
// second, or any outside runs or in watch mode, stops the writes and
// exits with the signal's status.
func TestSignalHandler(t *testing.T) {
	type stopped struct {
		aborted bool
		code    int
	}
	newHandler := func() (*signalHandler, *stopped, *bytes.Buffer) {
		var st stopped
		var stderr bytes.Buffer
		h := newSignalHandler(&stderr, func() { st.aborted = true }, func(code int) { st.code = code })
		return h, &st, &stderr
	}
	use := func(h *signalHandler) {
		old := signals
		signals = h
		t.Cleanup(func() { signals = old })
	}

	h, st, stderr := newHandler()
	use(h)
	duringRuns(func() (int, error) {
		h.receive(os.Interrupt)
		return 0, nil
	})
	if st.aborted || st.code != 0 || commandContext().Err() == nil {
		t.Errorf("the first Ctrl-C during runs: aborted %v, exit %d, context %v; want only the context ended", st.aborted, st.code, commandContext().Err())
	}
	if cause := context.Cause(commandContext()); cause == nil || cause.Error() != "an interrupt (Ctrl-C)" {
		t.Errorf("the context's cause is %v", cause)
	}
	h.receive(syscall.SIGTERM)
	if !st.aborted || st.code != 143 || stderr.String() != "asyncgantt: stopped by SIGTERM (a request to terminate)\n" {
		t.Errorf("a second signal: aborted %v, exit %d, stderr %q", st.aborted, st.code, stderr.String())
	}
	if got := interrupted(); got == nil || got.status() != 130 {
		t.Errorf("interrupted() = %v, want the first signal", got)
	}

	h, st, _ = newHandler()
	use(h)
	h.receive(syscall.SIGHUP)
	if !st.aborted || st.code != 129 {
		t.Errorf("SIGHUP outside runs: aborted %v, exit %d", st.aborted, st.code)
	}

	h, st, _ = newHandler()
	use(h)
	stopAtOnce()
	duringRuns(func() (int, error) {
		h.receive(os.Interrupt)
		return 0, nil
	})
	if !st.aborted || st.code != 130 {
		t.Errorf("Ctrl-C during a watch render: aborted %v, exit %d", st.aborted, st.code)
	}
}
