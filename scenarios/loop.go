package scenarios

import (
	"container/heap"
	"fmt"
	"strings"
	"time"

	"github.com/asyncgantt/asyncgantt/trace"
)

// The runner mirrors CPython's asyncio (Lib/asyncio/base_events.py,
// tasks.py, futures.py, 3.11):
//   - call_soon appends to a FIFO ready queue;
//   - call_later pushes a timer on a heap ordered by deadline, then by the
//     order timers were scheduled;
//   - one loop iteration (_run_once) waits until the earliest timer if
//     nothing is ready, moves every expired timer to the ready queue, then
//     runs exactly the callbacks that were ready at that moment; callbacks
//     they schedule run in the next iteration;
//   - a task's first step is scheduled with call_soon when it is created,
//     so it starts on the next iteration;
//   - a future's done callbacks are scheduled with call_soon when it
//     completes, so a task awaiting it resumes one iteration later;
//   - a blocking step holds the loop: the clock moves, nothing else runs.

// op says what a scheduled callback does.
type op uint8

const (
	opStep       op = iota // Task.__step: start or resume a task
	opWakeup               // Task.__wakeup(fut): resume a task with fut's result
	opSetResult            // futures._set_result_unless_cancelled (asyncio.sleep's timer)
	opGatherDone           // gather's _done_callback(child)
	opStopLoop             // _run_until_complete_cb: main is done
)

// callback is a scheduled call: loop.call_soon(fn, arg).
type callback struct {
	op op
	t  *task
	f  *future
	g  *gathering
}

type timer struct {
	when time.Duration
	seq  uint64
	cb   callback
}

type timerHeap []timer

func (h timerHeap) Len() int { return len(h) }
func (h timerHeap) Less(i, j int) bool {
	if h[i].when != h[j].when {
		return h[i].when < h[j].when
	}
	return h[i].seq < h[j].seq
}
func (h timerHeap) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *timerHeap) Push(x any)   { *h = append(*h, x.(timer)) }
func (h *timerHeap) Pop() any {
	old := *h
	t := old[len(old)-1]
	*h = old[:len(old)-1]
	return t
}

// fifo is a queue of callbacks backed by a ring buffer.
type fifo struct {
	buf        []callback
	head, size int
}

func (q *fifo) push(cb callback) {
	if q.size == len(q.buf) {
		n := max(16, 2*len(q.buf))
		buf := make([]callback, n)
		for i := 0; i < q.size; i++ {
			buf[i] = q.buf[(q.head+i)%len(q.buf)]
		}
		q.buf, q.head = buf, 0
	}
	q.buf[(q.head+q.size)%len(q.buf)] = cb
	q.size++
}

func (q *fifo) pop() callback {
	cb := q.buf[q.head]
	q.buf[q.head] = callback{}
	q.head = (q.head + 1) % len(q.buf)
	q.size--
	return cb
}

// future is an asyncio.Future; a task embeds one.
type future struct {
	done      bool
	result    value
	exc       *pyExc
	callbacks []callback
	// label says what awaiting this future means, e.g. "sleep 2s".
	label string
}

// gathering is the state of one asyncio.gather call.
type gathering struct {
	outer     *future
	children  []*task
	nfinished int
}

// task is an asyncio.Task running a stack of coroutine frames: the task's
// own coroutine at the bottom, coroutines it awaits inline above it.
type task struct {
	future
	name   string
	frames []frame
}

// frame is one coroutine activation.
type frame struct {
	steps []Step
	pc    int
	lane  *laneRec
}

// top returns the innermost frame, whose lane shows the task's state.
func (t *task) top() *frame { return &t.frames[len(t.frames)-1] }

// laneRec records one lane's state changes.
type laneRec struct {
	lane   *trace.Lane
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
		if n := len(ivs); n > 0 && ivs[n-1].End == r.since && ivs[n-1].State == r.state && ivs[n-1].Detail == r.detail {
			ivs[n-1].End = now // continues the previous interval across a zero-length change
		} else {
			r.lane.Intervals = append(ivs, trace.Interval{State: r.state, Start: r.since, End: now, Detail: r.detail})
		}
	}
	r.open = false
}

// finish ends the lane's life at now with an outcome.
func (r *laneRec) finish(now time.Duration, o *trace.Outcome) {
	r.close(now)
	r.lane.End = now
	r.lane.Outcome = o
}

// loop is one event loop executing one run.
type loop struct {
	clk    clock
	sc     *Scenario
	def    *RunDef
	run    *trace.Run
	stdout interface{ Write([]byte) (int, error) }
	// progress is Options.Progress.
	progress func(run, task string)

	ready  fifo
	timers timerHeap
	seq    uint64

	loopLane  *laneRec
	tasks     []*task
	names     map[string]int
	events    int
	maxEvents int
	stopped   bool
}

