"""Cross-language checks of a bilingual draft: the English and Ukrainian of every paragraph
side by side.

    bilingual_hits(document)  the occurrences of every feature below, with evidence in either text

They are read from a `Document` whose paragraphs carry their Ukrainian (`uk`) and which names
its termbase and instrument: our assembled drafts (assemble.Draft.document). A text without a
Ukrainian side (a foreign document) has nothing to compare. The detector registry runs them
(detectors/bilingual.py), so playbook rules name these features as they name any other.

Each paragraph is compared block by block (paragraph, bullet, sub-bullet) when both texts have
the same blocks, else as a whole. The work per paragraph is remembered by its two texts, so a
re-check after a keystroke redoes one clause. The termbase's Ukrainian lemmas need the
dictionary: until it is loaded (the drafting app loads it in the background) the term-pair and
Ukrainian forbidden-word checks wait, and `terminology_ready()` says so.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from bsa_drafter import morphology
from bsa_drafter.bilingual import STATE_TEXT, structure_difference
from bsa_drafter.crosslang.quantities import Quantity, describe, has_singular, quantities
from bsa_drafter.crosslang.terms import Found, PlainMatcher, TermMatcher, matcher_for, plain_matcher
from bsa_drafter.crosslang.text import context
from bsa_drafter.models import Document, Evidence, Hit, Paragraph, Termbase, TextLanguage
from bsa_drafter.textblocks import block_spans

BILINGUAL_FEATURES: dict[str, str] = {
    "translation_stale": "clauses whose English or Ukrainian was edited and the other text did not follow "
    "(value: the stale side, uk or en; both; or missing: no Ukrainian)",
    "block_mismatches": "clauses whose Ukrainian has other paragraphs, bullets or sub-bullets than its English",
    "term_pairs_broken": "English terms of the termbase whose Ukrainian term the Ukrainian text lacks",
    "forbidden_terms_uk": "words the termbase forbids in the Ukrainian («запевнення»; «гарантії» for commitments)",
    "forbidden_terms_en": "words the termbase forbids in the English (value: the lemma, e.g. guarantee)",
    "quantity_mismatches": "numbers, periods, amounts, shares and dates that differ between the two texts",
    "bracket_mismatches": "brackets open in one text and resolved (or never there) in the other",
    "treaty_vocabulary": 'treaty words in either text ("shall", "Parties", «Сторони»)',
    "instrument": "the kind of instrument of our draft's profile: political or treaty (null for a foreign text)",
    "uk_case_forms_unknown": "Ukrainian placeholders left in the nominative: the partner's case forms are unknown",
}
BILINGUAL_LIST_FEATURES = tuple(name for name in BILINGUAL_FEATURES if name != "instrument")
# what one text has and the other lacks: for a clause whose one text has not followed the
# other, these are told in its stale finding instead
DIFFERENCES = ("block_mismatches", "term_pairs_broken", "quantity_mismatches", "bracket_mismatches")

_BRACKET = re.compile(r"\[[^\[\]\n]*\]|[\[\]]")
_FOOTNOTE = re.compile(r"^\[\s*(?:\d{1,3}|[ivx]{1,5})\s*\]$", re.IGNORECASE)


def terminology_ready(terms: Termbase) -> bool:
    """Whether the term checks run now: the Ukrainian dictionary is there, or checks may load it."""
    return not morphology.deferred() or matcher_for(terms) is not None


@dataclass(frozen=True, slots=True)
class _Mark:
    """One finding inside one paragraph, before it is given its place in a document."""

    feature: str
    value: object
    start: int
    end: int
    language: TextLanguage


def bilingual_hits(document: Document) -> dict[str, list[Hit]] | None:
    """Every occurrence of each list feature of BILINGUAL_FEATURES; None for a text without a
    Ukrainian side or a termbase."""
    if document.terms is None or all(p.uk is None for p in document.paragraphs):
        return None
    found: dict[str, list[Hit]] = {name: [] for name in BILINGUAL_LIST_FEATURES}
    plain = plain_matcher(document.terms)
    matcher = matcher_for(document.terms)
    cache = plain.paragraph_marks
    for paragraph in document.paragraphs:
        if paragraph.kind != "paragraph" or paragraph.uk is None:
            continue
        key = (paragraph.text, paragraph.uk.text, matcher is not None)
        marks = cache.get(key)
        if marks is None:
            if len(cache) > 20_000:
                cache.clear()
            marks = cache[key] = _paragraph_marks(paragraph.text, paragraph.uk.text, plain, matcher)
        uk = paragraph.uk
        behind = uk.stale in ("uk", "en", "missing")
        for mark in marks:
            if not (behind and mark.feature in DIFFERENCES):
                found[mark.feature].append(_hit(paragraph, mark))
        if uk.stale is not None:
            # a text that has not followed the other differs from it: one finding that says
            # how, rather than one per difference
            side: TextLanguage = "en" if uk.stale == "en" else "uk"
            text = paragraph.text if side == "en" else uk.text
            differences = [str(m.value) for m in marks if m.feature in DIFFERENCES]
            quote = STATE_TEXT[uk.stale] + (
                f"; they differ: {'; '.join(differences)}" if differences and behind else ""
            )
            found["translation_stale"].append(
                Hit(uk.stale, Evidence(paragraph.index, 0, len(text), quote, paragraph.clause, side))
            )
        for placeholder in uk.nominative_only:
            found["uk_case_forms_unknown"].append(
                Hit(
                    placeholder,
                    Evidence(paragraph.index, 0, len(uk.text), context(uk.text, 0, 0, 120), paragraph.clause, "uk"),
                )
            )
    return found


def _hit(paragraph: Paragraph, mark: _Mark) -> Hit:
    assert paragraph.uk is not None
    text = paragraph.text if mark.language == "en" else paragraph.uk.text
    quote = context(text, mark.start, mark.end)
    return Hit(mark.value, Evidence(paragraph.index, mark.start, mark.end, quote, paragraph.clause, mark.language))


def _paragraph_marks(
    english: str, ukrainian: str, plain: PlainMatcher, matcher: TermMatcher | None
) -> tuple[_Mark, ...]:
    marks: list[_Mark] = []
    if not ukrainian.strip():
        return ()
    difference = structure_difference(english, ukrainian)
    if difference:
        marks.append(_Mark("block_mismatches", difference, 0, len(ukrainian), "uk"))
        units = [((0, len(english)), (0, len(ukrainian)))]
    else:
        units = [((a, b), (c, d)) for (_, a, b), (_, c, d) in zip(block_spans(english), block_spans(ukrainian))]
    for (en_start, en_end), (uk_start, uk_end) in units:
        en_text, uk_text = english[en_start:en_end], ukrainian[uk_start:uk_end]
        marks.extend(_quantity_marks(en_text, uk_text, en_start, uk_start))
        marks.extend(_bracket_marks(en_text, uk_text, en_start, uk_start))
        if matcher is not None:
            pair = matcher.check_pair(en_text, uk_text)
            marks.extend(_shifted("term_pairs_broken", pair.broken, en_start))
            marks.extend(_shifted("forbidden_terms_uk", pair.renderings, uk_start))
    # a word already reported as a forbidden rendering of a term is not reported again
    rendered = [(m.start, m.end) for m in marks if m.feature == "forbidden_terms_uk"]

    def unreported(found: Found) -> bool:
        return not any(found.start < end and start < found.end for start, end in rendered)

    if matcher is not None:
        marks.extend(
            _Mark("forbidden_terms_uk", f.value, f.start, f.end, "uk")
            for f in matcher.forbidden_in_ukrainian(ukrainian)
            if unreported(f)
        )
    marks.extend(
        _Mark("forbidden_terms_en", f.value, f.start, f.end, "en") for f in plain.forbidden_in_english(english)
    )
    marks.extend(
        _Mark("treaty_vocabulary", f.value, f.start, f.end, "en") for f in plain.treaty_vocabulary(english, "en")
    )
    marks.extend(
        _Mark("treaty_vocabulary", f.value, f.start, f.end, "uk")
        for f in plain.treaty_vocabulary(ukrainian, "uk")
        if unreported(f)
    )
    return tuple(marks)


def _shifted(feature: str, found: list[Found], offset: int) -> list[_Mark]:
    return [_Mark(feature, f.value, f.start + offset, f.end + offset, f.language) for f in found]


def _quantity_marks(english: str, ukrainian: str, en_offset: int, uk_offset: int) -> list[_Mark]:
    """Quantities that differ between the two texts of one block, paired where they are the
    same kind of thing ("24 hours in the English, 48 hours in the Ukrainian")."""
    marks: list[_Mark] = []
    sides: dict[str, list[Quantity]] = {"en": [], "uk": []}
    for language, text, offset in (("en", english, en_offset), ("uk", ukrainian, uk_offset)):
        for quantity in quantities(text, language):  # type: ignore[arg-type]
            if quantity.key[0] == "words-figures":
                name = "English" if language == "en" else "Ukrainian"
                marks.append(
                    _Mark(
                        "quantity_mismatches",
                        f"{describe(quantity.key)} in the {name}",
                        quantity.start + offset,
                        quantity.end + offset,
                        language,
                    )
                )  # type: ignore[arg-type]
            else:
                sides[language].append(
                    Quantity(quantity.key, quantity.start + offset, quantity.end + offset, quantity.text)
                )
    en_only = Counter(q.key for q in sides["en"]) - Counter(q.key for q in sides["uk"])
    uk_only = Counter(q.key for q in sides["uk"]) - Counter(q.key for q in sides["en"])
    if not en_only and not uk_only:
        return marks
    left, right = _surplus(sides["en"], en_only), _surplus(sides["uk"], uk_only)
    # "one month" is often «місяць» alone, and «один рік» "a year": a count of one matches a
    # singular of its unit in the other text
    left = [q for q in left if not (_is_one(q) and has_singular(ukrainian, q.key[2], "uk"))]  # type: ignore[arg-type]
    right = [q for q in right if not (_is_one(q) and has_singular(english, q.key[2], "en"))]  # type: ignore[arg-type]
    if not left and not right:
        return marks
    for quantity in list(left):
        partner = next((q for q in right if _same_kind(q.key, quantity.key)), None)
        if partner is not None:
            right.remove(partner)
            left.remove(quantity)
            value = f"{describe(quantity.key)} in the English, {describe(partner.key)} in the Ukrainian"
            marks.append(_Mark("quantity_mismatches", value, partner.start, partner.end, "uk"))
    marks.extend(
        _Mark("quantity_mismatches", f"{describe(q.key)} in the English only", q.start, q.end, "en") for q in left
    )
    marks.extend(
        _Mark("quantity_mismatches", f"{describe(q.key)} in the Ukrainian only", q.start, q.end, "uk") for q in right
    )
    return marks


def _is_one(quantity: Quantity) -> bool:
    return quantity.key[0] == "count" and quantity.key[1] == 1


def _surplus(found: list[Quantity], extra: Counter[tuple[object, ...]]) -> list[Quantity]:
    """The occurrences that make up a text's surplus of each key (the first ones)."""
    remaining = Counter(extra)
    surplus = []
    for quantity in found:
        if remaining[quantity.key] > 0:
            remaining[quantity.key] -= 1
            surplus.append(quantity)
    return surplus


