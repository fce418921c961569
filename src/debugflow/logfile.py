"""`flow-logs`: DebugFlow's own log at `<project root>/logs/debugflow.log`, on or off per project.

The on/off state lives in the project's data folder (`.debugflow/logging-on`), never in
site-packages or the home folder. DebugFlow's messages never reach the traced program's own
log handlers or its stderr.

`OwnLog` is the logger of the modules every traced run loads. It loads `logging` only when a
message can go somewhere: the file log is on, or the program loaded `logging` itself. With
the log off, messages go to a NullHandler anyway, so a program that never logs does not pay
for importing `logging` (several milliseconds of start-up).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from debugflow.config import FlowConfig
from debugflow.paths import log_dir
from debugflow.private_files import make_private_dir

if TYPE_CHECKING:
    import logging

LOGGER_NAME = "debugflow"
_FLAG_NAME = "logging-on"
_file_log_on = False


class OwnLog:
    """A `logging.Logger` stand-in for one DebugFlow module (info, warning, exception)."""

    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name

    def info(self, message: str, *args: object) -> None:
        """Log at INFO, if a message can go anywhere."""
        logger = self._logger()
        if logger is not None:
            logger.info(message, *args)

    def warning(self, message: str, *args: object) -> None:
        """Log at WARNING, if a message can go anywhere."""
        logger = self._logger()
        if logger is not None:
            logger.warning(message, *args)

    def exception(self, message: str, *args: object) -> None:
        """Log at ERROR with the exception being handled, if a message can go anywhere."""
        logger = self._logger()
        if logger is not None:
            logger.error(message, *args, exc_info=True)

    def _logger(self) -> logging.Logger | None:
        if not _file_log_on and "logging" not in sys.modules:
            return None
        import logging

        keep_to_ourselves()
        return logging.getLogger(self.name)


def keep_to_ourselves() -> None:
    """Once `logging` is loaded: DebugFlow's messages never reach the program's handlers.

    Called before anything of DebugFlow's can log through `logging` (idempotent).
    """
    if "logging" not in sys.modules:
        return
    import logging

    logger = logging.getLogger(LOGGER_NAME)
    if logger.propagate:
        logger.propagate = False
        logger.addHandler(logging.NullHandler())


def _flag(config: FlowConfig) -> Path:
    return config.data_dir / _FLAG_NAME


def logging_enabled(config: FlowConfig) -> bool:
    """True if `flow-logs on` was run in this project."""
    return _flag(config).exists()


def set_logging(config: FlowConfig, enabled: bool) -> Path:
    """Turn file logging on or off for the project; returns the log file path."""
    flag = _flag(config)
    if enabled:
        make_private_dir(flag.parent)
        flag.touch()
    else:
        flag.unlink(missing_ok=True)
    return log_file(config)


def log_file(config: FlowConfig) -> Path:
    """Where the project's DebugFlow log is written."""
    return log_dir(config.root) / "debugflow.log"


def configure_logging(config: FlowConfig) -> None:
    """Attach the file handler to the `debugflow` logger if logging is on; else stay silent."""
    global _file_log_on
    if not logging_enabled(config):
        keep_to_ourselves()  # else `OwnLog` stays quiet until `logging` is loaded
        return
    import logging

    _file_log_on = True
    keep_to_ourselves()
    logger = logging.getLogger(LOGGER_NAME)
    if any(getattr(h, "_debugflow", False) for h in logger.handlers):
        return
    path = log_file(config)
    path.parent.mkdir(parents=True, exist_ok=True)
    handler = logging.FileHandler(path, encoding="utf-8", delay=True)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler._debugflow = True  # type: ignore[attr-defined]
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
