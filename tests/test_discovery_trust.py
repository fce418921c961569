"""A discovery file is trusted only when it is the user's own and names this user's hub.

The issue: a `.debugflow/hub.json` shipped in a repository, naming another address, made
`flow run` stream every argument value (and the token) there, and `flow hud` print its URL.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import stat
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from conftest import run
from debugflow.private_files import make_private_dir
from debugflow.transport.discovery import (
    HubInfo,
    UntrustedHub,
    find_hub,
    hub_answers,
    load_hub_file,
    read_hub_file,
    write_hub_file,
)
from debugflow.transport.hub_identity import NotTheHub, probe
from debugflow.transport.hub_link import connect_hub_sink
from hub_helpers import call, end, pump, run_started, running_hub, start_hub_process
from waiting import wait_until

# Personal data under a name that redaction does not cover: only discovery can keep it home.
SECRET = "+44-7700-900123"
SHIPPED_TOKEN = "token-from-the-repository"
PROGRAM = f"""
def sign_up(email, phone):
    return len(phone)


print(sign_up("ann@example.com", {SECRET!r}))
"""
NOBODY = 65534
POSIX_ONLY = pytest.mark.skipif(os.name != "posix", reason="file modes and owners")
ROOT_ONLY = pytest.mark.skipif(
    os.name != "posix" or os.geteuid() != 0, reason="needs root to act as another user"
)

# A plain socket server, standing in for whatever listens at the address a shipped hub file
# names: it answers WebSocket handshakes like a hub would, records the bytes of every
# request and the text of every frame, and prints them (hex) when its stdin closes.
LISTENER = r"""
import base64, hashlib, socket, sys, threading

server = socket.create_server((sys.argv[1], 0))
print(server.getsockname()[1], flush=True)
received = []
GUID = b"258EAFA5-E914-47DA-95CA-C5AB0DC85B11"

def frames(buf):
    while len(buf) >= 2:
        size, at = buf[1] & 127, 2
        if size >= 126:
            wide = 2 if size == 126 else 8
            if len(buf) < 2 + wide:
                break
            size, at = int.from_bytes(buf[2:2 + wide], "big"), 2 + wide
        if len(buf) < at + 4 + size:
            break
        mask = buf[at:at + 4]
        received.append(bytes(b ^ mask[i % 4] for i, b in enumerate(buf[at + 4:at + 4 + size])))
        buf = buf[at + 4 + size:]
    return buf

def serve(conn):
    with conn:
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = conn.recv(65536)
            if not chunk:
                break
            data += chunk
        received.append(data)
        keys = [line.split(b":", 1)[1].strip() for line in data.split(b"\r\n")
                if line.lower().startswith(b"sec-websocket-key:")]
        if not keys:
            return
        accept = base64.b64encode(hashlib.sha1(keys[0] + GUID).digest())
        conn.sendall(b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                     b"Connection: Upgrade\r\nSec-WebSocket-Accept: " + accept + b"\r\n\r\n")
        buf = data.split(b"\r\n\r\n", 1)[1]
        while chunk := conn.recv(65536):
            buf = frames(buf + chunk)

def accept():
    while True:
        conn, _ = server.accept()
        threading.Thread(target=serve, args=(conn,), daemon=True).start()

