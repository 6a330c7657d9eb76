import asyncio
import sys


async def main():
    await asyncio.sleep(0.1)
    print("exiting with 3", file=sys.stderr)
    return 3


sys.exit(asyncio.run(main()))
