package runner

import (
	"math/rand/v2"
	"testing"
	"time"
)

// TestTimerQueueOrder schedules and expires timers at random and checks
// every pop is the earliest pending timer by deadline, then by scheduling
// order, as asyncio's heap of (when, sequence) gives.
func TestTimerQueueOrder(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	var tq timerQueue
	type pend struct {
		when time.Duration
		id   *task
		seq  int
	}
	var pending []pend
	for i := range 50_000 {
		if len(pending) == 0 || r.IntN(3) > 0 {
			id := &task{}
			when := time.Duration(r.IntN(40))
			tq.push(when, callback{t: id})
			pending = append(pending, pend{when, id, i})
			continue
		}
		m := 0
		for j, p := range pending {
			if p.when < pending[m].when || p.when == pending[m].when && p.seq < pending[m].seq {
				m = j
			}
		}
		if tq.next() != pending[m].when || tq.first().t != pending[m].id {
			t.Fatalf("step %d: next is (%v, %p), want (%v, %p)", i, tq.next(), tq.first().t, pending[m].when, pending[m].id)
		}
		got := tq.pop()
		if got.when != pending[m].when || got.cb.t != pending[m].id {
			t.Fatalf("step %d: popped (%v, %p), want (%v, %p)", i, got.when, got.cb.t, pending[m].when, pending[m].id)
		}
		pending = append(pending[:m], pending[m+1:]...)
		if tq.len() != len(pending) {
			t.Fatalf("step %d: queue holds %d, want %d", i, tq.len(), len(pending))
		}
	}
}
