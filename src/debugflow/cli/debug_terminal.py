"""The terminal front end of the debugger: pdb's commands, on stdin and stdout.

It runs on a thread of its own, never a paused one. It hears of every state the debugger
makes; at a pause it shows the place (`> /path/app.py(42)process_order()` and `-> source`,
as pdb does) and reads commands until one resumes the thread, each sent with the number of
the pause it was typed at. When stdin is not a terminal the commands are read from it line
by line, echoed after the prompt so the output reads as a transcript, and the end of the
input quits (as `python -m pdb script.py < commands` does).

    s(tep) n(ext) r(eturn) c(ont(inue))       resume the paused thread
    p EXPR / pp EXPR / EXPR                   an expression's value in the paused frame
    STATEMENT / !STATEMENT                    run in the paused frame (x = 5, import os)
    w(here) / bt                              the stack
    l(ist) [FIRST] / l .                      source around the line (again: the next lines)
    b(reak) [SPEC]                            list the breakpoints, or add one
    cl(ear) N…                                remove breakpoints
    q(uit) / exit                             end the program now
    h(elp)                                    this list
An empty line repeats the last command.
"""

from __future__ import annotations

import os
import queue
import threading
from collections.abc import Callable
from typing import TextIO

from debugflow.debugger.controller import Command, State
from debugflow.debugger.inspection import source_line
from debugflow.debugger.runtime import Debugger, Finished, LogLine, Notice, Reply
from debugflow.debugger.specs import parse_spec
from debugflow.errors import BadBreakpoint

PROMPT = "(flow) "
_RESUMING = {
    "s": "step", "step": "step", "n": "next", "next": "next", "r": "return",
    "return": "return", "c": "continue", "cont": "continue", "continue": "continue",
    "q": "quit", "quit": "quit", "exit": "quit",
}  # fmt: skip
HELP = __doc__.split("\n\n")[2].rstrip() if __doc__ else ""


