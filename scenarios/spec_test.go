package scenarios

import (
	"slices"
	"strings"
	"testing"
)

// TestStepSpecs checks that every step kind has a description, that it is
// consistent (as: with its variables, required options among the options,
// names for steps that take them) and that its example is a step of that
// kind.
func TestStepSpecs(t *testing.T) {
	for _, k := range StepKinds() {
		spec := stepSpecs[k]
		t.Run(spec.name, func(t *testing.T) {
			if spec.name == "" || spec.example == "" {
				t.Fatalf("step kind %d has no description (stepSpecs)", int(k))
			}
			if got, want := spec.as != 0, slices.Contains(spec.options, "as"); got != want {
				t.Errorf("as = %d, but options %v", spec.as, spec.options)
			}
			if spec.as > 0 && spec.binds != RefTask && spec.binds != RefTaskSet && spec.binds != RefValue {
				t.Errorf("as: binds %s, not a variable", kindText(spec.binds))
			}
			for _, o := range append(slices.Clone(spec.required), spec.oneOf...) {
				if !slices.Contains(spec.options, o) {
					t.Errorf("option %s is required but not among the options %v", o, spec.options)
				}
			}
			for _, o := range spec.required {
				if requiredText[o] == "" {
					t.Errorf("required option %s has no requiredText", o)
				}
			}
			named := spec.arg == argExpr || spec.arg == argItems || spec.arg == argCalls || spec.arg == argExecutor
			w := spec.refs
			if wants := w.coroutine || w.task || w.taskSet || w.list || len(w.prims) > 0; named != wants && k != Cancel {
				t.Errorf("takes names: %v, but refers to %+v", named, w)
			}
			if spec.runs != runsNone && !w.coroutine {
				t.Errorf("runs coroutines but cannot name one")
			}
			p := &parseState{file: "spec.yaml"}
			for _, o := range spec.options {
				st := Step{Kind: k}
				p.option(o, &st, &node{kind: nullNode}) // panics for an option it does not read
			}
			checkExample(t, k, spec.example)
		})
	}
}

// checkExample parses a step kind's example inside a scenario that
// defines the names examples use, and checks it is one step of kind k.
func checkExample(t *testing.T, k StepKind, example string) {
	t.Helper()
	src := "primitives: {sem: semaphore, ev: event, q: queue}\nglobals: {results: []}\n" +
		"tasks:\n  A: [{return: 1}]\n  B: 1s\n" +
		"runs:\n  R:\n    - {create_task: A, as: t}\n    - {await: A, as: a}\n    - " + example + "\n"
	loop := k == Break || k == Continue
	if loop {
		// They go in a loop.
		src = strings.TrimSuffix(src, example+"\n") + "{for: i, in: [1], steps: [" + example + "]}\n"
	}
	s, err := Parse("example.yaml", []byte(src))
	if err != nil {
		t.Fatalf("example %s: %v", example, err)
	}
	steps := s.Runs[0].Steps
	if loop && len(steps) == 3 {
		steps = append(steps[:2:2], steps[2].Body...)
	}
	if len(steps) != 3 || steps[2].Kind != k {
		t.Errorf("example %s is not one %s step", example, k)
	}
}

// kindOf is a StepVisitor that returns the kind each method stands for.
type kindOf struct{}

func (kindOf) Print(_ int, _ *Step) StepKind       { return Print }
func (kindOf) Sleep(_ int, _ *Step) StepKind       { return Sleep }
func (kindOf) Block(_ int, _ *Step) StepKind       { return Block }
func (kindOf) CPU(_ int, _ *Step) StepKind         { return CPU }
func (kindOf) Raise(_ int, _ *Step) StepKind       { return Raise }
func (kindOf) Return(_ int, _ *Step) StepKind      { return Return }
func (kindOf) Await(_ int, _ *Step) StepKind       { return Await }
func (kindOf) CreateTask(_ int, _ *Step) StepKind  { return CreateTask }
func (kindOf) Cancel(_ int, _ *Step) StepKind      { return Cancel }
func (kindOf) Gather(_ int, _ *Step) StepKind      { return Gather }
func (kindOf) Wait(_ int, _ *Step) StepKind        { return Wait }
func (kindOf) WaitFor(_ int, _ *Step) StepKind     { return WaitFor }
func (kindOf) Timeout(_ int, _ *Step) StepKind     { return Timeout }
func (kindOf) TaskGroup(_ int, _ *Step) StepKind   { return TaskGroup }
func (kindOf) AsCompleted(_ int, _ *Step) StepKind { return AsCompleted }
func (kindOf) AsyncWith(_ int, _ *Step) StepKind   { return AsyncWith }
func (kindOf) Set(_ int, _ *Step) StepKind         { return Set }
func (kindOf) Clear(_ int, _ *Step) StepKind       { return Clear }
func (kindOf) Put(_ int, _ *Step) StepKind         { return Put }
func (kindOf) Get(_ int, _ *Step) StepKind         { return Get }
func (kindOf) ToThread(_ int, _ *Step) StepKind    { return ToThread }
func (kindOf) Try(_ int, _ *Step) StepKind         { return Try }
func (kindOf) Call(_ int, _ *Step) StepKind        { return Call }
func (kindOf) AsyncioRun(_ int, _ *Step) StepKind  { return AsyncioRun }
func (kindOf) For(_ int, _ *Step) StepKind         { return For }
func (kindOf) While(_ int, _ *Step) StepKind       { return While }
func (kindOf) If(_ int, _ *Step) StepKind          { return If }
func (kindOf) Break(_ int, _ *Step) StepKind       { return Break }
func (kindOf) Continue(_ int, _ *Step) StepKind    { return Continue }
func (kindOf) Let(_ int, _ *Step) StepKind         { return Let }
func (kindOf) TaskDone(_ int, _ *Step) StepKind    { return TaskDone }
func (kindOf) Join(_ int, _ *Step) StepKind        { return Join }
func (kindOf) RunInExecutor(_ int, _ *Step) StepKind {
	return RunInExecutor
}
func (kindOf) Append(_ int, _ *Step) StepKind { return Append }

// TestVisitStep checks that VisitStep calls each kind's own method.
func TestVisitStep(t *testing.T) {
	for _, k := range StepKinds() {
		if got := VisitStep[int, StepKind](kindOf{}, 0, &Step{Kind: k}); got != k {
			t.Errorf("VisitStep of a %s step called the method of %s", k, got)
		}
	}
	defer func() {
		if r := recover(); r == nil || !strings.Contains(r.(string), "unknown kind") {
			t.Errorf("VisitStep of an unknown kind: recovered %v, want a panic naming the kind", r)
		}
	}()
	VisitStep[int, StepKind](kindOf{}, 0, &Step{Kind: numStepKinds})
}
