package chrome

import (
	"cmp"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/asyncgantt/asyncgantt/trace"
)

// procBuild collects what a foreign file says about one process.
type procBuild struct {
	id      eventID
	name    string
	sort    int64
	logs    []pendingLog
	hasName bool
}

// laneBuild collects the spans of one thread or async operation.
type laneBuild struct {
	proc    *procBuild
	id      eventID // tid, or async id
	cat     string  // async category
	async   bool
	name    string // thread_name, or the first async span's name
	hasName bool
	sort    int64
	spans   []span
	marks   []mark // begin and end events, matched once sorted
	lo, hi  time.Duration
	used    bool   // has a span, mark or instant
	logged  bool   // an instant event is on it
	final   string // the lane's name, unique in its run
	laneID  trace.LaneID
}

type span struct {
	start, end time.Duration
	name       string
	seq        int
}

type mark struct {
	at    time.Duration
	begin bool
	name  string
	seq   int
}

type pendingLog struct {
	at   time.Duration
	lane *laneBuild
	text string
	seq  int
}

func (p *parser) proc(id eventID) *procBuild {
	if p.procs == nil {
		p.procs = map[string]*procBuild{}
		p.threads = map[[2]string]*laneBuild{}
		p.asyncs = map[[4]string]*laneBuild{}
	}
	pr := p.procs[id.text]
	if pr == nil {
		pr = &procBuild{id: id}
		p.procs[id.text] = pr
		p.mem += laneCost + int64(len(id.text))
	}
	return pr
}

func (p *parser) thread(pid, tid eventID) *laneBuild {
	pr := p.proc(pid)
	k := [2]string{pid.text, tid.text}
	l := p.threads[k]
	if l == nil {
		l = &laneBuild{proc: pr, id: tid}
		p.threads[k] = l
		p.mem += laneCost + int64(len(tid.text))
	}
	return l
}

func (p *parser) asyncLane(ev *inEvent) *laneBuild {
	id := ev.ID
	scope := ev.Scope
	if ev.ID2 != nil {
		if ev.ID2.Local.text != "" {
			id, scope = ev.ID2.Local, scope+"\x00local"
		} else {
			id = ev.ID2.Global
		}
	}
	pr := p.proc(ev.Pid)
	k := [4]string{ev.Pid.text, ev.Cat, scope, id.text}
	l := p.asyncs[k]
	if l == nil {
		l = &laneBuild{proc: pr, id: id, cat: ev.Cat, async: true}
		p.asyncs[k] = l
		p.mem += laneCost + int64(len(id.text)+len(ev.Cat)+len(scope))
	}
	return l
}

func (l *laneBuild) touch(at time.Duration) {
	if !l.used {
		l.lo, l.hi, l.used = at, at, true
	}
	l.lo, l.hi = min(l.lo, at), max(l.hi, at)
}

func (p *parser) seen(at time.Duration) {
	p.min, p.max = min(p.min, at), max(p.max, at)
}

// foreignEvent takes in one event of a foreign file and says whether it
// was kept, to be drawn or to name what is.
func (p *parser) foreignEvent(ev *inEvent) bool {
	switch ev.Ph {
	case "M":
		return p.metadata(ev)
	case "B", "E", "X", "i", "I", "b", "e", "n", "S", "F", "T", "p":
	default:
		p.stats.Ignored[ev.Ph]++
		return false
	}
	at, ok := parseMicros(ev.Ts)
	if !ok {
		p.stats.Malformed++
		return false
	}
	p.seen(at)
	switch ev.Ph {
	case "B", "E":
		l := p.thread(ev.Pid, ev.Tid)
		l.touch(at)
		l.marks = append(l.marks, mark{at: at, begin: ev.Ph == "B", name: ev.Name, seq: p.seq})
	case "X":
		dur, ok := parseMicros(ev.Dur)
		if !ok || dur < 0 {
			dur = 0
		}
		end := at + dur
		p.seen(end)
		l := p.thread(ev.Pid, ev.Tid)
		l.touch(at)
		l.touch(end)
		l.spans = append(l.spans, span{start: at, end: end, name: ev.Name, seq: p.seq})
	case "i", "I":
		pr := p.proc(ev.Pid)
		var l *laneBuild
		if ev.S != "g" && ev.S != "p" {
			l = p.thread(ev.Pid, ev.Tid)
			l.touch(at)
		}
		pr.logs = append(pr.logs, pendingLog{at: at, lane: l, text: ev.Name, seq: p.seq})
	case "b", "S", "e", "F":
		l := p.asyncLane(ev)
		l.touch(at)
		l.marks = append(l.marks, mark{at: at, begin: ev.Ph == "b" || ev.Ph == "S", name: ev.Name, seq: p.seq})
	case "n", "T", "p":
		l := p.asyncLane(ev)
		l.touch(at)
		text := ev.Name
		var step struct {
			Step string `json:"step"`
		}
		if json.Unmarshal(ev.Args, &step) == nil && step.Step != "" {
			text += ": " + step.Step
		}
		l.proc.logs = append(l.proc.logs, pendingLog{at: at, lane: l, text: text, seq: p.seq})
	}
	return true
}

