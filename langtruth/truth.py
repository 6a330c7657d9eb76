"""Run a hand-written lesson program the way the differential harness does
(durations scaled by SCALE) and print its transcript in the format of the
runner's semantics transcripts (times in the program's own seconds).

Usage: python3 truth.py PROGRAM.py SCALE RUN=main_fn [RUN=main_fn ...]
"""
import asyncio, os, sys, time, types, warnings, gc

program, scale = sys.argv[1], float(sys.argv[2])
runs_spec = [a.split("=", 1) for a in sys.argv[3:]]
_real_asyncio, _real_time, _perf = asyncio, time, time.perf_counter


class Run:
    def __init__(self):
        self.t0, self.events, self.error = None, [], None


cur = None
order = {}


def scaled(d):
    return None if d is None else d * scale


class TaskSet(set):
    def __iter__(self):
        return iter(sorted(set.__iter__(self), key=lambda t: order.get(id(t), 0)))


class AsyncioProxy(types.ModuleType):
    def __getattr__(self, name):
        return getattr(_real_asyncio, name)


async def _wait(fs, *, timeout=None, **kw):
    d, p = await _real_asyncio.wait(fs, timeout=scaled(timeout), **kw)
    return TaskSet(d), TaskSet(p)

aio = AsyncioProxy("asyncio")
aio.sleep = lambda delay, *a, **kw: _real_asyncio.sleep(scaled(delay), *a, **kw)
aio.wait = _wait
aio.wait_for = lambda fut, timeout: _real_asyncio.wait_for(fut, scaled(timeout))
aio.timeout = lambda delay: _real_asyncio.timeout(scaled(delay))
aio.as_completed = lambda fs, *, timeout=None: _real_asyncio.as_completed(fs, timeout=scaled(timeout))


class TimeProxy(types.ModuleType):
    def __getattr__(self, name):
        return getattr(_real_time, name)


tm = TimeProxy("time")
def _sleep(d):
    _real_time.sleep(d * scale)


tm.sleep = _sleep
tm.perf_counter = lambda: _perf() / scale


def traced_print(*args, sep=" ", end="\n", file=None, **kw):
    text = sep.join(str(a) for a in args)
    kind = "stderr" if file is sys.stderr else "print"
    for line in (text + end).rstrip("\n").split("\n") if kind == "stderr" else [text]:
        cur.events.append((kind, _perf(), line))


def showwarning(message, category, filename, lineno, file=None, line=None):
    if cur is not None:
        cur.events.append(("stderr", _perf(), f"{category.__name__}: {message}"))


warnings.showwarning = showwarning


def exception_handler(loop, context):
    cur.events.append(("stderr", _perf(), context.get("message", "")))
    exc = context.get("exception")
    fut = context.get("future") or context.get("task")
    if fut is not None:
        try:
            n = fut.get_coro().__qualname__
        except Exception:
            n = "?"
        key = "future" if "future" in context else "task"
        cur.events.append(("stderr", _perf(), f"{key}: <Task finished coro=<{n}() done> exception={exc!r}>"))


counter = [0]


def task_factory(loop, coro, context=None):
    t = asyncio.Task(coro, loop=loop, context=context)
    counter[0] += 1
    order[id(t)] = counter[0]
    return t


def loop_factory():
    loop = asyncio.new_event_loop()
    loop.set_task_factory(task_factory)
    loop.set_exception_handler(exception_handler)
    return loop


mod = types.ModuleType("asyncgantt_program")
mod.__file__ = program
sys.modules["asyncgantt_program"] = mod
g = mod.__dict__
with open(program) as f:
    src = f.read()
exec(compile(src, program, "exec"), g)
g["asyncio"], g["time"], g["print"] = aio, tm, traced_print
os.cpu_count = lambda: 1
import traceback
for run_name, main in runs_spec:
    cur = Run()
    cur.t0 = _perf()
    try:
        with asyncio.Runner(loop_factory=loop_factory) as runner:
            runner.run(g[main]())
    except BaseException as e:
        cur.error = "".join(traceback.format_exception_only(e)).rstrip("\n")
        del e
    end = _perf()
    import concurrent.futures as cf
    for v in list(g.values()):
        if isinstance(v, cf.ProcessPoolExecutor):
            v.shutdown()
    gc.collect()
    print(f"== {run_name} (total {(end - cur.t0) / scale:.2f} s)")
    for kind, t, text in cur.events:
        pre = "stderr: " if kind == "stderr" else ""
        print(f"{(t - cur.t0) / scale:7.2f} {pre}{text}")
    if cur.error:
        print(f"raised: {cur.error}")
