"""Parameters and calls."""

import asyncio
import time

sem: asyncio.Semaphore


async def task(name, seconds):
    print(f"Task {name} starting...")
    await asyncio.sleep(seconds)
    print(f"Task {name} done after {seconds} seconds")


async def fetch(url, delay=0.5):
    print(f"fetching {url}")
    await asyncio.sleep(delay)
    return f"{url}: {delay * 2} ok"


async def chain(name, *delays):
    print(f"{name} has {len(delays)} steps: {delays}")
    for d in delays:
        await task(name, d)
    return f"{name} done"


async def worker(name, sem):
    async with sem:
        print(f"{name} holds the semaphore")
        await asyncio.sleep(1)
    print(f"{name} released")


async def limited(x, limit):
    async with asyncio.timeout(limit):
        await asyncio.sleep(x)


async def main_sequential():
    global sem
    sem = asyncio.Semaphore(2)
    start = time.perf_counter()
    await task('A', 2)
    await task('B', 1)
    elapsed = time.perf_counter() - start
    print(f"Sequential total: ~{elapsed:.0f} seconds")


async def main_concurrent():
    global sem
    sem = asyncio.Semaphore(2)
    start = time.perf_counter()
    await asyncio.gather(task('A', 2), task('B', 1), task(seconds=3, name='C'))
    elapsed = time.perf_counter() - start
    print(f"Concurrent total: ~{elapsed:.0f} seconds")


async def main_defaults():
    global sem
    sem = asyncio.Semaphore(2)
    results = await asyncio.gather(fetch('a'), fetch('b', 1), fetch(delay=0.25, url='c'))
    print(f"{results}")


async def main_varargs():
    global sem
    sem = asyncio.Semaphore(2)
    r = await chain('X', 0.5, 1)
    print(f"{r!r}")
    await chain('Y')


async def main_semaphore():
    global sem
    sem = asyncio.Semaphore(2)
    await asyncio.gather(worker('W1', sem), worker('W2', sem), worker('W3', sem))


async def main_timeout_parameter():
    global sem
    sem = asyncio.Semaphore(2)
    start = time.perf_counter()
    try:
        await limited(2, 1)
    except TimeoutError:
        elapsed = time.perf_counter() - start
        print(f"timed out at {elapsed:.1f}")
    await limited(0.5, 1)
    elapsed = time.perf_counter() - start
    print(f"in time at {elapsed:.1f}")


if __name__ == "__main__":
    asyncio.run(main_sequential())
    asyncio.run(main_concurrent())
    asyncio.run(main_defaults())
    asyncio.run(main_varargs())
    asyncio.run(main_semaphore())
    asyncio.run(main_timeout_parameter())
