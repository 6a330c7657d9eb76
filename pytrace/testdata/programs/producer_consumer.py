"""Producers and consumers around a queue: queue.join waits for task_done."""

import asyncio
import time


async def producer(name, queue, items):
    for item in items:
        await asyncio.sleep(0.2)
        await queue.put(f"{name}-{item}")
        print(f"{name} put {name}-{item} (size {queue.qsize()})")


async def consumer(cid, queue):
    while True:
        item = await queue.get()
        try:
            await asyncio.sleep(0.5)
            print(f"consumer {cid} handled {item}")
        finally:
            queue.task_done()


async def main():
    start = time.monotonic()
    queue = asyncio.Queue(maxsize=3)
    consumers = [asyncio.create_task(consumer(i, queue)) for i in range(3)]
    await asyncio.gather(producer("p", queue, range(4)), producer("q", queue, range(3)))
    print(f"produced all at {time.monotonic() - start:.1f} s")
    await queue.join()
    print(f"queue drained at {time.monotonic() - start:.1f} s")
    for c in consumers:
        c.cancel()
    results = await asyncio.gather(*consumers, return_exceptions=True)
    print([type(r).__name__ for r in results])


asyncio.run(main())
