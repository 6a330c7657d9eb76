import asyncio


async def waiter(ev, name):
    print(f"{name} waits")
    await ev.wait()
    print(f"{name} goes")


async def setter(ev):
    await asyncio.sleep(0.2)
    print("set!")
    ev.set()


async def main():
    ev = asyncio.Event()
    await asyncio.gather(waiter(ev, "w1"), waiter(ev, "w2"), setter(ev))


asyncio.run(main())
