"""`python -m debugflow.sentinel --root DIR`: the sentinel process `flow activate` starts.

Its output goes to the log file it is given (stdout and stderr are that file); the state it
keeps is in `<data dir>/sentinel.json`.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from debugflow.config import FlowConfig
from debugflow.sentinel.daemon import Sentinel


def main(argv: list[str] | None = None) -> int:
    """Serve until SIGTERM (or SIGINT, SIGHUP)."""
    parser = argparse.ArgumentParser(prog="python -m debugflow.sentinel")
    parser.add_argument("--root", required=True, type=Path, help="the project root")
    parser.add_argument("--log", type=Path, help="the log file stdout writes to, for `status`")
    args = parser.parse_args(argv)
    config = FlowConfig.from_env(root=str(args.root))
    sentinel = Sentinel(config.root, config.data_dir, os.environ, sys.stdout)
    sentinel.state.log = str(args.log) if args.log else None
    return sentinel.serve()


if __name__ == "__main__":
    sys.exit(main())
