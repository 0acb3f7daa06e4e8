"""Text feature detectors: one set for our drafts, edited drafts and foreign documents alike.

Every detector reads wording, never clause ids, so a negotiator who types an exit clause
into the preamble is caught, and so is a counterpart's DOCX. Work is split in two steps:

* `scan_paragraph` finds every local signal in one paragraph (cached by text, so a live
  re-check after a keystroke only rescans the clause that changed);
* `extract_features` combines the scans of a whole document into features with evidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable

from bsa_drafter.excerpts import around, shorten
from bsa_drafter.models import Document, Evidence, Feature, Hit

# name -> what it means (rules may only name these)
FEATURES: dict[str, str] = {
    "unilateral_exit": "'yes' (either side may end it by notice), 'soft' (only to inform of an intention) or 'no'",
    "notice_months": "notice period of the exit, in months (null when none is stated)",
    "nato_support": "affirmative support for Ukraine's future NATO membership",
    "nato_status_clause": "what becomes of the agreement if Ukraine joins NATO",
    "consultation_24h": "consultation within 24 hours after a future armed attack",
    "consultation_hours": "the consultation deadline in hours when one is stated",
    "alignment_mechanism": "the future-attack provisions may be aligned with a later mechanism",
    "escalation_trigger": "'significant escalation' is part of the consultation trigger",
    "reciprocity": "Ukraine to be able to help the partner, or a mutual policy, if the partner is attacked",
    "duration_years": "the fixed term in years (null when open-ended)",
    "open_ended": "the text says the agreement has no fixed term",
    "review_clause": "the agreement is to be reviewed or evaluated",
    "money_pledge": "kind of money pledge: amount, gdp_share, multi_year, appropriation (null when none)",
    "qualifiers": "weakening qualifiers on the help ('as appropriate', 'within its means')",
    "assurances": "uses of the word 'assurances'",
    "brackets": "unresolved [bracketed] text",
    "placeholders": "unfilled placeholder marks (___, [●], TBD)",
    "clause_similarity": "clauses whose wording differs from the library text (drafts only)",
}
LIST_FEATURES = ("qualifiers", "assurances", "brackets", "placeholders", "clause_similarity")

# --- text normalisation ------------------------------------------------------------------------

# One character for one character, so that offsets found in the normalised text are offsets
# in the original text too.
_NORMALISE = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"',
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-",
        "\u2212": "-", "\u00ad": "-", "\u00a0": " ", "\u2007": " ", "\u2009": " ", "\u202f": " ",
        "\u200b": " ", "\t": " ",
    }
)


def normalise(text: str) -> str:
    return text.translate(_NORMALISE)


_ABBREVIATIONS = {"u.s", "e.g", "i.e", "no", "art", "para", "paras", "st", "mr", "mrs", "dr", "etc", "vs", "cf", "ibid", "p", "pp", "u.k", "u.n", "nos", "approx", "incl"}
_SENTENCE_BREAK = re.compile(r"[.!?;](?=[\"')\]]*\s)|\n")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Split a paragraph into sentences (and bullet lines), as (start, end) offsets."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_BREAK.finditer(text):
        end = match.end()
        if match.group(0) == ".":
            word = re.search(r"([A-Za-z.]+)\.$", text[max(0, end - 12) : end])
            if word and (word.group(1).lower() in _ABBREVIATIONS or len(word.group(1)) == 1):
                continue
            following = text[end : end + 3].lstrip()
            if following[:1].islower():
                continue
        _add_trimmed(spans, text, start, end)
        start = end
    _add_trimmed(spans, text, start, len(text))
    return spans


def _add_trimmed(spans: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        spans.append((start, end))


# --- vocabulary ---------------------------------------------------------------------------------

_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "twenty-four": 24, "twenty four": 24, "twenty-five": 25, "twenty five": 25, "thirty": 30,
    "forty-five": 45, "sixty": 60, "ninety": 90, "a": 1, "an": 1, "a single": 1,
}
_NUM_WORD = r"(?:twenty[- ](?:four|five)|forty-five|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|sixty|ninety|one|two|three|four|five|six|seven|eight|nine|ten)"
# "six", "6", "six (6)", "6 (six)", "(6)"
NUMBER = rf"(?:{_NUM_WORD}|\d{{1,3}})(?:\s*\(\s*(?:{_NUM_WORD}|\d{{1,3}})\s*\))?"
_W = r"[\w'\-]+[,;:]?\s+"  # one word and the space after it

AGREEMENT = (
    r"(?:this|the|present|said)\s+(?:bilateral\s+)?(?:security\s+)?(?:co-?operation\s+)?"
    r"(?:agreement|accord|arrangement|memorandum(?:\s+of\s+understanding)?|declaration|document)"
    r"(?!\s+(?:on|for|concerning|regarding)\s)(?!-)"
)
_AGREEMENT_OR_IT = rf"(?:{AGREEMENT}|\bit\b)"
_SIDE = r"(?:participants?|part(?:y|ies)|sides?|signator(?:y|ies)|states?|governments?)"
NATO = r"(?:\bNATO\b|North\s+Atlantic\s+(?:Treaty\s+)?(?:Organi[sz]ation|Alliance)|\bthe\s+Alliance\b)"


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


# --- exit ---------------------------------------------------------------------------------------

_END_VERB_PASSIVE = r"(?:terminated|discontinued|denounced|ended|brought\s+to\s+an\s+end|revoked|cancell?ed)"
_END_VERB_ACTIVE = r"(?:terminate|discontinue|denounce|withdraw\s+from|end|bring\s+to\s+an\s+end|put\s+an\s+end\s+to|revoke|cancel)"
EXIT_PASSIVE = _rx(rf"{_AGREEMENT_OR_IT}\s+(?:{_W}){{0,3}}?(?:may|can|could|might)\s+(?:{_W}){{0,2}}?be\s+(?:{_W}){{0,2}}?{_END_VERB_PASSIVE}")
EXIT_ACTIVE = _rx(
    rf"\b(?:either|any|each|a|one|the\s+other)\s+(?:of\s+the\s+)?{_SIDE}\s+(?:{_W}){{0,4}}?"
    rf"(?:may|can|is\s+entitled\s+to|has\s+the\s+right\s+to|reserves\s+the\s+right\s+to|is\s+free\s+to)\s+"
    rf"(?:{_W}){{0,4}}?{_END_VERB_ACTIVE}\s+{_AGREEMENT_OR_IT}"
)
EXIT_BY_NOTICE = _rx(
    rf"(?:{_AGREEMENT_OR_IT}\s+(?:will|shall)\s+(?:be\s+terminated|terminate|cease\s+to\s+(?:have\s+effect|be\s+in\s+(?:force|effect)|apply))"
    rf"|\btermination\s+(?:of\s+{AGREEMENT}\s+)?(?:will|shall)\s+take\s+effect)"
    rf"\s+(?:{_W}){{0,8}}?(?:after|following|from|upon|on)\s+(?:{_W}){{0,5}}?(?:receipt|notification|notice|notifies|notified|informs)"
)
EXIT_RIGHT = _rx(rf"\bright\s+(?:{_W}){{0,2}}?to\s+(?:terminate|withdraw\s+from|denounce)\s+{_AGREEMENT_OR_IT}")
_UNILATERAL = _rx(r"\b(?:either|any|each|one\s+of\s+the|a\s+(?:participant|party|side))\b|unilateral|at\s+any\s+time|notice|notif|\bwithdraw")
_MUTUAL_ONLY = _rx(r"\bmutual(?:ly)?\b|\bjointly\b|\bboth\s+(?:participants|parties|sides)\b|common\s+(?:accord|consent)")
EXIT_NEGATED = _rx(rf"(?:{_AGREEMENT_OR_IT}\s+(?:{_W}){{0,3}}?(?:may|can|shall|will)\s+not\s+be\s+{_END_VERB_PASSIVE}|cannot\s+be\s+{_END_VERB_PASSIVE}|(?:no|neither)\s+{_SIDE}\s+(?:may|can|will|shall)\s+{_END_VERB_ACTIVE})")
SOFT_EXIT = _rx(
    r"\binform\w*\s+(?:[\w'\-]+\s+){0,5}?(?:of|about|regarding|on)\s+(?:[\w'\-]+\s+){0,3}?"
    r"(?:intention|intent|decision|wish|plan)s?\s+to\s+(?:terminate|discontinue|end|withdraw|cease|leave)"
)

_TIME_UNIT = r"(?:calendar\s+)?(?:months?|years?|days|weeks)"
_NOTICE_PATTERNS = [
    _rx(rf"(?P<n>{NUMBER})[\s-]*(?P<u>{_TIME_UNIT})(?:['’]s|s?['’])?\s+(?:(?:prior|advance|written|previous|formal)\s+)*(?:written\s+)?(?:notice|notification)"),
    _rx(rf"(?:notice|notification)\s+(?:period\s+)?of\s+(?:at\s+least\s+|not\s+less\s+than\s+)?(?P<n>{NUMBER})[\s-]*(?P<u>{_TIME_UNIT})"),
    _rx(rf"(?P<n>{NUMBER})[\s-]*(?P<u>{_TIME_UNIT})\s+(?:from|after|following|of)\s+(?:{_W}){{0,4}}?(?:receipt|notification|notice|delivery|the\s+date\s+on\s+which)"),
    _rx(rf"(?:at\s+least|no\s+(?:later|less)\s+than|not\s+less\s+than|a\s+minimum\s+of)\s+(?P<n>{NUMBER})[\s-]*(?P<u>{_TIME_UNIT})\s+(?:prior|before|in\s+advance|beforehand|ahead)"),
    _rx(rf"(?P<n>{NUMBER})[\s-]*(?P<u>{_TIME_UNIT})\s+in\s+advance"),
    _rx(r"(?P<immediate>with\s+immediate\s+effect|immediately\s+upon\s+(?:its\s+)?(?:receipt|notification))"),
]
_NOT_EXIT_NOTICE = _rx(r"\bextend|\bextension|\brenew|\bprolong|\blapse\b|expir")


def _parse_number(text: str) -> int | None:
    """'six (6)' -> 6, '10 (ten)' -> 10, 'twenty-four' -> 24."""
    text = text.strip().lower()
    digits = re.search(r"\d{1,3}", text)
    if digits:
        return int(digits.group(0))
    word = re.match(r"[a-z]+(?:[- ][a-z]+)?", text)
    if word:
        value = _NUMBER_WORDS.get(word.group(0)) or _NUMBER_WORDS.get(word.group(0).split()[0].split("-")[0])
        return value
    return None


def _months(number: str, unit: str) -> int | None:
    n = _parse_number(number)
    if n is None:
        return None
    unit = unit.lower()
    if "year" in unit:
        return n * 12
    if "week" in unit:
        return max(1, round(n / 4.33))
    if "day" in unit:
        return max(1, round(n / 30))
    return n


# --- NATO ---------------------------------------------------------------------------------------

_SUPPORT_VERB = r"(?:support\w*|advocat\w+|promot\w+|champion\w*|back\w*|endors\w+|work(?:ing)?\s+towards|help\w*|assist\w*|facilitat\w+|advanc\w+|strengthen\w*|coordinat\w+)"
_MEMBERSHIP = r"(?:accession|membership|admission|integration|path(?:way)?|bid|invitation|entry|joining|future)"
NATO_SUPPORT = [
    _rx(rf"{_SUPPORT_VERB}\s+(?:{_W}){{0,8}}?{_MEMBERSHIP}\s+(?:{_W}){{0,3}}?(?:to|in|into|of|with|towards?)\s+(?:the\s+)?{NATO}"),
    _rx(rf"{_SUPPORT_VERB}\s+(?:{_W}){{0,6}}?{NATO}\s+(?:membership|accession)"),
    _rx(rf"\bfuture\s+(?:of\s+ukraine\s+)?(?:lies|is|belongs)\s+(?:firmly\s+)?(?:with)?in\s+(?:the\s+)?{NATO}"),
    _rx(rf"\bukraine\s+(?:will|shall|is\s+going\s+to)\s+(?:{_W}){{0,3}}?(?:become\s+(?:a\s+)?(?:full\s+)?(?:member|ally)|join|accede\s+to)\s+(?:of\s+|to\s+|in\s+)?(?:the\s+)?{NATO}"),
    _rx(rf"(?:membership|accession)\s+(?:{_W}){{0,2}}?(?:of|in|to)\s+(?:the\s+)?{NATO}\s+(?:\([A-Z]+\)\s+)?(?:{_W}){{0,3}}?(?:would|will)\s+(?:{_W}){{0,2}}?(?:contribut|make|strengthen|enhance|serve|be\s+in)"),
    _rx(r"\bnot\s+(?:{w}){{0,3}}?(?:a|an)?\s*(?:replacement|substitute|alternative)\s+(?:for|to|of)\s+(?:{w}){{0,4}}?(?:membership|accession)".format(w=_W)),
    _rx(rf"\bbridge\s+(?:{_W}){{0,3}}?(?:to|towards)\s+(?:{_W}){{0,5}}?(?:membership|accession)"),
    _rx(r"\birreversible\s+(?:path|pathway|course|road|trajectory)\s+(?:{w}){{0,8}}?(?:membership|integration|accession)".format(w=_W)),
    _rx(rf"\binvit\w+\s+(?:{_W}){{0,4}}?ukraine\s+to\s+(?:join|become\s+a\s+member)"),
    _rx(rf"\bukraine['’]s\s+(?:rightful\s+)?place\s+is\s+in\s+(?:the\s+)?{NATO}"),
]
_NATO_NEEDS_NATO = {5, 6, 7, 8}  # these patterns need NATO named somewhere in the sentence
_NATO_REF = _rx(NATO)
_NATO_CONTRA = _rx(r"without\s+prejudice|(?:do|does|will|shall|can|could|would)\s+not\s+(?:\w+\s+)?support|\bno\s+longer\s+support|\boppos\w+")
_REFORM_CONTEXT = _rx(r"\breforms?\b|\baspirations?\b")
NATO_STATUS = _rx(
    rf"(?:in\s+the\s+event|\bif\b|\bshould\b|\bwhen\b|\bonce\b|\bupon\b|\bafter\b|\bfollowing\b|in\s+case|\bwith\b)\s+(?:{_W}){{0,3}}?"
    rf"ukraine(?:['’]s)?\s+(?:{_W}){{0,2}}?(?:becom\w+|join\w*|accedes?|accession|admission|membership|is\s+admitted)\s+(?:{_W}){{0,4}}?{NATO}"
)
_STATUS_FATE = _rx(rf"status|{AGREEMENT}|\bits\s+(?:future|fate|continuation)|\breview|\brevis|\bmodif|\badapt|\bamend|\bterminat|\breplace|\bsupersed|meet\s+and\s+confer|\bconsult|\bdecide")

# --- future attack chapter ---------------------------------------------------------------------

_HOURS = r"(?P<h>24|twenty[- ]four|48|forty[- ]eight|72|seventy[- ]two|\d{1,3})(?:\s*\(\s*(?:\d{1,3}|[a-z- ]+)\s*\))?[\s-]*(?:hours?|hrs?\b|h\b)"
CONSULT_DEADLINE = _rx(rf"(?:within|in|no\s+later\s+than|not\s+later\s+than|inside\s+of|in\s+no\s+more\s+than)\s+(?:the\s+first\s+|a\s+)?(?:period\s+of\s+)?{_HOURS}|\b(?P<h2>24|twenty[- ]four)[\s-]hours?\s+(?:consultations?|meeting)|within\s+(?:one|a\s+single|a)\s+day\b")
_HOUR_HINT = re.compile(r"\d\s*hrs?\b|\d\s*h\b")
_CONSULT_VERB = _rx(r"\bconsult\w*|\bmeet\b|\bmeeting|\bconven\w+|\bconfer\b|\btalks\b")
_ATTACK = _rx(r"\battack\w*|\baggression|\binvasion|\bescalation|\bthreat")
ESCALATION = _rx(r"\bsignificant\s+escalation|\bserious\s+escalation")
ALIGNMENT = _rx(
    rf"(?:amend|modify|adapt|revise|update|adjust)\w*\s+(?:{_W}){{0,12}}?(?:in\s+order\s+)?to\s+(?:be\s+)?align\w*\s+(?:{_W}){{0,3}}?with\s+(?:{_W}){{0,3}}?mechanisms?"
    rf"|align\w*\s+with\s+any\s+(?:{_W}){{0,2}}?mechanisms?"
)

# --- reciprocity --------------------------------------------------------------------------------

RECIPROCITY = [
    _rx(
        rf"(?:aggression|attack|threat)\w*,?\s+(?:{_W}){{0,10}}?ukraine\s+(?:{_W}){{0,3}}?"
        rf"(?:is|be|will\s+be|would\s+be|becomes?|shall\s+be)\s+(?:{_W}){{0,2}}?(?:able|capable|in\s+a\s+position|ready)\s+to\s+(?:{_W}){{0,2}}?"
        rf"(?:provide|render|offer|give|contribute|assist|help|support|come\s+to)"
    ),
    _rx(
        rf"ukraine\s+(?:{_W}){{0,3}}?(?:is|be|will\s+be|would\s+be|becomes?|shall\s+be)\s+(?:{_W}){{0,2}}?(?:able|capable|in\s+a\s+position|ready)\s+to\s+(?:{_W}){{0,2}}?"
        rf"(?:provide|render|offer|give|contribute|assist|help|support|come\s+to)\s+(?:{_W}){{0,10}}?(?:aggression|attack|threat)\w*\s+(?:{_W}){{0,3}}?against\s+(?!ukraine)"
    ),
    _rx(
        rf"(?:deter|confront|counter|assist|defend|respond|repel|resist)\w*\s+(?:{_W}){{0,8}}?(?:aggression|attacks?|threats?)\s+(?:{_W}){{0,6}}?against\s+(?:{_W}){{0,4}}?"
        rf"(?:either|each|any|both)\s+(?:of\s+the\s+)?(?:participants?|part(?:y|ies)|sides?|signator(?:y|ies))"
    ),
    _rx(rf"\bmutual\s+(?:military\s+)?(?:assistance|defen[cs]e|support|aid)\s+(?:{_W}){{0,8}}?(?:attack|aggression)"),
    _rx(
        rf"ukraine\s+(?:will|would|shall|commits\s+to|undertakes\s+to|intends\s+to)\s+(?:{_W}){{0,3}}?(?:provide|render|offer|come\s+to)\s+(?:{_W}){{0,5}}?"
        rf"(?:assistance|support|help|aid)\s+(?:{_W}){{0,8}}?(?:aggression|attack)\w*\s+(?:{_W}){{0,2}}?against\s+(?!ukraine)"
    ),
]

# help that flows *to* Ukraine is not reciprocity
_AGAINST_UKRAINE = _rx(r"against\s+ukraine\b")

# --- duration -----------------------------------------------------------------------------------

_VALIDITY = r"(?:is|will\s+be|shall\s+be|remains?|will\s+remain|shall\s+remain|is\s+concluded|will\s+stay|enters?\s+into\s+force|comes?\s+into\s+effect)\s+(?:{w}){{0,2}}?(?:valid|in\s+force|in\s+effect|effective|concluded|applicable|operative)".format(w=_W)
DURATION = [
    _rx(rf"{_AGREEMENT_OR_IT}\s+(?:{_W}){{0,3}}?{_VALIDITY}\s+(?:{_W}){{0,4}}?(?:for\s+)?(?:a\s+(?:period|term|duration)\s+of\s+)?(?P<n>{NUMBER})[\s-]*years?"),
    _rx(rf"{_AGREEMENT_OR_IT}\s+(?:{_W}){{0,8}}?(?:for\s+)?(?:a|the|an\s+initial)\s+(?:period|term|duration)\s+of\s+(?P<n>{NUMBER})[\s-]*years?"),
    _rx(rf"(?:validity|term|duration|period\s+of\s+validity)\s+of\s+{_AGREEMENT_OR_IT}\s+(?:{_W}){{0,3}}?(?:is|will\s+be|shall\s+be)\s+(?P<n>{NUMBER})[\s-]*years?"),
    _rx(rf"{_AGREEMENT_OR_IT}\s+(?:{_W}){{0,3}}?(?:has|will\s+have|shall\s+have)\s+a\s+(?:term|duration|validity)\s+of\s+(?P<n>{NUMBER})[\s-]*years?"),
]
DURATION_WEAK = _rx(rf"(?P<n>{NUMBER})[\s-]*years?\s+(?:duration|term|period|validity|lifetime|life)\s+of\s+{AGREEMENT}")
OPEN_ENDED = _rx(
    r"(?:indefinite|unlimited|open-ended)\s+(?:period|duration|term)|\bopen-ended\b|\bwithout\s+(?:a\s+)?(?:time\s+limit|fixed\s+term|expiry)"
    rf"|{_AGREEMENT_OR_IT}\s+(?:{_W}){{0,3}}?remains?\s+in\s+(?:force|effect)\s+until\s+(?:it\s+is\s+)?terminated"
)
REVIEW = _rx(
    rf"(?:review|evaluat|assess|reassess|stock-?take|revisit)\w*\s+(?:{_W}){{0,6}}?(?:{AGREEMENT}|its\s+implementation|the\s+commitments|effectiveness)"
    rf"|{AGREEMENT}\s+(?:{_W}){{0,3}}?(?:will|shall)\s+be\s+(?:reviewed|evaluated|assessed)"
)

# --- money --------------------------------------------------------------------------------------

_CURRENCY = r"(?:£|€|\$|US\$|USD|EUR|GBP|SEK|NOK|DKK|CAD|JPY|¥|PLN|CZK|CHF|ISK|AUD|BGN|RON|HUF)"
_CURRENCY_WORD = r"(?:euros?|pounds?(?:\s+sterling)?|(?:US\s+|U\.S\.\s+)?dollars?|kronor|kroner|krona|krone|crowns?|yen|z[lł]oty|francs?|leva|lei)"
_SCALE = r"(?:\s?(?:bn|billion|million|mn|m|thousand|trillion)\b)?"
AMOUNT = _rx(rf"(?:(?:up\s+to\s+)?{_CURRENCY}\s?(?:\d[\d.,]*|\[[^\]\n]{{1,40}}\])\s?{_SCALE}|\d[\d.,]*{_SCALE}\s*(?:of\s+)?{_CURRENCY_WORD}\b|\d[\d.,]*{_SCALE}\s*{_CURRENCY}\b)")
_COMMIT = _rx(r"\bwill\b|\bshall\b|\bintends?\s+to\b|\bcommit|\bpledg|\ballocat|\bearmark|\bundertak|\bplans?\s+to\b|\bprepared\s+to\b|\bdecided\s+to\b|\bhas\s+decided\b|\bis\s+to\s+provide")
_SUPPORT_NOUN = _rx(r"support|assistance|\baid\b|funding|contribution|package|provid|budget|financ")
GDP_SHARE = _rx(r"\d+(?:[.,]\d+)?\s*(?:%|per\s*cent|percent)\s+(?:{w}){{0,2}}?of\s+(?:its\s+|their\s+|the\s+)?(?:[\w-]+\s+)?(?:gdp|gross\s+domestic\s+product)".format(w=_W))
MULTI_YEAR = _rx(r"20\d\d\s*(?:-|to|until|through)\s*(?:20)?\d\d\b|\bover\s+(?:the\s+)?(?:next\s+)?(?:\w+[\s-])?(?:years|year\s+period)")
APPROPRIATION = _rx(r"subject\s+to\s+(?:[\w'\-]+\s+){0,3}?(?:appropriations?|availability\s+of\s+(?:appropriated\s+)?(?:funds|appropriations|resources)|budgetary\s+(?:approval|procedures|availability|allocations?)|parliamentary\s+(?:approval|appropriation))")

# --- wording flags ------------------------------------------------------------------------------

QUALIFIER = _rx(
    r"\bas\s+appropriate\b|\bwithin\s+(?:its|their|the)\s+(?:own\s+)?(?:available\s+)?(?:means|capabilities|capacities|possibilities|resources)(?:\s+and\s+(?:capabilities|means|capacities|resources))?"
    r"|\bwhere\s+(?:possible|feasible)\b|\bto\s+the\s+extent\s+(?:possible|feasible|practicable)\b|\bif\s+(?:possible|feasible)\b|\bas\s+far\s+as\s+possible\b|\binsofar\s+as\s+possible\b"
)
_HELP = _rx(r"assist|support|\bhelp|provid|\bconsult|\bmeet\b|\baid\b")
_ALWAYS_WEAKENING = _rx(r"\bwithin\s+(?:its|their|the)\s+(?:own\s+)?(?:available\s+)?(?:means|capabilities|capacities|possibilities|resources)")
_ASSURANCE_WORD = _rx(r"assurances?")
# "assurances" as a word for the commitments (the Budapest Memorandum sense), not an audit term
ASSURANCES = _rx(
    r"\b(?:security|military|defen[cs]e|political|firm|strong|binding|solid|credible|reliable|robust|written|international|such)\s+assurances?\b"
    r"|\bassurances?\s+(?:to|for|of\s+support)\b"
    r"|\b(?:provide|provides|provided|give|gives|given|offer|offers|extend|extends|receive|receives)\s+(?:[\w'-]+\s+){0,3}?assurances?\b"
)
BRACKET = re.compile(r"\[[^\[\]\n]{0,800}\]|\[[^\]\n]{0,80}$|\[(?=[^\]]*\[)")
_FOOTNOTE = re.compile(r"^\[\s*(?:\d{1,3}|[ivx]{1,5}|sic)\s*\]$", re.IGNORECASE)
PLACEHOLDER_MARK = re.compile(r"_{3,}|\u25cf|\bTBD\b|\bTBC\b|\[\s*(?:insert|to\s+be\s+(?:agreed|confirmed|inserted))\b[^\]]*\]|<\s*insert[^>]*>", re.IGNORECASE)
_ATTACK_HEADING = _rx(r"attack|aggression")


# --- scanning one paragraph --------------------------------------------------------------------


@dataclass(slots=True)
class Signal:
    """A local finding inside one paragraph: where, which sentence, and a value."""

    start: int
    end: int
    sentence: tuple[int, int]
    value: object = True


@dataclass
class ParagraphScan:
    sentences: list[tuple[int, int]]
    signals: dict[str, list[Signal]] = field(default_factory=dict)

    def add(self, kind: str, signal: Signal) -> None:
        self.signals.setdefault(kind, []).append(signal)

    def get(self, kind: str) -> list[Signal]:
        return self.signals.get(kind, [])


@lru_cache(maxsize=8192)
def scan_paragraph(text: str, attack_context: bool = False) -> ParagraphScan:
    """Every local signal in one paragraph. Pure and cached: same text, same scan."""
    norm = normalise(text)
    lower = norm.lower()
    scan = ParagraphScan(sentence_spans(norm))
    for span in scan.sentences:
        sentence = norm[span[0] : span[1]]
        low = lower[span[0] : span[1]]
        _scan_exit(scan, sentence, low, span)
        if "nato" in low or "north atlantic" in low or "alliance" in low or "membership" in low or "bridge" in low:
            _scan_nato(scan, sentence, span)
        if "hour" in low or " day" in low or _HOUR_HINT.search(low):
            _scan_consultation(scan, sentence, span)
        if "escalation" in low:
            _add_all(scan, "escalation", ESCALATION, sentence, span)
        if "align" in low:
            _add_all(scan, "alignment", ALIGNMENT, sentence, span, first_only=True)
        if "against" in low or "mutual" in low or "aggression" in low or "attack" in low:
            _scan_reciprocity(scan, sentence, span)
        if "year" in low:
            _scan_duration(scan, sentence, span)
        if "open-ended" in low or "indefinite" in low or "unlimited" in low or "until" in low or "without" in low:
            _add_all(scan, "open_ended", OPEN_ENDED, sentence, span, first_only=True)
        if "review" in low or "evaluat" in low or "assess" in low or "stock" in low or "revisit" in low:
            _add_all(scan, "review", REVIEW, sentence, span, first_only=True)
        _scan_money(scan, sentence, low, span)
        if _HELP.search(sentence):
            for match in QUALIFIER.finditer(sentence):
                if attack_context or _ATTACK.search(sentence) or _ALWAYS_WEAKENING.match(match.group(0)):
                    scan.add("qualifier", Signal(span[0] + match.start(), span[0] + match.end(), span, match.group(0).lower()))
        if "assurance" in low:
            for match in ASSURANCES.finditer(sentence):
                word = _ASSURANCE_WORD.search(match.group(0))
                start = span[0] + match.start() + word.start()
                scan.add("assurance", Signal(start, start + len(word.group(0)), span, word.group(0).lower()))
    if "[" in norm:
        for match in BRACKET.finditer(norm):
            if not _FOOTNOTE.match(match.group(0)):
                scan.add("bracket", Signal(match.start(), match.end(), _sentence_at(scan, match.start()), match.group(0)))
    for match in PLACEHOLDER_MARK.finditer(norm):
        scan.add("placeholder", Signal(match.start(), match.end(), _sentence_at(scan, match.start()), match.group(0)))
    return scan


def _sentence_at(scan: ParagraphScan, offset: int) -> tuple[int, int]:
    for span in scan.sentences:
        if span[0] <= offset < span[1]:
            return span
    return (offset, offset)


def _add_all(scan: ParagraphScan, kind: str, pattern: re.Pattern[str], sentence: str, span: tuple[int, int], first_only: bool = False) -> bool:
    found = False
    for match in pattern.finditer(sentence):
        scan.add(kind, Signal(span[0] + match.start(), span[0] + match.end(), span, match.group(0)))
        found = True
        if first_only:
            break
    return found


def _scan_exit(scan: ParagraphScan, sentence: str, low: str, span: tuple[int, int]) -> None:
    if not any(k in low for k in ("terminat", "discontinu", "withdraw", "denounc", " end", "cease", "revok", "cancel")):
        if any(k in low for k in ("notice", "notif", "prior", "advance", "receipt")):
            _scan_notice_unless_extension(scan, sentence, low, span)
        return
    if EXIT_NEGATED.search(sentence):
        scan.add("exit_negated", Signal(span[0], span[1], span))
        return
    grant = None
    for pattern in (EXIT_ACTIVE, EXIT_PASSIVE, EXIT_RIGHT):
        match = pattern.search(sentence)
        if match:
            tail = sentence[match.start() :]
            unilateral = _UNILATERAL.search(tail) or not _MUTUAL_ONLY.search(sentence)
            if pattern is EXIT_PASSIVE and not _UNILATERAL.search(sentence):
                unilateral = False
            if unilateral:
                grant = match
                break
    if grant is None:
        grant = EXIT_BY_NOTICE.search(sentence)
    if grant is not None:
        scan.add("exit", Signal(span[0] + grant.start(), span[0] + grant.end(), span))
    elif "inform" in low:
        soft = SOFT_EXIT.search(sentence)
        if soft:
            scan.add("exit_soft", Signal(span[0] + soft.start(), span[0] + soft.end(), span))
    if grant is not None:
        _scan_notice(scan, sentence, span)
    else:
        _scan_notice_unless_extension(scan, sentence, low, span)


def _scan_notice_unless_extension(scan: ParagraphScan, sentence: str, low: str, span: tuple[int, int]) -> None:
    """A period of notice, unless the sentence is about extending or renewing the term."""
    if any(unit in low for unit in ("month", "year", "day", "week", "immediate")) and not _NOT_EXIT_NOTICE.search(sentence):
        _scan_notice(scan, sentence, span)


def _scan_notice(scan: ParagraphScan, sentence: str, span: tuple[int, int]) -> None:
    best: tuple[int, int, int] | None = None
    for pattern in _NOTICE_PATTERNS:
        match = pattern.search(sentence)
        if not match:
            continue
        if match.groupdict().get("immediate"):
            months: int | None = 0
        else:
            months = _months(match.group("n"), match.group("u"))
        if months is not None and (best is None or match.start() < best[0]):
            best = (match.start(), match.end(), months)
    if best is not None:
        scan.add("notice", Signal(span[0] + best[0], span[0] + best[1], span, best[2]))


def _scan_nato(scan: ParagraphScan, sentence: str, span: tuple[int, int]) -> None:
    has_nato = bool(_NATO_REF.search(sentence)) or "Alliance" in sentence
    contra = _NATO_CONTRA.search(sentence)
    for number, pattern in enumerate(NATO_SUPPORT):
        match = pattern.search(sentence)
        if not match:
            continue
        if number in _NATO_NEEDS_NATO and not has_nato:
            continue
        if number in (0, 1) and (not has_nato or _REFORM_CONTEXT.search(match.group(0))):
            continue
        if contra and number in (0, 1):
            continue
        if contra and contra.group(0).lower().startswith(("do", "will", "shall", "can", "could", "would", "no ", "oppos")):
            continue
        scan.add("nato_support", Signal(span[0] + match.start(), span[0] + match.end(), span))
        break
    if has_nato:
        status = NATO_STATUS.search(sentence)
        if status and _STATUS_FATE.search(sentence[status.end() :]):
            scan.add("nato_status", Signal(span[0] + status.start(), span[1], span))


def _scan_consultation(scan: ParagraphScan, sentence: str, span: tuple[int, int]) -> None:
    match = CONSULT_DEADLINE.search(sentence)
    if not match or not _CONSULT_VERB.search(sentence):
        return
    raw = match.group("h") or match.group("h2")
    hours = 24 if raw is None else _parse_number(raw.replace(" ", "-")) or _parse_number(raw)
    if raw and raw.lower().startswith("forty"):
        hours = 48
    elif raw and raw.lower().startswith("seventy"):
        hours = 72
    scan.add("consultation", Signal(span[0] + match.start(), span[0] + match.end(), span, hours))


def _scan_reciprocity(scan: ParagraphScan, sentence: str, span: tuple[int, int]) -> None:
    for pattern in RECIPROCITY:
        match = pattern.search(sentence)
        if match and not _AGAINST_UKRAINE.search(match.group(0)):
            scan.add("reciprocity", Signal(span[0] + match.start(), span[0] + match.end(), span))
            return


def _scan_duration(scan: ParagraphScan, sentence: str, span: tuple[int, int]) -> None:
    for pattern in DURATION:
        match = pattern.search(sentence)
        if match:
            years = _parse_number(match.group("n"))
            if years:
                scan.add("duration", Signal(span[0] + match.start(), span[0] + match.end(), span, years))
                return
    weak = DURATION_WEAK.search(sentence)
    if weak:
        years = _parse_number(weak.group("n"))
        if years:
            scan.add("duration_weak", Signal(span[0] + weak.start(), span[0] + weak.end(), span, years))


def _scan_money(scan: ParagraphScan, sentence: str, low: str, span: tuple[int, int]) -> None:
    if "%" in low or "per cent" in low or "percent" in low:
        gdp = GDP_SHARE.search(sentence)
        if gdp and _SUPPORT_NOUN.search(sentence):
            scan.add("money", Signal(span[0] + gdp.start(), span[0] + gdp.end(), span, "gdp_share"))
            return
    if "subject to" in low:
        appropriation = APPROPRIATION.search(sentence)
        if appropriation and _SUPPORT_NOUN.search(sentence):
            scan.add("money", Signal(span[0] + appropriation.start(), span[0] + appropriation.end(), span, "appropriation"))
            return
    if not any(ch.isdigit() for ch in sentence):
        return
    amount = AMOUNT.search(sentence)
    if amount and _COMMIT.search(sentence) and _SUPPORT_NOUN.search(sentence):
        kind = "multi_year" if MULTI_YEAR.search(sentence) else "amount"
        scan.add("money", Signal(span[0] + amount.start(), span[0] + amount.end(), span, kind))


# --- combining scans into document features ----------------------------------------------------


def _evidence(doc: Document, index: int, signal: Signal, whole_sentence: bool = True) -> Evidence:
    paragraph = doc.paragraphs[index]
    start, end = signal.sentence if whole_sentence else (signal.start, signal.end)
    quote = shorten(paragraph.text[start:end], 400, "...")
    return Evidence(paragraph=index, start=start, end=end, quote=quote, clause=paragraph.clause)


def scan_document(doc: Document) -> list[ParagraphScan | None]:
    scans: list[ParagraphScan | None] = []
    for paragraph in doc.paragraphs:
        if paragraph.kind != "paragraph":
            scans.append(None)
            continue
        scans.append(scan_paragraph(paragraph.text, bool(_ATTACK_HEADING.search(paragraph.heading))))
    return scans


def extract_features(doc: Document, scans: list[ParagraphScan | None] | None = None) -> dict[str, Feature]:
    """All features of a document, each with the evidence a reviewer can check."""
    if scans is None:
        scans = scan_document(doc)
    located: dict[str, list[tuple[int, Signal]]] = {}
    for index, scan in enumerate(scans):
        if scan is None:
            continue
        for kind, signals in scan.signals.items():
            bucket = located.setdefault(kind, [])
            bucket.extend((index, s) for s in signals)

    def first(kind: str) -> tuple[int, Signal] | None:
        items = located.get(kind)
        return items[0] if items else None

    def flag(kind: str) -> Feature:
        hit = first(kind)
        return Feature(hit is not None, [_evidence(doc, *hit)] if hit else [])

    features: dict[str, Feature] = {}
    exit_hit, exit_value = first("exit"), "yes"
    if exit_hit is None:
        exit_hit, exit_value = first("exit_soft"), "soft"
    if exit_hit is None:
        features["unilateral_exit"] = Feature("no")
        features["notice_months"] = Feature(None)
    else:
        features["unilateral_exit"] = Feature(exit_value, [_evidence(doc, *exit_hit)])
        notice = _notice_after(located.get("notice", []), exit_hit, scans)
        features["notice_months"] = Feature(notice[1].value, [_evidence(doc, *notice)]) if notice else Feature(None)

    features["nato_support"] = flag("nato_support")
    features["nato_status_clause"] = flag("nato_status")
    consultations = located.get("consultation", [])
    within_day = [c for c in consultations if c[1].value == 24]
    chosen = within_day[0] if within_day else (consultations[0] if consultations else None)
    features["consultation_24h"] = Feature(bool(within_day), [_evidence(doc, *within_day[0])] if within_day else [])
    features["consultation_hours"] = Feature(chosen[1].value if chosen else None, [_evidence(doc, *chosen)] if chosen else [])
    features["alignment_mechanism"] = flag("alignment")
    features["escalation_trigger"] = flag("escalation")
    features["reciprocity"] = flag("reciprocity")

    duration = first("duration") or first("duration_weak")
    open_ended = first("open_ended")
    if duration:
        features["duration_years"] = Feature(duration[1].value, [_evidence(doc, *duration)])
    else:
        features["duration_years"] = Feature(None, [_evidence(doc, *open_ended)] if open_ended else [])
    features["open_ended"] = Feature(duration is None, [_evidence(doc, *open_ended)] if open_ended and not duration else [])
    features["review_clause"] = flag("review")
    money = first("money")
    features["money_pledge"] = Feature(money[1].value if money else None, [_evidence(doc, *money)] if money else [])

    features["qualifiers"] = Feature(_hits(doc, located.get("qualifier", [])))
    features["assurances"] = Feature(_hits(doc, located.get("assurance", [])))
    features["brackets"] = Feature(_hits(doc, located.get("bracket", [])))
    features["placeholders"] = Feature(_hits(doc, located.get("placeholder", [])))
    features["clause_similarity"] = Feature([])
    return features


def _notice_after(
    notices: list[tuple[int, Signal]], exit_hit: tuple[int, Signal], scans: list[ParagraphScan | None]
) -> tuple[int, Signal] | None:
    """The notice period that belongs to the exit clause: in its sentence, later in its
    paragraph, or in the next paragraph (as when the period has a paragraph of its own)."""
    paragraph, signal = exit_hit
    candidates = [
        (index, s)
        for index, s in notices
        if (index == paragraph and s.sentence[0] >= signal.sentence[0]) or index == _next_text(paragraph, scans)
    ]
    return candidates[0] if candidates else None


def _next_text(index: int, scans: list[ParagraphScan | None]) -> int | None:
    for following in range(index + 1, min(index + 3, len(scans))):
        if scans[following] is not None:
            return following
    return None


def _hits(doc: Document, items: Iterable[tuple[int, Signal]]) -> list[Hit]:
    hits = []
    for index, signal in items:
        evidence = _evidence(doc, index, signal, whole_sentence=False)
        evidence.quote = around(doc.paragraphs[index].text, signal.start, signal.end)
        hits.append(Hit(value=signal.value, evidence=evidence))
    return hits


def feature_values(features: dict[str, Feature]) -> dict[str, object]:
    return {name: feature.value for name, feature in features.items()}
