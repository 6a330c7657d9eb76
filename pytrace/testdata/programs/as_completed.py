import asyncio
import time


async def job(n):
    await asyncio.sleep(n / 10)
    return n


async def main():
    start = time.monotonic()
    for coro in asyncio.as_completed([job(3), job(1), job(2)]):
        n = await coro
        print(f"job {n} done")
    print(f"all done after {time.monotonic() - start:.0f} s")


asyncio.run(main())