threading.Thread(target=accept, daemon=True).start()
sys.stdin.read()
print(b"".join(received).hex(), flush=True)
"""


def _python_for(user: int | None) -> str:
    """An interpreter `user` may run (this one may sit in a folder only its owner can read)."""
    if user is None:
        return sys.executable
    for candidate in ("/usr/bin/python3", "/usr/local/bin/python3"):
        if Path(candidate).exists():
            return candidate
    pytest.skip("no system-wide python3 for another user to run")


class Listener:
    """The LISTENER script in a process of its own (as another user when `user` is given)."""

    def __init__(self, host: str, user: int | None = None) -> None:
        python = _python_for(user)
        self.process = subprocess.Popen(
            [python, "-c", LISTENER, host],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            user=user,
        )
        assert self.process.stdout is not None
        self.port = int(self.process.stdout.readline())

    def received(self) -> bytes:
        """Everything it was sent; stops it."""
        out, _ = self.process.communicate("", timeout=30)
        return bytes.fromhex(out.strip())


def _hub_file(data_dir: Path, host: str, port: int, pid: int) -> None:
    """A discovery file as a repository could ship one: 0600, in a private folder."""
    url = f"http://{host}:{port}/?token={SHIPPED_TOKEN}"
    write_hub_file(data_dir, HubInfo(url=url, pid=pid, host=host, port=port, token=SHIPPED_TOKEN))


def _program_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FLOW_")}
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


@pytest.mark.parametrize(
    ("named_pid", "user"),
    [
        ("this test", None),
        ("the listener", None),
        pytest.param("the listener", NOBODY, marks=ROOT_ONLY),
        pytest.param("this test", NOBODY, marks=ROOT_ONLY),
    ],
)
def test_a_shipped_hub_file_gets_neither_values_nor_the_token(
    tmp_path: Path, named_pid: str, user: int | None
) -> None:
    (tmp_path / "prog.py").write_text(PROGRAM)
    listener = Listener("127.0.0.2", user)
    pid = listener.process.pid if named_pid == "the listener" else os.getpid()
    _hub_file(tmp_path / ".debugflow", "127.0.0.2", listener.port, pid)
    try:
        env = _program_env()
        traced = run([sys.executable, "-m", "debugflow", "run", "prog.py"], env, cwd=tmp_path)
        plain = run([sys.executable, "prog.py"], env, cwd=tmp_path)
    finally:
        received = listener.received()
    assert (traced.returncode, traced.stdout, traced.stderr) == (
        plain.returncode,
        plain.stdout,
        plain.stderr,
    )
    assert SECRET.encode() not in received
    assert SHIPPED_TOKEN.encode() not in received
    if named_pid == "this test" or user is not None:
        # The pid does not hold that socket, or the socket is another user's: refused
        # before any connection.
        assert received == b""
    else:
        # The pid holds the socket: it is asked to prove it knows the token, and cannot.
        assert received.startswith(b"GET /api/health?nonce=")
        assert b"websocket" not in received.lower()


class HealthyImpostor:
    """A listener in this process answering every request like a hub that knows no token
    (or with the JSON body `answer`)."""

    def __init__(self, host: str = "127.0.0.1", answer: bytes | None = None) -> None:
        self.requests: list[bytes] = []
        self._answer_body = answer or json.dumps({"v": 1, "ok": True, "pid": os.getpid()}).encode()
        self._server = socket.create_server((host, 0))
        self.port: int = self._server.getsockname()[1]
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        with contextlib.suppress(OSError):
            while True:
                conn, _ = self._server.accept()
                threading.Thread(target=self._answer, args=(conn,), daemon=True).start()

    def _answer(self, conn: socket.socket) -> None:
        with conn, contextlib.suppress(OSError):
            data = b""
            while b"\r\n\r\n" not in data and (chunk := conn.recv(65536)):
                data += chunk
            self.requests.append(data)
            body = self._answer_body
            conn.sendall(
                b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n"
                b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body
            )

    def close(self) -> None:
        self._server.close()


@contextlib.contextmanager
def impostor(
    data_dir: Path, host: str = "127.0.0.1", answer: bytes | None = None
) -> Iterator[HealthyImpostor]:
    """An impostor named by a discovery file with this process's pid (which holds its socket)."""
    fake = HealthyImpostor(host, answer)
    _hub_file(data_dir, host, fake.port, os.getpid())
    try:
        yield fake
    finally:
        fake.close()


def test_a_listener_that_answers_health_without_the_token_is_refused(tmp_path: Path) -> None:
    with impostor(tmp_path) as fake:
        info = read_hub_file(tmp_path)
        assert info is not None  # the file itself passes: same user, private, loopback
        assert not hub_answers(info)
        with pytest.raises(UntrustedHub, match="does not know the hub's token"):
            find_hub(tmp_path)
        link = connect_hub_sink(tmp_path, run_started())
        assert link is not None
        link.handle([run_started(), call(1, SECRET, None, 0), end(1, 1)])
        wait_until(lambda: getattr(link, "gave_up", False), "the link to refuse the impostor")
        link.close()
    assert fake.requests
    assert all(r.startswith(b"GET /api/health?nonce=") for r in fake.requests)
    assert not any(SHIPPED_TOKEN.encode() in r or SECRET.encode() in r for r in fake.requests)


