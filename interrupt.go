package main

import (
	"errors"
	"fmt"

	"github.com/asyncgantt/asyncgantt/scenarios/runner"
)

// exitInterrupted is the exit status after Ctrl-C, as shells report a
// process killed by SIGINT: 128 + 2 (signals.go).
const exitInterrupted = 130

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
	case errors.Is(err, runner.ErrMaxMemory):
		m := int64(o.budget.maxMemory)
		if m <= 0 {
			m = runner.DefaultMaxMemory
		}
		limit := sizeValue(4 * m)
		return fmt.Errorf("%w; the figures show the run up to there. A scenario that really needs more can raise the limit, e.g. --max-memory %s", err, limit.String())
	case errors.Is(err, runner.ErrInterrupted):
		return fmt.Errorf("%w; the figures show what ran until then, marked interrupted", err)
	case errors.Is(err, runner.ErrDeadlock):
		return fmt.Errorf("%w; the figures show the run up to there", err)
	}
	return err
}
