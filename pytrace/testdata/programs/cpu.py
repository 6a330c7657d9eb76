import asyncio
import time


def crunch(seconds):
    """Busy for seconds of CPU time, as the clock says."""
    end = time.perf_counter() + seconds
    n = 0
    while time.perf_counter() < end:
        n += 1
    return n > 0


async def cpu_task():
    print("crunching")
    crunch(0.2)
    print("crunched")


async def ticker():
    for i in range(3):
        await asyncio.sleep(0.05)
        print(f"tick {i}")


async def main():
    await asyncio.gather(cpu_task(), ticker())


asyncio.run(main())
