"""Warnings once per source line."""

import asyncio
import time


async def nap(name, seconds):
    print(f"{name} before")
    await asyncio.sleep(seconds)
    print(f"{name} after")


async def A():
    print("A runs")


async def nap_no_await(name, seconds):
    """nap, calling asyncio.sleep without await."""
    print(f"{name} before")
    asyncio.sleep(seconds)
    print(f"{name} after")


async def main_no_await():
    start = time.perf_counter()
    await asyncio.gather(nap_no_await('a', 1), nap_no_await('b', 2), nap_no_await('c', 3))
    elapsed = time.perf_counter() - start
    print(f"total {elapsed:.1f} s")


async def main_loop():
    for i in range(3):
        A()  # never awaited
    print("after the loop")
    A()  # never awaited
    print("end")


async def main_argument_raises():
    zero = 0
    try:
        await asyncio.gather(A(), nap('x', 1 // zero))
    except ZeroDivisionError as e:
        print(f"{type(e).__name__}: {e}")


if __name__ == "__main__":
    asyncio.run(main_no_await())
    asyncio.run(main_loop())
    asyncio.run(main_argument_raises())
