"""The alignment clause: the future-attack provisions may be amended or adapted to align them
with a later mechanism (one Ukraine agrees with other partners, for instance)."""

from __future__ import annotations

from bsa_drafter.detectors.base import Detector, FeatureSpec, ParagraphScan, Reading, Sentence
from bsa_drafter.detectors.en._words import W
from bsa_drafter.detectors.text import rx
from bsa_drafter.models import Feature

_CHANGE = r"(?:amend|modify|modified|adapt|revise|update|adjust|review|supplement|complement|develop)\w*"
_ALIGN = r"(?:(?:in\s+order\s+)?to\s+(?:be\s+)?(?:align|harmoni[sz]e|reflect|match|be\s+consistent\s+with|correspond)|(?:in\s+)?(?:alignment|line|accordance|conformity|keeping)\s+with|bring\s+(?:{w}){{0,3}}?into\s+line)".format(w=W)
_MECHANISM = r"(?:mechanisms?|frameworks?|arrangements?|architecture|guarantees?|formats?|instruments?|structures?)"
_LATER = r"(?:any|a|the|future|later|subsequent|new|wider|broader|multilateral|collective|international|further|other|possible|eventual)"
ALIGNMENT = rx(
    rf"{_CHANGE}\s+(?:{W}){{0,14}}?{_ALIGN}\s+(?:{W}){{0,3}}?(?:with\s+)?(?:{W}){{0,3}}?{_LATER}\s+(?:{W}){{0,3}}?{_MECHANISM}"
    rf"|\balign\w*\s+(?:{W}){{0,4}}?with\s+(?:any|a|future|later|subsequent|new)\s+(?:{W}){{0,3}}?{_MECHANISM}"
)
# a later mechanism: one still to come, or one Ukraine agrees with others
_FUTURE = rx(r"\bany\b|\bfuture\b|\blater\b|\bsubsequent|\bnew\b|\bwill\s+be\b|\bmay\s+(?:be\s+)?(?:agree|establish|develop|conclude)|\bagree[sd]?\b|\bdevelop|\bemerg|\beventual")
_TECHNICAL = rx(r"\bstandards?\b|\bprocurement|\blegislation|\bacquis|\bdoctrine|\bprocedures?\b")


class AlignmentDetector(Detector):
    features = (FeatureSpec("alignment_mechanism", "the future-attack provisions may be aligned with a later mechanism", "flag"),)
    order = 50
    keywords = ("align", "line with", "harmoni", "consistent with", "reflect", "accordance with", "mechanism", "framework")
    tags = {"alignment_mechanism": "collective-response"}

    def scan(self, sentence: Sentence, scan: ParagraphScan) -> None:
        match = ALIGNMENT.search(sentence.text)
        if match and _FUTURE.search(sentence.text) and not _TECHNICAL.search(match.group(0)):
            scan.add("alignment_mechanism", sentence.signal(match.start(), match.end()))
        elif "mechanism" in sentence.low or "align" in sentence.low:
            scan.add_miss("alignment_mechanism", sentence.miss("names a mechanism or alignment, but not amending these provisions to fit a later one", 0.5))

    def combine(self, reading: Reading) -> dict[str, Feature]:
        return {"alignment_mechanism": reading.flag("alignment_mechanism")}


DETECTOR = AlignmentDetector()