@POSIX_ONLY
def test_a_group_writable_hub_file_is_ignored(tmp_path: Path) -> None:
    with running_hub(tmp_path) as info:
        assert read_hub_file(tmp_path) == info
        (tmp_path / "hub.json").chmod(0o620)
        assert read_hub_file(tmp_path) is None
        with pytest.raises(UntrustedHub, match=r"it is open to other users \(mode 0620"):
            load_hub_file(tmp_path)
        assert connect_hub_sink(tmp_path, run_started()) is None


@POSIX_ONLY
def test_a_hub_file_in_a_folder_others_can_write_is_ignored(tmp_path: Path) -> None:
    with running_hub(tmp_path / "data") as info:
        assert read_hub_file(tmp_path / "data") == info
        (tmp_path / "data").chmod(0o777)
        with pytest.raises(UntrustedHub, match=r"its folder is open to other users"):
            load_hub_file(tmp_path / "data")


@ROOT_ONLY
def test_a_hub_file_owned_by_another_user_is_ignored(tmp_path: Path) -> None:
    with running_hub(tmp_path) as info:
        assert read_hub_file(tmp_path) == info
        os.chown(tmp_path / "hub.json", NOBODY, NOBODY)
        assert read_hub_file(tmp_path) is None
        with pytest.raises(UntrustedHub, match="it belongs to another user"):
            load_hub_file(tmp_path)


@pytest.mark.parametrize("host", ["192.0.2.7", "example.com", "0.0.0.0", "::"])
def test_a_hub_file_naming_an_address_off_the_loopback_is_ignored(
    tmp_path: Path, host: str
) -> None:
    _hub_file(tmp_path, host, 5800, os.getpid())
    with pytest.raises(UntrustedHub, match="not a loopback address"):
        load_hub_file(tmp_path)


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])
def test_a_real_hub_is_confirmed(tmp_path: Path, host: str) -> None:
    proc, _url = start_hub_process(tmp_path, "--port", "0")
    try:
        info = load_hub_file(tmp_path)
        assert info is not None and info.pid == proc.pid
        write_hub_file(tmp_path, replace(info, host=host))
        assert find_hub(tmp_path) == replace(info, host=host)
    finally:
        proc.send_signal(signal.SIGINT)
        proc.communicate(timeout=15)


def test_a_hub_answer_relayed_from_another_address_is_refused(tmp_path: Path) -> None:
    with running_hub(tmp_path) as info, _relay(info.port) as relay_port:
        with pytest.raises(NotTheHub, match=f"is for 127.0.0.1:{info.port}, not"):
            probe("127.0.0.1", relay_port, info.token, 5.0)
        probe("127.0.0.1", relay_port, info.token, 5.0, bound=False)  # as for FLOW_HUB
        probe("127.0.0.1", info.port, info.token, 5.0)


def test_health_without_the_token_only_proves_the_identity(tmp_path: Path) -> None:
    import urllib.request

    with running_hub(tmp_path) as info:
        url = f"http://127.0.0.1:{info.port}/api/health?nonce={'ab' * 16}"
        with urllib.request.urlopen(url, timeout=5) as response:
            answer = json.loads(response.read())
    assert sorted(answer) == ["address", "proof", "v"]


def test_flow_hud_ignores_a_hub_file_that_fails_and_says_why(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FLOW_PORT", "0")
    with impostor(tmp_path, "127.0.0.2") as fake:
        proc, url = start_hub_process(tmp_path)  # no --port: it looks for a running hub first
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=15)
    assert f":{fake.port}/" not in url + out
    assert url.startswith("http://127.0.0.1:") and "?token=" in url
    ignored = tmp_path / "hub.json"
    assert f"flow hud: ignoring {ignored}: 127.0.0.2:{fake.port} is not the hub" in err
    assert not any(SHIPPED_TOKEN.encode() in r for r in fake.requests)


