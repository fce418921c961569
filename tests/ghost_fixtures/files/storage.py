"""Values whose first mock fails in a way another mock of the same type avoids: paths used as
folders though their names do not say so, a folder read as a file, a folder made fresh, an
empty bare list, text parsed as a number or opened as a file, a stream written in bytes."""

from __future__ import annotations

from pathlib import Path
from typing import IO


def scan(inbox: Path) -> int:
    count = 0
    for entry in inbox.iterdir():
        count += ingest(entry)
    return count


def ingest(entry: Path) -> int:
    return len(entry.read_text(encoding="utf-8"))


def export(target: Path) -> str:
    written = target / "x.txt"
    written.write_text("report", encoding="utf-8")
    return announce(written)


def announce(path: Path) -> str:
    return path.name


def load(config_dir: Path) -> int:
    return parse(config_dir.read_text(encoding="utf-8"))


def parse(text: str) -> int:
    return len(text)


def prepare(workspace: Path) -> str:
    workspace.mkdir()
    return announce(workspace)


def first(items: list) -> int:
    return measure(items[0])


def measure(item: object) -> int:
    return 1


def open_named(name: str) -> int:
    return parse(Path(name).read_text(encoding="utf-8"))


def dump(out: IO) -> int:
    out.write(b"payload")
    return measure(out)
