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
import sys
from pathlib import Path

import pytest

from debugflow.ghost.frames import MAGIC, MAX_PAYLOAD, FrameDecoder, encode_frame, new_key
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
    assert decoder.problems[0].startswith("a frame that was not signed with this pass's key")


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
