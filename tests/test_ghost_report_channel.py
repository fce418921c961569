"""The ghost report cannot be forged or silenced by the code it runs.

The program under the pass runs in the process that writes the report, so it can always find
the report pipe. Whatever it writes there — a forged note, a forged node, a frame in the right
format without the pass's key, a stray byte — must add nothing to the report, must not hide
the real messages after it, and must show in the report as tampering. The decoder's rules
are tested on their own below.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from debugflow.ghost.child.main import IMPORT_SECONDS
from debugflow.ghost.frames import MAGIC, MAX_PAYLOAD, FrameDecoder, encode_frame, new_key
from debugflow.ghost.spawn import KILL_MARGIN, kill_deadline
from debugflow.ghost.wire import check_message
from ghost_helpers import calls, ghost, returned
from ghost_sandbox_helpers import ISOLATIONS, use_isolation, write_project

FORGER = '''
import fcntl
import json
import os
import stat
import struct
from pathlib import Path

from debugflow.protocol import CallStarted, to_wire

OUT = Path({out!r})


def writable_pipes():
    """Every pipe this process can write to: the report pipe is one of them."""
    found = []
    for name in os.listdir("/proc/self/fd"):
        try:
            mode = os.fstat(int(name)).st_mode
            flags = fcntl.fcntl(int(name), fcntl.F_GETFL)
        except OSError:
            continue
        if stat.S_ISFIFO(mode) and flags & os.O_ACCMODE == os.O_WRONLY:
            found.append(int(name))
    return found


def to_all(pipes, data):
    for fd in pipes:
        os.write(fd, data)


def forged_lines():
    node = CallStarted(
        call_id=999, parent_id=None, thread_id=1, task_id=None, function="FORGED_FUNCTION",
        module="hostile", file=__file__, line=1, call_line=None, args=(), start_ns=1,
    )
    lines = [
        {{"kind": "note", "text": "FORGED NOTE: everything is fine"}},
        {{"kind": "event", "event": to_wire(node)}},
        {{"kind": "done", "attempts": 99}},
    ]
    return b"".join(json.dumps(line).encode() + b"\\n" for line in lines)


def forged_frame(sequence):
    """A frame in the report's own format, numbered as the next real one might be, with a
    tag made up without the pass's key."""
    payload = json.dumps({{"kind": "note", "text": "FORGED FRAME NOTE"}}).encode()
    head = b"\\x00DFG" + struct.pack(">II", sequence, len(payload))
    return head + os.urandom(16) + payload


def refused_write(name):
    try:
        (OUT / name).write_text("escaped")
    except PermissionError:
        return "refused"
    return "written"


def forge():
    pipes = writable_pipes()
    to_all(pipes, b"#")  # one stray byte first
    first = refused_write("first.txt")  # a real refusal right after it
    to_all(pipes, forged_lines())
    for sequence in range(3, 12):
        to_all(pipes, forged_frame(sequence))
    to_all(pipes, b"\\x00DFG" + struct.pack(">II", 0, 500))  # a header that claims the next bytes
    second = refused_write("second.txt")  # a real refusal after all of that
    return f"{{len(pipes)}} pipes; {{first}}, {{second}}"
'''


LONG_CLAIM = '''
import fcntl
import os
import stat
import struct
import threading
from pathlib import Path

OUT = Path({out!r})


def claim_a_megabyte():
    """A frame header, no key needed, that claims the next megabyte of the report pipe."""
    for name in os.listdir("/proc/self/fd"):
        try:
            mode = os.fstat(int(name)).st_mode
            flags = fcntl.fcntl(int(name), fcntl.F_GETFL)
        except OSError:
            continue
        if stat.S_ISFIFO(mode) and flags & os.O_ACCMODE == os.O_WRONLY:
            os.write(int(name), b"\\x00DFG" + struct.pack(">II", 0, 1 << 20))


if {at_import}:
    claim_a_megabyte()


