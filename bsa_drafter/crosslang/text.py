"""Words, sentences and quotes in either language, with offsets in the text as written."""

from __future__ import annotations

import re

from bsa_drafter.morphology import normal

# a word: letters, with apostrophes or hyphens inside («зобов'язання», «військово-морських»)
WORD = re.compile(r"[^\W\d_]+(?:['\u2019\u02bc-][^\W\d_]+)*")
_SENTENCE_END = re.compile(r"[.!?;](?=[\"'\u00bb\u201d)\]]*\s)|\n")
# a short lower-case word or a single capital before a full stop: «ст.», «р.», "e.g.", "U."
_ABBREVIATION = re.compile(r"(?:^|[\s(])(?:[^\W\d_]{1,3}|[^\W\d_](?:\.[^\W\d_])+)\.$")


def words(text: str) -> list[tuple[int, int, str]]:
    """Every word as (start, end, dictionary spelling: lower case, straight apostrophe)."""
    return [(m.start(), m.end(), normal(m.group(0))) for m in WORD.finditer(text)]


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans (a list line is a sentence of its own); abbreviations such as «ст.» or
    "e.g." do not end one."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        if match.group(0) == "." and _ABBREVIATION.search(text[max(0, match.start() - 6) : match.end()]):
            following = text[match.end() :].lstrip()
            if not following[:1].isupper():
                continue
        if text[start : match.end()].strip():
            spans.append((start, match.end()))
        start = match.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans


def sentence_at(spans: list[tuple[int, int]], offset: int) -> tuple[int, int]:
    for span in spans:
        if span[0] <= offset < span[1]:
            return span
    return (0, 0)


def context(text: str, start: int, end: int, width: int = 60) -> str:
    """The match with some words around it, on one line."""
    left, right = max(0, start - width), min(len(text), end + width)
    snippet = " ".join(text[left:right].split())
    return ("..." if left else "") + snippet + ("..." if right < len(text) else "")
