"""A recursive coroutine: each level awaits the next inline."""

import asyncio


async def countdown(n):
    if n == 0:
        print("liftoff")
        return 0
    print(n)
    await asyncio.sleep(0.1)
    return 1 + await countdown(n - 1)


async def main():
    print("levels", await countdown(3))


asyncio.run(main())
