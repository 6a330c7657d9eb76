"""Six workers made in a loop share two slots of a semaphore."""

import asyncio
import time

START = time.perf_counter()


def now():
    return f"{time.perf_counter() - START:4.1f}"


async def worker(n, sem, seconds):
    print(f"{now()} worker {n} waits")
    async with sem:
        print(f"{now()} worker {n} runs for {seconds} s")
        await asyncio.sleep(seconds)
    print(f"{now()} worker {n} done")
    return n * 10


async def main():
    sem = asyncio.Semaphore(2)
    tasks = []
    for n, seconds in enumerate([1.0, 0.6, 0.5, 2.0, 1.2, 0.4]):
        tasks.append(asyncio.create_task(worker(n, sem, seconds)))
    results = await asyncio.gather(*tasks)
    print(f"{now()} results {results}")


asyncio.run(main())
