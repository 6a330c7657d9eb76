package events

import (
	"fmt"
	"time"

	"github.com/asyncgantt/asyncgantt/trace"
)

// fields checks an event's arity and types: spec has one letter per field
// after the name: n (integer), s (string), l (list), v (anything).
func fields(ev []value, spec string) error {
	if len(ev)-1 < len(spec) {
		return fmt.Errorf("%s has %d fields, want %d", ev[0].s, len(ev)-1, len(spec))
	}
	for i, c := range spec {
		if k := ev[i+1].kind; c != 'v' && byte(c) != k {
			return fmt.Errorf("%s field %d is not a %s", ev[0].s, i+1, map[rune]string{'n': "number", 's': "string", 'l': "list"}[c])
		}
	}
	return nil
}

func (d *decoder) event(ev []value) error {
	if len(ev) == 0 || ev[0].kind != 's' {
		return fmt.Errorf("an event starts with its name")
	}
	name := ev[0].s
	spec, known := eventSpecs[name]
	if !known {
		return nil // a later version's event
	}
	if err := fields(ev, spec); err != nil {
		return err
	}
	if name != "HELLO" && d.p.Python == "" {
		return fmt.Errorf("%s before HELLO", name)
	}
	return d.apply(name, ev[1:])
}

var eventSpecs = map[string]string{
	"HELLO": "nss", "DOC": "s", "LOOP": "nn", "LC": "nn",
	"T": "nnnnss", "N": "ns", "I": "nnnss",
	"S": "nn", "W": "nnl", "Y": "nn", "R": "nn", "B": "nnns", "X": "nnss", "E": "nn", "O": "nss",
	"TH": "nnns", "TB": "nns", "TI": "nn",
	"L": "nnnns", "WARN": "ns", "STOP": "nss", "ERR": "sss",
}

func at(v value) time.Duration { return time.Duration(max(v.n, 0)) }

func (d *decoder) apply(name string, f []value) error {
	p := d.p
	switch name {
	case "HELLO":
		if f[0].n != Version {
			return fmt.Errorf("the probe writes version %d of the event stream; this asyncgantt reads version %d", f[0].n, Version)
		}
		p.Python, p.Clock = f[1].s, f[2].s
		return nil
	case "DOC":
		p.Doc = f[0].s
		return nil
	case "LOOP":
		if int(f[0].n) != len(p.Loops)+1 {
			return fmt.Errorf("loop %d out of sequence", f[0].n)
		}
		p.Loops = append(p.Loops, &Loop{ID: int(f[0].n), Start: d.tick(f[1])})
		return nil
	case "LC":
		l, err := d.loop(f[0])
		if err != nil {
			return err
		}
		t := d.tick(f[1])
		d.release(l, t)
		l.End, l.Closed = t, true
		return nil
	case "STOP":
		p.Stop = &Stop{At: d.tick(f[0]), Reason: f[1].s, Detail: f[2].s}
		return nil
	case "ERR":
		p.Refused = &Refusal{Kind: f[0].s, What: f[1].s, Where: f[2].s}
		return nil
	case "L":
		if f[1].n != 0 {
			if _, err := d.lane(f[1]); err != nil {
				return err
			}
		}
		p.Logs = append(p.Logs, Log{At: d.tick(f[0]), Lane: int(f[1].n), Loop: int(f[2].n), Stderr: f[3].n == 2, Text: f[4].s})
		return nil
	case "T", "I", "TH":
		return d.newLane(name, f)
	}
	l, err := d.lane(f[0])
	if err != nil {
		return err
	}
	return d.laneEvent(name, l, f)
}

func (d *decoder) tick(v value) time.Duration {
	t := at(v)
	d.p.End = max(d.p.End, t)
	return t
}

func (d *decoder) loop(v value) (*Loop, error) {
	if v.n < 1 || int(v.n) > len(d.p.Loops) {
		return nil, fmt.Errorf("no loop %d", v.n)
	}
	return d.p.Loops[v.n-1], nil
}

