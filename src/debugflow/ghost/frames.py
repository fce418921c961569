"""The report stream from the sandbox child to the parent: authenticated, numbered frames.

A frame is `MAGIC · sequence (4 bytes) · length (4 bytes) · tag (16 bytes) · payload`, the
payload being one JSON object in ASCII and the tag an HMAC-SHA256 (cut to 16 bytes) of the
header and payload under a key the parent makes for each pass. The child's writer numbers
its frames 0, 1, 2, …

The program under the pass runs in the same process as the writer, so it can always reach the
stream's file descriptor. The decoder therefore believes nothing it cannot check: bytes
outside a frame, a frame whose tag does not match, one that repeats or skips a number, and
one whose payload is not a report message are each reported as tampering and dropped, and
decoding resumes at the next frame start, so no bad frame hides the good ones after it.
A header may claim far more bytes than follow it; since a payload is ASCII and every frame
start begins with a NUL byte, a claimed payload that holds a NUL is found out as soon as that
byte arrives, not when the claimed length has come (which may be never).
The key is in the child's memory: code that reads that memory could still sign frames of its
own (docs/security.md says what the report can vouch for).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import struct
import threading
from collections.abc import Callable
from typing import Any

MAGIC = b"\x00DFG"  # a NUL byte: never inside an ASCII JSON payload, so a resync cannot land there
_HEAD = struct.Struct(">4sII")
TAG_SIZE = 16
HEADER_SIZE = _HEAD.size + TAG_SIZE
MAX_PAYLOAD = 4 * 1024 * 1024
KEY_SIZE = 32
MAX_PROBLEMS = 20  # tampering notes kept in detail; the rest are counted

Check = Callable[[dict[str, Any]], str | None]  # a payload's problem, or None when it is valid


def new_key() -> bytes:
    """A fresh random key for one pass."""
    return os.urandom(KEY_SIZE)


def _tag(key: bytes, head: bytes, payload: bytes) -> bytes:
    return hmac.new(key, head + payload, hashlib.sha256).digest()[:TAG_SIZE]


def encode_frame(key: bytes, sequence: int, message: dict[str, Any]) -> bytes:
    """One frame holding `message` as JSON; raises ValueError when it is too large."""
    payload = json.dumps(message, default=str, ensure_ascii=True).encode("ascii")
    if len(payload) > MAX_PAYLOAD:
        raise ValueError(f"report message of {len(payload)} bytes is over {MAX_PAYLOAD}")
    head = _HEAD.pack(MAGIC, sequence, len(payload))
    return head + _tag(key, head, payload) + payload


class FrameWriter:
    """The child's side: writes each message as one frame straight to a file descriptor, so a
    killed child loses nothing it sent. Several threads write (the program's, the collector,
    the watchdog); a lock keeps frames whole and numbered in the order they are written."""

    def __init__(self, fd: int, key: bytes):
        self.fd = fd
        self._key = key
        self._sequence = 0
        self._lock = threading.Lock()
        self._write = os.write  # bound now: a program that patches os.write does not reach it

    def send(self, kind: str, **fields: Any) -> None:
        """Write one report message; a message too large to send is replaced by a note."""
        message = {"kind": kind, **fields}
        with self._lock:
            try:
                frame = encode_frame(self._key, self._sequence, message)
            except ValueError as too_large:
                note = {"kind": "note", "text": f"a {kind} message was dropped: {too_large}"}
                frame = encode_frame(self._key, self._sequence, note)
            self._sequence += 1
            self._write_all(frame)

    def _write_all(self, frame: bytes) -> None:
        view = memoryview(frame)
        try:
            while view:
                view = view[self._write(self.fd, view) :]
        except OSError:
            pass  # the stream was closed under us; the parent sees the messages stop


class FrameDecoder:
    """The parent's side: feed it the stream's bytes as they come; it keeps the valid messages
    in order and describes every piece of the stream it could not believe."""

    def __init__(self, key: bytes, check: Check):
        self.messages: list[dict[str, Any]] = []
        self.problems: list[str] = []
        self.problem_count = 0
        self._key = key
        self._check = check
        self._buffer = bytearray()
        self._next = 0  # the sequence number the next frame should carry

    def feed(self, data: bytes) -> list[dict[str, Any]]:
        """Add bytes; returns the messages they completed."""
        self._buffer += data
        return self._drain(at_end=False)

    def finish(self, cut_off: bool = False) -> list[dict[str, Any]]:
        """The stream ended: decode what is left. `cut_off`: the child was killed, so an
        unfinished last frame with no frame start after it is expected rather than tampering."""
        found = self._drain(at_end=True, cut_off=cut_off)
        self._buffer.clear()
        return found

    def _drain(self, at_end: bool, cut_off: bool = False) -> list[dict[str, Any]]:
        found: list[dict[str, Any]] = []
        while self._buffer:
            start = self._buffer.find(MAGIC)
            if start != 0:
                if not self._skip_stray(start, at_end):
                    break
                continue
            outcome = self._take_frame(at_end, cut_off)
            if outcome is _WAIT:
                break
            if isinstance(outcome, dict):
                found.append(outcome)
                self.messages.append(outcome)
        return found

    def _skip_stray(self, start: int, at_end: bool) -> bool:
        """Drop bytes before the next frame start; False when more data must come first."""
        if start < 0:
            # A frame start may be split across reads: keep what could be its beginning.
            start = len(self._buffer) - (0 if at_end else _magic_begun(self._buffer))
            if start <= 0:
                return False
        self._problem(f"{start} byte(s) that are not a report frame")
        del self._buffer[:start]
        return True

    def _take_frame(self, at_end: bool, cut_off: bool) -> object:
        """Decode the frame at the start of the buffer: a message (a dict), _WAIT for more
        bytes, or anything else when the frame was dropped."""
        if len(self._buffer) < _HEAD.size:
            return self._incomplete(at_end, cut_off)
        _, sequence, length = _HEAD.unpack_from(self._buffer)
        if length > MAX_PAYLOAD:
            return self._reject(f"a frame claiming {length} bytes, over the {MAX_PAYLOAD} limit")
        if self._buffer.find(0, HEADER_SIZE, HEADER_SIZE + length) >= 0:
            # Another frame (or a stray NUL) inside the claimed payload: it cannot be a real one.
            return self._reject("a frame whose payload holds a NUL byte, as no report message does")
        if len(self._buffer) < HEADER_SIZE + length:
            return self._incomplete(at_end, cut_off)
        head = bytes(self._buffer[: _HEAD.size])
        tag = bytes(self._buffer[_HEAD.size : HEADER_SIZE])
        payload = bytes(self._buffer[HEADER_SIZE : HEADER_SIZE + length])
        if not hmac.compare_digest(tag, _tag(self._key, head, payload)):
            return self._reject("a frame that was not signed with this pass's key")
        del self._buffer[: HEADER_SIZE + length]
        return self._accept(sequence, payload)

    def _incomplete(self, at_end: bool, cut_off: bool) -> object:
        """The frame at the start of the buffer is unfinished. A killed child may leave its
        last frame so, and nothing can come after it: a frame start that does is tampering."""
        if not at_end:
            return _WAIT
        if not cut_off:
            return self._reject("an unfinished frame at the end of the stream")
        if self._buffer.find(MAGIC, 1) >= 0:
            return self._reject("an unfinished frame with another frame start after it")
        self._buffer.clear()  # the last frame was being written when the child was killed
        return _DROPPED

    def _reject(self, what: str) -> object:
        """Report `what` and step past this frame start only: a real frame may begin inside
        the bytes a forged header claimed."""
        self._problem(what)
        del self._buffer[:1]
        return _DROPPED

    def _accept(self, sequence: int, payload: bytes) -> object:
        if sequence < self._next:
            self._problem(f"a repeated frame (number {sequence}, expected {self._next})")
            return _DROPPED
        if sequence > self._next:
            self._problem(f"frames {self._next} to {sequence - 1} are missing")
        self._next = sequence + 1
        message = _parse(payload)
        problem = "a payload that is not a JSON object" if message is None else self._check(message)
        if problem is not None:
            self._problem(f"frame {sequence}: {problem}")
            return _DROPPED
        return message

    def _problem(self, what: str) -> None:
        self.problem_count += 1
        where = f"after message {len(self.messages)}" if self.messages else "before any message"
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(f"{what} ({where})")


_WAIT = object()  # the frame at the start of the buffer is not complete yet
_DROPPED = object()  # the frame at the start of the buffer was not believed


def _magic_begun(data: bytearray) -> int:
    """How many bytes at the end of `data` could be the beginning of a frame start."""
    for size in range(min(len(MAGIC) - 1, len(data)), 0, -1):
        if data.endswith(MAGIC[:size]):
            return size
    return 0


def _parse(payload: bytes) -> dict[str, Any] | None:
    try:
        message = json.loads(payload.decode("ascii"))
    except (UnicodeDecodeError, ValueError):
        return None
    return message if isinstance(message, dict) else None
