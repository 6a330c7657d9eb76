import asyncio


async def producer(q, n):
    for i in range(n):
        await asyncio.sleep(0.1)
        await q.put(i)
        print(f"put {i}")
    await q.put(None)


async def consumer(q):
    total = 0
    while True:
        item = await q.get()
        if item is None:
            break
        await asyncio.sleep(0.25)
        total += item
        print(f"got {item}")
    return total


async def main():
    q = asyncio.Queue(maxsize=2)
    total, _ = await asyncio.gather(consumer(q), producer(q, 4))
    print("total", total)


asyncio.run(main())