func (l *loop) callSoon(cb callback) {
	switch cb.op {
	case opStep, opWakeup:
		cb.t.top().lane.set(l.clk.now(), trace.Ready, "")
	}
	l.ready.push(cb)
}

func (l *loop) callLater(d time.Duration, cb callback) {
	l.seq++
	heap.Push(&l.timers, timer{when: l.clk.now() + d, seq: l.seq, cb: cb})
}

// finishFuture marks f done and schedules its callbacks, as
// Future.__schedule_callbacks does.
func (l *loop) finishFuture(f *future, result value, exc *pyExc) {
	f.done, f.result, f.exc = true, result, exc
	for _, cb := range f.callbacks {
		cb.f = f
		l.callSoon(cb)
	}
	f.callbacks = nil
}

// addDoneCallback is Future.add_done_callback: scheduled at once if f is
// already done.
func (l *loop) addDoneCallback(f *future, cb callback) {
	if f.done {
		cb.f = f
		l.callSoon(cb)
		return
	}
	f.callbacks = append(f.callbacks, cb)
}

// newLane adds a lane to the run, named after name; a name used before
// gets a number: "A", "A #2".
func (l *loop) newLane(name string, kind trace.LaneKind, parent string) *laneRec {
	l.names[name]++
	if n := l.names[name]; n > 1 {
		name = fmt.Sprintf("%s #%d", name, n)
	}
	now := l.clk.now()
	lane := &trace.Lane{Name: name, Kind: kind, Parent: parent, Start: now, End: now}
	l.run.Lanes = append(l.run.Lanes, lane)
	return &laneRec{lane: lane}
}

// createTask is loop.create_task(coro()): the task's first step is
// scheduled for the next iteration.
func (l *loop) createTask(name string, steps []Step) *task {
	t := &task{name: name}
	t.label = name + "()"
	t.frames = []frame{{steps: steps, lane: l.newLane(name, trace.TaskLane, "")}}
	t.name = t.frames[0].lane.lane.Name
	l.tasks = append(l.tasks, t)
	l.callSoon(callback{op: opStep, t: t})
	return t
}

func (l *loop) runMain() error {
	l.loopLane = l.newLane("event loop", trace.LoopLane, "")
	main := l.createTask("main", l.def.Steps)
	l.addDoneCallback(&main.future, callback{op: opStopLoop})
	for !l.stopped {
		if l.ready.size == 0 {
			if len(l.timers) == 0 {
				return l.deadlock()
			}
			l.loopLane.set(l.clk.now(), trace.Idle, "")
			l.clk.idleUntil(l.timers[0].when)
		}
		now := l.clk.now()
		for len(l.timers) > 0 && l.timers[0].when <= now {
			l.ready.push(heap.Pop(&l.timers).(timer).cb)
		}
		for n := l.ready.size; n > 0; n-- {
			l.events++
			if l.events > l.maxEvents {
				return l.fail(fmt.Sprintf("stopped after %d loop callbacks (the --max-events limit); raise the limit if the scenario really needs more", l.maxEvents))
			}
			l.exec(l.ready.pop())
		}
	}
	l.finish()
	return nil
}

// finish closes the run at the current time.
func (l *loop) finish() {
	now := l.clk.now()
	l.run.Total = now
	l.loopLane.finish(now, nil)
	for _, t := range l.tasks {
		for i := len(t.frames) - 1; i >= 0; i-- {
			t.frames[i].lane.close(now)
			t.frames[i].lane.lane.End = now
		}
	}
}

func (l *loop) fail(msg string) error {
	l.finish()
	l.run.Error = msg
	return &RunError{Run: l.def.Name, At: l.run.Total, Msg: msg}
}

// deadlock reports the tasks that wait forever.
func (l *loop) deadlock() error {
	var stuck []string
	for _, t := range l.tasks {
		if !t.done {
			stuck = append(stuck, fmt.Sprintf("%s waits for %s", t.name, t.top().lane.detail))
		}
	}
	return l.fail(fmt.Sprintf("deadlock at t=%s s: %s", formatSeconds(l.clk.now()), strings.Join(stuck, ", ")))
}

func (l *loop) exec(cb callback) {
	switch cb.op {
	case opStep:
		l.step(cb.t, nil, nil)
	case opWakeup:
		l.step(cb.t, cb.f.result, cb.f.exc)
	case opSetResult:
		if !cb.f.done {
			l.finishFuture(cb.f, nil, nil)
		}
	case opGatherDone:
		l.gatherDone(cb.g, cb.f)
	case opStopLoop:
		l.stopped = true
	}
}

// suspension is what a coroutine did when it stopped running.
type suspension struct {
	kind   suspendKind
	f      *future
	result value
	exc    *pyExc
}

type suspendKind int

