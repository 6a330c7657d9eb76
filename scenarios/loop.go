package scenarios

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/asyncgantt/asyncgantt/trace"
)

// The runner mirrors CPython's asyncio (Lib/asyncio/base_events.py,
// tasks.py, futures.py, locks.py, queues.py, timeouts.py, taskgroups.py,
// runners.py, 3.11):
//   - call_soon appends to a FIFO ready queue;
//   - call_later pushes a timer on a heap ordered by deadline, then by the
//     order timers were scheduled; a cancelled timer never wakes the loop;
//   - one loop iteration (_run_once) waits until the earliest timer if
//     nothing is ready, moves every expired timer to the ready queue, then
//     runs exactly the callbacks that were ready at that moment; callbacks
//     they schedule run in the next iteration;
//   - a task's first step is scheduled with call_soon when it is created,
//     so it starts on the next iteration;
//   - a future's done callbacks are scheduled with call_soon when it
//     completes, so a task awaiting it resumes one iteration later;
//   - Task.cancel cancels the future the task waits on (a sleep, a gather,
//     another task...) or, if there is none, throws CancelledError into
//     the task at its next step;
//   - a blocking step holds the loop: the clock moves, nothing else runs;
//   - asyncio.run: when main is done, the tasks still pending are
//     cancelled and run until they finish, then the default executor's
//     threads are waited for.
//
// Where Python iterates a set (the tasks asyncio.run cancels at shutdown,
// the tasks a failing TaskGroup cancels, asyncio.wait's done and pending),
// the order is arbitrary in CPython; the runner takes the order in which
// the tasks were created.

// op says what a scheduled callback does.
type op uint8

const (
	opStep            op = iota // Task.__step: start or resume a task
	opWakeup                    // Task.__wakeup(f): resume a task with f's outcome
	opSetResult                 // futures._set_result_unless_cancelled(w) (asyncio.sleep's timer)
	opReleaseWaiter             // tasks._release_waiter(w)
	opGatherDone                // gather's _done_callback(f)
	opWaitDone                  // asyncio.wait's _on_completion(f)
	opAsCompletedDone           // as_completed's _on_completion(f)
	opTaskGroupDone             // TaskGroup._on_task_done(f)
	opTimeoutFire               // Timeout._on_timeout()
	opThreadDone                // a worker thread finished its call: _call_set_state
	opStopLoop                  // _run_until_complete_cb: the awaited future is done
)

// callback is a scheduled call: loop.call_soon(fn, args).
type callback struct {
	op op
	t  *task
	// f is the future whose completion scheduled the callback.
	f *future
	// w is a future the callback acts on (a waiter to release).
	w *future
	g *gathering
	h *helper
}

// helper is the state of an asyncio helper: asyncio.wait, as_completed,
// a TaskGroup, a timeout, or a worker thread.
type helper struct {
	// asyncio.wait
	waiter     *future
	counter    int
	returnWhen ReturnWhen
	fs         []*task
	// as_completed
	done *queueState
	// TaskGroup
	tg *taskGroup
	// asyncio.timeout
	tm *timeoutState
	// worker thread
	th *worker
}

type futState uint8

const (
	pending futState = iota
	finished
	cancelled
)

// future is an asyncio.Future; a task embeds one.
type future struct {
	state futState
	// hasCb0 says cb0 holds a callback.
	hasCb0 bool
	// logTB is Future._log_traceback: an exception nobody retrieved.
	logTB  bool
	result value
	exc    *pyExc
	// cb0 is the first done callback (most futures have one), kept inline
	// to spare an allocation; callbacks are the others, in order.
	cb0       callback
	callbacks []callback
	// label says what awaiting this future means, e.g. "sleep 2 s".
	label string
	// t is set when the future is a task's; g when it is a gather's.
	t *task
	g *gathering
}

func (f *future) done() bool { return f.state != pending }

// resultOrExc is Future.result(): the result, or the exception it raises
// (CancelledError when cancelled). It marks the exception retrieved.
func (f *future) resultOrExc() (value, *pyExc) {
	f.logTB = false
	switch {
	case f.state == cancelled:
		return nil, cancelledError()
	case f.exc != nil:
		return nil, f.exc
	}
	return f.result, nil
}

// gathering is the state of one asyncio.gather call (its _GatheringFuture).
type gathering struct {
	outer            future
	children         []*task
	nfuts            int
	nfinished        int
	returnExceptions bool
	cancelRequested  bool
}

// task is an asyncio.Task running a stack of coroutine frames: the task's
// own coroutine at the bottom, coroutines it awaits inline above it.
type task struct {
	future
	mustCancel bool
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
	lane   *laneRec
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
	bkSteps                        // a plain list of steps
)

// block is an active block of steps inside a frame.
type block struct {
	kind  blockKind
	steps []Step
	pc    int
	st    *Step
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
	st    *Step
	f     *future
	inner *task
	phase uint8
	exc   *pyExc
	prim  *primState
	h     *helper
	q     *queueState
}

// Phases of wait_for.
const (
	wfWaiting    = iota // await waiter
	wfTimedOut          // await _cancel_and_wait(fut) after the timeout
	wfCancelled         // await _cancel_and_wait(fut) after wait_for itself was cancelled
	wfZeroCancel        // timeout <= 0: await _cancel_and_wait(fut)
)

// primState is a run's instance of a primitive.
type primState struct {
	def *Primitive
	// Semaphore: value; Lock: locked; Event: set.
	value   int
	locked  bool
	set     bool
	waiters []*future
	q       *queueState
}

// queueState is an asyncio.Queue.
type queueState struct {
	items   []value
	maxsize int
	getters []*future
	putters []*future
}

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

// worker is a thread of the default executor.
type worker struct {
	lane *laneRec
	busy bool
}

// executor is asyncio's default ThreadPoolExecutor.
type executor struct {
	workers []*worker
	idle    int // _idle_semaphore
	queue   []workItem
	max     int
}

type workItem struct {
	d time.Duration
	f *future
}

// laneRec records one lane's state changes into the lane it was made
// with (the trace's lane, r.lane).
type laneRec struct {
	*laneStore
	id     trace.LaneID // while the run runs: lanes in order of creation
	state  trace.State
	detail string
	since  time.Duration
	open   bool
}

// set changes the lane's state at time now, closing the previous interval.
// Zero-length intervals are not recorded.
func (r *laneRec) set(now time.Duration, s trace.State, detail string) {
	if r.open && r.state == s && r.detail == detail {
		return
	}
	r.close(now)
	r.state, r.detail, r.since, r.open = s, detail, now, true
}

func (r *laneRec) close(now time.Duration) {
	if r.open && now > r.since {
		ivs := r.lane.Intervals
		if cap(ivs) == 0 {
			ivs = r.ivs[:0:len(r.ivs)]
		}
		if n := len(ivs); n > 0 && ivs[n-1].End == r.since && ivs[n-1].State == r.state && ivs[n-1].Detail == r.detail {
			ivs[n-1].End = now // continues the previous interval across a zero-length change
		} else {
			r.lane.Intervals = append(ivs, trace.Interval{State: r.state, Start: r.since, End: now, Detail: r.detail})
		}
	}
	r.open = false
}

// end ends the lane's life at now, with no outcome (a loop or thread
// lane, or a task that did not finish).
func (r *laneRec) end(now time.Duration) {
	r.close(now)
	r.lane.End = now
}

// finish ends a task's or coroutine's lane at now with an outcome.
func (r *laneRec) finish(now time.Duration, kind trace.OutcomeKind, value string) {
	r.end(now)
	r.out = trace.Outcome{Kind: kind, Value: value}
	r.lane.Outcome = &r.out
}

