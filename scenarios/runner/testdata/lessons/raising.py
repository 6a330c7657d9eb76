"""Runs that raise."""

import asyncio
import sys
import traceback


async def A():
    await asyncio.sleep(0.1)
    raise KeyError("k")


async def boom(n):
    await asyncio.sleep(0.1)
    raise ValueError(f"boom {n}")


async def main_first():
    print("first starts")
    await A()


async def main_cancelled():
    print("cancelled starts")
    raise asyncio.CancelledError


async def main_group():
    async with asyncio.TaskGroup() as tg:
        tg.create_task(boom(1))
        tg.create_task(boom(2))


async def main_last():
    print("last runs")


if __name__ == "__main__":
    try:
        asyncio.run(main_first())
    except Exception as exc:  # asyncgantt run shows it and goes on
        print(traceback.format_exception_only(exc)[-1], end="", file=sys.stderr)
    try:
        asyncio.run(main_cancelled())
    except BaseException as exc:  # asyncgantt run shows it and goes on
        print(traceback.format_exception_only(exc)[-1], end="", file=sys.stderr)
    try:
        asyncio.run(main_group())
    except Exception as exc:  # asyncgantt run shows it and goes on
        print(traceback.format_exception_only(exc)[-1], end="", file=sys.stderr)
    asyncio.run(main_last())
