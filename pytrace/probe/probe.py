"""asyncgantt's probe: run a Python program unchanged and stream what its
asyncio event loops, tasks and worker threads do.

asyncgantt writes this file into a temporary directory and starts it as

    python3 probe.py --fd N [--clock virtual|real] [--max-duration S]
                     [--max-events N] -- FILE.py [ARG...]

The program runs as `python3 FILE.py ARG...` would run it: as __main__, with
the same sys.argv, sys.path[0], output, exit status and tracebacks. The probe
writes JSON lines to file descriptor N (the schema, version PROBE_VERSION, is
documented in pytrace/events/doc.go) and nothing anywhere else.

It uses public hooks only: an event loop policy whose loops subclass
asyncio's selector loop (time, call_soon, call_at, create_task,
run_in_executor), a selector that, on the virtual clock, advances time to the
next timer instead of sleeping, sys.setprofile for the steps of tasks and the
coroutines they await inline, instance attributes replacing
sys.stdout.write and sys.stderr.write, gc.callbacks, and the time module's
clock functions and sleep.
"""

import asyncio
import builtins
import concurrent.futures
import contextvars
import functools
import gc
import heapq
import json
import linecache
import os
import selectors
import signal
import sys
import sysconfig
import threading
import time as _time
import types
import warnings
import weakref

PROBE_VERSION = 2

# ---------------------------------------------------------------- options

_opts = {"fd": None, "clock": "virtual", "max_duration": 3600.0, "max_events": 50_000_000}


def _parse_args(argv):
    i = 0
    while i < len(argv) and argv[i] != "--":
        key, val = argv[i], argv[i + 1]
        if key == "--fd":
            _opts["fd"] = int(val)
        elif key == "--clock":
            _opts["clock"] = val
        elif key == "--max-duration":
            _opts["max_duration"] = float(val)
        elif key == "--max-events":
            _opts["max_events"] = int(val)
        else:
            raise SystemExit(f"probe: unknown option {key}")
        i += 2
    return argv[i + 1:]


# ---------------------------------------------------------------- events

_out = None
_enc = json.encoder.encode_basestring
_emit_lock = threading.Lock()


# Encoded lines not yet written. One growing buffer, not a list of lines:
# objects the probe keeps alive move the program's own objects in memory,
# and asyncio iterates sets of tasks (TaskGroup's cancellations) in an
# order that depends on their addresses.
_pending = bytearray()


def _json(v):
    """A list of ints, strings and lists as JSON."""
    parts = []
    for f in v:
        t = type(f)
        if t is int:
            parts.append(str(f))
        elif t is str:
            parts.append(_enc(f))
        else:
            parts.append(_json(f))
    return "[" + ",".join(parts) + "]"


def _emit(*fields):
    """Write one event: a JSON array of ints, strings and lists. It calls
    no Python function for ints and strings: it may run while the step's
    trace function is set."""
    parts = []
    for f in fields:
        t = type(f)
        if t is int:
            parts.append(str(f))
        elif t is str:
            parts.append(_enc(f))
        else:
            parts.append(_json(f))
    _pending.extend(("[" + ",".join(parts) + "]\n").encode("utf-8", "surrogatepass"))
    if len(_pending) >= 1 << 16:
        _write_pending()


def _emit2(head, a, b):
    """Write an event of two ints, head being its start ('["S",')."""
    _pending.extend(f"{head}{a},{b}]\n".encode())
    if len(_pending) >= 1 << 16:
        _write_pending()


def _put(line):
    """Write an event already encoded as a JSON line (the hot ones are
    written so, with _enc for their strings)."""
    _pending.extend(line.encode("utf-8", "surrogatepass"))
    if len(_pending) >= 1 << 16:
        _write_pending()


# Events are appended to _pending without a lock: one bytearray.extend is
# atomic under the GIL, so lines never mix. Writing takes the lock, and
# removes from the buffer only what it wrote.


def _write_pending():
    with _emit_lock:
        data = bytes(_pending)
        del _pending[:len(data)]
        _out.write(data)


def _flush():
    try:
        _write_pending()
        _out.flush()
    except Exception:
        pass


# ---------------------------------------------------------------- clocks

_real_monotonic = _time.monotonic
_real_perf_counter = _time.perf_counter
_real_time = _time.time
_real_sleep = _time.sleep
_real_localtime = _time.localtime
_real_gmtime = _time.gmtime
_real_ctime = _time.ctime
_real_asctime = _time.asctime
_real_strftime = _time.strftime
_thread_time = _time.thread_time
_get_ident = threading.get_ident

_MONO0 = _real_monotonic()
_PERF0 = _real_perf_counter()
_WALL0 = _real_time()
_CPU_LAG = 0.0001  # a tenth of the quantum
_QUANTUM = 0.001  # CPU time counts to the millisecond,
_THRESHOLD = 0.005  # and not at all below 5 ms: a step that only awaits
# costs tens to hundreds of microseconds, a few times more on a loaded
# machine; it must cost exactly nothing on every run.

_virtual = True
_V = _MONO0  # the virtual clock, in time.monotonic()'s space
_segs = {}  # thread ident -> the _Seg running on it
_main_ident = _get_ident()


def _ns(v):
    """Nanoseconds since the probe started, for a time in monotonic space."""
    return round((v - _MONO0) * 1e9)


