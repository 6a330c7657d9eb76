package main

import (
	"context"
	"fmt"
	"io"

	"slices"
	"strings"
	"sync"
	"time"

	"golang.org/x/term"

	"github.com/asyncgantt/asyncgantt/internal/safetext"
	"github.com/asyncgantt/asyncgantt/scenarios"
	"github.com/asyncgantt/asyncgantt/scenarios/runner"
	"github.com/asyncgantt/asyncgantt/trace"
)

// progressMinWall is how long (wall time) a real-clock execution must be
// expected to last for a live progress line to be worth showing.
const progressMinWall = time.Second

// progressEvery is how often the progress line is redrawn.
const progressEvery = 100 * time.Millisecond

// execute runs the scenario with the options' clock. A real-clock
// execution expected to last over a second shows a live progress line on
// stderr when stderr is a terminal; nothing otherwise.
func execute(ctx context.Context, s *scenarios.Scenario, o outputOptions, stderr io.Writer) (*trace.Trace, error) {
	opts := o.runOptions()
	width, ok := terminalWidth(stderr)
	if _, real := opts.Clock.(runner.RealClock); !real || !ok {
		return runStoppable(ctx, s, opts)
	}
	// The virtual clock says, in no time, how long each run will take.
	expected := make([]time.Duration, len(s.Runs))
	var wall time.Duration
	virtual := opts
	virtual.Clock = runner.VirtualClock{}
	if vt, _ := runner.Execute(context.Background(), s, virtual); vt != nil {
		for i, r := range vt.Runs {
			expected[i] = r.Total
			wall += time.Duration(float64(r.Total) / o.speed)
		}
	}
	if wall <= progressMinWall {
		return runStoppable(ctx, s, opts)
	}
	p := newProgressLine(s, expected, o.speed, width, stderr)
	opts.Progress = p.update
	defer p.stop()
	return runStoppable(ctx, s, opts)
}

// runStoppable executes the scenario's runs, which a first Ctrl-C stops
// rather than the process (signals.go).
func runStoppable(ctx context.Context, s *scenarios.Scenario, opts runner.Options) (*trace.Trace, error) {
	return duringRuns(func() (*trace.Trace, error) { return runner.Execute(ctx, s, opts) })
}

// terminalWidth reports whether w is a terminal, and its width in columns.
func terminalWidth(w io.Writer) (int, bool) {
	f, ok := terminalFile(w)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return 0, false
	}
	width, _, err := term.GetSize(int(f.Fd()))
	if err != nil || width <= 0 {
		width = 80
	}
	return width, true
}

// progressState is what the progress line shows.
type progressState struct {
	// Run is the run executing, Index its 1-based position and Runs how
	// many runs there are.
	Run         string
	Index, Runs int
	// Elapsed is the run's time so far and Expected its total as the
	// virtual clock computed it (zero when unknown), in scenario time.
	Elapsed, Expected time.Duration
	// Holder is the task holding the event loop, or "" when it is free.
	Holder string
}

// formatProgress returns the progress line for st, at most width-1
// columns so that it never wraps, e.g.
// "run 2/3 Concurrent  1.4 s / 3.0 s  [#####.....]  B holds the loop".
func formatProgress(st progressState, width int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "run %d/%d %s  %.1f s", st.Index, st.Runs, safetext.Line(st.Run), st.Elapsed.Seconds())
	if st.Expected > 0 {
		fmt.Fprintf(&b, " / %.1f s  [", st.Expected.Seconds())
		const cells = 10
		done := int(min(1, st.Elapsed.Seconds()/st.Expected.Seconds()) * cells)
		b.WriteString(strings.Repeat("#", done))
		b.WriteString(strings.Repeat(".", cells-done))
		b.WriteByte(']')
	}
	if st.Holder != "" {
		fmt.Fprintf(&b, "  %s holds the loop", safetext.Line(st.Holder))
	} else {
		b.WriteString("  loop idle")
	}
	line := []rune(b.String())
	if width > 1 && len(line) > width-1 {
		line = line[:width-1]
	}
	return string(line)
}

// progressLine redraws a progressState on a terminal until stopped.
type progressLine struct {
	mu       sync.Mutex
	st       progressState
	start    time.Time
	runs     []string
	expected []time.Duration
	speed    float64
	width    int
	w        io.Writer
	done     chan struct{}
	finished sync.WaitGroup
}

func newProgressLine(s *scenarios.Scenario, expected []time.Duration, speed float64, width int, w io.Writer) *progressLine {
	// The line draws with control sequences: it writes under the text
	// policy of messages, and applies it to the names it shows.
	p := &progressLine{expected: expected, speed: speed, width: width, w: rawStream(w), done: make(chan struct{})}
	for _, r := range s.Runs {
		p.runs = append(p.runs, r.Name)
	}
	p.st.Runs = len(p.runs)
	p.finished.Add(1)
	go p.draw()
	return p
}

// update is the runner's Progress hook.
func (p *progressLine) update(run, task string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if run != p.st.Run {
		i := slices.Index(p.runs, run)
		p.st.Run, p.st.Index, p.start = run, i+1, time.Now()
		p.st.Expected = 0
		if i >= 0 {
			p.st.Expected = p.expected[i]
		}
	}
	p.st.Holder = task
}

func (p *progressLine) draw() {
	defer p.finished.Done()
	tick := time.NewTicker(progressEvery)
	defer tick.Stop()
	for {
		select {
		case <-p.done:
			fmt.Fprint(p.w, "\r\x1b[K")
			return
		case <-tick.C:
		}
		p.mu.Lock()
		st := p.st
		if st.Run != "" {
			st.Elapsed = time.Duration(float64(time.Since(p.start)) * p.speed)
		}
		p.mu.Unlock()
		if st.Run != "" {
			fmt.Fprintf(p.w, "\r%s\x1b[K", formatProgress(st, p.width))
		}
	}
}

// stop clears the line.
func (p *progressLine) stop() {
	close(p.done)
	p.finished.Wait()
}
