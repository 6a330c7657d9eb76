import asyncio


async def ticks(n):
    for i in range(n):
        await asyncio.sleep(0.1)
        yield i


async def main():
    async for i in ticks(3):
        print("tick", i)
    squares = [i * i async for i in ticks(2)]
    print(squares)


asyncio.run(main())
