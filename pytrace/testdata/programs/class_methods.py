"""A class with async methods awaited inline and run as tasks."""

import asyncio


class Kitchen:
    def __init__(self, chef):
        self.chef = chef
        self.served = []

    async def cook(self, dish, minutes):
        print(f"{self.chef} starts {dish}")
        await asyncio.sleep(minutes / 10)
        return dish

    async def serve(self, dish, minutes):
        plate = await self.cook(dish, minutes)
        self.served.append(plate)
        print(f"{self.chef} serves {plate}")

    @classmethod
    async def open(cls, chef):
        await asyncio.sleep(0.1)
        return cls(chef)


async def main():
    kitchen = await Kitchen.open("Mia")
    await kitchen.serve("soup", 2)
    await asyncio.gather(kitchen.serve("pasta", 5), kitchen.serve("salad", 1))
    print(kitchen.served)


asyncio.run(main())
