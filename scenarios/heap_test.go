package scenarios

import (
	"math/rand/v2"
	"testing"
	"time"
)

// TestTimerHeapOrder pushes and pops timers at random and checks every pop
// is the earliest pending timer by (when, seq), as asyncio's heap is.
func TestTimerHeapOrder(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	var h timerHeap
	var pending []timer
	var seq uint64
	for i := range 20_000 {
		if len(pending) == 0 || r.IntN(3) > 0 {
			seq++
			tm := timer{when: time.Duration(r.IntN(50)), seq: seq}
			h.push(tm)
			pending = append(pending, tm)
			continue
		}
		m := 0
		for j := range pending {
			if pending[j].before(&pending[m]) {
				m = j
			}
		}
		got := h.pop()
		if got.when != pending[m].when || got.seq != pending[m].seq {
			t.Fatalf("pop %d: got (%v, %d), want (%v, %d)", i, got.when, got.seq, pending[m].when, pending[m].seq)
		}
		pending = append(pending[:m], pending[m+1:]...)
		if len(h) != len(pending) {
			t.Fatalf("pop %d: heap holds %d, want %d", i, len(h), len(pending))
		}
	}
}
