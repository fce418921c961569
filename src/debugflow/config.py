"""One frozen configuration for a traced run, read from options and `FLOW_*` variables.

Every environment variable DebugFlow reads is listed in `ENVIRONMENT` so the README and
`flow doctor` can show them from one place.
"""

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Literal, NamedTuple

from debugflow.errors import ConfigError
from debugflow.paths import data_dir, project_root
from debugflow.redaction import DEFAULT_PATTERN, chosen_pattern

ReprMode = Literal["safe", "user"]

ENVIRONMENT: dict[str, str] = {
    "FLOW_PROJECT_ROOT": "project root whose code is traced (default: current directory)",
    "FLOW_DATA_DIR": "folder of the run store (default: <root>/.debugflow)",
    "FLOW_BACKEND": "force a tracing backend: monitoring or settrace",
    "FLOW_PURE_PYTHON": "1: run the tracer's Python hot path even where the compiled one is built",
    "FLOW_INCLUDE": "extra paths/globs/modules to trace, comma-separated",
    "FLOW_EXCLUDE": "paths/globs/modules never to trace, comma-separated",
    "FLOW_DETAIL_CALLS": "calls per function recorded in full before sampling (default 10)",
    "FLOW_SAMPLE_EVERY": "after that, keep full detail for one call in N (default 1000)",
    "FLOW_KEEP_RUNS": "how many runs the store keeps (default 50)",
    "FLOW_REPR": "safe (default) or user: call the program's own __repr__, guarded",
    "FLOW_REDACT": "names whose values are recorded as <redacted>: a regular expression searched"
    " case-insensitively (default: passwords, secrets, tokens, keys, credentials, auth); off"
    " records every value",
    "FLOW_LIVE": "1 forces the live terminal view, 0 turns it off",
    "FLOW_PORT": "port of the HUD hub (default 5555; the next free one if taken)",
    "FLOW_NO_BROWSER": "1: `flow run --hud` opens no browser (`flow hud` takes --no-browser)",
    "FLOW_HUB": "address of the hub to stream to (default: found in <data dir>/hub.json); off",
    "FLOW_EDITOR_CMD": "click-to-source command, e.g. 'code -g {file}:{line}'",
    "FLOW_HUD_HOTKEY": "`flow activate`: the hotkey showing or hiding the HUD (default"
    " <ctrl>+<alt>+f, pynput's syntax)",
    "FLOW_TRIGGER_HOTKEY": "`flow activate`: the hotkey running the newest script (default"
    " <ctrl>+<alt>+s)",
    "FLOW_DEBUG_RESUME_AFTER": "seconds a pause waits with no HUD viewer before it resumes"
    " (default: it waits for a viewer)",
    "FLOW_DEBUG_PAUSE_ALL": "1: while a thread is paused in the debugger, every other thread"
    " of the program waits too (as --pause-all; default: the others run on)",
    "FLOW_GHOST_ISOLATION": "ghost passes: auto (default), bubblewrap (required) or audit-hook",
}


class FlowConfig(NamedTuple):
    """Everything that shapes one traced run. Build it with `FlowConfig.from_env()`."""

    root: Path
    data_dir: Path
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    backend: str | None = None
    # 10: enough to see a function's arguments and shapes; each detailed call costs tens of
    # microseconds of previews and storage, which a hot training loop must not pay for long.
    detail_calls: int = 10
    sample_every: int = 1000
    keep_runs: int = 50
    repr_mode: ReprMode = "safe"
    # Values under names this pattern matches are recorded as <redacted>; None records all.
    redact: str | None = DEFAULT_PATTERN
    live: bool | None = None  # None: on when stderr is a terminal
    quiet: bool = False

    @classmethod
    def from_env(
        cls, env: Mapping[str, str] | None = None, root: str | None = None
    ) -> "FlowConfig":
        """Read the configuration from `FLOW_*` variables (default: `os.environ`)."""
        env = os.environ if env is None else env
        defaults = cls._field_defaults  # the one place the defaults are written: the fields
        top = project_root(root or env.get("FLOW_PROJECT_ROOT"))
        return cls(
            root=top,
            data_dir=Path(env["FLOW_DATA_DIR"]).resolve()
            if env.get("FLOW_DATA_DIR")
            else data_dir(top),
            include=_split(env.get("FLOW_INCLUDE", "")),
            exclude=_split(env.get("FLOW_EXCLUDE", "")),
            backend=env.get("FLOW_BACKEND") or None,
            detail_calls=_positive_int(env, "FLOW_DETAIL_CALLS", defaults["detail_calls"]),
            sample_every=_positive_int(env, "FLOW_SAMPLE_EVERY", defaults["sample_every"]),
            keep_runs=_positive_int(env, "FLOW_KEEP_RUNS", defaults["keep_runs"]),
            repr_mode=_repr_mode(env.get("FLOW_REPR", "safe")),
            redact=_redact(env.get("FLOW_REDACT"), defaults["redact"]),
            live=_optional_bool(env.get("FLOW_LIVE")),
        )

    def with_options(self, **changes: object) -> "FlowConfig":
        """A copy with some options changed (command-line flags win over the environment)."""
        return self._replace(**changes)  # type: ignore[arg-type]

    @property
    def store_path(self) -> Path:
        """The SQLite run store of this configuration."""
        return self.data_dir / "runs.db"


def _split(raw: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in raw.split(",") if part.strip())


def _positive_int(env: Mapping[str, str], name: str, default: int) -> int:
    raw = env.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a whole number, not {raw!r}") from None
    if value < 1:
        raise ConfigError(f"{name} must be at least 1, not {value}")
    return value


def _repr_mode(raw: str) -> ReprMode:
    if raw not in ("safe", "user"):
        raise ConfigError(f"FLOW_REPR must be 'safe' or 'user', not {raw!r}")
    return "safe" if raw == "safe" else "user"


def _redact(raw: str | None, default: str | None) -> str | None:
    # Unset or empty means the default, as for every FLOW_* variable; `off` records all.
    return default if not raw else chosen_pattern(raw, "FLOW_REDACT", "FLOW_REDACT=off")


def _optional_bool(raw: str | None) -> bool | None:
    if raw is None or raw == "":
        return None
    return raw.lower() in ("1", "true", "yes", "on")
