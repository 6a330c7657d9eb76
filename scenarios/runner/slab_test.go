package runner

import (
	"testing"
	"time"

	"github.com/asyncgantt/asyncgantt/trace"
)

func TestSlab(t *testing.T) {
	var s slab[int]
	seen := map[*int]bool{}
	for i := range 10_000 {
		p := s.alloc()
		if *p != 0 || seen[p] {
			t.Fatalf("alloc %d: a used or non-zero value", i)
		}
		*p = i + 1
		seen[p] = true
	}
	if s.size != slabMax {
		t.Errorf("chunk size %d after 10 000 values, want %d", s.size, slabMax)
	}
}

func TestLogChunks(t *testing.T) {
	for _, n := range []int{0, 1, slabMax, slabMax + 1, 3*slabMax + 7} {
		var c logChunks
		for i := range n {
			c.add(trace.Log{At: time.Duration(i)})
		}
		all := c.all()
		if len(all) != n || cap(all) != n {
			t.Fatalf("%d lines: got len %d cap %d", n, len(all), cap(all))
		}
		if n == 0 && all != nil {
			t.Errorf("no lines: got %#v, want nil", all)
		}
		for i, lg := range all {
			if lg.At != time.Duration(i) {
				t.Fatalf("%d lines: line %d is %v", n, i, lg.At)
			}
		}
	}
}
