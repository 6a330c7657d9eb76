import asyncio


async def main():
    print("connecting")
    reader, writer = await asyncio.open_connection("example.com", 80)


asyncio.run(main())