class _Seg:
    """A stretch of Python code running on one thread: a task's step or a
    worker's job between two sleeps. Its CPU time, quantized, is what it
    costs on the virtual clock."""

    __slots__ = ("v0", "cpu0", "w0", "blocked", "lost", "cpu", "cw")

    def __init__(self):
        self.start()

    def start(self):
        self.v0 = _V
        self.cpu0 = self.cpu = _thread_time()
        self.w0 = self.cw = _real_perf_counter()
        self.blocked = 0.0
        self.lost = 0.0

    def now(self):
        """The segment's time: it starts at v0, plus what it slept and the
        CPU time it used. Below the threshold of wall time it cannot have
        used the threshold of CPU time: it costs nothing, and the thread's
        CPU clock (a system call) is not read. Above it, the CPU clock is
        read again once _CPU_LAG of wall time has passed since the last
        reading (a spin loop on perf_counter reads it constantly)."""
        w = _real_perf_counter()
        if w - self.w0 < _THRESHOLD:
            return self.v0 + self.blocked
        if w - self.cw >= _CPU_LAG:
            self.cpu, self.cw = _thread_time(), w
        used = self.cpu - self.cpu0 - self.lost
        if _overhead_t0 and _get_ident() == _main_ident:
            used -= _real_perf_counter() - _overhead_t0[0]
        if used < _THRESHOLD:
            used = 0.0
        else:
            used = (used // _QUANTUM) * _QUANTUM
        return self.v0 + self.blocked + used


_main_seg = _Seg()  # the segment of the step running on the loop's thread

# The loop thread's CPU clock is a system call, so a step does not read it
# when it starts: it takes the last reading, if no older than _CPU_STALE of
# wall time, as its start (a step that computes then counts up to that much
# of what ran just before it). A step that ends below the threshold of wall
# time costs nothing whatever the CPU clock says.
_CPU_STALE = 0.0005
_cpu_at = [_thread_time(), _real_perf_counter()]  # the last reading: CPU time, wall time


def _now():
    """The current time in monotonic space, virtual or real. It is the
    program's time.monotonic: it calls no Python function in the common
    case (a step that has not computed for the threshold)."""
    if not _virtual:
        return _real_monotonic()
    ident = _get_ident()
    s = _segs.get(ident)
    if s is None:
        if ident == _main_ident or ident in _jobs_by_thread:
            return _V
        # A thread of its own (the program's, or a library's: asyncio's
        # executor shutdown, multiprocessing's queues) runs for real, and
        # its timeouts need a clock that moves.
        return _real_monotonic()
    if _real_perf_counter() - s.w0 < _THRESHOLD:
        return s.v0 + s.blocked
    return s.now()


def _tnow():
    return _ns(_now())


# The virtual clock functions the program sees.


_v_monotonic = _now


def _v_monotonic_ns():
    return int(_now() * 1e9)


def _v_perf_counter():
    return _now() - _MONO0 + _PERF0


def _v_perf_counter_ns():
    return int((_now() - _MONO0 + _PERF0) * 1e9)


def _v_time():
    return _now() - _MONO0 + _WALL0


def _v_time_ns():
    return int((_now() - _MONO0 + _WALL0) * 1e9)


_MISSING = object()


def _v_localtime(secs=None):
    return _real_localtime(_v_time() if secs is None else secs)


def _v_gmtime(secs=None):
    return _real_gmtime(_v_time() if secs is None else secs)


def _v_ctime(secs=None):
    return _real_ctime(_v_time() if secs is None else secs)


def _v_asctime(t=_MISSING):
    return _real_asctime(_real_localtime(_v_time()) if t is _MISSING else t)


def _v_strftime(format, t=_MISSING):
    return _real_strftime(format, _real_localtime(_v_time()) if t is _MISSING else t)


def _fmt_seconds(d):
    """A duration as the figures write it: "2", "0.5"."""
    s = _fmt_cache.get(d)
    if s is None:
        s = "%.6f" % d
        s = s.rstrip("0")
        if s.endswith("."):
            s = s[:-1]
        if len(_fmt_cache) < 4096:
            _fmt_cache[d] = s
    return s


_fmt_cache = {}


def _v_sleep(secs):
    """time.sleep on the virtual clock: in a task's step it blocks the loop
    for exactly secs without sleeping; in a worker thread it waits for the
    virtual clock; elsewhere it sleeps for real."""
    global _V
    if type(secs) not in (int, float) or secs < 0:
        return _real_sleep(secs)  # the real function's errors and conversions
    ident = _get_ident()
    if ident == _main_ident:
        s = _segs.get(ident)
        t0 = _now()
        if s is not None:
            s.blocked += secs
            tr = _cur
            if tr is not None:
                _resolve_pending(tr)
                _emit("B", tr.stack[-1].id, _ns(t0), _ns(t0 + secs), "time.sleep(" + _fmt_seconds(secs) + ")")
        else:
            _V = t0 + secs
        return None
    job = _jobs_by_thread.get(ident)
    if job is not None:
        return job.sleep(secs)
    return _real_sleep(secs)


def _install_clock():
    t = _time
    t.monotonic, t.monotonic_ns = _v_monotonic, _v_monotonic_ns
    t.perf_counter, t.perf_counter_ns = _v_perf_counter, _v_perf_counter_ns
    t.time, t.time_ns = _v_time, _v_time_ns
    t.localtime, t.gmtime, t.ctime, t.asctime, t.strftime = _v_localtime, _v_gmtime, _v_ctime, _v_asctime, _v_strftime
    t.sleep = _v_sleep


def _uninstall_clock():
    t = _time
    t.monotonic, t.perf_counter, t.time, t.sleep = _real_monotonic, _real_perf_counter, _real_time, _real_sleep
    t.monotonic_ns, t.perf_counter_ns, t.time_ns = _real_mono_ns, _real_perf_ns, _real_time_ns
    t.localtime, t.gmtime, t.ctime, t.asctime, t.strftime = _real_localtime, _real_gmtime, _real_ctime, _real_asctime, _real_strftime


_real_mono_ns = _time.monotonic_ns
_real_perf_ns = _time.perf_counter_ns
_real_time_ns = _time.time_ns

# ---------------------------------------------------------------- names

_user_file = None
_skip_prefixes = ()


def _is_user_file(fn):
    return not fn.startswith(_skip_prefixes)


def _func_name(code):
    q = code.co_qualname
    i = q.rfind("<locals>.")
    return q[i + 9:] if i >= 0 else q


_SCALARS = (int, float, complex, bool, type(None), str, bytes)
_FUNCS = (types.FunctionType, types.BuiltinFunctionType, types.MethodType, functools.partial)
import enum as _enum


def _callable_name(f):
    """time.sleep, legacy, Worker.run: a function's name as a call writes it."""
    if isinstance(f, functools.partial):
        return _callable_name(f.func)
    name = getattr(f, "__qualname__", None) or getattr(f, "__name__", None) or type(f).__name__
    i = name.rfind("<locals>.")
    if i >= 0:
        name = name[i + 9:]
    mod = getattr(f, "__module__", None)
    if mod and mod not in ("__main__", "builtins") and "." not in name:
        name = mod.rsplit(".", 1)[-1] + "." + name
    return name


def _arg_repr(v):
    t = type(v)
    if t in _SCALARS:
        r = repr(v)
    elif t in (list, tuple, set, frozenset, dict) and len(v) <= 4 and all(type(x) in _SCALARS for x in (v.values() if t is dict else v)) and all(type(x) in _SCALARS for x in (v.keys() if t is dict else ())):
        r = repr(v)
    elif isinstance(v, _enum.Enum):
        r = f"{t.__name__}.{v.name}"
    elif t is range:
        r = repr(v)
    elif isinstance(v, type):
        r = v.__qualname__
    elif t in _FUNCS:
        r = _callable_name(v)
    else:
        r = t.__name__
    if len(r) > 24:
        r = r[:23] + "…"
    return r


def _coro_args(coro, code, explicit=False):
    """The arguments of a coroutine that has not started, by name, read
    without making its frame object and locals dict (which would live as
    long as the coroutine, and cost the collector's time): the collector's
    view of a coroutine ends with its code object, then its frame's bound
    locals, which before it starts are its arguments in co_varnames order.
    The view is checked, and the frame's f_locals read when it is not what
    it should be. With explicit, arguments equal to their parameter's
    default are left out."""
    n = code.co_argcount + code.co_kwonlyargcount
    star = n
    if code.co_flags & 0x04:
        n += 1
    if code.co_flags & 0x08:
        n += 1
    refs = gc.get_referents(coro)
    i = len(refs) - 1
    while i >= 0 and refs[i] is not code:
        i -= 1
    vals = refs[i + 1:]
    if i >= 0 and len(vals) == n and (not code.co_flags & 0x04 or type(vals[star]) is tuple) and (not code.co_flags & 0x08 or type(vals[-1]) is dict):
        args = dict(zip(code.co_varnames, vals))
        if explicit and i >= 1 and type(refs[i - 1]) is types.FunctionType and refs[i - 1].__code__ is code:
            _drop_defaults(args, code, refs[i - 1])
        return args
    return coro.cr_frame.f_locals


def _drop_defaults(args, code, func):
    """Leave out of args the trailing positional parameters and the
    keyword-only ones whose value is their default (sleep(1), not
    sleep(1, None))."""
    names = code.co_varnames
    defaults = func.__defaults__ or ()
    pos = code.co_argcount
    for k in range(len(defaults)):
        name = names[pos - 1 - k]
        if args.get(name, _MISSING) is not defaults[-1 - k]:
            break
        del args[name]
    for name, v in (func.__kwdefaults__ or {}).items():
        if args.get(name, _MISSING) is v:
            del args[name]


def _call_name(code, loc):
    """A coroutine's name from its code and bound arguments: worker('A', 2)."""
    n = code.co_argcount + code.co_kwonlyargcount
    names = code.co_varnames
    parts = []
    pos = names[:code.co_argcount]
    start = 0
    if pos and pos[0] in ("self", "cls") and "." in code.co_qualname:
        start = 1
    for p in pos[start:]:
        if p in loc:
            parts.append(_arg_repr(loc[p]))
    for p in names[code.co_argcount:n]:
        if p in loc:
            parts.append(p + "=" + _arg_repr(loc[p]))
    flags = code.co_flags
    i = n
    if flags & 0x04:  # *args
        for v in loc.get(names[i], ()):
            parts.append(_arg_repr(v))
        i += 1
    if flags & 0x08:  # **kwargs
        for k, v in loc.get(names[i], {}).items():
            parts.append(f"{k}={_arg_repr(v)}")
    return _func_name(code) + "(" + ", ".join(parts) + ")"


# ---------------------------------------------------------------- lanes

_next_lane = 0


def _new_lane_id():
    global _next_lane
    _next_lane += 1
    return _next_lane


class _Lane:
    """A lane of the figure drawn for a task or an inline coroutine."""

    __slots__ = ("id", "fid", "depth", "ret_t", "ret_arg", "ret_op", "ret_cancel", "exc", "ret_exc", "ret_exc_id")

    def __init__(self, fid, depth):
        self.id = _new_lane_id()
        self.fid = fid
        self.depth = depth  # its place in its task's stack
        self.ret_t = 0
        self.ret_arg = None
        self.ret_op = 0
        self.ret_cancel = False
        self.exc = None  # the last exception raised in or passing through its frame, until it returns
        self.ret_exc = ""  # the exception it raised, as Python prints it
        self.ret_exc_id = None  # and its id and text, to follow it to the lane that catches it


class _TaskRec:
    """What the probe knows of a task: its lane stack (the task's lane,
    then the coroutines it awaits inline), its weak references."""

    __slots__ = ("lane", "stack", "task", "key", "loop", "pending", "default_name", "named", "watch", "leaf", "raises", "unwound", "__weakref__")

    def __init__(self, task, coro, loop):
        self.lane = _Lane(0, 0)  # its frame's id, once traced
        self.stack = [self.lane]
        self.key = id(task)
        self.task = weakref.KeyedRef(task, _task_died, id(task))
        self.loop = loop
        self.pending = None  # a list of inline lanes that returned, once one did
        self.default_name = task.get_name()
        self.named = None
        self.watch = None
        # A task whose coroutine can run none of the user's coroutines
        # inline needs no tracing: its steps are seen from the loop.
        self.leaf = _is_leaf(coro)
        self.raises = None  # exceptions raised by its inline lanes, not yet caught
        self.unwound = None  # the inline lane that just unwound, its exception unread



def _task_died(ref):
    """A task was freed: forget its record (its id may be reused)."""
    tr = _task_lanes.get(ref.key)
    if tr is not None and tr.task is ref:
        _forget_task(ref.key, tr)


_frames = {}  # id(frame) -> (task record, lane) for inline coroutines
_task_lanes = {}  # id(task) -> task record, for labels naming tasks
_cur = None  # the task record whose step is running on the loop thread
_kinds = {}  # code -> 1 for the user's coroutines, 0 otherwise
_RETURN_OPS = set()
_YIELD_OP = -1
_codebytes = {}


def _classify(code):
    k = 0
    if code.co_flags & 0x80 and _is_user_file(code.co_filename):
        name = code.co_name
        if not (name.startswith("__") and name.endswith("__")) and not name.startswith("<"):
            k = 1
    _kinds[code] = k
    return k


def _tracer(frame, event, arg):
    """The global trace function, set only while a task's step runs: it
    sees the start and each resumption of every Python frame (not C calls)
    and follows the user's coroutines (and the warnings module's functions,
    whose time is not the program's) with a local trace function."""
    code = frame.f_code
    k = _kinds.get(code)
    if k is None:
        k = _classify(code)
    if k == 1:
        frame.f_trace_lines = False
        return _on_call(frame)
    return None


def _local(frame, event, arg):
    """The local trace function of an inline coroutine's frame: its
    returns (and suspensions), and the exceptions raised in or passing
    through it."""
    if event == "return":
        _on_return(frame, arg)
    elif event == "exception" and arg[0] not in _FLOW:
        ent = _frames.get(id(frame))
        if ent is not None:
            ent[1].exc = arg[1]
            _exc_arrived(ent[0], arg[1])
    return _local


def _local_root(frame, event, arg):
    """The local trace function of a task's own coroutine frame: the
    exceptions that reach it."""
    if event == "exception" and arg[0] not in _FLOW:
        tr = _cur
        if tr is not None:
            _exc_arrived(tr, arg[1])
    return _local_root


# Exceptions that are control flow: with a trace function set, each await
# of a coroutine that returns shows its awaiter a StopIteration, and an
# async for ends on a StopAsyncIteration.
_FLOW = (StopIteration, StopAsyncIteration)


def _exc_arrived(tr, exc):
    """An exception reached one of the task's frames: if an inline
    coroutine just unwound, it is the one that coroutine raised (read in
    its caller, as a finally that awaits may show the coroutine's own frame
    other exceptions after it)."""
    u = tr.unwound
    if u is not None:
        tr.unwound = None
        u.ret_exc = _exc_text(exc)
        u.ret_exc_id = (id(exc), u.ret_exc)


class _StepCall:
    """A task's step (its __step or its wakeup callback) as the loop runs
    it. The step begins and ends here, and the trace function is set for
    its duration only: the loop's own work runs untraced. It has the
    callback's __self__ (the task), so asyncio's messages name the task as
    they do untraced."""

    __slots__ = ("cb", "__self__", "tr")

    def __init__(self, cb, task, tr):
        self.cb = cb
        self.__self__ = task
        self.tr = tr

    def __call__(self, *args):
        tr = self.tr
        if _cur is not None or _get_ident() != _main_ident:
            return self.cb(*args)
        _step_begin(tr)
        if tr.leaf:
            try:
                return self.cb(*args)
            finally:
                _step_finish(tr)
        _settrace(_tracer)
        try:
            return self.cb(*args)
        finally:
            _settrace(None)
            _step_finish(tr)

    def __getattr__(self, name):
        return getattr(self.cb, name)

    def __repr__(self):
        return repr(self.cb)


_settrace = sys.settrace
_gettrace = sys.gettrace


# Time spent showing warnings, collecting garbage and writing output is
# not the program's computing: it costs no virtual time. It is measured on
# the wall clock (cheap to read); the probe's work does not wait.
_overhead_t0 = []


def _overhead_start():
    if _get_ident() == _main_ident:
        _overhead_t0.append(_real_perf_counter())


def _overhead_end():
    if _overhead_t0 and _get_ident() == _main_ident:
        dt = _real_perf_counter() - _overhead_t0.pop()
        if not _overhead_t0:
            s = _segs.get(_main_ident)
            if s is not None:
                s.lost += dt


def _gc_callback(phase, info):
    if _get_ident() != _main_ident:
        return
    if phase == "start":
        _overhead_start()
    else:
        _overhead_end()


def _forget_task(key, tr):
    """The task was freed: its frames' ids may be reused."""
    if _task_lanes.get(key) is tr:
        del _task_lanes[key]
    for lane in tr.stack:
        ent = _frames.get(lane.fid)
        if ent is not None and ent[0] is tr:
            del _frames[lane.fid]


def _on_call(frame):
    """A user's coroutine frame starts or resumes in the step of _cur: its
    own coroutine, one it awaits inline, or a new one it awaits inline.
    Returns the frame's local trace function."""
    tr = _cur
    if tr is None:
        return None
    if tr.pending:
        _resolve_pending(tr)
    fid = id(frame)
    if fid == tr.lane.fid:
        return _local_root  # the task's own coroutine: its steps are seen from the loop
    if tr.lane.fid == 0:
        task = tr.task()
        if task is not None and task.get_coro().cr_frame is frame:
            tr.lane.fid = fid
            return _local_root
    ent = _frames.get(fid)
    if ent is None:
        t = _tnow()
        _overhead_start()
        parent = tr.stack[-1]
        lane = _Lane(fid, len(tr.stack))
        _frames[fid] = (tr, lane)
        tr.stack.append(lane)
        code = frame.f_code
        _emit("I", lane.id, t, parent.id, _func_name(code), _call_name(code, frame.f_locals))
        _overhead_end()
    elif ent[0] is not tr:
        return None  # another task's coroutine, driven by hand: not followed
    return _local


def _on_return(frame, arg):
    ent = _frames.get(id(frame))
    if ent is None:
        return
    tr, lane = ent
    lane.ret_t = _tnow()
    lane.ret_arg = arg
    code = frame.f_code
    b = _codebytes.get(code)
    if b is None:
        b = _codebytes[code] = code.co_code
    lane.ret_op = op = b[frame.f_lasti] if frame.f_lasti >= 0 else 0
    exc = lane.exc
    if op not in _RETURN_OPS and op != _YIELD_OP:
        # It unwinds. What it raises is what reaches its caller next; until
        # then, the last exception its frame saw.
        tr.unwound = lane
        if exc is not None:
            lane.ret_exc = _exc_text(exc)
            lane.ret_exc_id = (id(exc), lane.ret_exc)
    lane.exc = None
    t = tr.task()
    lane.ret_cancel = t is not None and t.cancelling() > 0
    if tr.pending is None:
        tr.pending = [lane]
    else:
        tr.pending.append(lane)


def _resolve_pending(tr, suspended=()):
    """Inline coroutines that returned since the last look and are not in
    the task's suspended await chain have finished: pop their lanes."""
    if not tr.pending:
        return
    for lane in tr.pending:
        if lane.fid in suspended or lane not in tr.stack:
            continue
        while tr.stack[-1] is not lane:
            _end_inline(tr, tr.stack.pop(), lane.ret_t, "x", "")
        tr.stack.pop()
        if lane.ret_op in _RETURN_OPS:
            _end_inline(tr, lane, lane.ret_t, "r", _short_value(lane.ret_arg))
            _caught(tr, lane, None)
        elif lane.ret_cancel:
            _end_inline(tr, lane, lane.ret_t, "c", "")
            _caught(tr, lane, None)
        else:
            _end_inline(tr, lane, lane.ret_t, "x", lane.ret_exc)
            _raised(tr, lane)
        lane.ret_arg = None
    tr.pending = None


# Where an exception raised by an inline coroutine is caught: it passes up
# the task's stack of lanes, each one it unwinds raising it too, to the
# first that does not: one that returns, or raises another exception, has
# caught it. The task's own coroutine has caught it unless the task ends
# with it. tr.raises holds the exceptions on their way: [key, the lane
# holding it now, the lanes it came out of], where the key is its id and
# text (an exception caught and freed may leave its id to another).


def _raised(tr, lane):
    """The inline lane ended raising: it passes on the exception it held,
    or it raises another one, having caught what it held."""
    xid = lane.ret_exc_id
    holder = tr.stack[lane.depth - 1]
    passed = None
    for r in tr.raises or ():
        if r[1] is lane and r[0] == xid and xid:
            passed = r
    _caught(tr, lane, xid)
    if passed is not None:
        passed[1] = holder
        passed[2].append(lane.id)
    elif xid:
        if tr.raises is None:
            tr.raises = []
        tr.raises.append([xid, holder, [lane.id]])


def _caught(tr, lane, but):
    """The lane held exceptions and went on without them (but, the id of
    the one it raises, excepted): it caught them."""
    if not tr.raises:
        return
    keep = []
    for r in tr.raises:
        if r[1] is lane and r[0] != but:
            for lid in r[2]:
                _emit2('["C",', lid, lane.id)
        else:
            keep.append(r)
    tr.raises = keep or None


def _task_caught(tr, task):
    """The task ended: what its own coroutine held and did not end with, it
    caught."""
    if not tr.raises:
        return
    exc = getattr(task, "_exception", None) if task is not None else None
    _caught(tr, tr.lane, (id(exc), _exc_text(exc)) if exc is not None else None)
    tr.raises = None


def _end_inline(tr, lane, t, kind, value):
    _frames.pop(lane.fid, None)
    _emit("X", lane.id, t, kind, value)


def _short_value(v):
    try:
        r = repr(v) if type(v) in _SCALARS or type(v) in (list, tuple, dict, set) else _arg_repr(v)
    except Exception:
        r = type(v).__name__
    if len(r) > 60:
        r = r[:59] + "…"
    return r


def _exc_text(e):
    s = str(e)
    return type(e).__name__ + (": " + s if s else "")


_steps = 0


def _step_begin(tr):
    """A step of the task begins: its innermost coroutine runs."""
    global _cur, _steps
    _cur = tr
    _steps += 1
    if _steps > _opts["max_events"]:
        _stop("events", f"more than {_opts['max_events']} event-loop callbacks")
    if tr.watch is not None:
        _watch.pop(tr.watch, None)
        tr.watch = None
    t = tr.task()
    if t is not None:
        n = t.get_name()
        if n != tr.default_name and n != tr.named:
            tr.named = n
            _emit("N", tr.lane.id, n)
    tr.loop._ag_events += 1
    if _virtual:
        seg = _main_seg
        seg.v0 = t = _V
        w = _real_perf_counter()
        if w - _cpu_at[1] > _CPU_STALE:
            _cpu_at[0], _cpu_at[1] = _thread_time(), w
        seg.cpu0 = seg.cpu = _cpu_at[0]
        seg.cw = _cpu_at[1]
        seg.w0 = w
        seg.blocked = seg.lost = 0.0
        _segs[_main_ident] = seg
    else:
        t = _real_monotonic()
    _emit2('["S",', tr.stack[-1].id, round((t - _MONO0) * 1e9))


def _step_finish(tr):
    """The task's step ended: it waits, is ready again (a bare yield), or
    is done."""
    global _cur, _V
    t = _now()
    if _virtual:
        _segs.pop(_main_ident, None)
        _V = t
        seg = _main_seg
        if seg.cw > seg.w0:  # the step computed: its last reading is fresher
            _cpu_at[0], _cpu_at[1] = seg.cpu, seg.cw
        if t - tr.loop._ag_v0 > _opts["max_duration"]:
            _cur = None
            _stop("duration", "")
    _cur = None
    ts = round((t - _MONO0) * 1e9)
    task = tr.task()
    if task is not None and not task.done():
        arg = task._fut_waiter  # what it yielded: a future, or None for a bare yield
        chain, label = _await_chain(task.get_coro(), arg)
        if tr.leaf and chain:
            _not_leaf(tr, task, chain)
        _resolve_pending(tr, chain)
        top = tr.stack[-1].id
        if arg is None:
            _emit2('["Y",', top, ts)
        else:
            _put(f'["W",{top},{ts},{_json(label)}]\n')
            _watch[id(arg)] = tr
            tr.watch = id(arg)
        return
    _resolve_pending(tr)
    for lane in reversed(tr.stack[1:]):
        _end_inline(tr, lane, ts, "x", "")
    del tr.stack[1:]
    _task_caught(tr, task)
    kind, value = _outcome(task)
    _put(f'["E",{tr.lane.id},{ts},"{kind}",{_enc(value)}]\n')
    if task is not None:
        _task_lanes.pop(id(task), None)


def _outcome(t):
    """The outcome of a task that finished, read without marking an
    exception retrieved (asyncio logs unretrieved ones)."""
    if t is None or not t.done():
        return "", ""
    if t.cancelled():
        return "c", ""
    exc = getattr(t, "_exception", None)
    if exc is not None:
        return "x", _exc_text(exc)
    return "r", _short_value(t.result())


def _not_leaf(tr, task, chain):
    """A task thought a leaf awaits one of the user's coroutines inline
    (asyncio was patched?): trace it from now on, and draw the inline
    coroutines it awaits from the start of this step."""
    code = task.get_coro().cr_code
    _leaves[code] = False
    tr.leaf = False
    c = task.get_coro()
    t = _tnow()
    for _ in range(200):
        c = getattr(c, "cr_await", None) or getattr(c, "gi_yieldfrom", None)
        if c is None:
            break
        f = getattr(c, "cr_frame", None)
        if f is None or id(f) not in chain or id(f) in _frames:
            continue
        parent = tr.stack[-1]
        lane = _Lane(id(f), len(tr.stack))
        _frames[lane.fid] = (tr, lane)
        tr.stack.append(lane)
        _emit("I", lane.id, t, parent.id, _func_name(c.cr_code), _call_name(c.cr_code, f.f_locals))


# ---------------------------------------------------------------- leaves

# A task whose coroutine awaits only asyncio's functions that run none of
# the user's coroutines inline (asyncio.sleep, gather, wait, ...) can be
# followed from the loop alone: its steps run untraced, at full speed, and
# compute at their true cost. Which coroutines are such leaves is read from
# their source, once per code object: every await and async with in the
# body (comprehensions included, nested functions not) must call, by a
# module's or the module's global name, one of the functions below.

_leaves = {}  # code -> True for a leaf
_async_defs_by_file = {}  # file name -> {(name, first line): ast node}


def _safe_funcs():
    a = asyncio
    awaits = [a.sleep, a.gather, a.wait, a.shield, a.to_thread]
    if sys.version_info < (3, 12):
        awaits.append(a.wait_for)  # since 3.12 it awaits a coroutine inline
    withs = [getattr(a, n) for n in ("timeout", "timeout_at", "TaskGroup") if hasattr(a, n)]
    return awaits, withs


_SAFE_AWAITS, _SAFE_WITHS = _safe_funcs()


def _is_leaf(coro):
    code = coro.cr_code
    r = _leaves.get(code)
    if r is None:
        try:
            r = _analyse_leaf(code, coro.cr_frame.f_globals)
        except Exception:
            r = False
        _leaves[code] = r
    return r


def _async_defs(filename):
    defs = _async_defs_by_file.get(filename)
    if defs is None:
        import ast
        defs = {}
        try:
            tree = ast.parse("".join(linecache.getlines(filename)))
        except (SyntaxError, ValueError):
            tree = None
        for node in ast.walk(tree) if tree is not None else ():
            if isinstance(node, ast.AsyncFunctionDef):
                first = min([d.lineno for d in node.decorator_list] + [node.lineno])
                defs[(node.name, first)] = node
        _async_defs_by_file[filename] = defs
    return defs


def _analyse_leaf(code, g):
    import ast
    node = _async_defs(code.co_filename).get((code.co_name, code.co_firstlineno))
    if node is None:
        return False
    local = set(code.co_varnames) | set(code.co_cellvars) | set(code.co_freevars)
    todo = list(node.body)
    while todo:
        n = todo.pop()
        if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
            continue
        if isinstance(n, (ast.AsyncFor, ast.Yield, ast.YieldFrom)):
            return False
        if isinstance(n, ast.AsyncWith):
            if not all(_safe_call(item.context_expr, g, local, _SAFE_WITHS) for item in n.items):
                return False
        elif isinstance(n, ast.Await):
            if not _safe_call(n.value, g, local, _SAFE_AWAITS):
                return False
        elif isinstance(n, ast.comprehension) and n.is_async:
            return False
        todo.extend(ast.iter_child_nodes(n))
    return True


def _safe_call(expr, g, local, safe):
    """Whether expr calls one of the functions safe, named by a global of
    the module (sleep) or an attribute of a module (asyncio.sleep)."""
    import ast
    if not isinstance(expr, ast.Call):
        return False
    f = expr.func
    if isinstance(f, ast.Name):
        if f.id in local:
            return False
        obj = g.get(f.id)
    elif isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name):
        if f.value.id in local:
            return False
        mod = g.get(f.value.id)
        if not isinstance(mod, types.ModuleType):
            return False
        obj = getattr(mod, f.attr, None)
    else:
        return False
    return any(obj is x for x in safe)