func (d *decoder) lane(v value) (*Lane, error) {
	if v.n < 1 || int(v.n) > len(d.p.Lanes) {
		return nil, fmt.Errorf("no lane %d", v.n)
	}
	return d.p.Lanes[v.n-1], nil
}

func (d *decoder) newLane(name string, f []value) error {
	p := d.p
	if int(f[0].n) != len(p.Lanes)+1 {
		return fmt.Errorf("lane %d out of sequence (next is %d)", f[0].n, len(p.Lanes)+1)
	}
	l := &Lane{ID: int(f[0].n), Start: d.tick(f[1])}
	switch name {
	case "T":
		if _, err := d.loop(f[2]); err != nil {
			return err
		}
		if f[3].n != 0 {
			if _, err := d.lane(f[3]); err != nil {
				return err
			}
		}
		l.Kind, l.Loop, l.Creator, l.Task, l.Func, l.Name = Task, int(f[2].n), int(f[3].n), l.ID, f[4].s, f[5].s
		l.Unordered = len(f) > 6 && f[6].n == 1
		l.set(l.Start, trace.Ready, Wait{}, "")
	case "I":
		parent, err := d.lane(f[2])
		if err != nil {
			return err
		}
		if parent.Kind == Thread {
			return fmt.Errorf("inline lane %d under thread lane %d", l.ID, parent.ID)
		}
		l.Kind, l.Loop, l.Parent, l.Task, l.Func, l.Name = Inline, parent.Loop, parent.ID, parent.Task, f[3].s, f[4].s
		parent.set(l.Start, trace.Waiting, Wait{Kind: "await", Refs: []Ref{{Lane: l.ID}}}, "")
		l.set(l.Start, trace.Running, Wait{}, "")
	case "TH":
		if _, err := d.loop(f[2]); err != nil {
			return err
		}
		l.Kind, l.Loop, l.Name = Thread, int(f[2].n), f[3].s
		l.set(l.Start, trace.Idle, Wait{}, "")
	}
	p.Lanes = append(p.Lanes, l)
	return nil
}

func (d *decoder) laneEvent(name string, l *Lane, f []value) error {
	if name == "N" {
		l.Name = f[1].s
		return nil
	}
	if name == "O" {
		l.outcome = true
		l.Outcome = outcome(f[1].s, f[2].s)
		return nil
	}
	t := d.tick(f[1])
	switch name {
	case "S":
		l.set(t, trace.Running, Wait{}, "")
		if lp := d.loopOf(l); lp != nil {
			d.release(lp, t)
			lp.holder, lp.since = l.Task, t
		}
	case "W":
		w, err := wait(f[2])
		if err != nil {
			return err
		}
		l.set(t, trace.Waiting, w, "")
		d.releaseOf(l, t)
	case "Y":
		l.set(t, trace.Ready, Wait{}, "")
		d.releaseOf(l, t)
	case "R":
		if l.open && l.cur.State == trace.Waiting {
			l.set(max(t, l.cur.Start), trace.Ready, Wait{}, "")
		}
	case "B":
		end := max(d.tick(f[2]), t)
		l.set(t, trace.Blocked, Wait{}, f[3].s)
		l.set(end, trace.Running, Wait{}, "")
	case "X":
		l.end(t, outcome(f[2].s, f[3].s))
		if l.Parent != 0 {
			parent := d.p.Lanes[l.Parent-1]
			if !parent.Ended {
				parent.set(t, trace.Running, Wait{}, "")
			}
		}
	case "E":
		l.end(t, nil)
		d.releaseOf(l, t)
	case "TB":
		l.set(t, trace.Busy, Wait{}, f[2].s)
	case "TI":
		l.set(t, trace.Idle, Wait{}, "")
	}
	return nil
}

func outcome(kind, v string) *trace.Outcome {
	switch kind {
	case "r":
		return &trace.Outcome{Kind: trace.Returned, Value: v}
	case "x":
		return &trace.Outcome{Kind: trace.Raised, Value: v}
	case "c":
		return &trace.Outcome{Kind: trace.Cancelled}
	}
	return nil
}

