import asyncio


async def fetch(n):
    await asyncio.sleep(0)
    value = n * 2
    return value


async def worker(name, n):
    first = await fetch(n)
    second = await fetch(first)
    return name, second


async def main():
    results = await asyncio.gather(worker("a", 1), worker("b", 2))
    print(results)
    return results


asyncio.run(main())