# ---------------------------------------------------------------- warnings

# Showing a warning is not the program's computing, so the warnings
# module's _showwarnmsg is wrapped to cost no virtual time; and a coroutine
# never awaited is a lane of its own, a moment: warnings'
# _warn_unawaited_coroutine, which CPython calls when such a coroutine is
# freed, is replaced by the same function (as 3.11 to 3.13 write it) that
# also reports it. The coroutine's creation is not seen, so its moment is
# when it is freed: at once, for one dropped by the statement that made it.


def _install_warning_hooks():
    show = warnings._showwarnmsg

    def _showwarnmsg(msg):
        _overhead_start()
        try:
            return show(msg)
        finally:
            _overhead_end()

    warnings._showwarnmsg = _showwarnmsg
    if hasattr(warnings, "_warn_unawaited_coroutine"):
        warnings._warn_unawaited_coroutine = _warn_unawaited_coroutine


def _warn_unawaited_coroutine(coro):
    _overhead_start()
    try:
        _never_awaited(coro)
        msg_lines = [
            f"coroutine '{coro.__qualname__}' was never awaited\n"
        ]
        if coro.cr_origin is not None:
            import traceback

            def extract():
                for filename, lineno, funcname in reversed(coro.cr_origin):
                    line = linecache.getline(filename, lineno)
                    yield (filename, lineno, funcname, line)
            msg_lines.append("Coroutine created at (most recent call last)\n")
            msg_lines += traceback.format_list(list(extract()))
        msg = "".join(msg_lines).rstrip("\n")
        warnings.warn(msg, category=RuntimeWarning, stacklevel=2, source=coro)
    finally:
        _overhead_end()


