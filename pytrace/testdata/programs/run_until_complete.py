"""The old style: a loop made by hand runs one coroutine, then a gather."""

import asyncio


async def greet(name, seconds):
    await asyncio.sleep(seconds)
    print(f"hello {name}")
    return len(name)


loop = asyncio.new_event_loop()
asyncio.set_event_loop(loop)
try:
    print("first:", loop.run_until_complete(greet("world", 0.5)))
    total = loop.run_until_complete(asyncio.gather(greet("a", 0.2), greet("bb", 0.1)))
    print("then:", total)
finally:
    loop.close()
    asyncio.set_event_loop(None)
