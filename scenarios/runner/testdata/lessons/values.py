"""Values from the run."""

import asyncio
import time


async def ok(x):
    await asyncio.sleep(0.1)
    return x * 2


async def bad(msg):
    await asyncio.sleep(0.2)
    raise ValueError(f"bad {msg}")


async def slow():
    await asyncio.sleep(5)


async def pair(a, b):
    r1 = await ok(a)
    r2 = await ok(b)
    return [r1, r2]


async def main_names():
    print(f"main is {asyncio.current_task().get_name()}")
    t1 = asyncio.create_task(ok(1))
    t2 = asyncio.create_task(ok(2), name="second")
    print(f"{t1.get_name()} {t2.get_name()} {t1.done()}")
    try:
        print(f"{t1.result()}")
    except asyncio.InvalidStateError as err:
        print(f"{type(err).__name__}: {err}")
    await t1
    print(f"{t1.result()} {t1.exception()} {t1.cancelled()} {t1.done()}")
    t3 = asyncio.create_task(slow())
    await asyncio.sleep(0)
    t3.cancel()
    try:
        await t3
    except asyncio.CancelledError:
        print(f"t3 cancelled: {t3.cancelled()}")
    try:
        print(f"{t3.result()}")
    except asyncio.CancelledError as c:
        print(f"result() raised {c!r}")


async def main_done_and_pending():
    a = asyncio.create_task(ok(1))
    b = asyncio.create_task(bad('b'))
    c = asyncio.create_task(slow())
    done, pending = await asyncio.wait([a, b, c], timeout=1)
    print(f"done {sorted(t.get_name() for t in done)}, pending {[t.get_name() for t in pending]}")
    for t in done:
        if t.exception() is None:
            print(f"{t.get_name()} returned {t.result()}")
        else:
            print(f"{t.get_name()} raised {t.exception()!r}")
    print(f"{a in done} {c in done} {c in pending}")
    for task in pending:
        task.cancel()


async def main_exceptions():
    try:
        await bad('x')
    except ValueError as e:
        print(f"{e} | {e!r} | {type(e).__name__} | {e.args}")
    results = await asyncio.gather(ok(1), bad('y'), ok(3), return_exceptions=True)
    for r in results:
        if isinstance(r, Exception):
            print(f"error: {r}")
        else:
            print(f"value: {r}")
    p = await pair(1, 2)
    print(f"{p} {p[0] + p[1]} {sum(p)} {max(p)} {len(p)}")


async def main_arithmetic():
    a = 7
    b = 2
    f = 1.5
    names = []
    print(f"{a / b} {a // b} {-a // b} {a % b} {-a % b} {a * f} {a - b * 3}")
    print(f"{1 / 3} {10 / 2} {2.0} {1e16 * 1.0} {0.1 + 0.2}")
    print(f"{f:.2f}|{a:03d}|{'x':>4}|{'x':<4}|{'x':^5}|{1234567:,}|{0.25:.0%}|{f!r:>6}")
    for n in ['c', a, b]:
        names = names + [n]
    print(f"{names} {sorted([b, a])} {len(names) == 3 and 'c' in names} {names[-1]}")
    print(f"{'yes' if a > b else 'no'} {not a} {str(a) + '!'} {repr('q')} {list(range(2, 8, 2))}")
    print(f"{min(3, 1, 2)} {max([4, 9])} {a == 7.0} {True + 1} {3 * 'ab'} {[1, 2] * 2}")


if __name__ == "__main__":
    asyncio.run(main_names())
    asyncio.run(main_done_and_pending())
    asyncio.run(main_exceptions())
    asyncio.run(main_arithmetic())
