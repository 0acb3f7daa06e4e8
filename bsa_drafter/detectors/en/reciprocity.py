"""Reciprocity: Ukraine to be able to assist the partner if the partner is attacked, Ukraine's
capabilities to be sufficient to give the partner effective support, Ukraine enabled to
reciprocate, or a mutual policy to deter aggression against either side. Help that flows only
to Ukraine is not reciprocity."""

from __future__ import annotations

from bsa_drafter.detectors.base import Detector, FeatureSpec, ParagraphScan, Reading, Sentence, has_any
from bsa_drafter.detectors.en._words import NEGATION, SIDE, W
from bsa_drafter.detectors.text import rx
from bsa_drafter.models import Feature

_ABLE = r"(?:able|capable|in\s+a\s+position|ready|positioned|equipped|enabled|sufficiently\s+strong|strong\s+enough)"
_BE = r"(?:is|be|will\s+be|would\s+be|becomes?|shall\s+be|are|can\s+be|could\s+be|has\s+become|to\s+be)"
_GIVE = r"(?:provide|render|offer|give|contribute|assist|help|support|come\s+to|aid|extend|defend|reinforce)"
_HELP_NOUN = r"(?:support|assistance|help|aid|contribution|capabilities)"
_ATTACK = r"(?:aggression|attack|threat|armed\s+conflict|invasion)"
_ABROAD = r"against\s+(?!ukraine\b)"
_ABLE_WORDS = ("able", "capable", "position", "ready", "positioned", "equipped", "enabled", "strong")
# (words the sentence must all hold, one of each group, before the pattern is tried; pattern)
_PATTERNS = [
    (
        (("ukraine",), _ABLE_WORDS),
        rx(rf"{_ATTACK}\w*,?\s+(?:{W}){{0,12}}?ukraine\s+(?:{W}){{0,3}}?{_BE}\s+(?:{W}){{0,2}}?{_ABLE}\s+to\s+(?:{W}){{0,2}}?{_GIVE}"),
    ),
    (
        (("ukraine",), _ABLE_WORDS, ("against",)),
        rx(
            rf"ukraine\s+(?:{W}){{0,3}}?{_BE}\s+(?:{W}){{0,2}}?{_ABLE}\s+to\s+(?:{W}){{0,2}}?{_GIVE}\s+(?:{W}){{0,10}}?"
            rf"{_ATTACK}\w*\s+(?:{W}){{0,3}}?{_ABROAD}"
        ),
    ),
    (
        (("against",), ("either", "each", "any", "both", "one")),
        rx(
            rf"(?:deter|confront|counter|assist|defend|respond|repel|resist|prevent)\w*\s+(?:{W}){{0,8}}?{_ATTACK}s?\s+(?:{W}){{0,6}}?against\s+"
            rf"(?:{W}){{0,4}}?(?:either|each|any|both|one)\s+(?:of\s+(?:the\s+|them|us)\s*)?(?:{SIDE})?"
        ),
    ),
    (
        (("mutual",),),
        rx(rf"\bmutual\s+(?:military\s+)?(?:assistance|defen[cs]e|support|aid|help)\s+(?:{W}){{0,8}}?(?:attack|aggression)"),
    ),
    (
        (("ukraine",), ("against",)),
        rx(
            rf"ukraine\s+(?:will|would|shall|commits\s+to|undertakes\s+to|intends\s+to|stands\s+ready\s+to|is\s+prepared\s+to)\s+(?:{W}){{0,3}}?"
            rf"(?:provide|render|offer|give|come\s+to)\s+(?:{W}){{0,5}}?{_HELP_NOUN}\s+(?:{W}){{0,8}}?{_ATTACK}\w*\s+(?:{W}){{0,2}}?{_ABROAD}"
        ),
    ),
    (
        (("ukraine",), ("capabilit", "capacit", "forces", "military"), ("sufficient", "adequate", "enough", "able")),
        rx(
            rf"ukraine(?:'s)?\s+(?:{W}){{0,4}}?(?:capabilit\w+|capacit\w+|forces|armed\s+forces|military)\s+(?:{W}){{0,4}}?"
            rf"(?:sufficient|adequate|strong\s+enough|enough|able)\s+to\s+(?:{W}){{0,3}}?{_GIVE}\s+(?:{W}){{0,4}}?(?:{_HELP_NOUN}\s+)?(?:to|for|with)\s+(?!ukraine\b)"
        ),
    ),
    (
        (("reciproc",),),
        rx(
            r"ukraine\s+(?:[\w'\-]+[,;:]?\s+){0,6}?reciprocat\w*|\benabl\w+\s+ukraine\s+to\s+(?:[\w'\-]+\s+){0,2}?reciprocat\w*"
            r"|\bukraine's\s+(?:ability|capacity|readiness)\s+to\s+reciprocat\w*"
        ),
    ),
]
_NEGATED = rx(rf"{NEGATION}\s+(?:{W}){{0,3}}?(?:expected\s+to\s+|required\s+to\s+|able\s+to\s+)?(?:reciprocat|provide|assist|help|deter)")
_TO_UKRAINE = rx(r"against\s+ukraine\b|\bto\s+ukraine\b|\bukraine\s+with\b|\bfor\s+ukraine\b")


class ReciprocityDetector(Detector):
    features = (
        FeatureSpec("reciprocity", "Ukraine to be able to help the partner, or a mutual policy, if the partner is attacked", "flag"),
    )
    order = 60
    keywords = ("mutual", "reciproc", "against", "contribut", "sufficient", "adequate", "enough", *_ABLE_WORDS)
    tags = {"reciprocity": "reciprocity"}

    def scan(self, sentence: Sentence, scan: ParagraphScan) -> None:
        text = sentence.text
        for groups, pattern in _PATTERNS:
            if not all(has_any(sentence.low, words) for words in groups):
                continue
            match = pattern.search(text)
            if match and not _NEGATED.search(match.group(0)) and not _TO_UKRAINE.search(match.group(0)):
                scan.add("reciprocity", sentence.signal(match.start(), match.end()))
                return
        if has_any(sentence.low, ("mutual", "reciproc", "contribut")) or ("ukraine" in sentence.low and has_any(sentence.low, _ABLE_WORDS)):
            reason = ("describes help flowing to Ukraine, not from Ukraine to the partner" if _TO_UKRAINE.search(text)
                      else "names Ukraine's strength or a mutual aim, but not help to the partner if it is attacked")
            scan.add_miss("reciprocity", sentence.miss(reason, 0.6 if "ukraine" in sentence.low else 0.4))

    def combine(self, reading: Reading) -> dict[str, Feature]:
        return {"reciprocity": reading.flag("reciprocity")}


DETECTOR = ReciprocityDetector()
