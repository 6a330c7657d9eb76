"""A TaskGroup whose tasks run TaskGroups of their own."""

import asyncio


async def leaf(path, seconds):
    await asyncio.sleep(seconds)
    print(f"leaf {path} done")
    return path


async def branch(name, leaves):
    async with asyncio.TaskGroup() as tg:
        tasks = [tg.create_task(leaf(f"{name}.{i}", s)) for i, s in enumerate(leaves)]
    print(f"branch {name} done")
    return [t.result() for t in tasks]


async def main():
    async with asyncio.TaskGroup() as tg:
        left = tg.create_task(branch("L", [0.2, 0.4]))
        right = tg.create_task(branch("R", [0.3, 0.1, 0.5]))
    print(left.result(), right.result())


asyncio.run(main())
