"""TaskGroup as and except*."""

import asyncio
import time


async def fetch(name, delay):
    await asyncio.sleep(delay)
    print(f"{name} fetched")
    return f"{name}!"


async def fails(kind, msg, delay):
    await asyncio.sleep(delay)
    if kind == 'value':
        raise ValueError(f"{msg}")
    if kind == 'type':
        raise TypeError(f"{msg}")
    raise KeyError(f"{msg}")


async def main_as():
    async with asyncio.TaskGroup() as tg:
        ta = tg.create_task(fetch('a', 0.2))
        tb = tg.create_task(fetch('b', 0.1))
        print(f"inside the group: {ta.done()} {tb.done()}")
    print(f"after: {ta.result()} {tb.result()}")
    async with asyncio.TaskGroup() as tg:
        tasks = [tg.create_task(fetch(n, 0.1)) for n in 'xyz']
    print(f"{[t.result() for t in tasks]}")


async def main_except_star():
    start = time.perf_counter()
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(fails('value', 'v1', 0.1))
            tg.create_task(fails('type', 't1', 0.1))
            tg.create_task(fetch('slow', 1))
    except* ValueError as e:
        print(f"value errors: {e!r}")
        print(f"{type(e).__name__} {e} {e.exceptions}")
    except* TypeError as te:
        print(f"type errors: {te!r}")
    elapsed = time.perf_counter() - start
    print(f"after at {elapsed:.1f}")


async def main_naked():
    try:
        raise ValueError("naked")
    except* ValueError as e:
        print(f"{e!r}")
    try:
        try:
            raise KeyError("k")
        except* ValueError:
            print("not reached")
    except KeyError as e:
        print(f"propagated {e!r}")


async def main_rest_and_raise():
    try:
        try:
            async with asyncio.TaskGroup() as tg:
                tg.create_task(fails('value', 'v', 0.1))
                tg.create_task(fails('key', 'k', 0.1))
        except* ValueError as e:
            print(f"handled {e!r}")
    except ExceptionGroup as e:
        print(f"rest {e!r}")
    try:
        try:
            async with asyncio.TaskGroup() as tg:
                tg.create_task(fails('value', 'v', 0.1))
                tg.create_task(fails('key', 'k', 0.1))
        except* ValueError:
            raise RuntimeError("new")
    except ExceptionGroup as e:
        print(f"combined {e!r}")
    try:
        try:
            async with asyncio.TaskGroup() as tg:
                tg.create_task(fails('value', 'v', 0.1))
        except* ValueError:
            raise RuntimeError("alone")
    except RuntimeError as e:
        print(f"alone {e!r}")
    try:
        try:
            async with asyncio.TaskGroup() as tg:
                tg.create_task(fails('value', 'v', 0.1))
                tg.create_task(fails('type', 't', 0.1))
        except* ValueError:
            raise
    except ExceptionGroup as e:
        print(f"reraised {e!r}")


if __name__ == "__main__":
    asyncio.run(main_as())
    asyncio.run(main_except_star())
    asyncio.run(main_naked())
    asyncio.run(main_rest_and_raise())
