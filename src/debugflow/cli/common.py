"""Helpers shared by the commands that read the run store."""

from __future__ import annotations

import argparse
import errno
import functools
import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from debugflow.config import FlowConfig
from debugflow.storage import RunStore

if TYPE_CHECKING:
    from rich.console import Console


RUN_HELP = (
    "a run id or any unique part of one, or 'latest' (the default): the newest run "
    "that is not a ghost run; `flow runs` lists them"
)
GHOST_HELP = "the newest ghost run (the dry run of `flow ghost` or launch(Ghost=True))"


PIPED_WIDTH = 140


def add_store_options(parser: argparse.ArgumentParser, run_argument: bool = True) -> None:
    """`--root` and, for commands about one run, the optional RUN argument or `--ghost`."""
    parser.add_argument("--root", help="project root (default: current directory)")
    if run_argument:
        which = parser.add_mutually_exclusive_group()
        which.add_argument("run", nargs="?", default="latest", metavar="RUN", help=RUN_HELP)
        which.add_argument("--ghost", action="store_true", help=GHOST_HELP)


def resolve_run(store: RunStore, args: argparse.Namespace) -> str:
    """The full id of the run that the RUN argument, or `--ghost`, names."""
    return store.resolve(args.run, ghost=args.ghost)


@contextmanager
def open_store(args: argparse.Namespace) -> Iterator[RunStore]:
    """The project's run store, closed afterwards."""
    config = FlowConfig.from_env(root=args.root)
    store = RunStore(config.store_path)
    try:
        yield store
    finally:
        store.close()


def console() -> Console:
    """A console on stdout: colours on a terminal, plain text when piped."""
    from rich.console import Console  # loaded by the commands that print, not by `flow run`

    stream = Console()
    # Piped output has no width to follow: `COLUMNS` if set, else a wide fixed one that keeps
    # trees readable in files.
    width = None if stream.is_terminal else _piped_width()
    return _pipe_console_class()(highlight=False, soft_wrap=False, width=width)


def _piped_width() -> int:
    columns = os.environ.get("COLUMNS", "")
    return int(columns) if columns.isdigit() and int(columns) > 0 else PIPED_WIDTH


@functools.cache
def _pipe_console_class() -> type[Console]:
    """A rich Console that reports a closed pipe as BrokenPipeError instead of exiting."""
    from rich.console import Console

    class PipeConsole(Console):
        """Leaves what a reader that went away means to `flow`'s main()."""

        def on_broken_pipe(self) -> None:
            """Raise, where rich would exit with status 1 by itself."""
            self.quiet = True  # nothing more to write: the reader is gone
            raise BrokenPipeError(errno.EPIPE, os.strerror(errno.EPIPE))

    return PipeConsole
