"""A bilingual counterpart file read as one agreement in two language versions.

The file is split into its English and Ukrainian texts (reading/bilingual.py), and their
paragraphs are aligned by length, Gale-Church style (alignment.py), with what the layout tells
as evidence: table rows and runs that pair, Part and paragraph numbers, headings with headings.
Within each aligned pair, the sentences are aligned the same way. The Ukrainian of each pair is
attached to its English paragraph (`Paragraph.uk`) and the document gets our termbase, so the
cross-language checks (crosslang) run on it as on a draft of ours; the English is analysed as
any counterpart text. Where the Ukrainian detectors exist, the Ukrainian text's features are
read too, and a feature that differs between the versions is a finding: the two texts of one
agreement say different things.

What the alignment finds is reported as findings of its own: a paragraph of one text with no
counterpart in the other, two paragraphs joined in one, a pairing the lengths barely support.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from typing import Any

from bsa_drafter.alignment import Bead, Unit, align, length_cost
from bsa_drafter.crosslang import BILINGUAL_FEATURES
from bsa_drafter.crosslang.text import sentences
from bsa_drafter.detectors import detectors_for, extract_features, feature_json, feature_specs, languages, value_words
from bsa_drafter.detectors.en._words import UNIT_WORDS
from bsa_drafter.detectors.text import add_trimmed
from bsa_drafter.excerpts import shorten
from bsa_drafter.models import Document, Feature, Finding, Library, Paragraph, TextLanguage, UkrainianSide
from bsa_drafter.reading.bilingual import LAYOUT_NAMES, LENGTH_RATIO, BilingualFile, Side, Unsplit
from bsa_drafter.reading.language import language_name

UNCERTAIN = 0.5  # a pairing less probable than this is shown as uncertain
LAYOUT_DOUBT = 10.0  # how much likelier (e^10) an alignment must be to overrule the layout's pairs
_RATIO_RANGE = (0.85, 1.2)  # a file's own ratio of lengths, relative to LENGTH_RATIO, that is trusted

ONE_VERSION_ONLY = (
    "Both language versions are signed; a paragraph that only one of them has is a part of "
    "the agreement that the other version does not contain."
)
REASONS = {
    "bilingual-layout": "The two language versions are compared only where the file's layout lets them be "
    "paired; what could not be paired was not compared.",
    "bilingual-left-out": "Only the English and the Ukrainian are compared; a text in a third language has to be "
    "read by someone who knows it.",
    "english-missing": ONE_VERSION_ONLY,
    "paragraphs-merged": "Both texts are numbered alike; a paragraph joined with the next in one language moves "
    "the numbering of what follows and makes references ambiguous.",
    "pairing-uncertain": "These paragraphs were paired by their lengths alone, and the lengths barely support it: "
    "the cross-language findings on them may compare the wrong texts.",
    "versions-say-different": "The detectors read the same feature from each language version and found "
    "different values: the two texts of one agreement say different things, and whichever prevails, the other "
    "side can point to its own.",
}


@dataclass(frozen=True, slots=True)
class SentencePair:
    english: tuple[int, int] | None  # offsets in the pair's English text
    ukrainian: tuple[int, int] | None
    confidence: float


@dataclass
class AlignedPair:
    """Paragraphs of the English and of the Ukrainian text that render each other."""

    english: tuple[int, ...]
    ukrainian: tuple[int, ...]
    confidence: float
    sentences: list[SentencePair] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Difference:
    """A feature whose value differs between the two language versions, and where it was read."""

    feature: str
    english: Any
    ukrainian: Any
    evidence: str | None
    paragraph: int | None  # of the English text
    language: TextLanguage  # of the evidence: the English where it has some, else the Ukrainian
    evidence_uk: str | None = None  # what the Ukrainian detectors read


@dataclass
class ParallelText:
    file: BilingualFile
    pairs: list[AlignedPair]
    ratio: float  # the length of the Ukrainian per character of English assumed by the alignment
    features_uk: dict[str, Feature] | None = None  # None: no detectors for Ukrainian
    differences: list[Difference] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)  # the alignment's and the cross-language ones

    @property
    def english(self) -> Document:
        return self.file.english.document

    @property
    def ukrainian(self) -> Document:
        return self.file.ukrainian.document

    def english_of(self, ukrainian: int) -> int | None:
        """The English paragraph a Ukrainian paragraph was paired with, or the one before it."""
        before = None
        for pair in self.pairs:
            if ukrainian in pair.ukrainian:
                return pair.english[0] if pair.english else before
            if pair.english:
                before = pair.english[-1]
            if pair.ukrainian and pair.ukrainian[0] > ukrainian:
                break
        return before


# --- aligning the two texts -------------------------------------------------------------------------


def align_texts(found: BilingualFile, library: Library, source: Document) -> ParallelText:
    """The paragraphs of both texts aligned, the Ukrainian attached to the English, and what
    the file's revisions, comments, notes and reading warnings are attached to mapped onto the
    English paragraphs (those of the Ukrainian onto the English they render)."""
    english, ukrainian = found.english, found.ukrainian
    measured = ukrainian.characters() / max(1, english.characters())
    low, high = (LENGTH_RATIO * bound for bound in _RATIO_RANGE)
    ratio = measured if low <= measured <= high else LENGTH_RATIO
    beads = _aligned(found, ratio)
    pairs = [AlignedPair(b.left, b.right, round(b.confidence, 3)) for b in beads]
    paragraphs_en, paragraphs_uk = english.document.paragraphs, ukrainian.document.paragraphs
    for pair in pairs:
        en_text = "\n\n".join(paragraphs_en[i].text for i in pair.english)
        uk_text = "\n\n".join(paragraphs_uk[j].text for j in pair.ukrainian)
        pair.sentences = align_sentences(en_text, uk_text, ratio)
        _attach(pair, paragraphs_en, paragraphs_uk, ratio)
    english.document.terms = library.terms
    parallel = ParallelText(found, pairs, round(ratio, 3))
    _carry_over(source, parallel)
    return parallel


def _aligned(found: BilingualFile, ratio: float) -> list[Bead]:
    """The beads of the two texts. Where the layout pairs paragraphs (table rows, runs), the
    alignment that follows it is checked against one by length and numbers alone: a table
    whose Ukrainian slipped a row is aligned by the latter, and said to be."""
    left, right = paragraph_units(found.english), paragraph_units(found.ukrainian)
    beads = align(left, right, ratio)
    if not any(unit.group is not None for unit in left) or all(
        len(b.left) == len(b.right) == 1 and b.confidence >= UNCERTAIN for b in beads
    ):
        return beads
    free = align(
        [dataclasses.replace(u, group=None) for u in left], [dataclasses.replace(u, group=None) for u in right], ratio
    )
    if sum(b.cost for b in free) + LAYOUT_DOUBT >= sum(b.cost for b in beads):
        return beads
    across = [b for b in free if b.left and b.right and left[b.left[0]].group != right[b.right[0]].group]
    if across:
        where = "rows" if found.layout == "columns" else "runs of paragraphs"
        first = found.english.origins[across[0].left[0]].describe()
        found.warnings.append(
            f"{len(across)} paragraphs were paired with a translation that stands in other {where} than theirs "
            f"(the first at {first}): the layout does not always put a paragraph beside its translation, "
            "so the texts were paired by their lengths and numbers"
        )
    return free


def paragraph_units(side: Side) -> list[Unit]:
    units = []
    for paragraph, group in zip(side.document.paragraphs, side.groups):
        key = number_key(paragraph)
        heading = paragraph.kind == "heading"
        anchor = heading and key is not None and key.startswith("part:")
        units.append(Unit(len(" ".join(paragraph.text.split())), group, key, heading, anchor))
    return units


_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
# the number of a Part in words, English or a Ukrainian ordinal's stem; only up to ten, as
# "seventeen" would be read as seven by its start
_ORDINALS = {
    **{word: n for word, n in UNIT_WORDS.items() if n <= 10},
    "перш": 1,
    "друг": 2,
    "трет": 3,
    "четверт": 4,
    "п'ят": 5,
    "шост": 6,
    "сьом": 7,
    "восьм": 8,
    "дев'ят": 9,
    "десят": 10,
}
_PART = re.compile(
    r"^\s*(?:part|chapter|section|частина|розділ|глава)\s+"
    r"([IVXLCІХ]+\b|\d{1,3}\b|[^\W\d_]+(?:['’ʼ][^\W\d_]+)?)"
    r"|^\s*([IVXLCІХ]{1,6})\s*[.)]\s+\S",
    re.IGNORECASE,
)
_NUMBER = re.compile(r"^\s*\(?(\d{1,3})(?:[.)]|\s)")
_LETTER = re.compile(r"^\s*\(?([a-zа-яіїєґ])\)")
_UKRAINIAN_LETTERS = "абвгдеєжзиіїйклмнопрстуфхцчшщюя"


def number_key(paragraph: Paragraph) -> str | None:
    """The number a paragraph carries, the same in both languages: "part:3" for "Part III" and
    «Частина III» (or «Частина третя»), "n:5" for a paragraph numbered 5, "l:2" for (b) and
    (б)."""
    text = paragraph.text
    if paragraph.kind == "heading":
        match = _PART.match(text)
        if match:
            value = _part_number(match.group(1) or match.group(2))
            return f"part:{value}" if value else None
    label = paragraph.label or text[:8]
    match = _NUMBER.match(label)
    if match:
        return f"n:{int(match.group(1))}"
    match = _LETTER.match(label.lower())
    if match:
        letter = match.group(1)
        position = ord(letter) - ord("a") + 1 if letter.isascii() else _UKRAINIAN_LETTERS.find(letter) + 1
        return f"l:{position}" if position > 0 else None
    return None


def _part_number(word: str) -> int | None:
    word = word.translate(str.maketrans("ІХ", "IX"))
    if word.isdigit():
        return int(word)
    if word.isupper() and all(c in _ROMAN for c in word):
        total = 0
        for index, letter in enumerate(word):
            value = _ROMAN[letter]
            total += -value if index + 1 < len(word) and _ROMAN[word[index + 1]] > value else value
        return total
    lowered = word.lower().replace("’", "'").replace("ʼ", "'")
    return next((n for stem, n in _ORDINALS.items() if lowered.startswith(stem)), None)


def align_sentences(english: str, ukrainian: str, ratio: float = LENGTH_RATIO) -> list[SentencePair]:
    """The sentences of a pair aligned by length, as offsets in each text."""
    left, right = _spans(english), _spans(ukrainian)
    if not left or not right:
        return []
    if len(left) == 1 and len(right) == 1:
        return [SentencePair(left[0], right[0], 1.0)]
    beads = align([Unit(b - a) for a, b in left], [Unit(b - a) for a, b in right], ratio)
    return [
        SentencePair(_cover(left, bead.left), _cover(right, bead.right), round(bead.confidence, 3)) for bead in beads
    ]


def _spans(text: str) -> list[tuple[int, int]]:
    trimmed = []
    for start, end in sentences(text):
        add_trimmed(trimmed, text, start, end)
    return trimmed


def _cover(spans: list[tuple[int, int]], members: tuple[int, ...]) -> tuple[int, int] | None:
    return (spans[members[0]][0], spans[members[-1]][1]) if members else None


def _attach(pair: AlignedPair, english: list[Paragraph], ukrainian: list[Paragraph], ratio: float) -> None:
    """The Ukrainian of a pair on its English paragraph. Two English paragraphs joined in one
    Ukrainian are given the Ukrainian sentences that fit their lengths best; an English
    paragraph without a counterpart has no Ukrainian text (a finding of the checks)."""
    if not pair.english:
        return
    if not pair.ukrainian:
        for index in pair.english:
            english[index].uk = UkrainianSide("", stale="missing")
        return
    text = "\n\n".join(ukrainian[j].text for j in pair.ukrainian)
    if len(pair.english) == 1:
        english[pair.english[0]].uk = UkrainianSide(text)
        return
    first, second = (english[i] for i in pair.english)
    cut = _best_cut(len(first.text), len(second.text), text, ratio)
    if cut is None:
        first.uk = UkrainianSide(text)  # one sentence: it cannot be shared out
        return
    first.uk = UkrainianSide(text[:cut].strip())
    second.uk = UkrainianSide(text[cut:].strip())


def _best_cut(first: int, second: int, text: str, ratio: float) -> int | None:
    """Where to cut a Ukrainian text between two sentences so that each part fits the length of
    its English paragraph best."""
    spans = _spans(text)
    if len(spans) < 2:
        return None
    cuts = [spans[k][0] for k in range(1, len(spans))]
    return min(cuts, key=lambda cut: length_cost(first, cut, ratio) + length_cost(second, len(text) - cut, ratio))


def _carry_over(source: Document, parallel: ParallelText) -> None:
    """The file's revisions, comments, notes and reading warnings, on the English paragraphs."""
    found = parallel.file
    where: dict[int, int | None] = {}
    for index, origin in enumerate(found.english.origins):
        where[origin.paragraph] = index
    for index, origin in enumerate(found.ukrainian.origins):
        where[origin.paragraph] = parallel.english_of(index)

    def moved(items: list[Any]) -> list[Any]:
        return [
            dataclasses.replace(item, paragraph=where.get(item.paragraph)) if item.paragraph is not None else item
            for item in items
        ]

    english = parallel.english
    english.revisions = moved(source.revisions)
    english.comments = moved(source.comments)
    english.notes = moved(source.notes)
    english.warnings = moved(source.warnings)


