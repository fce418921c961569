"""`python -m debugflow.server`: the same as `flow hud` (handy where `flow` is not on PATH)."""

from __future__ import annotations

import argparse
import sys

from debugflow.cli.hud_cmd import add_hud_parser
from debugflow.errors import FlowError


def main() -> int:
    """Parse `flow hud` options and serve the hub."""
    parser = argparse.ArgumentParser(prog="python -m debugflow.server")
    add_hud_parser(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["hud", *sys.argv[1:]])
    try:
        code: int = args.func(args)
    except FlowError as error:
        print(f"flow hud: {error}", file=sys.stderr)
        return 2
    return code


if __name__ == "__main__":
    sys.exit(main())
