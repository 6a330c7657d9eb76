package runner

import "time"

// timer is a callback scheduled for a time: loop.call_at(when, ...).
type timer struct {
	when time.Duration
	cb   callback
}

// timerQueue holds the loop's timers in asyncio's order: by deadline, then
// by the order they were scheduled (CPython's heap of TimerHandles compares
// (when, sequence)). Timers sharing a deadline — a gather of a thousand
// tasks that sleep the same time on the virtual clock — share a bucket, a
// FIFO of callbacks in scheduling order, and the heap orders only the
// distinct deadlines; so scheduling and expiring a timer costs O(1) when
// its deadline is already pending and O(log d) otherwise, d the number of
// distinct pending deadlines.
type timerQueue struct {
	// heap is a binary min-heap of the pending buckets by deadline.
	heap []*timerBucket
	// byWhen finds the pending bucket of a deadline.
	byWhen map[time.Duration]*timerBucket
	// spare are emptied buckets kept for reuse.
	spare []*timerBucket
	n     int
}

// timerBucket is the timers of one deadline, in scheduling order.
type timerBucket struct {
	when time.Duration
	q    fifo
}

// len returns the number of pending timers.
func (tq *timerQueue) len() int { return tq.n }

// next returns the earliest deadline; the queue must not be empty.
func (tq *timerQueue) next() time.Duration { return tq.heap[0].when }

// first returns the callback of the timer that fires next; the queue must
// not be empty.
func (tq *timerQueue) first() *callback {
	return tq.heap[0].q.first()
}

// push schedules cb at when, after every timer scheduled before it for
// the same time.
func (tq *timerQueue) push(when time.Duration, cb callback) {
	tq.n++
	if b := tq.byWhen[when]; b != nil {
		b.q.push(cb)
		return
	}
	if tq.byWhen == nil {
		tq.byWhen = map[time.Duration]*timerBucket{}
	}
	var b *timerBucket
	if k := len(tq.spare); k > 0 {
		b, tq.spare = tq.spare[k-1], tq.spare[:k-1]
	} else {
		b = &timerBucket{}
	}
	b.when = when
	b.q.push(cb)
	tq.byWhen[when] = b
	h := append(tq.heap, b)
	i := len(h) - 1
	for i > 0 {
		p := (i - 1) / 2
		if h[p].when <= when {
			break
		}
		h[i] = h[p]
		i = p
	}
	h[i] = b
	tq.heap = h
}

// pop removes and returns the timer that fires next; the queue must not
// be empty.
func (tq *timerQueue) pop() timer {
	b := tq.heap[0]
	t := timer{when: b.when, cb: b.q.pop()}
	tq.n--
	if b.q.len() > 0 {
		return t
	}
	delete(tq.byWhen, b.when)
	tq.spare = append(tq.spare, b)
	h := tq.heap
	n := len(h) - 1
	last := h[n]
	h[n] = nil
	h = h[:n]
	tq.heap = h
	if n == 0 {
		return t
	}
	i := 0
	for {
		c := 2*i + 1
		if c >= n {
			break
		}
		if c+1 < n && h[c+1].when < h[c].when {
			c++
		}
		if h[c].when >= last.when {
			break
		}
		h[i] = h[c]
		i = c
	}
	h[i] = last
	return t
}
