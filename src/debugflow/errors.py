"""The exceptions DebugFlow raises, one tree:

FlowError                 anything DebugFlow reports to a person
├── ConfigError           a bad option or environment variable
├── BackendUnavailable    the requested tracing backend cannot run here
├── StoreError            the run store cannot be read or written
│   └── RunNotFound       no run matches the id a person gave
├── TargetError           `flow run` was given a script or module it cannot run
└── BadBreakpoint         a breakpoint spec that cannot be read or placed

PreviewAbandoned          raised *into* a program's thread to stop a preview past its time
                          budget; never reaches the program
"""

from __future__ import annotations


class FlowError(Exception):
    """Base of every error DebugFlow reports to a person."""


class ConfigError(FlowError):
    """An option or `FLOW_*` environment variable has a value DebugFlow cannot use."""


class BackendUnavailable(FlowError):
    """The requested tracing backend cannot run on this Python."""


class StoreError(FlowError):
    """The run store cannot be opened, read or written."""


class RunNotFound(StoreError):
    """No recorded run matches the given id."""


class TargetError(FlowError):
    """The script or module given to `flow run` cannot be found or loaded."""


class BadBreakpoint(FlowError):
    """A breakpoint spec (`--break`, `b`) that cannot be parsed or has no code to stop at."""


class PreviewAbandoned(BaseException):
    """Stops a preview that ran past its time budget (a `__repr__` that loops, say).

    The tracer raises it asynchronously in the thread making the preview and catches it
    around the preview. It derives from BaseException so that the program's own
    `except Exception:` inside the code being previewed does not swallow it.
    """
