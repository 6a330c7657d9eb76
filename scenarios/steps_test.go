package scenarios

import (
	"errors"
	"strings"
	"testing"
)

// TestStepErrors checks that mistakes in steps are reported at the right
// place, saying what is valid and suggesting the nearest name.
func TestStepErrors(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"ErrUnknownOption", "tasks: {A: 1s}\nruns:\n  R: [{gather: [A], return_exception: true}]\n",
			`test.yaml:3:21: unknown option of gather "return_exception"; did you mean "return_exceptions"? (valid: times, return_exceptions, as)`},
		{"ErrTwoKeywords", "tasks: {A: 1s}\nruns:\n  R: [{sleep: 1s, print: x}]\n",
			"test.yaml:3:19: a step has one step keyword; this one has both sleep and print: write two steps"},
		{"ErrNoOptions", "tasks: {A: 1s}\nruns:\n  R: [{sleep: 1s, as: x}]\n",
			`test.yaml:3:19: sleep takes no options; found "as"`},
		{"ErrWaitForNeedsTimeout", "tasks: {A: 1s}\nruns:\n  R: [{wait_for: A}]\n",
			"test.yaml:3:8: wait_for: needs a timeout, e.g. {wait_for: A, timeout: 1s, as: result}"},
		{"ErrUndefinedTask", "tasks: {fetch: 1s}\nruns:\n  R: [{await: fecth}]\n",
			`test.yaml:3:15: task "fecth" is not defined; did you mean "fetch"?`},
		{"ErrAwaitSemaphore", "primitives: {sem: semaphore}\ntasks: {A: 1s}\nruns:\n  R: [{await: sem}]\n",
			"test.yaml:4:15: await: sem is a semaphore; await needs a task of the scenario or a task variable (create_task's as:) or an event (hold it with {async_with: sem, steps: [...]})"},
		{"ErrUnboundPlaceholder", "tasks: {A: [{return: 1}]}\nruns:\n  R: [{await: A, as: result}, {print: \"{reslt}\"}]\n",
			`test.yaml:3:39: print: {reslt} names no variable bound before this step; did you mean {result}?`},
		{"ErrPrintTask", "tasks: {A: 1s}\nruns:\n  R: [{create_task: A, as: t}, {print: \"{t}\"}]\n",
			"print: {t} is a task, which Python prints as an unreadable repr"},
		{"ErrRaiseType", "tasks: {A: [{raise: \"ValeuError: x\"}]}\nruns:\n  R: [{await: A}]\n",
			`test.yaml:1:21: raise: "ValeuError" is not an exception type a scenario can raise; did you mean "ValueError"?`},
		{"ErrExceptType", "tasks: {A: 1s}\nruns:\n  R: [{try: [{await: A}], except: {TimeOutError: []}}]\n",
			`test.yaml:3:36: except: "TimeOutError" is not an exception type; did you mean "TimeoutError"?`},
		{"ErrPrimitiveKind", "primitives: {sem: {semaphor: 2}}\ntasks: {A: 1s}\nruns:\n  R: [{await: A}]\n",
			`test.yaml:1:20: primitive sem must be semaphore, lock, event, queue or process_pool, e.g. {semaphore: 2}, lock, event, {queue: 10}, {process_pool: 2}; found "semaphor"; did you mean "semaphore"?`},
		{"ErrSleepMode", "tasks: {A: 1s}\nruns:\n  R: {sleeps: noawait, steps: [{await: A}]}\n",
			`test.yaml:3:15: sleeps: must be await (await asyncio.sleep), block (time.sleep) or no-await (asyncio.sleep without await); found "noawait"`},
		{"ErrReturnTask", "tasks: {A: [{return: 1.5}], B: [{return: A()}]}\nruns:\n  R: [{await: A}]\n",
			"return: A(...) makes a coroutine, which runs only where a step runs it"},
		{"ErrWaitAsOneName", "tasks: {A: 1s}\nruns:\n  R: [{wait: [A], as: done}]\n",
			"test.yaml:3:23: as: of wait names two variables, the done and the pending tasks, e.g. as: [done, pending]"},
		{"ErrCancelCoroutine", "tasks: {A: 1s}\nruns:\n  R: [{cancel: A}]\n",
			"test.yaml:3:16: cancel: A is a task of the scenario (a coroutine); cancel needs a task variable (create_task's as:) or a set of tasks (wait's as:)"},
		{"ErrVarIsTaskName", "tasks: {A: [{return: 1}]}\nruns:\n  R: [{await: A, as: A}]\n",
			`test.yaml:3:22: variable "A" has the name of a task or primitive`},
		{"ErrTryWithoutExcept", "tasks: {A: 1s}\nruns:\n  R: [{try: [{await: A}]}]\n",
			"test.yaml:3:8: try: needs except: or except*: or finally:"},
		{"ErrGatherTimesZero", "tasks: {A: 1s}\nruns:\n  R: [{gather: [A], times: 0}]\n",
			`test.yaml:3:28: times must be a whole number from 1 to 1000000 (how many times over the list is gathered), e.g. {gather: [A, B], times: 3}; found "0"`},
		{"ErrGatherTimesNegative", "tasks: {A: 1s}\nruns:\n  R: [{gather: [A], times: -3}]\n",
			`test.yaml:3:28: times must be a whole number from 1 to 1000000 (how many times over the list is gathered), e.g. {gather: [A, B], times: 3}; found "-3"`},
		{"ErrGatherTimesHuge", "tasks: {A: 1s}\nruns:\n  R: [{gather: [A], times: 1000001}]\n",
			`test.yaml:3:28: times must be a whole number from 1 to 1000000 (how many times over the list is gathered), e.g. {gather: [A, B], times: 3}; found "1000001"`},
		{"ErrGatherTimesDuration", "tasks: {A: 1s}\nruns:\n  R: [{gather: [A], times: 2s}]\n",
			`test.yaml:3:28: times must be a whole number from 1 to 1000000 (how many times over the list is gathered), e.g. {gather: [A, B], times: 3}; found "2s"`},
		{"ErrGatherTimesQuoted", "tasks: {A: 1s}\nruns:\n  R: [{gather: [A], times: \"3\"}]\n",
			`test.yaml:3:28: times must be a whole number from 1 to 1000000 (how many times over the list is gathered), e.g. {gather: [A, B], times: 3}; found "3" in quotes (text, not a number)`},
		{"ErrGatherTimesFloat", "tasks: {A: 1s}\nruns:\n  R: [{gather: [A], times: 1.5}]\n",
			`test.yaml:3:28: times must be a whole number from 1 to 1000000 (how many times over the list is gathered), e.g. {gather: [A, B], times: 3}; found "1.5"`},
		{"ErrGatherTimesLeadingZero", "tasks: {A: 1s}\nruns:\n  R: [{gather: [A], times: 010}]\n",
			`test.yaml:3:28: times must be a whole number from 1 to 1000000 (how many times over the list is gathered), e.g. {gather: [A, B], times: 3}; found "010"`},
		{"ErrGatherTimesList", "tasks: {A: 1s}\nruns:\n  R: [{gather: [A], times: [3]}]\n",
			`test.yaml:3:28: times must be a whole number from 1 to 1000000 (how many times over the list is gathered), e.g. {gather: [A, B], times: 3}; found a list`},
		{"ErrGatherTimesEmpty", "tasks: {A: 1s}\nruns:\n  R:\n    - gather: [A]\n      times:\n",
			`test.yaml:5:13: times must be a whole number from 1 to 1000000 (how many times over the list is gathered), e.g. {gather: [A, B], times: 3}; found nothing`},
		{"ErrWaitTimes", "tasks: {A: 1s}\nruns:\n  R: [{wait: [A], times: 3}]\n",
			`test.yaml:3:19: unknown option of wait "times"`},
		{"ErrSelfCreate", "tasks: {A: [{create_task: A}]}\nruns:\n  R: [{await: A}]\n",
			"test.yaml:1:27: task A runs itself through A → A (here with create_task): it would never finish"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("test.yaml", []byte(tt.src))
			var list ErrorList
			if !errors.As(err, &list) {
				t.Fatalf("Parse error = %v, want an ErrorList", err)
			}
			if got := list.Error(); !strings.Contains(got, tt.want) {
				t.Errorf("error:\n  %s\nwant it to contain:\n  %s", got, tt.want)
			}
		})
	}
}

