"""Inline coroutines that end by cancellation."""

import asyncio
import time


async def inner():
    print("inner starts")
    await asyncio.sleep(2)
    print("never printed")


async def outer():
    await inner()


async def failing():
    await asyncio.sleep(0.5)
    raise ValueError("inner failure")


async def middle():
    await failing()


async def catcher():
    try:
        await middle()
    except ValueError as e:
        print(f"catcher caught {e!r}")


async def main_task_cancelled():
    t = asyncio.create_task(outer())
    await asyncio.sleep(1)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print(f"outer cancelled: {t.cancelled()}")


async def main_timeout():
    start = time.perf_counter()
    try:
        async with asyncio.timeout(1):
            await inner()
    except TimeoutError:
        elapsed = time.perf_counter() - start
        print(f"timed out at {elapsed:.1f}")


async def main_caught():
    await catcher()


if __name__ == "__main__":
    asyncio.run(main_task_cancelled())
    asyncio.run(main_timeout())
    asyncio.run(main_caught())
