package runner

import (
	"math/rand/v2"
	"testing"
)

// TestFIFO pushes and pops at random against a slice and checks order,
// length and that popped slots are cleared (no stale pointers kept).
func TestFIFO(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	var q fifo
	var model []*task
	for i := range 100_000 {
		if len(model) == 0 || r.IntN(5) < 3 || i > 50_000 && r.IntN(5) < 2 {
			id := &task{}
			q.push(callback{t: id})
			model = append(model, id)
		} else {
			if q.first().t != model[0] {
				t.Fatalf("step %d: first is not the oldest callback", i)
			}
			if got := q.pop(); got.t != model[0] {
				t.Fatalf("step %d: popped a callback out of order", i)
			}
			model = model[1:]
		}
		if q.len() != len(model) {
			t.Fatalf("step %d: len %d, want %d", i, q.len(), len(model))
		}
	}
	for len(model) > 0 {
		if got := q.pop(); got.t != model[0] {
			t.Fatal("draining: popped a callback out of order")
		}
		model = model[1:]
	}
	for s := q.head; s != nil; s = s.next {
		for _, cb := range s.buf {
			if cb.t != nil {
				t.Fatal("an empty queue still holds a callback")
			}
		}
	}
}
