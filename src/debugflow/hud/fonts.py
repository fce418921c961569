"""The HUD's monospace fonts: the first installed one of the web HUD's list, in the sizes drawn.

Labels are clipped by character count, which only works in a monospace font, so each font's
advance (the width of one character) is measured once Dear PyGui has built its atlas. When
no font of the list is installed, Dear PyGui's own (monospace, ASCII only) is used.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

import dearpygui.dearpygui as dpg

from debugflow.hud.theme import TITLE_FONT_PX, VALUE_FONT_PX

# (regular, bold) files, in the web HUD's order of preference (theme.ts FONT).
CANDIDATES: tuple[tuple[str, str], ...] = (
    ("JetBrainsMono-Regular.ttf", "JetBrainsMono-Bold.ttf"),
    ("FiraCode-Regular.ttf", "FiraCode-Bold.ttf"),
    ("DejaVuSansMono.ttf", "DejaVuSansMono-Bold.ttf"),
    ("NotoSansMono-Regular.ttf", "NotoSansMono-Bold.ttf"),
    ("LiberationMono-Regular.ttf", "LiberationMono-Bold.ttf"),
    ("consola.ttf", "consolab.ttf"),  # Windows
    ("Menlo.ttc", "Menlo.ttc"),  # macOS
)
FOLDERS: tuple[Path, ...] = (
    Path("/usr/share/fonts"),
    Path("/usr/local/share/fonts"),
    Path.home() / ".local/share/fonts",
    Path("/System/Library/Fonts"),
    Path("/Library/Fonts"),
    Path("C:/Windows/Fonts"),
)
CARD_FONT_PX = 12
HINT_FONT_PX = 10
_FALLBACK_ADVANCE = 0.6  # of the font size, until measured


@dataclass
class Font:
    """One loaded font: its Dear PyGui item (0: the default font), size and advance."""

    item: int | str
    size: int
    advance: float = 0.0

    def cells(self, width: float) -> int:
        """How many characters fit in `width` pixels."""
        return int(width // (self.advance or self.size * _FALLBACK_ADVANCE))


@dataclass
class Fonts:
    """The fonts the painter draws with."""

    value: Font
    title: Font
    header: Font
    card: Font
    hint: Font
    found: str = ""  # the regular font's file, or "" for Dear PyGui's own
    measured: bool = field(default=False)

    def measure(self) -> None:
        """Measure each font's advance (needs one rendered frame first)."""
        for font in (self.value, self.title, self.header, self.card, self.hint):
            size = dpg.get_text_size("M" * 20, font=font.item)
            if size and size[0] > 0:
                font.advance = float(size[0]) / 20
        self.measured = self.value.advance > 0


def load_fonts() -> Fonts:
    """Register the fonts with Dear PyGui (call after `create_context`)."""
    files = find_font_files()
    if files is None:
        return _fonts((0, 0, 0, 0, 0), "")
    regular, bold = (str(path) for path in files)
    with dpg.font_registry():
        items = (
            dpg.add_font(regular, VALUE_FONT_PX),
            dpg.add_font(bold, TITLE_FONT_PX),
            dpg.add_font(bold, VALUE_FONT_PX),
            dpg.add_font(regular, CARD_FONT_PX),
            dpg.add_font(regular, HINT_FONT_PX),
        )
    return _fonts(items, regular)


def _fonts(items: tuple[int | str, ...], found: str) -> Fonts:
    value, title, header, card, hint = items
    return Fonts(
        value=Font(value, VALUE_FONT_PX),
        title=Font(title, TITLE_FONT_PX),
        header=Font(header, VALUE_FONT_PX),
        card=Font(card, CARD_FONT_PX),
        hint=Font(hint, HINT_FONT_PX),
        found=found,
    )


def find_font_files() -> tuple[Path, Path] | None:
    """The first (regular, bold) pair of `CANDIDATES` installed here, if any."""
    index = _installed()
    for regular, bold in CANDIDATES:
        if regular in index:
            return index[regular], index.get(bold, index[regular])
    return None


def _installed() -> dict[str, Path]:
    """Font files by name, from the usual folders (the first of a name wins)."""
    wanted = {name for pair in CANDIDATES for name in pair}
    found: dict[str, Path] = {}
    for folder in FOLDERS:
        if not folder.is_dir():
            continue
        try:
            for path in folder.rglob("*"):
                if path.name in wanted and path.name not in found:
                    found[path.name] = path
        except OSError as exc:  # an unreadable folder: skip it, the others may have one
            print(f"debugflow hud: cannot search {folder}: {exc}", file=sys.stderr)
    return found
