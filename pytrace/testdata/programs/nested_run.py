import asyncio


async def fetch():
    await asyncio.sleep(0.1)
    return "data"


async def main():
    try:
        asyncio.run(fetch())
    except RuntimeError as e:
        print(f"RuntimeError: {e}")
    data = await fetch()
    print("fetched", data)


asyncio.run(main())
