import asyncio


async def first():
    await asyncio.sleep(0.1)
    print("first")


async def second():
    await asyncio.gather(asyncio.sleep(0.2), asyncio.sleep(0.1))
    print("second")


print("before")
asyncio.run(first())
print("between")
asyncio.run(second())
print("after")
