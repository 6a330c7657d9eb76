"""Several tasks of a TaskGroup fail; except* handles each kind."""

import asyncio


async def check(name, seconds, error=None):
    await asyncio.sleep(seconds)
    if error is not None:
        raise error(f"{name} failed")
    print(f"{name} passed")


async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(check("disk", 0.1))
            tg.create_task(check("network", 0.2, OSError))
            tg.create_task(check("config", 0.2, ValueError))
            tg.create_task(check("slow", 1))
    except* OSError as group:
        print("OS errors:", [str(e) for e in group.exceptions])
    except* ValueError as group:
        print("value errors:", [str(e) for e in group.exceptions])
    print("after the group")


asyncio.run(main())
