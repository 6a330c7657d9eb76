"""wait_for cancels what it waits for when the time runs out."""

import asyncio


async def query(seconds):
    try:
        await asyncio.sleep(seconds)
        return "rows"
    except asyncio.CancelledError:
        print(f"query({seconds}) cancelled")
        raise


async def main():
    print(await asyncio.wait_for(query(0.2), timeout=1))
    try:
        await asyncio.wait_for(query(5), timeout=0.5)
    except TimeoutError:
        print("the query took too long")


asyncio.run(main())
