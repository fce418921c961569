"""The options of `flow run`, declared once, read without argparse on the common path.

`flow run` is the one command whose start-up the user waits for before their own program
starts, and argparse costs several milliseconds there (it also loads `shutil` and `gettext`
for its help formatter). So the options are a table: `parse_run_options` reads exact
spellings from it directly, and anything else (`--help`, an abbreviation, a bad value) goes
to the argparse parser that `add_run_arguments` builds from the same table, which stays the
authority on errors and help.
"""

from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from debugflow.redaction import OFF  # what `--no-x` gives an option that takes "value-or-off"

if TYPE_CHECKING:
    import argparse


class RunArgs(NamedTuple):
    """`flow run`'s parsed options and the program's own command line."""

    module: str | None = None
    root: str | None = None
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    backend: str | None = None
    repr_mode: str | None = None
    redact: str | None = None  # a pattern, or "off" (from --no-redact)
    detail_calls: int | None = None
    sample_every: int | None = None
    quiet: bool = False
    live: bool | None = None
    hud: bool = False
    breaks: tuple[str, ...] = ()  # breakpoint specs (`--break app.py:42 if x > 3`)
    lines: tuple[str, ...] = ()  # focused functions (`--lines app.process_order`)
    pause_all: bool = False  # every thread pauses while one is paused (`--pause-all`)
    program: tuple[str, ...] = ()


class Option(NamedTuple):
    """One option: its spellings, where it goes in RunArgs, and what it takes."""

    flags: tuple[str, ...]
    dest: str
    help: str
    # "value", "int", "append", "switch", "on-off" (--x / --no-x) or "value-or-off"
    # (--x VALUE / --no-x, which gives "off")
    takes: str = "value"
    choices: tuple[str, ...] = ()


OPTIONS = (
    Option(("-m",), "module", "run a library module as a script"),
    Option(("--root",), "root", "project root whose code is traced (default: cwd)"),
    Option(
        ("--include",), "include", "also trace these paths/globs/modules (repeatable)", "append"
    ),
    Option(
        ("--exclude",), "exclude", "never trace these paths/globs/modules (repeatable)", "append"
    ),
    Option(
        ("--backend",), "backend", "force a tracing backend", "value", ("monitoring", "settrace")
    ),
    Option(
        ("--repr",),
        "repr_mode",
        "'user' shows values with the program's own __repr__ (guarded)",
        "value",
        ("safe", "user"),
    ),
    Option(
        ("--redact",),
        "redact",
        "record values of names matching this regular expression (searched, any case) as "
        "<redacted>; default: passwords, secrets, tokens, keys, credentials, auth. "
        "--no-redact records every value",
        "value-or-off",
    ),
    Option(("--detail-calls",), "detail_calls", "calls per function kept in full", "int"),
    Option(("--sample-every",), "sample_every", "then keep one call in N in full", "int"),
    Option(("-q", "--quiet"), "quiet", "no output from DebugFlow", "switch"),
    Option(
        ("--live",), "live", "live terminal view (default: on when stderr is a terminal)", "on-off"
    ),
    Option(
        ("--hud",),
        "hud",
        "start a hub if none is running, open the web HUD, keep serving after the run "
        "until Ctrl+C (FLOW_NO_BROWSER=1: do not open a browser)",
        "switch",
    ),
    Option(
        ("--break",),
        "breaks",
        "a breakpoint (repeatable): FILE:LINE, 'FILE:LINE if COND', module.function, "
        "'FILE:LINE hit N|every N', 'FILE:LINE log MESSAGE {expr}', 'raised [TYPES]', "
        "'uncaught [TYPES]'. On a terminal the program pauses there and takes pdb's "
        "commands; otherwise each hit is recorded in the run and nothing pauses",
        "append",
    ),
    Option(
        ("--lines",),
        "lines",
        "trace this function's calls line by line (repeatable): module.function, "
        "module.Class.method or file.py:function; each line's hits and time, and the locals "
        "it changed, go into the run",
        "append",
    ),
    Option(
        ("--pause-all",),
        "pause_all",
        "while a thread is paused, hold every other thread at its next line of traced code "
        "until the pause ends (default: the others run on; also FLOW_DEBUG_PAUSE_ALL=1)",
        "switch",
    ),
)

_BY_FLAG = {flag: option for option in OPTIONS for flag in option.flags}
_NEGATIONS = {
    "--no-" + flag.removeprefix("--"): option
    for option in OPTIONS
    if option.takes in ("on-off", "value-or-off")
    for flag in option.flags
}
# Spellings that take the next token as their value, for telling options from the program.
VALUE_FLAGS = frozenset(
    flag
    for option in OPTIONS
    if option.takes in ("value", "int", "append", "value-or-off")
    for flag in option.flags
)


