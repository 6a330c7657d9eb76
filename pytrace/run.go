package pytrace

import (
	"context"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/asyncgantt/asyncgantt/pytrace/events"
	"github.com/asyncgantt/asyncgantt/trace"
)

//go:embed probe/probe.py
var probeSource []byte

// Clock says which clock a traced program runs on.
type Clock int

const (
	// VirtualClock (the default) simulates time: the loop jumps to its next
	// timer instead of sleeping, time.sleep lasts exactly its argument
	// without sleeping, and CPU-bound code costs its measured CPU time.
	VirtualClock Clock = iota
	// RealClock runs the program as it is, and measures.
	RealClock
)

// String returns "virtual" or "real".
func (c Clock) String() string {
	if c == RealClock {
		return "real"
	}
	return "virtual"
}

// Defaults of Options.
const (
	DefaultMaxDuration = time.Hour
	DefaultMaxEvents   = 50_000_000
)

// Options configure Run.
type Options struct {
	// Python is the interpreter to run: a path or a name looked up on
	// PATH. Empty means "python3".
	Python string
	// Clock is the clock the program runs on.
	Clock Clock
	// Runs names coroutine functions whose every call is a run of its own
	// (see events.Options.Runs); empty: one run per asyncio.run().
	Runs []string
	// MaxDuration stops a run longer than this on the program's clock (0:
	// DefaultMaxDuration); MaxEvents stops a program after this many
	// event-loop callbacks (0: DefaultMaxEvents).
	MaxDuration time.Duration
	MaxEvents   int
	// Args are the program's command-line arguments (sys.argv[1:]).
	Args []string
	// Stdout, Stderr and Stdin are the program's; nil discards its output
	// and gives it no input. An *os.File is handed to the program as it
	// is, so a terminal stays a terminal.
	Stdout, Stderr io.Writer
	Stdin          io.Reader
}

// Result is what a traced run of a program gave.
type Result struct {
	// File is the program's path, as given.
	File string
	// Trace holds the program's runs; nil when nothing could be traced.
	Trace *trace.Trace
	// Program is the decoded event stream.
	Program *events.Program
	// ExitCode is the program's exit status (130 after an interrupt).
	ExitCode int
}

// Error kinds of *Error.
var (
	// ErrPython: no usable Python interpreter (missing, not CPython, or a
	// version other than 3.11, 3.12 and 3.13).
	ErrPython = errors.New("no usable Python")
	// ErrRefused: the program does what its clock cannot run (real
	// network I/O on the virtual clock).
	ErrRefused = errors.New("refused")
	// ErrStopped: the probe stopped the program: a deadlock, or a limit
	// (--max-duration, --max-events) reached. The trace shows it up to
	// there.
	ErrStopped = errors.New("stopped")
	// ErrInterrupted: the context was cancelled (Ctrl-C); the trace shows
	// what ran until then.
	ErrInterrupted = errors.New("interrupted")
	// ErrProbe: the probe failed or its event stream is malformed.
	ErrProbe = errors.New("probe failed")
	// ErrRuns: Options.Runs names a function no coroutine was a call of.
	ErrRuns = errors.New("no such run")
)

// Error is an error about one program; errors.Is matches its Kind.
type Error struct {
	// File is the program's path, as given.
	File string
	// Kind is one of ErrPython, ErrRefused, ErrStopped, ErrInterrupted,
	// ErrProbe, ErrRuns.
	Kind error
	// Msg says what happened, for the user.
	Msg string
}

func (e *Error) Error() string {
	if e.File == "" {
		return e.Msg
	}
	return e.File + ": " + e.Msg
}

// Is reports whether target is the error's kind.
func (e *Error) Is(target error) bool { return target == e.Kind }

// Run runs the Python program file under the probe and returns its trace.
// A program that raises or exits with a non-zero status still gives its
// trace (Result.ExitCode says how it ended). When the program is stopped
// (ErrStopped) or interrupted (ErrInterrupted), the Result holds what was
// recorded and the error says why; for other errors the Result is nil.
func Run(ctx context.Context, file string, o Options) (*Result, error) {
	if _, err := os.Stat(file); err != nil {
		return nil, &Error{File: file, Kind: ErrProbe, Msg: "cannot read the program: " + unwrapPath(err)}
	}
	py, err := findPython(o.Python)
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "asyncgantt-probe-")
	if err != nil {
		return nil, &Error{File: file, Kind: ErrProbe, Msg: err.Error()}
	}
	defer os.RemoveAll(dir)
	probe := filepath.Join(dir, "asyncgantt_probe.py")
	if err := os.WriteFile(probe, probeSource, 0o600); err != nil {
		return nil, &Error{File: file, Kind: ErrProbe, Msg: err.Error()}
	}
	prog, code, interrupted, err := execProbe(ctx, py, probe, file, o)
	if err != nil {
		return nil, err
	}
	res := &Result{File: file, Program: prog, ExitCode: code}
	if r := prog.Refused; r != nil {
		return nil, refusal(file, r)
	}
	tr, err := prog.Trace(filepath.Base(file), events.Options{Runs: o.Runs})
	if err != nil {
		return nil, &Error{File: file, Kind: ErrRuns, Msg: err.Error()}
	}
	res.Trace = tr
	switch {
	case interrupted:
		why := stoppedBy(ctx)
		markInterrupted(tr, why)
		return res, &Error{File: file, Kind: ErrInterrupted, Msg: why + "; the figures show what ran until then"}
	case prog.Stop != nil:
		msg := "stopped"
		if n := len(tr.Runs); n > 0 && tr.Runs[n-1].Error != "" {
			msg = fmt.Sprintf("run %q: %s", tr.Runs[n-1].Name, tr.Runs[n-1].Error)
		}
		return res, &Error{File: file, Kind: ErrStopped, Msg: msg + "; the figures show the run up to there"}
	}
	return res, nil
}

