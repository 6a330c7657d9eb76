package trace

import (
	"slices"
	"sync"
	"time"
)

// Recorder records a run of a real Go program: each goroutine (or any unit
// of work) gets a lane and marks its state changes on it; the recorder
// stamps them with a monotonic clock started by NewRecorder. Snapshots
// (Run, Trace) can be taken at any time and drawn like any other trace,
// with Clock Measured.
//
// A Recorder and its lanes are safe for concurrent use. Each lane has its
// own lock, so goroutines marking their own lanes do not contend; a state
// change costs a clock reading and, at most, appending one Interval.
type Recorder struct {
	name  string
	start time.Time

	mu     sync.Mutex // guards lanes, byName and logs
	lanes  []*LaneRecorder
	byName map[string]*LaneRecorder
	logs   []Log
}

// LaneRecorder records the states of one lane of a Recorder; get one with
// Recorder.Lane. Its methods are safe for concurrent use.
type LaneRecorder struct {
	rec *Recorder
	id  LaneID // the lane's id in the recorder's runs

	mu   sync.Mutex // guards everything below
	lane Lane       // Name, Kind, Start, the closed intervals; End and Outcome once done
	cur  Interval   // the open interval, when open
	open bool
	done bool
}

// NewRecorder returns a recorder for a run named runName, whose clock
// starts now: every time it records is the time elapsed since this call.
func NewRecorder(runName string) *Recorder {
	return &Recorder{name: runName, start: time.Now(), byName: map[string]*LaneRecorder{}}
}

// since returns the time elapsed since the recorder started, read from the
// monotonic clock.
func (r *Recorder) since() time.Duration { return time.Since(r.start) }

// Lane returns the lane named name, creating it if needed; the lane's life
// starts when it is created. Lanes are drawn in the order they were
// created. A lane is a TaskLane.
func (r *Recorder) Lane(name string) *LaneRecorder {
	r.mu.Lock()
	defer r.mu.Unlock()
	if l := r.byName[name]; l != nil {
		return l
	}
	l := &LaneRecorder{rec: r, id: LaneID(len(r.lanes) + 1), lane: Lane{Name: name, Kind: TaskLane, Start: r.since()}}
	r.lanes = append(r.lanes, l)
	r.byName[name] = l
	return l
}

// Log records that the lane named lane (or no lane, when empty) printed
// text, now. A lane of that name is created if there is none yet, as by
// Lane.
func (r *Recorder) Log(lane, text string) {
	id := NoLane
	if lane != "" {
		id = r.Lane(lane).id
	}
	r.log(id, text)
}

// log records that the lane id printed text, now.
func (r *Recorder) log(id LaneID, text string) {
	r.mu.Lock()
	r.logs = append(r.logs, Log{At: r.since(), Lane: id, Text: text})
	r.mu.Unlock()
}

// Log records that the lane printed text, now.
func (l *LaneRecorder) Log(text string) { l.rec.log(l.id, text) }

// Name returns the lane's name.
func (l *LaneRecorder) Name() string { return l.lane.Name }

// ID returns the lane's LaneID in the runs the recorder returns: lanes are
// numbered from 1 in the order they were created.
func (l *LaneRecorder) ID() LaneID { return l.id }

// Set marks that the lane is now in state s; detail says more, e.g. what
// it waits on. It ends the lane's current interval, if any, and starts a
// new one. Setting the state and detail the lane is already in changes
// nothing. Set does nothing once the lane is done.
func (l *LaneRecorder) Set(s State, detail string) {
	l.mu.Lock()
	if !l.done && !(l.open && l.cur.State == s && l.cur.Detail == detail) {
		now := l.rec.since()
		l.closeLocked(now)
		l.cur = Interval{State: s, Start: now, Detail: detail}
		l.open = true
	}
	l.mu.Unlock()
}

// End ends the lane's current interval, leaving the lane in no state (a
// gap in its row) until the next Set.
func (l *LaneRecorder) End() {
	l.mu.Lock()
	if !l.done {
		l.closeLocked(l.rec.since())
	}
	l.mu.Unlock()
}

// Done ends the lane's life with outcome o: it ends the current interval
// and sets the lane's End and Outcome. Later calls to Set, End and Done
// are ignored.
func (l *LaneRecorder) Done(o Outcome) {
	l.mu.Lock()
	if !l.done {
		now := l.rec.since()
		l.closeLocked(now)
		l.lane.End = now
		l.lane.Outcome = &o
		l.done = true
	}
	l.mu.Unlock()
}

// closeLocked ends the open interval at now; zero-length intervals are not
// kept. l.mu must be held.
func (l *LaneRecorder) closeLocked(now time.Duration) {
	if l.open && now > l.cur.Start {
		iv := l.cur
		iv.End = now
		l.lane.Intervals = append(l.lane.Intervals, iv)
	}
	l.open = false
}

// snapshot returns a copy of the lane as it is now: an open interval ends
// now, and so does the life of a lane not done.
func (l *LaneRecorder) snapshot() *Lane {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.rec.since()
	c := l.lane
	c.Intervals = slices.Clone(l.lane.Intervals)
	if l.open && now > l.cur.Start {
		iv := l.cur
		iv.End = now
		c.Intervals = append(c.Intervals, iv)
	}
	if l.lane.Outcome != nil {
		o := *l.lane.Outcome
		c.Outcome = &o
	}
	if !l.done {
		c.End = now
	}
	return &c
}

// Run returns a snapshot of the run recorded so far: its lanes in order of
// creation, their intervals (a current interval ends at the snapshot),
// the logs, and Total, the time elapsed since NewRecorder. The snapshot
// shares nothing with the recorder, which can go on recording.
func (r *Recorder) Run() *Run {
	r.mu.Lock()
	lanes := slices.Clone(r.lanes)
	logs := slices.Clone(r.logs)
	r.mu.Unlock()
	run := &Run{Name: r.name, Logs: logs}
	for _, l := range lanes {
		run.Lanes = append(run.Lanes, l.snapshot())
	}
	run.Total = r.since()
	return run
}

// Trace returns a snapshot of the recording (see Run) as a trace titled
// title, with Clock Measured.
func (r *Recorder) Trace(title string) *Trace {
	return &Trace{Title: title, Clock: Measured, Runs: []*Run{r.Run()}}
}