class TerminalFrontEnd:
    """Reads commands for `debugger` from `stdin` at each pause; writes to `stdout`."""

    def __init__(
        self,
        debugger: Debugger,
        stdin: TextIO,
        stdout: TextIO,
        cwd: str,
        on_breakpoints: Callable[[], None] | None = None,
    ) -> None:
        self.debugger = debugger
        self._in = stdin
        self._out = stdout
        self._cwd = cwd
        self._on_breakpoints = on_breakpoints
        self._interactive = _is_terminal(stdin)
        self._notices: queue.SimpleQueue[Notice] = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._run, name="debugflow-debug-terminal")
        self._thread.daemon = True
        self._last = ""
        self._list_next: int | None = None

    def start(self) -> None:
        """Listen to the debugger and start reading (at the first pause)."""
        self.debugger.subscribe(self._notices.put)
        self._thread.start()

    def join(self, timeout: float) -> None:
        """Wait (bounded) for the front end to say its last words after the program ended."""
        self._thread.join(timeout)

    # -- the front end's thread --------------------------------------------------------------

    def _run(self) -> None:
        while True:
            notice = self._notices.get()
            if isinstance(notice, Finished):
                if notice.exit_code is not None:
                    self.say(f"The program finished with exit status {notice.exit_code}.")
                return
            if isinstance(notice, LogLine):
                self.say(f"[log] {notice.text}" if notice.thread_name else notice.text)
            elif notice.phase == "paused" and self._at_pause(notice):
                return

    def _at_pause(self, state: State) -> bool:
        """Show the pause and take commands until one resumes; True once quit."""
        self._show(state)
        self._list_next = None
        while True:
            line = self._read()
            if line is None:
                line = "q"  # the end of the commands, as pdb takes it
            outcome = self._command(line.strip(), state)
            if outcome is not None:
                return outcome == "quit"

    def _show(self, state: State) -> None:
        place = state.place
        assert place is not None
        if place.reason != "step" or place.detail:
            self.say(place.detail or "paused")
        thread = "" if place.thread_name in ("", "MainThread") else f" [thread {place.thread_name}]"
        self.say(f"> {place.file}({place.line}){place.function}(){thread}")
        source = source_line(place.file, place.line)
        if source:
            self.say(f"-> {source}")

    def _command(self, line: str, state: State) -> str | None:
        """Run one command line; the resuming command's name once one was accepted."""
        if not line:
            line = self._last
        if not line:
            return None
        self._last = line
        name, _, arg = line.partition(" ")
        arg = arg.strip()
        resume = _RESUMING.get(name)
        if resume is not None:
            reply = self.debugger.submit(Command(resume, state.seq))  # type: ignore[arg-type]
            if reply.accepted:
                return resume
            self.say(f"*** {reply.reason}")
            return "refused" if self.debugger.state.phase == "ended" else None
        self._inspect(name, arg, line, state)
        return None

    def _inspect(self, name: str, arg: str, line: str, state: State) -> None:
        if name in ("p", "pp"):
            self._reply(self.debugger.print_value(state.seq, arg))
        elif name in ("w", "where", "bt"):
            self._reply(self.debugger.stack(state.seq))
        elif name in ("l", "list"):
            self._list(arg, state)
        elif name in ("b", "break"):
            self._break(arg, state)
        elif name in ("cl", "clear"):
            self._clear(arg)
        elif name in ("h", "help"):
            self.say(HELP)
        else:  # an expression or a statement (`!` forces one, as in pdb: `!n = 3`)
            self._reply(self.debugger.run_line(state.seq, line.removeprefix("!")))

    def _reply(self, reply: Reply) -> None:
        if reply.accepted and not reply.text:
            return  # a statement: nothing to say
        self.say(reply.text if reply.accepted else f"*** {reply.reason}")

    def _list(self, arg: str, state: State) -> None:
        first = self._list_next
        if arg == ".":
            first = None
        elif arg:
            number = arg.split(",")[0].strip()
            if not number.isdigit():
                self.say(f"*** l takes a line number, not {arg!r}")
                return
            first = int(number)
        reply = self.debugger.source(state.seq, first)
        self._reply(reply)
        shown = [int(t.split()[0]) for t in reply.text.splitlines() if t.split()[:1] != ["[EOF]"]]
        self._list_next = shown[-1] + 1 if shown else None

    def _break(self, arg: str, state: State) -> None:
        if not arg:
            found = self.debugger.breakpoints()
            for item in found:
                self.say(f"{item.number:3d} {item.spec.text()}  (hits: {item.hits})")
            if not found:
                self.say("no breakpoints")
            return
        if arg.split()[0].isdigit() and state.place is not None:  # `b 42`: this file
            arg = f"{state.place.file}:{arg}"
        try:
            item = self.debugger.add_breakpoint(parse_spec(arg, self._cwd))
        except BadBreakpoint as error:
            self.say(f"*** {error}")
            return
        self.say(f"Breakpoint {item.number} at {item.spec.text()}")
        if self._on_breakpoints is not None:
            self._on_breakpoints()

    def _clear(self, arg: str) -> None:
        numbers = arg.replace(",", " ").split()
        if not numbers or not all(n.isdigit() for n in numbers):
            self.say("*** cl takes breakpoint numbers (b lists them)")
            return
        for number in numbers:
            try:
                item = self.debugger.remove_breakpoint(int(number))
            except BadBreakpoint as error:
                self.say(f"*** {error}")
                continue
            self.say(f"Deleted breakpoint {item.number} at {item.spec.text()}")
        if self._on_breakpoints is not None:
            self._on_breakpoints()

    def _read(self) -> str | None:
        """The next command line, or None at the end of the input."""
        if self._interactive:
            try:
                return input(PROMPT)
            except EOFError:
                self.say("")
                return None
        self._write(PROMPT)
        line = self._in.readline()
        if not line:
            self.say("")
            return None
        self._write(line if line.endswith("\n") else line + "\n")
        return line

    def say(self, text: str) -> None:
        """Write a line of the debugger's to the terminal (any thread)."""
        self._write(text + "\n")

    def _write(self, text: str) -> None:
        try:
            self._out.write(text)
            self._out.flush()
        except (OSError, ValueError):  # the program closed or replaced its stdout
            pass


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty() and os.isatty(stream.fileno())
    except (OSError, ValueError, AttributeError):
        return False
