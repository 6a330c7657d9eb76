"""Tasks named when made, renamed later, and left unnamed."""

import asyncio


async def step(label, seconds):
    await asyncio.sleep(seconds)
    print(f"{asyncio.current_task().get_name()} finished {label}")


async def main():
    first = asyncio.create_task(step("load", 0.2), name="loader")
    second = asyncio.create_task(step("parse", 0.4))
    third = asyncio.create_task(step("save", 0.3))
    await asyncio.sleep(0.1)
    second.set_name("parser")
    await asyncio.gather(first, second, third)


asyncio.run(main())
