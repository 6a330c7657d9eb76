import asyncio


async def ok(n):
    await asyncio.sleep(0.1 * n)
    return n


async def bad():
    await asyncio.sleep(0.15)
    raise KeyError("missing")


async def main():
    r = await asyncio.gather(ok(1), bad(), ok(2), return_exceptions=True)
    print(r)
    try:
        await asyncio.gather(ok(1), bad())
    except KeyError as e:
        print("gather raised", repr(e))


asyncio.run(main())
