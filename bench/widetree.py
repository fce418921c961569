"""The module of a wide call tree that the HUD frame-rate benchmarks trace."""

from __future__ import annotations


def wide_tree_source(groups: int, leaves: int) -> str:
    """A module of `groups` functions that each call all of `leaves` leaf functions once,
    listed in its GROUPS and LEAVES tuples (a tree of groups × (leaves + 1) nodes per pass)."""
    source = [f"def leaf_{j}(x):\n    return x\n\n" for j in range(leaves)]
    source.append(f"LEAVES = ({', '.join(f'leaf_{j}' for j in range(leaves))},)\n\n")
    for i in range(groups):
        source.append(f"def group_{i}(x):\n    for leaf in LEAVES:\n        leaf(x)\n\n")
    source.append(f"GROUPS = ({', '.join(f'group_{i}' for i in range(groups))},)\n")
    return "".join(source)
