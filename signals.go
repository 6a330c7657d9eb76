package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sync"
	"syscall"

	"github.com/asyncgantt/asyncgantt/internal/outfile"
)

// How Ctrl-C (SIGINT), SIGTERM and SIGHUP stop the command.
//
// While scenarios run, the first signal stops the run at once (the
// runner watches the command's context), and the command goes on to
// write what ran, marked interrupted, then exits 130 (143 for SIGTERM,
// 129 for SIGHUP). At any other moment (reading the inputs, laying out,
// writing the files, watching), and at a second signal, the command
// stops at once: the temporary files of the writes in progress are
// removed, a set of files being renamed into place is completed first
// (outfile.Abort), and the process exits with the same status. So every
// file it leaves is complete, and a set of files is all old or all new.

// interruption is a signal that stopped the command; it is the cause of
// the command context's end.
type interruption struct{ sig os.Signal }

// Error names the signal as a user knows it.
func (e *interruption) Error() string {
	switch e.sig {
	case syscall.SIGTERM:
		return "SIGTERM (a request to terminate)"
	case syscall.SIGHUP:
		return "SIGHUP (its terminal was closed)"
	}
	return "an interrupt (Ctrl-C)"
}

// status is the exit status after the signal, as a shell reports a
// process the signal killed: 128 + its number (130 for SIGINT, 143 for
// SIGTERM, 129 for SIGHUP).
func (e *interruption) status() int {
	if s, ok := e.sig.(syscall.Signal); ok && s > 0 {
		return 128 + int(s)
	}
	return exitInterrupted
}

// stopSignals are the signals that stop the command: Ctrl-C, SIGTERM
// (sent by kill, timeout, a container's stop) and SIGHUP (the terminal
// closed).
var stopSignals = []os.Signal{os.Interrupt, syscall.SIGTERM, syscall.SIGHUP}

// signalHandler receives the signals that stop the command.
type signalHandler struct {
	ctx    context.Context
	cancel context.CancelCauseFunc
	stderr io.Writer
	// abort and exit stop the writes and the process: outfile.Abort and
	// os.Exit, but in tests.
	abort func()
	exit  func(code int)

	mu     sync.Mutex
	first  *interruption // the first signal received
	runs   int           // runs in progress, which stop by themselves
	atOnce bool          // watch, markdown: no run stops by itself
}

// signals is the process's handler, installed by main; commands run by
// tests in-process have none and are never interrupted.
var signals *signalHandler

// handleSignals installs the process's handling of Ctrl-C and SIGTERM,
// reporting a stop on stderr.
func handleSignals(stderr io.Writer) {
	h := newSignalHandler(stderr, outfile.Abort, os.Exit)
	ch := make(chan os.Signal, 4)
	for _, sig := range stopSignals {
		// SIGHUP stays ignored under nohup. Ctrl-C and SIGTERM are
		// caught even when the command was started to ignore them (a
		// background job of a script): a program traced then inherits
		// their default handling, which pytrace's interrupt needs.
		if sig != syscall.SIGHUP || !signal.Ignored(sig) {
			signal.Notify(ch, sig)
		}
	}
	go func() {
		for sig := range ch {
			h.receive(sig)
		}
	}()
	signals = h
}

func newSignalHandler(stderr io.Writer, abort func(), exit func(int)) *signalHandler {
	ctx, cancel := context.WithCancelCause(context.Background())
	return &signalHandler{ctx: ctx, cancel: cancel, stderr: stderr, abort: abort, exit: exit}
}

// receive handles one signal: the first one during runs stops them;
// any other stops the process.
func (h *signalHandler) receive(sig os.Signal) {
	h.mu.Lock()
	stop := &interruption{sig}
	first := h.first == nil
	if first {
		h.first = stop
	}
	soft := first && h.runs > 0 && !h.atOnce
	h.mu.Unlock()
	h.cancel(stop)
	if soft {
		return
	}
	h.abort()
	fmt.Fprintf(h.stderr, "asyncgantt: stopped by %s\n", stop)
	h.exit(stop.status())
}

// commandContext returns the context of the command: done when a signal
// stops it, with the *interruption as its cause.
func commandContext() context.Context {
	if signals == nil {
		return context.Background()
	}
	return signals.ctx
}

// duringRuns calls run, which executes scenarios under the command
// context: a first signal meanwhile stops the runs rather than the
// process, so that what ran is written.
func duringRuns[T any](run func() (T, error)) (T, error) {
	h := signals
	if h == nil {
		return run()
	}
	h.mu.Lock()
	h.runs++
	h.mu.Unlock()
	defer func() {
		h.mu.Lock()
		h.runs--
		h.mu.Unlock()
	}()
	return run()
}

// stopAtOnce makes every signal stop the process at once, runs or not:
// for watch and markdown, whose interrupted render would replace good
// figures with an interrupted one.
func stopAtOnce() {
	if h := signals; h != nil {
		h.mu.Lock()
		h.atOnce = true
		h.mu.Unlock()
	}
}

// interrupted returns the signal that stopped the command, or nil.
func interrupted() *interruption {
	h := signals
	if h == nil {
		return nil
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.first
}
