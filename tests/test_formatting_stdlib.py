"""Standard-library values, recognised by class name without DebugFlow importing their modules."""

from __future__ import annotations

import _pydecimal
import dataclasses
import datetime as dt
import pathlib
import subprocess
import sys
import uuid
import zoneinfo
from decimal import Decimal
from fractions import Fraction

import pytest

from debugflow.formatting import preview

UTC_ZONE = zoneinfo.ZoneInfo("UTC")


@pytest.mark.parametrize(
    ("value", "label", "text"),
    [
        (Decimal("1.50"), "Decimal", "1.50"),
        (Decimal("-Infinity"), "Decimal", "-Infinity"),
        (Fraction(-1, 3), "Fraction", "-1/3"),
        (uuid.UUID(int=255), "UUID", "00000000-0000-0000-0000-0000000000ff"),
        (dt.date(2024, 1, 2), "date", "2024-01-02"),
        (dt.datetime(2024, 1, 2, 3, 4, 5), "datetime", "2024-01-02 03:04:05"),
        (dt.datetime(2024, 1, 2, tzinfo=dt.timezone.utc), "datetime", "2024-01-02 00:00:00+00:00"),
        (dt.datetime(2024, 1, 2, tzinfo=UTC_ZONE), "datetime", "2024-01-02 00:00:00+00:00"),
        (dt.time(3, 4, tzinfo=dt.timezone.utc), "time", "03:04:00+00:00"),
        (dt.timedelta(days=-1, seconds=5), "timedelta", "-1 day, 0:00:05"),
        (dt.timezone(dt.timedelta(hours=2), "CEST"), "timezone", "CEST"),
        (pathlib.PurePosixPath("data/x.csv"), "PurePosixPath", "data/x.csv"),
        (pathlib.PureWindowsPath("C:/data/x.csv"), "PureWindowsPath", "C:\\data\\x.csv"),
        (pathlib.PurePath("data"), type(pathlib.PurePath()).__name__, "data"),
        (pathlib.Path("/tmp/run"), type(pathlib.Path()).__name__, str(pathlib.Path("/tmp/run"))),
    ],
)
def test_standard_library_values_are_found_by_name(value: object, label: str, text: str) -> None:
    assert preview(value) == (label, text)
    assert preview([value])[1] == f"[{label}({text})]"


def test_only_the_modules_own_class_is_trusted_with_str() -> None:
    class Borrowed:
        """A class that only claims to be `decimal.Decimal`."""

        def __str__(self) -> str:
            raise AssertionError("str() of a program's class called")

    Borrowed.__module__, Borrowed.__qualname__ = "decimal", "Decimal"
    assert preview(Borrowed()) == ("Borrowed", "Borrowed()")
    # The pure-Python twin also calls itself `decimal.Decimal`, but is not what `decimal` holds.
    assert preview(_pydecimal.Decimal("2.5"))[1] != "2.5"


def test_a_user_subclass_of_decimal_is_read_as_an_object() -> None:
    class Money(Decimal):
        def __str__(self) -> str:
            raise AssertionError("the subclass's __str__ called")

    price = Money("9.99")
    price.currency = "EUR"  # type: ignore[attr-defined]
    assert preview(price) == ("Money", "Money(currency='EUR')")


def test_a_user_zoneinfo_subclass_is_named_not_called() -> None:
    class Local(zoneinfo.ZoneInfo):
        pass

    moment = dt.datetime(2024, 1, 2, 3, 4, 5, tzinfo=Local("UTC"))
    assert preview(moment)[1] == "2024-01-02 03:04:05 Local"


@dataclasses.dataclass
class Base:
    lr: float = 0.1
    token: str = dataclasses.field(default="secret", repr=False)


class Undecorated(Base):
    def __init__(self) -> None:
        super().__init__()
        self.extra = 1  # not a field: a dataclass shows its fields only


@dataclasses.dataclass
class Decorated(Base):
    epochs: int = 3


def test_subclasses_of_a_dataclass_show_their_fields() -> None:
    assert preview(Undecorated()) == ("Undecorated", "Undecorated(lr=0.1)")
    assert preview(Decorated()) == ("Decorated", "Decorated(lr=0.1, epochs=3)")


def _run(code: str) -> str:
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return done.stdout.splitlines()[-1]


def test_importing_formatting_imports_no_costly_standard_modules() -> None:
    code = (
        "import debugflow.formatting, sys; "
        "print(sorted(m for m in ('uuid','fractions','zoneinfo','decimal') if m in sys.modules))"
    )
    assert _run(code) == "[]"


def test_previews_import_nothing_a_program_did_not() -> None:
    # Only what the import and the previews add: a site hook may load some of these itself.
    code = (
        "import sys\n"
        "before = set(sys.modules)\n"
        "from debugflow.formatting import preview\n"
        "class Fake:\n"
        "    __dataclass_fields__ = {'a': None}\n"
        "    def __init__(self): self.a = 1\n"
        "print(preview(Fake()), preview(len), preview(sys))\n"
        "costly = ('uuid', 'fractions', 'zoneinfo', 'decimal', 'pathlib', 'datetime',\n"
        "          'dataclasses', 'inspect', 'ipaddress', 'urllib.parse')\n"
        "print(sorted(m for m in costly if m in sys.modules and m not in before))\n"
    )
    assert _run(code) == "[]"
