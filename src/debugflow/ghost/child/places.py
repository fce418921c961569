"""Where a file operation the audit hook sees lands: the paths among an event's arguments,
paths relative to a directory descriptor, the file a descriptor is open on, the file of an
SQLite `file:` URI. (The "open" event does not carry its directory descriptor: see guards.)"""

from __future__ import annotations

import os
import urllib.parse

# The events that change files: for each, where its paths are among the event's arguments and,
# for each path, where the directory descriptor it is relative to is (None: there is none).
# A hard link's source counts: writing through the link changes the file it names.
CHANGES_FILES: dict[str, tuple[tuple[int, int | None], ...]] = {
    "os.remove": ((0, 1),), "os.rmdir": ((0, 1),), "os.mkdir": ((0, 2),),
    "os.chmod": ((0, 2),), "os.chown": ((0, 3),), "os.utime": ((0, 3),),
    "os.truncate": ((0, None),), "os.setxattr": ((0, None),), "os.removexattr": ((0, None),),
    "os.chflags": ((0, None),), "os.lchflags": ((0, None),), "shutil.rmtree": ((0, 1),),
    "shutil.chown": ((0, None),), "os.rename": ((0, 2), (1, 3)), "os.link": ((0, 2), (1, 3)),
    "os.symlink": ((1, 2),), "shutil.copyfile": ((0, None), (1, None)),
    "shutil.copytree": ((0, None), (1, None)), "shutil.move": ((0, None), (1, None)),
    "shutil.copymode": ((1, None),), "shutil.copystat": ((1, None),),
}  # fmt: skip


def where(path: object, dir_fd: object) -> str | None:
    """The real path an operation reaches: a path (relative ones against `dir_fd` when given,
    else the working directory), or the file a descriptor is open on. None for a descriptor
    that is not a file (a pipe, a socket)."""
    if isinstance(path, int):
        return _descriptor_path(path)
    text = os.fsdecode(path)  # type: ignore[arg-type]
    if isinstance(dir_fd, int) and not os.path.isabs(text):
        folder = _descriptor_path(dir_fd)
        if folder is None:
            raise ValueError(f"descriptor {dir_fd} is not a folder")
        text = os.path.join(folder, text)
    return os.path.realpath(text)


def _descriptor_path(fd: int) -> str | None:
    """The path a descriptor is open on; raises OSError where the system cannot say."""
    target = os.readlink(f"/proc/self/fd/{fd}")
    return os.path.realpath(target) if target.startswith("/") else None


def sqlite_uri_path(uri: str) -> tuple[str, bool]:
    """The file path of an SQLite `file:` URI, and whether it is an in-memory database."""
    rest, _, query = uri[len("file:") :].partition("?")
    rest = rest.split("#", 1)[0]
    if rest.startswith("//"):  # file://host/path: the path starts at the third slash
        rest = rest[2:]
        rest = rest[rest.find("/") :] if "/" in rest else ""
    memory = "mode=memory" in query.split("&") or rest == ":memory:"
    return urllib.parse.unquote(rest), memory
