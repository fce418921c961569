"""Hub discovery file lifecycle, port fallback, and `flow hud` start/stop as a process."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from debugflow.server.hub import HubThread
from debugflow.server.settings import HubSettings
from debugflow.transport.discovery import (
    HubInfo,
    hub_from_url,
    read_hub_file,
    remove_hub_file,
    write_hub_file,
)
from hub_helpers import start_hub_process


def _close(proc: subprocess.Popen[str]) -> tuple[str, str]:
    out, err = proc.communicate(timeout=15)
    return out, err


def test_hub_writes_discovery_file_and_removes_it_on_stop(tmp_path: Path) -> None:
    hub = HubThread(HubSettings(data_dir=tmp_path, port=0), notify=lambda m: None)
    info = hub.start()
    path = tmp_path / "hub.json"
    data = json.loads(path.read_text())
    assert data["url"] == f"http://127.0.0.1:{info.port}/?token={info.token}"
    assert (data["pid"], data["port"], data["token"], data["protocol"]) == (
        os.getpid(),
        info.port,
        info.token,
        1,
    )
    if sys.platform != "win32":
        assert path.stat().st_mode & 0o777 == 0o600  # it holds the token
    assert read_hub_file(tmp_path) == info
    hub.stop()
    assert not path.exists()


def test_a_hub_only_removes_its_own_discovery_file(tmp_path: Path) -> None:
    newer = HubInfo(
        url="http://127.0.0.1:1/?token=x", pid=os.getpid(), host="127.0.0.1", port=1, token="x"
    )
    write_hub_file(tmp_path, newer)
    remove_hub_file(tmp_path, pid=os.getpid() + 1)
    assert (tmp_path / "hub.json").exists()
    remove_hub_file(tmp_path, pid=os.getpid())
    assert not (tmp_path / "hub.json").exists()


def test_garbled_discovery_file_is_ignored(tmp_path: Path) -> None:
    (tmp_path / "hub.json").write_text("{half a file")
    assert read_hub_file(tmp_path) is None


def test_taken_port_moves_on_to_the_next_free_one(tmp_path: Path) -> None:
    with socket.socket() as blocker:
        blocker.bind(("127.0.0.1", 0))
        blocker.listen(1)
        taken = blocker.getsockname()[1]
        notes: list[str] = []
        hub = HubThread(HubSettings(data_dir=tmp_path, port=taken), notify=notes.append)
        try:
            info = hub.start()
        finally:
            hub.stop()
    assert info.port != taken
    assert notes == [f"port {taken} is in use; the hub listens on port {info.port} instead"]


def test_flow_hud_process_says_when_its_port_is_taken(tmp_path: Path) -> None:
    with socket.socket() as blocker:
        blocker.bind(("127.0.0.1", 0))
        blocker.listen(1)
        taken = blocker.getsockname()[1]
        proc, url = start_hub_process(tmp_path, "--port", str(taken))
        proc.send_signal(signal.SIGINT)
        _out, err = _close(proc)
    assert f"port {taken} is in use" in err
    assert f":{taken}/" not in url


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_ctrl_c_stops_the_hub_cleanly(tmp_path: Path) -> None:
    proc, url = start_hub_process(tmp_path, "--port", "0")
    assert url.startswith("http://127.0.0.1:") and "?token=" in url
    assert json.loads((tmp_path / "hub.json").read_text())["url"] == url
    proc.send_signal(signal.SIGINT)
    out, _err = _close(proc)
    assert proc.returncode == 0
    assert "stopped" in out
    assert not (tmp_path / "hub.json").exists()


def test_second_flow_hud_reuses_the_running_hub(tmp_path: Path) -> None:
    first, url = start_hub_process(tmp_path, "--port", "0")
    try:
        env = {**os.environ, "FLOW_DATA_DIR": str(tmp_path), "FLOW_PORT": "0"}
        second = subprocess.run(
            [sys.executable, "-m", "debugflow.server", "--no-browser"],
            capture_output=True,
            text=True,
            env=env,
            timeout=30,
        )
        assert second.returncode == 0
        assert f"already running for this project: {url}" in second.stdout
    finally:
        first.send_signal(signal.SIGINT)
        _close(first)


def test_hub_url_from_flow_hub_value() -> None:
    info = hub_from_url("http://127.0.0.1:5600/?token=abc")
    assert info is not None
    assert info.producer_url() == "ws://127.0.0.1:5600/ws/producer?token=abc"
    assert hub_from_url("http://127.0.0.1:5600/") is None  # no token
    assert hub_from_url("ftp://host/?token=a") is None
