import asyncio


async def download(sem, n):
    async with sem:
        print(f"download {n} starts")
        await asyncio.sleep(0.1 * n)
        print(f"download {n} ends")


async def main():
    sem = asyncio.Semaphore(2)
    await asyncio.gather(*(download(sem, n) for n in (1, 2, 3, 4)))


asyncio.run(main())