// metadata takes in a metadata event, and says whether it named or
// ordered something.
func (p *parser) metadata(ev *inEvent) bool {
	var args struct {
		Name      *string `json:"name"`
		SortIndex *int64  `json:"sort_index"`
	}
	_ = json.Unmarshal(ev.Args, &args) // wrongly typed args are ignored
	switch {
	case ev.Name == "process_name" && args.Name != nil:
		pr := p.proc(ev.Pid)
		pr.name, pr.hasName = *args.Name, true
	case ev.Name == "thread_name" && args.Name != nil:
		l := p.thread(ev.Pid, ev.Tid)
		l.name, l.hasName = *args.Name, true
	case ev.Name == "process_sort_index" && args.SortIndex != nil:
		p.proc(ev.Pid).sort = *args.SortIndex
	case ev.Name == "thread_sort_index" && args.SortIndex != nil:
		p.thread(ev.Pid, ev.Tid).sort = *args.SortIndex
	default:
		p.stats.Ignored["M"]++
		return false
	}
	return true
}

// foreignTrace builds the trace of a foreign file from what was collected.
func (p *parser) foreignTrace() *trace.Trace {
	// The processes of one trace ran side by side: they are not
	// alternatives to compare.
	t := &trace.Trace{Clock: trace.Measured, Independent: true}
	if p.procs == nil {
		return t
	}
	end := p.max
	base := p.min
	if base > end { // no drawn events
		base, end = 0, 0
	}
	lanesOf := map[*procBuild][]*laneBuild{}
	for _, l := range p.threads {
		lanesOf[l.proc] = append(lanesOf[l.proc], l)
	}
	for _, l := range p.asyncs {
		lanesOf[l.proc] = append(lanesOf[l.proc], l)
	}
	procs := make([]*procBuild, 0, len(p.procs))
	for _, pr := range p.procs {
		procs = append(procs, pr)
	}
	slices.SortFunc(procs, func(a, b *procBuild) int {
		return cmp.Or(cmp.Compare(a.sort, b.sort), compareIDs(a.id, b.id))
	})
	for _, pr := range procs {
		lanes := lanesOf[pr]
		for _, l := range lanes {
			p.matchMarks(l, end)
		}
		lanes = slices.DeleteFunc(lanes, func(l *laneBuild) bool { return !l.used })
		slices.SortFunc(lanes, func(a, b *laneBuild) int {
			if a.async != b.async {
				if a.async {
					return 1
				}
				return -1
			}
			if a.async {
				return cmp.Or(cmp.Compare(a.lo, b.lo), cmp.Compare(a.cat, b.cat), compareIDs(a.id, b.id))
			}
			return cmp.Or(cmp.Compare(a.sort, b.sort), compareIDs(a.id, b.id))
		})
		if run := p.foreignRun(pr, lanes, base); run != nil {
			t.Runs = append(t.Runs, run)
		}
	}
	return t
}

