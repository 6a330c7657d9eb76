"""gather with return_exceptions=True collects failures as values."""

import asyncio


async def parse(text, seconds):
    await asyncio.sleep(seconds)
    return int(text)


async def main():
    results = await asyncio.gather(
        parse("1", 0.3), parse("two", 0.1), parse("3", 0.2), parse("", 0.4),
        return_exceptions=True,
    )
    for r in results:
        print(type(r).__name__, r)


asyncio.run(main())
