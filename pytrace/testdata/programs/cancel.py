import asyncio


async def forever(name):
    try:
        while True:
            await asyncio.sleep(0.1)
            print(f"{name} tick")
    except asyncio.CancelledError:
        print(f"{name} cancelled")
        raise


async def main():
    t = asyncio.create_task(forever("ticker"), name="ticker")
    await asyncio.sleep(0.35)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print("main saw the cancellation", t.cancelled())


asyncio.run(main())
