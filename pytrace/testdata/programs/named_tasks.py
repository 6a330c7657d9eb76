import asyncio


class Worker:
    def __init__(self, name):
        self.name = name

    async def run(self, delay):
        await asyncio.sleep(delay)
        print(f"{self.name} done")


async def main():
    a = asyncio.create_task(Worker("a").run(0.1), name="worker-a")
    b = asyncio.create_task(Worker("b").run(0.2))
    c = asyncio.create_task(Worker("c").run(0.15))
    c.set_name("renamed")
    sem = asyncio.Semaphore(1)
    await asyncio.gather(a, b, c, holder(sem, "x" * 40))


async def holder(sem, text):
    async with sem:
        await asyncio.sleep(0.05)


asyncio.run(main())
