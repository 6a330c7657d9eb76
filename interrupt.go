package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/asyncgantt/asyncgantt/scenarios/runner"
)

// exitInterrupted is the exit status after Ctrl-C, as shells report a
// process killed by SIGINT: 128 + 2.
const exitInterrupted = 130

// interruptible returns a context that is done on Ctrl-C (SIGINT) or
// SIGTERM, for the commands that run scenarios: the run executing stops
// at once, and what it recorded is written, marked interrupted. After the
// first signal the default handling is restored, so a second Ctrl-C ends
// the process at once; files are written through a temporary file and a
// rename, so even then no figure is left half-written.
func interruptible() (ctx context.Context, stop context.CancelFunc) {
	ctx, stop = signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	go func() {
		<-ctx.Done()
		stop()
	}()
	return ctx, stop
}

// explainRunError adds to a run that could not finish what the user can
// do about it: which flag raises the limit that stopped it.
func explainRunError(err error, o outputOptions) error {
	var re *runner.RunError
	if !errors.As(err, &re) {
		return err
	}
	switch {
	case errors.Is(err, runner.ErrMaxEvents):
		n := o.maxEvents
		if n <= 0 {
			n = runner.DefaultMaxEvents
		}
		return fmt.Errorf("%w; the figures show the run up to there. A scenario that really needs more can raise the limit, e.g. --max-events %d", err, 10*n)
	case errors.Is(err, runner.ErrMaxDuration):
		d := o.maxDuration
		if d <= 0 {
			d = runner.DefaultMaxDuration
		}
		return fmt.Errorf("%w; the figures show the run up to there. A scenario that really lasts longer can raise the limit, e.g. --max-duration %s", err, runner.FormatLimit(10*d))
	case errors.Is(err, runner.ErrInterrupted):
		return fmt.Errorf("%w; the figures show what ran until then, marked interrupted", err)
	case errors.Is(err, runner.ErrDeadlock):
		return fmt.Errorf("%w; the figures show the run up to there", err)
	}
	return err
}
