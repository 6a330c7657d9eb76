package main

import (
	"fmt"
	"slices"
	"strings"

	"github.com/asyncgantt/asyncgantt/render"
	"github.com/asyncgantt/asyncgantt/scenarios"
	"github.com/asyncgantt/asyncgantt/trace"
)

// selectRuns returns the scenario with only the runs names lists, in that
// order; s itself when names is empty. A name that is no run of s, or one
// given twice, is a usage error that lists the runs.
func selectRuns(s *scenarios.Scenario, names []string) (*scenarios.Scenario, error) {
	if len(names) == 0 {
		return s, nil
	}
	all := runNames(s)
	sel := *s
	sel.Runs = nil
	for i, n := range names {
		k := slices.Index(all, n)
		if k < 0 {
			hint := ""
			if near := scenarios.Nearest(n, all); near != "" {
				hint = fmt.Sprintf(" (did you mean %q?)", near)
			}
			return nil, usagef("%s: --runs: no run is called %q%s; its runs: %s", s.File, n, hint, quoteAll(all))
		}
		if slices.Contains(names[:i], n) {
			return nil, usagef("%s: --runs names %q twice", s.File, n)
		}
		sel.Runs = append(sel.Runs, s.Runs[k])
	}
	return &sel, nil
}

// baseline returns the baseline a job's figure compares its runs with:
// --baseline when given, else the scenario's figure: {baseline: ...}
// when that run is drawn, else the default.
func (j *job) baseline() string {
	if j.opts.changed("baseline") {
		return j.opts.fig.baseline
	}
	if s := j.scenario; s != nil && s.Figure.Baseline != "" {
		if s.Figure.Baseline == render.BaselineNone || slices.ContainsFunc(s.Runs, func(r *scenarios.RunDef) bool { return r.Name == s.Figure.Baseline }) {
			return s.Figure.Baseline
		}
	}
	return ""
}

// checkBaseline refuses a --baseline that names none of the runs, before
// anything runs or is written.
func (o *outputOptions) checkBaseline(what string, runs []string) error {
	b := o.fig.baseline
	if !o.changed("baseline") || b == render.BaselineNone || slices.Contains(runs, b) {
		return nil
	}
	if b == "" {
		return usagef("--baseline is empty: name a run (%s) or none", quoteAll(runs))
	}
	hint := ""
	if near := scenarios.Nearest(b, runs); near != "" {
		hint = fmt.Sprintf(" (did you mean %q?)", near)
	}
	return usagef("%s: --baseline %q is not a run%s: use one of %s, or none for no speed-up badges", what, b, hint, quoteAll(runs))
}

// changed reports whether the flag name was given; false for options
// made without flags.
func (o *outputOptions) changed(name string) bool { return o.set != nil && o.set(name) }

// traceRunNames returns the names of a trace's runs.
func traceRunNames(t *trace.Trace) []string {
	n := make([]string, len(t.Runs))
	for i, r := range t.Runs {
		n[i] = r.Name
	}
	return n
}

// runNames returns the names of a scenario's runs.
func runNames(s *scenarios.Scenario) []string {
	n := make([]string, len(s.Runs))
	for i, r := range s.Runs {
		n[i] = r.Name
	}
	return n
}

func quoteAll(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = fmt.Sprintf("%q", n)
	}
	return strings.Join(q, ", ")
}
