"""DebugFlow's private folder and files: the data folder 0700, the files in it 0600.

The data folder holds argument values (the run store) and the hub's token (`hub.json`), so it
is made readable by its owner only, and a new one gets a `.gitignore` of `*` so that it is never
committed by accident. A folder or file DebugFlow finds with looser modes is tightened when it
belongs to this user. Refused (`NotPrivate`), because what is written there could be read or
swapped: a shared folder like /tmp, a folder of another user that others can write to, a file
of another user that others can read, and a file that is a symbolic link.

Only POSIX systems have these modes; elsewhere the folder is simply created.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

from debugflow.errors import FlowError

GITIGNORE = "# Created by DebugFlow: run data and the hub's token stay out of version control.\n*\n"
FOLDER_MODE = 0o700
FILE_MODE = 0o600
_POSIX = os.name == "posix"


class NotPrivate(FlowError):
    """A folder or file that cannot be made private to this user."""


def make_private_dir(path: Path) -> Path:
    """Create `path` (mode 0700, with a `.gitignore` of `*`), or tighten the existing folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        path.mkdir(mode=FOLDER_MODE)
    except FileExistsError:
        _tighten_dir(path)
        return path
    if _POSIX:
        os.chmod(path, FOLDER_MODE)  # mkdir's mode passes through the umask; make it exact
    _write_new(path / ".gitignore", GITIGNORE)
    return path


def make_private_file(path: Path) -> Path:
    """Create `path` empty with mode 0600 if it is missing, or tighten the existing file."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    except FileExistsError:
        tighten_file(path)
    else:
        os.close(fd)
    return path


def tighten_file(path: Path) -> None:
    """Make an existing file of this user's 0600; a missing file is left missing.

    A symbolic link is refused: a link shipped in a repository could send the data anywhere.
    """
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return
    if stat.S_ISLNK(info.st_mode):
        raise NotPrivate(f"{path} is a symbolic link; DebugFlow keeps its data in plain files")
    _tighten(path, info, FILE_MODE, refuse=0o077)


def _tighten_dir(path: Path) -> None:
    info = os.stat(path)  # follows a symlink: what counts is the folder the files land in
    if not stat.S_ISDIR(info.st_mode):
        raise NotPrivate(f"{path} is not a folder")
    if _POSIX and info.st_mode & stat.S_ISVTX and info.st_mode & 0o002:
        raise NotPrivate(f"{path} is a shared folder (like /tmp); choose a folder of your own")
    _tighten(path, info, FOLDER_MODE, refuse=0o022)


def _tighten(path: Path, info: os.stat_result, mode: int, refuse: int) -> None:
    """chmod to `mode` when it is ours; when it is not, refuse it if it has `refuse` bits."""
    loose = stat.S_IMODE(info.st_mode) & 0o077
    if not _POSIX or not loose:
        return
    if info.st_uid == os.geteuid():
        os.chmod(path, stat.S_IMODE(info.st_mode) & mode)
    elif loose & refuse:
        raise NotPrivate(
            f"{path} belongs to another user (uid {info.st_uid}) and is open to others "
            f"(mode {stat.S_IMODE(info.st_mode):04o}); DebugFlow will not keep data there"
        )


def _write_new(path: Path, text: str) -> None:
    with contextlib.suppress(FileExistsError):
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
