package runner

import (
	"github.com/asyncgantt/asyncgantt/scenarios"
)

// primState is a run's instance of a primitive.
type primState struct {
	def *scenarios.Primitive
	// Semaphore: value; Lock: locked; Event: set.
	value   int
	locked  bool
	set     bool
	waiters []*future
	q       *queueState
	// ex is a process pool's executor, made at its first job.
	ex *executor
}

// acquire is `async with prim:` entering: Semaphore.acquire or
// Lock.acquire, which take a free one without suspending.
func (l *loop) acquire(fr *frame, st *scenarios.Step, p *primState) suspension {
	if p.def.Kind == scenarios.SemaphoreKind {
		if !p.semLocked() {
			p.value--
			fr.push(block{kind: bkWith, steps: st.Body, st: st, prim: p})
			return goOn
		}
	} else if !p.locked && allCancelled(p.waiters) {
		p.locked = true
		fr.push(block{kind: bkWith, steps: st.Body, st: st, prim: p})
		return goOn
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

func (l *loop) acquireDeliver(fr *frame, op pendingOp, exc *pyExc) suspension {
	p := op.prim
	p.waiters = removeFuture(p.waiters, op.f)
	if p.def.Kind == scenarios.SemaphoreKind {
		if exc != nil {
			if op.f.state != cancelled {
				p.value++
				l.semWakeNext(p)
			}
			fr.raise(exc)
			return goOn
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
			return goOn
		}
		p.locked = true
	}
	fr.push(block{kind: bkWith, steps: op.st.Body, st: op.st, prim: p})
	return goOn
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
	if p.def.Kind == scenarios.SemaphoreKind {
		p.value++
		l.semWakeNext(p)
		return
	}
	p.locked = false
	l.lockWakeFirst(p)
}
