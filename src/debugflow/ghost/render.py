"""Terminal views of a ghost pass: the call tree (ghost style, unreached static nodes dimmed) and
the reached / not reached report, each under the isolation the pass ran with."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.markup import escape
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from debugflow.ghost.model import GhostResult
from debugflow.ghost.sandbox import STRONG_RULES
from debugflow.spine.model import SpineModel
from debugflow.spine.terminal import GHOST, render_spine

FAILED_STYLE = "red"
UNREACHED_STYLE = "dim"
WEAK_STYLE = "yellow"
TAMPERED = "The report stream was tampered with (see the notes); what followed was still read."


def isolation_view(result: GhostResult) -> list[RenderableType]:
    """The lines that open every view: the isolation in force and, when it is the audit hook
    alone, that it is weaker and its known gaps; then whether the report stream was tampered."""
    isolation = result.isolation
    if isolation.strong:
        lines: list[RenderableType] = [
            Text(f"isolation: {isolation.reason}: {STRONG_RULES}", UNREACHED_STYLE)
        ]
    else:
        lines = [
            Text(f"Isolation is weaker: audit hook only ({isolation.reason}).", WEAK_STYLE),
            Text("Known gaps:", WEAK_STYLE),
            *(Text(f"  - {gap}", WEAK_STYLE) for gap in isolation.gaps),
        ]
    if result.tampered:
        lines.append(Text(TAMPERED, FAILED_STYLE))
    return lines


def ghost_tree(result: GhostResult) -> Tree:
    """The pass drawn as the spine every view draws, in the ghost style: one lane per attempt,
    functions the pass did not reach dimmed under the calls that did happen."""
    model = SpineModel(result.run_started.run_id)
    model.apply(result.events)
    title = f"[bold]ghost[/] {escape(result.target)}  {_status(result)}"
    return render_spine(model, title, palette=GHOST, name_lanes=True)


def _status(result: GhostResult) -> str:
    reached = sum(f.reached for f in result.functions if f.static)
    total = sum(f.static for f in result.functions)
    stop = (
        f"stopped by {result.caps.describe(result.stopped_by)}"
        if result.stopped_by
        else "ran to its end"
    )
    counts = f"{reached}/{total} mapped functions reached · {result.attempts} attempt(s)"
    return f"[dim]{counts} · {escape(stop)}[/]"


def report_view(result: GhostResult) -> RenderableType:
    """The `--report` table: each mapped function, reached or not, and why not."""
    table = Table(title=f"ghost report · {result.target}", title_justify="left")
    table.add_column("function")
    table.add_column("reached")
    table.add_column("reason")
    for item in result.functions:
        mark = Text("yes", "green") if item.reached else Text("no", FAILED_STYLE)
        name = item.function if item.static else f"{item.function} (not in the map)"
        table.add_row(name, mark, item.reason or "")
    parts: list[RenderableType] = [*isolation_view(result), table]
    if result.stopped_by:
        parts.append(
            Text(f"The pass was stopped by {result.caps.describe(result.stopped_by)}.", "yellow")
        )
    parts.extend(_hints_and_notes(result))
    return Group(*parts)


def _hints_and_notes(result: GhostResult) -> list[RenderableType]:
    lines: list[RenderableType] = []
    if result.missing_hints:
        lines.append(Text("Parameters without a usable type hint (a stand-in was used):", "bold"))
    for hint in result.missing_hints:
        uses = f" — used as: {', '.join(hint.uses)}" if hint.uses else ""
        lines.append(Text(f"  {hint.parameter} of {hint.function}: {hint.detail}{uses}"))
    if result.notes:
        lines.append(Text("Notes:", "bold"))
    lines.extend(Text(f"  {note}", UNREACHED_STYLE) for note in result.notes)
    return lines


def tree_view(result: GhostResult) -> RenderableType:
    """The default terminal output: the tree, then parameters without hints and notes."""
    return Group(*isolation_view(result), ghost_tree(result), *_hints_and_notes(result))
