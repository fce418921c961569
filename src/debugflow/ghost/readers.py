"""The threads that read a sandbox child's pipes: its report stream, decoded frame by frame as
it comes (so the parent knows when the traced pass started), and the tail of its stderr."""

from __future__ import annotations

import os
import threading
import time
from typing import IO

from debugflow.ghost.frames import FrameDecoder
from debugflow.ghost.wire import check_message


class ReportReader:
    """Decodes the report pipe on a thread; notices the `started` message."""

    def __init__(self, pipe: IO[bytes], key: bytes):
        self.decoder = FrameDecoder(key, check_message)
        self.started_at: float | None = None
        self._pipe = pipe
        self._lock = threading.Lock()
        self._finished = False
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        for chunk in iter(lambda: os.read(self._pipe.fileno(), 65536), b""):
            with self._lock:
                if self._finished:
                    return  # a process that outlived the pass still writes: not the report
                found = self.decoder.feed(chunk)
            if self.started_at is None and any(m["kind"] == "started" for m in found):
                self.started_at = time.monotonic()

    def finish(self, cut_off: bool) -> None:
        """The child has ended: decode what is left and take nothing more."""
        with self._lock:
            self._finished = True
            self.decoder.finish(cut_off)

    def tampering(self) -> list[str]:
        """Every piece of the stream that was not believed, the first ones in detail."""
        problems = list(self.decoder.problems)
        if self.decoder.problem_count > len(problems):
            problems.append(f"{self.decoder.problem_count - len(problems)} more such pieces")
        return problems


class TailReader:
    """Keeps the last few thousand bytes of a pipe, read on a thread."""

    def __init__(self, pipe: IO[bytes], keep: int):
        self.data = b""
        self._pipe = pipe
        self._keep = keep
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        for chunk in iter(lambda: os.read(self._pipe.fileno(), 65536), b""):
            self.data = (self.data + chunk)[-self._keep :]
