import asyncio


async def leaf(n):
    await asyncio.sleep(0.1 * n)
    return n * 10


async def middle(n):
    a = await leaf(n)
    b = await leaf(n + 1)
    return a + b


async def quick():
    return 7


async def main():
    print("middle gave", await middle(1))
    print("quick gave", await quick())
    r = await asyncio.gather(middle(2), leaf(1))
    print("gather gave", r)


asyncio.run(main())
