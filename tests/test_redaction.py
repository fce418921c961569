"""Secret values stay out of the store: names that say "secret" are recorded as `<redacted>`.

Real `flow run` subprocesses on real SQLite stores: what `flow show` and `flow export` print
and the store's own file bytes (WAL included) never hold a secret value under the default
rule, a custom `--redact` pattern replaces it, and `--no-redact` records everything.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from conftest import flow, run
from debugflow.cli.run_cmd import _run_parser
from debugflow.cli.run_options import parse_run_options, run_args_from, split_run_argv
from debugflow.config import ENVIRONMENT, FlowConfig
from debugflow.errors import ConfigError
from debugflow.redaction import DEFAULT_PATTERN, Redaction

SECRETS = {
    "password": "hunter2-PASSWORD-5a1c",
    "api_key": "sk-APIKEY-77c3e9",
    "token": "tk-TOKEN-0b9e41",
    "kwargs secret": "s3-KWSECRET-42dd",
    "nested password": "pw-NESTED-8e2f",
    "dataclass field": "sk-FIELD-11aa07",
    "slot": "tk-SLOT-5c5c90",
    "named tuple field": "sk-NAMEDTUPLE-2718",
    "header": "Bearer HEADER-556677",
    "returned dict": "tok-RETURNED-9f8e",
    "pulse param": "sk-PULSE-3141",
}

PROGRAM = f"""
import collections, dataclasses, sys
import numpy as np
import debugflow

@dataclasses.dataclass
class Settings:
    host: str
    api_key: str

class Client:
    __slots__ = ("base", "token")
    def __init__(self, base, token):
        self.base, self.token = base, token

def connect(user, password, api_key, token, *args, **kwargs):
    return f"connected {{user}} {{len(password) + len(api_key) + len(token)}} {{sorted(kwargs)}}"

Login = collections.namedtuple("Login", "user secret")

def configure(settings, client, headers, options, login):
    return len(options)

def login(user):
    return {{"user": user, "access_token": {SECRETS["returned dict"]!r}}}

def attend(query, key, value):
    return (query @ key.T @ value).shape

print(connect("ann", {SECRETS["password"]!r}, {SECRETS["api_key"]!r}, {SECRETS["token"]!r},
              1, 2, secret={SECRETS["kwargs secret"]!r}, region="eu"))
print(configure(
    Settings("db.local", {SECRETS["dataclass field"]!r}),
    Client("https://api.local", {SECRETS["slot"]!r}),
    collections.OrderedDict(Authorization={SECRETS["header"]!r}, Accept="json"),
    {{"db": {{"password": {SECRETS["nested password"]!r}, "port": 5432}}, "retries": 3}},
    Login("ann", {SECRETS["named tuple field"]!r}),
))
print(sorted(login("ann")))
print(attend(np.ones((4, 8)), np.ones((6, 8)), np.ones((6, 2))))
debugflow.pulse("logged_in", params={{"user": "ann", "api_key": {SECRETS["pulse param"]!r}}})
print("bye", file=sys.stderr)
sys.exit(4)
"""


@pytest.fixture
def program(tmp_path: Path) -> Path:
    path = tmp_path / "secrets_prog.py"
    path.write_text(PROGRAM)
    return path


def _store_bytes(env: dict[str, str]) -> bytes:
    """Every file of the store (`runs.db`, `-wal`, `-shm`) as it is on disk."""
    files = sorted(Path(env["FLOW_DATA_DIR"]).glob("runs.db*"))
    assert any(f.name == "runs.db" for f in files)
    return b"".join(f.read_bytes() for f in files)


def _everything_recorded(env: dict[str, str], tmp_path: Path) -> dict[str, bytes]:
    """What a person can get out of the store, and the store's bytes themselves."""
    shown = flow("show", env=env, cwd=tmp_path)
    jsonl = flow("export", "--format", "jsonl", env=env, cwd=tmp_path)
    chrome = flow("export", "--format", "chrome", "-o", str(tmp_path / "t.json"), env=env)
    for result in (shown, jsonl, chrome):
        assert result.returncode == 0, result.stderr
    return {
        "flow show": shown.stdout.encode(),
        "flow export jsonl": jsonl.stdout.encode(),
        "flow export chrome": (tmp_path / "t.json").read_bytes(),
        "store files": _store_bytes(env),
    }


