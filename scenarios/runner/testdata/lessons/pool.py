"""A process pool keeps the loop free."""

import asyncio
import concurrent.futures
import time

pool: concurrent.futures.ProcessPoolExecutor
start = time.perf_counter()


def crunch(seconds):
    """Busy computation: keeps the CPU busy for seconds."""
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        pass


async def heartbeat(n):
    for i in range(n):
        elapsed = time.perf_counter() - start
        print(f"beat {i} at {elapsed:.1f}")
        await asyncio.sleep(0.5)


async def job(name, seconds):
    elapsed = time.perf_counter() - start
    print(f"{name} starts at {elapsed:.1f}")
    r = await asyncio.get_running_loop().run_in_executor(pool, crunch, seconds)
    elapsed = time.perf_counter() - start
    print(f"{name} done at {elapsed:.1f}, result {r}")


async def main_process_pool():
    global pool, start
    pool = concurrent.futures.ProcessPoolExecutor(max_workers=2)
    start = time.perf_counter()
    await asyncio.gather(heartbeat(4), job('A', 0.75), job('B', 1.25), job('C', 0.6))


async def main_sleeping_in_executors():
    global pool, start
    pool = concurrent.futures.ProcessPoolExecutor(max_workers=2)
    start = time.perf_counter()
    await asyncio.get_running_loop().run_in_executor(None, time.sleep, 0.5)
    elapsed = time.perf_counter() - start
    print(f"thread slept, at {elapsed:.1f}")
    await asyncio.get_running_loop().run_in_executor(pool, time.sleep, 0.5)
    elapsed = time.perf_counter() - start
    print(f"process slept, at {elapsed:.1f}")


if __name__ == "__main__":
    asyncio.run(main_process_pool())
    asyncio.run(main_sleeping_in_executors())
