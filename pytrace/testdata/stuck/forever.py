import asyncio


async def ticker():
    print("ticking forever", flush=True)
    n = 0
    while True:
        await asyncio.sleep(60)
        n += 1


asyncio.run(ticker())
