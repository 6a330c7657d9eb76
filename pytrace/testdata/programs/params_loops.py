import asyncio


async def worker(name, delay, results):
    print(f"{name} working for {delay} s")
    await asyncio.sleep(delay)
    results.append(name)
    return name.upper()


async def main():
    results = []
    tasks = []
    for i, delay in enumerate([0.3, 0.1, 0.2]):
        tasks.append(asyncio.create_task(worker(f"w{i}", delay, results)))
    more = [asyncio.create_task(worker(n, d, results)) for n, d in (("x", 0.05), ("y", 0.15))]
    values = await asyncio.gather(*tasks, *more)
    print("finished in order", results)
    print("values", values)


asyncio.run(main())
