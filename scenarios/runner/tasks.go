package runner

import (
	"fmt"
	"strconv"

	"github.com/asyncgantt/asyncgantt/scenarios"
	"github.com/asyncgantt/asyncgantt/trace"
)

// task is an asyncio.Task running a stack of coroutine frames: the task's
// own coroutine at the bottom, coroutines it awaits inline above it.
type task struct {
	future
	mustCancel bool
	// pyName is the name create_task gave the task, when pyNum is 0.
	pyName string
	// pyNum is N of the task's default name Task-N (the tasks made so
	// far), or 0 for a task named by create_task (see taskName).
	pyNum uint64
	// shutdown marks a task cancelled by asyncio.run's shutdown.
	shutdown bool
	// ran is set once the task's coroutine has been stepped.
	ran        bool
	numCancels int
	name       string
	frames     []frame
	futWaiter  *future
	// mark is a scratch stamp for finding duplicates in O(n).
	mark uint64
	// frame0 holds the task's own frame, so a task that awaits nothing
	// inline needs no frame slice of its own.
	frame0 [1]frame
}

func (t *task) top() *frame { return &t.frames[len(t.frames)-1] }

// frame is one coroutine activation.
type frame struct {
	lane *laneRec
	// def is the task of the scenario the frame runs; nil for main.
	def    *scenarios.Task
	vars   []value
	blocks []block
	// comp is the completion being propagated out of the blocks: a raise
	// or a return.
	comp completion
	// op is what the frame is suspended at.
	op pendingOp
}

type compKind uint8

const (
	compNone compKind = iota
	compRaise
	compReturn
	compBreak
	compContinue
)

// completion is how a block or frame is being left.
type completion struct {
	kind compKind
	exc  *pyExc
	val  value
}

type blockKind uint8

const (
	bkBody        blockKind = iota // a coroutine's body
	bkTry                          // try: body
	bkExcept                       // except clause body
	bkFinally                      // finally clause body
	bkWith                         // async with lock_or_semaphore: body
	bkTimeout                      // async with asyncio.timeout(d): body
	bkTaskGroup                    // async with asyncio.TaskGroup(): body
	bkAsCompleted                  // for coro in as_completed(...): body
	bkSteps                        // a plain list of steps (an if's)
	bkFor                          // for vars in items: body
	bkWhile                        // while cond: body
	bkExceptStar                   // an except* clause's body
)

// block is an active block of steps inside a frame.
type block struct {
	kind  blockKind
	steps []scenarios.Step
	pc    int
	st    *scenarios.Step
	// exc is the exception an except clause handles; handler its index.
	exc     *pyExc
	handler int
	// pend is what a finally clause does when it ends.
	pend completion
	prim *primState
	tm   *timeoutState
	tg   *taskGroup
	ac   *helper
	left int
	// loop is a for's state (a pointer: most blocks are no for, and a
	// task's record stays small).
	loop *forState
	// star is the state of a try's except* clauses while they run.
	star *starState
}

// forState is where a for is in its items: next is the index of the next
// one; list, when the for is over a list, is the list, whose items it
// reads as it goes (what the body appends, the loop reaches, as in
// Python).
type forState struct {
	items []any
	list  *pyList
	next  int
}

type waitKind uint8

const (
	waitNone       waitKind = iota
	waitYield               // sleep(0): a bare yield
	waitFuture              // awaiting a future: sleep, a task, a thread, an event
	waitCoro                // awaiting a coroutine inline (the callee frame is above)
	waitGather              // awaiting a gather
	waitWait                // inside asyncio.wait
	waitWaitFor             // inside asyncio.wait_for; phase says where
	waitAcquire             // inside Semaphore/Lock.acquire
	waitQueueGet            // inside Queue.get (or as_completed's next)
	waitQueuePut            // inside Queue.put
	waitTaskGroup           // inside TaskGroup.__aexit__
	waitCancelWait          // inside wait_for's _cancel_and_wait
)

// pendingOp is the await a frame is suspended at.
type pendingOp struct {
	kind  waitKind
	st    *scenarios.Step
	f     *future
	inner *task
	phase uint8
	exc   *pyExc
	prim  *primState
	h     *helper
	q     *queueState
	// item is what a Queue.put waiting for a free slot puts.
	item value
}

