import asyncio


async def inner():
    await asyncio.sleep(0.1)
    raise ValueError("boom")


async def main():
    print("main starts")
    await inner()


asyncio.run(main())
