"""An asyncio program: three tasks fetch and decode pages; one page is a 2,000-character
string (the details panel shows it whole) and one decode raises and is caught."""

import asyncio

LONG_PAGE = ("<p>" + "lorem ipsum " * 200)[:2000].ljust(2000, ".")


async def fetch(url: str) -> str:
    await asyncio.sleep(0.01)
    return LONG_PAGE if url.endswith("long") else f"<p>{url}</p>"


def decode(page: str) -> int:
    if "broken" in page:
        raise UnicodeError(f"cannot decode {page[:20]}")
    return len(page)


async def crawl(url: str) -> int:
    page = await fetch(url)
    try:
        return decode(page)
    except UnicodeError:
        return 0


async def main() -> None:
    sizes = await asyncio.gather(crawl("site/a"), crawl("site/long"), crawl("site/broken"))
    print(sizes)


if __name__ == "__main__":
    asyncio.run(main())
