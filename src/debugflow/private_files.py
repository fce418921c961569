"""DebugFlow's private folder and files: the data folder 0700, the files in it 0600.

The data folder holds argument values (the run store) and the hub's token (`hub.json`), so it
is made readable by its owner only, and a new one gets a `.gitignore` of `*` so that it is never
committed by accident. A folder or file DebugFlow finds with looser modes is tightened when it
belongs to this user. Refused (`NotPrivate`), because what is written there could be read or
swapped, or DebugFlow would change what is not its own: a shared folder like /tmp, a folder of
another user that others can write to, a file of another user that others can read, and a
folder or file that is a symbolic link. `owner_problem` and `mode_problem` are the one test of
who owns a file and who else may use it, for the discovery file's checks too.

Only POSIX systems have these modes; elsewhere the folder is simply created.
"""

from __future__ import annotations

import contextlib
import errno
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


class UntrustedFile(FlowError):
    """A state file that must not be believed; the message says why, starting "it …"."""


def write_private_text(path: Path, text: str) -> Path:
    """Write a small state file atomically, readable only by its owner.

    It goes to a new file of a random name, created 0600 in the same (private) folder, never
    through a link left at the final name, which then replaces `path`.
    """
    import tempfile  # only here: it loads shutil, which a traced program's start-up must not

    make_private_dir(path.parent)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return path


def read_private_bytes(path: Path, limit: int, writer: str) -> bytes:
    """At most `limit` bytes of a state file that only this user can have written.

    Raises FileNotFoundError when there is none, and UntrustedFile when it is a link, not a
    regular file, another user's, open to others, or in a folder others may write to
    (`writer` completes "… open to other users: <writer>", e.g. "a hub writes it 0600").
    """
    with os.fdopen(open_regular(path), "rb") as file:
        _check_private("it", os.fstat(file.fileno()), 0o077, writer)
        _check_private("its folder", os.stat(path.parent), 0o022, "others could swap the file")
        return file.read(limit)


def open_regular(path: Path) -> int:
    """A descriptor of the regular file at `path`, opened without following a symbolic link
    and without waiting (a FIFO there would block a plain open until someone writes to it).

    Raises FileNotFoundError when there is none, UntrustedFile for anything else there.
    """
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise
    except OSError as exc:
        what = "is a symbolic link" if exc.errno == errno.ELOOP else f"cannot be read ({exc})"
        raise UntrustedFile(f"it {what}") from None
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise UntrustedFile("it is not a regular file")
    return fd


def _check_private(what: str, info: os.stat_result, forbidden: int, why: str) -> None:
    if stranger := owner_problem(info):
        raise UntrustedFile(f"{what} {stranger}")
    if exposed := mode_problem(info, forbidden):
        raise UntrustedFile(f"{what} {exposed}: {why}")


def make_private_dir(path: Path) -> Path:
    """Create `path` (mode 0700, with a `.gitignore` of `*`), or tighten the existing folder.

    A symbolic link is refused: a repository could ship `.debugflow` pointing at a folder of
    the user's, which would then be tightened and filled.
    """
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
    _tighten(path, path, info, FILE_MODE, refuse=0o077)


def _tighten_dir(path: Path) -> None:
    if not _POSIX:
        if not path.is_dir():
            raise NotPrivate(f"{path} is not a folder")
        return
    # Checked and tightened through a descriptor: a link swapped in after the open changes nothing.
    fd = _open_folder(path)
    try:
        info = os.fstat(fd)
        if info.st_mode & stat.S_ISVTX and info.st_mode & 0o002:
            raise NotPrivate(f"{path} is a shared folder (like /tmp); choose a folder of your own")
        _tighten(path, fd, info, FOLDER_MODE, refuse=0o022)
    finally:
        os.close(fd)


def _open_folder(path: Path) -> int:
    """A descriptor of the folder `path`; NotPrivate when it is a symbolic link or no folder."""
    try:
        return os.open(path, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
    except OSError as exc:
        if exc.errno not in (errno.ENOTDIR, errno.ELOOP):
            raise
        if path.is_symlink():
            raise NotPrivate(
                f"{path} is a symbolic link; DebugFlow keeps its data in a folder of its own "
                "(remove the link, or name the folder itself in FLOW_DATA_DIR)"
            ) from None
        raise NotPrivate(f"{path} is not a folder") from None


def owner_problem(info: os.stat_result) -> str | None:
    """`belongs to another user (uid N)` when this user does not own what `info` describes;
    None when it does, and off POSIX (no owners to compare)."""
    if not _POSIX or info.st_uid == os.geteuid():
        return None
    return f"belongs to another user (uid {info.st_uid})"


def mode_problem(info: os.stat_result, forbidden: int) -> str | None:
    """`is open to other users (mode 0644)` when the mode in `info` has any of the `forbidden`
    permission bits; None when it has none, and off POSIX."""
    mode = stat.S_IMODE(info.st_mode)
    if not _POSIX or not mode & forbidden:
        return None
    return f"is open to other users (mode {mode:04o})"


def _tighten(path: Path, target: Path | int, info: os.stat_result, mode: int, refuse: int) -> None:
    """chmod `target` (`path` or a descriptor of it) to `mode` when it is ours; when it is
    not, refuse it if it has `refuse` bits."""
    if mode_problem(info, 0o077) is None:
        return
    stranger = owner_problem(info)
    if stranger is None:
        os.chmod(target, stat.S_IMODE(info.st_mode) & mode)
    elif exposed := mode_problem(info, refuse):
        raise NotPrivate(f"{path} {stranger} and {exposed}; DebugFlow will not keep data there")


def _write_new(path: Path, text: str) -> None:
    with contextlib.suppress(FileExistsError):
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