def _args(env: dict[str, str], tmp_path: Path) -> dict[str, dict[str, str]]:
    """`{function: {argument: "type=value"}}` of the latest run, from its JSONL export."""
    jsonl = flow("export", "--format", "jsonl", env=env, cwd=tmp_path)
    found: dict[str, dict[str, str]] = {}
    for line in jsonl.stdout.splitlines():
        event = json.loads(line)
        if event.get("type") == "call":
            args = {a["name"]: _shown(a["type"], a["value"]) for a in event["args"]}
            found[event["function"]] = args
        elif event.get("type") == "pulse":
            found[f"pulse {event['name']}"] = {a["name"]: a["value"] for a in event["params"]}
    return found


def _shown(label: str, value: str) -> str:
    """`type=value` as every view prints it, or the type alone when it says it all."""
    return f"{label}={value}" if value else label


def _leaks(recorded: dict[str, bytes]) -> list[tuple[str, str]]:
    return [
        (where, what)
        for where, data in recorded.items()
        for what, secret in SECRETS.items()
        if secret.encode() in data
    ]


@pytest.mark.parametrize("repr_mode", ["safe", "user"])
def test_by_default_no_secret_value_reaches_the_store_or_any_view(
    repr_mode: str, program: Path, tmp_path: Path, flow_env: dict[str, str]
) -> None:
    # The program's own __repr__ (--repr user) is not asked for what a name hides either.
    traced = flow("run", "--repr", repr_mode, str(program), env=flow_env, cwd=tmp_path)
    assert traced.returncode == 4, traced.stderr
    assert _leaks(_everything_recorded(flow_env, tmp_path)) == []
    args = _args(flow_env, tmp_path)
    assert args["connect"] == {
        "user": "str='ann'",
        "password": "str=<redacted>",
        "api_key": "str=<redacted>",
        "token": "str=<redacted>",
        "args": "tuple=(1, 2)",
        "kwargs": "dict={'secret': <redacted>, 'region': 'eu'}",
    }
    assert args["configure"] == {
        "settings": "Settings=Settings(<redacted>)",
        "client": "Client=Client(<redacted>)",
        "headers": "OrderedDict=OrderedDict({'Authorization': <redacted>, 'Accept': 'json'})",
        "options": "dict={'db': {'password': <redacted>, 'port': 5432}, 'retries': 3}",
        "login": "Login=Login(<redacted>)",
    }
    # An array under a secret-sounding name keeps its preview: shape and dtype, never data.
    assert args["attend"]["key"] == "ndarray[6, 8] float64"
    assert args["pulse logged_in"] == {"user": "'ann'", "api_key": "<redacted>"}


def test_the_run_behaves_exactly_as_untraced(
    program: Path, tmp_path: Path, flow_env: dict[str, str]
) -> None:
    plain = run([sys.executable, str(program)], flow_env, cwd=tmp_path)
    traced = flow("run", str(program), env=flow_env, cwd=tmp_path)
    assert (traced.stdout, traced.stderr, traced.returncode) == (
        plain.stdout,
        plain.stderr,
        plain.returncode,
    )
    assert plain.returncode == 4 and plain.stderr == "bye\n"


def test_no_redact_records_every_value(
    program: Path, tmp_path: Path, flow_env: dict[str, str]
) -> None:
    traced = flow("run", "--no-redact", str(program), env=flow_env, cwd=tmp_path)
    assert traced.returncode == 4, traced.stderr
    recorded = _everything_recorded(flow_env, tmp_path)
    # The same search finds every secret once redaction is off: it can see a leak.
    assert {what for where, what in _leaks(recorded) if where == "store files"} == set(SECRETS)
    assert _args(flow_env, tmp_path)["connect"]["password"] == f"str='{SECRETS['password']}'"


def test_a_custom_pattern_replaces_the_default(
    program: Path, tmp_path: Path, flow_env: dict[str, str]
) -> None:
    traced = flow("run", "--redact", "user|REGION", str(program), env=flow_env, cwd=tmp_path)
    assert traced.returncode == 4, traced.stderr
    connect = _args(flow_env, tmp_path)["connect"]
    assert connect["user"] == "str=<redacted>"
    assert (
        connect["kwargs"]
        == f"dict={{'secret': '{SECRETS['kwargs secret']}', 'region': <redacted>}}"
    )
    assert connect["password"] == f"str='{SECRETS['password']}'"


def test_flow_redact_sets_the_pattern_and_the_option_wins(
    program: Path, tmp_path: Path, flow_env: dict[str, str]
) -> None:
    off = {**flow_env, "FLOW_REDACT": "off"}
    assert flow("run", str(program), env=off, cwd=tmp_path).returncode == 4
    assert _args(off, tmp_path)["connect"]["token"] == f"str='{SECRETS['token']}'"
    assert flow("run", "--redact", "token", str(program), env=off, cwd=tmp_path).returncode == 4
    connect = _args(off, tmp_path)["connect"]
    assert connect["token"] == "str=<redacted>"
    assert connect["password"] == f"str='{SECRETS['password']}'"


