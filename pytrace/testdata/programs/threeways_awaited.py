"""Gathered, and each task awaits asyncio.sleep."""

import asyncio
import time


async def a():
    print("a starts")
    await asyncio.sleep(1.0)
    print("a ends")


async def b():
    print("b starts")
    await asyncio.sleep(0.5)
    print("b ends")


async def c():
    print("c starts")
    await asyncio.sleep(1.5)
    print("c ends")


async def main():
    start = time.perf_counter()
    await asyncio.gather(a(), b(), c())
    print(f"took {time.perf_counter() - start:.1f} s")


asyncio.run(main())
