"""Weakening qualifiers on the help: "as appropriate", "within its means and capabilities",
"within available resources", "where possible", "to the extent possible", "if feasible" ...

A qualifier counts where it weakens help to Ukraine or the response to an attack, read over
the whole sentence (a list split at semicolons keeps its lead); one in an administrative
sentence ("liaison officers will be exchanged as appropriate") does not.
"""

from __future__ import annotations

from bsa_drafter.detectors.base import Detector, FeatureSpec, Located, ParagraphScan, Reading, Sentence, miss_at
from bsa_drafter.detectors.text import rx
from bsa_drafter.models import Feature

_OWNER = r"(?:(?:its|their|the|his|her|our|own|available|existing|respective|national|present|current)\s+){0,3}"
_MEANS = (
    r"(?:means|capabilities|capacities|capacity|possibilities|resources|abilities|funding|funds|financing" r"|budgets?)"
)
_MEANS_QUALIFIER = (
    rf"\b(?:within|according\s+to|in\s+accordance\s+with|in\s+line\s+with|commensurate\s+with|consistent\s+with)\s+"
    rf"(?:the\s+(?:limits|scope"
    rf"|framework)\s+of\s+)?{_OWNER}(?:(?>[\w-]+\s+){{1,2}}and\s+{_OWNER})?{_MEANS}(?:\s+and\s+{_OWNER}{_MEANS})?\b"
)
QUALIFIER = rx(
    rf"\b(?:as|where|when|if|whenever)\s+(?:(?:it\s+|they\s+|each\s+)?(?:is\s+|are\s+)?(?:deems?|considers?|considered"
    rf"|deemed|may\s+be|be|found)\s+)?appropriate\b"
    rf"|{_MEANS_QUALIFIER}"
    r"|\b(?:where|when|if|whenever)\s+(?:possible|feasible|practicable)\b|\bas\s+far\s+as\s+(?:possible|feasible"
    r"|practicable)\b"
    r"|\binsofar\s+as\s+(?:possible|feasible)\b|\bto\s+the\s+(?:extent|degree)\s+(?:possible|feasible|practicable"
    r"|appropriate)\b"
    rf"|\bto\s+the\s+(?:extent|degree|limits?)\s+of\s+{_OWNER}{_MEANS}\b"
    r"|\bto\s+the\s+(?:extent|degree)\s+(?:that\s+)?(?:it\s+is|they\s+are)\s+(?:able|possible)\b"
    r"|\bif\s+and\s+when\s+(?:appropriate|possible)\b"
)
HELP = rx(
    r"\bassist\w*|\bsupport\w*|\bhelp\w*|\bprovid\w*|\baid\b|\bdeliver\w*|\bsupply|\bsupplie|\bgive\b|\bgiving"
    r"|\brender\w*|\bcontribut\w*|\btrain\w*|\bequip(?:s|ped|ping)?\b|\brespond\w*|\bresponse|\bcome\s+to\b|\bextend\w*"
    r"|\bmeet\s+(?>[\w'-]+\s+){0,2}?(?:requests?|needs|requirements)"
)
# consulting and meeting are help only as the response to an attack or a request for consultations
CONSULTING = rx(r"\bconsult\w*|\bmeet\b|\bconven\w+")
_CONSULTING_CONTEXT = rx(
    r"\bhours?\b|\battack|\baggression|\bescalat|\bat\s+the\s+request|\brequest\s+(?:of" r"|by)\s+either"
)
# "more often if possible": the qualifier adds to a firm commitment, it does not weaken it
_ADDS_MORE = rx(r"\b(?:more|further|additional)\b(?:\s+[\w-]+){0,2}\s*,?\s*$")
# Ukraine alone as the subject: its own undertaking, not help to it
_UKRAINE_ACTS = rx(
    r"^\s*(?:\W*\w{1,3}[.)]\s+)?(?:in\s+\w+\s+)?ukraine(?:,[^,]{0,60},)?\s+(?:will|shall|intends|commits|undertakes"
    r"|is\s+to|would)\b"
)
_SHARING = rx(r"\b(?:shar|exchang|transfer|suppl|pass)\w*\b[^.]{0,60}\bwith\s+ukraine|\bto\s+ukraine\b")


class QualifiersDetector(Detector):
    features = (
        FeatureSpec("qualifiers", "weakening qualifiers on the help ('as appropriate', 'within its means')", "count"),
    )
    order = 90
    keywords = (
        "appropriate",
        "means",
        "capabilit",
        "capacit",
        "resources",
        "possib",
        "feasib",
        "practicab",
        "extent",
        "insofar",
        "abilities",
        "funding",
        "funds",
        "financ",
        "budget",
    )
    # the wording, which a language's subclass replaces: the qualifiers, the help they may weaken,
    # consulting that is help in its context, a qualifier that adds, and Ukraine's own undertaking
    qualifier, helping, sharing, adds_more, ukraine_acts = QUALIFIER, HELP, _SHARING, _ADDS_MORE, _UKRAINE_ACTS
    consulting, consulting_context = CONSULTING, _CONSULTING_CONTEXT

    def scan(self, sentence: Sentence, scan: ParagraphScan) -> None:
        whole = sentence.whole_text
        for match in self.qualifier.finditer(sentence.text):
            value = " ".join(match.group(0).lower().split())
            signal = sentence.signal(match.start(), match.end(), value)
            helps = (
                self.helping.search(whole)
                or self.sharing.search(whole)
                or (self.consulting.search(whole) and self.consulting_context.search(whole))
            )
            if self.adds_more.search(sentence.text, 0, match.start()):
                scan.add_miss(
                    "qualifiers", sentence.miss(f"'{value}' adds to a firm commitment, it does not weaken it", 0.4)
                )
            elif not helps:
                scan.add_miss("qualifiers", sentence.miss(f"'{value}' in a sentence that gives no help", 0.5))
            elif self.ukraine_acts.search(whole):
                scan.add_miss(
                    "qualifiers", sentence.miss(f"'{value}' on Ukraine's own undertaking, not on help to Ukraine", 0.5)
                )
            else:
                scan.add("qualifiers", signal)

    def combine(self, reading: Reading) -> dict[str, Feature]:
        counted: list[Located] = []
        misses = []
        for located in reading.located("qualifiers"):
            index, signal = located
            chapter = reading.chapters[index]
            if reading.origin != "draft" and chapter in ("reform", "preamble"):
                misses.append(miss_at(located, f"'{signal.value}' in the {chapter} chapter, not on the help", 0.5))
            else:
                counted.append(located)
        return {"qualifiers": reading.count("qualifiers", counted, misses)}


DETECTOR = QualifiersDetector()
