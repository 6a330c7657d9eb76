package main

import (
	"errors"
	"fmt"

	"github.com/asyncgantt/asyncgantt/scenarios"
)

// exitInterrupted is the exit status after Ctrl-C, as shells report a
// process killed by SIGINT: 128 + 2 (signals.go).
const exitInterrupted = 130

// explainRunError adds to a run that could not finish what the user can
// do about it: which flag raises the limit that stopped it.
func explainRunError(err error, o outputOptions) error {
	var re *scenarios.RunError
	if !errors.As(err, &re) {
		return err
	}
	switch {
	case errors.Is(err, scenarios.ErrMaxEvents):
		n := o.maxEvents
		if n <= 0 {
			n = scenarios.DefaultMaxEvents
		}
		return fmt.Errorf("%w; the figures show the run up to there. A scenario that really needs more can raise the limit, e.g. --max-events %d", err, 10*n)
	case errors.Is(err, scenarios.ErrMaxDuration):
		d := o.maxDuration
		if d <= 0 {
			d = scenarios.DefaultMaxDuration
		}
		return fmt.Errorf("%w; the figures show the run up to there. A scenario that really lasts longer can raise the limit, e.g. --max-duration %s", err, scenarios.FormatLimit(10*d))
	case errors.Is(err, scenarios.ErrInterrupted):
		return fmt.Errorf("%w; the figures show what ran until then, marked interrupted", err)
	case errors.Is(err, scenarios.ErrDeadlock):
		return fmt.Errorf("%w; the figures show the run up to there", err)
	}
	return err
}
