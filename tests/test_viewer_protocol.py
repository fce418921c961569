"""The viewer's TypeScript types and the docs' message reference are generated from Python.

`viewer/src/protocol.ts` and the generated section of `docs/protocol.md` are committed; here
they are generated again from `debugflow.protocol.viewer` and must be the same, so a shape
changed in Python (a field, its type, a literal value, a version) without regenerating fails.
"""

from __future__ import annotations

import re
from typing import TypedDict

import pytest

from debugflow.protocol import typescript, versions, viewer

ROOT = typescript.repository()
REGENERATE = "regenerate: python -m debugflow.protocol.typescript"


def test_the_typescript_types_are_the_generated_ones() -> None:
    committed = typescript.typescript_path(ROOT).read_text(encoding="utf-8")
    assert committed == typescript.typescript(), f"viewer/src/protocol.ts is stale: {REGENERATE}"


def test_the_docs_reference_is_the_generated_one() -> None:
    docs = (ROOT / "docs" / "protocol.md").read_text(encoding="utf-8")
    assert docs == typescript.docs_with_reference(docs), f"docs/protocol.md is stale: {REGENERATE}"


@pytest.mark.parametrize("shape", viewer.SHAPES, ids=lambda shape: shape.__name__)
def test_every_shape_is_an_interface_with_typed_fields(shape: type) -> None:
    text = typescript.typescript()
    body = re.search(rf"export interface {shape.__name__} {{\n(.*?)^}}", text, re.M | re.S)
    assert body is not None
    fields = re.findall(r"^  (\w+)\??: (.+);$", body[1], re.M)
    assert [name for name, _ in fields] == list(shape.__annotations__)
    assert all(kind.strip() for _, kind in fields)


def test_types_are_spelled_as_typescript() -> None:
    text = typescript.typescript()
    assert "  args: ArgWire[] | null;" in text  # list[ArgWire] | None
    assert (
        "  kind: NodeKind;" in text
        and 'export type NodeKind = "call" | "mark" | "unreached" | "imports";' in text
    )
    assert "  speed: number;" in text and "  stored: boolean;" in text
    assert f"export const SPINE_VERSION = {versions.SPINE_VERSION};" in text


class Probe(TypedDict):
    """A shape made up for this test."""

    a: int | None
    b: list[viewer.ArgWire]
    c: viewer.NodeKind
    d: float


def test_field_types_come_from_the_python_types() -> None:
    assert typescript._interface(Probe) == (
        "/** A shape made up for this test. */\n"
        "export interface Probe {\n"
        "  a: number | null;\n"
        "  b: ArgWire[];\n"
        "  c: NodeKind;\n"
        "  d: number;\n"
        "}\n"
    )