// laneStore is what the trace keeps of a lane, allocated together: the
// lane, room for its first intervals (most lanes have one or two) and its
// outcome.
type laneStore struct {
	lane trace.Lane
	ivs  [2]trace.Interval
	out  trace.Outcome
}

// taskStore is what the runner keeps of a task, allocated together: the
// task (with its own frame), its lane record and its body block, so that
// stepping a task touches one place in memory rather than four.
type taskStore struct {
	t     task
	rec   laneRec
	block [1]block
}

// warnSite is where Python issues a warning: its registry shows each
// message once per source line.
type warnSite struct {
	step *Step
	mode SleepMode
	msg  string
}

// execState is shared by the runs of one Execute: Python's warnings
// registry lives as long as the program.
type execState struct {
	warned map[warnSite]bool
}

// loop is one event loop executing one run.
type loop struct {
	clk clock
	lim *limits
	sc  *Scenario
	// taskDefs indexes the scenario's tasks by name, as they are used.
	taskDefs map[string]*Task
	def      *RunDef
	run      *trace.Run
	stdout   interface{ Write([]byte) (int, error) }
	// progress is Options.Progress.
	progress func(run, task string)
	ex       *execState
	pyName   map[string]string

	ready  fifo
	timers timerQueue

	loopLane  *laneRec
	tasks     []*task
	main      *task
	names     map[string]int
	prims     []*primState
	pool      *executor
	cpus      int
	stamp     uint64
	events    int
	maxEvents int
	stopped   bool
	mainEnd   time.Duration
	started   func(lane *trace.Lane, at time.Duration)
	// labels caches the label of each sleep step's future, so a sleep
	// does not build a string.
	labels map[*Step]string

	// Slabs of the values a run makes per task and per await (see slab).
	taskSlab    slab[taskStore]
	laneSlab    slab[laneStore]
	laneRecSlab slab[laneRec]
	futureSlab  slab[future]
	blockSlab   slab[[1]block]
	// nameBuf is scratch space for numbering lane names.
	nameBuf []byte
	// logs are the lines printed so far; the run gets them at its end.
	logs logChunks
}

// newFuture is loop.create_future(): a new pending future; label says
// what awaiting it means.
func (l *loop) newFuture(label string) *future {
	f := l.futureSlab.alloc()
	f.label = label
	return f
}

// newTask makes a task whose own coroutine runs steps, recorded on a new
// task lane named after name: the task, its lane record and its body
// block are allocated together (taskStore).
func (l *loop) newTask(name string, steps []Step, vars []string) *task {
	ts := l.taskSlab.alloc()
	l.initLane(&ts.rec, name, trace.TaskLane, trace.NoLane)
	t := &ts.t
	t.future.t = t
	t.name = ts.rec.lane.Name
	t.label = t.name
	t.frame0[0] = l.frameFor(steps, vars, &ts.rec, ts.block[:0:1])
	t.frames = t.frame0[:]
	return t
}

// sleepLabel is "sleep 2 s" for a sleep step.
func (l *loop) sleepLabel(st *Step) string {
	s, ok := l.labels[st]
	if !ok {
		s = "sleep " + formatSeconds(st.Duration) + " s"
		l.labels[st] = s
	}
	return s
}

func (l *loop) callSoon(cb callback) {
	switch cb.op {
	case opStep, opWakeup:
		cb.t.top().lane.set(l.clk.now(), trace.Ready, "")
	}
	l.ready.push(cb)
}

func (l *loop) callLater(d time.Duration, cb callback) {
	l.timers.push(l.clk.now()+d, cb)
}

// stale reports whether a timer's callback would do nothing: a cancelled
// TimerHandle in CPython, which never wakes the loop.
func stale(cb callback) bool {
	switch cb.op {
	case opSetResult, opReleaseWaiter:
		return cb.w.done()
	case opTimeoutFire:
		return cb.h.tm.state != tmEntered
	}
	return false
}

// finishFuture marks f done and schedules its callbacks, as
// Future.__schedule_callbacks does.
func (l *loop) finishFuture(f *future, st futState, result value, exc *pyExc) {
	f.state, f.result, f.exc = st, result, exc
	if exc != nil && st == finished {
		f.logTB = true
	}
	if f.hasCb0 {
		cb := f.cb0
		f.cb0, f.hasCb0 = callback{}, false
		cb.f = f
		l.callSoon(cb)
	}
	cbs := f.callbacks
	f.callbacks = nil
	for _, cb := range cbs {
		cb.f = f
		l.callSoon(cb)
	}
}

func (l *loop) setResult(f *future, v value) { l.finishFuture(f, finished, v, nil) }

// addDoneCallback is Future.add_done_callback: scheduled at once if f is
// already done.
func (l *loop) addDoneCallback(f *future, cb callback) {
	if f.done() {
		cb.f = f
		l.callSoon(cb)
		return
	}
	if !f.hasCb0 && len(f.callbacks) == 0 {
		f.cb0, f.hasCb0 = cb, true
		return
	}
	f.callbacks = append(f.callbacks, cb)
}

// removeDoneCallback is Future.remove_done_callback for the callbacks
// matching op and waiter or helper.
func removeDoneCallback(f *future, o op, w *future, h *helper) {
	if f.hasCb0 && f.cb0.op == o && f.cb0.w == w && f.cb0.h == h {
		f.cb0, f.hasCb0 = callback{}, false
	}
	if !f.hasCb0 && len(f.callbacks) > 0 {
		// Keep the first callback inline, preserving order.
		f.cb0, f.hasCb0 = f.callbacks[0], true
		f.callbacks = f.callbacks[1:]
		removeDoneCallback(f, o, w, h)
		return
	}
	cbs := f.callbacks[:0]
	for _, cb := range f.callbacks {
		if cb.op == o && cb.w == w && cb.h == h {
			continue
		}
		cbs = append(cbs, cb)
	}
	clear(f.callbacks[len(cbs):])
	f.callbacks = cbs
}

