package runner

import (
	"github.com/asyncgantt/asyncgantt/scenarios"
	"github.com/asyncgantt/asyncgantt/trace"
)

// except* as CPython 3.11 runs it (Python/ceval.c's exception_group_match
// and Objects/exceptions.c's _PyExc_PrepReraiseStar): each clause whose
// types match part of what is left runs once, with that part; what no
// clause matched, what the clauses raised again and what they raised new
// are raised together at the end.

// starState is a try's except* clauses running.
type starState struct {
	// orig is the exception the try raised; rest what no clause has
	// matched yet (nil: everything matched).
	orig, rest *pyExc
	// next is the index of the next clause to try.
	next int
	// results are what the clauses that ran raised, in order: again
	// (derived from orig) or new.
	results []*pyExc
}

// handles reports whether an except clause catches exc.
func handles(h scenarios.Handler, exc *pyExc) bool {
	for _, typ := range h.Types {
		if exc.isA(typ) {
			return true
		}
	}
	return exc.isA(h.Type)
}

// exceptStar starts the except* clauses of st for exc.
func (l *loop) exceptStar(fr *frame, st *scenarios.Step, exc *pyExc) suspension {
	fr.comp = completion{}
	return l.nextStar(fr, st, &starState{orig: exc, rest: exc})
}

// nextStar runs the next clause that matches part of what is left, or
// raises what the clauses leave.
func (l *loop) nextStar(fr *frame, st *scenarios.Step, s *starState) suspension {
	for s.next < len(st.Handlers) {
		i := s.next
		s.next++
		h := st.Handlers[i]
		if s.rest == nil {
			break
		}
		match, rest := starMatch(s.rest, h)
		if match == nil {
			continue
		}
		s.rest = rest
		if h.E.Slot >= 0 {
			fr.vars[h.E.Slot] = match
		}
		l.caught(fr, s.orig)
		fr.push(block{kind: bkExceptStar, steps: h.Steps, st: st, exc: match, handler: i, star: s})
		return goOn
	}
	if exc := reraiseStar(s); exc != nil {
		fr.raise(exc)
	}
	if st.HasFinally {
		comp := fr.comp
		fr.comp = completion{}
		fr.push(block{kind: bkFinally, steps: st.Finally, st: st, pend: comp})
	}
	return goOn
}

// exceptStarEnd is the end of an except* clause's body, normal or by an
// exception: the next clause runs.
func (l *loop) exceptStarEnd(fr *frame, b block, comp completion) suspension {
	s := b.star
	if h := b.st.Handlers[b.handler]; h.E.Slot >= 0 {
		fr.vars[h.E.Slot] = unbound
	}
	if comp.kind == compRaise {
		s.results = append(s.results, comp.exc)
	}
	fr.comp = completion{}
	return l.nextStar(fr, b.st, s)
}

// starMatch is exception_group_match: the part of exc that clause h's
// types match (a plain exception that matches is wrapped in a group of
// one), and the rest.
func starMatch(exc *pyExc, h scenarios.Handler) (match, rest *pyExc) {
	if exc.group == nil {
		if handles(h, exc) {
			typ := "ExceptionGroup"
			if !exc.isA("Exception") {
				typ = "BaseExceptionGroup"
			}
			return &pyExc{typ: typ, msg: "", hasMsg: true, group: []*pyExc{exc}, groupTuple: true, origin: exc}, nil
		}
		return nil, exc
	}
	return split(exc, func(e *pyExc) bool { return handles(h, e) })
}

// split is BaseExceptionGroup.split(condition): the leaves that match, in
// groups shaped as eg's, and the others; nil for an empty part.
func split(eg *pyExc, cond func(*pyExc) bool) (match, rest *pyExc) {
	var ms, rs []*pyExc
	for _, e := range eg.group {
		if e.group != nil {
			m, r := split(e, cond)
			if m != nil {
				ms = append(ms, m)
			}
			if r != nil {
				rs = append(rs, r)
			}
			continue
		}
		if cond(e) {
			ms = append(ms, e)
		} else {
			rs = append(rs, e)
		}
	}
	return derive(eg, ms), derive(eg, rs)
}

// derive is eg.derive(excs): a group of eg's type and message holding
// excs (in a list), or nil when there are none.
func derive(eg *pyExc, excs []*pyExc) *pyExc {
	if len(excs) == 0 {
		return nil
	}
	origin := eg
	if eg.origin != nil {
		origin = eg.origin
	}
	return &pyExc{typ: eg.typ, msg: eg.msg, hasMsg: true, group: excs, origin: origin}
}

// reraiseStar is _PyExc_PrepReraiseStar: what the try raises once its
// except* clauses ran, or nil.
func reraiseStar(s *starState) *pyExc {
	excs := append(s.results, s.rest)
	if s.orig.group == nil {
		// A plain exception: at most one clause ran.
		for _, e := range excs {
			if e != nil {
				return e
			}
		}
		return nil
	}
	var raised []*pyExc
	keep := map[*pyExc]bool{}
	for _, e := range excs {
		switch {
		case e == nil:
		case e == s.orig || e.origin == s.orig:
			for _, leaf := range leaves(e) {
				keep[leaf] = true
			}
		default:
			raised = append(raised, e)
		}
	}
	var reraised *pyExc
	if len(keep) > 0 {
		reraised, _ = split(s.orig, func(e *pyExc) bool { return keep[e] })
	}
	switch {
	case len(raised) == 0:
		return reraised
	case reraised != nil:
		raised = append(raised, reraised)
	}
	if len(raised) == 1 {
		return raised[0]
	}
	typ := "ExceptionGroup"
	for _, e := range raised {
		if !e.isA("Exception") {
			typ = "BaseExceptionGroup"
		}
	}
	return &pyExc{typ: typ, msg: "", hasMsg: true, group: raised}
}

// leaves are the exceptions of a group that are not groups, at any depth.
func leaves(e *pyExc) []*pyExc {
	if e.group == nil {
		return []*pyExc{e}
	}
	var out []*pyExc
	for _, g := range e.group {
		out = append(out, leaves(g)...)
	}
	return out
}

// caught records that the exception exc was caught by an except clause
// of frame fr: the coroutines awaited inline it ended (and the task it
// ended, for a task awaited) were caught by fr's lane (Outcome.CaughtBy);
// so were those of the exceptions a group holds.
func (l *loop) caught(fr *frame, exc *pyExc) {
	for _, r := range exc.inline {
		if r.out.CaughtBy == trace.NoLane && r.id != fr.lane.id {
			r.out.CaughtBy = fr.lane.id
		}
	}
	exc.inline = nil
	for _, g := range exc.group {
		l.caught(fr, g)
	}
}
