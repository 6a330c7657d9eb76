"""asyncio.shield keeps a task running when the wait for it times out."""

import asyncio


async def save(record):
    print(f"saving {record}")
    await asyncio.sleep(2)
    print(f"saved {record}")
    return f"{record} saved"


async def main():
    task = asyncio.create_task(save("invoice"))
    try:
        await asyncio.wait_for(asyncio.shield(task), timeout=0.5)
    except TimeoutError:
        print("gave up waiting; the save goes on:", not task.done())
    print(await task)


asyncio.run(main())