def _never_awaited(coro):
    if _get_ident() != _main_ident:
        return
    code = getattr(coro, "cr_code", None)
    if code is None:
        return
    tr = _cur
    if tr is not None:
        # The innermost lane still running (not one that returned, whose
        # end is not resolved yet: freeing may happen in the middle of it).
        lane = tr.stack[0]
        for lane in reversed(tr.stack):
            if not tr.pending or lane not in tr.pending:
                break
        creator, loop = lane.id, tr.loop._ag_id
    else:
        creator, loop = 0, getattr(asyncio.events._get_running_loop(), "_ag_id", 0)
    try:
        name = _call_name(code, _coro_args(coro, code, True))
    except Exception:
        name = _func_name(code) + "()"
    text = f"RuntimeWarning: coroutine '{coro.__qualname__}' was never awaited"
    _emit("NA", _new_lane_id(), _tnow(), loop, creator, _func_name(code), name, text)


# ---------------------------------------------------------------- labels

_special = {}  # code -> label kind for asyncio's own coroutines


def _init_special():
    t = asyncio.tasks
    _special[t.sleep.__code__] = "sleep"
    _special[t.wait_for.__code__] = "wait_for"
    _special[t.wait.__code__] = "wait"
    _special[asyncio.TaskGroup.__aexit__.__code__] = "TaskGroup"