func wait(v value) (Wait, error) {
	if len(v.list) == 0 || v.list[0].kind != 's' {
		return Wait{}, fmt.Errorf("a wait starts with its kind")
	}
	a := v.list[1:]
	ref := func(x value) Ref {
		if x.kind == 's' {
			return Ref{Name: x.s}
		}
		return Ref{Lane: int(x.n)}
	}
	refs := func(l value) []Ref {
		var r []Ref
		for _, x := range l.list {
			r = append(r, ref(x))
		}
		return r
	}
	w := Wait{Kind: v.list[0].s}
	switch {
	case w.Kind == "sleep" && len(a) >= 1:
		w.Seconds = a[0].s
	case w.Kind == "task" && len(a) >= 1:
		w.Refs = []Ref{ref(a[0])}
	case (w.Kind == "gather" || w.Kind == "wait") && len(a) >= 1:
		w.Refs = refs(a[0])
	case w.Kind == "wait_for" && len(a) >= 2:
		w.Refs, w.Seconds = []Ref{ref(a[0])}, a[1].s
	case w.Kind == "text" && len(a) >= 1:
		w.Text = a[0].s
	default:
		return Wait{Kind: "text", Text: "await"}, nil
	}
	return w, nil
}

func (d *decoder) loopOf(l *Lane) *Loop {
	if l.Loop < 1 || l.Loop > len(d.p.Loops) {
		return nil
	}
	return d.p.Loops[l.Loop-1]
}

func (d *decoder) releaseOf(l *Lane, t time.Duration) {
	if lp := d.loopOf(l); lp != nil && lp.holder == l.Task {
		d.release(lp, t)
	}
}

func (d *decoder) release(lp *Loop, t time.Duration) {
	if lp.holder != 0 {
		if t > lp.since {
			lp.Holds = append(lp.Holds, Hold{Start: lp.since, End: t, Task: lp.holder})
		}
		lp.holder = 0
	}
}

// set ends the lane's current interval at t and starts one in state s.
// Times never go back: an earlier t is taken as the current one's start.
func (l *Lane) set(t time.Duration, s trace.State, w Wait, text string) {
	if l.Ended {
		return
	}
	if l.open {
		t = max(t, l.cur.Start)
		if l.cur.State == s && l.cur.Text == text && sameWait(l.cur.Wait, w) {
			return
		}
		l.close(t)
	}
	l.cur = Interval{State: s, Start: t, Wait: w, Text: text}
	l.open = true
}

func (l *Lane) close(t time.Duration) {
	if l.open && t > l.cur.Start {
		iv := l.cur
		iv.End = t
		l.Intervals = append(l.Intervals, iv)
	}
	l.open = false
}

func (l *Lane) end(t time.Duration, o *trace.Outcome) {
	if l.Ended {
		return
	}
	if l.open {
		t = max(t, l.cur.Start)
	}
	l.close(t)
	l.End, l.Ended = t, true
	if o != nil {
		l.Outcome = o
	}
}

func sameWait(a, b Wait) bool {
	if a.Kind != b.Kind || a.Seconds != b.Seconds || a.Text != b.Text || len(a.Refs) != len(b.Refs) {
		return false
	}
	for i := range a.Refs {
		if a.Refs[i] != b.Refs[i] {
			return false
		}
	}
	return true
}

// finish closes what the stream left open at its end.
func (d *decoder) finish() {
	p := d.p
	end := p.End
	if p.Stop != nil {
		end = max(end, p.Stop.At)
	}
	for _, lp := range p.Loops {
		if !lp.Closed {
			d.release(lp, end)
			lp.End = end
		}
	}
	for _, l := range p.Lanes {
		if !l.Ended {
			l.tail, l.hasTail = l.cur, l.open
			l.close(end)
			l.End = max(end, l.Start)
		}
	}
}