func unwrapPath(err error) string {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// stoppedBy says what stopped a program whose ctx is done: "stopped by
// an interrupt (Ctrl-C)", or the cause of ctx (context.Cause) when it has
// one other than context.Canceled, as the scenario runner says it.
func stoppedBy(ctx context.Context) string {
	if why := context.Cause(ctx); why != nil && !errors.Is(why, context.Canceled) {
		return "stopped by " + why.Error()
	}
	return "stopped by an interrupt (Ctrl-C)"
}

func markInterrupted(tr *trace.Trace, why string) {
	if n := len(tr.Runs); n > 0 {
		r := tr.Runs[n-1]
		r.Interrupted = true
		if r.Error == "" {
			r.Error = why
		}
	}
}

func refusal(file string, r *events.Refusal) error {
	switch r.Kind {
	case "network":
		where := file
		if r.Where != "" {
			where = relPath(r.Where)
		}
		return &Error{Kind: ErrRefused, Msg: fmt.Sprintf("%s: the program does real network I/O (loop.%s), which cannot run on the virtual clock; run it with --clock real", where, r.What)}
	}
	return &Error{File: file, Kind: ErrRefused, Msg: r.What}
}

// relPath writes path relative to the working directory when it is below it.
func relPath(path string) string {
	if i := strings.LastIndex(path, ":"); i > 0 {
		file, line := path[:i], path[i:]
		if wd, err := os.Getwd(); err == nil {
			if rel, err := filepath.Rel(wd, file); err == nil && !strings.HasPrefix(rel, "..") {
				return rel + line
			}
		}
	}
	return path
}

// execProbe runs the probe and decodes its stream. interrupted is true
// when ctx was cancelled while the program ran.
func execProbe(ctx context.Context, py, probe, file string, o Options) (prog *events.Program, code int, interrupted bool, err error) {
	r, w, err := os.Pipe()
	if err != nil {
		return nil, 0, false, &Error{File: file, Kind: ErrProbe, Msg: err.Error()}
	}
	maxDur := o.MaxDuration
	if maxDur <= 0 {
		maxDur = DefaultMaxDuration
	}
	maxEv := o.MaxEvents
	if maxEv <= 0 {
		maxEv = DefaultMaxEvents
	}
	args := []string{probe, "--fd", "3", "--clock", o.Clock.String(),
		"--max-duration", strconv.FormatFloat(maxDur.Seconds(), 'g', -1, 64),
		"--max-events", strconv.Itoa(maxEv), "--", file}
	args = append(args, o.Args...)
	cmd := exec.Command(py, args...)
	cmd.ExtraFiles = []*os.File{w}
	cmd.Stdout, cmd.Stderr, cmd.Stdin = orDiscard(o.Stdout), orDiscard(o.Stderr), o.Stdin
	if err := cmd.Start(); err != nil {
		r.Close()
		w.Close()
		return nil, 0, false, &Error{File: file, Kind: ErrPython, Msg: fmt.Sprintf("cannot start %s: %v", py, err)}
	}
	w.Close()
	type decoded struct {
		p   *events.Program
		err error
	}
	done := make(chan decoded, 1)
	go func() {
		p, err := events.Decode(r)
		io.Copy(io.Discard, r)
		r.Close()
		done <- decoded{p, err}
	}()
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	var waitErr error
	select {
	case waitErr = <-exited:
	case <-ctx.Done():
		interrupted = true
		cmd.Process.Signal(os.Interrupt)
		select {
		case waitErr = <-exited:
		case <-time.After(3 * time.Second):
			cmd.Process.Kill()
			waitErr = <-exited
		}
	}
	d := <-done
	code = exitCode(waitErr)
	if d.err != nil {
		return nil, code, interrupted, &Error{File: file, Kind: ErrProbe, Msg: d.err.Error()}
	}
	if d.p.Python == "" {
		return nil, code, interrupted, &Error{File: file, Kind: ErrProbe, Msg: fmt.Sprintf("the probe reported nothing (%s exited with status %d)", py, code)}
	}
	return d.p, code, interrupted, nil
}

func orDiscard(w io.Writer) io.Writer {
	if w == nil {
		return io.Discard
	}
	return w
}

func exitCode(err error) int {
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		if ws, ok := ee.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
			return 128 + int(ws.Signal())
		}
		return ee.ExitCode()
	}
	if err != nil {
		return 1
	}
	return 0
}
