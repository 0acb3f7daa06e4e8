"""NATO support: affirmative support for Ukraine's future membership of NATO.

Families: support for accession or membership; "the future is in NATO" (also "a future in the
EU and NATO"); "will become a member"; "not a substitute / cannot constitute an alternative";
"bridge to membership"; "irreversible path"; an invitation to join; "rightful place in NATO".
Not support: NATO aspirations in a reform sentence, "without prejudice to" a pathway,
interoperability only, a refusal to support, and membership of the EU only.
"""

from __future__ import annotations

import re

from bsa_drafter.detectors.base import Detector, FeatureSpec, ParagraphScan, Reading, Sentence, has_any
from bsa_drafter.detectors.en._words import NATO, NATO_REF, NEGATION, W
from bsa_drafter.detectors.text import rx
from bsa_drafter.models import Feature

_SUPPORT = (
    r"(?:support\w*|advocat\w+|promot\w+|champion\w*|back\w*|endors\w+|work(?:s|ing)?\s+(?:together\s+)?towards|help\w*"
    r"|assist\w*"
    r"|facilitat\w+|advanc\w+|strengthen\w*|co-?ordinat\w+|favou?r\w*|stand\w*\s+(?:by|with)|commit\w*\s+to)"
)
_MEMBERSHIP = r"(?P<m>accession|membership|admission|integration|path(?:way)?|bid|invitation|entry|joining)"
_EU = r"(?:\bEU\b|European\s+Union|Euro-Atlantic\s+(?:family|community))"
# (family, words one of which the sentence must hold before the pattern is tried, pattern)
_PATTERNS = [
    (
        "accession",
        ("nato", "alliance", "north atlantic"),
        rx(
            rf"{_SUPPORT}\s+(?:{W}){{0,8}}?{_MEMBERSHIP}\s+(?:{W}){{0,3}}?(?:to|in|into|of|towards?|within|join|enter"
            rf"|accede\s+to)\s+(?:the\s+)?{NATO}"
        ),
    ),
    (
        "accession",
        ("nato", "alliance", "north atlantic"),
        rx(rf"{_SUPPORT}\s+(?:{W}){{0,6}}?{NATO}\s+(?P<m>membership|accession|integration|bid)"),
    ),
    (
        "future",
        ("future",),
        rx(
            rf"\bfuture\s+(?:{W}){{0,5}}?(?:in|within|as\s+(?:a\s+)?(?:part|member)\s+of)\s+(?:the\s+)?"
            rf"(?:{_EU}\s*,?\s+(?:and|as\s+well\s+as)\s+(?:in\s+)?(?:the\s+)?)?{NATO}"
        ),
    ),
    (
        "member",
        ("member", "ally", "join", "accede", "admitted"),
        rx(
            r"\bukraine\s+(?:will|shall|is\s+going\s+to|is\s+to|would|is\s+bound\s+to)\s+(?:{w}){{0,3}}?"
            r"(?:become\s+(?:a\s+|an\s+)?(?:full(?:-fledged)?\s+|fully-fledged\s+)?(?:{nato}\s+)?(?:member|ally"
            r"|allied\s+nation)|join|accede\s+to|be\s+admitted\s+to)"
            r"\s*(?:of\s+|to\s+|in\s+)?(?:the\s+)?(?:{nato})?".format(w=W, nato=NATO)
        ),
    ),
    (
        "benefit",
        ("nato", "alliance", "north atlantic"),
        rx(
            rf"ukraine(?:'s)?\s+(?:{W}){{0,2}}?(?:membership|accession)\s+(?:{W}){{0,2}}?(?:of|in"
            rf"|to)\s+(?:the\s+)?{NATO}\s+(?:\([A-Z]+\)\s+)?(?:{W}){{0,3}}?"
            rf"(?:(?:would|will)\s+(?:{W}){{0,2}}?)?(?:contribut|make|strengthen|enhance|serve|be\s+in|is\s+in|benefit"
            rf"|reinforce)"
        ),
    ),
    (
        "not-a-substitute",
        ("substitut", "alternative", "replac"),
        rx(
            rf"(?:{NEGATION}|\bin\s+no\s+way|\bby\s+no\s+means)\s+(?:{W}){{0,3}}?(?:(?:a|an)\s+)?"
            rf"(?:replacement|substitute|alternative|replace|substitut\w*)\s+(?:for\s+|to\s+"
            rf"|of\s+)?(?:{W}){{0,7}}?(?:membership|accession)"
            rf"|\bno\s+(?:substitute|replacement|alternative)\s+(?:for|to)\s+(?:{W}){{0,5}}?(?:membership|accession)"
            rf"|\bnothing\s+(?:{W}){{0,8}}?(?:replacement|substitute|alternative)\s+(?:for|to"
            rf"|of)\s+(?:{W}){{0,5}}?(?:membership|accession)"
        ),
    ),
    ("bridge", ("bridge",), rx(rf"\bbridge\s+(?:{W}){{0,3}}?(?:to|towards)\s+(?:{W}){{0,5}}?(?:membership|accession)")),
    (
        "irreversible",
        ("irreversible",),
        rx(
            rf"\birreversible\s+(?:path|pathway|course|road|trajectory)\s+(?:{W}){{0,8}}?(?:membership|integration"
            rf"|accession)"
            rf"|\b(?:path|pathway|road|course)\s+(?:{W}){{0,8}}?(?:membership|integration"
            rf"|accession)\s+(?:{W}){{0,6}}?(?:is"
            rf"|remains|as)\s+irreversible"
        ),
    ),
    (
        "invitation",
        ("invit",),
        rx(
            rf"\binvit\w+\s+(?:{W}){{0,4}}?ukraine\s+to\s+(?:join|become\s+a\s+member)"
            rf"|\binvitation\s+(?:{W}){{0,3}}?(?:to|for)\s+ukraine\s+to\s+(?:join|become|accede)"
            rf"|\b(?:extend|issue|offer"
            rf"|send)\w*\s+(?:to\s+ukraine\s+)?(?:an?\s+)?invitation\s+(?:to\s+ukraine\s+)?to\s+(?:join|become|accede)"
        ),
    ),
    (
        "place",
        ("place",),
        rx(
            rf"\bukraine's\s+(?:rightful\s+|natural\s+)?place\s+is\s+(?:{W}){{0,2}}?in\s+(?:the\s+)?"
            rf"(?:{_EU}\s*,?\s+(?:including|and|as\s+well\s+as)\s+(?:in\s+)?(?:the\s+)?)?{NATO}"
        ),
    ),
]
_NEEDS_NATO = {"not-a-substitute", "bridge", "irreversible", "invitation", "member"}
_VAGUE_GOAL = {"path", "pathway", "future", "integration", "road"}
_WITHOUT_PREJUDICE = rx(
    r"without\s+prejudice|\bleaves?\s+(?:{w}){{0,2}}?unaffected|\bnot\s+prejudge"
    r"|\bnothing\s+in\s+(?:{w}){{0,4}}?(?:shall|will|should|may)\s+be\s+(?:construed|interpreted|understood|read)"
    r"|\b(?:shall|will|should|may)\s+not\s+be\s+(?:construed|interpreted|understood|read)\s+as".format(w=W)
)
_REFUSAL = rx(
    rf"{NEGATION}\s+(?:{W}){{0,4}}?(?:support|back|endorse|favour|favor|agree\s+to)\w*|\bunable\s+to\s+(?:support|back"
    rf"|endorse)"
    rf"|\boppos\w+|\bagainst\s+ukraine's\s+(?:membership|accession)"
)
_REFUSAL_WORDS = ("not", "n't", "never", "no longer", "unable", "oppos", "against")
_DISCLAIMER_WORDS = ("prejudice", "unaffected", "prejudge", "construed", "interpreted", "understood", "read as")
_REFORM = rx(r"\breforms?\b|\baspirations?\b|\bconditions?\b|\bcriteria\b")
_TECHNICAL = rx(
    r"interoperab|\bstandards?\b|compatib|\bnato-ukraine\b|\btrust\s+funds?\b|\bcomprehensive\s+assistance"
    r"|\bexercises?\b|\bprocurement"
)
_EU_REF = rx(_EU)
_NEGATION = rx(NEGATION)


