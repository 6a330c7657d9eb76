package scenarios

// MaxTasks is the most tasks one run may create, counted when the file is
// read: every task its steps can make (gather, wait and as_completed of
// coroutines, times: over; create_task; task_group; wait_for of a
// coroutine), and the tasks those make in turn, as if no exception cut a
// step short. A run of a million tasks takes about 1.3 GB of memory while
// it runs (the runner's state and the trace), so the bound keeps a run
// under about 13 GB; without it, a few lines — a gather of
// times: 1000000 of a task that itself gathers times: 1000000 — would
// exhaust the machine's memory.
const MaxTasks = 10_000_000

// taskBudget counts, saturating just past MaxTasks, the tasks that
// running a coroutine creates, by coroutine name.
type taskBudget struct {
	s    *Scenario
	made map[string]uint64
}

// over is the saturated count: more than MaxTasks.
const over = MaxTasks + 1

func addTasks(a, b uint64) uint64 { return min(a+b, over) }

func mulTasks(a, b uint64) uint64 {
	if a != 0 && b > over/a {
		return over
	}
	return min(a*b, over)
}

// coroutine is how many tasks running coroutine name creates, its own
// task not included. Cycles have been refused before.
func (b *taskBudget) coroutine(name string) uint64 {
	if n, ok := b.made[name]; ok {
		return n
	}
	var n uint64
	if t := b.s.Task(name); t != nil {
		Walk(t.Steps, func(st *Step) { n = addTasks(n, b.step(st)) })
	}
	b.made[name] = n
	return n
}

// step is how many tasks one step creates by itself, nested steps not
// included: the tasks it wraps coroutines in, and what those create.
func (b *taskBudget) step(st *Step) uint64 {
	var n uint64
	switch stepSpecs[st.Kind].runs {
	case runsInline:
		for _, c := range st.TaskCalls() {
			n = addTasks(n, b.coroutine(c.Task.Name)) // inline, in this task
		}
	case runsTasks:
		for _, c := range st.TaskCalls() {
			n = addTasks(n, addTasks(1, b.coroutine(c.Task.Name)))
		}
		n = mulTasks(n, uint64(st.Repeats()))
	}
	return n
}

// checkTaskCount refuses a run that can create more than MaxTasks tasks,
// at the step where its count passes the limit.
func (p *parseState) checkTaskCount(s *Scenario) {
	b := &taskBudget{s: s, made: map[string]uint64{}}
	for _, r := range s.Runs {
		var n uint64
		reported := false
		Walk(r.Steps, func(st *Step) {
			if reported {
				return
			}
			n = addTasks(n, b.step(st))
			if n > MaxTasks {
				p.errorf(st.Pos, "run %s would create more than %d tasks by this %s step, counting the tasks those create in turn; a run may create at most %d (each holds memory until the run ends)", r.Name, MaxTasks, st.Kind, MaxTasks)
				reported = true
			}
		})
	}
}
