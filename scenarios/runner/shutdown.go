package runner

import "github.com/asyncgantt/asyncgantt/trace"

// shutdown is the end of asyncio.run: report main's outcome, cancel the
// tasks still pending and run them to completion, wait for the worker
// threads, and report exceptions nobody retrieved.
func (l *loop) shutdown() error {
	main := l.main
	_, exc := main.resultOrExc()
	var left []*task
	for _, t := range l.tasks {
		if !t.done() {
			left = append(left, t)
		}
	}
	if len(left) > 0 {
		g := &gathering{children: left, nfuts: len(left), returnExceptions: true}
		g.outer.g = g
		for _, t := range left {
			t.shutdown = true
			l.cancelTask(t)
		}
		for _, t := range left {
			l.addDoneCallback(&t.future, callback{op: opGatherDone, g: g})
		}
		l.addDoneCallback(&g.outer, callback{op: opStopLoop})
		if err := l.runForever(); err != nil {
			return err
		}
		for _, t := range left {
			if t.state == finished && t.exc != nil {
				t.logTB = false
				l.stderr("unhandled exception during asyncio.run() shutdown", trace.NoLane)
				l.stderr("task: <Task finished coro=<"+l.coroName(t)+"() done> exception="+t.exc.repr()+">", trace.NoLane)
			}
		}
	}
	if l.pool != nil {
		for l.pool.busy() {
			l.stopped = false
			if err := l.runOnce(); err != nil {
				return err
			}
		}
	}
	if exc != nil {
		l.run.Error = exc.tracebackLine()
		l.stderr(exc.tracebackLine(), trace.NoLane)
		if exc.unawaited != nil {
			l.warn(*exc.unawaited)
			exc.unawaited = nil
		}
	}
	for _, t := range l.tasks {
		if t.logTB && t != main {
			l.stderr("Task exception was never retrieved", trace.NoLane)
			l.stderr("future: <Task finished coro=<"+l.coroName(t)+"() done> exception="+t.exc.repr()+">", trace.NoLane)
		}
	}
	return nil
}