// TestStepTimeoutOption checks that timeout beside wait or wait_for is
// their option, not the timeout step.
func TestStepTimeoutOption(t *testing.T) {
	s, err := Parse("test.yaml", []byte("tasks: {A: 1s}\nruns:\n  R: [{wait_for: A, timeout: 2s}, {timeout: 1s, steps: [{await: A}]}]\n"))
	if err != nil {
		t.Fatal(err)
	}
	steps := s.Runs[0].Steps
	if got, want := steps[0].Kind, WaitFor; got != want {
		t.Errorf("first step kind = %v, want %v", got, want)
	}
	if got, want := steps[0].Timeout.Seconds(), 2.0; got != want {
		t.Errorf("wait_for timeout = %v s, want %v s", got, want)
	}
	if got, want := steps[1].Kind, Timeout; got != want {
		t.Errorf("second step kind = %v, want %v", got, want)
	}
}

// TestGatherTimes checks the forms of gather's times: that are accepted:
// the list is kept as written, once, and Times says how many times over
// it is gathered.
func TestGatherTimes(t *testing.T) {
	tests := []struct {
		name, step string
		times      int
		refs       string
	}{
		{"Absent", "{gather: [A, B]}", 0, "A B"},
		{"One", "{gather: [A, B], times: 1}", 1, "A B"},
		{"Three", "{gather: [A, B], times: 3}", 3, "A B"},
		{"Most", "{gather: [A], times: 1000000}", 1_000_000, "A"},
		{"WithOptions", "{gather: [A, B], times: 2, return_exceptions: true, as: r}", 2, "A B"},
		{"TaskVariable", "{gather: [t, A], times: 4}", 4, "t A"},
		{"BlockStyle", "\n      gather: [A]\n      times: 5", 5, "A"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := "tasks: {A: 1s, B: 1s}\nruns:\n  R:\n    - {create_task: A, as: t}\n    - " + tt.step + "\n"
			s, err := Parse("test.yaml", []byte(src))
			if err != nil {
				t.Fatal(err)
			}
			st := s.Runs[0].Steps[1]
			if got, want := st.Times, tt.times; got != want {
				t.Errorf("Times = %d, want %d", got, want)
			}
			if got, want := st.Repeats(), max(tt.times, 1); got != want {
				t.Errorf("Repeats() = %d, want %d", got, want)
			}
			var names []string
			for _, e := range st.Items {
				if c, ok := e.(*CallExpr); ok && c.Task != nil && len(c.Args) == 0 {
					names = append(names, c.Task.Name)
					continue
				}
				names = append(names, exprName(e))
			}
			if got, want := strings.Join(names, " "), tt.refs; got != want {
				t.Errorf("Items = %s, want %s (the list as written, once)", got, want)
			}
		})
	}
}
