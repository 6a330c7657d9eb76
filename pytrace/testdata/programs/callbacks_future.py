"""Callbacks scheduled with call_soon and call_later set a Future awaited by a coroutine."""

import asyncio


def tick(label):
    print("callback:", label)


def resolve(fut, value):
    print("resolving the future")
    fut.set_result(value)


async def waiter(fut):
    print("waiting for the future")
    value = await fut
    print("the future gave", value)
    return value


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    loop.call_soon(tick, "soon")
    loop.call_later(0.5, tick, "later")
    handle = loop.call_later(0.7, tick, "never")
    loop.call_later(1, resolve, fut, 42)
    loop.call_later(0.6, handle.cancel)
    result = await asyncio.create_task(waiter(fut))
    print("main got", result)


asyncio.run(main())