def _special_kind(code):
    k = _special.get(code)
    if k is None:
        k = ""
        if code.co_name == "_wait_for_one" and code.co_filename == asyncio.tasks.__file__:
            k = "as_completed"
        _special[code] = k
    return k


def _await_chain(coro, arg):
    """Walk the suspended task's await chain: the ids of the frames of the
    user's coroutines awaited inline in it, and the label of what the
    innermost of them (or the task's own) waits on."""
    fids = set()
    inner = coro
    c = coro
    special = None
    for _ in range(200):
        aw = getattr(c, "cr_await", None)
        if aw is None:
            aw = getattr(c, "gi_yieldfrom", None)
        if aw is None:
            break
        code = getattr(aw, "cr_code", None)
        if code is not None:
            k = _kinds.get(code)
            if k is None:
                k = _classify(code)
            if k == 1:
                # The user's coroutine, maybe awaited inline by one of
                # asyncio's (wait_for since 3.12): the wait of the innermost
                # one is what comes after it.
                fid = id(aw.cr_frame)
                fids.add(fid)
                inner = aw
                special = None
            elif special is None:
                special = aw
            c = aw
            continue
        if getattr(aw, "gi_code", None) is not None:
            c = aw
            continue
        break
    return fids, _label(inner, special, arg)


def _label(inner, special, fut):
    if special is not None:
        kind = _special_kind(special.cr_code)
        if kind in ("as_completed", "TaskGroup"):
            return ["text", kind]
        if kind == "sleep" and _last_sleep is not None and _last_sleep[0] == id(fut):
            # The sleep's timer, seen made in this step: its delay as the
            # program gave it, without asking the sleep's frame.
            d, _sleeps[id(fut)] = _last_sleep[1], _last_sleep[2]
            if type(d) in (int, float):
                return ["sleep", _fmt_seconds(d)]
        try:
            loc = special.cr_frame.f_locals
        except Exception:
            loc = {}
        if kind == "sleep":
            d = loc.get("delay")
            h = loc.get("h")
            if h is not None and fut is not None:
                _sleeps[id(fut)] = h.when()
            if isinstance(d, (int, float)):
                return ["sleep", _fmt_seconds(d)]
            return ["text", _source_text(inner)]
        elif kind == "wait_for":
            inner_fut = loc.get("fut")
            timeout = loc.get("timeout")
            ref = _ref(inner_fut)
            if ref is not None and isinstance(timeout, (int, float)):
                return ["wait_for", ref, _fmt_seconds(timeout)]
        elif kind == "wait":
            fs = loc.get("fs")
            if fs:
                refs = [_ref(f) for f in fs]
                if all(r is not None for r in refs):
                    return ["wait", refs]
    if isinstance(fut, asyncio.Task):
        ref = _ref(fut)
        if ref is not None:
            return ["task", ref]
    if type(fut).__name__ == "_GatheringFuture":
        children = getattr(fut, "_children", None)
        if children is not None:
            refs = [_ref(f) for f in children]
            if all(r is not None for r in refs):
                return ["gather", refs]
    return ["text", _source_text(inner)]


_hidden = {}  # id(task of an asyncio coroutine) -> its name
_hidden_refs = {}  # id -> a weak reference that forgets it


def _name_future(fut, name):
    """Name a future that is no task (an executor's job) in the labels of
    what waits for it: gather(blocking_io('disk', 1.0), ticker)."""
    key = id(fut)
    _hidden[key] = name
    _hidden_refs[key] = weakref.ref(fut, lambda _, key=key: (_hidden.pop(key, None), _hidden_refs.pop(key, None)))


def _ref(fut):
    """A lane id naming the task fut, or its name when it has no lane."""
    tr = _task_lanes.get(id(fut))
    if tr is not None:
        return tr.lane.id
    return _hidden.get(id(fut))


_positions = {}


def _source_text(coro):
    frame = getattr(coro, "cr_frame", None)
    if frame is None:
        return "await"
    code = frame.f_code
    pos = _positions.get(code)
    if pos is None:
        pos = _positions[code] = list(code.co_positions())
    i = frame.f_lasti // 2
    if i >= len(pos):
        return "await"
    ln, eln, c0, c1 = pos[i]
    if ln is None:
        return "await"
    first = linecache.getline(code.co_filename, ln)
    stripped = first.strip()
    if stripped.startswith("async with") or stripped.startswith("async for"):
        text = stripped.rstrip(":")
        return _shorten(" ".join(text.split()))
    lines = [linecache.getline(code.co_filename, n) for n in range(ln, (eln or ln) + 1)]
    if not lines or not lines[0]:
        return "await"
    if len(lines) == 1:
        b = lines[0].encode("utf-8")[c0:c1]
    else:
        lines[0] = lines[0].encode("utf-8")[c0:].decode("utf-8", "replace")
        lines[-1] = lines[-1].encode("utf-8")[:c1].decode("utf-8", "replace")
        b = " ".join(lines).encode("utf-8")
    text = " ".join(b.decode("utf-8", "replace").split())
    if text.startswith("await "):
        text = text[6:]
    text = text.replace("( ", "(").replace(" )", ")")
    if text.startswith("asyncio."):
        text = text[8:]
    return _shorten(text)


def _shorten(s, n=48):
    return s if len(s) <= n else s[:n - 1] + "…"


# ---------------------------------------------------------------- waking

_watch = {}  # id(future a task waits on) -> task record
_sleeps = {}  # id(sleep future) -> when its timer is due
_last_sleep = None  # (id(future), delay, when) of the last asyncio.sleep timer made
_set_result_unless_cancelled = asyncio.futures._set_result_unless_cancelled


