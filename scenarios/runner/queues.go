package runner

import (
	"github.com/asyncgantt/asyncgantt/scenarios"
)

// queueState is an asyncio.Queue.
type queueState struct {
	items   []value
	maxsize int
	getters []*future
	putters []*future
	// unfinished is Queue._unfinished_tasks; joiners wait in join() until
	// it is 0.
	unfinished int
	joiners    []*future
	// name is the queue's, for labels.
	name string
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
	q.unfinished++
	l.wakeupNext(&q.getters)
}

// queuePut is Queue.put(item) on the queue primitive p.
func (l *loop) queuePut(fr *frame, st *scenarios.Step, p *primState, item value) suspension {
	return l.queuePutRetry(fr, pendingOp{kind: waitQueuePut, st: st, q: p.q, item: item})
}

// taskDone is Queue.task_done().
func (l *loop) taskDone(q *queueState) *pyExc {
	if q.unfinished <= 0 {
		return newExc("ValueError", "task_done() called too many times")
	}
	q.unfinished--
	if q.unfinished == 0 {
		for _, f := range q.joiners {
			if !f.done() {
				l.setResult(f, true)
			}
		}
		q.joiners = nil
	}
	return nil
}

// queueJoin is Queue.join(): await the queue's _finished event.
func (l *loop) queueJoin(fr *frame, st *scenarios.Step, p *primState) suspension {
	q := p.q
	if q.unfinished == 0 {
		return goOn
	}
	f := l.newFuture("join " + p.def.Name)
	q.joiners = append(q.joiners, f)
	fr.op = pendingOp{kind: waitFuture, st: st, f: f}
	return suspendOn(f)
}

func (l *loop) queuePutDeliver(fr *frame, op pendingOp, exc *pyExc) suspension {
	q := op.q
	if exc != nil {
		l.cancel(op.f)
		q.putters = removeFuture(q.putters, op.f)
		if !q.full() && op.f.state != cancelled {
			l.wakeupNext(&q.putters)
		}
		fr.raise(exc)
		return goOn
	}
	return l.queuePutRetry(fr, op)
}

// queuePutRetry is Queue.put after a free slot woke it: put again.
func (l *loop) queuePutRetry(fr *frame, op pendingOp) suspension {
	q := op.q
	if q.full() {
		f := l.newFuture("put " + q.name)
		q.putters = append(q.putters, f)
		op.f = f
		fr.op = op
		return suspendOn(f)
	}
	l.queuePutNowait(q, op.item)
	return goOn
}

func (l *loop) queueGet(fr *frame, st *scenarios.Step, p *primState) suspension {
	return l.queueGetOp(fr, st, p.q, false)
}

// queueGetOp is Queue.get(); for as_completed (ac) the item is a finished
// task whose result (or exception) is the await's outcome.
func (l *loop) queueGetOp(fr *frame, st *scenarios.Step, q *queueState, ac bool) suspension {
	if len(q.items) == 0 {
		label := q.name // as_completed's queue is named by its label
		if !ac {
			label = "get " + q.name
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
		return goOn
	}
	res, exc := item.(*task).resultOrExc()
	if exc != nil {
		fr.raise(exc)
	} else {
		l.bind(fr, st, res)
	}
	return goOn
}

func (l *loop) queueGetDeliver(fr *frame, op pendingOp, exc *pyExc) suspension {
	q := op.q
	if exc != nil {
		l.cancel(op.f)
		q.getters = removeFuture(q.getters, op.f)
		if len(q.items) > 0 && op.f.state != cancelled {
			l.wakeupNext(&q.getters)
		}
		fr.raise(exc)
		return goOn
	}
	return l.queueGetOp(fr, op.st, q, op.phase == 1)
}
