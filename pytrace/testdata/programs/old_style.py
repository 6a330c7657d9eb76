import asyncio


async def main():
    await asyncio.sleep(0.1)
    print("old-style loop")
    return 42


loop = asyncio.new_event_loop()
try:
    print("result", loop.run_until_complete(main()))
finally:
    loop.close()
