package runner

// fifo is a queue of callbacks: the loop's ready queue, and the timers of
// one deadline. It is a list of segments that grow from 4 to fifoSegMax
// callbacks; a segment emptied at its head is kept for reuse. So a queue
// that grows to a million callbacks never copies them, one that cycles
// allocates nothing, and a small one stays small.
type fifo struct {
	head, tail *fifoSeg
	// spare is an emptied segment kept for the next push that needs one.
	spare *fifoSeg
	size  int
	// grow is the size of the next new segment.
	grow int
}

// fifoSeg is one segment: buf[r:w] are queued.
type fifoSeg struct {
	buf  []callback
	r, w int
	next *fifoSeg
}

// fifoSegMax is the largest segment, in callbacks.
const fifoSegMax = 256

// len returns the number of queued callbacks.
func (q *fifo) len() int { return q.size }

// push appends cb.
func (q *fifo) push(cb callback) {
	t := q.tail
	if t == nil || t.w == len(t.buf) {
		s := q.spare
		if s != nil {
			q.spare = nil
		} else {
			q.grow = min(max(2*q.grow, 4), fifoSegMax)
			s = &fifoSeg{buf: make([]callback, q.grow)}
		}
		if t == nil {
			q.head = s
		} else {
			t.next = s
		}
		q.tail, t = s, s
	}
	t.buf[t.w] = cb
	t.w++
	q.size++
}

// first returns the callback at the head; the queue must not be empty.
func (q *fifo) first() *callback { return &q.head.buf[q.head.r] }

// pop removes and returns the callback at the head; the queue must not be
// empty.
func (q *fifo) pop() callback {
	h := q.head
	cb := h.buf[h.r]
	h.buf[h.r] = callback{}
	h.r++
	q.size--
	if h.r == h.w {
		// The segment is empty: start it over, or drop it for reuse.
		h.r, h.w = 0, 0
		if h != q.tail {
			q.head = h.next
			h.next = nil
			if q.spare == nil || len(h.buf) > len(q.spare.buf) {
				q.spare = h
			}
		}
	}
	return cb
}
