"""The NATO-status clause: what becomes of the agreement if, or when, Ukraine joins NATO
(decide its future status, meet and confer, modify and adapt it, review it)."""

from __future__ import annotations

from bsa_drafter.detectors.base import Detector, FeatureSpec, ParagraphScan, Reading, Sentence, has_any
from bsa_drafter.detectors.en._words import AGREEMENT, NATO, W
from bsa_drafter.detectors.text import rx
from bsa_drafter.models import Feature

_WHEN = (
    r"(?:in\s+(?:the\s+)?event|\bif\b|\bshould\b|\bwhen\b|\bonce\b|\bupon\b|\bafter\b|\bfollowing\b|in\s+case|\bwith\b"
    r"|by\s+the\s+time|\bas\s+soon\s+as|\bwhere\b)"
)
_JOINS = (
    r"(?:becom\w+|join\w*|accedes?|accession|admission|membership|is\s+admitted|enters?|entry|is\s+(?:a\s+"
    r"|an\s+)?(?:full\s+)?member"
    r"|has\s+(?:become|joined|acceded))"
)
# NATO, or an "Ally" (capitalised: a member of the Alliance)
_NATO_OR_ALLY = rf"(?:{NATO}|(?:an?\s+)?(?-i:Ally|Allied\s+nation))"
TRIGGER = rx(
    rf"{_WHEN}\s+(?:{W}){{0,3}}?ukraine(?:'s)?\s+(?:{W}){{0,3}}?{_JOINS}\s+(?:{W}){{0,4}}?{_NATO_OR_ALLY}"
    rf"|{_WHEN}\s+(?:{W}){{0,2}}?(?:accession|admission|membership"
    rf"|entry)\s+of\s+ukraine\s+(?:{W}){{0,3}}?{_NATO_OR_ALLY}"
)
# "Ukraine's accession to NATO ..." with the condition implied ("would", "in that case", "if achieved")
ACCESSION = rx(
    rf"ukraine(?:'s)?\s+(?:{W}){{0,2}}?(?:membership|accession|admission|joining)\s+(?:in|to|of"
    rf"|into)\s+(?:the\s+)?{NATO}"
)
_FATE_AFTER = rx(
    rf"status|{AGREEMENT}|\bits\s+(?:future|fate|continuation|provisions)|\breview|\breassess|\brevis|\bmodif|\badapt"
    rf"|\bamend|\bterminat"
    r"|\breplace|\bsupersed|meet\s+and\s+confer|\bconsult|\bdecide|\bdetermin"
)
_FATE_BEFORE = rx(
    rf"\bstatus\b|\bfuture\s+of\s+{AGREEMENT}|(?:review|reassess|modif|adapt|amend|revis|replac"
    rf"|supersed)\w*\s+(?:{W}){{0,3}}?{AGREEMENT}"
    rf"|{AGREEMENT}\s+(?:{W}){{0,3}}?(?:be\s+)?(?:reviewed|modified|adapted|amended|revised|replaced|superseded)"
    rf"|meet\s+and\s+confer"
)
# the agreement's fate: the agreement (or "its future / status / provisions") and a decision on it
_ITS_FATE = rx(
    rf"{AGREEMENT}|\bits\s+(?:future|fate|continuation|provisions|status)|\b(?:status|future)\s+of\s+(?:it"
    rf"|{AGREEMENT})"
)
_DECISION = rx(
    r"\breview|\breassess|\brevisit|\brevis|\bmodif|\badapt|\bamend|\breplac|\bsupersed|\bdecid|\bdetermin|\bconsult"
    r"|\bconfer"
    r"|\bend\b|\blapse|\bterminat|\bcontinu|\bremain\s+in\s+force|\bstatus"
)
_JOIN_WORDS = ("becom", "join", "acced", "accession", "admission", "admitted", "membership", "member", "enter", "entry")
_ABOUT_JOINING = rx(
    rf"(?:accession|admission|membership|join\w*|becom\w+\s+a\s+member)\s+(?:{W}){{0,3}}?(?:to|of"
    rf"|in)?\s*(?:the\s+)?{NATO}"
)


class NatoStatusDetector(Detector):
    features = (FeatureSpec("nato_status_clause", "what becomes of the agreement if Ukraine joins NATO", "flag"),)
    order = 30
    keywords = ("nato", "north atlantic", "alliance", "ally")
    tags = {"nato_status_clause": "nato-status"}

    # the wording, which a language's subclass replaces: Ukraine's name, words of joining, the
    # condition of joining, accession named without one, the agreement's fate after or before the
    # condition, a decision on it, and joining named for its own sake
    ukraine_word, join_words = "ukrain", _JOIN_WORDS
    trigger, accession, fate_after, fate_before = TRIGGER, ACCESSION, _FATE_AFTER, _FATE_BEFORE
    its_fate, decision, about_joining = _ITS_FATE, _DECISION, _ABOUT_JOINING

    @staticmethod
    def names_nato(text: str, low: str) -> bool:
        """Whether a sentence names NATO or an Ally, the cheap test before the patterns."""
        return has_any(low, ("nato", "north atlantic", "alliance")) or "Ally" in text

    def scan(self, sentence: Sentence, scan: ParagraphScan) -> None:
        text, whole = sentence.text, sentence.whole_text
        if not self.names_nato(text, sentence.low):
            return
        joins = self.ukraine_word in sentence.low and has_any(sentence.low, self.join_words)
        trigger = self.trigger.search(text) if joins else None
        if trigger and self.ukraine_word not in trigger.group(0).lower():
            trigger = None  # Ukraine named only after NATO: "after it joins NATO, Ukraine will contribute ..."
        if trigger and (
            self.fate_after.search(text, trigger.end()) or self.fate_before.search(text, 0, trigger.start())
        ):
            scan.add("nato_status_clause", sentence.signal(trigger.start(), len(text)))
            return
        accession = trigger or (self.accession.search(whole) if self.ukraine_word in sentence.whole_low else None)
        if accession and self.its_fate.search(whole) and self.decision.search(whole):
            scan.add("nato_status_clause", sentence.signal(0, len(text)))
        elif accession:
            scan.add_miss(
                "nato_status_clause",
                sentence.miss("names Ukraine joining NATO without saying what becomes of the agreement", 0.7),
            )
        elif self.about_joining.search(text):
            scan.add_miss(
                "nato_status_clause",
                sentence.miss("names Ukraine's NATO membership, not the agreement's fate when it comes", 0.5),
            )

    def combine(self, reading: Reading) -> dict[str, Feature]:
        return {"nato_status_clause": reading.flag("nato_status_clause")}


DETECTOR = NatoStatusDetector()
