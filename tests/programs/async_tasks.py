"""asyncio: tasks awaiting each other, gather, a task that fails and is handled."""

import asyncio


async def fetch(i):
    await asyncio.sleep(0.001 * i)
    return i * 10


async def failing():
    await asyncio.sleep(0)
    raise KeyError("missing")


async def main():
    results = await asyncio.gather(*(fetch(i) for i in range(4)))
    print("gathered", results)
    try:
        await failing()
    except KeyError as error:
        print("handled", error)
    task = asyncio.create_task(fetch(7))
    print("task", await task)


asyncio.run(main())