// taskStore is what the runner keeps of a task, allocated together: the
// task (with its own frame), its lane record and its body block, so that
// stepping a task touches one place in memory rather than four.
type taskStore struct {
	t     task
	rec   laneRec
	block [1]block
}

// newTask makes a task whose own coroutine runs steps with vars, recorded
// on a new task lane named after name: the task, its lane record and its
// body block are allocated together (taskStore). It gets the next Task-N
// name.
func (l *loop) newTask(name string, def *scenarios.Task, steps []scenarios.Step, vars []value) *task {
	ts := l.taskSlab.alloc()
	l.mem += taskCost
	l.initLane(&ts.rec, name, trace.TaskLane, trace.NoLane)
	t := &ts.t
	t.future.t = t
	t.name = ts.rec.lane.Name
	t.label = t.name
	l.ex.tasks++
	t.pyNum = l.ex.tasks
	t.frame0[0] = l.frameFor(steps, vars, &ts.rec, ts.block[:0:1])
	t.frame0[0].def = def
	t.frames = t.frame0[:]
	return t
}

// taskName is the task's name as Python's Task.get_name() gives it:
// Task-N, or the name create_task or set_name gave it. It is made when
// asked for, not for every task.
func (t *task) taskName() string {
	if t.pyNum == 0 {
		return t.pyName
	}
	return "Task-" + strconv.FormatUint(t.pyNum, 10)
}

// cancelTask is Task.cancel().
func (l *loop) cancelTask(t *task) bool {
	t.logTB = false
	if t.done() {
		return false
	}
	t.numCancels++
	if t.futWaiter != nil && l.cancel(t.futWaiter) {
		return true
	}
	t.mustCancel = true
	return true
}

func (t *task) uncancel() int {
	if t.numCancels > 0 {
		t.numCancels--
	}
	return t.numCancels
}

// frameFor makes a frame running steps with its variables vars; its
// blocks go in blocks when it has room, else in the run's slab.
func (l *loop) frameFor(steps []scenarios.Step, vars []value, lane *laneRec, blocks []block) frame {
	if cap(blocks) == 0 {
		blocks = l.blockSlab.alloc()[:0:1]
	}
	fr := frame{lane: lane, blocks: blocks[:0], vars: vars}
	fr.blocks = append(fr.blocks, block{kind: bkBody, steps: steps})
	return fr
}

// unboundVars returns n variables, none bound yet.
func unboundVars(n int) []value {
	if n == 0 {
		return nil
	}
	vars := make([]value, n)
	for i := range vars {
		vars[i] = unbound
	}
	return vars
}

// createTask is loop.create_task(coro): the task's first step is
// scheduled for the next iteration.
func (l *loop) createTask(co *coroutine) *task {
	co.used = true
	return l.startTask(l.newTask(co.name, co.def, co.def.Steps, co.vars))
}

// startTask registers t and schedules its first step. asyncio's
// create_task schedules the task in the same call, so a task is never
// seen in the created state: it is ready from its creation (lane Start).
func (l *loop) startTask(t *task) *task {
	l.tasks = append(l.tasks, t)
	l.callSoon(callback{op: opStep, t: t})
	return t
}

// bind stores v in the step's as: variable, if any.
func (l *loop) bind(fr *frame, st *scenarios.Step, v value) {
	if st != nil && len(st.As) == 1 {
		l.setVar(fr, st.As[0], v)
	}
}

// setVar assigns x to variable v: a local of frame fr, or a global.
func (l *loop) setVar(fr *frame, v scenarios.Var, x value) {
	if v.Global {
		l.globals[v.Slot] = x
		return
	}
	fr.vars[v.Slot] = x
}

func (fr *frame) raise(exc *pyExc) { fr.comp = completion{kind: compRaise, exc: exc} }

func (fr *frame) push(b block) { fr.blocks = append(fr.blocks, b) }

// unboundError is Python's UnboundLocalError for a variable.
func unboundError(name string) *pyExc {
	return newExc("UnboundLocalError", fmt.Sprintf("cannot access local variable '%s' where it is not associated with a value", name))
}