def compare_versions(
    parallel: ParallelText, features: dict[str, Feature], findings: list[Finding], library: Library
) -> list[Finding]:
    """The findings of the English analysis completed with what comparing the versions found:
    the alignment's own findings first, the Ukrainian features that differ, and a caution on
    cross-language findings about uncertain pairs."""
    read_ukrainian_features(parallel, features)
    rules = cross_language_rules(library)
    doubtful = {i: p.confidence for p in parallel.pairs if p.ukrainian and p.confidence < UNCERTAIN for i in p.english}
    unpaired = {i for p in parallel.pairs if not p.ukrainian for i in p.english}
    for finding in findings:
        if finding.rule == "ukrainian-missing" and finding.paragraph in unpaired:
            # the checks' wording is for a clause of a draft, whose Ukrainian is yet to be written; in a
            # counterpart's file it is a paragraph the Ukrainian version lacks, shown by its English
            finding.message = f"The Ukrainian has no counterpart of paragraph {finding.paragraph} of the English"
            finding.evidence = shorten(parallel.english.paragraphs[finding.paragraph].text, 300)
            finding.language = "en"
            finding.reason = ONE_VERSION_ONLY
        if finding.paragraph in doubtful and finding.rule in rules:
            sure = doubtful[finding.paragraph]
            finding.message += f" (these texts were paired with {sure:.0%} confidence: check them)"
    own = parallel_findings(parallel)
    parallel.findings = own + [finding for finding in findings if finding.rule in rules]
    return own + findings


