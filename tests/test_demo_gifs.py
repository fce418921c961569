"""`scripts/build_demo_gifs.py` end to end: the thread-lanes demo recorded from the real
desktop HUD (on its own Xvfb, following a real hub and a real `flow run` of
examples/demo/loader.py), made into a GIF that loops forever, keeps within its size budget,
is as wide as three lanes, and shows the pulse, running nodes and settled ones in the HUD's
own colours. (The quickest demo: its program has no pause for the HUD to open the run.)
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from operator import sub
from pathlib import Path

import pytest

from debugflow.hud.layout import columns_width
from debugflow.hud.theme import COLORS, STATE_COLORS, rgba
from desktop_helpers import hud_skip_reason

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "build_demo_gifs.py"
MAX_BYTES = 1_500_000


def skip_reason() -> str | None:
    """Why the recording cannot run here: Pillow (installed on 3.11 only by scripts/test.sh),
    then what the desktop HUD's tests need (never a reason in CI)."""
    if importlib.util.find_spec("PIL") is None:
        return "needs Pillow (pip install pillow), which scripts/test.sh installs on 3.11 only"
    return hud_skip_reason()


pytestmark = [
    pytest.mark.renderer,
    pytest.mark.skipif(skip_reason() is not None, reason=str(skip_reason())),
]


def colour_counts(path: Path, colours: dict[str, str]) -> dict[str, int]:
    """For each colour, the most pixels of that colour (give or take what OpenGL's
    rounding does: 4 a channel) in any one frame."""
    from PIL import Image, ImageSequence

    best = dict.fromkeys(colours, 0)
    with Image.open(path) as gif:
        for frame in ImageSequence.Iterator(gif):
            counts = frame.convert("RGB").getcolors(1 << 20) or []
            for name, css in colours.items():
                want = rgba(css)[:3]
                near = sum(n for n, rgb in counts if max(map(abs, map(sub, rgb, want))) <= 4)
                best[name] = max(best[name], near)
    return best


def test_the_thread_lanes_demo_is_recorded_from_the_desktop_hud(tmp_path: Path) -> None:
    from PIL import Image

    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--only", "threads", "--out", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    gif = tmp_path / "thread-lanes.gif"
    assert f"threads: {gif}" in done.stdout
    assert 0 < gif.stat().st_size <= MAX_BYTES
    with Image.open(gif) as image:
        assert image.info["loop"] == 0  # forever
        assert image.size == (columns_width(3), 420)  # the window, three lanes side by side
        assert getattr(image, "n_frames", 1) >= 15
    seen = colour_counts(
        gif,
        {
            "pulse": COLORS["pulseDown"],
            "running": STATE_COLORS["processing"],
            "settled": STATE_COLORS["success"],
        },
    )
    assert all(count >= 20 for count in seen.values()), seen