API_PROGRAM = f"""
import debugflow
from debugflow.flow_engine import launch

def connect(user, password):
    return len(password)

with debugflow.trace():
    connect("ann", {SECRETS["password"]!r})
launch(connect, "bob", {SECRETS["api_key"]!r}, Ghost=False)
"""


@pytest.mark.parametrize("setting", [None, "off"])
def test_the_api_redacts_by_default_and_reads_flow_redact(
    setting: str | None, tmp_path: Path, flow_env: dict[str, str]
) -> None:
    (tmp_path / "api_prog.py").write_text(API_PROGRAM)
    env = flow_env if setting is None else {**flow_env, "FLOW_REDACT": setting}
    done = run([sys.executable, "api_prog.py"], env, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    stored = _store_bytes(env)
    for secret in (SECRETS["password"], SECRETS["api_key"]):
        assert (secret.encode() in stored) == (setting == "off")


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--redact", ""], "--redact needs a pattern (an empty one would hide every value)"),
        (["--redact", "(pass"], "--redact is not a valid regular expression"),
    ],
)
def test_a_bad_pattern_is_refused_before_the_program_runs(
    options: list[str], message: str, program: Path, tmp_path: Path, flow_env: dict[str, str]
) -> None:
    result = flow("run", *options, str(program), env=flow_env, cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout == ""
    assert message in result.stderr


def test_a_bad_flow_redact_is_refused() -> None:
    with pytest.raises(ConfigError, match="FLOW_REDACT is not a valid regular expression"):
        FlowConfig.from_env({"FLOW_REDACT": "[key"})
    assert FlowConfig.from_env({"FLOW_REDACT": ""}).redact == DEFAULT_PATTERN
    assert FlowConfig.from_env({"FLOW_REDACT": "off"}).redact is None
    assert "FLOW_REDACT" in ENVIRONMENT


@pytest.mark.parametrize(
    "options",
    [["--no-redact"], ["--redact", "pin|ssn"], ["--redact=pin"], ["--redact", "a", "--no-redact"]],
    ids=" ".join,
)
def test_redact_options_read_the_same_as_argparse(options: list[str]) -> None:
    fast = parse_run_options(options, ["app.py"])
    assert fast is not None
    assert fast == run_args_from(_run_parser().parse_args(options), ["app.py"])


def test_redact_takes_its_value_and_leaves_the_program_alone() -> None:
    tokens = ["--redact", "x", "--no-redact", "app.py", "--redact", "y"]
    assert split_run_argv(tokens) == (["--redact", "x", "--no-redact"], ["app.py", "--redact", "y"])


HIDDEN = [
    "password", "passwd", "PASSWORD", "db_password", "pwd", "db_pass", "api_key", "apikey",
    "API_KEY", "apiKey", "X-Api-Key", "X-Auth-Token", "token", "access_token", "refreshToken",
    "csrftoken", "secret", "client_secret", "SECRET_KEY", "credentials", "creds", "auth",
    "oauth", "Authorization", "key", "sort_key", "sortKey", "private_key", "privateKey",
    "key_id", "session_id", "sessionid", "cookie",
]  # fmt: skip
SHOWN = [
    "keys", "monkey", "keyboard", "keyword", "hotkey", "tokens", "tokenizer", "tokenize",
    "max_tokens", "passes", "bypass", "compass", "user", "email", "query", "value", "lr",
    "batch", "self", "return",
]  # fmt: skip


@pytest.mark.parametrize("name", HIDDEN)
def test_the_default_pattern_hides_secret_names(name: str) -> None:
    assert Redaction(DEFAULT_PATTERN).hides(name)


@pytest.mark.parametrize("name", SHOWN)
def test_the_default_pattern_leaves_ordinary_names_alone(name: str) -> None:
    assert not Redaction(DEFAULT_PATTERN).hides(name)


@pytest.mark.parametrize("pattern", [DEFAULT_PATTERN, "ret", "^x$", None])
@pytest.mark.parametrize("name", ["return", "x", "password", "api_key"])
def test_none_is_previewed_without_the_previews_as_they_would(
    pattern: str | None, name: str
) -> None:
    # The session previews None itself until a preview is registered (`_none_previewer`).
    from debugflow.formatting import PreviewLimits, describe
    from debugflow.formatting.redacting import redacting_describe
    from debugflow.run.session import _none_previewer

    if pattern is None:
        expected = describe(name, None, PreviewLimits())
    else:
        expected = redacting_describe(Redaction(pattern), PreviewLimits(), False)(name, None)
    assert _none_previewer(pattern)(name) == expected