def _woken(fut, tr):
    _watch.pop(id(fut), None)
    tr.watch = None
    t = _now()
    due = _sleeps.pop(id(fut), None)
    if due is not None and due < t:
        t = due
    _emit2('["R",', tr.stack[-1].id, round((t - _MONO0) * 1e9))


# ---------------------------------------------------------------- output

_line_bufs = {1: [], 2: []}
_line_meta = {1: None, 2: None}


def _capture(stream, s):
    if type(s) is not str or not s:
        return
    buf = _line_bufs[stream]
    start = 0
    while True:
        if _line_meta[stream] is None:
            _line_meta[stream] = _where()
        i = s.find("\n", start)
        if i < 0:
            buf.append(s[start:])
            return
        buf.append(s[start:i])
        t, lane, loop = _line_meta[stream]
        _put(f'["L",{t},{lane},{loop},{stream},{_enc("".join(buf))}]\n')
        buf.clear()
        _line_meta[stream] = None
        start = i + 1
        if start == len(s):
            return


def _where():
    """When, on which lane and in which loop something is happening."""
    ident = _get_ident()
    if ident == _main_ident:
        tr = _cur
        if tr is not None:
            _resolve_pending(tr)
            return _tnow(), tr.stack[-1].id, tr.loop._ag_id
        loop = asyncio.events._get_running_loop()
        return _tnow(), 0, getattr(loop, "_ag_id", 0)
    job = _jobs_by_thread.get(ident)
    if job is not None:
        return _tnow(), job.lane, job.loop._ag_id
    return _tnow(), 0, 0


def _wrap_stream(stream, f):
    if f is None:
        return
    orig = f.write

    def write(s):
        tf = _gettrace()
        if tf is not None:
            _settrace(None)
        try:
            n = orig(s)
            _capture(stream, s)
            return n
        finally:
            if tf is not None:
                _settrace(tf)

    try:
        f.write = write
    except AttributeError:
        pass


def _flush_partial_lines():
    for stream in (1, 2):
        if _line_bufs[stream]:
            t, lane, loop = _line_meta[stream]
            _emit("L", t, lane, loop, stream, "".join(_line_bufs[stream]))
            _line_bufs[stream].clear()
            _line_meta[stream] = None


# ---------------------------------------------------------------- workers


class _Pool:
    """A thread pool's virtual workers: slots, each drawn as a lane, and
    the jobs waiting for one."""

    def __init__(self, loop, executor, prefix):
        self.loop = loop
        self.executor = executor
        self.prefix = prefix
        self.size = getattr(executor, "_max_workers", None) or min(32, (os.cpu_count() or 1) + 4)
        self.slots = {}  # slot -> job
        self.lanes = {}  # slot -> lane id
        self.queue = []


_jobs_by_thread = {}  # thread ident -> job running on it
_pool_idents = set()  # threads that ran jobs: idle ones do not wake the loop
_deadlines = []  # heap of (virtual time, seq, job) of workers in time.sleep
_runnable = []  # jobs that may run now, in order
_seq = 0
_baton = threading.Condition(threading.Lock())


class _Job:
    __slots__ = ("loop", "pool", "fut", "func", "args", "detail", "slot", "lane", "state", "seg", "go")

    def __init__(self, loop, pool, fut, func, args):
        self.loop, self.pool, self.fut, self.func, self.args = loop, pool, fut, func, args
        self.detail = _job_detail(func, args)
        self.slot = -1
        self.lane = 0
        self.state = "queued"  # queued, startable, running, sleeping, parked-done
        self.seg = None
        self.go = False

    def run(self):
        """Runs on a real worker thread of the pool."""
        ident = _get_ident()
        with _baton:
            while not self.go:
                _baton.wait()
            self.go = False
        if self.fut.cancelled():
            self._park("done")
            return None
        _jobs_by_thread[ident] = self
        _pool_idents.add(ident)
        self._begin()
        _emit("TB", self.lane, _tnow(), self.detail)
        result = exc = None
        try:
            result = self.func(*self.args)
        except BaseException as e:
            exc = e
            caller = sys._getframe(1)
            tb = e.__traceback__.tb_next if e.__traceback__ is not None else None
            e.__traceback__ = types.TracebackType(tb, caller, caller.f_lasti, caller.f_lineno)
        finally:
            self._end()
            t = _tnow()  # still the job's thread: the virtual clock
            _jobs_by_thread.pop(ident, None)
        _emit("TI", self.lane, t)
        self.loop.call_soon_threadsafe(_deliver, self.fut, result, exc)
        exc = None
        self._park("done")
        return None

    def _begin(self):
        if _virtual:
            s = _Seg()
            _segs[_get_ident()] = s

    def _end(self):
        global _V
        if _virtual:
            s = _segs.pop(_get_ident(), None)
            if s is not None:
                _V = max(_V, s.now())

    def _park(self, state):
        with _baton:
            self.state = state
            _baton.notify_all()

    def sleep(self, secs):
        global _seq
        if not _virtual:
            return _real_sleep(secs)
        self._end()
        with _baton:
            _seq += 1
            heapq.heappush(_deadlines, (_V + secs, _seq, self))
            self.state = "sleeping"
            _baton.notify_all()
            while not self.go:
                _baton.wait()
            self.go = False
        self._begin()
        return None


class _ProcPool:
    """The workers of a process pool, drawn as lanes: they run for real, so
    what the lanes show is measured. A job takes the first free worker
    when it is submitted, or waits for one in order, as the pool's queue
    does; which process ran it is not known, how many ran at once is."""

    def __init__(self, loop, executor):
        self.loop = loop
        self.size = getattr(executor, "_max_workers", None) or (os.cpu_count() or 1)
        self.lanes = {}  # slot -> lane id
        self.busy = {}  # slot -> id(future)
        self.queue = []  # (future, detail) waiting for a worker

    def submit(self, fut, detail):
        slot = 0
        while slot in self.busy:
            slot += 1
        if slot < self.size:
            self.start(slot, fut, detail)
        else:
            self.queue.append((fut, detail))

    def start(self, slot, fut, detail):
        lane = self.lanes.get(slot)
        t = _tnow()
        if lane is None:
            lane = self.lanes[slot] = _new_lane_id()
            _emit("TH", lane, t, self.loop._ag_id, f"process_{slot}")
        self.busy[slot] = id(fut)
        _emit("TB", lane, t, detail)

    def done(self, fut):
        """A job ended (or was cancelled while it waited for a worker): its
        worker takes the next job that still waits."""
        slot = next((s for s, key in self.busy.items() if key == id(fut)), None)
        if slot is None:
            self.queue = [(f, d) for f, d in self.queue if f is not fut]
            return
        del self.busy[slot]
        _emit("TI", self.lanes[slot], _tnow())
        while self.queue:
            nxt, detail = self.queue.pop(0)
            if not nxt.done():
                self.start(slot, nxt, detail)
                return


def _job_detail(func, args):
    if isinstance(func, functools.partial) and getattr(func.func, "__name__", "") == "run" and isinstance(getattr(func.func, "__self__", None), contextvars.Context) and func.args:
        args = func.args[1:] + tuple(args)
        kw = func.keywords
        func = func.args[0]
    else:
        kw = {}
    name = _callable_name(func)
    parts = [_fmt_seconds(a) if name == "time.sleep" and type(a) in (int, float) else _arg_repr(a) for a in args]
    parts += [f"{k}={_arg_repr(v)}" for k, v in kw.items()]
    return name + "(" + ", ".join(parts) + ")"


def _deliver(fut, result, exc):
    if fut.cancelled():
        return
    if exc is not None:
        fut.set_exception(exc)
    else:
        fut.set_result(result)


def _schedule_jobs():
    """Give free slots to queued jobs, in order."""
    global _seq
    for pool in _pools_in_order:
        while pool.queue and len(pool.slots) < pool.size:
            job = pool.queue.pop(0)
            if job.fut.cancelled():
                continue
            slot = 0
            while slot in pool.slots:
                slot += 1
            pool.slots[slot] = job
            job.slot = slot
            lane = pool.lanes.get(slot)
            if lane is None:
                lane = pool.lanes[slot] = _new_lane_id()
                _emit("TH", lane, _tnow(), pool.loop._ag_id, f"{pool.prefix}_{slot}")
            job.lane = lane
            job.state = "startable"
            _runnable.append(job)
            pool.executor.submit(job.run)


_pools_in_order = []


def _drive_workers():
    """Run every worker that can run now, one at a time, each until it
    sleeps or finishes, so that what threads do is reproducible."""
    while True:
        _schedule_jobs()
        if not _runnable:
            return
        job = _runnable.pop(0)
        with _baton:
            job.state = "running"
            job.go = True
            _baton.notify_all()
            deadline = _real_monotonic() + 0.5
            while job.state == "running":
                left = deadline - _real_monotonic()
                if left <= 0:
                    break
                _baton.wait(left)
            if job.state == "running":
                job.state = "detached"
                _detached.add(job)
        if job.state == "done":
            _free_slot(job)


