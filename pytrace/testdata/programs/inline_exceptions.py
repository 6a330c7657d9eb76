"""Exceptions raised by coroutines awaited inline, and where each is caught."""

import asyncio


class Empty(Exception):
    pass


async def fetch(n):
    await asyncio.sleep(0.1)
    if n < 0:
        raise ValueError(f"bad n {n}")
    return n * 2


async def middle(n):
    return await fetch(n)


async def rewrap(n):
    try:
        return await fetch(n)
    except ValueError as e:
        raise RuntimeError("fetch failed") from e


async def cleanup_then_raise():
    try:
        await fetch(-3)
    finally:
        await asyncio.sleep(0.1)
        print("cleaned up")


async def quiet():
    raise Empty


async def handler():
    try:
        await middle(-1)
    except ValueError as e:
        print("handler caught", e)
    try:
        await rewrap(-2)
    except RuntimeError as e:
        print("handler caught", e, "from", repr(e.__cause__))
    try:
        await cleanup_then_raise()
    except ValueError as e:
        print("handler caught", e)
    try:
        await quiet()
    except Empty:
        print("handler caught Empty")
    return await middle(4)


async def main():
    print("got", await handler())
    try:
        await fetch(-9)
    except ValueError as e:
        print("main caught", e)
    await fetch(-5)


asyncio.run(main())
