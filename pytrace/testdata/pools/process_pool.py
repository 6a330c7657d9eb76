"""CPU work in worker processes: the loop stays free while they compute."""

import asyncio
import concurrent.futures


def crunch(n):
    total = 0
    for i in range(n):
        total += i * i
    return total


async def ticker(stop):
    ticks = 0
    while not stop.is_set():
        await asyncio.sleep(0.05)
        ticks += 1
    return ticks


async def main():
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    ticking = asyncio.create_task(ticker(stop))
    with concurrent.futures.ProcessPoolExecutor(max_workers=2) as pool:
        results = await asyncio.gather(
            loop.run_in_executor(pool, crunch, 3_000_000),
            loop.run_in_executor(pool, crunch, 2_000_000),
        )
    stop.set()
    ticks = await ticking
    print("results", results)
    print("the loop ticked while the processes computed:", ticks > 1)


if __name__ == "__main__":
    asyncio.run(main())
