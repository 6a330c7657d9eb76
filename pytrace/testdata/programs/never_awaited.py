import asyncio


async def work():
    print("work starts")
    asyncio.sleep(0.5)
    print("work ends at once")


async def main():
    await work()


asyncio.run(main())
