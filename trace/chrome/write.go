package chrome

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"math"
	"time"

	"github.com/asyncgantt/asyncgantt/trace"
)

// Write writes t to w in the Chrome Trace Event Format (JSON object
// form, one event a line), for Perfetto, chrome://tracing and other viewers.
// Each run becomes a process (pid = run index + 1) and each lane a thread
// (tid = lane index + 1), named and ordered with metadata events. A task
// lane is a complete ("X") slice spanning its life, with its state
// intervals as slices nested inside it; a loop or thread lane has its
// intervals as top-level slices. Logs and task outcomes are instant events.
// Times are microseconds since the start of the run, written exactly from
// the nanosecond durations. The output is deterministic: the same trace
// always gives the same bytes. Read restores the trace exactly from
// the output.
func Write(w io.Writer, t *trace.Trace) error {
	cw := writer{w: bufio.NewWriter(w)}
	cw.enc = json.NewEncoder(&cw.buf)
	cw.enc.SetEscapeHTML(false)
	cw.raw(`{"otherData":`)
	cw.value(otherData{
		Generator:   generator,
		Format:      formatVersion,
		Title:       t.Title,
		Description: t.Description,
		Clock:       t.Clock.String(),
		Independent: t.Independent,
	})
	cw.raw(`,"traceEvents":[` + "\n")
	for ri, r := range t.Runs {
		cw.writeRun(ri+1, r)
	}
	cw.raw("\n],\"displayTimeUnit\":\"ms\"}\n")
	if cw.err != nil {
		return cw.err
	}
	return cw.w.Flush()
}

// writer writes events one a line, remembering the first error.
type writer struct {
	w     *bufio.Writer
	buf   bytes.Buffer
	enc   *json.Encoder
	err   error
	count int
}

func (cw *writer) raw(s string) {
	if cw.err == nil {
		_, cw.err = cw.w.WriteString(s)
	}
}

func (cw *writer) value(v any) {
	if cw.err != nil {
		return
	}
	cw.buf.Reset()
	if cw.err = cw.enc.Encode(v); cw.err != nil {
		return
	}
	_, cw.err = cw.w.Write(bytes.TrimSuffix(cw.buf.Bytes(), []byte("\n")))
}

func (cw *writer) event(e outEvent) {
	if cw.count > 0 {
		cw.raw(",\n")
	}
	cw.count++
	cw.value(e)
}

func (cw *writer) writeRun(pid int, r *trace.Run) {
	cw.event(outEvent{Name: "process_name", Ph: "M", Pid: pid, Args: runArgs{
		Name:        r.Name,
		Total:       micros(r.Total),
		Error:       r.Error,
		Warnings:    r.Warnings,
		Interrupted: r.Interrupted,
	}})
	cw.event(outEvent{Name: "process_sort_index", Ph: "M", Pid: pid, Args: sortArgs{pid - 1}})
	for li, l := range r.Lanes {
		tid := li + 1 // the lane's LaneID
		cw.event(outEvent{Name: "thread_name", Ph: "M", Pid: pid, Tid: tid, Args: laneArgs{
			Name:   l.Name,
			Kind:   l.Kind.String(),
			Parent: r.LaneName(l.Parent),
			Start:  micros(l.Start),
			End:    micros(l.End),
		}})
		cw.event(outEvent{Name: "thread_sort_index", Ph: "M", Pid: pid, Tid: tid, Args: sortArgs{li}})
	}
	for li, l := range r.Lanes {
		cw.writeLane(pid, li+1, r, l)
	}
	for _, g := range r.Logs {
		lane := r.LaneName(g.Lane)
		e := outEvent{Name: g.Text, Cat: "log", Ph: "i", Ts: micros(g.At), Pid: pid, S: "p",
			Args: logArgs{Text: g.Text, Lane: lane}}
		if g.Stderr {
			e.Args = logArgs{Text: g.Text, Lane: lane, Stream: "stderr"}
		}
		if r.LaneByID(g.Lane) != nil {
			e.Tid, e.S = int(g.Lane), "t"
		}
		cw.event(e)
	}
}

// writeLane writes a lane's slices so that they nest properly on its
// thread: for a task lane, a parent slice spanning the lane's life (widened
// if an interval lies outside it) with the intervals inside; the intervals
// are clamped so that none overlaps the one before it.
func (cw *writer) writeLane(pid, tid int, r *trace.Run, l *trace.Lane) {
	lo, hi := time.Duration(math.MinInt64), time.Duration(math.MaxInt64)
	if l.Kind == trace.TaskLane {
		lo, hi = l.Start, max(l.End, l.Start)
		if n := len(l.Intervals); n > 0 {
			lo = min(lo, l.Intervals[0].Start)
			for _, iv := range l.Intervals {
				hi = max(hi, iv.End)
			}
		}
		cw.event(outEvent{Name: l.Name, Cat: "lane", Ph: "X", Ts: micros(lo), Dur: micros(hi - lo), Pid: pid, Tid: tid})
	}
	prev := lo
	for _, iv := range l.Intervals {
		start := min(max(iv.Start, prev, lo), hi)
		end := min(max(iv.End, start), hi)
		prev = end
		e := outEvent{Name: iv.State.String(), Cat: "state", Ph: "X", Ts: micros(start), Dur: micros(end - start), Pid: pid, Tid: tid}
		if iv.Detail != "" {
			e.Args = detailArgs{iv.Detail}
		}
		cw.event(e)
	}
	if o := l.Outcome; o != nil {
		args := map[string]string{outcomeKeys[o.Kind]: o.Value}
		if c := r.LaneName(o.CaughtBy); c != "" {
			args["caught_by"] = c
		}
		cw.event(outEvent{Name: o.Kind.String(), Cat: "outcome", Ph: "i", Ts: micros(l.End), Pid: pid, Tid: tid, S: "t",
			Args: args})
	}
}

// outcomeKeys are the keys of an outcome instant's args that hold its
// value, by kind; the instant is named after the kind (OutcomeKind.String).
var outcomeKeys = map[trace.OutcomeKind]string{
	trace.Returned:     "result",
	trace.Raised:       "exception",
	trace.Cancelled:    "cancelled",
	trace.NeverAwaited: "warning",
}
