import asyncio


async def child():
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        print("child cancelled, cleaning up")
        await asyncio.sleep(0.1)
        print("cleaned up")
        raise


async def worker():
    await child()


async def main():
    t = asyncio.create_task(worker())
    await asyncio.sleep(0.2)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print("worker cancelled:", t.cancelled())


asyncio.run(main())
