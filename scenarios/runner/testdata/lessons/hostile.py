"""Hostile text and names \u202e."""

import asyncio
import time

asyncio_: asyncio.Lock


async def ValueError_(print_):
    print(f"got {print_!r}")
    return f"{print_}\u202eabc"


async def __name___():
    print("dunder task")


async def len_():
    return 3


async def main_text():
    global asyncio_
    asyncio_ = asyncio.Lock()
    print("NUL [\x00] ESC [\x1b] BEL [\x07] RLO [\u202eabc] NBSP [\xa0] LS [\u2028]")
    s = "\x00\x1b\u202e\xa0\u2028\U0001f600 'q' \"d\" \\"
    print(f"{s!r}")
    print(f"{[s, 'x']!r} {len(s)}")


async def main_names():
    global asyncio_
    asyncio_ = asyncio.Lock()
    range_ = await ValueError_("\x1b[2J")
    print(f"{range_!r}")
    try:
        raise ValueError("real one")
    except ValueError as e:
        print(f"caught the built-in {e!r}")
    await __name___()
    str_ = await len_()
    print(f"{str_ + 1}")
    async with asyncio_:
        print("holding the lock named asyncio")
    len_()  # never awaited


if __name__ == "__main__":
    asyncio.run(main_text())
    asyncio.run(main_names())
