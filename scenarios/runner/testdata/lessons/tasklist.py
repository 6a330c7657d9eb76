"""Tasks made in expressions."""

import asyncio
import time


async def work(i):
    print(f"work {i} starts")
    await asyncio.sleep(i * 0.5)
    return i * 10


async def main_comprehension():
    start = time.perf_counter()
    tasks = [asyncio.create_task(work(i)) for i in range(3)]
    print(f"made {len(tasks)} at {time.perf_counter() - start:.0f}")
    results = await asyncio.gather(*tasks)
    print(f"{results} {[t.get_name() for t in tasks]}")


async def main_named():
    tasks = list(asyncio.create_task(work(i), name=f"w{i}") for i in [2, 1])
    first = asyncio.create_task(work(0))
    r = await first
    print(f"first gave {r}")
    for t in tasks:
        v = await t
        print(f"{t.get_name()} gave {v} done={t.done()}")


if __name__ == "__main__":
    asyncio.run(main_comprehension())
    asyncio.run(main_named())