def test_flow_run_hud_ignores_a_hub_file_that_fails_and_says_why(tmp_path: Path) -> None:
    (tmp_path / "prog.py").write_text(PROGRAM)
    env = {**_program_env(), "FLOW_NO_BROWSER": "1", "FLOW_PORT": "0"}
    with impostor(tmp_path / ".debugflow", "127.0.0.2") as fake:
        proc = subprocess.Popen(
            [sys.executable, "-m", "debugflow", "run", "--hud", "prog.py"],
            cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        assert proc.stderr is not None
        lines = [proc.stderr.readline()]
        while lines[-1] and "keeps serving" not in lines[-1]:
            lines.append(proc.stderr.readline())
        proc.send_signal(signal.SIGINT)
        out, _ = proc.communicate(timeout=15)
    said = "".join(lines)
    ignored = tmp_path / ".debugflow" / "hub.json"
    assert f"ignoring {ignored}: 127.0.0.2:{fake.port} is not the hub" in said
    assert "HUD: http://127.0.0.1:" in said and f":{fake.port}/" not in said
    assert (proc.returncode, out) == (0, f"{len(SECRET)}\n")
    assert not any(SHIPPED_TOKEN.encode() in r or SECRET.encode() in r for r in fake.requests)


@contextlib.contextmanager
def _relay(target_port: int) -> Iterator[int]:
    """A TCP forwarder on another port of 127.0.0.1 to the hub, for any number of clients."""
    listener = socket.create_server(("127.0.0.1", 0))
    opened: list[socket.socket] = [listener]

    def serve() -> None:
        with contextlib.suppress(OSError):
            while True:
                client, _ = listener.accept()
                hub = socket.create_connection(("127.0.0.1", target_port))
                opened.extend((client, hub))
                threading.Thread(target=pump, args=(client, hub), daemon=True).start()
                threading.Thread(target=pump, args=(hub, client), daemon=True).start()

    threading.Thread(target=serve, daemon=True).start()
    try:
        yield listener.getsockname()[1]
    finally:
        for sock in opened:
            sock.close()


# -- the discovery file as a file: links and FIFOs shipped where DebugFlow writes and reads ----

# Plants the temporary name a hub of this very pid would write its discovery file under, as a
# link to a file of the user's (a repository can ship such links for any number of pids), then
# becomes that hub: exec keeps the pid.
PLANTS_A_LINK_THEN_SERVES = """
import os, sys
os.symlink("../victim", os.path.join(sys.argv[1], f".hub.json.{os.getpid()}.tmp"))
os.execv(sys.executable, [sys.executable, "-m", "debugflow.server", "--no-browser", "--port", "0"])
"""


@POSIX_ONLY
def test_writing_the_hub_file_never_follows_a_planted_link(tmp_path: Path) -> None:
    victim = tmp_path / "victim"
    victim.write_text("the user's own notes\n")
    victim.chmod(0o644)
    data = make_private_dir(tmp_path / "data")
    env = {**os.environ, "FLOW_DATA_DIR": str(data), "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-c", PLANTS_A_LINK_THEN_SERVES, str(data)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )  # fmt: skip
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline().startswith("DebugFlow HUD: ")
        info = load_hub_file(data)
    finally:
        proc.send_signal(signal.SIGINT)
        proc.communicate(timeout=15)
    assert victim.read_text() == "the user's own notes\n"
    assert info is not None and info.pid == proc.pid


def _plain_and_traced(project: Path, timeout: float) -> list[tuple[int, str, str]]:
    """Exit code, stdout and stderr of prog.py run by plain Python, then by `flow run`."""
    env = _program_env()
    plain = run([sys.executable, "prog.py"], env, cwd=project, timeout=timeout)
    traced = run(
        [sys.executable, "-m", "debugflow", "run", "prog.py"], env, cwd=project, timeout=timeout
    )
    return [(done.returncode, done.stdout, done.stderr) for done in (plain, traced)]


@POSIX_ONLY
def test_a_fifo_for_a_hub_file_does_not_hold_the_program_up(tmp_path: Path) -> None:
    (tmp_path / "prog.py").write_text(PROGRAM + "raise SystemExit(4)\n")
    data = make_private_dir(tmp_path / ".debugflow")
    os.mkfifo(data / "hub.json", 0o600)  # as an unpacked archive can leave one
    plain, traced = _plain_and_traced(tmp_path, timeout=60)  # a hang never ends
    assert traced == plain
    with pytest.raises(UntrustedHub, match="it is not a regular file"):
        load_hub_file(data)


@POSIX_ONLY
def test_a_hub_whose_file_became_a_fifo_still_stops(tmp_path: Path) -> None:
    proc, _url = start_hub_process(tmp_path, "--port", "0")
    try:
        (tmp_path / "hub.json").unlink()
        os.mkfifo(tmp_path / "hub.json", 0o600)
        proc.send_signal(signal.SIGINT)
        out, _err = proc.communicate(timeout=30)  # a hang never ends
    finally:
        proc.kill()
    assert "DebugFlow hub stopped." in out
    assert stat.S_ISFIFO(os.lstat(tmp_path / "hub.json").st_mode)  # not its file: left alone


def _shipped(pid: object = None, port: object = 5800) -> bytes:
    fields = {"url": "http://127.0.0.1/", "host": "127.0.0.1", "token": SHIPPED_TOKEN}
    return json.dumps({**fields, "pid": pid or os.getpid(), "port": port}).encode()


MALFORMED_HUB_FILES = {
    "bytes that are not UTF-8": b'{"url": "\xff\xfe"}',
    "a pid out of range": _shipped(pid=10**30),
    "a pid no integer can hold": _shipped(pid=1e400),
    "a port out of range": _shipped(port=10**6),
}


@pytest.mark.parametrize("content", MALFORMED_HUB_FILES.values(), ids=MALFORMED_HUB_FILES.keys())
def test_a_malformed_hub_file_is_not_a_discovery_file(tmp_path: Path, content: bytes) -> None:
    (make_private_dir(tmp_path) / "hub.json").write_bytes(content)
    (tmp_path / "hub.json").chmod(0o600)
    with pytest.raises(UntrustedHub, match="it is not a hub's discovery file"):
        load_hub_file(tmp_path)


# -- hostile answers to the identity question ----------------------------------------------

HOSTILE_ANSWERS = {
    "a proof that is not ASCII": b'{"v": 1, "proof": "' + "\u00e9".encode() * 64 + b'"}',
    "an address that cannot be encoded": b'{"v": 1, "proof": "'
    + b"0" * 64
    + b'", "address": "\\ud800"}',
    "a proof that is not text": b'{"v": 1, "proof": [1, 2], "address": {"a": 1}}',
    "a proof of the wrong length": b'{"v": 1, "proof": "00", "address": "127.0.0.1:1"}',
}


@pytest.mark.parametrize("answer", HOSTILE_ANSWERS.values(), ids=HOSTILE_ANSWERS.keys())
def test_a_hostile_answer_is_not_the_hub(tmp_path: Path, answer: bytes) -> None:
    with impostor(tmp_path, answer=answer) as fake:
        with pytest.raises(NotTheHub, match="does not know the hub's token"):
            probe("127.0.0.1", fake.port, SHIPPED_TOKEN, 5.0)
        with pytest.raises(UntrustedHub, match=f"127.0.0.1:{fake.port} is not the hub"):
            find_hub(tmp_path)


def test_flow_hud_ignores_a_hub_file_whose_listener_answers_garbage(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FLOW_PORT", "0")
    hostile = HOSTILE_ANSWERS["a proof that is not ASCII"]
    with impostor(tmp_path, answer=hostile) as fake:
        proc, url = start_hub_process(tmp_path)  # no --port: it looks for a running hub first
        proc.send_signal(signal.SIGINT)
        _out, err = proc.communicate(timeout=15)
    assert url.startswith("http://127.0.0.1:") and f":{fake.port}/" not in url
    assert f"flow hud: ignoring {tmp_path / 'hub.json'}: 127.0.0.1:{fake.port} is not" in err


@pytest.mark.parametrize(
    "answer",
    [
        HOSTILE_ANSWERS["a proof that is not ASCII"],
        HOSTILE_ANSWERS["an address that cannot be encoded"],
    ],
)
def test_flow_in_the_program_survives_a_listener_that_answers_garbage(
    flow_env: dict[str, str], answer: bytes
) -> None:
    data = Path(flow_env["FLOW_DATA_DIR"])
    with impostor(data, answer=answer) as fake:
        bridge = [sys.executable, "bridge_to.py", f"127.0.0.1:{fake.port}"]
        done = run(bridge, flow_env, cwd=Path(__file__).parent / "api_programs")
    assert (done.returncode, done.stdout) == (0, "sent\n"), done.stderr
    assert done.stderr.splitlines() == [
        f"debugflow: no HUD hub answers at 127.0.0.1:{fake.port} (no hub was found); "
        "pulses are recorded in the run store only"
    ]
