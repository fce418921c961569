"""Click-to-source: the editor command from FLOW_EDITOR_CMD or PATH, run through the hub."""

from __future__ import annotations

import asyncio
import shutil
import sys
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from debugflow.server.editor import EditorNotFound, editor_command
from hub_helpers import http_url, running_hub
from waiting import wait_until

RECORDER = """
import json, sys
with open(sys.argv[1], "w") as out:
    json.dump(sys.argv[2:], out)
"""


def _recording_editor(tmp_path: Path) -> tuple[str, Path]:
    script = tmp_path / "recorder.py"
    script.write_text(RECORDER)
    record = tmp_path / "record.json"
    return f'"{sys.executable}" "{script}" "{record}" --goto {{file}}:{{line}}', record


def test_template_is_split_without_a_shell() -> None:
    argv = editor_command("/src/my file.py", 12, env={"FLOW_EDITOR_CMD": "code -g {file}:{line}"})
    assert argv == ["code", "-g", "/src/my file.py:12"]


def test_template_without_placeholder_gets_the_file_appended() -> None:
    assert editor_command("/a.py", 3, env={"FLOW_EDITOR_CMD": "myedit"}) == ["myedit", "/a.py"]


def test_known_editors_are_found_on_path(tmp_path: Path) -> None:
    fake = tmp_path / "cursor"
    fake.write_text("#!/bin/sh\n")
    fake.chmod(0o755)

    def which(name: str) -> str | None:
        return shutil.which(name, path=str(tmp_path))

    assert editor_command("/a.py", 7, env={}, which=which) == [str(fake), "-g", "/a.py:7"]


def test_pycharm_gets_line_as_an_option() -> None:
    def which(name: str) -> str | None:
        return "/opt/pycharm" if name == "pycharm" else None

    assert editor_command("/a.py", 7, env={}, which=which) == [
        "/opt/pycharm",
        "--line",
        "7",
        "/a.py",
    ]


def test_no_editor_is_a_clear_error() -> None:
    with pytest.raises(EditorNotFound, match="FLOW_EDITOR_CMD"):
        editor_command("/a.py", 1, env={}, which=lambda name: None)


async def _post(url: str, body: Any) -> tuple[int, Any]:
    async with aiohttp.ClientSession() as session, session.post(url, json=body) as resp:
        return resp.status, await resp.json()


def test_api_open_runs_the_editor_command(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    template, record = _recording_editor(tmp_path)
    monkeypatch.setenv("FLOW_EDITOR_CMD", template)
    source = tmp_path / "train.py"
    source.write_text("x = 1\n")
    with running_hub(tmp_path) as info:
        status, body = asyncio.run(
            _post(http_url(info, "/api/open"), {"file": str(source), "line": 12})
        )
    assert status == 200 and body["ok"] is True
    # The editor runs detached: wait until it has written its whole record, not just opened it.
    written = wait_until(lambda: record.exists() and record.read_text(), "the editor to run")
    assert written == f'["--goto", "{source}:12"]'


@pytest.mark.parametrize("file", ["relative.py", "/no/such/file.py", "--version"])
def test_api_open_refuses_paths_that_are_not_existing_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, file: str
) -> None:
    template, record = _recording_editor(tmp_path)
    monkeypatch.setenv("FLOW_EDITOR_CMD", template)
    with running_hub(tmp_path) as info:
        status, body = asyncio.run(_post(http_url(info, "/api/open"), {"file": file, "line": 1}))
    assert status == 422 and "absolute file" in body["error"]
    assert not record.exists()


def test_api_open_reports_a_missing_editor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FLOW_EDITOR_CMD", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    source = tmp_path / "a.py"
    source.write_text("")
    with running_hub(tmp_path) as info:
        status, body = asyncio.run(_post(http_url(info, "/api/open"), {"file": str(source)}))
    assert status == 422 and "no editor found" in body["error"]
