"""Four tasks take turns with a lock around a shared counter."""

import asyncio

counter = 0


async def increment(name, lock, times):
    global counter
    for _ in range(times):
        async with lock:
            value = counter
            await asyncio.sleep(0.1)  # the critical section spans an await
            counter = value + 1
            print(f"{name} set counter to {counter}")


async def main():
    lock = asyncio.Lock()
    await asyncio.gather(*(increment(f"t{i}", lock, 2) for i in range(4)))
    print("final", counter, "locked:", lock.locked())


asyncio.run(main())
