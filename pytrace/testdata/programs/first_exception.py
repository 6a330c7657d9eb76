"""asyncio.wait with FIRST_EXCEPTION, then the pending tasks are cancelled."""

import asyncio


async def job(name, seconds, fail=False):
    try:
        await asyncio.sleep(seconds)
    except asyncio.CancelledError:
        print(f"{name} cancelled")
        raise
    if fail:
        raise ConnectionError(f"{name} lost its connection")
    print(f"{name} ok")
    return name


async def main():
    tasks = [
        asyncio.create_task(job("alpha", 0.3), name="alpha"),
        asyncio.create_task(job("beta", 0.6, fail=True), name="beta"),
        asyncio.create_task(job("gamma", 2), name="gamma"),
    ]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_EXCEPTION)
    print("done:", sorted(t.get_name() for t in done))
    print("pending:", sorted(t.get_name() for t in pending))
    for t in pending:
        t.cancel()
    await asyncio.wait(pending)
    for t in sorted(done, key=lambda t: t.get_name()):
        if t.exception():
            print(t.get_name(), "raised", repr(t.exception()))


asyncio.run(main())
