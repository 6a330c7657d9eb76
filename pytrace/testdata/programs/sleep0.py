import asyncio


async def polite(name):
    for i in range(3):
        print(f"{name} {i}")
        await asyncio.sleep(0)


async def main():
    await asyncio.gather(polite("a"), polite("b"))


asyncio.run(main())
