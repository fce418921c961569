"""A stand-in editor for the docked recording: a Tk window showing a Python file, read-only,
with line numbers and a few colours, so the HUD is seen docked beside the code it traces.

    python scripts/demo_gifs/editor.py FILE WIDTHxHEIGHT+X+Y
"""

from __future__ import annotations

import keyword
import re
import sys
import tkinter as tk
from pathlib import Path

BACKGROUND = "#0f141c"
GUTTER = "#0b1017"
COLORS = {
    "text": "#d4dae3",
    "keyword": "#c792ea",
    "string": "#a5d6a7",
    "comment": "#6b7686",
    "name": "#82aaff",
    "number": "#f0b37e",
}
TOKENS = re.compile(
    r"(?P<comment>#[^\n]*)"
    r"|(?P<string>\"\"\"[\s\S]*?\"\"\"|\"[^\"\n]*\"|'[^'\n]*')"
    r"|(?<=def )(?P<name>\w+)"
    r"|\b(?P<keyword>" + "|".join(keyword.kwlist) + r")\b"
    r"|\b(?P<number>\d+(?:\.\d+)?)\b"
)
FONT = ("DejaVu Sans Mono", 10)


def main(path: Path, geometry: str) -> None:
    """Show `path` until the window is closed."""
    root = tk.Tk(className="editor")
    root.title(path.name)
    root.geometry(geometry)
    root.configure(background=BACKGROUND)
    source = path.read_text(encoding="utf-8")
    tab = tk.Label(root, text=f"  {path.name}  ", font=FONT, fg=COLORS["text"], bg="#19212d")
    tab.pack(anchor="w")
    body = tk.Frame(root, background=BACKGROUND)
    body.pack(fill="both", expand=True)
    lines = source.count("\n") + 1
    gutter = text_widget(body, GUTTER, width=4)
    gutter.insert("1.0", "\n".join(f"{n:>3}" for n in range(1, lines + 1)))
    gutter.pack(side="left", fill="y")
    text = text_widget(body, BACKGROUND)
    text.insert("1.0", source)
    colour(text, source)
    text.pack(side="left", fill="both", expand=True)
    code = first_code_line(source)
    for widget in (gutter, text):
        widget.configure(state="disabled")
        widget.yview(f"{code}.0")  # the code in view, the module's docstring above it
    root.mainloop()


def first_code_line(source: str) -> int:
    """The line number of the first import: where the code starts after the docstring."""
    for number, line in enumerate(source.splitlines(), 1):
        if line.startswith(("import ", "from ")):
            return number
    return 1


def text_widget(parent: tk.Misc, background: str, width: int = 80) -> tk.Text:
    """A borderless, dark text area."""
    return tk.Text(
        parent,
        width=width,
        font=FONT,
        background=background,
        foreground=COLORS["comment"] if background == GUTTER else COLORS["text"],
        borderwidth=0,
        highlightthickness=0,
        padx=8,
        pady=6,
        spacing1=1,
        wrap="none",
    )


def colour(text: tk.Text, source: str) -> None:
    """Tag comments, strings, keywords, function names and numbers with their colours."""
    for name, color in COLORS.items():
        text.tag_configure(name, foreground=color)
    for match in TOKENS.finditer(source):
        kind = match.lastgroup
        if kind is not None:
            text.tag_add(kind, f"1.0+{match.start()}c", f"1.0+{match.end()}c")


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2])
