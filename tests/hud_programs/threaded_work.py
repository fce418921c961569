"""Three worker threads that parse and sum records; one record is a 2,000-character string
(the details panel shows it whole) and one is malformed (a caught exception)."""

import threading

LONG_RECORD = ",".join(str(n % 10) for n in range(1000))[:2000].ljust(2000, "0")


def parse_record(record: str) -> list[int]:
    return [int(part) for part in record.split(",")]


def checked_sum(record: str) -> int:
    try:
        return sum(parse_record(record))
    except ValueError:
        return -1


def worker(name: str, records: list[str], results: dict[str, int]) -> None:
    results[name] = sum(checked_sum(record) for record in records)


def main() -> None:
    results: dict[str, int] = {}
    batches = {
        "alpha": ["1,2,3", "4,5,6"],
        "beta": [LONG_RECORD, "7,8"],
        "gamma": ["9,x,1", "2,2"],
    }
    threads = [
        threading.Thread(target=worker, args=(name, records, results), name=f"worker-{name}")
        for name, records in batches.items()
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    print(sorted(results.items()))


if __name__ == "__main__":
    main()
