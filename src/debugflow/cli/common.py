"""Helpers shared by the commands that read the run store."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from debugflow.config import FlowConfig
from debugflow.storage import RunStore

if TYPE_CHECKING:
    from rich.console import Console


def add_store_options(parser: argparse.ArgumentParser, run_argument: bool = True) -> None:
    """`--root` and, for commands about one run, the optional RUN argument."""
    parser.add_argument("--root", help="project root (default: current directory)")
    if run_argument:
        parser.add_argument(
            "run", nargs="?", default="latest", help="run id, unique prefix or 'latest' (default)"
        )


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
    # Piped output has no width to follow; a wide fixed one keeps trees readable in files.
    return Console(highlight=False, soft_wrap=False, width=None if stream.is_terminal else 140)
