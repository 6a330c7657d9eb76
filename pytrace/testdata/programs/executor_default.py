"""Blocking calls sent to the default executor leave the loop free."""

import asyncio
import time


def blocking_io(name, seconds):
    time.sleep(seconds)
    return f"{name} read"


async def ticker(n):
    for i in range(n):
        print(f"tick {i}")
        await asyncio.sleep(0.3)


async def main():
    loop = asyncio.get_running_loop()
    start = time.perf_counter()
    results = await asyncio.gather(
        loop.run_in_executor(None, blocking_io, "disk", 1.0),
        loop.run_in_executor(None, blocking_io, "tape", 0.5),
        ticker(4),
    )
    print(results[:2], f"in {time.perf_counter() - start:.1f} s")


asyncio.run(main())
