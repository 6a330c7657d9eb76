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

func (l *loop) queuePut(fr *frame, st *scenarios.Step, q *queueState) suspension {
	if q.full() {
		f := l.newFuture("put " + st.Refs[0].Name)
		q.putters = append(q.putters, f)
		fr.op = pendingOp{kind: waitQueuePut, st: st, f: f, q: q}
		return suspendOn(f)
	}
	l.queuePutNowait(q, st.Value)
	return goOn
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
	return l.queuePut(fr, op.st, q)
}

func (l *loop) queueGet(fr *frame, st *scenarios.Step, q *queueState) suspension {
	return l.queueGetOp(fr, st, q, false)
}

// queueGetOp is Queue.get(); for as_completed (ac) the item is a finished
// task whose result (or exception) is the await's outcome.
func (l *loop) queueGetOp(fr *frame, st *scenarios.Step, q *queueState, ac bool) suspension {
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