class NatoSupportDetector(Detector):
    features = (FeatureSpec("nato_support", "affirmative support for Ukraine's future NATO membership", "flag"),)
    order = 20
    keywords = (
        "nato",
        "north atlantic",
        "alliance",
        "member",
        "bridge",
        "accession",
        "invit",
        "substitut",
        "alternative",
        "replace",
        "irreversible",
        "join",
        "accede",
    )
    tags = {"nato_support": "nato-bridge"}

    def scan(self, sentence: Sentence, scan: ParagraphScan) -> None:
        text, low = sentence.text, sentence.low
        in_sentence = has_any(low, ("nato", "north atlantic")) or "Alliance" in text
        names_nato = in_sentence or has_any(sentence.paragraph_low, ("nato", "north atlantic"))
        for family, words, pattern in _PATTERNS:
            if not any(word in sentence.low for word in words):
                continue
            match = pattern.search(text)
            if not match:
                continue
            if family in _NEEDS_NATO and not (in_sentence or (names_nato and not _EU_REF.search(text))):
                continue
            if family == "member" and not self._joins_nato(text, match, names_nato):
                continue
            if family == "accession":
                if match.groupdict().get("m", "").lower() in _VAGUE_GOAL and _REFORM.search(match.group(0)):
                    continue
            if family != "not-a-substitute" and (
                (has_any(low, _REFUSAL_WORDS) and _REFUSAL.search(text))
                or (has_any(low, _DISCLAIMER_WORDS) and _WITHOUT_PREJUDICE.search(text))
                or _NEGATION.search(text, max(0, match.start() - 30), match.start())
            ):
                continue  # refused, disclaimed, or negated ("is not intended as a bridge")
            scan.add("nato_support", sentence.signal(match.start(), match.end(), form=family))
            return
        if in_sentence or (("membership" in sentence.low or "accession" in sentence.low) and names_nato):
            scan.add_miss("nato_support", sentence.miss(*self._why_not(text)))
        elif _EU_REF.search(text) and ("membership" in sentence.low or "accession" in sentence.low):
            scan.add_miss("nato_support", sentence.miss("supports membership of the EU, not of NATO", 0.45))

    @staticmethod
    def _joins_nato(text: str, match: re.Match[str], names_nato: bool) -> bool:
        """'Ukraine will become a member (of NATO)', not '... of the EU' and not 'will never join'."""
        if _NEGATION.search(match.group(0)):
            return False
        if NATO_REF.search(match.group(0)):
            return True
        tail = text[match.end() : match.end() + 40]
        eu, nato = _EU_REF.search(tail), NATO_REF.search(tail)
        if eu and (not nato or eu.start() < nato.start()):
            return False
        return bool(nato) or names_nato

    @staticmethod
    def _why_not(text: str) -> tuple[str, float]:
        if _WITHOUT_PREJUDICE.search(text):
            return "says only that the agreement is without prejudice to Ukraine's path to NATO", 0.9
        if _REFUSAL.search(text):
            return "says the partner does not support membership", 0.9
        if _REFORM.search(text):
            return "names NATO only in a reform sentence (aspirations or conditions, not support)", 0.8
        if _TECHNICAL.search(text):
            return "names NATO only for interoperability, standards or programmes", 0.6
        return "names NATO without supporting Ukraine's membership", 0.5

    def combine(self, reading: Reading) -> dict[str, Feature]:
        return {"nato_support": reading.flag("nato_support")}


DETECTOR = NatoSupportDetector()
