"""The redaction rule: which names say that their values are secret and must not be recorded.

The rule is a regular expression searched, case-insensitively, in a name: an argument's name,
a dict's string key (so every `**kwargs` entry), an attribute name of the program's objects.
The previews that apply it are in `formatting/redacting.py`; a value whose name matches is
recorded as `<redacted>` and is never previewed.

The default pattern leans towards hiding: a name it matches by mistake only hides a value, a
secret's name it misses leaks one. Where a word is common in ordinary code it is matched as a
word of the name (`sort_key`, `apiKey` and `API_KEY` match; `keys`, `monkey`, `keyboard` do
not), and `tokens`/`tokenizer`, the units of text in ML code, are left alone.
"""

from __future__ import annotations

import re

from debugflow.errors import ConfigError

# One alternative per family of secret names. `(?<![a-z])` and `(?![a-z])` make a word of the
# name (the flag makes `[a-z]` match capitals too); `(?-i:Key...)` finds a camelCase word.
DEFAULT_PATTERN = "|".join(
    (
        r"passw(or)?d|passphrase|pwd|(?<![a-z])pass(?![a-z])",  # password, db_pass, PASSWD
        r"secret",  # secret, client_secret, SECRET_KEY
        r"token(?!s|i[sz])",  # token, api_token, X-Auth-Token; not tokens, tokenizer
        r"auth",  # auth, oauth, authorization (and author: hidden, harmlessly)
        r"credential|(?<![a-z])creds?(?![a-z])",  # credentials, creds
        r"cookie|session_?id",  # session cookies are bearer credentials
        # key as a word: key, api_key, sort_key, X-Api-Key, apiKey; not keys, monkey, keyword.
        # A sort key and a signing key cannot be told apart by name, so both are hidden.
        r"(?<![a-z])key(?![a-z])|(?-i:Key(?![a-z]))",
        r"(api|private|access|secret|signing|encryption|master)[_-]?key",  # apikey, PRIVATEKEY
    )
)
OFF = "off"  # the setting that records every value
REDACTED = "<redacted>"  # what a hidden value is recorded as

_MAX_REMEMBERED = 4096  # names remembered with their answer; dict keys can be endless


class Redaction:
    """Answers whether a name's value must be hidden, remembering the answer per name."""

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern
        self._search = compiled(pattern, "the redaction pattern").search
        self._answers: dict[str, bool] = {}

    def hides(self, name: str) -> bool:
        """True when `name` matches the pattern (searched anywhere in it, any case)."""
        answer = self._answers.get(name)
        if answer is None:
            answer = self._search(name) is not None
            if len(self._answers) >= _MAX_REMEMBERED:
                self._answers = {}  # replaced, not cleared: another thread may be reading
            self._answers[name] = answer
        return answer

    def hides_any(self, names: list[str]) -> bool:
        """True when any of `names` matches; as `any(map(self.hides, names))`, with the names
        already judged looked up in C (an object's attribute names, met again and again)."""
        try:
            return any(map(self._answers.__getitem__, names))
        except KeyError:  # one not judged yet (or the answers were just started again)
            return any(map(self.hides, names))


def chosen_pattern(raw: str, source: str, turn_off: str) -> str | None:
    """The pattern a setting names: None for `off`; a clear ConfigError if it cannot be one.

    An empty pattern would match every name and hide every value, which is never what an
    empty setting means, so it is refused, naming `turn_off`, the spelling that records all.
    """
    if raw == OFF:
        return None
    if raw == "":
        raise ConfigError(
            f"{source} needs a pattern (an empty one would hide every value); "
            f"{turn_off} records every value"
        )
    compiled(raw, source)
    return raw


def compiled(pattern: str, source: str) -> re.Pattern[str]:
    """`pattern` compiled to search names case-insensitively; ConfigError if it is invalid."""
    try:
        return re.compile(pattern, re.IGNORECASE)
    except re.error as error:
        raise ConfigError(f"{source} is not a valid regular expression: {error}") from None
