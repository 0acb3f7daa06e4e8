"""Read TOML files defensively and point errors at the line that caused them.

TOML is read with tomli, the standard library's tomllib in its compiled build (the same parser
and the same error messages, about three times faster on a large spec). It reports syntax
errors with a position but knows nothing of our schema. The
`KeyLocator` maps a dotted key path (as pydantic reports it) back to the line where that
key, or its closest enclosing table, is written.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import tomli

from bsa_drafter.errors import BadInput, Problem
from bsa_drafter.files import read_text_file
from bsa_drafter.textsafety import first_forbidden_char

_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)")


def parse_toml(text: str, label: str, *, what: str) -> dict[str, Any]:
    """Parse TOML text; a syntax error becomes a Problem with its line and column."""
    if not text.strip():
        raise BadInput(Problem(label, 1, f"empty file: expected a {what} in TOML"))
    bad = first_forbidden_char(text)
    if bad is not None:
        offset, char = bad
        line = text.count("\n", 0, offset) + 1
        raise BadInput(
            Problem(
                label,
                line,
                f"control character U+{ord(char):04X} that a Word document cannot hold: remove it",
            )
        )
    try:
        data = tomli.loads(text)
        escaped = list(_forbidden_in_values(data, ()))
    except RecursionError:
        raise BadInput(
            Problem(label, None, f"nested too deeply: a {what} has a few levels of tables and arrays")
        ) from None
    except tomli.TOMLDecodeError as exc:
        message = str(exc)
        match = _TOML_POSITION.search(message)
        line = column = None
        if match:
            line, column = int(match.group(1)), int(match.group(2))
            message = _TOML_POSITION.sub("", message)
        raise BadInput(Problem(label, line, f"malformed TOML: {message}", column)) from None
    if escaped:  # written as escapes such as \u0007, so only visible after parsing
        locator = KeyLocator(text)
        raise BadInput(
            Problem(
                label,
                locator.line_of(path),
                f"{'.'.join(map(str, path))}: control character U+{ord(char):04X} that a Word document cannot "
                "hold: remove it",
            )
            for path, char in escaped
        )
    return data


def _forbidden_in_values(value: Any, path: tuple[Any, ...]) -> Any:
    if isinstance(value, str):
        bad = first_forbidden_char(value)
        if bad is not None:
            yield path, bad[1]
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _forbidden_in_values(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _forbidden_in_values(item, path + (index,))


def load_toml_file(path: Path, *, max_bytes: int, what: str) -> tuple[dict[str, Any], str]:
    text = read_text_file(path, max_bytes=max_bytes, what=what)
    return parse_toml(text, str(path), what=what), text


# --- mapping key paths to lines -------------------------------------------------------------

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


def _split_key(text: str) -> list[str] | None:
    """Split a TOML dotted key (`a."b.c".d`) into its parts; None if it is not a key."""
    parts: list[str] = []
    i, n = 0, len(text)
    while i < n:
        while i < n and text[i] in " \t":
            i += 1
        if i >= n:
            break
        if text[i] in "\"'":
            quote = text[i]
            end = text.find(quote, i + 1)
            if end < 0:
                return None
            parts.append(text[i + 1 : end])
            i = end + 1
        else:
            match = _BARE_KEY.match(text, i)
            if not match:
                return None
            parts.append(match.group(0))
            i = match.end()
        while i < n and text[i] in " \t":
            i += 1
        if i < n:
            if text[i] != ".":
                return None
            i += 1
    return parts or None


class KeyLocator:
    """Find the line on which a key path is defined in a TOML source text. The text is indexed
    on the first question: most files have no problem to point at."""

    def __init__(self, text: str):
        self.text = text
        self._lines: dict[tuple[Any, ...], int] | None = None

    @property
    def lines(self) -> dict[tuple[Any, ...], int]:
        if self._lines is None:
            self._lines = self._index(self.text)
        return self._lines

    @staticmethod
    def _index(text: str) -> dict[tuple[Any, ...], int]:
        lines: dict[tuple[Any, ...], int] = {}
        table: tuple[Any, ...] = ()
        array_counts: dict[tuple[Any, ...], int] = {}
        in_multiline: str | None = None
        for number, line in enumerate(text.splitlines(), start=1):
            stripped = line.strip()
            if in_multiline:
                if stripped.count(in_multiline) % 2 == 1:
                    in_multiline = None
                continue
            if not stripped or stripped.startswith("#"):
                continue
            if stripped.startswith("[["):
                keys = _split_key(stripped[2 : stripped.find("]]")])
                if keys:
                    path = tuple(keys)
                    index = array_counts.get(path, -1) + 1
                    array_counts[path] = index
                    table = path + (index,)
                    lines.setdefault(path, number)
                    lines[table] = number
                continue
            if stripped.startswith("["):
                keys = _split_key(stripped[1 : stripped.find("]")])
                if keys:
                    table = tuple(keys)
                    lines.setdefault(table, number)
                continue
            if "=" in stripped:
                keys = _split_key(stripped.split("=", 1)[0])
                if keys:
                    lines.setdefault(table + tuple(keys), number)
                value = stripped.split("=", 1)[1].strip()
                for quote in ('"""', "'''"):
                    if value.startswith(quote) and value.count(quote) == 1:
                        in_multiline = quote
        return lines

    def line_of(self, path: tuple[Any, ...]) -> int | None:
        """The line of `path`, or of its nearest enclosing key or table that is written down."""
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return None


def pydantic_problems(exc: Any, label: str, locator: KeyLocator, prefix: tuple[Any, ...] = ()) -> list[Problem]:
    """Turn a pydantic ValidationError into Problems that name file, line and dotted key."""
    problems = []
    for error in exc.errors():
        loc = prefix + tuple(part for part in error["loc"] if not str(part).startswith("function-"))
        dotted = ".".join(_quote_key(p) for p in loc)
        message = error["msg"]
        if error["type"] == "missing":
            message = "required field is missing"
        elif error["type"] == "extra_forbidden":
            message = "unknown field (not part of the schema)"
        got = error.get("input")
        detail = f" (got {got!r})" if error["type"] not in ("missing",) and _short(got) else ""
        problems.append(Problem(label, locator.line_of(loc), f"{dotted}: {message}{detail}"))
    return problems


def _quote_key(part: Any) -> str:
    text = str(part)
    return text if _BARE_KEY.fullmatch(text) else f'"{text}"'


def _short(value: Any) -> bool:
    return isinstance(value, (str, int, float, bool)) and len(repr(value)) <= 80
