package scenarios

import (
	"time"
)

// Clock kinds a run can execute on.
const (
	// VirtualClock computes time: instant and deterministic.
	VirtualClock = "virtual"
	// RealClock really sleeps, blocks and spins, and measures.
	RealClock = "real"
)

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

// virtualClock advances instantly.
type virtualClock struct{ t time.Duration }

func (c *virtualClock) now() time.Duration { return c.t }
func (c *virtualClock) idleUntil(t time.Duration) {
	if t > c.t {
		c.t = t
	}
}
func (c *virtualClock) block(d time.Duration) { c.t += d }
func (c *virtualClock) spin(d time.Duration)  { c.t += d }

// realClock really waits, scaled by speed: a step of 2 s with speed 10
// takes 200 ms of wall time and is recorded as 2 s.
type realClock struct {
	start time.Time
	speed float64
}

func newRealClock(speed float64) *realClock {
	if speed <= 0 {
		speed = 1
	}
	return &realClock{start: time.Now(), speed: speed}
}

func (c *realClock) now() time.Duration {
	return time.Duration(float64(time.Since(c.start)) * c.speed)
}

func (c *realClock) wall(t time.Duration) time.Time {
	return c.start.Add(time.Duration(float64(t) / c.speed))
}

func (c *realClock) idleUntil(t time.Duration) { sleepUntil(c.wall(t)) }

func (c *realClock) block(d time.Duration) { sleepUntil(c.wall(c.now() + d)) }

func (c *realClock) spin(d time.Duration) {
	deadline := c.wall(c.now() + d)
	x := uint64(1)
	for time.Now().Before(deadline) {
		for i := 0; i < 1000; i++ {
			x = x*6364136223846793005 + 1442695040888963407
		}
	}
	spinSink = x
}

var spinSink uint64

// sleepUntil sleeps until the deadline: a coarse sleep, then a short spin
// for the last stretch, so wake-ups are as punctual as the OS allows.
func sleepUntil(deadline time.Time) {
	const spinWindow = 200 * time.Microsecond
	for {
		left := time.Until(deadline)
		if left <= 0 {
			return
		}
		if left > spinWindow {
			time.Sleep(left - spinWindow)
			continue
		}
		for time.Now().Before(deadline) {
		}
		return
	}
}
