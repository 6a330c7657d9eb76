import asyncio


async def fetch(name, delay, fail=False):
    print(f"fetch {name}")
    try:
        await asyncio.sleep(delay)
    except asyncio.CancelledError:
        print(f"{name} cancelled")
        raise
    if fail:
        raise ValueError(f"{name} failed")
    print(f"{name} done")
    return name


async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(fetch("a", 0.1))
            tg.create_task(fetch("b", 0.2, fail=True))
            tg.create_task(fetch("c", 0.4))
    except* ValueError as eg:
        for e in eg.exceptions:
            print("caught", repr(e))
    print("after the group")


asyncio.run(main())