def refuse(name):
    try:
        (OUT / name).write_text("escaped")
    except PermissionError:
        pass


def claim_then_hang():
    if not {at_import}:
        claim_a_megabyte()
    refuse("first.txt")
    refuse("second.txt")
    threading.Event().wait()  # stuck in C code: only the parent's kill ends it
'''


@pytest.fixture(params=ISOLATIONS)
def isolation(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Forgery is tried with bubblewrap and with the audit hook alone."""
    return use_isolation(monkeypatch, str(request.param))


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the forger reads /proc")
def test_writing_into_the_report_pipe_adds_nothing_and_hides_nothing(
    isolation: str, tmp_path: Path
) -> None:
    outside = tmp_path / "project" / "outside"
    outside.mkdir(parents=True)
    project = write_project(tmp_path / "project", "hostile", FORGER.format(out=str(outside)))
    result = ghost(project, "hostile.py:forge")
    assert list(outside.iterdir()) == []
    # The forgeries added nothing: no note, no node, no call, no false ending.
    assert not [n for n in result.notes if "FORGED" in n], result.notes
    assert calls(result, "FORGED_FUNCTION") == []
    assert all("FORGED" not in f.function for f in result.functions)
    assert result.attempts == 1
    # The real messages around them all arrived: both refusals, and the call's own end.
    refused = [n for n in result.notes if n.startswith("refused writing outside")]
    assert [n.rsplit("/", 1)[1] for n in refused] == ["first.txt)", "second.txt)"]
    (outcome,) = returned(result, "forge")
    # stderr and the report pipe: bubblewrap's status pipe is out of the program's reach.
    assert outcome == "'2 pipes; refused, refused'"
    # And the report says the stream was tampered with.
    tampering = [n for n in result.notes if n.startswith("tampering: ")]
    assert any("not a report frame" in n for n in tampering), result.notes
    assert any("not signed with this pass's key" in n for n in tampering), result.notes
    assert result.tampered and result.to_json()["report_stream"] == "tampered"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the forger reads /proc")
@pytest.mark.parametrize("at_import", [False, True], ids=["in-the-pass", "at-import"])
def test_a_long_forged_header_then_a_hang_hides_nothing_and_ends_at_the_cap(
    isolation: str, tmp_path: Path, at_import: bool
) -> None:
    """`flow ghost` on a target that writes a header claiming a megabyte (in the pass, or at
    import time, before the pass has started), is refused twice, then hangs until killed."""
    outside = tmp_path / "project" / "outside"
    outside.mkdir(parents=True)
    source = LONG_CLAIM.format(out=str(outside), at_import=at_import)
    project = write_project(tmp_path / "project", "claims", source)
    command = [sys.executable, "-m", "debugflow.ghost.cli", "claims.py:claim_then_hang"]
    began = time.monotonic()
    done = subprocess.run(
        [*command, "--json", "--no-store", "--max-seconds", "1"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=120,
    )
    took = time.monotonic() - began
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    notes = report["notes"]
    refused = [n for n in notes if n.startswith("refused writing outside")]
    assert [n.rsplit("/", 1)[1] for n in refused] == ["first.txt)", "second.txt)"], notes
    assert any(n.startswith("tampering: the report stream held a frame") for n in notes), notes
    assert report["report_stream"] == "tampered"
    assert any("was killed" in n for n in notes), notes
    assert list(outside.iterdir()) == []
    # Stopped at its cap (1 s, and 2 s of margin, past the start), not at the 22 s the import
    # allowance gives a child whose start the parent never saw.
    assert took < IMPORT_SECONDS, f"the pass took {took:.1f} s"


def test_an_untouched_stream_is_reported_intact(isolation: str, tmp_path: Path) -> None:
    project = write_project(
        tmp_path / "calm", "calm", "def add(a: int, b: int) -> int:\n    return a + b\n"
    )
    result = ghost(project, "calm.py:add")
    assert returned(result, "add") == ["2"]
    assert not result.tampered and result.to_json()["report_stream"] == "intact"
    assert not [n for n in result.notes if n.startswith("tampering")]


# -- the decoder's rules ------------------------------------------------------------------------

KEY = new_key()


def frames(*texts: str, start: int = 0) -> list[bytes]:
    return [encode_frame(KEY, start + i, {"kind": "note", "text": t}) for i, t in enumerate(texts)]


def decode(*chunks: bytes, cut_off: bool = False) -> FrameDecoder:
    decoder = FrameDecoder(KEY, check_message)
    for chunk in chunks:
        decoder.feed(chunk)
    decoder.finish(cut_off=cut_off)
    return decoder


def texts(decoder: FrameDecoder) -> list[str]:
    return [m["text"] for m in decoder.messages]


def test_frames_fed_a_byte_at_a_time_decode_the_same() -> None:
    stream = b"".join(frames("a", "b", "c"))
    decoder = decode(*(stream[i : i + 1] for i in range(len(stream))))
    assert texts(decoder) == ["a", "b", "c"] and decoder.problems == []


def test_stray_bytes_are_tampering_and_the_frames_after_them_are_kept() -> None:
    a, b, c = frames("a", "b", "c")
    decoder = decode(b"#", a, b"garbage\n{}", b, MAGIC[:2], c)
    assert texts(decoder) == ["a", "b", "c"]
    assert decoder.problems == [
        "1 byte(s) that are not a report frame (before any message)",
        "10 byte(s) that are not a report frame (after message 1)",
        "2 byte(s) that are not a report frame (after message 2)",
    ]


def test_a_header_claiming_the_following_bytes_does_not_swallow_them() -> None:
    a, b = frames("a", "b")
    bogus = MAGIC + (0).to_bytes(4, "big") + (len(a) + 40).to_bytes(4, "big")
    decoder = decode(bogus, a, b)
    assert texts(decoder) == ["a", "b"]
    assert decoder.problems[0].startswith("a frame whose payload holds a NUL byte")


def test_a_frame_signed_with_another_key_is_dropped() -> None:
    (a,) = frames("a")
    forged = encode_frame(new_key(), 1, {"kind": "note", "text": "forged"})
    (b,) = frames("b", start=1)
    decoder = decode(a, forged, b)
    assert texts(decoder) == ["a", "b"]
    assert len(decoder.problems) >= 1
    assert all("not signed" in p or "not a report frame" in p for p in decoder.problems)


def test_out_of_sequence_frames_are_reported_and_later_ones_still_read() -> None:
    a, b, c, d = frames("a", "b", "c", "d")
    decoder = decode(a, c, c, b, d)  # b went missing (then came late), c was repeated
    assert texts(decoder) == ["a", "c", "d"]
    assert decoder.problems == [
        "frames 1 to 1 are missing (after message 1)",
        "a repeated frame (number 2, expected 3) (after message 2)",
        "a repeated frame (number 1, expected 3) (after message 2)",
    ]


def test_a_signed_message_that_breaks_the_schema_is_dropped() -> None:
    bad = [
        {"kind": "nonsense"},
        {"kind": "note"},
        {"kind": "note", "text": 3},
        {"kind": "done", "attempts": True},
        {"kind": "note", "text": "x", "extra": 1},
        {"kind": "event", "event": {"type": "call", "call_id": 1}},
    ]
    chunks = [encode_frame(KEY, i, m) for i, m in enumerate(bad)]
    (last,) = frames("kept", start=len(bad))
    decoder = decode(*chunks, last)
    assert texts(decoder) == ["kept"]
    assert len(decoder.problems) == len(bad)
    assert decoder.problems[0] == "frame 0: unknown message kind 'nonsense' (before any message)"


def test_an_oversized_claim_and_an_unfinished_frame_are_tampering() -> None:
    (a,) = frames("a")
    huge = MAGIC + (1).to_bytes(4, "big") + (MAX_PAYLOAD + 1).to_bytes(4, "big")
    decoder = decode(a, huge)
    assert texts(decoder) == ["a"]
    assert decoder.problems[0].startswith(f"a frame claiming {MAX_PAYLOAD + 1} bytes")
    unfinished = frames("b", start=1)[0][:-3]
    assert decode(a, unfinished).problems == [
        "an unfinished frame at the end of the stream (after message 1)",
        f"{len(unfinished) - 1} byte(s) that are not a report frame (after message 1)",
    ]


def test_a_frame_cut_off_by_killing_the_child_is_not_tampering() -> None:
    a, b = frames("a", "b")
    decoder = decode(a, b[:-3], cut_off=True)
    assert texts(decoder) == ["a"] and decoder.problems == []
    assert decode(a, b[:7], cut_off=True).problems == []  # killed inside the header


def claim(megabytes: int = 1) -> bytes:
    """A header without the key that claims the next `megabytes` of the stream."""
    return MAGIC + (0).to_bytes(4, "big") + (megabytes << 20).to_bytes(4, "big")


@pytest.mark.parametrize("cut_off", [False, True], ids=["ended", "killed"])
def test_a_long_claim_hides_no_frame_after_it(cut_off: bool) -> None:
    n0, n1, n2, n3 = frames("n0", "n1", "n2", "n3")
    decoder = decode(n0, n1, claim(), n2, n3, cut_off=cut_off)
    assert texts(decoder) == ["n0", "n1", "n2", "n3"]
    assert decoder.problems == [
        "a frame whose payload holds a NUL byte, as no report message does (after message 2)",
        f"{len(claim()) - 1} byte(s) that are not a report frame (after message 2)",
    ]


def test_a_long_claim_holds_back_nothing_while_the_stream_is_open() -> None:
    """The parent learns that the pass started from a frame that comes after such a claim."""
    n0, n1, n2 = frames("n0", "n1", "n2")
    decoder = FrameDecoder(KEY, check_message)
    assert [m["text"] for m in decoder.feed(n0 + claim())] == ["n0"]
    assert [m["text"] for m in decoder.feed(n1 + n2)] == ["n1", "n2"]


def test_a_claim_cut_off_by_a_kill_is_tampering_when_a_frame_start_follows_it() -> None:
    n0, n1 = frames("n0", "n1")
    # Killed while n1 was being written: only its header came, inside the claim's own header.
    decoder = decode(n0, claim(), n1[:16], cut_off=True)
    assert texts(decoder) == ["n0"]
    assert decoder.problems == [
        "an unfinished frame with another frame start after it (after message 1)",
        f"{len(claim()) - 1} byte(s) that are not a report frame (after message 1)",
    ]
    # The whole of n1 came: it is read whichever rule finds the claim out first.
    decoder = decode(n0, claim(), n1, cut_off=True)
    assert texts(decoder) == ["n0", "n1"] and len(decoder.problems) == 2


def test_the_parent_kills_by_its_own_clock_when_no_start_is_seen() -> None:
    """Pure logic: a child whose `started` frame never arrives is killed the import allowance
    and its cap past its launch, whatever that cap is; once seen, the cap runs from it."""
    for cap in (1.0, 60.0):
        assert kill_deadline(100.0, None, cap) == 100.0 + IMPORT_SECONDS + cap + KILL_MARGIN
        assert kill_deadline(100.0, 104.0, cap) == 104.0 + cap + KILL_MARGIN


def test_the_writer_replaces_a_message_too_large_to_send() -> None:
    from debugflow.ghost.frames import FrameWriter

    read_end, write_end = os.pipe()
    writer = FrameWriter(write_end, KEY)
    writer.send("note", text="x" * (MAX_PAYLOAD + 1))
    os.close(write_end)
    with os.fdopen(read_end, "rb") as pipe:
        decoder = decode(pipe.read())
    (message,) = decoder.messages
    assert message["text"].startswith("a note message was dropped: report message of")
    assert json.dumps(message)  # a plain JSON object
