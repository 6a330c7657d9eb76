package runner

// timeoutState is an asyncio.Timeout.
type timeoutState struct {
	t     *task
	state uint8
}

const (
	tmEntered = iota
	tmExpiring
	tmExpired
	tmExited
)

// taskGroup is an asyncio.TaskGroup.
type taskGroup struct {
	parent *task
	// tasks are every task the group created; live counts those not done
	// (TaskGroup._tasks).
	tasks                 []*task
	live                  int
	errors                []*pyExc
	aborting, exiting     bool
	parentCancelRequested bool
	onCompleted           *future
	propagate             *pyExc
	comp                  completion
}

// taskGroupExit is TaskGroup.__aexit__ with the completion leaving its
// body.
func (l *loop) taskGroupExit(t *task, fr *frame, tg *taskGroup) suspension {
	comp := fr.comp
	fr.comp = completion{}
	tg.exiting = true
	tg.comp = comp
	if comp.kind == compRaise && comp.exc.typ == "CancelledError" {
		tg.propagate = comp.exc
	}
	if tg.parentCancelRequested && t.uncancel() == 0 {
		tg.propagate = nil
	}
	if comp.kind == compRaise && !tg.aborting {
		l.abortTaskGroup(tg)
	}
	return l.taskGroupWait(fr, &helper{tg: tg})
}

// taskGroupWait waits until the group's tasks are done, then raises what
// __aexit__ raises.
func (l *loop) taskGroupWait(fr *frame, h *helper) suspension {
	tg := h.tg
	if tg.live > 0 {
		if tg.onCompleted == nil {
			tg.onCompleted = l.newFuture("TaskGroup")
		}
		fr.op = pendingOp{kind: waitTaskGroup, h: h, f: tg.onCompleted}
		return suspendOn(tg.onCompleted)
	}
	comp := tg.comp
	switch {
	case tg.propagate != nil && len(tg.errors) == 0:
		fr.raise(tg.propagate)
		return goOn
	case comp.kind == compRaise && comp.exc.typ != "CancelledError":
		tg.errors = append(tg.errors, comp.exc)
	}
	if len(tg.errors) > 0 {
		typ := "ExceptionGroup"
		for _, e := range tg.errors {
			if !e.isA("Exception") {
				typ = "BaseExceptionGroup"
			}
		}
		fr.raise(&pyExc{typ: typ, msg: "unhandled errors in a TaskGroup", hasMsg: true, group: tg.errors})
		return goOn
	}
	fr.comp = comp
	return goOn
}

func (l *loop) abortTaskGroup(tg *taskGroup) {
	tg.aborting = true
	for _, t := range tg.tasks {
		if !t.done() {
			l.cancelTask(t)
		}
	}
}

// taskGroupDone is TaskGroup._on_task_done.
func (l *loop) taskGroupDone(tg *taskGroup, t *task) {
	tg.live--
	if tg.onCompleted != nil && tg.live == 0 && !tg.onCompleted.done() {
		l.setResult(tg.onCompleted, true)
	}
	if t.state == cancelled {
		return
	}
	t.logTB = false
	if t.exc == nil {
		return
	}
	tg.errors = append(tg.errors, t.exc)
	if !tg.aborting && !tg.parentCancelRequested {
		l.abortTaskGroup(tg)
		tg.parentCancelRequested = true
		l.cancelTask(tg.parent)
	}
}
