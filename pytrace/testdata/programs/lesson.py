"""Sequential versus concurrent: three tasks sleep 2 s, 1 s and 3 s."""

import asyncio
import time


async def task(name, seconds):
    print(f"Task {name} starting...")
    await asyncio.sleep(seconds)
    print(f"Task {name} done after {seconds} seconds")


async def sequential():
    start = time.perf_counter()
    await task("A", 2)
    await task("B", 1)
    await task("C", 3)
    print(f"Sequential total: ~{time.perf_counter() - start:.0f} seconds")


async def concurrent():
    start = time.perf_counter()
    await asyncio.gather(task("A", 2), task("B", 1), task("C", 3))
    print(f"Concurrent total: ~{time.perf_counter() - start:.0f} seconds")


async def main():
    await sequential()
    await concurrent()


asyncio.run(main())
