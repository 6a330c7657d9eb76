"""A coroutine awaits a Future that a worker thread's callback completes."""

import asyncio
import threading
import time


def slow_sensor(loop, fut):
    time.sleep(0.5)
    loop.call_soon_threadsafe(fut.set_result, 21.5)


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    fut.add_done_callback(lambda f: print("done callback saw", f.result()))
    thread = threading.Thread(target=slow_sensor, args=(loop, fut))
    thread.start()
    print("temperature:", await fut)
    thread.join()


asyncio.run(main())
