import asyncio


async def job(name, delay):
    await asyncio.sleep(delay)
    return name


async def main():
    tasks = {asyncio.create_task(job(n, d), name=n) for n, d in (("fast", 0.1), ("mid", 0.2), ("slow", 0.3))}
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    print("done:", sorted(t.result() for t in done))
    print("pending:", len(pending))
    for t in pending:
        t.cancel()
    done, _ = await asyncio.wait(pending)
    print("cancelled:", sorted(t.get_name() for t in done if t.cancelled()))


asyncio.run(main())
