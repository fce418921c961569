"""`flow-logs`: DebugFlow's own log at `<project root>/logs/debugflow.log`, on or off per project.

The on/off state lives in the project's data folder (`.debugflow/logging-on`), never in
site-packages or the home folder.
"""

from __future__ import annotations

import logging
from pathlib import Path

from debugflow.config import FlowConfig
from debugflow.paths import log_dir

LOGGER_NAME = "debugflow"
_FLAG_NAME = "logging-on"


def _flag(config: FlowConfig) -> Path:
    return config.data_dir / _FLAG_NAME


def logging_enabled(config: FlowConfig) -> bool:
    """True if `flow-logs on` was run in this project."""
    return _flag(config).exists()


def set_logging(config: FlowConfig, enabled: bool) -> Path:
    """Turn file logging on or off for the project; returns the log file path."""
    flag = _flag(config)
    if enabled:
        flag.parent.mkdir(parents=True, exist_ok=True)
        flag.touch()
    else:
        flag.unlink(missing_ok=True)
    return log_file(config)


def log_file(config: FlowConfig) -> Path:
    """Where the project's DebugFlow log is written."""
    return log_dir(config.root) / "debugflow.log"


def configure_logging(config: FlowConfig) -> None:
    """Attach the file handler to the `debugflow` logger if logging is on; else stay silent."""
    logger = logging.getLogger(LOGGER_NAME)
    logger.propagate = False  # never print into the traced program's stderr
    if any(getattr(h, "_debugflow", False) for h in logger.handlers):
        return
    if not logging_enabled(config):
        logger.addHandler(logging.NullHandler())
        return
    path = log_file(config)
    path.parent.mkdir(parents=True, exist_ok=True)
    handler = logging.FileHandler(path, encoding="utf-8", delay=True)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler._debugflow = True  # type: ignore[attr-defined]
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
