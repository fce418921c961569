"""Runs a script or module as `__main__`, exactly as `python script.py` / `python -m mod` would.

`sys.argv`, `sys.path[0]`, `__main__`, the exit code and uncaught tracebacks match plain
Python; DebugFlow's own frames are cut from tracebacks so the program's errors look as they
always do.
"""

import io
import os
import runpy
import sys
import threading
import types
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Literal, NamedTuple

import debugflow
from debugflow.errors import TargetError

_OWN_DIR = os.path.dirname(os.path.abspath(debugflow.__file__))
_HIDDEN_FILES = (runpy.__file__,)
# Room for the tracing callbacks' own frames on top of the program's deepest frame.
_CALLBACK_HEADROOM = 5


class Target(NamedTuple):
    """What to run: a script path or a module name, and its arguments."""

    kind: Literal["script", "module"]
    name: str
    args: tuple[str, ...]

    def argv(self) -> list[str]:
        """`sys.argv` as the program would see it under plain Python."""
        return [self.name, *self.args]


class Outcome(NamedTuple):
    """How the program ended: its exit code and, for SystemExit, the original exit value."""

    exit_code: int
    system_exit: SystemExit | None = None
    interrupted: bool = False


def resolve_script(path: str) -> str:
    """The absolute path of a script, or TargetError with Python's own wording."""
    absolute = os.path.abspath(path)
    if not os.path.exists(absolute):
        raise TargetError(f"can't open file {absolute!r}: [Errno 2] No such file or directory")
    return absolute


def run_target(target: Target) -> Outcome:
    """Run the program to completion in this process and report how it ended."""
    sys.argv = target.argv()
    try:
        with _recursion_allowance(_stack_depth() + _CALLBACK_HEADROOM):
            _execute(target)
    except SystemExit as exit_request:
        return Outcome(_exit_code(exit_request.code), exit_request)
    except KeyboardInterrupt as interrupt:
        _report_uncaught(interrupt)
        return Outcome(130, interrupted=True)
    except BaseException as error:
        _report_uncaught(error)
        return Outcome(1)
    return Outcome(0)


@contextmanager
def _recursion_allowance(frames: int) -> Iterator[None]:
    """Give the program the recursion depth it would have under plain Python.

    DebugFlow's frames sit under the program's outermost frame, so the real limit grows by
    their number, and `sys.getrecursionlimit`/`setrecursionlimit` show and take the
    program's own figure, as if those frames were not there.
    """
    real_get, real_set = sys.getrecursionlimit, sys.setrecursionlimit
    real_set(real_get() + frames)

    def getrecursionlimit() -> int:
        return real_get() - frames

    def setrecursionlimit(limit: int, /) -> None:
        real_set(limit + frames)

    sys.getrecursionlimit, sys.setrecursionlimit = getrecursionlimit, setrecursionlimit
    try:
        yield
    finally:
        sys.getrecursionlimit, sys.setrecursionlimit = real_get, real_set
        real_set(max(real_get() - frames, 1))


def _stack_depth() -> int:
    depth = 0
    frame: types.FrameType | None = sys._getframe(1)
    while frame is not None:
        depth += 1
        frame = frame.f_back
    return depth


def wait_for_threads() -> None:
    """Join non-daemon threads, as the interpreter does before exiting."""
    current = threading.current_thread()
    for thread in threading.enumerate():
        if thread is not current and not thread.daemon and thread.is_alive():
            thread.join()


def set_own_objects_aside() -> None:
    """Keep the objects made so far (the modules imported, the tracer set up) out of every
    garbage collection from now on, the last one at exit included (`gc.freeze`).

    Called just before the program's first line, so none of the program's objects is among
    them: those are collected exactly as under plain Python. Nearly all of DebugFlow's live
    until exit, where walking them in the last collection only made the process end later
    (a few that become garbage sooner are left to the process's end); and the program's own
    collections no longer walk them either.
    """
    import gc  # built in: nothing to load

    gc.freeze()


def finish_like_python(outcome: Outcome) -> None:
    """Leave the process the way plain Python would have."""
    if outcome.interrupted:
        import signal  # only here: the module costs a millisecond of every start-up

        sys.stdout.flush()
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        os.kill(os.getpid(), signal.SIGINT)
    if outcome.system_exit is not None:
        raise outcome.system_exit
    raise SystemExit(outcome.exit_code)


def _execute(target: Target) -> None:
    if target.kind == "module":
        sys.path[0] = os.getcwd()
        runpy.run_module(target.name, run_name="__main__", alter_sys=True)
        return
    script = os.path.abspath(target.name)
    sys.path[0] = os.path.dirname(os.path.realpath(script))
    code = compile(_read_source(script), script, "exec", dont_inherit=True)
    main = _fresh_main(script)
    # Like plain Python, the program stays `__main__` until exit (atexit, pickling).
    sys.modules["__main__"] = main
    exec(code, main.__dict__)


def _read_source(script: str) -> bytes:
    with io.open_code(script) as handle:
        return handle.read()


def _fresh_main(script: str) -> types.ModuleType:
    from importlib.machinery import SourceFileLoader

    main = types.ModuleType("__main__")
    main.__file__ = script
    main.__cached__ = None  # type: ignore[attr-defined]
    main.__loader__ = SourceFileLoader("__main__", script)
    main.__spec__ = None
    main.__builtins__ = __builtins__  # type: ignore[attr-defined]
    return main


def _exit_code(code: object) -> int:
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    return 1


def _report_uncaught(error: BaseException) -> None:
    """Print an uncaught exception through `sys.excepthook`, without DebugFlow's frames:
    the runner's above the program's, and any below its last one (`flow debug`'s SIGINT
    handler raising the program's KeyboardInterrupt, where Python's own handler, written in
    C, leaves no frame)."""
    traceback = error.__traceback__
    while traceback is not None and _is_hidden(traceback.tb_frame.f_code.co_filename):
        traceback = traceback.tb_next
    last_shown, entry = None, traceback
    while entry is not None:
        if not _is_hidden(entry.tb_frame.f_code.co_filename):
            last_shown = entry
        entry = entry.tb_next
    if last_shown is not None:
        last_shown.tb_next = None
    sys.excepthook(type(error), error.with_traceback(traceback), traceback)


def _is_hidden(filename: str) -> bool:
    return filename.startswith(_OWN_DIR + os.sep) or filename in _HIDDEN_FILES


def parse_target(script_or_module: Sequence[str], module: str | None) -> Target:
    """Build a Target from `flow run` arguments."""
    if module is not None:
        _check_module(module)
        return Target("module", module, tuple(script_or_module))
    if not script_or_module:
        raise TargetError("flow run needs a script (flow run app.py) or a module (-m pkg.mod)")
    script, *args = script_or_module
    resolve_script(script)
    return Target("script", str(Path(script)), tuple(args))


def _check_module(name: str) -> None:
    """Fail early, as Python does, when the module's top-level package does not exist.

    Only the top-level name is looked up: finding `pkg.sub` would import `pkg` untraced.
    """
    import importlib.util

    sys.path[0] = os.getcwd()
    try:
        spec = importlib.util.find_spec(name.split(".")[0])
    except (ImportError, ValueError):
        spec = None
    if spec is None:
        raise TargetError(f"No module named {name.split('.')[0]}")