# --- the Ukrainian text's features ---------------------------------------------------------------


def read_ukrainian_features(parallel: ParallelText, english_features: dict[str, Feature]) -> None:
    """The Ukrainian text's own features, where Ukrainian has detectors, and those that differ
    from the English's. Only features read from each language's own wording are compared (not
    the cross-language ones, nor brackets and drift, which hold in any language)."""
    if "uk" not in languages() or parallel.ukrainian.language.code != "uk":
        return
    for index, paragraph in enumerate(parallel.ukrainian.paragraphs):
        counterpart = parallel.english_of(index)
        paragraph.clause = parallel.english.paragraphs[counterpart].clause if counterpart is not None else None
    features = parallel.features_uk = extract_features(parallel.ukrainian)
    compared = _own_features("en") & _own_features("uk")
    for name in feature_specs():
        ours, theirs = english_features.get(name), features.get(name)
        if name not in compared or ours is None or theirs is None or ours.value == theirs.value:
            continue
        if ours.first is not None:
            evidence, paragraph, language = ours.first.quote, ours.first.paragraph, "en"
        elif theirs.first is not None:
            evidence, paragraph, language = theirs.first.quote, parallel.english_of(theirs.first.paragraph), "uk"
        else:
            evidence, paragraph, language = None, None, "en"
        quote_uk = theirs.first.quote if theirs.first is not None else None
        parallel.differences.append(Difference(name, ours.value, theirs.value, evidence, paragraph, language, quote_uk))