// cancel is f.cancel() for any kind of future.
func (l *loop) cancel(f *future) bool {
	switch {
	case f.t != nil:
		return l.cancelTask(f.t)
	case f.g != nil:
		g := f.g
		if f.done() {
			return false
		}
		ret := false
		for _, c := range g.children {
			if l.cancelTask(c) {
				ret = true
			}
		}
		if ret {
			g.cancelRequested = true
		}
		return ret
	}
	if f.done() {
		return false
	}
	l.finishFuture(f, cancelled, nil, nil)
	return true
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

// newLane adds a lane to the run, named after name; a name used before
// gets a number: "A", "A #2".
func (l *loop) newLane(name string, kind trace.LaneKind, parent trace.LaneID) *laneRec {
	r := l.laneRecSlab.alloc()
	l.initLane(r, name, kind, parent)
	return r
}

// initLane sets up r as the record of a new lane (see newLane).
func (l *loop) initLane(r *laneRec, name string, kind trace.LaneKind, parent trace.LaneID) {
	l.names[name]++
	if n := l.names[name]; n > 1 {
		b := append(l.nameBuf[:0], name...)
		b = append(b, " #"...)
		b = strconv.AppendInt(b, int64(n), 10)
		l.nameBuf = b
		name = string(b)
	}
	now := l.clk.now()
	st := l.laneSlab.alloc()
	st.lane = trace.Lane{Name: name, Kind: kind, Parent: parent, Start: now, End: now}
	l.run.Lanes = append(l.run.Lanes, &st.lane) // put in order at the end (laneOrder)
	r.laneStore, r.id = st, trace.LaneID(len(l.run.Lanes))
}

// newFrame makes the frame of a call of the scenario's task name.
func (l *loop) newFrame(name string, lane *laneRec) frame {
	def := l.taskDef(name)
	return l.frameFor(def.Steps, def.Vars, lane, nil)
}

// taskDef returns the definition of the scenario's task named name.
func (l *loop) taskDef(name string) *Task {
	def := l.taskDefs[name]
	if def == nil {
		def = l.sc.Task(name)
		if l.taskDefs == nil {
			l.taskDefs = map[string]*Task{}
		}
		l.taskDefs[name] = def
	}
	return def
}

// frameFor makes a frame running steps, with room for its variables; its
// blocks go in blocks when it has room, else in the run's slab.
func (l *loop) frameFor(steps []Step, vars []string, lane *laneRec, blocks []block) frame {
	if cap(blocks) == 0 {
		blocks = l.blockSlab.alloc()[:0:1]
	}
	fr := frame{lane: lane, blocks: blocks[:0]}
	fr.blocks = append(fr.blocks, block{kind: bkBody, steps: steps})
	if len(vars) > 0 {
		fr.vars = make([]value, len(vars))
		for i := range fr.vars {
			fr.vars[i] = unbound
		}
	}
	return fr
}

// createTask is loop.create_task(NAME()): the task's first step is
// scheduled for the next iteration.
func (l *loop) createTask(name string) *task {
	def := l.taskDef(name)
	return l.startTask(l.newTask(name, def.Steps, def.Vars))
}

// startTask registers t and schedules its first step. asyncio's
// create_task schedules the task in the same call, so a task is never
// seen in the created state: it is ready from its creation (lane Start).
func (l *loop) startTask(t *task) *task {
	l.tasks = append(l.tasks, t)
	l.callSoon(callback{op: opStep, t: t})
	return t
}

// runMain is asyncio.run(main()).
func (l *loop) runMain() error {
	l.loopLane = l.newLane("event loop", trace.LoopLane, trace.NoLane)
	main := l.newTask("main", l.def.Steps, l.def.Vars)
	l.main = l.startTask(main)
	l.addDoneCallback(&main.future, callback{op: opStopLoop})
	if err := l.runForever(); err != nil {
		return err
	}
	l.mainEnd = l.clk.now()
	if err := l.shutdown(); err != nil {
		return err
	}
	l.finish()
	return nil
}

// runForever runs loop iterations until a stop callback has run.
func (l *loop) runForever() error {
	l.stopped = false
	for !l.stopped {
		if err := l.runOnce(); err != nil {
			return err
		}
	}
	return nil
}

// shutdown is the end of asyncio.run: report main's outcome, cancel the
// tasks still pending and run them to completion, wait for the worker
// threads, and report exceptions nobody retrieved.
func (l *loop) shutdown() error {
	main := l.main
	_, exc := main.resultOrExc()
	var left []*task
	for _, t := range l.tasks {
		if !t.done() {
			left = append(left, t)
		}
	}
	if len(left) > 0 {
		g := &gathering{children: left, nfuts: len(left), returnExceptions: true}
		g.outer.g = g
		for _, t := range left {
			t.shutdown = true
			l.cancelTask(t)
		}
		for _, t := range left {
			l.addDoneCallback(&t.future, callback{op: opGatherDone, g: g})
		}
		l.addDoneCallback(&g.outer, callback{op: opStopLoop})
		if err := l.runForever(); err != nil {
			return err
		}
		for _, t := range left {
			if t.state == finished && t.exc != nil {
				t.logTB = false
				l.stderr("unhandled exception during asyncio.run() shutdown", trace.NoLane)
				l.stderr("task: <Task finished coro=<"+l.coroName(t)+"() done> exception="+t.exc.repr()+">", trace.NoLane)
			}
		}
	}
	if l.pool != nil {
		for l.pool.busy() {
			l.stopped = false
			if err := l.runOnce(); err != nil {
				return err
			}
		}
	}
	if exc != nil {
		l.run.Error = exc.String()
		l.stderr(exc.String(), trace.NoLane)
		if exc.unawaited != nil {
			l.warn(*exc.unawaited)
			exc.unawaited = nil
		}
	}
	for _, t := range l.tasks {
		if t.logTB && t != main {
			l.stderr("Task exception was never retrieved", trace.NoLane)
			l.stderr("future: <Task finished coro=<"+l.coroName(t)+"() done> exception="+t.exc.repr()+">", trace.NoLane)
		}
	}
	return nil
}

// runOnce runs one loop iteration, waiting for the next timer if needed.
// It stops the run when a limit is reached or the run is interrupted.
func (l *loop) runOnce() error {
	if l.ready.len() == 0 {
		for l.timers.len() > 0 && stale(*l.timers.first()) {
			l.timers.pop()
		}
		if l.timers.len() == 0 {
			return l.deadlock()
		}
		l.loopLane.set(l.clk.now(), trace.Idle, "")
		l.clk.idleUntil(l.timers.next())
		if l.lim.cut {
			return l.limitReached()
		}
	}
	select {
	case <-l.lim.stop:
		return l.limitReached()
	default:
	}
	l.expireTimers()
	for n := l.ready.len(); n > 0; n-- {
		l.events++
		if l.events > l.maxEvents {
			return l.fail(ErrMaxEvents, fmt.Sprintf("stopped at t=%s s after %d loop callbacks, the limit for one run", formatSeconds(l.clk.now()), l.maxEvents))
		}
		l.execCallback(l.ready.pop())
		if l.lim.cut {
			return l.limitReached()
		}
	}
	return nil
}

// limitReached stops a run whose clock was cut short: by an interrupt, or
// at the longest duration allowed.
func (l *loop) limitReached() error {
	select {
	case <-l.lim.stop:
		return l.fail(ErrInterrupted, fmt.Sprintf("stopped by an interrupt (Ctrl-C) at t=%s s", trimFloat(l.clk.now().Round(time.Millisecond).Seconds())))
	default:
	}
	return l.fail(ErrMaxDuration, fmt.Sprintf("stopped at t=%s s: a run may last %s of scenario time at most", formatSeconds(l.clk.now()), FormatLimit(l.lim.at)))
}

// FormatLimit writes a duration as a flag takes it, without zero units:
// 1h, 90m, 1h30m, 2.5s.
func FormatLimit(d time.Duration) string {
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}

// expireTimers moves every expired timer to the ready queue. A task whose
// sleep (or worker thread) has ended shows as ready from that moment, even
// if the loop was held then or has other callbacks to run first: it only
// waits for the loop now.
func (l *loop) expireTimers() {
	now := l.clk.now()
	for l.timers.len() > 0 && l.timers.next() <= now {
		tm := l.timers.pop()
		if stale(tm.cb) {
			continue
		}
		if tm.cb.op == opSetResult || tm.cb.op == opThreadDone {
			if f := tm.cb.w; f.hasCb0 && f.cb0.op == opWakeup {
				if lane := f.cb0.t.top().lane; lane.since <= tm.when {
					lane.set(tm.when, trace.Ready, "")
				}
			}
		}
		l.ready.push(tm.cb)
	}
}

// coroName is the Python name of a task's coroutine.
func (l *loop) coroName(t *task) string {
	if t == l.main {
		return "main"
	}
	name, _, _ := strings.Cut(t.name, " #")
	if py, ok := l.pyName[name]; ok {
		return py
	}
	return name
}

// finish closes the run at the current time.
func (l *loop) finish() {
	now := l.clk.now()
	l.run.Total = l.mainEnd
	l.loopLane.end(now)
	if l.pool != nil {
		for _, w := range l.pool.workers {
			w.lane.end(now)
		}
	}
	for _, t := range l.tasks {
		for i := len(t.frames) - 1; i >= 0; i-- {
			t.frames[i].lane.end(now)
		}
	}
}

// fail stops the run now, for the reason why (a RunError's Err): the
// trace is kept up to this moment and marked interrupted.
func (l *loop) fail(why error, msg string) error {
	l.mainEnd = l.clk.now()
	l.finish()
	l.run.Error = msg
	l.run.Interrupted = true
	return &RunError{Run: l.def.Name, At: l.run.Total, Msg: msg, Err: why}
}

// deadlock reports the tasks that wait forever and what each waits for
// (stuck.go).
func (l *loop) deadlock() error {
	return l.fail(ErrDeadlock, fmt.Sprintf("deadlock at t=%s s: %s (Python would hang here)", formatSeconds(l.clk.now()), l.stuckReport()))
}

func (l *loop) execCallback(cb callback) {
	switch cb.op {
	case opStep:
		l.step(cb.t, nil)
	case opWakeup:
		_, exc := cb.f.resultOrExc()
		l.step(cb.t, exc)
	case opSetResult, opReleaseWaiter:
		if !cb.w.done() {
			l.setResult(cb.w, nil)
		}
	case opGatherDone:
		l.gatherDone(cb.g, cb.f)
	case opWaitDone:
		l.waitDone(cb.h, cb.f)
	case opAsCompletedDone:
		l.queuePutNowait(cb.h.done, cb.f.t)
	case opTaskGroupDone:
		l.taskGroupDone(cb.h.tg, cb.f.t)
	case opTimeoutFire:
		tm := cb.h.tm
		l.cancelTask(tm.t)
		tm.state = tmExpiring
	case opThreadDone:
		l.threadDone(cb.h.th, cb.w)
	case opStopLoop:
		l.stopped = true
	}
}

func indexTask(ts []*task, t *task) int {
	for i, x := range ts {
		if x == t {
			return i
		}
	}
	return -1
}

// suspension is what a task's coroutine did when it stopped running.
type suspension struct {
	kind suspendKind
	f    *future
	comp completion
}

type suspendKind uint8

const (
	yieldBare   suspendKind = iota // a bare yield: asyncio.sleep(0)
	yieldFuture                    // waiting on a future
	ended                          // the coroutine returned or raised (comp)
)

// step is Task.__step: run the task's coroutine until it suspends or ends.
func (l *loop) step(t *task, exc *pyExc) {
	if t.done() {
		return
	}
	if t.mustCancel {
		if exc == nil || !exc.isA("CancelledError") {
			exc = cancelledError()
		}
		t.mustCancel = false
	}
	t.futWaiter = nil
	now := l.clk.now()
	if l.started != nil && exc == nil && !t.ran {
		l.started(&t.frames[0].lane.lane, now)
	}
	t.ran = true
	l.loopLane.set(now, trace.Busy, t.name)
	if l.progress != nil {
		l.progress(l.def.Name, t.name)
		defer l.progress(l.def.Name, "")
	}
	t.top().lane.set(now, trace.Running, "")
	s := l.resume(t, exc)
	now = l.clk.now()
	switch s.kind {
	case yieldBare:
		l.callSoon(callback{op: opStep, t: t})
	case yieldFuture:
		t.top().lane.set(now, trace.Waiting, s.f.label)
		l.addDoneCallback(s.f, callback{op: opWakeup, t: t})
		t.futWaiter = s.f
		if t.mustCancel && l.cancel(s.f) {
			t.mustCancel = false
		}
	case ended:
		lane := t.frames[0].lane
		t.frames = t.frames[:0:0]
		switch {
		case s.comp.kind == compRaise && s.comp.exc.isA("CancelledError"):
			lane.finish(now, trace.Cancelled, "CancelledError")
			l.finishFuture(&t.future, cancelled, nil, nil)
		case s.comp.kind == compRaise:
			lane.finish(now, trace.Raised, s.comp.exc.String())
			l.finishFuture(&t.future, finished, nil, s.comp.exc)
		case t.mustCancel:
			t.mustCancel = false
			lane.finish(now, trace.Cancelled, "CancelledError")
			l.finishFuture(&t.future, cancelled, nil, nil)
		default:
			lane.finish(now, trace.Returned, repr(s.comp.val))
			l.finishFuture(&t.future, finished, s.comp.val, nil)
		}
	}
	l.loopLane.set(now, trace.Idle, "")
}

// resume delivers the outcome of the await the task was suspended at (exc,
// or nil for success) and runs the coroutine until it suspends or ends.
func (l *loop) resume(t *task, exc *pyExc) suspension {
	fr := t.top()
	if fr.op.kind != waitNone {
		op := fr.op
		fr.op = pendingOp{}
		if s, suspended := l.deliver(t, fr, op, exc); suspended {
			return s
		}
	} else if exc != nil {
		fr.comp = completion{kind: compRaise, exc: exc}
	}
	return l.execute(t)
}

// execute runs the task's frames until the coroutine suspends or ends.
func (l *loop) execute(t *task) suspension {
	for {
		fr := t.top()
		if fr.comp.kind != compNone || len(fr.blocks) == 0 {
			if len(fr.blocks) > 0 {
				if s, suspended := l.leaveBlock(t, fr); suspended {
					return s
				}
				continue
			}
			if fr.comp.kind == compNone {
				fr.comp = completion{kind: compReturn}
			}
			if len(t.frames) == 1 {
				return suspension{kind: ended, comp: fr.comp}
			}
			l.returnToCaller(t)
			continue
		}
		b := &fr.blocks[len(fr.blocks)-1]
		if b.pc == len(b.steps) {
			if s, suspended := l.leaveBlock(t, fr); suspended {
				return s
			}
			continue
		}
		if l.lim.cut {
			// A limit or an interrupt cut a wait short: the step after it
			// must not run. The task yields; the loop stops the run.
			return suspension{kind: yieldBare}
		}
		st := &b.steps[b.pc]
		b.pc++
		if s, suspended := l.exec(t, fr, st); suspended {
			return s
		}
	}
}

// returnToCaller pops a finished inline coroutine and delivers its return
// value or exception to the await in the frame below.
func (l *loop) returnToCaller(t *task) {
	now := l.clk.now()
	fr := t.top()
	comp := fr.comp
	if comp.kind == compRaise {
		fr.lane.finish(now, trace.Raised, comp.exc.String())
	} else {
		fr.lane.finish(now, trace.Returned, repr(comp.val))
	}
	t.frames = t.frames[:len(t.frames)-1]
	caller := t.top()
	caller.lane.set(now, trace.Running, "")
	op := caller.op
	caller.op = pendingOp{}
	if comp.kind == compRaise {
		caller.comp = completion{kind: compRaise, exc: comp.exc}
		return
	}
	l.bind(caller, op.st, comp.val)
}

// bind stores v in the step's as: variable, if any.
func (l *loop) bind(fr *frame, st *Step, v value) {
	if st != nil && len(st.As) == 1 {
		fr.vars[st.As[0].Slot] = v
	}
}

func (fr *frame) raise(exc *pyExc) { fr.comp = completion{kind: compRaise, exc: exc} }

func (fr *frame) push(b block) { fr.blocks = append(fr.blocks, b) }

func suspendOn(f *future) (suspension, bool) { return suspension{kind: yieldFuture, f: f}, true }

// unboundError is Python's UnboundLocalError for a variable.
func unboundError(name string) *pyExc {
	return newExc("UnboundLocalError", fmt.Sprintf("cannot access local variable '%s' where it is not associated with a value", name))
}

// variable returns the value of a variable reference, or an exception.
func (fr *frame) variable(r Ref) (value, *pyExc) {
	v := fr.vars[r.Index]
	if v == unbound {
		return nil, unboundError(r.Name)
	}
	return v, nil
}

// awaitables returns the tasks a gather, wait or as_completed step works
// on, in argument order: coroutines wrapped in new tasks, task variables
// as they are (a task named twice is there twice). The step's references
// are used st.Repeats() times over, as Python's
// gather(*(c() for _ in range(N) for c in (A, B))) does: a new task for
// each coroutine every time, a task variable's task again every time.
//
// An unbound task variable raises before anything runs. gather's
// arguments are coroutine objects, wrapped in tasks only by gather: those
// made before the variable was read are dropped, most recent first, each
// warning that it was never awaited; read by the generator expression of
// times:, the variable is a free variable and Python raises NameError.
// wait's and as_completed's list holds tasks (asyncio.create_task(B())):
// those made before the variable was read run.
func (l *loop) awaitables(fr *frame, st *Step) ([]*task, *pyExc) {
	if st.Kind == Gather {
		for i, r := range st.Refs {
			if r.Kind == RefCoroutine || fr.vars[r.Index] != unbound {
				continue
			}
			for j := i - 1; j >= 0; j-- {
				if c := st.Refs[j]; c.Kind == RefCoroutine {
					l.warn(warnSite{step: st, mode: l.def.Sleeps, msg: "RuntimeWarning: coroutine '" + l.pyName[c.Name] + "' was never awaited"})
				}
			}
			if st.Repeats() > 1 {
				return nil, newExc("NameError", fmt.Sprintf("cannot access free variable '%s' where it is not associated with a value in enclosing scope", r.Name))
			}
			return nil, unboundError(r.Name)
		}
	}
	n := st.Repeats()
	ts := make([]*task, 0, n*len(st.Refs))
	for range n {
		for _, r := range st.Refs {
			if r.Kind == RefCoroutine {
				ts = append(ts, l.createTask(r.Name))
				continue
			}
			v, exc := fr.variable(r)
			if exc != nil {
				return nil, exc
			}
			ts = append(ts, v.(*task))
		}
	}
	return ts, nil
}

// uniqueTasks returns ts without repeats, in order (Python's dict or set
// of the arguments).
func (l *loop) uniqueTasks(ts []*task) []*task {
	l.stamp++
	out := make([]*task, 0, len(ts))
	for _, t := range ts {
		if t.mark != l.stamp {
			t.mark = l.stamp
			out = append(out, t)
		}
	}
	return out
}

// refNames lists the step's references as written: "A, B".
func refNames(st *Step) string {
	names := make([]string, len(st.Refs))
	for i, r := range st.Refs {
		names[i] = r.Name
	}
	return strings.Join(names, ", ")
}

// timesText is what follows a label such as "gather(A, B)" for a step
// that uses its references several times over: " × 1000"; else "".
func timesText(st *Step) string {
	if n := st.Repeats(); n > 1 {
		return " × " + strconv.Itoa(n)
	}
	return ""
}

// exec executes one step of the top frame. It returns a suspension when
// the coroutine suspends; otherwise the frame goes on (fr.comp may now
// propagate an exception or a return).
func (l *loop) exec(t *task, fr *frame, st *Step) (suspension, bool) {
	now := l.clk.now()
	switch st.Kind {
	case Print:
		for _, p := range st.Text.parts {
			if p.name != "" && fr.vars[p.slot] == unbound {
				fr.raise(unboundError(p.name))
				return suspension{}, false
			}
		}
		l.print(fr.lane, st.Text.render(now, fr.vars))
	case Sleep:
		switch l.def.Sleeps {
		case SleepBlock:
			l.block(fr.lane, st.Duration, trace.Blocked, "time.sleep("+formatSeconds(st.Duration)+")")
		case SleepNoAwait:
			l.warn(warnSite{step: st, mode: l.def.Sleeps, msg: "RuntimeWarning: coroutine 'sleep' was never awaited"})
		default:
			if st.Duration == 0 {
				fr.op = pendingOp{kind: waitYield, st: st}
				return suspension{kind: yieldBare}, true
			}
			w := l.newFuture(l.sleepLabel(st))
			l.callLater(st.Duration, callback{op: opSetResult, w: w})
			fr.op = pendingOp{kind: waitFuture, st: st, f: w}
			return suspendOn(w)
		}
	case Block:
		l.block(fr.lane, st.Duration, trace.Blocked, "time.sleep("+formatSeconds(st.Duration)+")")
	case CPU:
		l.block(fr.lane, st.Duration, trace.Running, "crunch("+formatSeconds(st.Duration)+")")
	case Raise:
		e := &pyExc{typ: st.Exc.Type, msg: st.Exc.Msg, hasMsg: st.Exc.HasMsg}
		fr.raise(e)
	case Return:
		fr.comp = completion{kind: compReturn, val: st.Value}
	case Await:
		return l.execAwait(t, fr, st)
	case CreateTask:
		nt := l.createTask(st.Refs[0].Name)
		l.bind(fr, st, nt)
	case Cancel:
		v, exc := fr.variable(st.Refs[0])
		if exc != nil {
			fr.raise(exc)
			break
		}
		switch v := v.(type) {
		case *task:
			l.cancelTask(v)
		case []*task:
			for _, x := range v {
				l.cancelTask(x)
			}
		}
	case Gather:
		ts, exc := l.awaitables(fr, st)
		if exc != nil {
			fr.raise(exc)
			break
		}
		g := &gathering{children: ts, returnExceptions: st.ReturnExceptions}
		g.outer.g = g
		g.outer.label = "gather(" + refNames(st) + ")" + timesText(st)
		uniq := l.uniqueTasks(ts)
		g.nfuts = len(uniq)
		for _, c := range uniq {
			l.addDoneCallback(&c.future, callback{op: opGatherDone, g: g})
		}
		fr.op = pendingOp{kind: waitGather, st: st, f: &g.outer}
		return suspendOn(&g.outer)
	case Wait:
		ts, exc := l.awaitables(fr, st)
		if exc != nil {
			fr.raise(exc)
			break
		}
		fs := l.uniqueTasks(ts)
		label := "wait(" + refNames(st) + ")"
		h := &helper{waiter: l.newFuture(label), counter: len(fs), returnWhen: st.ReturnWhen, fs: fs}
		if st.HasTimeout {
			l.callLater(st.Timeout, callback{op: opReleaseWaiter, w: h.waiter})
		}
		for _, f := range fs {
			l.addDoneCallback(&f.future, callback{op: opWaitDone, h: h})
		}
		fr.op = pendingOp{kind: waitWait, st: st, f: h.waiter, h: h}
		return suspendOn(h.waiter)
	case WaitFor:
		return l.startWaitFor(fr, st)
	case Timeout:
		tm := &timeoutState{t: t}
		h := &helper{tm: tm}
		if st.Duration <= 0 {
			l.callSoon(callback{op: opTimeoutFire, h: h})
		} else {
			l.callLater(st.Duration, callback{op: opTimeoutFire, h: h})
		}
		fr.push(block{kind: bkTimeout, steps: st.Body, st: st, tm: tm})
	case TaskGroup:
		tg := &taskGroup{parent: t}
		h := &helper{tg: tg}
		for _, r := range st.Refs {
			c := l.createTask(r.Name)
			l.addDoneCallback(&c.future, callback{op: opTaskGroupDone, h: h})
			tg.tasks = append(tg.tasks, c)
			tg.live++
		}
		fr.push(block{kind: bkTaskGroup, steps: st.Body, st: st, tg: tg})
	case AsCompleted:
		ts, exc := l.awaitables(fr, st)
		if exc != nil {
			fr.raise(exc)
			break
		}
		todo := l.uniqueTasks(ts)
		h := &helper{done: &queueState{}}
		for _, f := range todo {
			l.addDoneCallback(&f.future, callback{op: opAsCompletedDone, h: h})
		}
		fr.push(block{kind: bkAsCompleted, steps: st.Body, st: st, ac: h, left: len(todo), pc: len(st.Body)})
		// The block starts "at its end": leaving it fetches the first result.
	case AsyncWith:
		return l.acquire(fr, st, l.prims[st.Refs[0].Index])
	case Set:
		ev := l.prims[st.Refs[0].Index]
		if !ev.set {
			ev.set = true
			for _, w := range ev.waiters {
				if !w.done() {
					l.setResult(w, true)
				}
			}
		}
	case Clear:
		l.prims[st.Refs[0].Index].set = false
	case Put:
		return l.queuePut(fr, st, l.prims[st.Refs[0].Index].q)
	case Get:
		return l.queueGet(fr, st, l.prims[st.Refs[0].Index].q)
	case ToThread:
		f := l.newFuture("to_thread(time.sleep, " + formatSeconds(st.Duration) + ")")
		l.submit(st.Duration, f)
		fr.op = pendingOp{kind: waitFuture, st: st, f: f}
		return suspendOn(f)
	case Try:
		fr.push(block{kind: bkTry, steps: st.Body, st: st})
	case Call:
		l.warn(warnSite{step: st, mode: l.def.Sleeps, msg: "RuntimeWarning: coroutine '" + l.pyName[st.Refs[0].Name] + "' was never awaited"})
	case AsyncioRun:
		e := newExc("RuntimeError", "asyncio.run() cannot be called from a running event loop")
		e.unawaited = &warnSite{step: st, mode: l.def.Sleeps, msg: "RuntimeWarning: coroutine '" + l.pyName[st.Refs[0].Name] + "' was never awaited"}
		fr.raise(e)
	}
	return suspension{}, false
}

func (l *loop) execAwait(t *task, fr *frame, st *Step) (suspension, bool) {
	r := st.Refs[0]
	now := l.clk.now()
	switch r.Kind {
	case RefCoroutine:
		lane := l.newLane(r.Name, trace.TaskLane, t.frames[0].lane.id)
		now = lane.lane.Start // one reading of a real clock for both lanes
		fr.lane.set(now, trace.Waiting, "await "+r.Name+"()")
		lane.set(now, trace.Running, "")
		if l.started != nil {
			l.started(&lane.lane, now)
		}
		fr.op = pendingOp{kind: waitCoro, st: st}
		t.frames = append(t.frames, l.newFrame(r.Name, lane))
	case RefTask:
		v, exc := fr.variable(r)
		if exc != nil {
			fr.raise(exc)
			break
		}
		other := v.(*task)
		if other == t {
			fr.raise(newExc("RuntimeError", "Task cannot await on itself"))
			break
		}
		if !other.done() {
			fr.op = pendingOp{kind: waitFuture, st: st, f: &other.future}
			return suspendOn(&other.future)
		}
		res, exc := other.resultOrExc()
		if exc != nil {
			fr.raise(exc)
			break
		}
		l.bind(fr, st, res)
	case RefPrimitive:
		ev := l.prims[r.Index]
		if ev.set {
			l.bind(fr, st, true)
			break
		}
		f := l.newFuture(r.Name + ".wait()")
		ev.waiters = append(ev.waiters, f)
		fr.op = pendingOp{kind: waitFuture, st: st, f: f, prim: ev}
		return suspendOn(f)
	}
	return suspension{}, false
}

// deliver completes the await the frame was suspended at with exc (nil:
// the awaited thing succeeded). It may suspend again.
func (l *loop) deliver(t *task, fr *frame, op pendingOp, exc *pyExc) (suspension, bool) {
	switch op.kind {
	case waitYield:
		if exc != nil {
			fr.raise(exc)
		}
	case waitFuture:
		if op.prim != nil { // Event.wait's finally: remove the waiter
			op.prim.waiters = removeFuture(op.prim.waiters, op.f)
		}
		if exc != nil {
			fr.raise(exc)
			break
		}
		res, e := op.f.resultOrExc()
		if e != nil {
			fr.raise(e)
			break
		}
		l.bind(fr, op.st, res)
	case waitGather:
		if exc != nil {
			fr.raise(exc)
			break
		}
		l.bind(fr, op.st, op.f.result)
	case waitWait:
		h := op.h
		for _, f := range h.fs {
			removeDoneCallback(&f.future, opWaitDone, nil, h)
		}
		if exc != nil {
			fr.raise(exc)
			break
		}
		if len(op.st.As) == 2 {
			var done, pend []*task
			for _, f := range h.fs {
				if f.done() {
					done = append(done, f)
				} else {
					pend = append(pend, f)
				}
			}
			fr.vars[op.st.As[0].Slot] = done
			fr.vars[op.st.As[1].Slot] = pend
		}
	case waitWaitFor:
		return l.waitForDeliver(fr, op, exc)
	case waitCancelWait:
		return l.waitForDeliver(fr, op, exc)
	case waitAcquire:
		return l.acquireDeliver(fr, op, exc)
	case waitQueueGet:
		return l.queueGetDeliver(fr, op, exc)
	case waitQueuePut:
		return l.queuePutDeliver(fr, op, exc)
	case waitTaskGroup:
		tg := op.h.tg
		if exc != nil && exc.isA("CancelledError") && !tg.aborting {
			tg.propagate = exc
			l.abortTaskGroup(tg)
		}
		tg.onCompleted = nil
		return l.taskGroupWait(fr, op.h)
	}
	return suspension{}, false
}

func removeFuture(fs []*future, f *future) []*future {
	for i, x := range fs {
		if x == f {
			copy(fs[i:], fs[i+1:])
			fs[len(fs)-1] = nil
			return fs[:len(fs)-1]
		}
	}
	return fs
}

// leaveBlock leaves the frame's innermost block: at its end (fr.comp is
// none) or because fr.comp propagates through it. It runs the block's exit
// action, which may handle an exception, start a finally clause, release a
// lock, or suspend (a TaskGroup waiting for its tasks).
func (l *loop) leaveBlock(t *task, fr *frame) (suspension, bool) {
	b := fr.blocks[len(fr.blocks)-1]
	fr.blocks[len(fr.blocks)-1] = block{}
	fr.blocks = fr.blocks[:len(fr.blocks)-1]
	comp := fr.comp
	switch b.kind {
	case bkBody:
		if comp.kind == compNone {
			fr.comp = completion{kind: compReturn}
		}
	case bkTry:
		if comp.kind == compRaise {
			for i, h := range b.st.Handlers {
				if comp.exc.isA(h.Type) {
					fr.comp = completion{}
					if h.E.Slot >= 0 {
						fr.vars[h.E.Slot] = comp.exc
					}
					fr.push(block{kind: bkExcept, steps: h.Steps, st: b.st, exc: comp.exc, handler: i})
					return suspension{}, false
				}
			}
		}
		if b.st.HasFinally {
			fr.comp = completion{}
			fr.push(block{kind: bkFinally, steps: b.st.Finally, st: b.st, pend: comp})
		}
	case bkExcept:
		// End of the except clause: Python deletes e, and the exception
		// (and what only its traceback kept alive) is released.
		if h := b.st.Handlers[b.handler]; h.E.Slot >= 0 {
			fr.vars[h.E.Slot] = unbound
		}
		if b.exc.unawaited != nil {
			l.warn(*b.exc.unawaited)
			b.exc.unawaited = nil
		}
		if b.st.HasFinally {
			fr.comp = completion{}
			fr.push(block{kind: bkFinally, steps: b.st.Finally, st: b.st, pend: comp})
		}
	case bkFinally:
		if comp.kind == compNone {
			fr.comp = b.pend
		}
	case bkWith:
		l.release(b.prim)
	case bkTimeout:
		tm := b.tm
		if tm.state == tmExpiring {
			tm.state = tmExpired
			if tm.t.uncancel() == 0 && comp.kind == compRaise && comp.exc.typ == "CancelledError" {
				fr.raise(&pyExc{typ: "TimeoutError"})
			}
		} else {
			tm.state = tmExited
		}
	case bkTaskGroup:
		return l.taskGroupExit(t, fr, b.tg)
	case bkAsCompleted:
		if comp.kind == compNone && b.left > 0 {
			b.left--
			b.pc = 0
			fr.blocks = append(fr.blocks, b)
			return l.queueGetOp(fr, b.st, b.ac.done, true)
		}
	}
	return suspension{}, false
}

// block holds the loop for d: time.sleep, or busy CPU work.
func (l *loop) block(lane *laneRec, d time.Duration, s trace.State, detail string) {
	lane.set(l.clk.now(), s, detail)
	if s == trace.Blocked {
		l.clk.block(d)
	} else {
		l.clk.spin(d)
	}
	lane.set(l.clk.now(), trace.Running, "")
}

// gatherDone is gather's _done_callback for one child.
func (l *loop) gatherDone(g *gathering, child *future) {
	g.nfinished++
	outer := &g.outer
	if outer.done() {
		if child.state != cancelled {
			child.logTB = false
		}
		return
	}
	if !g.returnExceptions {
		if child.state == cancelled {
			l.finishFuture(outer, finished, nil, cancelledError())
			outer.logTB = false
			return
		}
		child.logTB = false
		if child.exc != nil {
			l.finishFuture(outer, finished, nil, child.exc)
			outer.logTB = false
			return
		}
	}
	if g.nfinished == g.nfuts {
		results := make([]any, len(g.children))
		for i, c := range g.children {
			switch {
			case c.state == cancelled:
				results[i] = &pyExc{typ: "CancelledError", hasMsg: true}
			case c.exc != nil:
				c.logTB = false
				results[i] = c.exc
			default:
				results[i] = c.result
			}
		}
		if g.cancelRequested {
			l.finishFuture(outer, finished, nil, cancelledError())
			outer.logTB = false
		} else {
			l.finishFuture(outer, finished, results, nil)
		}
	}
}

// waitDone is asyncio.wait's _on_completion.
func (l *loop) waitDone(h *helper, f *future) {
	h.counter--
	first := h.returnWhen == FirstCompleted
	if h.returnWhen == FirstException && f.state != cancelled {
		f.logTB = false
		first = f.exc != nil
	}
	if h.counter <= 0 || first {
		if !h.waiter.done() {
			l.setResult(h.waiter, nil)
		}
	}
}

// startWaitFor begins asyncio.wait_for(aw, timeout).
func (l *loop) startWaitFor(fr *frame, st *Step) (suspension, bool) {
	r := st.Refs[0]
	var inner *task
	label := r.Name
	if r.Kind == RefCoroutine {
		label += "()"
	}
	label = "wait_for(" + label + ", " + formatSeconds(st.Timeout) + " s)"
	if st.Timeout <= 0 {
		if r.Kind == RefCoroutine {
			inner = l.createTask(r.Name)
		} else {
			v, exc := fr.variable(r)
			if exc != nil {
				fr.raise(exc)
				return suspension{}, false
			}
			inner = v.(*task)
		}
		if inner.done() {
			res, exc := inner.resultOrExc()
			if exc != nil {
				fr.raise(exc)
			} else {
				l.bind(fr, st, res)
			}
			return suspension{}, false
		}
		return l.cancelAndWait(fr, pendingOp{kind: waitWaitFor, st: st, inner: inner, phase: wfZeroCancel})
	}
	waiter := l.newFuture(label)
	l.callLater(st.Timeout, callback{op: opReleaseWaiter, w: waiter})
	if r.Kind == RefCoroutine {
		inner = l.createTask(r.Name)
	} else {
		v, exc := fr.variable(r)
		if exc != nil {
			fr.raise(exc)
			return suspension{}, false
		}
		inner = v.(*task)
	}
	l.addDoneCallback(&inner.future, callback{op: opReleaseWaiter, w: waiter})
	fr.op = pendingOp{kind: waitWaitFor, st: st, f: waiter, inner: inner, phase: wfWaiting}
	return suspendOn(waiter)
}

// cancelAndWait is wait_for's _cancel_and_wait(fut): cancel the inner task
// and wait until it is done.
func (l *loop) cancelAndWait(fr *frame, op pendingOp) (suspension, bool) {
	w := l.newFuture("cancelling " + op.inner.name)
	l.addDoneCallback(&op.inner.future, callback{op: opReleaseWaiter, w: w})
	l.cancel(&op.inner.future)
	op.kind, op.f = waitCancelWait, w
	fr.op = op
	return suspendOn(w)
}

func (l *loop) waitForDeliver(fr *frame, op pendingOp, exc *pyExc) (suspension, bool) {
	inner := op.inner
	if op.kind == waitCancelWait {
		removeDoneCallback(&inner.future, opReleaseWaiter, op.f, nil)
		if exc != nil {
			fr.raise(exc)
			return suspension{}, false
		}
		if op.phase == wfCancelled {
			fr.raise(op.exc)
			return suspension{}, false
		}
		res, e := inner.resultOrExc()
		switch {
		case e != nil && e.typ == "CancelledError":
			fr.raise(&pyExc{typ: "TimeoutError"})
		case e != nil:
			fr.raise(e)
		default:
			l.bind(fr, op.st, res)
		}
		return suspension{}, false
	}
	// Phase wfWaiting: the waiter was released, or wait_for was cancelled.
	if inner.done() {
		res, e := inner.resultOrExc()
		if e != nil {
			fr.raise(e)
		} else {
			l.bind(fr, op.st, res)
		}
		return suspension{}, false
	}
	removeDoneCallback(&inner.future, opReleaseWaiter, op.f, nil)
	if exc != nil {
		op.phase, op.exc = wfCancelled, exc
	} else {
		op.phase = wfTimedOut
	}
	return l.cancelAndWait(fr, op)
}

// acquire is `async with prim:` entering: Semaphore.acquire or
// Lock.acquire, which take a free one without suspending.
func (l *loop) acquire(fr *frame, st *Step, p *primState) (suspension, bool) {
	if p.def.Kind == SemaphoreKind {
		if !p.semLocked() {
			p.value--
			fr.push(block{kind: bkWith, steps: st.Body, st: st, prim: p})
			return suspension{}, false
		}
	} else if !p.locked && allCancelled(p.waiters) {
		p.locked = true
		fr.push(block{kind: bkWith, steps: st.Body, st: st, prim: p})
		return suspension{}, false
	}
	f := l.newFuture("async with " + p.def.Name)
	p.waiters = append(p.waiters, f)
	fr.op = pendingOp{kind: waitAcquire, st: st, f: f, prim: p}
	return suspendOn(f)
}

func allCancelled(fs []*future) bool {
	for _, f := range fs {
		if f.state != cancelled {
			return false
		}
	}
	return true
}

// semLocked is Semaphore.locked().
func (p *primState) semLocked() bool {
	return p.value == 0 || !allCancelled(p.waiters)
}

func (l *loop) acquireDeliver(fr *frame, op pendingOp, exc *pyExc) (suspension, bool) {
	p := op.prim
	p.waiters = removeFuture(p.waiters, op.f)
	if p.def.Kind == SemaphoreKind {
		if exc != nil {
			if op.f.state != cancelled {
				p.value++
				l.semWakeNext(p)
			}
			fr.raise(exc)
			return suspension{}, false
		}
		if p.value > 0 {
			l.semWakeNext(p)
		}
	} else {
		if exc != nil {
			if !p.locked {
				l.lockWakeFirst(p)
			}
			fr.raise(exc)
			return suspension{}, false
		}
		p.locked = true
	}
	fr.push(block{kind: bkWith, steps: op.st.Body, st: op.st, prim: p})
	return suspension{}, false
}

func (l *loop) semWakeNext(p *primState) {
	for _, f := range p.waiters {
		if !f.done() {
			p.value--
			l.setResult(f, true)
			return
		}
	}
}

func (l *loop) lockWakeFirst(p *primState) {
	if len(p.waiters) > 0 && !p.waiters[0].done() {
		l.setResult(p.waiters[0], true)
	}
}

// release is leaving `async with prim:`.
func (l *loop) release(p *primState) {
	if p.def.Kind == SemaphoreKind {
		p.value++
		l.semWakeNext(p)
		return
	}
	p.locked = false
	l.lockWakeFirst(p)
}

func (q *queueState) full() bool { return q.maxsize > 0 && len(q.items) >= q.maxsize }

// wakeupNext is Queue._wakeup_next.
func (l *loop) wakeupNext(ws *[]*future) {
	for len(*ws) > 0 {
		w := (*ws)[0]
		*ws = (*ws)[1:]
		if !w.done() {
			l.setResult(w, nil)
			return
		}
	}
}

func (l *loop) queuePutNowait(q *queueState, v value) {
	q.items = append(q.items, v)
	l.wakeupNext(&q.getters)
}

func (l *loop) queuePut(fr *frame, st *Step, q *queueState) (suspension, bool) {
	if q.full() {
		f := l.newFuture("put " + st.Refs[0].Name)
		q.putters = append(q.putters, f)
		fr.op = pendingOp{kind: waitQueuePut, st: st, f: f, q: q}
		return suspendOn(f)
	}
	l.queuePutNowait(q, st.Value)
	return suspension{}, false
}

func (l *loop) queuePutDeliver(fr *frame, op pendingOp, exc *pyExc) (suspension, bool) {
	q := op.q
	if exc != nil {
		l.cancel(op.f)
		q.putters = removeFuture(q.putters, op.f)
		if !q.full() && op.f.state != cancelled {
			l.wakeupNext(&q.putters)
		}
		fr.raise(exc)
		return suspension{}, false
	}
	return l.queuePut(fr, op.st, q)
}

func (l *loop) queueGet(fr *frame, st *Step, q *queueState) (suspension, bool) {
	return l.queueGetOp(fr, st, q, false)
}

// queueGetOp is Queue.get(); for as_completed (ac) the item is a finished
// task whose result (or exception) is the await's outcome.
func (l *loop) queueGetOp(fr *frame, st *Step, q *queueState, ac bool) (suspension, bool) {
	if len(q.items) == 0 {
		label := "as_completed"
		if !ac {
			label = "get " + st.Refs[0].Name
		}
		f := l.newFuture(label)
		q.getters = append(q.getters, f)
		op := pendingOp{kind: waitQueueGet, st: st, f: f, q: q}
		if ac {
			op.phase = 1
		}
		fr.op = op
		return suspendOn(f)
	}
	item := q.items[0]
	q.items[0] = nil
	q.items = q.items[1:]
	l.wakeupNext(&q.putters)
	if !ac {
		l.bind(fr, st, item)
		return suspension{}, false
	}
	res, exc := item.(*task).resultOrExc()
	if exc != nil {
		fr.raise(exc)
	} else {
		l.bind(fr, st, res)
	}
	return suspension{}, false
}

func (l *loop) queueGetDeliver(fr *frame, op pendingOp, exc *pyExc) (suspension, bool) {
	q := op.q
	if exc != nil {
		l.cancel(op.f)
		q.getters = removeFuture(q.getters, op.f)
		if len(q.items) > 0 && op.f.state != cancelled {
			l.wakeupNext(&q.getters)
		}
		fr.raise(exc)
		return suspension{}, false
	}
	return l.queueGetOp(fr, op.st, q, op.phase == 1)
}

// taskGroupExit is TaskGroup.__aexit__ with the completion leaving its
// body.
func (l *loop) taskGroupExit(t *task, fr *frame, tg *taskGroup) (suspension, bool) {
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
func (l *loop) taskGroupWait(fr *frame, h *helper) (suspension, bool) {
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
		return suspension{}, false
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
		return suspension{}, false
	}
	fr.comp = comp
	return suspension{}, false
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

// submit is loop.run_in_executor(None, time.sleep, d): the call goes to an
// idle worker thread, or a new one while there are fewer than the
// executor's max_workers, or waits in the executor's queue.
func (l *loop) submit(d time.Duration, f *future) {
	if l.pool == nil {
		l.pool = &executor{max: min(32, l.cpus+4)}
	}
	ex := l.pool
	ex.queue = append(ex.queue, workItem{d: d, f: f})
	if ex.idle > 0 {
		ex.idle--
	} else if len(ex.workers) < ex.max {
		w := &worker{lane: l.newLane(fmt.Sprintf("asyncio_%d", len(ex.workers)), trace.ThreadLane, trace.NoLane)}
		ex.workers = append(ex.workers, w)
	}
	l.dispatch()
}

// dispatch hands queued calls to idle threads, which start at once.
func (l *loop) dispatch() {
	ex := l.pool
	for len(ex.queue) > 0 {
		var free *worker
		for _, w := range ex.workers {
			if !w.busy {
				free = w
				break
			}
		}
		if free == nil {
			return
		}
		item := ex.queue[0]
		ex.queue = ex.queue[1:]
		free.busy = true
		free.lane.set(l.clk.now(), trace.Busy, "time.sleep("+formatSeconds(item.d)+")")
		l.callLater(item.d, callback{op: opThreadDone, w: item.f, h: &helper{th: free}})
	}
}

// threadDone: a worker finished its call; the asyncio future gets the
// result (unless it was cancelled) and the worker takes the next call.
func (l *loop) threadDone(w *worker, f *future) {
	w.busy = false
	w.lane.set(l.clk.now(), trace.Idle, "")
	l.pool.idle++
	l.dispatch()
	if !f.done() {
		l.setResult(f, nil)
	}
}

func (ex *executor) busy() bool {
	if len(ex.queue) > 0 {
		return true
	}
	for _, w := range ex.workers {
		if w.busy {
			return true
		}
	}
	return false
}

// warn writes a warning to stderr, once per site as Python's default
// warning filter does.
func (l *loop) warn(site warnSite) {
	if l.ex.warned[site] {
		return
	}
	l.ex.warned[site] = true
	l.run.Warnings = append(l.run.Warnings, site.msg)
	l.stderr(site.msg, trace.NoLane)
}

func (l *loop) stderr(text string, lane trace.LaneID) {
	l.logs.add(trace.Log{At: l.clk.now(), Lane: lane, Text: text, Stderr: true})
}

func (l *loop) print(lane *laneRec, text string) {
	l.logs.add(trace.Log{At: l.clk.now(), Lane: lane.id, Text: text})
	if l.stdout != nil {
		l.stdout.Write([]byte(text + "\n"))
	}
}
