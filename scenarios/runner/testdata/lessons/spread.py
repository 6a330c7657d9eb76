"""Spread displays of calls."""

import asyncio
import time

sem: asyncio.Semaphore


async def fetch(url, delay):
    async with sem:
        print(f"start {url}")
        await asyncio.sleep(delay)
        if url == "c":
            raise TimeoutError(f"{url} took too long")
        print(f"done {url} after {delay:.2f}s")
    return url * 2


async def main_list_comprehension():
    global sem
    sem = asyncio.Semaphore(2)
    start = time.perf_counter()
    urls = [["a", 1], ["b", 0.5], ["c", 2], ["d", 1.25]]
    results = await asyncio.gather(*[fetch(u, d) for u, d in urls], return_exceptions=True)
    for r in results:
        if isinstance(r, Exception):
            print(f"failed: {type(r).__name__}: {r}")
        if not isinstance(r, Exception):
            print(f"ok: {r}")
    print(f"total {time.perf_counter() - start:.2f}")


async def main_generator_and_list():
    global sem
    sem = asyncio.Semaphore(2)
    start = time.perf_counter()
    results = await asyncio.gather(
        fetch('x', 0.25), *(fetch(n, 0.5) for n in ['y', 'z']), *[fetch('w', 0.75), fetch('v', 0.25)]
    )
    print(f"{results} at {time.perf_counter() - start:.2f}")


async def main_as_completed():
    global sem
    sem = asyncio.Semaphore(2)
    for coro in asyncio.as_completed([fetch(n, d) for n, d in [('p', 1), ('q', 0.5)]]):
        r = await coro
        print(f"got {r}")


if __name__ == "__main__":
    asyncio.run(main_list_comprehension())
    asyncio.run(main_generator_and_list())
    asyncio.run(main_as_completed())