def _own_features(language: str) -> set[str]:
    prefix = f"bsa_drafter.detectors.{language}."
    return {
        spec.name
        for detector in detectors_for(language)
        if type(detector).__module__.startswith(prefix)
        for spec in detector.features
        if spec.name not in BILINGUAL_FEATURES
    }


def unsplit_finding(found: Unsplit) -> Finding:
    message = (
        f"the file holds English and Ukrainian, but {found.reason}; it was analysed as one text, "
        "and the two versions were not compared"
    )
    return _finding("bilingual-layout", "warning", message)


# --- findings -------------------------------------------------------------------------------------


def parallel_findings(parallel: ParallelText) -> list[Finding]:
    """What the split and the alignment found, as findings on the English paragraphs."""
    found = parallel.file
    english, ukrainian = parallel.english, parallel.ukrainian
    findings = [_finding("bilingual-layout", "warning", warning) for warning in found.warnings]
    if found.left_out:
        texts = ", ".join(
            f"{name} ({count} paragraph{'s' if count != 1 else ''})" for name, count in found.left_out.items()
        )
        findings.append(_finding("bilingual-left-out", "info", f"text in another language left out: {texts}"))
    uncertain: list[AlignedPair] = []
    for pair in parallel.pairs:
        if not pair.english:
            for j in pair.ukrainian:
                paragraph = ukrainian.paragraphs[j]
                if paragraph.kind != "paragraph":
                    continue
                at = parallel.english_of(j)
                clause = english.paragraphs[at].clause if at is not None else None
                where = f" (after paragraph {at} of the English)" if at is not None else ""
                findings.append(
                    _finding(
                        "english-missing",
                        "warning",
                        f"The Ukrainian has a paragraph with no English counterpart{where}",
                        evidence=shorten(paragraph.text, 300),
                        paragraph=at,
                        clause=clause,
                        language="uk",
                    )
                )
        elif len(pair.english) > 1 and pair.ukrainian:
            first = english.paragraphs[pair.english[0]]
            numbers = " and ".join(str(i) for i in pair.english)
            findings.append(
                _finding(
                    "paragraphs-merged",
                    "warning",
                    f"Paragraphs {numbers} of the English are one paragraph in the Ukrainian",
                    evidence=shorten(ukrainian.paragraphs[pair.ukrainian[0]].text, 300),
                    paragraph=first.index,
                    clause=first.clause,
                    language="uk",
                )
            )
        if pair.english and pair.ukrainian and pair.confidence < UNCERTAIN:
            uncertain.append(pair)
    if uncertain:
        listed = ", ".join(
            f"{_numbers(p.english)} with {_numbers(p.ukrainian)} ({p.confidence:.0%})" for p in uncertain[:12]
        )
        more = f" and {len(uncertain) - 12} more" if len(uncertain) > 12 else ""
        first = english.paragraphs[uncertain[0].english[0]]
        findings.append(
            _finding(
                "pairing-uncertain",
                "info",
                f"{len(uncertain)} pairing{'s' if len(uncertain) != 1 else ''} of English and Ukrainian paragraphs "
                f"uncertain: {listed}{more}",
                paragraph=first.index,
                clause=first.clause,
            )
        )
    for difference in parallel.differences:
        at = difference.paragraph
        english_value, ukrainian_value = (
            value_words(v, "not found") for v in (difference.english, difference.ukrainian)
        )
        findings.append(
            _finding(
                "versions-say-different",
                "warning",
                f"The two language versions say different things: {difference.feature} is {english_value} "
                f"in the English and {ukrainian_value} in the Ukrainian",
                evidence=difference.evidence,
                paragraph=at,
                language=difference.language,
                clause=english.paragraphs[at].clause if at is not None else None,
            )
        )
    return findings


