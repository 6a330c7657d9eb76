package runner

import (
	"runtime"
	"time"
)

// Clock is the time a run executes on: VirtualClock or RealClock, the
// only two.
type Clock interface {
	// String names the clock as the command line does: "virtual" or
	// "real".
	String() string
	// start returns the running clock of a run that starts now, bounded
	// by lim.
	start(lim *limits) clock
}

// VirtualClock computes time: instant and deterministic. A run on it
// takes no time, and its trace is exact (trace.Computed).
type VirtualClock struct{}

// String returns "virtual".
func (VirtualClock) String() string { return "virtual" }

func (VirtualClock) start(lim *limits) clock { return &virtualClock{lim: lim} }

// RealClock really sleeps, blocks and spins, and measures: the trace is
// trace.Measured.
type RealClock struct {
	// Speed makes a run that many times faster than written (2 s sleeps
	// take 0.2 s at speed 10); times are recorded unscaled. Zero means 1.
	Speed float64
}

// String returns "real".
func (RealClock) String() string { return "real" }

func (c RealClock) start(lim *limits) clock { return newRealClock(c.Speed, lim) }

// clock is the only thing that differs between a virtual and a real run.
// All times are durations since the run started, in the scenario's time
// (a real clock running N times faster reports scaled-up times).
type clock interface {
	// now returns the current time.
	now() time.Duration
	// idleUntil waits, with the loop idle, until t (a timer's deadline).
	idleUntil(t time.Duration)
	// block holds the calling thread for d doing nothing (time.sleep).
	block(d time.Duration)
	// spin holds the calling thread for d doing busy work (CPU).
	spin(d time.Duration)
}

// limits bound a clock: no wait goes past the time at (the run's
// --max-duration), and on a real clock every wait ends as soon as stop is
// closed (an interrupt). A wait cut short sets cut, which the loop checks
// after every callback.
type limits struct {
	at   time.Duration
	stop <-chan struct{}
	// why returns why stop was closed: the context's cause.
	why func() error
	cut bool
}

// virtualClock advances instantly.
type virtualClock struct {
	t   time.Duration
	lim *limits
}

func (c *virtualClock) now() time.Duration { return c.t }
func (c *virtualClock) idleUntil(t time.Duration) {
	if t > c.t {
		c.advance(t - c.t)
	}
}
func (c *virtualClock) block(d time.Duration) { c.advance(d) }
func (c *virtualClock) spin(d time.Duration)  { c.advance(d) }

// advance moves the clock by d, stopping at the limit.
func (c *virtualClock) advance(d time.Duration) {
	if d > c.lim.at-c.t {
		c.t = c.lim.at
		c.lim.cut = true
		return
	}
	c.t += d
}

// realClock really waits, scaled by speed: a step of 2 s with speed 10
// takes 200 ms of wall time and is recorded as 2 s.
type realClock struct {
	start time.Time
	speed float64
	lim   *limits
}

func newRealClock(speed float64, lim *limits) *realClock {
	if speed <= 0 {
		speed = 1
	}
	return &realClock{start: time.Now(), speed: speed, lim: lim}
}

func (c *realClock) now() time.Duration {
	return time.Duration(float64(time.Since(c.start)) * c.speed)
}

func (c *realClock) wall(t time.Duration) time.Time {
	return c.start.Add(time.Duration(float64(t) / c.speed))
}

func (c *realClock) idleUntil(t time.Duration) { c.sleepUntil(t) }

func (c *realClock) block(d time.Duration) { c.sleepUntil(c.now() + d) }

// spin keeps the thread busy computing until d has passed, the limit is
// reached or stop is closed; the computation's result is kept alive so
// that the compiler cannot drop it as useless.
func (c *realClock) spin(d time.Duration) {
	end := c.now() + d
	if end > c.lim.at {
		end = c.lim.at
		c.lim.cut = true
	}
	deadline := c.wall(end)
	x := uint64(1)
	for time.Now().Before(deadline) {
		for i := 0; i < 1000; i++ {
			x = x*6364136223846793005 + 1442695040888963407
		}
		select {
		case <-c.lim.stop:
			c.lim.cut = true
			runtime.KeepAlive(x)
			return
		default:
		}
	}
	runtime.KeepAlive(x)
}

// sleepUntil sleeps until scenario time t, or the limit if sooner, or
// until stop is closed: a coarse sleep, then a short spin for the last
// stretch, so wake-ups are as punctual as the OS allows.
func (c *realClock) sleepUntil(t time.Duration) {
	if t > c.lim.at {
		t = c.lim.at
		c.lim.cut = true
	}
	deadline := c.wall(t)
	const spinWindow = 200 * time.Microsecond
	for {
		left := time.Until(deadline)
		if left <= 0 {
			return
		}
		if left > spinWindow {
			tm := time.NewTimer(left - spinWindow)
			select {
			case <-tm.C:
			case <-c.lim.stop:
				tm.Stop()
				c.lim.cut = true
				return
			}
			continue
		}
		for time.Now().Before(deadline) {
		}
		return
	}
}
