"""Loops, conditions and comprehensions."""

import asyncio
import time

sem: asyncio.Semaphore
start = time.perf_counter()


async def worker(name, sem):
    async with sem:
        elapsed = time.perf_counter() - start
        print(f"{name} working at {elapsed:.1f}")
        await asyncio.sleep(1)
    return f"{name} ok"


async def fetch(name, delay):
    await asyncio.sleep(delay)
    return f"{name} after {delay} s"


async def countdown(n):
    while n > 0:
        print(f"{n}...")
        n = n - 1
        await asyncio.sleep(0.1)
    print("liftoff")


async def classify(x):
    if x < 0:
        return 'negative'
    elif x == 0:
        return 'zero'
    else:
        return 'positive'


async def main_for():
    global sem, start
    sem = asyncio.Semaphore(2)
    start = time.perf_counter()
    for i in range(3):
        print(f"i = {i}")
    print(f"after the loop i = {i}")
    for name, delay in [['A', 1], ['B', 2]]:
        print(f"{name} takes {delay} s")
    for c in 'ab':
        print(f"char {c!r}")
    for n in range(10):
        if n % 2 == 1:
            continue
        if n >= 6:
            break
        print(f"even {n}")
    await countdown(3)
    for x in [-2, 0, 5]:
        kind = await classify(x)
        print(f"{x} is {kind}")


async def main_gather_comprehension():
    global sem, start
    sem = asyncio.Semaphore(2)
    start = time.perf_counter()
    results = await asyncio.gather(*(worker(f"T{i}", sem) for i in range(1, 6)))
    print(f"{results}")
    elapsed = time.perf_counter() - start
    print(f"total {elapsed:.1f} s")


async def main_tasks_comprehension():
    global sem, start
    sem = asyncio.Semaphore(2)
    start = time.perf_counter()
    tasks = [asyncio.create_task(fetch(n, d)) for n, d in [('a', 0.3), ('b', 0.1), ('c', 0.2)]]
    results = await asyncio.gather(*tasks)
    print(f"{results}")
    for t in tasks:
        print(f"{t.get_name()} gave {t.result()}")


async def main_wait_comprehension():
    global sem, start
    sem = asyncio.Semaphore(2)
    start = time.perf_counter()
    done, pending = await asyncio.wait([asyncio.create_task(fetch(n, d)) for n, d in [('a', 0.3), ('b', 0.1)]], return_when=asyncio.FIRST_COMPLETED)
    print(f"{len(done)} done, {len(pending)} pending")
    for t in done:
        print(f"first: {t.result()}")
    for task in pending:
        task.cancel()


async def main_as_completed():
    global sem, start
    sem = asyncio.Semaphore(2)
    start = time.perf_counter()
    for coro in asyncio.as_completed([asyncio.create_task(fetch('A', 3)), asyncio.create_task(fetch('B', 1)), asyncio.create_task(fetch('C', 2))]):
        result = await coro
        elapsed = time.perf_counter() - start
        print(f"{result} (at {elapsed:.0f} s)")


if __name__ == "__main__":
    asyncio.run(main_for())
    asyncio.run(main_gather_comprehension())
    asyncio.run(main_tasks_comprehension())
    asyncio.run(main_wait_comprehension())
    asyncio.run(main_as_completed())
