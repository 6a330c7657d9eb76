package scenarios

import "fmt"

// StepVisitor is one stage's code for every step kind: a method per
// StepKind, each called by VisitStep for the steps of its kind. A stage
// (the runner, the Python generator) implements it with the argument and
// result types it needs — the runner passes the task running the step and
// returns how the task goes on; the generator passes the indentation. A
// new step kind adds a method here, so every stage fails to compile until
// it handles the kind.
type StepVisitor[A, R any] interface {
	// Print handles print(f"TEXT").
	Print(a A, st *Step) R
	// Sleep handles await asyncio.sleep(D) (or its variant in the run's sleep mode).
	Sleep(a A, st *Step) R
	// Block handles time.sleep(D) in a coroutine.
	Block(a A, st *Step) R
	// CPU handles busy computation for D.
	CPU(a A, st *Step) R
	// Raise handles raise TYPE("MSG").
	Raise(a A, st *Step) R
	// Return handles return VALUE.
	Return(a A, st *Step) R
	// Await handles await NAME(), await TASK or await EVENT.wait().
	Await(a A, st *Step) R
	// CreateTask handles asyncio.create_task(NAME()).
	CreateTask(a A, st *Step) R
	// Cancel handles TASK.cancel(), or the cancel of each task of a set.
	Cancel(a A, st *Step) R
	// Gather handles await asyncio.gather(...).
	Gather(a A, st *Step) R
	// Wait handles await asyncio.wait([...]).
	Wait(a A, st *Step) R
	// WaitFor handles await asyncio.wait_for(AW, timeout=D).
	WaitFor(a A, st *Step) R
	// Timeout handles async with asyncio.timeout(D): BODY.
	Timeout(a A, st *Step) R
	// TaskGroup handles async with asyncio.TaskGroup() as tg: ....
	TaskGroup(a A, st *Step) R
	// AsCompleted handles for coro in asyncio.as_completed([...]): BODY.
	AsCompleted(a A, st *Step) R
	// AsyncWith handles async with LOCK_OR_SEMAPHORE: BODY.
	AsyncWith(a A, st *Step) R
	// Set handles EVENT.set().
	Set(a A, st *Step) R
	// Clear handles EVENT.clear().
	Clear(a A, st *Step) R
	// Put handles await QUEUE.put(ITEM).
	Put(a A, st *Step) R
	// Get handles await QUEUE.get().
	Get(a A, st *Step) R
	// ToThread handles await asyncio.to_thread(time.sleep, D).
	ToThread(a A, st *Step) R
	// Try handles try: BODY except ...: ... finally: ....
	Try(a A, st *Step) R
	// Call handles NAME() without await.
	Call(a A, st *Step) R
	// AsyncioRun handles asyncio.run(NAME()) inside the running loop.
	AsyncioRun(a A, st *Step) R
	// For handles for VARS in X: BODY.
	For(a A, st *Step) R
	// While handles while X: BODY.
	While(a A, st *Step) R
	// If handles if X: BODY else: ELSE.
	If(a A, st *Step) R
	// Break handles break.
	Break(a A, st *Step) R
	// Continue handles continue.
	Continue(a A, st *Step) R
	// Let handles NAME = VALUE, ...
	Let(a A, st *Step) R
	// TaskDone handles QUEUE.task_done().
	TaskDone(a A, st *Step) R
	// Join handles await QUEUE.join().
	Join(a A, st *Step) R
	// RunInExecutor handles await loop.run_in_executor(POOL, FUNC, D).
	RunInExecutor(a A, st *Step) R
	// Append handles LIST.append(ITEM).
	Append(a A, st *Step) R
}

// VisitStep calls the method of v for st's kind with a and st, and
// returns its result. A step of no known kind (only a Step built by hand
// can be one) is a programming error: VisitStep panics.
func VisitStep[A, R any](v StepVisitor[A, R], a A, st *Step) R {
	switch st.Kind {
	case Print:
		return v.Print(a, st)
	case Sleep:
		return v.Sleep(a, st)
	case Block:
		return v.Block(a, st)
	case CPU:
		return v.CPU(a, st)
	case Raise:
		return v.Raise(a, st)
	case Return:
		return v.Return(a, st)
	case Await:
		return v.Await(a, st)
	case CreateTask:
		return v.CreateTask(a, st)
	case Cancel:
		return v.Cancel(a, st)
	case Gather:
		return v.Gather(a, st)
	case Wait:
		return v.Wait(a, st)
	case WaitFor:
		return v.WaitFor(a, st)
	case Timeout:
		return v.Timeout(a, st)
	case TaskGroup:
		return v.TaskGroup(a, st)
	case AsCompleted:
		return v.AsCompleted(a, st)
	case AsyncWith:
		return v.AsyncWith(a, st)
	case Set:
		return v.Set(a, st)
	case Clear:
		return v.Clear(a, st)
	case Put:
		return v.Put(a, st)
	case Get:
		return v.Get(a, st)
	case ToThread:
		return v.ToThread(a, st)
	case Try:
		return v.Try(a, st)
	case Call:
		return v.Call(a, st)
	case AsyncioRun:
		return v.AsyncioRun(a, st)
	case For:
		return v.For(a, st)
	case While:
		return v.While(a, st)
	case If:
		return v.If(a, st)
	case Break:
		return v.Break(a, st)
	case Continue:
		return v.Continue(a, st)
	case Let:
		return v.Let(a, st)
	case TaskDone:
		return v.TaskDone(a, st)
	case Join:
		return v.Join(a, st)
	case RunInExecutor:
		return v.RunInExecutor(a, st)
	case Append:
		return v.Append(a, st)
	}
	panic(fmt.Sprintf("scenarios: VisitStep of a step of unknown kind %d", int(st.Kind)))
}
