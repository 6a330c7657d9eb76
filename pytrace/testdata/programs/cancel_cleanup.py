"""Cancelling a task runs its cleanup: a finally block that awaits."""

import asyncio


async def download(name):
    print(f"{name}: downloading")
    try:
        await asyncio.sleep(5)
        print(f"{name}: complete")
    finally:
        print(f"{name}: closing the connection")
        await asyncio.sleep(0.2)
        print(f"{name}: closed")


async def main():
    task = asyncio.create_task(download("report.pdf"))
    await asyncio.sleep(1)
    print("main: cancelling")
    task.cancel("user pressed stop")
    try:
        await task
    except asyncio.CancelledError as e:
        print("main: task cancelled:", e.args)
    print("cancelled?", task.cancelled())


asyncio.run(main())
