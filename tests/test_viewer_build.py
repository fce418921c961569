"""The committed web HUD bundle matches its TypeScript sources (no Node needed to check).

`npm run build` in viewer/ writes `static/BUILD_HASH`: a hash of the sources it built from and
of the two files it produced. Here the same hashes are recomputed in Python, so editing a
viewer source without rebuilding — or editing the bundle by hand — fails CI.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
VIEWER = REPO / "viewer"
STATIC = REPO / "src" / "debugflow" / "server" / "static"
TOP_FILES = ("package.json", "package-lock.json", "tsconfig.json", "vite.config.ts")
BUNDLE = ("app.js", "app.css")
REBUILD = "rebuild it: cd viewer && npm ci && npm run build"


def sources_hash(viewer: Path) -> str:
    """The hash `viewer/scripts/build-hash.mjs` records: sorted files, path NUL text NUL."""
    files = [p for p in (viewer / "src").rglob("*") if p.is_file()]
    files += [viewer / name for name in TOP_FILES]
    digest = hashlib.sha256()
    for name in sorted(p.relative_to(viewer).as_posix() for p in files):
        text = (viewer / name).read_bytes().replace(b"\r\n", b"\n")
        digest.update(name.encode() + b"\0" + text + b"\0")
    return digest.hexdigest()


def recorded() -> dict[str, str]:
    """The `name hash` lines of BUILD_HASH."""
    lines = (STATIC / "BUILD_HASH").read_text(encoding="utf-8").splitlines()
    pairs = (line.split() for line in lines if line and not line.startswith("#"))
    return {name: value for name, value in pairs}


def test_bundle_was_built_from_the_current_sources() -> None:
    assert recorded()["sources"] == sources_hash(VIEWER), f"the HUD bundle is stale: {REBUILD}"


@pytest.mark.parametrize("name", BUNDLE)
def test_bundle_files_are_the_ones_the_build_wrote(name: str) -> None:
    digest = hashlib.sha256((STATIC / name).read_bytes()).hexdigest()
    assert recorded()[name] == digest, f"{name} was changed after the build: {REBUILD}"


def test_the_hash_sees_a_changed_source(tmp_path: Path) -> None:
    copy = tmp_path / "viewer"
    for path in [p for p in (VIEWER / "src").rglob("*") if p.is_file()]:
        target = copy / path.relative_to(VIEWER)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(path.read_bytes())
    for name in TOP_FILES:
        (copy / name).write_bytes((VIEWER / name).read_bytes())
    before = sources_hash(copy)
    with (copy / "src" / "format.ts").open("a", encoding="utf-8") as out:
        out.write("// edited\n")
    assert sources_hash(copy) != before


def test_page_loads_the_bundle_and_nothing_else() -> None:
    page = (STATIC / "index.html").read_text(encoding="utf-8")
    assert '<script type="module" src="/static/app.js"></script>' in page
    assert '<link rel="stylesheet" href="/static/app.css">' in page
    assert 'id="debugflow-hud"' in page
    assert "http" not in page  # no external resources (the page's CSP would refuse them)