_detached = set()


def _free_slot(job):
    pool = job.pool
    if pool.slots.get(job.slot) is job:
        del pool.slots[job.slot]


def _reap_detached():
    for job in list(_detached):
        if job.state != "detached" and job.state != "running":
            _detached.discard(job)
            if job.state == "done":
                _free_slot(job)


def _wake_due_workers():
    while _deadlines and _deadlines[0][0] <= _V:
        _, _, job = heapq.heappop(_deadlines)
        _runnable.append(job)


# ---------------------------------------------------------------- the loop

_loop_ids = 0


def _stop(reason, detail):
    """Stop the program: a limit was reached or nothing can ever happen."""
    _flush_partial_lines()
    _emit("STOP", _tnow(), reason, detail)
    for f in (sys.stdout, sys.stderr):
        try:
            f.flush()
        except Exception:
            pass
    _flush()
    os._exit(3)


class _Selector(selectors.BaseSelector):
    """The loop's selector. On the virtual clock, when nothing is ready it
    advances the clock to the next timer or worker wake-up instead of
    sleeping; it waits for real only for real work (sockets, pipes,
    process pools, a worker thread busy for long)."""

    def __init__(self):
        self._sel = selectors.DefaultSelector()
        self._own = 0
        self.loop = None

    def register(self, fileobj, events, data=None):
        return self._sel.register(fileobj, events, data)

    def unregister(self, fileobj):
        return self._sel.unregister(fileobj)

    def modify(self, fileobj, events, data=None):
        return self._sel.modify(fileobj, events, data)

    def close(self):
        self._sel.close()

    def get_key(self, fileobj):
        return self._sel.get_key(fileobj)

    def get_map(self):
        return self._sel.get_map()

    def select(self, timeout=None):
        global _V
        loop = self.loop
        if not _virtual:
            return self._sel.select(timeout)
        loop._ag_events += 1
        if loop._ag_events > _opts["max_events"]:
            _stop("events", f"more than {_opts['max_events']} event-loop callbacks")
        _reap_detached()
        _drive_workers()
        ev = self._sel.select(0)
        if ev or timeout == 0:
            return ev
        nxt = loop._ag_next_timer()
        if _deadlines and (nxt is None or _deadlines[0][0] < nxt):
            nxt = _deadlines[0][0]
        if self._real_work_pending():
            cap = None if nxt is None else max(0.0, nxt - _V)
            cap = 0.05 if cap is None else min(cap, 0.05)
            t0 = _real_monotonic()
            ev = self._sel.select(cap)
            _V += _real_monotonic() - t0
            if nxt is not None and _V > nxt and not ev:
                _V = nxt
            self._check_duration()
            _wake_due_workers()
            return ev
        # A thread that ended just now (asyncio's own, shutting the default
        # executor down) woke the loop before it ended: look again before
        # the clock jumps, or the jump would fire a timeout (3.12's
        # shutdown_default_executor waits 300 s) before what woke it.
        ev = self._sel.select(0)
        if ev:
            return ev
        if nxt is None:
            _stop("deadlock", "")
        if nxt > _V:
            _V = nxt
        self._check_duration()
        _wake_due_workers()
        _drive_workers()
        return self._sel.select(0)

    def _check_duration(self):
        if _V - self.loop._ag_v0 > _opts["max_duration"]:
            _stop("duration", "")

    def _real_work_pending(self):
        if _detached or self.loop._ag_external:
            return True
        if len(self._sel.get_map()) > self._own:
            return True
        # A thread of the program's own (or asyncio's, shutting the
        # default executor down) may wake the loop: wait for it for real.
        for t in threading.enumerate():
            if t.ident != _main_ident and t.ident not in _pool_idents:
                return True
        return False


class _Timer(asyncio.TimerHandle):
    """asyncio's TimerHandle; of two due at the same time, the one made
    first comes first."""

    __slots__ = ("_ag_key",)  # (when, creation sequence)

    def __lt__(self, other):
        return self._ag_key < other._ag_key

    def __gt__(self, other):
        return self._ag_key > other._ag_key

    def __le__(self, other):
        return self._ag_key <= other._ag_key

    def __ge__(self, other):
        return self._ag_key >= other._ag_key


_Timer.__name__ = _Timer.__qualname__ = "TimerHandle"  # as its repr shows it
_Timer.__module__ = asyncio.TimerHandle.__module__


_TASK_TYPES = (asyncio.Task,) + ((asyncio.tasks._PyTask,) if hasattr(asyncio.tasks, "_PyTask") else ())
_base_call_soon = asyncio.BaseEventLoop.call_soon


class _Loop(asyncio.SelectorEventLoop):
    """asyncio's selector event loop, traced, on the probe's clock."""

    def __init__(self):
        global _loop_ids
        sel = _Selector()
        super().__init__(sel)
        sel.loop = self
        sel._own = len(sel.get_map())
        _loop_ids += 1
        self._ag_id = _loop_ids
        self._ag_v0 = _now()
        self._ag_external = 0
        self._ag_events = 0
        self._ag_pools = {}
        self._ag_procs = {}  # id(ProcessPoolExecutor) -> its _ProcPool
        self._ag_default = None
        _emit("LOOP", self._ag_id, _tnow())

    time = staticmethod(_now)

    # The hooks below run inside steps, while the trace function is set:
    # they unset it while they work, so that neither their own calls nor
    # asyncio's under them (a timer heap compares TimerHandles in Python)
    # cost a call of the trace function each.

    def call_at(self, when, callback, *args, context=None):
        if not _virtual:
            return super().call_at(when, callback, *args, context=context)
        tf = _gettrace()
        if tf is not None:
            _settrace(None)
        try:
            # BaseEventLoop.call_at, with a timer that orders timers due at
            # the same time by creation: on the real clock two timers are
            # never due at the same time, and the one made first is due
            # first; on the virtual clock time stands still in a step.
            if when is None:
                raise TypeError("when cannot be None")
            self._check_closed()
            if self._debug:
                self._check_thread()
                self._check_callback(callback, "call_at")
            global _seq
            _seq += 1
            timer = _Timer(when, callback, args, self, context)
            timer._ag_key = (when, _seq)
            if timer._source_traceback:
                del timer._source_traceback[-1]
            heapq.heappush(self._scheduled, timer)
            timer._scheduled = True
            return timer
        finally:
            if tf is not None:
                _settrace(tf)

    def call_later(self, delay, callback, *args, context=None):
        # BaseEventLoop.call_later; it notes the timer of asyncio.sleep,
        # whose delay labels the wait.
        global _last_sleep
        if delay is None:
            raise TypeError("delay must not be None")
        timer = self.call_at(self.time() + delay, callback, *args, context=context)
        if timer._source_traceback:
            del timer._source_traceback[-1]
        if callback is _set_result_unless_cancelled and args:
            _last_sleep = (id(args[0]), delay, timer._when)
        return timer

    def _ag_next_timer(self):
        """When the next timer is due, or None: the head of asyncio's own
        heap, which _run_once rid of cancelled timers just before it
        selects."""
        sch = self._scheduled
        if not sch:
            return None
        if not sch[0]._cancelled:
            return sch[0]._when
        due = [h._when for h in sch if not h._cancelled]
        return min(due) if due else None

    def call_soon(self, callback, *args, context=None):
        tf = _gettrace()
        if tf is not None:
            _settrace(None)
        try:
            if args:
                tr = _watch.get(id(args[0]))
                if tr is not None and tr.watch == id(args[0]):
                    _woken(args[0], tr)
            task = getattr(callback, "__self__", None)
            if isinstance(task, _TASK_TYPES):
                tr = _task_lanes.get(id(task))
                if tr is None and not args:
                    tr = _on_task(self, task)  # its first step: the task is new
                if tr is not None:
                    callback = _StepCall(callback, task, tr)
            return _base_call_soon(self, callback, *args, context=context)
        finally:
            if tf is not None:
                _settrace(tf)

    def create_task(self, coro, **kwargs):
        tf = _gettrace()
        if tf is not None:
            _settrace(None)
        try:
            return super().create_task(coro, **kwargs)
        finally:
            if tf is not None:
                _settrace(tf)

    def set_default_executor(self, executor):
        super().set_default_executor(executor)
        self._ag_default = executor

    def run_in_executor(self, executor, func, *args):
        self._check_closed()
        if executor is None:
            if self._ag_default is None:
                self.set_default_executor(concurrent.futures.ThreadPoolExecutor(thread_name_prefix="asyncio"))
            executor = self._ag_default
        if not isinstance(executor, concurrent.futures.ThreadPoolExecutor) or not _virtual:
            return self._ag_run_external(executor, func, *args)
        pool = self._ag_pools.get(id(executor))
        if pool is None:
            prefix = "asyncio" if executor is self._ag_default else (getattr(executor, "_thread_name_prefix", "") or "ThreadPoolExecutor")
            pool = self._ag_pools[id(executor)] = _Pool(self, executor, prefix)
            _pools_in_order.append(pool)
        fut = self.create_future()
        job = _Job(self, pool, fut, func, args)
        pool.queue.append(job)
        _name_future(fut, job.detail)
        return fut

    def _ag_run_external(self, executor, func, *args):
        fut = super().run_in_executor(executor, func, *args)
        detail = _job_detail(func, args)
        _name_future(fut, detail)
        procs = None
        if isinstance(executor, concurrent.futures.ProcessPoolExecutor):
            procs = self._ag_procs.get(id(executor))
            if procs is None:
                procs = self._ag_procs[id(executor)] = _ProcPool(self, executor)
            procs.submit(fut, detail)
        if _virtual or procs is not None:
            self._ag_external += 1
            fut.add_done_callback(functools.partial(self._ag_external_done, procs))
        return fut

    def _ag_external_done(self, procs, fut):
        self._ag_external -= 1
        if procs is not None:
            procs.done(fut)

    def close(self):
        super().close()
        _emit("LC", self._ag_id, _tnow())


