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
from bsa_drafter.detectors.text import Pattern, rx
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
# a goal too vague to be support where a reform sentence names it ("path to NATO ... reforms")
_VAGUE_GOAL = ("path", "integration")
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
# NATO named in a sentence (the capitalised Alliance only) and in its paragraph
_NATO_IN_SENTENCE = rx(r"nato|north atlantic|(?-i:Alliance)")
_NATO_IN_PARAGRAPH = rx(r"nato|north atlantic")


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
    # the wording, which a language's subclass replaces: the families' patterns, NATO and the EU,
    # membership, what refuses, disclaims or negates support (with the cheap tests before each),
    # and the reasons a sentence naming NATO is not support
    patterns, vague_goal, membership_words = _PATTERNS, _VAGUE_GOAL, ("membership", "accession")
    nato_in_sentence, nato_in_paragraph, nato_ref, eu_ref = _NATO_IN_SENTENCE, _NATO_IN_PARAGRAPH, NATO_REF, _EU_REF
    refusal_words, refusal, disclaimer_words, without_prejudice = (
        _REFUSAL_WORDS,
        _REFUSAL,
        _DISCLAIMER_WORDS,
        _WITHOUT_PREJUDICE,
    )
    negation, negation_reach, reform, technical = _NEGATION, 30, _REFORM, _TECHNICAL
    refusal_reason = "says the partner does not support membership"
    technical_reason = "names NATO only for interoperability, standards or programmes"
    # a condition just before "Ukraine will become a member" that makes it a status clause, not
    # a statement that it will (English puts no future after "if")
    condition_before: Pattern | None = None

    def scan(self, sentence: Sentence, scan: ParagraphScan) -> None:
        text, low = sentence.text, sentence.low
        in_sentence = self.nato_in_sentence.search(text) is not None
        names_nato = in_sentence or self.nato_in_paragraph.search(sentence.paragraph) is not None
        for family, words, pattern in self.patterns:
            if not has_any(low, words):
                continue
            match = pattern.search(text)
            if not match:
                continue
            if family in _NEEDS_NATO and not (in_sentence or (names_nato and not self.eu_ref.search(text))):
                continue
            if family == "member" and (
                not self._joins_nato(text, match, names_nato)
                or (
                    self.condition_before
                    and self.condition_before.search(text, max(0, match.start() - 80), match.start())
                )
            ):
                continue
            goal = (match.groupdict().get("m") or "").lower()
            if family == "accession" and goal.startswith(self.vague_goal) and self.reform.search(match.group(0)):
                continue
            if family != "not-a-substitute" and (
                (has_any(low, self.refusal_words) and self.refusal.search(text))
                or (has_any(low, self.disclaimer_words) and self.without_prejudice.search(text))
                or self.negation.search(text, max(0, match.start() - self.negation_reach), match.start())
            ):
                continue  # refused, disclaimed, or negated ("is not intended as a bridge")
            scan.add("nato_support", sentence.signal(match.start(), match.end(), form=family))
            return
        membership = has_any(low, self.membership_words)
        if in_sentence or (membership and names_nato):
            scan.add_miss("nato_support", sentence.miss(*self._why_not(text)))
        elif membership and self.eu_ref.search(text):
            scan.add_miss("nato_support", sentence.miss("supports membership of the EU, not of NATO", 0.45))

    def _joins_nato(self, text: str, match: re.Match[str], names_nato: bool) -> bool:
        """'Ukraine will become a member (of NATO)', not '... of the EU' and not 'will never join'."""
        if self.negation.search(match.group(0)):
            return False
        if self.nato_ref.search(match.group(0)):
            return True
        tail = text[match.end() : match.end() + 40]
        eu, nato = self.eu_ref.search(tail), self.nato_ref.search(tail)
        if eu and (not nato or eu.start() < nato.start()):
            return False
        return bool(nato) or names_nato

    def _why_not(self, text: str) -> tuple[str, float]:
        if self.without_prejudice.search(text):
            return "says only that the agreement is without prejudice to Ukraine's path to NATO", 0.9
        if self.refusal.search(text):
            return self.refusal_reason, 0.9
        if self.reform.search(text):
            return "names NATO only in a reform sentence (aspirations or conditions, not support)", 0.8
        if self.technical.search(text):
            return self.technical_reason, 0.6
        return "names NATO without supporting Ukraine's membership", 0.5

    def combine(self, reading: Reading) -> dict[str, Feature]:
        return {"nato_support": reading.flag("nato_support")}


DETECTOR = NatoSupportDetector()
