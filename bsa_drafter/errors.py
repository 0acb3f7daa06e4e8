"""Errors meant for people: where the problem is, what is wrong, and what was expected."""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import get_close_matches
from typing import Iterable

# C0 and C1 controls, DEL, and the bidirectional overrides that can disguise text: never echoed
# raw to a terminal, where an escape sequence could clear the screen or set the window title
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """Text safe to echo to a terminal: control characters shown as escapes (\\x1b, \\n)."""
    return _CONTROL.sub(lambda m: m.group(0).encode("unicode_escape").decode("ascii"), text)


@dataclass(frozen=True)
class Problem:
    """One mistake in one input file."""

    path: str | None
    line: int | None
    message: str
    column: int | None = None

    def __str__(self) -> str:
        if self.path is None:
            return printable(f"error: {self.message}")
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return printable(f"{where}: {self.message}")


class BadInput(Exception):
    """The user's input cannot be used. Carries every problem found, not only the first."""

    def __init__(self, problems: Problem | Iterable[Problem]):
        self.problems = [problems] if isinstance(problems, Problem) else list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def did_you_mean(name: str, known: Iterable[str]) -> str:
    """A ' (did you mean ...?)' suffix, or '' when nothing is close."""
    close = get_close_matches(name, list(known), n=3, cutoff=0.6)
    if not close:
        return ""
    return " (did you mean " + " or ".join(repr(c) for c in close) + "?)"
