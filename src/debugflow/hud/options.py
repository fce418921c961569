"""The desktop HUD's command line: one frozen set of options, one name each."""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path

from debugflow.config import FlowConfig
from debugflow.hud.dock import Side

HUB_WAIT = 20.0  # seconds to wait for the hub (the sentinel may start both at once)


@dataclass(frozen=True)
class HudOptions:
    """The desktop HUD's options, one name each."""

    data_dir: Path
    hidden: bool = False
    dock: Side = "right"
    wait: float = HUB_WAIT
    frames: Path | None = None
    frames_fps: float = 10.0
    stats_file: Path | None = None
    max_fps: float = 60.0


def parse_options(argv: list[str] | None = None) -> HudOptions:
    """The options of a command line (`sys.argv[1:]` by default)."""
    parser = argparse.ArgumentParser(
        prog="python -m debugflow.hud",
        description="The desktop HUD: follows the newest live run of this project's hub.",
    )
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=None,
        help="the project's data folder (default: $FLOW_DATA_DIR or .debugflow)",
    )
    parser.add_argument("--hidden", action="store_true", help="start hidden (SIGUSR1 shows it)")
    parser.add_argument(
        "--dock",
        choices=("right", "left"),
        default="right",
        help="the monitor edge to dock to (default: right)",
    )
    parser.add_argument(
        "--wait",
        type=float,
        default=HUB_WAIT,
        help=f"seconds to wait for the hub to appear (default: {HUB_WAIT:g})",
    )
    parser.add_argument(
        "--frames",
        type=Path,
        default=None,
        metavar="DIR",
        help="save rendered frames as PNG files in DIR (for recordings)",
    )
    parser.add_argument(
        "--frames-fps",
        type=float,
        default=10.0,
        help="frames saved per second with --frames (default: 10)",
    )
    parser.add_argument(
        "--stats-file",
        type=Path,
        default=None,
        metavar="PATH",
        help="append a JSON line a second: frames, fps, nodes, latency",
    )
    parser.add_argument(
        "--max-fps",
        type=float,
        default=60.0,
        help="frame rate while anything moves; 0: as fast as it renders",
    )
    args = parser.parse_args(argv)
    data_dir = args.data_dir if args.data_dir is not None else FlowConfig.from_env().data_dir
    return HudOptions(
        data_dir=data_dir.resolve(),
        hidden=args.hidden,
        dock=args.dock,
        wait=max(0.0, args.wait),
        frames=args.frames,
        frames_fps=args.frames_fps,
        stats_file=args.stats_file,
        max_fps=max(0.0, args.max_fps),
    )
