"""Marks a clean text must not carry: unresolved [bracketed] passages and unfilled placeholders
(___, [●], TBD, TBC, [insert ...], [вставити ...]). Footnote marks such as [1] are not brackets,
and a bracket that only holds a placeholder counts once, as a placeholder.

Marks hold in every language with detectors: a bracket is a bracket in both texts of a
bilingual draft, and the few words of a placeholder are listed here in each language."""

from __future__ import annotations

import re

from bsa_drafter.detectors.base import Detector, FeatureSpec, ParagraphScan, Reading, Signal, has_any
from bsa_drafter.detectors.text import rx
from bsa_drafter.models import Feature

BRACKET = rx(r"\[[^\[\]\n]{0,800}\]|\[[^\]\n]{0,80}$|\[(?=[^\]]*\[)", 0)
_FOOTNOTE = rx(r"^\[\s*(?:\d{1,3}|[ivx]{1,5}|sic|\.\.\.|\u2026)\s*\]$")
_NUMBER_IN_BRACKETS = rx(r"^\[\s*\d{1,3}\s*\]$")
# a whole line of underscores is a signature line, not a blank to fill
_SIGNATURE_LINE = rx(r"^\s*_{3,}\s*$", 0)
# the words of a placeholder to fill: English, then Ukrainian («[вставити назву]», «[буде погоджено]»)
_TO_FILL = (
    r"insert|to\s+be\s+(?:agreed|confirmed|inserted|determined|completed|decided)"
    r"|вставити|зазначити|уточнити|буде\s+(?:погоджено|визначено|уточнено|вставлено)"
    r"|підлягає\s+(?:погодженню|уточненню)"
)
PLACEHOLDER = rx(
    r"_{3,}|\[\s*[\u25cf\u25a0\u25a1\u2610]\s*\]|\u25cf|\bTBD\b|\bTBC\b|\bTBA\b|\[\s*[xх]{2,}\s*\]"
    rf"|\[\s*(?:{_TO_FILL})\b[^\]]*\]"
    r"|<\s*(?:insert|вставити)[^>]*>"
)
_ONLY_A_PLACEHOLDER = rx(
    rf"^\[\s*(?:[\u25cf\u25a0\u25a1\u2610]|TBD|TBC|TBA|[xх]{{2,}}|_{{3,}}|(?:{_TO_FILL})\b[^\]]*)\s*\]$"
)


class MarksDetector(Detector):
    features = (
        FeatureSpec("brackets", "unresolved [bracketed] text", "count"),
        FeatureSpec("placeholders", "unfilled placeholder marks (___, [●], TBD, [insert ...])", "count"),
    )
    order = 110
    reads_headings = True
    keywords = ("\x00",)  # marks are found per paragraph, not per sentence

    def scan_paragraph(self, text: str, scan: ParagraphScan) -> None:
        if "[" in text:
            for match in BRACKET.finditer(text):
                if not _is_footnote(text, match) and not _ONLY_A_PLACEHOLDER.match(match.group(0)):
                    scan.add(
                        "brackets",
                        Signal(match.start(), match.end(), _sentence_at(scan, match.start()), match.group(0)),
                    )
        if not has_any(text, ("[", "_", "<", "\u25cf", "TB", "tb", "Tb")):
            return
        for match in PLACEHOLDER.finditer(text):
            mark = match.group(0)
            if mark.startswith("_") and _SIGNATURE_LINE.match(_line_at(text, match.start())):
                continue
            before = text[: match.start()].rstrip(" ")
            if mark == "\u25cf" and (not before or before.endswith(("\n", ":", ";", "."))):
                continue  # a bullet character opening a list item
            if mark.isalpha() and _defines_abbreviation(text, match.start(), mark):
                continue  # "tuberculosis (TBC)": the abbreviation of the words before it
            scan.add("placeholders", Signal(match.start(), match.end(), _sentence_at(scan, match.start()), mark))

    def combine(self, reading: Reading) -> dict[str, Feature]:
        return {"brackets": reading.count("brackets"), "placeholders": reading.count("placeholders")}


def _is_footnote(text: str, match: re.Match[str]) -> bool:
    """[1] after a word or at the end of a sentence is a footnote mark; "for [10] years" is a
    figure still in negotiation."""
    if not _FOOTNOTE.match(match.group(0)):
        return False
    if not _NUMBER_IN_BRACKETS.match(match.group(0)):
        return True
    before = text[match.start() - 1 : match.start()]
    after = text[match.end() : match.end() + 2].strip()
    return not before.isspace() or not after or not after[0].isalnum()


def _line_at(text: str, offset: int) -> str:
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return text[start : end if end >= 0 else len(text)]


def _defines_abbreviation(text: str, start: int, mark: str) -> bool:
    """Whether '(TBC)' abbreviates the word before it: its letters appear in order in that word,
    starting with its first letter."""
    if text[start - 1 : start] != "(":
        return False
    words = text[: start - 1].split()
    if not words:
        return False
    word = words[-1].lower()
    letters = iter(word)
    return word[:1] == mark[0].lower() and all(letter in letters for letter in mark.lower())


def _sentence_at(scan: ParagraphScan, offset: int) -> tuple[int, int]:
    for span in scan.sentences:
        if span[0] <= offset < span[1]:
            return span
    return (offset, offset)


DETECTOR = MarksDetector()
