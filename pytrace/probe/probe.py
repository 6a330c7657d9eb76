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

PROBE_VERSION = 1

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


def _field(f):
    if type(f) is str:
        return _enc(f)
    if type(f) is int:
        return str(f)
    return json.dumps(f, ensure_ascii=False, separators=(",", ":"))


def _emit(*fields):
    """Write one event: a JSON array of ints, strings and lists."""
    line = "[" + ",".join(map(_field, fields)) + "]\n"
    with _emit_lock:
        _pending.extend(line.encode("utf-8", "surrogatepass"))
        if len(_pending) >= 1 << 16:
            _write_pending()


def _write_pending():
    _out.write(_pending)
    _pending.clear()


def _flush():
    try:
        with _emit_lock:
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

    __slots__ = ("v0", "cpu0", "blocked", "lost")

    def __init__(self):
        self.v0 = _V
        self.cpu0 = _thread_time()
        self.blocked = 0.0
        self.lost = 0.0

    def now(self):
        t = _thread_time()
        used = t - self.cpu0 - self.lost
        if _overhead_t0 and _get_ident() == _main_ident:
            used -= t - _overhead_t0[0]
        if used < _THRESHOLD:
            used = 0.0
        else:
            used = (used // _QUANTUM) * _QUANTUM
        return self.v0 + self.blocked + used


def _now():
    """The current time in monotonic space, virtual or real."""
    if not _virtual:
        return _real_monotonic()
    s = _segs.get(_get_ident())
    if s is not None:
        return s.now()
    return _V


def _tnow():
    return _ns(_now())


# The virtual clock functions the program sees.


def _v_monotonic():
    return _now()


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
    s = "%.6f" % d
    s = s.rstrip("0")
    return s[:-1] if s.endswith(".") else s


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
    elif t in _FUNCS:
        r = _callable_name(v)
    else:
        r = t.__name__
    if len(r) > 24:
        r = r[:23] + "…"
    return r


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

    __slots__ = ("id", "fid", "depth", "coro", "ret_t", "ret_arg", "ret_op", "ret_cancel")

    def __init__(self, fid, depth):
        self.id = _new_lane_id()
        self.fid = fid
        self.depth = depth  # its place in its task's stack
        self.coro = None  # a weak reference to its coroutine, once seen
        self.ret_t = 0
        self.ret_arg = None
        self.ret_op = 0
        self.ret_cancel = False


class _TaskRec:
    """What the probe knows of a task: its lane stack (the task's lane,
    then the coroutines it awaits inline), its weak references."""

    __slots__ = ("lane", "stack", "task", "key", "coro", "loop", "pending", "default_name", "named", "watch", "entry", "__weakref__")

    def __init__(self, task, coro, loop):
        self.lane = _Lane(id(coro.cr_frame), 0)
        self.entry = None  # the outermost lane resumed in the current step
        self.stack = [self.lane]
        self.key = id(task)
        self.task = weakref.ref(task, self.died)
        self.coro = weakref.ref(coro)
        self.loop = loop
        self.pending = []
        self.default_name = task.get_name()
        self.named = None
        self.watch = None

    def died(self, _ref):
        _forget_task(self.key, self)


_frames = {}  # id(frame) -> (task record, lane)
_task_lanes = {}  # id(task) -> task record, for labels naming tasks
_cur = None  # the task record whose step is running on the loop thread
_kinds = {}  # code -> 1 for the user's coroutines, 0 otherwise
_RETURN_OPS = set()
_codebytes = {}


def _classify(code):
    k = 0
    if code.co_flags & 0x80 and _is_user_file(code.co_filename):
        name = code.co_name
        if not (name.startswith("__") and name.endswith("__")) and not name.startswith("<"):
            k = 1
    _kinds[code] = k
    return k


def _prof(frame, event, arg):
    if event == "call":
        k = _kinds.get(frame.f_code)
        if k is None:
            k = _classify(frame.f_code)
        if k == 1:
            _on_call(frame)
        elif k == 2:
            _overhead_start()
    elif event == "return":
        k = _kinds.get(frame.f_code)
        if k == 1:
            _on_return(frame, arg)
        elif k == 2:
            _overhead_end()


# Time spent showing warnings, collecting garbage and writing output is
# not the program's computing: it costs no virtual time.
_overhead_t0 = []


def _overhead_start():
    if _get_ident() == _main_ident:
        _overhead_t0.append(_thread_time())


def _overhead_end():
    if _overhead_t0 and _get_ident() == _main_ident:
        dt = _thread_time() - _overhead_t0.pop()
        if not _overhead_t0:
            s = _segs.get(_get_ident())
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
    tr = _cur
    if tr is not None and tr.pending:
        _resolve_pending(tr)
    ent = _frames.get(id(frame))
    if ent is None:
        if tr is None:
            return
        t = _tnow()
        _overhead_start()
        parent = tr.stack[-1]
        lane = _Lane(id(frame), len(tr.stack))
        _frames[lane.fid] = (tr, lane)
        tr.stack.append(lane)
        code = frame.f_code
        _emit("I", lane.id, t, parent.id, _func_name(code), _call_name(code, frame.f_locals))
        _overhead_end()
        return
    tr, lane = ent
    if _cur is not tr:
        # A step starts: usually at the task's coroutine, but at the
        # innermost one when the task is cancelled (the exception is thrown
        # in there first, and its callers resume only if it propagates).
        _step_start(tr, lane)
    elif lane.depth < tr.entry.depth:
        tr.entry = lane


def _on_return(frame, arg):
    ent = _frames.get(id(frame))
    if ent is None:
        return
    tr, lane = ent
    if lane is tr.lane:
        _step_end(tr, arg)
        return
    lane.ret_t = _tnow()
    lane.ret_arg = arg
    code = frame.f_code
    b = _codebytes.get(code)
    if b is None:
        b = _codebytes[code] = code.co_code
    lane.ret_op = b[frame.f_lasti] if frame.f_lasti >= 0 else 0
    t = tr.task()
    lane.ret_cancel = t is not None and t.cancelling() > 0
    tr.pending.append(lane)
    if lane is tr.entry and _cur is tr and lane.coro is not None:
        c = lane.coro()
        if c is not None and not c.cr_running:
            _step_end(tr, arg, lane, c)  # it suspended; its callers were not resumed


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
        elif lane.ret_cancel:
            _end_inline(tr, lane, lane.ret_t, "c", "")
        else:
            exc = sys.exc_info()[1]
            _end_inline(tr, lane, lane.ret_t, "x", _exc_text(exc) if exc is not None else "")
    tr.pending.clear()


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


def _step_start(tr, entry):
    global _cur, _steps
    if _cur is not None:
        _step_end(_cur, None)  # never seen to end: cannot happen, but stay sane
    _cur = tr
    tr.entry = entry
    _steps += 1
    if _steps > _opts["max_events"]:
        _stop("events", f"more than {_opts['max_events']} event-loop callbacks")
    _finish_outcomes()
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
        _segs[_main_ident] = _Seg()
    _emit("S", tr.stack[-1].id, _tnow())


_outcomes = []  # task records whose task finished in a step, outcome unread


def _step_end(tr, arg, entry=None, entry_coro=None):
    """The task's step ended: at its coroutine's return, or at the return of
    entry (with its coroutine entry_coro) when the step began there."""
    global _cur, _V
    t = _now()
    if _virtual:
        _segs.pop(_main_ident, None)
        _V = t
        if t - tr.loop._ag_v0 > _opts["max_duration"]:
            _cur = None
            _stop("duration", "")
    _cur = None
    ts = _ns(t)
    if entry is None:
        coro = tr.coro()
        suspended = coro is not None and not coro.cr_running
    else:
        coro, suspended = entry_coro, True
    if suspended:
        chain, label = _await_chain(coro, arg)
        if entry is not None:
            chain.update(l.fid for l in tr.stack[:entry.depth + 1])
        _resolve_pending(tr, chain)
        top = tr.stack[-1].id
        if arg is None:
            _emit("Y", top, ts)
        else:
            _emit("W", top, ts, label)
            _watch[id(arg)] = tr
            tr.watch = id(arg)
        return
    _resolve_pending(tr)
    for lane in reversed(tr.stack[1:]):
        _end_inline(tr, lane, ts, "x", "")
    del tr.stack[1:]
    _frames.pop(tr.lane.fid, None)
    _emit("E", tr.lane.id, ts)
    _outcomes.append((tr, arg))


def _finish_outcomes():
    """Read the outcome of tasks that finished since the last look, without
    marking an exception retrieved (asyncio logs unretrieved ones)."""
    if not _outcomes:
        return
    for tr, arg in _outcomes:
        t = tr.task()
        if t is None or not t.done():
            _emit("O", tr.lane.id, "", "")
        elif t.cancelled():
            _emit("O", tr.lane.id, "c", "")
        else:
            exc = getattr(t, "_exception", None)
            if exc is not None:
                _emit("O", tr.lane.id, "x", _exc_text(exc))
            else:
                _emit("O", tr.lane.id, "r", _short_value(arg))
        _task_lanes.pop(id(t), None) if t is not None else None
    _outcomes.clear()


# ---------------------------------------------------------------- labels

_sleep_code = asyncio.tasks.sleep.__code__
_special = {}  # code -> label kind for asyncio's own coroutines


def _init_special():
    t = asyncio.tasks
    _special[t.sleep.__code__] = "sleep"
    _special[t.wait_for.__code__] = "wait_for"
    _special[t.wait.__code__] = "wait"
    _special[asyncio.TaskGroup.__aexit__.__code__] = "TaskGroup"
    for f in (warnings._showwarnmsg, getattr(warnings, "_warn_unawaited_coroutine", None)):
        if f is not None:
            _kinds[f.__code__] = 2


def _special_kind(code):
    k = _special.get(code)
    if k is None:
        k = ""
        if code.co_name == "_wait_for_one" and code.co_filename == asyncio.tasks.__file__:
            k = "as_completed"
        _special[code] = k
    return k


def _await_chain(coro, arg):
    """Walk the suspended task's await chain: the ids of the user's frames
    in it, and the label of what the innermost of them waits on."""
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
                ent = _frames.get(fid)
                if ent is not None and ent[1].coro is None:
                    ent[1].coro = weakref.ref(aw)
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
    fids.add(id(coro.cr_frame))
    return fids, _label(inner, special, arg)


def _label(inner, special, fut):
    if special is not None:
        kind = _special_kind(special.cr_code)
        if kind in ("as_completed", "TaskGroup"):
            return ["text", kind]
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


def _woken(fut, tr):
    _watch.pop(id(fut), None)
    tr.watch = None
    t = _now()
    due = _sleeps.pop(id(fut), None)
    if due is not None and due < t:
        t = due
    _emit("R", tr.stack[-1].id, _ns(t))


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
        _emit("L", t, lane, loop, stream, "".join(buf))
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
        n = orig(s)
        _capture(stream, s)
        return n

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
            _jobs_by_thread.pop(ident, None)
        _emit("TI", self.lane, _tnow())
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


def _stuck_report():
    pass


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
        _finish_outcomes()
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
        self._ag_timers = []
        self._ag_external = 0
        self._ag_events = 0
        self._ag_pools = {}
        self._ag_default = None
        _emit("LOOP", self._ag_id, _tnow())

    def time(self):
        return _now()

    def call_at(self, when, callback, *args, context=None):
        h = super().call_at(when, callback, *args, context=context)
        if _virtual:
            global _seq
            _seq += 1
            heapq.heappush(self._ag_timers, (when, _seq, h))
        return h

    def _ag_next_timer(self):
        ts = self._ag_timers
        while ts and (ts[0][2].cancelled() or ts[0][0] <= _V):
            heapq.heappop(ts)
        return ts[0][0] if ts else None

    def call_soon(self, callback, *args, context=None):
        if args:
            tr = _watch.get(id(args[0]))
            if tr is not None and tr.watch == id(args[0]):
                _woken(args[0], tr)
        return super().call_soon(callback, *args, context=context)

    def create_task(self, coro, **kwargs):
        task = super().create_task(coro, **kwargs)
        _overhead_start()
        try:
            _on_task(self, task, coro)
        finally:
            _overhead_end()
        return task

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
        pool.queue.append(_Job(self, pool, fut, func, args))
        return fut

    def _ag_run_external(self, executor, func, *args):
        fut = super().run_in_executor(executor, func, *args)
        if _virtual:
            self._ag_external += 1
            fut.add_done_callback(self._ag_external_done)
        return fut

    def _ag_external_done(self, fut):
        self._ag_external -= 1

    def close(self):
        _finish_outcomes()
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


def _on_task(loop, task, coro):
    if getattr(coro, "cr_frame", None) is None:
        return
    code = coro.cr_code
    k = _kinds.get(code)
    if k is None:
        k = _classify(code)
    if not k:
        # A task of asyncio's own coroutine (to_thread in a gather,
        # shutdown_asyncgens): no lane; named in the labels of its waiters.
        if _cur is not None:
            name = task.get_name()
            if name.startswith("Task-"):
                name = _call_name(code, coro.cr_frame.f_locals)
            key = id(task)
            _hidden[key] = name
            _hidden_refs[key] = weakref.ref(task, lambda _, key=key: (_hidden.pop(key, None), _hidden_refs.pop(key, None)))
        return
    tr = _TaskRec(task, coro, loop)
    _frames[tr.lane.fid] = (tr, tr.lane)
    _task_lanes[id(task)] = tr
    creator = _cur.stack[-1].id if _cur is not None else 0
    name = tr.default_name
    if name.startswith("Task-"):
        name = _call_name(code, coro.cr_frame.f_locals)
    else:
        tr.named = name
    _emit("T", tr.lane.id, _tnow(), loop._ag_id, creator, _func_name(code), name, _from_set())


_SET_CREATORS = ("as_completed", "_AsCompletedIterator.__init__")


def _from_set():
    """1 when asyncio creates the task while iterating a set (as_completed
    does): its place among its siblings is arbitrary."""
    f = sys._getframe(3)
    for _ in range(6):
        if f is None:
            break
        code = f.f_code
        if code.co_qualname in _SET_CREATORS and code.co_filename == asyncio.tasks.__file__:
            return 1
        f = f.f_back
    return 0


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
    sys.setprofile(None)
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
    for name in ("RETURN_VALUE", "RETURN_CONST"):
        if name in dis.opmap:
            _RETURN_OPS.add(dis.opmap[name])
    _init_special()
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
            sys.excepthook(type(e), e, None)
            status = 1
        else:
            sys.setprofile(_prof)
            try:
                exec(code, mod.__dict__)
            finally:
                sys.setprofile(None)
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
        _finish_outcomes()
        _flush_partial_lines()
        _flush()
    if status:
        sys.exit(status)


if __name__ == "__main__":
    main()
