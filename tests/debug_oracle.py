"""The stepping reference: pdb's engine (`bdb`) with the rules `flow debug` states.

    python debug_oracle.py ROOT SCRIPT [ARGS…] < commands

runs SCRIPT as `__main__` under a `bdb.Bdb` and answers each stop with the next command
(`s`, `n`, `r`, `c`, and `b LINE` for a breakpoint in the stop's file; `q` or the end of
the commands quits). Each stop is printed as
`STOP <file>:<line> <function>` on stderr, so the program's stdout stays its own. The
rules, applied on top of bdb and nothing else changed:

- it stops only in files under ROOT (traced code), for steps and breakpoints alike;
- no stop when a function is entered (pdb's `--Call--`): a step into a call lands on the
  callee's first line;
- no stop when a function returns (pdb's `--Return--`): where pdb would stop there, the
  command goes on as a step, so it lands on the next line that starts under ROOT. A frame
  outside ROOT returning during a step hands line events back to its caller, as bdb does
  for the frames it stops in.
"""

from __future__ import annotations

import bdb
import os
import sys
import types
from collections import deque
from types import FrameType
from typing import Any


class Reference(bdb.Bdb):
    """bdb with the rules above; commands come from a list."""

    def __init__(self, root: str, commands: list[str]) -> None:
        super().__init__()
        self.root = os.path.realpath(root) + os.sep
        self.commands = deque(commands)

    def traced(self, frame: FrameType) -> bool:
        filename = frame.f_code.co_filename
        return not filename.startswith("<") and os.path.realpath(filename).startswith(self.root)

    def stop_here(self, frame: FrameType) -> bool:
        return self.traced(frame) and super().stop_here(frame)

    def break_here(self, frame: FrameType) -> bool:
        return self.traced(frame) and super().break_here(frame)

    def dispatch_return(self, frame: FrameType, arg: Any) -> Any:
        caller = frame.f_back
        stepping_out = self.stopframe is None and not self.traced(frame)
        if stepping_out and caller is not None and not caller.f_trace:
            caller.f_trace = self.trace_dispatch
        return super().dispatch_return(frame, arg)

    def user_call(self, frame: FrameType, argument_list: Any) -> None:
        pass  # no --Call-- stop

    def user_return(self, frame: FrameType, return_value: Any) -> None:
        self.set_step()  # no --Return-- stop: the command goes on as a step

    def user_line(self, frame: FrameType) -> None:
        self.interact(frame)

    def user_exception(self, frame: FrameType, exc_info: Any) -> None:
        self.interact(frame)

    def interact(self, frame: FrameType) -> None:
        name = os.path.basename(frame.f_code.co_filename)
        print(f"STOP {name}:{frame.f_lineno} {frame.f_code.co_name}", file=sys.stderr)
        command = self.commands.popleft() if self.commands else "q"
        while command.startswith("b "):  # a breakpoint in this file; the stop goes on
            self.set_break(frame.f_code.co_filename, int(command[2:]))
            command = self.commands.popleft() if self.commands else "q"
        if command == "s":
            self.set_step()
        elif command == "n":
            self.set_next(frame)
        elif command == "r":
            self.set_return(frame)
        elif command == "c":
            self.set_continue()
        else:
            self.set_quit()


def main() -> None:
    root, script, *args = sys.argv[1:]
    commands = [line.strip() for line in sys.stdin.read().splitlines() if line.strip()]
    script = os.path.abspath(script)
    sys.argv = [script, *args]
    sys.path[0] = os.path.dirname(script)
    main_module = types.ModuleType("__main__")
    main_module.__file__ = script
    sys.modules["__main__"] = main_module  # this driver's own functions keep their globals
    namespace = main_module.__dict__
    with open(script, "rb") as source:
        code = compile(source.read(), script, "exec")
    Reference(root, commands).run(code, namespace)


if __name__ == "__main__":
    main()
