import asyncio


async def main():
    print("spinning without ever awaiting")
    while True:
        pass


asyncio.run(main())
