"""as_completed with a timeout: results in the order they finish, then TimeoutError."""

import asyncio


async def fetch(url, seconds):
    await asyncio.sleep(seconds)
    return f"{url} ({seconds} s)"


async def main():
    coros = [fetch("a.example", 0.8), fetch("b.example", 0.2), fetch("c.example", 3), fetch("d.example", 0.5)]
    try:
        for next_done in asyncio.as_completed(coros, timeout=1):
            print("got", await next_done)
    except TimeoutError:
        print("timed out waiting for the rest")


asyncio.run(main())
