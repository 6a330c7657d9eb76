"""10,000 gathered tasks that each sleep and print: the tracing benchmark.

DELAY (the first argument, default 1) is how long each sleeps: 0 makes
the baseline, plain CPython with zero-length sleeps.
"""

import asyncio
import sys

DELAY = float(sys.argv[1]) if len(sys.argv) > 1 else 1.0


async def task(i):
    await asyncio.sleep(DELAY)
    print(f"task {i} done")


async def main():
    await asyncio.gather(*(task(i) for i in range(10_000)))


asyncio.run(main())
