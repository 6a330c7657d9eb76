import asyncio
import time


def legacy(n):
    time.sleep(n)
    return n * 2


async def heartbeat():
    for i in range(3):
        print(f"beat {i}")
        await asyncio.sleep(0.1)


async def main():
    r, _ = await asyncio.gather(asyncio.to_thread(legacy, 0.25), heartbeat())
    print("to_thread gave", r)
    loop = asyncio.get_running_loop()
    r2 = await loop.run_in_executor(None, legacy, 0.1)
    print("run_in_executor gave", r2)


asyncio.run(main())
