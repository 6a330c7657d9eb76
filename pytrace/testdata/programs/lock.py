import asyncio

lock = None


async def critical(name, delay):
    async with lock:
        print(f"{name} holds the lock")
        await asyncio.sleep(delay)
    print(f"{name} released it")


async def main():
    global lock
    lock = asyncio.Lock()
    await asyncio.gather(critical("a", 0.1), critical("b", 0.2), critical("c", 0.05))


asyncio.run(main())
