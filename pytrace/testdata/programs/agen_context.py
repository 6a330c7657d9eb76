"""An async generator and a context manager of the program's own."""

import asyncio


class Connection:
    def __init__(self, host):
        self.host = host

    async def __aenter__(self):
        await asyncio.sleep(0.1)
        print(f"connected to {self.host}")
        return self

    async def __aexit__(self, *exc):
        await asyncio.sleep(0.05)
        print(f"disconnected from {self.host}")
        return False

    async def rows(self, n):
        for i in range(n):
            await asyncio.sleep(0.2)
            yield {"id": i}


async def main():
    async with Connection("db.local") as conn:
        async for row in conn.rows(3):
            print("row", row)
    print("done")


asyncio.run(main())
