"""Runners wait for a starting signal (an Event), then race."""

import asyncio
import time


async def runner(name, pace, start):
    print(f"{name} on the line")
    await start.wait()
    t0 = time.monotonic()
    for lap in range(1, 4):
        await asyncio.sleep(pace)
    print(f"{name} finished in {time.monotonic() - t0:.1f} s")
    return name


async def starter(start):
    for n in (3, 2, 1):
        print(n)
        await asyncio.sleep(0.5)
    print("go!")
    start.set()


async def main():
    start = asyncio.Event()
    runners = [runner(name, pace, start) for name, pace in [("Ana", 0.3), ("Ben", 0.4), ("Cy", 0.2)]]
    *order, _ = await asyncio.gather(*runners, starter(start))
    print("in order of lanes:", order)


asyncio.run(main())
