"""What the closing lines of a signed agreement say: the date of signature, and the language
clause (the languages of the originals and which text prevails in a divergence).

Both stand in the sentence that starts "Signed at ..." or "Done at ...", near the end; the
rule for a divergence often follows in the next sentence. Nothing here is keyed to one text:
the patterns are the common forms of a signature line and of a language clause.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from bsa_drafter.detectors import normalise, sentence_spans
from bsa_drafter.models import Document, Evidence

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_DATES = [
    re.compile(
        rf"\b{_DAY}(?:\s+day)?(?:\s+of)?\s+{_MONTH},?\s+(?:of\s+)?{_YEAR}\b", re.IGNORECASE
    ),  # 12 January 2024, 13th day of June, 2024
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.IGNORECASE),  # June 13, 2024
    re.compile(rf"\b{_YEAR}-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b"),  # 2024-06-13
    re.compile(rf"\b(?P<day>[0-3]?\d)\.(?P<month>[01]?\d)\.{_YEAR}\b"),  # 13.06.2024
]
_SIGNED = re.compile(r"\b(?:signed|done|concluded|executed)\b", re.IGNORECASE)
# a signature line starts with the verb ("Signed in Kyiv on ...", "Done at ..., this 13th day of ...")
_SIGNATURE_LINE = re.compile(r"^(?:\d{1,2}[.)]\s*)?(?:signed|done)\b", re.IGNORECASE)

# Languages an agreement of Ukraine's may be signed in, as English names them.
LANGUAGE_NAMES = (
    "Albanian",
    "Bulgarian",
    "Croatian",
    "Czech",
    "Danish",
    "Dutch",
    "English",
    "Estonian",
    "Finnish",
    "French",
    "German",
    "Greek",
    "Hungarian",
    "Icelandic",
    "Irish",
    "Italian",
    "Japanese",
    "Korean",
    "Latvian",
    "Lithuanian",
    "Luxembourgish",
    "Macedonian",
    "Maltese",
    "Montenegrin",
    "Norwegian",
    "Polish",
    "Portuguese",
    "Romanian",
    "Serbian",
    "Slovak",
    "Slovene",
    "Slovenian",
    "Spanish",
    "Swedish",
    "Turkish",
    "Ukrainian",
)
_LANGUAGE = r"(?:" + "|".join(LANGUAGE_NAMES) + r")"
_LANGUAGE_WORD = re.compile(rf"\b{_LANGUAGE}\b")
# a sentence that states the languages of the originals
_ORIGINALS = re.compile(r"\b(?:duplicate|triplicate|originals?|copies|languages?|texts?|versions?)\b", re.IGNORECASE)
_PREVAILS = [
    re.compile(
        rf"\b(?P<lang>{_LANGUAGE})\s+(?:language\s+)?(?:text|version|original)s?\s+(?:of\s+which\s+|thereof\s+)?"
        r"(?:will|shall|is\s+to|to|is|being|would)?\s*"
        r"(?:prevail|be\s+valid|valid|be\s+decisive|decisive|be\s+authoritative|authoritative|govern)\w*"
    ),
    re.compile(
        rf"\b(?:text|version)\s+in\s+(?:the\s+)?(?P<lang>{_LANGUAGE})(?:\s+language)?\s+(?:will|shall|is\s+to)?\s*"
        r"(?:prevail|be\s+decisive|be\s+authoritative|govern)"
    ),
    re.compile(rf"\b(?P<lang>{_LANGUAGE})\s+(?:text|version)\s+prevailing\b"),
]
_EQUAL = re.compile(
    r"\b(?:equally\s+(?:authentic|valid|binding)|equal(?:ly)?\s+(?:validity|force|authenticity)"
    r"|(?:being|are)\s+equivalent|having\s+the\s+same\s+force)\b",
    re.IGNORECASE,
)
_DIVERGENCE = re.compile(r"\b(?:divergen|discrepanc|difference|inconsistenc|dispute|conflict)\w*", re.IGNORECASE)


@dataclass(frozen=True)
class LanguageClause:
    """The languages of the originals, in the order the text names them, and which prevails:
    a language name, "equal" when all are equally valid, or None when the text does not say."""

    languages: tuple[str, ...]
    prevails: str | None
    evidence: Evidence

    def describe(self) -> str:
        rule = {None: "no rule for a divergence", "equal": "all equal"}.get(self.prevails, f"{self.prevails} prevails")
        return f"{', '.join(self.languages)}; {rule}"


@dataclass(frozen=True)
class SigningDate:
    date: dt.date
    evidence: Evidence


def signing_date(document: Document) -> SigningDate | None:
    """The date in the signature line ("Signed in Kyiv on 12 January 2024"), searched from the
    end; failing that, the last sentence that says something was signed and carries a date (an
    annex after the signature may mention other documents "signed" on other dates, so a real
    signature line comes first). None when there is neither."""
    for line_only in (True, False):
        for index in range(len(document.paragraphs) - 1, -1, -1):
            text = normalise(document.paragraphs[index].text)
            if not _SIGNED.search(text):
                continue
            for start, end in sentence_spans(text):
                sentence = text[start:end]
                signed = _SIGNATURE_LINE.match(sentence) if line_only else _SIGNED.search(sentence)
                date = _first_date(sentence[signed.start() :]) if signed else None
                if date is not None:
                    return SigningDate(date, _evidence(document, index, start, end))
    return None


def _first_date(text: str) -> dt.date | None:
    found = [(match.start(), match) for pattern in _DATES for match in pattern.finditer(text)]
    for _, match in sorted(found, key=lambda item: item[0]):
        month = match.group("month")
        number = int(month) if month.isdigit() else _MONTHS[month.lower().rstrip(".")]
        try:
            return dt.date(int(match.group("year")), number, int(match.group("day")))
        except ValueError:
            continue
    return None


def language_clause(document: Document) -> LanguageClause | None:
    """The language clause, searched from the end of the text: a sentence that names the
    languages of the originals, with the rule for a divergence in it or in the sentence after."""
    for index in range(len(document.paragraphs) - 1, -1, -1):
        paragraph = document.paragraphs[index]
        if paragraph.kind != "paragraph" or not _LANGUAGE_WORD.search(paragraph.text):
            continue
        text = normalise(paragraph.text)
        spans = sentence_spans(text)
        for number, (start, end) in enumerate(spans):
            sentence = text[start:end]
            languages = tuple(dict.fromkeys(_canonical(m.group(0)) for m in _LANGUAGE_WORD.finditer(sentence)))
            if (
                not languages
                or not _ORIGINALS.search(sentence)
                or not (_SIGNED.search(sentence) or _DIVERGENCE.search(sentence) or _EQUAL.search(sentence))
            ):
                continue
            last = end
            if number + 1 < len(spans) and _DIVERGENCE.search(text[spans[number + 1][0] : spans[number + 1][1]]):
                last = spans[number + 1][1]
            return LanguageClause(languages, _prevailing(text[start:last]), _evidence(document, index, start, last))
    return None


def _prevailing(text: str) -> str | None:
    """A language that prevails wins over "all equal": a text may call every version valid and
    still let one of them decide a divergence."""
    for pattern in _PREVAILS:
        match = pattern.search(text)
        if match and (_DIVERGENCE.search(text) or "prevail" in match.group(0).lower()):
            return _canonical(match.group("lang"))
    return "equal" if _EQUAL.search(text) else None


def _canonical(name: str) -> str:
    return "Slovenian" if name == "Slovene" else name


def _evidence(document: Document, index: int, start: int, end: int) -> Evidence:
    paragraph = document.paragraphs[index]
    quote = " ".join(paragraph.text[start:end].split())
    return Evidence(
        paragraph=index,
        start=start,
        end=end,
        quote=quote[:397] + "..." if len(quote) > 400 else quote,
        clause=paragraph.clause,
    )
