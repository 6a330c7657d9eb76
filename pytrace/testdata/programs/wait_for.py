import asyncio


async def slow():
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        print("slow was cancelled")
        raise


async def main():
    try:
        await asyncio.wait_for(slow(), timeout=0.2)
    except TimeoutError:
        print("timed out")
    try:
        async with asyncio.timeout(0.1):
            await asyncio.sleep(0.5)
    except TimeoutError:
        print("timeout() expired")


asyncio.run(main())