def _refuse(what):
    def method(self, *args, **kwargs):
        frame = sys._getframe(1)
        while frame is not None and not (_is_user_file(frame.f_code.co_filename)):
            frame = frame.f_back
        where = f"{frame.f_code.co_filename}:{frame.f_lineno}" if frame is not None else ""
        _flush_partial_lines()
        _emit("ERR", "network", what, where)
        for f in (sys.stdout, sys.stderr):
            try:
                f.flush()
            except Exception:
                pass
        _flush()
        os._exit(3)

    return method


for _name in ("create_connection", "create_server", "create_datagram_endpoint", "create_unix_connection",
              "create_unix_server", "sock_connect", "sock_accept", "getaddrinfo", "getnameinfo", "connect_accepted_socket"):
    setattr(_Loop, _name, _refuse(_name))
del _name


def _install_network_for_real_clock():
    for name in ("create_connection", "create_server", "create_datagram_endpoint", "create_unix_connection",
                 "create_unix_server", "sock_connect", "sock_accept", "getaddrinfo", "getnameinfo", "connect_accepted_socket"):
        delattr(_Loop, name)


def _on_task(loop, task):
    """A task schedules its first step: it is new. Returns its record, or
    None for a task of asyncio's own coroutines or one seen already."""
    key = id(task)
    if key in _hidden or key in _seen_tasks:
        return None
    _overhead_start()
    try:
        return _new_task(loop, task, key)
    finally:
        _overhead_end()


_seen_tasks = weakref.WeakValueDictionary()  # tasks without a lane, by id


def _new_task(loop, task, key):
    coro = task.get_coro()
    code = getattr(coro, "cr_code", None)
    if code is None:
        _seen_tasks[key] = task
        return None
    k = _kinds.get(code)
    if k is None:
        k = _classify(code)
    if not k:
        # A task of asyncio's own coroutine (to_thread in a gather,
        # shutdown_asyncgens): no lane; named in the labels of its waiters.
        if _cur is not None:
            name = task.get_name()
            if name.startswith("Task-"):
                name = _call_name(code, _coro_args(coro, code))
            _hidden[key] = name
            _hidden_refs[key] = weakref.ref(task, lambda _, key=key: (_hidden.pop(key, None), _hidden_refs.pop(key, None)))
        else:
            _seen_tasks[key] = task
        return None
    tr = _TaskRec(task, coro, loop)
    _task_lanes[key] = tr
    creator = _cur.stack[-1].id if _cur is not None else 0
    name = tr.default_name
    if name.startswith("Task-"):
        name = _call_name(code, _coro_args(coro, code))
    else:
        tr.named = name
    _put(f'["T",{tr.lane.id},{_tnow()},{loop._ag_id},{creator},{_enc(_func_name(code))},{_enc(name)},{_from_set()}]\n')
    return tr


_SET_CREATORS = ("as_completed", "_AsCompletedIterator.__init__")


def _from_set():
    """1 when asyncio creates the task while iterating a set (as_completed
    does): its place among its siblings is arbitrary."""
    f = sys._getframe(3)  # the caller of the loop's call_soon
    for _ in range(12):
        if f is None:
            break
        code = f.f_code
        fn = code.co_filename
        if fn == _tasks_file:
            if code.co_qualname in _SET_CREATORS:
                return 1
        elif fn != _base_events_file and fn != __file__:
            return 0  # the program's own code, or a library's, made it
        f = f.f_back
    return 0


_tasks_file = asyncio.tasks.__file__
_base_events_file = asyncio.base_events.__file__


class _Policy(asyncio.DefaultEventLoopPolicy):
    def new_event_loop(self):
        return _Loop()


# ---------------------------------------------------------------- running


def _watchdog(signum, frame):
    """SIGVTALRM: a step that never returns to the loop still costs time."""
    tr = _cur
    if tr is not None and _virtual and _now() - tr.loop._ag_v0 > _opts["max_duration"]:
        _stop("duration", "")


def _after_fork_child():
    sys.settrace(None)
    if _virtual:
        _uninstall_clock()
    global _out
    try:
        _out.close()
    except Exception:
        pass
    _pending.clear()
    _out = open(os.devnull, "wb")


def _strip_tb(tb, filename):
    while tb is not None and tb.tb_frame.f_code.co_filename != filename:
        tb = tb.tb_next
    return tb


def main():
    global _user_file, _skip_prefixes, _out, _virtual
    args = _parse_args(sys.argv[1:])
    _out = open(_opts["fd"], "wb", buffering=1 << 16, closefd=True)
    _virtual = _opts["clock"] != "real"
    path = args[0]
    _user_file = os.path.abspath(path)
    paths = sysconfig.get_paths()
    skip = {os.path.dirname(os.path.abspath(__file__)) + os.sep}
    for key in ("stdlib", "platstdlib", "purelib", "platlib"):
        if paths.get(key):
            skip.add(os.path.realpath(paths[key]) + os.sep)
            skip.add(paths[key] + os.sep)
    _skip_prefixes = tuple(sorted(skip))
    import dis
    global _YIELD_OP
    for name in ("RETURN_VALUE", "RETURN_CONST"):
        if name in dis.opmap:
            _RETURN_OPS.add(dis.opmap[name])
    _YIELD_OP = dis.opmap["YIELD_VALUE"]
    _init_special()
    _install_warning_hooks()
    _emit("HELLO", PROBE_VERSION, "%d.%d.%d" % sys.version_info[:3], _opts["clock"])

    sys.argv = args
    sys.path[0] = os.path.dirname(_user_file)
    with open(_user_file, "rb") as f:
        source = f.read()
    mod = types.ModuleType("__main__")
    mod.__file__ = _user_file
    mod.__builtins__ = builtins
    mod.__cached__ = None
    import importlib.machinery
    mod.__loader__ = importlib.machinery.SourceFileLoader("__main__", _user_file)
    sys.modules["__main__"] = mod

    if _virtual:
        _install_clock()
    else:
        _install_network_for_real_clock()
    asyncio.set_event_loop_policy(_Policy())
    _wrap_stream(1, sys.stdout)
    _wrap_stream(2, sys.stderr)
    os.register_at_fork(after_in_child=_after_fork_child)
    gc.callbacks.append(_gc_callback)
    if _virtual and hasattr(signal, "setitimer"):
        signal.signal(signal.SIGVTALRM, _watchdog)
        signal.setitimer(signal.ITIMER_VIRTUAL, 0.25, 0.25)
    status = 0
    try:
        try:
            code = compile(source, _user_file, "exec", dont_inherit=True)
        except SyntaxError as e:
            e.__traceback__ = None  # python3 shows no frame for a syntax error
            sys.excepthook(type(e), e, None)
            status = 1
        else:
            exec(code, mod.__dict__)
    except SystemExit:
        raise
    except BaseException as e:
        tb = _strip_tb(e.__traceback__, _user_file)
        e.__traceback__ = tb
        sys.excepthook(type(e), e, tb)
        status = 130 if isinstance(e, KeyboardInterrupt) else 1
        del e
    finally:
        if _virtual and hasattr(signal, "setitimer"):
            signal.setitimer(signal.ITIMER_VIRTUAL, 0, 0)
        _flush_partial_lines()
        _flush()
    if status:
        sys.exit(status)


if __name__ == "__main__":
    main()
