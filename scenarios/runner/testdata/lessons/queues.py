"""Queues, sentinels and join."""

import asyncio
import time

q: asyncio.Queue
jobs: asyncio.Queue
start = time.perf_counter()


async def producer(q, n):
    for i in range(n):
        await asyncio.sleep(0.5)
        await q.put(i)
        print(f"produced {i} (queue size {q.qsize()})")
    await q.put(None)
    print("producer done")


async def consumer(q):
    while True:
        item = await q.get()
        if item is None:
            break
        print(f"consumed {item}")
        await asyncio.sleep(1)
    print("consumer done")


async def worker(name, jobs):
    while True:
        seconds = await jobs.get()
        elapsed = time.perf_counter() - start
        print(f"{name} takes a {seconds} s job at {elapsed:.1f}")
        await asyncio.sleep(seconds)
        jobs.task_done()


async def main_sentinel():
    global q, jobs, start
    q = asyncio.Queue(maxsize=2)
    jobs = asyncio.Queue()
    start = time.perf_counter()
    await asyncio.gather(producer(q, 4), consumer(q))


async def main_join():
    global q, jobs, start
    q = asyncio.Queue(maxsize=2)
    jobs = asyncio.Queue()
    start = time.perf_counter()
    for s in [1, 0.5, 0.5, 1]:
        await jobs.put(s)
    workers = [asyncio.create_task(worker(f"w{i}", jobs)) for i in range(2)]
    await jobs.join()
    elapsed = time.perf_counter() - start
    print(f"all jobs done at {elapsed:.1f}, queue empty: {jobs.empty()}")
    for task in workers:
        task.cancel()
    outcomes = await asyncio.gather(*workers, return_exceptions=True)
    print(f"{outcomes}")


if __name__ == "__main__":
    asyncio.run(main_sentinel())
    asyncio.run(main_join())
