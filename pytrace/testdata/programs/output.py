import asyncio
import sys


async def dots():
    for _ in range(3):
        print(".", end="", flush=True)
        await asyncio.sleep(0.05)
    print()


async def main():
    print("to stderr", file=sys.stderr)
    sys.stdout.write("written\n")
    await dots()
    print("ünïcödé ✓ <b>&</b>")


asyncio.run(main())