def cross_language_rules(library: Library) -> set[str]:
    """The playbook rules that read the cross-language features."""
    return {
        rule.id
        for rule in library.rules
        if rule.each in BILINGUAL_FEATURES or any(c.feature in BILINGUAL_FEATURES for c in rule.when)
    }


def _numbers(indexes: tuple[int, ...]) -> str:
    return "+".join(f"¶{i}" for i in indexes)


def _finding(
    rule: str,
    severity: str,
    message: str,
    *,
    evidence: str | None = None,
    paragraph: int | None = None,
    clause: str | None = None,
    language: str = "en",
) -> Finding:
    return Finding(
        rule,
        severity,
        message,
        REASONS[rule],
        [],
        clause,
        evidence,
        paragraph,  # type: ignore[arg-type]
        language=language,
    )  # type: ignore[arg-type]


# --- the report ------------------------------------------------------------------------------------


def parallel_json(parallel: ParallelText) -> dict[str, Any]:
    found = parallel.file
    english, ukrainian = parallel.english, parallel.ukrainian
    alignment = []
    for pair in parallel.pairs:
        en_text = "\n\n".join(english.paragraphs[i].text for i in pair.english)
        uk_text = "\n\n".join(ukrainian.paragraphs[j].text for j in pair.ukrainian)
        clause = english.paragraphs[pair.english[0]].clause if pair.english else None
        alignment.append(
            {
                "english": list(pair.english),
                "ukrainian": list(pair.ukrainian),
                "confidence": pair.confidence,
                "clause_id": clause,
                "english_text": en_text,
                "ukrainian_text": uk_text,
                "english_origin": [found.english.origins[i].as_json() for i in pair.english],
                "ukrainian_origin": [found.ukrainian.origins[j].as_json() for j in pair.ukrainian],
                "sentences": [
                    {
                        "english": list(s.english) if s.english else None,
                        "ukrainian": list(s.ukrainian) if s.ukrainian else None,
                        "confidence": s.confidence,
                    }
                    for s in pair.sentences
                ],
            }
        )
    return {
        "layout": found.layout,
        "layout_name": LAYOUT_NAMES[found.layout],
        "order": list(found.order),
        "languages": {
            side.language: {
                "name": language_name(side.language),
                "paragraphs": len(side.document.paragraphs),
                "detected": side.document.language.code,
                "evidence": side.document.language.evidence,
            }
            for side in (found.english, found.ukrainian)
        },
        "left_out": found.left_out,
        "warnings": list(found.warnings),
        "length_ratio": parallel.ratio,
        "counts": counts(parallel),
        "alignment": alignment,
        "ukrainian_features": (
            {
                name: feature_json(feature)
                for name, feature in parallel.features_uk.items()
                if name in _own_features("uk")
            }
            if parallel.features_uk is not None
            else None
        ),
        "features_differ": [
            {
                "feature": d.feature,
                "english": d.english,
                "ukrainian": d.ukrainian,
                "evidence": d.evidence,
                "paragraph": d.paragraph,
                "language": d.language,
                "evidence_uk": d.evidence_uk,
            }
            for d in parallel.differences
        ],
        "findings": [finding.as_json() for finding in parallel.findings],
    }


def counts(parallel: ParallelText) -> dict[str, int]:
    pairs = parallel.pairs
    return {
        "pairs": sum(1 for p in pairs if p.english and p.ukrainian),
        "merged": sum(1 for p in pairs if len(p.english) > 1 or len(p.ukrainian) > 1),
        "english_only": sum(len(p.english) for p in pairs if not p.ukrainian),
        "ukrainian_only": sum(len(p.ukrainian) for p in pairs if not p.english),
        "uncertain": sum(1 for p in pairs if p.english and p.ukrainian and p.confidence < UNCERTAIN),
    }
