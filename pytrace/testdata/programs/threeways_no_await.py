"""Gathered, but each task forgets to await asyncio.sleep."""

import asyncio
import time


async def a():
    print("a starts")
    asyncio.sleep(1.0)
    print("a ends")


async def b():
    print("b starts")
    asyncio.sleep(0.5)
    print("b ends")


async def c():
    print("c starts")
    asyncio.sleep(1.5)
    print("c ends")


async def main():
    start = time.perf_counter()
    await asyncio.gather(a(), b(), c())
    print(f"took {time.perf_counter() - start:.1f} s")


asyncio.run(main())
