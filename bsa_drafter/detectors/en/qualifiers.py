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
_MEANS = r"(?:means|capabilities|capacities|capacity|possibilities|resources|abilities)"
_MEANS_QUALIFIER = (
    rf"\b(?:within|according\s+to|in\s+accordance\s+with|in\s+line\s+with|commensurate\s+with|consistent\s+with)\s+"
    rf"(?:the\s+(?:limits|scope|framework)\s+of\s+)?{_OWNER}{_MEANS}(?:\s+and\s+{_OWNER}{_MEANS})?\b"
)
QUALIFIER = rx(
    rf"\b(?:as|where|when|if|whenever)\s+(?:(?:it\s+|they\s+|each\s+)?(?:is\s+|are\s+)?(?:deems?|considers?|considered|deemed|may\s+be|be|found)\s+)?appropriate\b"
    rf"|{_MEANS_QUALIFIER}"
    r"|\b(?:where|when|if|whenever)\s+(?:possible|feasible|practicable)\b|\bas\s+far\s+as\s+(?:possible|feasible|practicable)\b"
    r"|\binsofar\s+as\s+(?:possible|feasible)\b|\bto\s+the\s+(?:extent|degree)\s+(?:possible|feasible|practicable|appropriate)\b"
    r"|\bto\s+the\s+(?:extent|degree)\s+(?:that\s+)?(?:it\s+is|they\s+are)\s+(?:able|possible)\b|\bif\s+and\s+when\s+(?:appropriate|possible)\b"
)
_ALWAYS_WEAKENING = rx(_MEANS_QUALIFIER)
HELP = rx(
    r"\bassist\w*|\bsupport\w*|\bhelp\w*|\bprovid\w*|\bconsult\w*|\bmeet\b|\baid\b|\bdeliver\w*|\bsupply|\bsupplie|\bgive\b|\bgiving"
    r"|\brender\w*|\bcontribut\w*|\btrain\w*|\bequip\w*|\brespond\w*|\bresponse|\bcome\s+to\b|\bextend\w*"
)
ATTACK = rx(r"\battack\w*|\baggression|\binvasion|\bescalation|\bsecurity\s+(?:assistance|commitments?)|\bmilitary|\bdefen[cs]e")
_TO_UKRAINE = rx(r"\bukraine\b|\bukrainian\b")
_UKRAINE_ACTS = rx(r"^\s*(?:\W*\w{1,3}[.)]\s+)?(?:in\s+\w+\s+)?ukraine\s+(?:will|shall|intends|commits|undertakes|is\s+to)\b")


class QualifiersDetector(Detector):
    features = (FeatureSpec("qualifiers", "weakening qualifiers on the help ('as appropriate', 'within its means')", "count"),)
    order = 90
    keywords = ("appropriate", "means", "capabilit", "capacit", "resources", "possib", "feasib", "practicab", "extent", "insofar",
                "abilities")

    def scan(self, sentence: Sentence, scan: ParagraphScan) -> None:
        whole = sentence.whole_text
        for match in QUALIFIER.finditer(sentence.text):
            value = " ".join(match.group(0).lower().split())
            signal = sentence.signal(match.start(), match.end(), value)
            if not HELP.search(whole):
                scan.add_miss("qualifiers", sentence.miss(f"'{value}' in a sentence that gives no help", 0.5))
            elif _UKRAINE_ACTS.search(whole) and not ATTACK.search(whole):
                scan.add_miss("qualifiers", sentence.miss(f"'{value}' on Ukraine's own undertaking, not on help to Ukraine", 0.5))
            else:
                weakening = _ALWAYS_WEAKENING.match(match.group(0)) or ATTACK.search(whole) or _TO_UKRAINE.search(whole)
                signal.form = "weakening" if weakening else "help"
                scan.add("qualifiers", signal)

    def combine(self, reading: Reading) -> dict[str, Feature]:
        counted: list[Located] = []
        misses = []
        for located in reading.located("qualifiers"):
            index, signal = located
            chapter = reading.chapters[index]
            if reading.origin != "draft" and chapter in ("reform", "preamble"):
                misses.append(miss_at(located, f"'{signal.value}' in the {chapter} chapter, not on the help", 0.5))
            elif signal.form == "weakening" or chapter in ("attack", "defence"):
                counted.append(located)
            else:
                misses.append(miss_at(located, f"'{signal.value}' on something that is not clearly help to Ukraine", 0.4))
        feature = reading.count("qualifiers", counted)
        if not counted:
            feature.closest = reading.closest("qualifiers", misses)
        return {"qualifiers": feature}


DETECTOR = QualifiersDetector()
