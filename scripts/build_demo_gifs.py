"""Render the README's demo GIFs from the real HUDs.

    .venvs/3.11/bin/python scripts/build_demo_gifs.py [--out docs/demo] [--only NAME]

Each demo starts everything for real: an Xvfb of its own (with openbox and xcompmgr for the
docked one), a hub (`python -m debugflow.server --port 0`) with its own data folder, the
desktop HUD saving its rendered frames (`python -m debugflow.hud --frames`), or the web HUD
in Debian's chromium driven by Playwright, and a program from `examples/demo/` traced with
`flow run`. The frames become optimised GIFs (shared palette, repeated frames merged,
looping forever, at most about 1.5 MB each). Needs Xvfb, xdotool and xprop (and openbox,
xcompmgr, Tk and chromium for some demos), Pillow and the desktop extra.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

DEFAULT_OUT = Path(__file__).resolve().parents[1] / "docs" / "demo"


try:  # Pillow makes the GIFs; the demos import it
    from demo_gifs.demos import DEMOS
    from PIL import Image
except ImportError as error:  # pragma: no cover - where Pillow or DebugFlow is missing
    sys.exit(f"build_demo_gifs: {error.name} is missing: pip install pillow -e '.[desktop]'")


def main(argv: list[str] | None = None) -> int:
    """Build the demos asked for; returns the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="folder of the GIFs")
    parser.add_argument(
        "--only", action="append", choices=list(DEMOS), help="build this demo (repeatable)"
    )
    args = parser.parse_args(argv)
    names = args.only or list(DEMOS)
    lacking = [f"{name}: {DEMOS[name].missing()}" for name in names if DEMOS[name].missing()]
    if lacking:
        print("build_demo_gifs: cannot record here:\n  " + "\n  ".join(lacking), file=sys.stderr)
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    for name in names:
        began = time.monotonic()
        for path in DEMOS[name].build(args.out):
            size = f"{path.stat().st_size / 1024:.0f} KiB{frame_count(path)}"
            print(f"{name}: {path} {size} ({time.monotonic() - began:.1f} s)")
    print(f"done in {time.monotonic() - started:.1f} s")
    return 0


def frame_count(path: Path) -> str:
    """How many different pictures a GIF shows."""
    if path.suffix != ".gif":
        return ""
    with Image.open(path) as gif:
        return f", {gif.n_frames} frames"


if __name__ == "__main__":
    sys.exit(main())