def split_run_argv(tokens: Sequence[str]) -> tuple[list[str], list[str]]:
    """Split `flow run` arguments into DebugFlow's options and the program's command line.

    Everything from the script (or `-m module`) on belongs to the program, so
    `flow run app.py --epochs 3` passes `--epochs 3` through.
    """
    options: list[str] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token == "--":
            return options, list(tokens[index + 1 :])
        if token == "-m":
            return options + list(tokens[index : index + 2]), list(tokens[index + 2 :])
        if not token.startswith("-"):
            return options, list(tokens[index:])
        options.append(token)
        if token in VALUE_FLAGS:
            options.extend(tokens[index + 1 : index + 2])
            index += 1
        index += 1
    return options, []


def parse_run_options(options: Sequence[str], program: Sequence[str]) -> RunArgs | None:
    """RunArgs for options spelled exactly as declared; None where argparse must decide."""
    values: dict[str, object] = {"program": tuple(program)}
    index = 0
    while index < len(options):
        flag, equals, inline = options[index].partition("=")
        index += 1
        option = _BY_FLAG.get(flag)
        if option is None and flag in _NEGATIONS and not equals:
            negated = _NEGATIONS[flag]
            values[negated.dest] = OFF if negated.takes == "value-or-off" else False
            continue
        if option is None or (equals and option.takes in ("switch", "on-off")):
            return None  # --help, an abbreviation, a typo, `--hud=1`: argparse explains
        if option.takes in ("switch", "on-off"):
            values[option.dest] = True
            continue
        if equals:
            raw: str | None = inline
        elif index < len(options):
            raw, index = options[index], index + 1
        else:
            raw = None
        value = _value_of(option, raw)
        if value is None:
            return None
        if option.takes == "append":
            values[option.dest] = (*_as_tuple(values.get(option.dest)), value)
        else:
            values[option.dest] = value
    return RunArgs(**values)  # type: ignore[arg-type]


def _value_of(option: Option, raw: str | None) -> str | int | None:
    if raw is None or (raw.startswith("-") and option.takes != "int"):
        return None
    if option.choices and raw not in option.choices:
        return None
    if option.takes == "int":
        try:
            return int(raw)
        except ValueError:
            return None
    return raw


def _as_tuple(value: object) -> tuple[str, ...]:
    return value if isinstance(value, tuple) else ()


def add_run_arguments(parser: "argparse.ArgumentParser") -> None:
    """Declare OPTIONS on an argparse parser: the help text and the error messages."""
    import argparse

    for option in OPTIONS:
        if option.takes == "switch":
            parser.add_argument(
                *option.flags, dest=option.dest, action="store_true", help=option.help
            )
        elif option.takes == "on-off":
            parser.add_argument(
                *option.flags,
                dest=option.dest,
                action=argparse.BooleanOptionalAction,
                default=None,
                help=option.help,
            )
        elif option.takes == "append":
            parser.add_argument(
                *option.flags, dest=option.dest, action="append", default=[], help=option.help
            )
        elif option.takes == "value-or-off":
            parser.add_argument(*option.flags, dest=option.dest, help=option.help)
            negations = ["--no-" + flag.removeprefix("--") for flag in option.flags]
            parser.add_argument(
                *negations,
                dest=option.dest,
                action="store_const",
                const=OFF,
                help=argparse.SUPPRESS,
            )
        else:
            parser.add_argument(
                *option.flags,
                dest=option.dest,
                type=int if option.takes == "int" else str,
                choices=option.choices or None,
                help=option.help,
            )


def declare_run_command(parser: "argparse.ArgumentParser") -> None:
    """OPTIONS and the program with its arguments, on a parser for `flow run` or `flow debug`."""
    import argparse

    add_run_arguments(parser)
    parser.add_argument("program", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)


def read_run_command(tokens: Sequence[str], prog: str, description: str, usage: str) -> RunArgs:
    """A `flow run`-style command line (`prog` is `flow run` or `flow debug`): read without
    argparse unless it needs argparse's help or error messages."""
    options, program = split_run_argv(tokens)
    args = parse_run_options(options, program)
    if args is not None:
        return args
    return run_args_from(run_parser(prog, description, usage).parse_args(list(options)), program)


def run_parser(prog: str, description: str, usage: str) -> "argparse.ArgumentParser":
    """The parser of one `flow run`-style command alone (the same text as under `flow`)."""
    import argparse

    parser = argparse.ArgumentParser(prog=prog, description=description, usage=usage)
    declare_run_command(parser)
    return parser


def run_args_from(namespace: "argparse.Namespace", program: Sequence[str]) -> RunArgs:
    """RunArgs from what argparse parsed."""
    values = {name: getattr(namespace, name) for name in RunArgs._fields if name != "program"}
    values["include"] = tuple(values["include"])
    values["exclude"] = tuple(values["exclude"])
    values["breaks"] = tuple(values["breaks"])
    values["lines"] = tuple(values["lines"])
    return RunArgs(**values, program=tuple(program))
