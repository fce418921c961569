"""How an exception is written into events: type name, message and `Type: message`.

The message comes from the exception's own `__str__`, which is the program's code, so it is
guarded and cut to a bounded length.
"""

from __future__ import annotations

MAX_MESSAGE = 500


def type_name(exc: BaseException) -> str:
    """The exception's class name (`ValueError`, `Config.Invalid`)."""
    return type(exc).__qualname__


def message(exc: BaseException) -> str:
    """The exception's text; a `__str__` that raises gives a note instead."""
    try:
        text = str(exc)
    except Exception as error:  # a user's __str__ that raises must not stop the collector
        text = f"<str() failed: {type(error).__name__}>"
    return text if len(text) <= MAX_MESSAGE else text[:MAX_MESSAGE] + "…"


def exception_text(exc: BaseException) -> str:
    """`Type: message`, as caught exceptions are listed."""
    return f"{type_name(exc)}: {message(exc)}"
