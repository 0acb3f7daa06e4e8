"""Words with a history: "assurances" for the commitments. After the Budapest Memorandum the word
has a bad name in Ukraine. Every use counts except technical ones ("quality assurance")."""

from __future__ import annotations

from bsa_drafter.detectors.base import Detector, FeatureSpec, ParagraphScan, Reading, Sentence
from bsa_drafter.detectors.text import rx
from bsa_drafter.models import Feature

ASSURANCE = rx(r"(?<!re-)\bassurances?\b")
_TECHNICAL = rx(
    r"\b(?:quality|information|software|mission|product|data|technical|safety|reliability|process|test|audit|systems?"
    r"|cyber|supply|reasonable"
    r"|delivery|warranty|performance|export|end-use)[\s-]+(?:security\s+)?assurances?\b"
    r"|\bassurances?\s+(?:testing|standards?|procedures?|processes|programmes?|programs?|audits?|levels?)\b"
    r"|\bassurances?\s+from\s+(?:their|its|the|our)?\s*(?>[\w-]+\s+)?(?:industr|suppliers|manufacturers|companies"
    r"|contractors|producers)"
)


class AssurancesDetector(Detector):
    features = (
        FeatureSpec(
            "assurances", "uses of 'assurance(s)' for the commitments (the Budapest Memorandum sense)", "count"
        ),
    )
    order = 100
    reads_headings = True
    keywords = ("assurance",)
    # the wording, which a language's subclass replaces: the word, and its uses in another sense
    assurance, technical = ASSURANCE, _TECHNICAL
    technical_reason = "'assurance' as a technical term (quality assurance and the like)"

    def scan(self, sentence: Sentence, scan: ParagraphScan) -> None:
        technical = [(m.start(), m.end()) for m in self.technical.finditer(sentence.text)]
        for match in self.assurance.finditer(sentence.text):
            if any(start <= match.start() < end for start, end in technical):
                scan.add_miss("assurances", sentence.miss(self.technical_reason, 0.3))
                continue
            scan.add("assurances", sentence.signal(match.start(), match.end(), match.group(0).lower()))

    def combine(self, reading: Reading) -> dict[str, Feature]:
        return {"assurances": reading.count("assurances")}


DETECTOR = AssurancesDetector()
