"""Text helpers shared by every detector: normalisation, sentences, and lazily compiled patterns."""

from __future__ import annotations

import re
import sys
from typing import Iterator

from bsa_drafter.excerpts import around, shorten

# One character for one character, so that offsets found in the normalised text are offsets
# in the original text too.
_NORMALISE = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u02bc": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u00ad": "-",
        "\u00a0": " ",
        "\u2007": " ",
        "\u2009": " ",
        "\u202f": " ",
        "\u200b": " ",
        "\u2060": " ",
        "\t": " ",
    }
)


def normalise(text: str) -> str:
    return text.translate(_NORMALISE)


class Pattern:
    """A regular expression compiled on first use: importing the detectors compiles nothing, so
    the app's start-up does not pay for patterns it may not need yet."""

    __slots__ = ("source", "flags", "_compiled")

    def __init__(self, source: str, flags: int = re.IGNORECASE):
        self.source, self.flags = source, flags
        self._compiled: re.Pattern[str] | None = None

    @property
    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = re.compile(self.source, self.flags)
        return self._compiled

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled.search(text, pos, endpos)

    def match(self, text: str, pos: int = 0) -> re.Match[str] | None:
        return self.compiled.match(text, pos)

    def finditer(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        return self.compiled.finditer(text, pos, endpos)


def rx(source: str, flags: int = re.IGNORECASE) -> Pattern:
    return Pattern(source, flags)


# one word and the space after it; atomic, so that a pattern with several optional words in a
# row does not try every way to cut a word in two (long sentences made some patterns slow)
W = r"(?>[\w'\-]+[,;:]?\s+)"


_ABBREVIATIONS = frozenset(
    "u.s e.g i.e no art para paras st mr mrs dr etc vs cf ibid p pp u.k u.n nos approx incl mln bln".split()
    # Ukrainian: стаття, пункт, частина, рік, долар, тисяча, година, дивись, наприклад, інші ...
    + "ст пп рр дол млн млрд трлн тис грн год хв див напр ін інш обл вул абз підп розд табл т.ч т.д".split()
)
_BREAK = rx(r"[.!?;](?=[\"')\]]*\s)|\n(?:[ ]*\n)*")
_WORD_BEFORE = rx(r"((?:[^\W\d_]|\.)+)\.$")


def sentence_spans(text: str, semicolons: bool = True) -> list[tuple[int, int]]:
    """Split a paragraph into sentences, list lines and (with `semicolons`) semicolon-separated
    items, as (start, end) offsets. Without `semicolons` a sentence runs to its full stop: the
    items of a list and the lead before its colon stay together."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BREAK.finditer(text):
        mark = match.group(0)
        end = match.end()
        if not semicolons and (mark == ";" or mark == "\n"):
            continue  # a blank line ("\n\n") still ends the sentence
        if mark == ".":
            word = _WORD_BEFORE.search(text, max(0, end - 12), end)
            if word and (word.group(1).lower() in _ABBREVIATIONS or len(word.group(1)) == 1):
                continue
            following = text[end : end + 3].lstrip()
            if following[:1].islower():
                continue
        add_trimmed(spans, text, start, end)
        start = end
    add_trimmed(spans, text, start, len(text))
    return spans


def add_trimmed(spans: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    """Add start..end to `spans` without the white space at either end, if anything is left."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        spans.append((start, end))


def quote(text: str, start: int, end: int, limit: int = 400) -> str:
    """The text between two offsets on one line, shortened between words for display."""
    return shorten(text[start:end], limit, "...")


def context(text: str, start: int, end: int) -> str:
    """A match with some words either side, for list features where the sentence is too long."""
    return around(text, start, end)
