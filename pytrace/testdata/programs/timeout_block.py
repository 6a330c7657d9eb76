"""asyncio.timeout: one operation finishes in time, one does not."""

import asyncio


async def operation(name, seconds):
    print(f"{name} starts ({seconds} s)")
    await asyncio.sleep(seconds)
    print(f"{name} finishes")
    return name


async def attempt(name, seconds, limit):
    try:
        async with asyncio.timeout(limit):
            result = await operation(name, seconds)
        print(f"{name}: got {result}")
    except TimeoutError:
        print(f"{name}: timed out after {limit} s")


async def main():
    await attempt("fast", 0.5, 1)
    await attempt("slow", 3, 1)
    loop = asyncio.get_running_loop()
    async with asyncio.timeout_at(loop.time() + 2) as cm:
        await asyncio.sleep(0.25)
    print("expired:", cm.expired())


asyncio.run(main())
