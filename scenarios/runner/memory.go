package runner

import (
	"fmt"
	"strconv"

	"github.com/asyncgantt/asyncgantt/scenarios"
)

// The memory a run takes as it grows, estimated from what it makes: each
// task (its state while it runs, its frames, its lane), each other lane
// (an inline coroutine, a worker thread), each future (one an await of a
// sleep, a lock, an event...), each interval past the two a lane keeps
// room for, each printed line and its text; each item appended to a list
// or put in a queue (itemCost), and each large value an expression makes
// (bigValue), which a loop may keep. The
// costs are measured: the peak resident size of runs of many tasks of
// each shape, divided by their number. The estimate is counted, not read
// from the machine, so that a run stops at the same step every time.
const (
	taskCost     = 1024
	laneCost     = 256
	intervalCost = 48
	logCost      = 48
	futureCost   = 96
)

// bigValue is the size from which a value an expression makes counts,
// in bytes (bytes of text, 16 a list's item): most values are small and
// short-lived; one of 10 million items, as a loop doubling a text makes
// in 23 steps, is not.
const bigValue = 4096

// charge counts the memory of a value an expression made, when it is
// large, and reports whether the run is then past its memory limit.
func (l *loop) charge(v value) bool {
	var n int64
	switch v := v.(type) {
	case string:
		n = int64(len(v))
	case *pyList:
		n = 16 * int64(len(v.items))
	case tuple:
		n = 16 * int64(len(v))
	}
	if n < bigValue {
		return false
	}
	l.mem += n
	return l.mem > l.maxMemory
}

// itemCost is the memory an item kept by a list or a queue takes: its
// slot, and its text or its own items' slots (counted again: an estimate
// that errs on the large side).
func itemCost(v value) int64 {
	switch v := v.(type) {
	case string:
		return 16 + int64(len(v))
	case *pyList:
		return 16 + 16*int64(len(v.items))
	case tuple:
		return 16 + 16*int64(len(v))
	}
	return 16
}

// memoryReached stops a run whose memory estimate passed its limit.
func (l *loop) memoryReached() error {
	return l.fail(ErrMaxMemory, fmt.Sprintf("stopped at t=%s s: the run has made %s lanes and printed %s lines so far, which with their intervals, the tasks' state and the values they keep take more than %s of memory, the limit for one run",
		scenarios.FormatSeconds(l.clk.now()), countText(len(l.run.Lanes)), countText(l.logs.n), bytesText(l.maxMemory)))
}

// countText writes n with thousands separated by commas.
func countText(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// bytesText writes a number of bytes in the largest binary unit that
// divides it, or in MiB: "2 GiB", "512 MiB".
func bytesText(n int64) string {
	switch {
	case n >= 1<<30 && n%(1<<30) == 0:
		return strconv.FormatInt(n>>30, 10) + " GiB"
	case n >= 1<<20:
		return strconv.FormatInt(n>>20, 10) + " MiB"
	}
	return strconv.FormatInt(n, 10) + " bytes"
}
