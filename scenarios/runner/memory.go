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
// room for, each printed line and its text. The
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

// memoryReached stops a run whose memory estimate passed its limit.
func (l *loop) memoryReached() error {
	return l.fail(ErrMaxMemory, fmt.Sprintf("stopped at t=%s s: the run has made %s lanes and printed %s lines so far, which with their intervals and the tasks' state take more than %s of memory, the limit for one run",
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
