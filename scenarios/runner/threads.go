package runner

import (
	"fmt"
	"time"

	"github.com/asyncgantt/asyncgantt/scenarios"
	"github.com/asyncgantt/asyncgantt/trace"
)

// worker is a thread of an executor, or a process of a process pool.
type worker struct {
	lane *laneRec
	busy bool
}

// executor is asyncio's default ThreadPoolExecutor, or a
// concurrent.futures.ProcessPoolExecutor.
type executor struct {
	workers []*worker
	idle    int // ThreadPoolExecutor._idle_semaphore
	queue   []workItem
	max     int
	// name names the i-th worker's lane.
	name func(i int) string
	// spawnAll says the executor starts all its workers at its first job,
	// as a process pool does when processes are forked.
	spawnAll bool
}

type workItem struct {
	d  time.Duration
	fn string
	f  *future
}

// defaultExecutor is the loop's default executor: min(32, CPUs+4)
// threads, asyncio_0, asyncio_1, ...
func (l *loop) defaultExecutor() *executor {
	if l.pool == nil {
		l.pool = &executor{max: min(32, l.cpus+4), name: func(i int) string { return fmt.Sprintf("asyncio_%d", i) }}
	}
	return l.pool
}

// processPool is the run's instance of process pool p: its size, or as
// many processes as CPUs, named "pool process 1", ...
func (l *loop) processPool(p *primState) *executor {
	if p.ex == nil {
		n := p.def.Size
		if n == 0 {
			n = l.cpus
		}
		name := p.def.Name
		p.ex = &executor{max: n, spawnAll: true, name: func(i int) string { return fmt.Sprintf("%s process %d", name, i+1) }}
	}
	return p.ex
}

// submit is executor.submit(fn, d), fn time.sleep or crunch: the call goes
// to an idle worker, or a new one while there are fewer than the
// executor's max_workers, or waits in the executor's queue.
func (l *loop) submit(ex *executor, d time.Duration, fn string, f *future) {
	ex.queue = append(ex.queue, workItem{d: d, fn: fn, f: f})
	switch {
	case ex.spawnAll:
		for len(ex.workers) < ex.max {
			w := &worker{lane: l.newLane(ex.name(len(ex.workers)), trace.ThreadLane, trace.NoLane)}
			ex.workers = append(ex.workers, w)
		}
	case ex.idle > 0:
		ex.idle--
	case len(ex.workers) < ex.max:
		w := &worker{lane: l.newLane(ex.name(len(ex.workers)), trace.ThreadLane, trace.NoLane)}
		ex.workers = append(ex.workers, w)
	}
	l.dispatch(ex)
}

// dispatch hands queued calls to idle workers, which start at once.
func (l *loop) dispatch(ex *executor) {
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
		free.lane.set(l.clk.now(), trace.Busy, item.fn+"("+scenarios.FormatSeconds(item.d)+")")
		l.callLater(item.d, callback{op: opThreadDone, w: item.f, h: &helper{th: free, ex: ex}})
	}
}

// threadDone: a worker finished its call; the asyncio future gets the
// result (unless it was cancelled) and the worker takes the next call.
func (l *loop) threadDone(ex *executor, w *worker, f *future) {
	w.busy = false
	w.lane.set(l.clk.now(), trace.Idle, "")
	if !ex.spawnAll {
		ex.idle++
	}
	l.dispatch(ex)
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
