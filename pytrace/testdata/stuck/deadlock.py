import asyncio


async def waiter(ev):
    print("waiting for an event nobody sets")
    await ev.wait()


async def main():
    ev = asyncio.Event()
    await asyncio.gather(waiter(ev), asyncio.sleep(0.5))


asyncio.run(main())