// foreignRun builds the run of one process from its lanes, in order, or
// returns nil when it has nothing to draw.
func (p *parser) foreignRun(pr *procBuild, lanes []*laneBuild, base time.Duration) *trace.Run {
	if len(lanes) == 0 && len(pr.logs) == 0 {
		return nil
	}
	run := &trace.Run{Name: pr.name}
	if !pr.hasName {
		run.Name = fallbackName("pid", pr.id)
	}
	nameLanes(lanes)
	for _, g := range pr.logs {
		if g.lane != nil {
			g.lane.logged = true
		}
	}
	for _, l := range lanes {
		// A lane with nothing to draw (an async id seen only in unmatched
		// end events, say) is dropped.
		if lane := p.buildLane(l, base); len(lane.Intervals) > 0 || l.logged {
			run.Lanes = append(run.Lanes, lane)
			l.laneID = trace.LaneID(len(run.Lanes))
		}
	}
	slices.SortStableFunc(pr.logs, func(a, b pendingLog) int { return cmp.Compare(a.at, b.at) })
	for _, g := range pr.logs {
		lg := trace.Log{At: g.at - base, Text: g.text}
		if g.lane != nil {
			lg.Lane = g.lane.laneID
		}
		run.Logs = append(run.Logs, lg)
	}
	if len(run.Lanes) == 0 && len(run.Logs) == 0 {
		return nil
	}
	run.Total = run.Span()
	return run
}

func fallbackName(kind string, id eventID) string {
	if id.text == "" {
		return kind + " ?"
	}
	return kind + " " + id.text
}

// nameLanes gives the lanes unique names.
func nameLanes(lanes []*laneBuild) {
	count := map[string]int{}
	for _, l := range lanes {
		// A lane's name is how a file of ours refers to it: an empty
		// thread_name is no name.
		switch {
		case l.async && l.name == "":
			l.final = fallbackName("async", l.id)
		case l.name != "" && (l.async || l.hasName):
			l.final = l.name
		default:
			l.final = fallbackName("tid", l.id)
		}
		count[l.final]++
	}
	taken := map[string]bool{}
	for _, l := range lanes {
		if count[l.final] > 1 {
			if l.async {
				l.final += " (id " + l.id.text + ")"
			} else {
				l.final += " (tid " + l.id.text + ")"
			}
		}
		name := l.final
		for i := 2; taken[name]; i++ {
			name = fmt.Sprintf("%s #%d", l.final, i)
		}
		l.final = name
		taken[name] = true
	}
}

// matchMarks sorts a lane's begin and end events by time and pairs them as
// a stack, closing those left open at end.
func (p *parser) matchMarks(l *laneBuild, end time.Duration) {
	slices.SortStableFunc(l.marks, func(a, b mark) int { return cmp.Compare(a.at, b.at) })
	var stack []mark
	for _, m := range l.marks {
		if m.begin {
			stack = append(stack, m)
			if l.async && l.name == "" {
				l.name = m.name
			}
			continue
		}
		if len(stack) == 0 {
			p.stats.Unmatched++
			continue
		}
		b := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		name := b.name
		if name == "" {
			name = m.name
		}
		l.spans = append(l.spans, span{start: b.at, end: m.at, name: name, seq: b.seq})
	}
	for _, b := range stack {
		p.stats.Unclosed++
		l.spans = append(l.spans, span{start: b.at, end: end, name: b.name, seq: b.seq})
		l.touch(end)
	}
	l.marks = nil
}

// buildLane keeps a lane's outermost spans as its intervals.
func (p *parser) buildLane(l *laneBuild, base time.Duration) *trace.Lane {
	lane := &trace.Lane{Name: l.final, Kind: trace.ThreadLane, Start: l.lo - base, End: l.hi - base}
	if l.async {
		lane.Kind = trace.TaskLane
	}
	slices.SortFunc(l.spans, func(a, b span) int {
		return cmp.Or(cmp.Compare(a.start, b.start), cmp.Compare(b.end, a.end), cmp.Compare(a.seq, b.seq))
	})
	covered := time.Duration(math.MinInt64)
	for _, s := range l.spans {
		start := max(s.start, covered)
		if start > s.start || (s.end == s.start && s.start < covered) {
			p.stats.Nested++
		}
		if s.end <= start {
			continue
		}
		lane.Intervals = append(lane.Intervals, trace.Interval{State: trace.Running, Start: start - base, End: s.end - base, Detail: s.name})
		covered = s.end
	}
	l.spans = nil
	return lane
}
