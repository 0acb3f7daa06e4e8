"""The alignment clause: the future-attack provisions may be amended or adapted to align them
with a later mechanism (one Ukraine agrees with other partners, for instance).

Three word orders: the change, its alignment and the mechanism ("may be amended to align it
with any future mechanism"); the mechanism first, as a condition ("should Ukraine conclude a
new arrangement, the Participants will amend this Part accordingly"); and "adapt ... to any
subsequent mechanism". Alignment with standards, legislation or procedures does not count.
"""

from __future__ import annotations

from bsa_drafter.detectors.base import Detector, FeatureSpec, ParagraphScan, Reading, Sentence, has_any
from bsa_drafter.detectors.en._words import NEGATION, W
from bsa_drafter.detectors.text import rx
from bsa_drafter.models import Feature

_CHANGE = r"(?:amend|modif|adapt|revis|updat|adjust|review|supplement|complement|develop|align)\w*"
_ALIGN = (
    rf"(?:(?:in\s+order\s+)?to\s+(?:be\s+)?(?:align|harmoni[sz]e|reflect|match|be\s+consistent\s+with|correspond)"
    rf"|(?:in\s+)?(?:alignment|line|accordance|conformity|keeping|coherence|consistency|compatibility)\s+with"
    rf"|bring\s+(?:{W}){{0,3}}?into\s+line|make\s+(?:{W}){{0,2}}?(?:consistent|compatible|coherent)\s+with"
    rf"|ensure\s+(?:its\s+|their\s+)?(?:coherence|consistency|compatibility|alignment)\s+with)"
)
_MECHANISM = r"(?:mechanisms?|frameworks?|arrangements?|architecture|guarantees?|formats?|instruments?|structures?)"
_LATER = (
    r"(?:any|a|an|the|that|such|future|later|subsequent|new|wider|broader|multilateral|collective|international"
    r"|further|other|possible|eventual)"
)
CHANGE_TO_ALIGN = rx(
    rf"{_CHANGE}[,;]?\s+(?:{W}){{0,14}}?{_ALIGN}\s+(?:{W}){{0,3}}?(?:with\s+)?"
    rf"(?:{W}){{0,3}}?{_LATER}\s+(?:{W}){{0,3}}?{_MECHANISM}"
)
ALIGN_WITH_ANY = rx(
    rf"\balign\w*\s+(?:{W}){{0,4}}?with\s+(?:any|a|future|later|subsequent" rf"|new)\s+(?:{W}){{0,3}}?{_MECHANISM}"
)
ADAPT_TO = rx(
    rf"\b(?:adapt|adjust)\w*\s+(?:{W}){{0,12}}?to\s+(?:any|a|future|later|subsequent|new"
    rf"|such)\s+(?:{W}){{0,2}}?{_MECHANISM}"
)
# "if Ukraine concludes a new arrangement ..., the Participants will amend Part VIII accordingly"
MECHANISM_FIRST = rx(
    rf"\b(?:if|should|when|once|where|in\s+the\s+event)\b\s+(?:{W}){{0,6}}?ukraine\s+(?:{W}){{0,6}}?"
    rf"(?:establish|conclud|enter|agree|join|develop|set\w*\s+up|creat|sign)\w*\s+(?:{W}){{0,8}}?{_MECHANISM}"
    rf"[^.]*?\b{_CHANGE}\b[^.]*?(?:accordingly|aligned|consistent|into\s+line|in\s+line|coheren|compatib"
    rf"|to\s+(?:reflect|fit|match))"
)
_PATTERNS = (CHANGE_TO_ALIGN, ALIGN_WITH_ANY, ADAPT_TO, MECHANISM_FIRST)
# a later mechanism: one still to come, or one Ukraine agrees with others
_FUTURE = rx(
    r"\bany\b|\bfuture\b|\blater\b|\bsubsequent|\bnew\b|\bwill\s+be\b|\bmay\s+(?:be\s+)?(?:agree|establish|develop"
    r"|conclude)|\bagree[sd]?\b"
    r"|\bdevelop|\bemerg|\beventual|\bestablish|\bconclude|\benters?\s+into|\bset\s+up"
)
_NEGATED = rx(rf"{NEGATION}\s+(?:{W}){{0,3}}?{_CHANGE}")
_TECHNICAL = rx(r"\bstandards?\b|\bprocurement|\blegislation|\bacquis|\bdoctrine|\bprocedures?\b")


_CHANGE_WORDS = (
    "amend",
    "modif",
    "adapt",
    "revis",
    "updat",
    "adjust",
    "review",
    "supplement",
    "complement",
    "develop",
    "align",
)


class AlignmentDetector(Detector):
    features = (
        FeatureSpec(
            "alignment_mechanism", "the future-attack provisions may be aligned with a later mechanism", "flag"
        ),
    )
    order = 50
    keywords = (
        "mechanism",
        "framework",
        "arrangement",
        "architecture",
        "guarantee",
        "format",
        "instrument",
        "structure",
    )
    tags = {"alignment_mechanism": "collective-response"}
    # the wording, which a language's subclass replaces: words of a change, the patterns of the
    # clause, and what makes a mechanism a later one, technical, or the change denied
    change_words, patterns, future, technical, negated = _CHANGE_WORDS, _PATTERNS, _FUTURE, _TECHNICAL, _NEGATED

    def scan(self, sentence: Sentence, scan: ParagraphScan) -> None:
        text, low = sentence.whole_text, sentence.whole_low
        if scan.read_whole("alignment_mechanism", sentence.whole) or not has_any(low, self.change_words):
            return
        for pattern in self.patterns:
            match = pattern.search(text)
            if (
                match
                and self.future.search(text)
                and not self.technical.search(match.group(0))
                and not self.negated.search(text)
            ):
                scan.add("alignment_mechanism", sentence.whole_signal(match.start(), match.end()))
                return
        scan.add_miss(
            "alignment_mechanism",
            sentence.whole_miss(
                "names a mechanism and a change, but not aligning these provisions with a later one", 0.5
            ),
        )

    def combine(self, reading: Reading) -> dict[str, Feature]:
        return {"alignment_mechanism": reading.flag("alignment_mechanism")}


DETECTOR = AlignmentDetector()