def _same_kind(a: tuple[object, ...], b: tuple[object, ...]) -> bool:
    if a[0] != b[0]:
        return False
    if a[0] == "count":
        return a[2] == b[2]
    if a[0] == "money":
        return a[2] == b[2]
    return True


def _brackets(text: str) -> list[re.Match[str]]:
    return [m for m in _BRACKET.finditer(text) if not _FOOTNOTE.match(m.group(0))]


def _bracket_marks(english: str, ukrainian: str, en_offset: int, uk_offset: int) -> list[_Mark]:
    """Brackets the two texts do not share: as many bracketed passages in both, and none left
    open. Passages are paired in order; the surplus of one text is reported in that text."""
    marks: list[_Mark] = []
    sides = {"en": _brackets(english), "uk": _brackets(ukrainian)}
    for language, found in sides.items():
        name = "English" if language == "en" else "Ukrainian"
        offset = en_offset if language == "en" else uk_offset
        for match in found:
            if len(match.group(0)) == 1:
                marks.append(
                    _Mark(
                        "bracket_mismatches",
                        f"an unpaired '{match.group(0)}' in the {name}",
                        match.start() + offset,
                        match.end() + offset,
                        language,
                    )
                )  # type: ignore[arg-type]
    closed = {language: [m for m in found if len(m.group(0)) > 1] for language, found in sides.items()}
    surplus = len(closed["en"]) - len(closed["uk"])
    if surplus:
        language = "en" if surplus > 0 else "uk"
        name, other = ("English", "Ukrainian") if language == "en" else ("Ukrainian", "English")
        offset = en_offset if language == "en" else uk_offset
        for match in closed[language][-abs(surplus) :]:
            value = f"{match.group(0)} in the {name}, no bracket left there in the {other}"
            start, end = match.start() + offset, match.end() + offset
            marks.append(_Mark("bracket_mismatches", value, start, end, language))  # type: ignore[arg-type]
    return marks
