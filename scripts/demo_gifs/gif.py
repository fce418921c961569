"""Frames to an optimised GIF with Pillow: one palette for the whole animation (so still parts
stay still), no dithering (so unchanged pixels encode as unchanged), repeated frames merged,
real timing from when each frame was rendered, looping forever, and kept under a size budget
by dropping to fewer frames a second before anything is scaled down.
"""

from __future__ import annotations

import io
import itertools
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from PIL import Image, ImageChops

Rgb = tuple[int, int, int]

MAX_BYTES = 1_500_000
PALETTE_SAMPLES = 12  # frames the shared palette is built from
MIN_FRAME_MS = 20  # browsers play shorter GIF frames slower, not faster
HOLD_MS = 2200  # the last frame stays this long before the loop starts again
LONGEST_STILL = 0.6  # seconds a still stretch is kept
STILL_PIXELS = 150  # fewer pixels changed than this from one frame to the next: still
VISIBLE_CHANGE = 24  # a pixel changed by less (0-255, luminance-weighted) is the same


@dataclass(frozen=True)
class Frame:
    """One rendered picture and when it was made (seconds, epoch)."""

    image: Image.Image
    at: float


def saved_frames(folder: Path, start: float = 0.0, end: float = float("inf")) -> list[Frame]:
    """The PNG frames a HUD saved in `folder` between `start` and `end`, timed by when they
    were written."""
    found = []
    for path in sorted(folder.glob("frame-*.png")):
        at = path.stat().st_mtime_ns / 1e9
        if start <= at <= end:
            with Image.open(path) as image:
                found.append(Frame(image.convert("RGB"), at))
    return found


def capture_interval(frames: list[Frame]) -> float:
    """The median time between two recorded frames, in milliseconds."""
    gaps = sorted(after.at - frame.at for frame, after in itertools.pairwise(frames))
    return 1000 * gaps[len(gaps) // 2] if gaps else 0.0


def shorten_stills(frames: list[Frame], longest: float = LONGEST_STILL) -> list[Frame]:
    """Cut every still stretch (nothing changing but a running node's breathing glow) down
    to `longest` seconds: the wait before a run appears, a demo program's pause at its start,
    the rest after it ended (the GIF holds its last frame anyway). The frames after a cut
    move up in time, so every motion keeps its real pace."""
    kept, cut = [frames[0]], 0.0
    still_since = frames[0].at
    for before, frame in itertools.pairwise(frames):
        if changed_pixels(before.image, frame.image) >= STILL_PIXELS:
            still_since = frame.at
        elif frame.at - still_since > longest:
            cut += frame.at - before.at
            continue
        kept.append(replace(frame, at=frame.at - cut))
    return kept


def changed_pixels(before: Image.Image, after: Image.Image) -> int:
    """How many pixels changed visibly from one frame to the next."""
    difference = ImageChops.difference(before, after).convert("L")
    return sum(difference.histogram()[VISIBLE_CHANGE:])


def write_gif(
    frames: list[Frame], path: Path, keep: Sequence[Rgb] = (), max_bytes: int = MAX_BYTES
) -> int:
    """Write `frames` as a GIF that loops forever, at most `max_bytes`; returns its size.

    `keep`: colours the palette must hold exactly (small but telling: a pulse, a node's state).
    """
    if not frames:
        raise ValueError(f"no frames for {path.name}")
    step, scale = 1, 1.0
    while True:
        data = encode(thin(frames, step), keep, scale)
        if len(data) <= max_bytes or (step >= 4 and scale < 0.5):
            break
        if step < 4:
            step += 1
        else:
            scale *= 0.85
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return len(data)


def thin(frames: list[Frame], step: int) -> list[Frame]:
    """Every `step`-th frame, always keeping the last one (the picture the loop rests on)."""
    kept = frames[::step]
    return kept if kept[-1] is frames[-1] else [*kept, frames[-1]]


def encode(frames: list[Frame], keep: Sequence[Rgb] = (), scale: float = 1.0) -> bytes:
    """The GIF's bytes: shared palette, identical neighbours merged, real durations."""
    images = [_scaled(frame.image, scale) for frame in frames]
    palette = shared_palette(images, keep)
    indexed = [image.quantize(palette=palette, dither=Image.Dither.NONE) for image in images]
    durations = frame_durations(frames)
    merged, merged_ms = [indexed[0]], [durations[0]]
    for image, ms in zip(indexed[1:], durations[1:], strict=True):
        if image.tobytes() == merged[-1].tobytes():
            merged_ms[-1] += ms
        else:
            merged.append(image)
            merged_ms.append(ms)
    out = io.BytesIO()
    merged[0].save(
        out,
        format="GIF",
        save_all=True,
        append_images=merged[1:],
        duration=merged_ms,
        loop=0,
        optimize=False,  # the palette is shared on purpose; Pillow still crops each frame
        disposal=1,
    )
    return out.getvalue()


def shared_palette(images: list[Image.Image], keep: Sequence[Rgb] = ()) -> Image.Image:
    """One 256-colour palette from frames spread over the whole animation, holding `keep`.

    Median cut gives colours to what covers the most pixels; a pulse or a running node covers
    few, so their colours are added as they are, not left to the nearest large area's."""
    every = max(1, len(images) // PALETTE_SAMPLES)
    sample = images[::every][:PALETTE_SAMPLES]
    width, height = sample[0].size
    sheet = Image.new("RGB", (width, height * len(sample)))
    for index, image in enumerate(sample):
        sheet.paste(image, (0, index * height))
    kept = list(dict.fromkeys(keep))[:64]
    found = sheet.quantize(colors=256 - len(kept), method=Image.Quantize.MEDIANCUT)
    colors = found.getpalette()[: 3 * (256 - len(kept))]  # type: ignore[index]
    colors += [channel for color in kept for channel in color]
    colors += colors[:3] * (256 - len(colors) // 3)  # unused entries: a colour already there
    palette = Image.new("P", (1, 1))
    palette.putpalette(colors)
    return palette


def frame_durations(frames: list[Frame]) -> list[int]:
    """How long each frame shows, in milliseconds (GIF's 10 ms steps), the last one held."""
    durations = []
    for frame, after in itertools.pairwise(frames):
        durations.append(max(MIN_FRAME_MS, round((after.at - frame.at) * 100) * 10))
    return [*durations, HOLD_MS]


def _scaled(image: Image.Image, scale: float) -> Image.Image:
    if scale >= 1.0:
        return image
    size = (round(image.width * scale), round(image.height * scale))
    return image.resize(size, Image.Resampling.LANCZOS)
