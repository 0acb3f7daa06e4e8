"""Marks a clean text must not carry: unresolved [bracketed] passages and unfilled placeholders
(___, [●], TBD, TBC, [insert ...]). Footnote marks such as [1] are not brackets, and a bracket
that only holds a placeholder counts once, as a placeholder."""

from __future__ import annotations

from bsa_drafter.detectors.base import Detector, FeatureSpec, ParagraphScan, Reading, Signal, has_any
from bsa_drafter.detectors.text import rx
from bsa_drafter.models import Feature

BRACKET = rx(r"\[[^\[\]\n]{0,800}\]|\[[^\]\n]{0,80}$|\[(?=[^\]]*\[)", 0)
_FOOTNOTE = rx(r"^\[\s*(?:\d{1,3}|[ivx]{1,5}|sic|\.\.\.|\u2026)\s*\]$")
PLACEHOLDER = rx(
    r"_{3,}|\[\s*[\u25cf\u25a0\u25a1\u2610]\s*\]|\u25cf|\bTBD\b|\bTBC\b|\bTBA\b|\[\s*x{2,}\s*\]"
    r"|\[\s*(?:insert|to\s+be\s+(?:agreed|confirmed|inserted|determined|completed|decided))\b[^\]]*\]"
    r"|<\s*insert[^>]*>",
)
_ONLY_A_PLACEHOLDER = rx(r"^\[\s*(?:[\u25cf\u25a0\u25a1\u2610]|TBD|TBC|TBA|x{2,}|_{3,}|(?:insert|to\s+be\s+\w+)\b[^\]]*)\s*\]$")


class MarksDetector(Detector):
    features = (
        FeatureSpec("brackets", "unresolved [bracketed] text", "count"),
        FeatureSpec("placeholders", "unfilled placeholder marks (___, [●], TBD, [insert ...])", "count"),
    )
    order = 110
    keywords = ("\x00",)  # marks are found per paragraph, not per sentence

    def scan_paragraph(self, text: str, scan: ParagraphScan) -> None:
        if "[" in text:
            for match in BRACKET.finditer(text):
                if not _FOOTNOTE.match(match.group(0)) and not _ONLY_A_PLACEHOLDER.match(match.group(0)):
                    scan.add("brackets", Signal(match.start(), match.end(), _sentence_at(scan, match.start()), match.group(0)))
        if not has_any(text, ("[", "_", "<", "\u25cf", "TB", "tb", "Tb")):
            return
        for match in PLACEHOLDER.finditer(text):
            scan.add("placeholders", Signal(match.start(), match.end(), _sentence_at(scan, match.start()), match.group(0)))

    def combine(self, reading: Reading) -> dict[str, Feature]:
        return {"brackets": reading.count("brackets"), "placeholders": reading.count("placeholders")}


def _sentence_at(scan: ParagraphScan, offset: int) -> tuple[int, int]:
    for span in scan.sentences:
        if span[0] <= offset < span[1]:
            return span
    return (offset, offset)


DETECTOR = MarksDetector()
