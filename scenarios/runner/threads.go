package runner

import (
	"fmt"
	"time"

	"github.com/asyncgantt/asyncgantt/scenarios"
	"github.com/asyncgantt/asyncgantt/trace"
)

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
		free.lane.set(l.clk.now(), trace.Busy, "time.sleep("+scenarios.FormatSeconds(item.d)+")")
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
