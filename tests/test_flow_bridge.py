"""`Flow(host, port)` streams pulses to the hub at that address, and says so when none is there."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from conftest import run
from debugflow.errors import ConfigError
from debugflow.flow_bridge import Flow
from debugflow.protocol import Pulse
from debugflow.storage import RunStore
from debugflow.transport.discovery import HubInfo
from hub_helpers import running_hub
from waiting import wait_until

PROGRAMS = Path(__file__).parent / "api_programs"


def _bridge(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    """Run a program that makes `Flow(host, port)` for each `host:port` and sends one pulse."""
    result = run([sys.executable, "bridge_to.py", *args], env, cwd=PROGRAMS)
    assert (result.returncode, result.stdout) == (0, "sent\n"), result.stderr
    return result


def _stored_pulses(env: dict[str, str]) -> list[str]:
    with RunStore(Path(env["FLOW_DATA_DIR"]) / "runs.db") as store:
        (summary,) = store.runs()
        return [e.name for e in store.events(summary.run_id) if isinstance(e, Pulse)]


def _hub_runs(info: HubInfo) -> list[dict[str, Any]]:
    url = f"http://127.0.0.1:{info.port}/api/runs?token={info.token}"
    with urllib.request.urlopen(url, timeout=5) as response:
        runs: list[dict[str, Any]] = json.loads(response.read())["runs"]
    return runs


def _hub_nodes(info: HubInfo, run_id: str) -> list[str]:
    url = f"http://127.0.0.1:{info.port}/api/runs/{run_id}?token={info.token}"
    with urllib.request.urlopen(url, timeout=5) as response:
        return [n["function"] for n in json.loads(response.read())["snapshot"]["nodes"]]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port  # nothing listens here once the socket is closed


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])
def test_pulses_stream_to_the_hub_at_the_named_address(flow_env: dict[str, str], host: str) -> None:
    with running_hub(Path(flow_env["FLOW_DATA_DIR"])) as info:
        result = _bridge(flow_env, f"{host}:{info.port}")
        ended = wait_until(
            lambda: [r for r in _hub_runs(info) if r["state"] == "ended"], "the run to end"
        )
        nodes = _hub_nodes(info, ended[0]["id"])
    assert result.stderr == ""
    assert nodes == ["checkpoint_saved"]
    assert _stored_pulses(flow_env) == ["checkpoint_saved"]


def test_a_hub_elsewhere_is_named_once_and_gets_nothing(flow_env: dict[str, str]) -> None:
    wanted = _free_port()
    with running_hub(Path(flow_env["FLOW_DATA_DIR"])) as info:
        result = _bridge(flow_env, f"127.0.0.1:{wanted}", f"127.0.0.1:{wanted}")
        runs = _hub_runs(info)
    assert result.stderr.splitlines() == [
        f"debugflow: no HUD hub answers at 127.0.0.1:{wanted} (this project's hub is at "
        f"127.0.0.1:{info.port}); pulses are recorded in the run store only"
    ]
    assert runs == []
    assert _stored_pulses(flow_env) == ["checkpoint_saved"]


def test_a_later_flow_at_the_right_address_streams_after_all(flow_env: dict[str, str]) -> None:
    wanted = _free_port()
    with running_hub(Path(flow_env["FLOW_DATA_DIR"])) as info:
        result = _bridge(flow_env, f"127.0.0.1:{wanted}", f"127.0.0.1:{info.port}")
        ended = wait_until(
            lambda: [r for r in _hub_runs(info) if r["state"] == "ended"], "the run to end"
        )
        nodes = _hub_nodes(info, ended[0]["id"])
    assert [f":{wanted} " in line for line in result.stderr.splitlines()] == [True]
    assert nodes == ["checkpoint_saved"]


def test_no_hub_is_said_once_and_the_pulse_is_recorded(flow_env: dict[str, str]) -> None:
    result = _bridge(flow_env, "localhost:5555")
    assert result.stderr.splitlines() == [
        "debugflow: no HUD hub answers at localhost:5555 (no hub was found); "
        "pulses are recorded in the run store only"
    ]
    assert _stored_pulses(flow_env) == ["checkpoint_saved"]


def test_inside_a_traced_run_the_message_says_where_pulses_go(flow_env: dict[str, str]) -> None:
    result = _bridge(flow_env, "127.0.0.1:5555", "--traced")
    assert result.stderr.splitlines() == [
        "debugflow: no HUD hub answers at 127.0.0.1:5555 (no hub was found); "
        "pulses go into the run being traced, which chose its hub when it started"
    ]
    assert _stored_pulses(flow_env) == ["checkpoint_saved"]


def test_flow_hub_off_keeps_the_pulses_home_without_a_word(flow_env: dict[str, str]) -> None:
    with running_hub(Path(flow_env["FLOW_DATA_DIR"])) as info:
        result = _bridge({**flow_env, "FLOW_HUB": "off"}, f"127.0.0.1:{info.port}")
        runs = _hub_runs(info)
    assert (result.stderr, runs) == ("", [])
    assert _stored_pulses(flow_env) == ["checkpoint_saved"]


@pytest.mark.parametrize("host", ["192.0.2.7", "0.0.0.0", "example.com"])
def test_a_host_that_is_not_loopback_is_refused(host: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FLOW_HUB", raising=False)
    with pytest.raises(ConfigError, match=f"Flow\\('{host}', 5555\\): .* this machine only"):
        Flow(host, 5555)
    assert Flow.host != host  # refused before anything was changed


def test_a_port_out_of_range_is_refused() -> None:
    with pytest.raises(ConfigError, match="between 1 and 65535"):
        Flow("127.0.0.1", 70000)


@pytest.mark.parametrize("given", ["http://[::1/?token=x", "http://h\u00e9llo:5555/?token=x"])
def test_a_flow_hub_that_names_no_hub_leaves_the_pulses_home(
    flow_env: dict[str, str], given: str
) -> None:
    result = _bridge({**flow_env, "FLOW_HUB": given}, "127.0.0.1:5555")
    assert result.stderr.splitlines() == [
        "debugflow: no HUD hub answers at 127.0.0.1:5555 (no hub was found); "
        "pulses are recorded in the run store only"
    ]
    assert _stored_pulses(flow_env) == ["checkpoint_saved"]
