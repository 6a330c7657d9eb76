package runner

import "github.com/asyncgantt/asyncgantt/trace"

// slab hands out pointers to zeroed values of T from chunks it allocates
// in growing sizes (2, 4, 8, … up to slabMax), so a run of a million tasks
// makes a few hundred allocations of them instead of a million, and the
// garbage collector has fewer objects to trace. A chunk lives as long as
// any value in it is referenced; the runner's values all live as long as
// the run's trace, so nothing is kept that would otherwise be freed.
type slab[T any] struct {
	buf  []T
	size int
}

// slabMax is the largest chunk a slab allocates, in values.
const slabMax = 4096

// alloc returns a pointer to a new zero T.
func (s *slab[T]) alloc() *T {
	if len(s.buf) == 0 {
		s.size = min(max(2*s.size, 2), slabMax)
		s.buf = make([]T, s.size)
	}
	p := &s.buf[0]
	s.buf = s.buf[1:]
	return p
}

// logChunks collects a run's log lines in chunks of at most slabMax, so a
// run printing millions of lines copies each line once (into the final
// slice) rather than at every doubling of one growing slice.
type logChunks struct {
	full [][]trace.Log
	cur  []trace.Log
	n    int
}

// add appends a line.
func (c *logChunks) add(lg trace.Log) {
	if len(c.cur) == cap(c.cur) && len(c.cur) >= slabMax {
		c.full = append(c.full, c.cur)
		c.cur = make([]trace.Log, 0, slabMax)
	}
	c.cur = append(c.cur, lg)
	c.n++
}

// all returns every line in order, in one slice of exactly their number
// (nil for none).
func (c *logChunks) all() []trace.Log {
	if len(c.full) == 0 {
		return c.cur[:len(c.cur):len(c.cur)]
	}
	out := make([]trace.Log, 0, c.n)
	for _, ch := range c.full {
		out = append(out, ch...)
	}
	return append(out, c.cur...)
}