const (
	yieldBare   suspendKind = iota // a bare yield: asyncio.sleep(0)
	yieldFuture                    // waiting on a future
	returned                       // the coroutine returned
	raised                         // the coroutine raised
)

// step is Task.__step: run the task's coroutine until it suspends or ends.
func (l *loop) step(t *task, send value, exc *pyExc) {
	now := l.clk.now()
	l.loopLane.set(now, trace.Busy, t.name)
	if l.progress != nil {
		l.progress(l.def.Name, t.name)
		defer l.progress(l.def.Name, "")
	}
	t.top().lane.set(now, trace.Running, "")
	s := l.resume(t, send, exc)
	now = l.clk.now()
	switch s.kind {
	case yieldBare:
		l.callSoon(callback{op: opStep, t: t})
	case yieldFuture:
		t.top().lane.set(now, trace.Waiting, s.f.label)
		l.addDoneCallback(s.f, callback{op: opWakeup, t: t})
	case returned:
		t.frames[0].lane.finish(now, &trace.Outcome{Kind: trace.Returned, Value: repr(s.result)})
		t.frames = t.frames[:0:0]
		l.finishFuture(&t.future, s.result, nil)
	case raised:
		t.frames[0].lane.finish(now, &trace.Outcome{Kind: trace.Raised, Value: s.exc.String()})
		t.frames = t.frames[:0:0]
		l.finishFuture(&t.future, nil, s.exc)
	}
	l.loopLane.set(now, trace.Idle, "")
}

// resume runs the task's frames from where they stopped. send is the
// result of the await the top frame was suspended at; exc, when not nil, is
// raised there instead.
func (l *loop) resume(t *task, send value, exc *pyExc) suspension {
	for {
		fr := t.top()
		now := l.clk.now()
		if exc != nil {
			// No try/except yet: the exception unwinds every frame.
			if len(t.frames) == 1 {
				return suspension{kind: raised, exc: exc}
			}
			fr.lane.finish(now, &trace.Outcome{Kind: trace.Raised, Value: exc.String()})
			t.frames = t.frames[:len(t.frames)-1]
			t.top().lane.set(now, trace.Running, "")
			continue
		}
		if fr.pc == len(fr.steps) {
			// The coroutine returns None.
			if len(t.frames) == 1 {
				return suspension{kind: returned, result: nil}
			}
			fr.lane.finish(now, &trace.Outcome{Kind: trace.Returned, Value: "None"})
			t.frames = t.frames[:len(t.frames)-1]
			t.top().lane.set(now, trace.Running, "")
			send = nil
			continue
		}
		st := &fr.steps[fr.pc]
		fr.pc++
		switch st.Kind {
		case Print:
			l.print(fr.lane, st.Text.Render(now))
		case Sleep:
			if l.def.Sleeps == SleepBlock {
				l.block(fr.lane, st.Duration, trace.Blocked, "time.sleep("+formatSeconds(st.Duration)+")")
				continue
			}
			if st.Duration == 0 {
				return suspension{kind: yieldBare}
			}
			f := &future{label: "sleep " + formatSeconds(st.Duration) + " s"}
			l.callLater(st.Duration, callback{op: opSetResult, f: f})
			return suspension{kind: yieldFuture, f: f}
		case Block:
			l.block(fr.lane, st.Duration, trace.Blocked, "time.sleep("+formatSeconds(st.Duration)+")")
		case Await:
			name := st.Tasks[0]
			fr.lane.set(now, trace.Waiting, "await "+name+"()")
			lane := l.newLane(name, trace.TaskLane, t.name)
			lane.set(now, trace.Running, "")
			t.frames = append(t.frames, frame{steps: l.sc.Task(name).Steps, lane: lane})
		case Gather:
			g := &gathering{outer: &future{label: "gather(" + strings.Join(st.Tasks, ", ") + ")"}}
			for _, name := range st.Tasks {
				child := l.createTask(name, l.sc.Task(name).Steps)
				g.children = append(g.children, child)
				l.addDoneCallback(&child.future, callback{op: opGatherDone, g: g})
			}
			return suspension{kind: yieldFuture, f: g.outer}
		}
	}
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
	if g.outer.done {
		return
	}
	if child.exc != nil {
		l.finishFuture(g.outer, nil, child.exc)
		return
	}
	if g.nfinished == len(g.children) {
		results := make([]value, len(g.children))
		for i, c := range g.children {
			results[i] = c.result
		}
		l.finishFuture(g.outer, results, nil)
	}
}

func (l *loop) print(lane *laneRec, text string) {
	l.run.Logs = append(l.run.Logs, trace.Log{At: l.clk.now(), Lane: lane.lane.Name, Text: text})
	if l.stdout != nil {
		l.stdout.Write([]byte(text + "\n"))
	}
}
