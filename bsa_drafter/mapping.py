"""Align the paragraphs of a foreign text with the library's clauses.

Our library is drafted in our own words, so character-level similarity says little. Three
signals are combined for each paragraph and clause:

* TF-IDF cosine over content words (IDF from the library), through an inverted index;
* the similarity of the paragraph's headings to the clause's heading and Part (rapidfuzz,
  which is fast and good on short strings);
* the features found in the paragraph (an exit clause, the 24-hour consultation ...) pointing
  at the clauses tagged for them.

A fourth signal is the structure: neighbouring paragraphs usually belong to the same Part,
so a candidate in the Part that the surrounding paragraphs map to gets a small bonus.

The score decides the status: `match` (the clause is right in nearly every case measured),
`probable` (usually right, shown as such) or `new` (nothing in the library is close: the
paragraph is new text and is attached to no clause). `benchmarks/bench_mapping.py` measures
it on the reference agreements and on texts made by perturbing our own library.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Literal

from rapidfuzz import fuzz

from bsa_drafter.detectors import ParagraphScan, clause_tags, scan_document
from bsa_drafter.models import SIGNATURES, Document, Library

MATCH_SCORE = 0.40  # at or above: `match`
PROBABLE_SCORE = 0.26  # at or above: `probable`; below: `new`
# The wording itself must share this much with the clause (TF-IDF cosine): headings and
# neighbours choose between close candidates, they never make a paragraph close. Where the
# structure agrees (the paragraph's heading names the clause's group, or its neighbours map to
# the same Part), less shared wording is needed.
TEXT_FLOOR, TEXT_FLOOR_IN_CONTEXT = 0.18, 0.13
TEXT_WEIGHT, HEADING_WEIGHT, FEATURE_BONUS, NEIGHBOUR_BONUS = 0.8, 0.2, 0.3, 0.06
HEADING_AGREES = 0.7
MatchStatus = Literal["match", "probable", "new"]

_STOP = frozenset(
    "the of and to in a an for with its their this that as on by be will is are it which or from at has have been "
    "including such other these those any all each into under between within shall would may can also well both "
    "them they there than so not no".split()
)
_SPELLING = (
    (re.compile(r"co-?operat"), "cooperat"),
    (re.compile(r"defense"), "defence"),
    (re.compile(r"(?<=[a-z]{3})iz(?=(?:e|es|ed|ing|ation|ations)\b)"), "is"),
    (re.compile(r"\{[a-z_:]+\}"), " "),
)
_WORD = re.compile(r"[a-z]+")
_ENUMERATOR = re.compile(r"^\s*(?:\(?\d{1,2}[.)]|\(?[a-z][.)]|[•o\-])\s+")


def _stem(word: str) -> str:
    for suffix in ("ations", "ation", "ings", "ing", "ies", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)] + ("y" if suffix == "ies" else "")
    return word


def content_terms(text: str) -> list[str]:
    text = _ENUMERATOR.sub("", text.lower())
    for pattern, replacement in _SPELLING:
        text = pattern.sub(replacement, text)
    return [_stem(w) for w in _WORD.findall(text) if w not in _STOP and len(w) > 2]


def _normalised_heading(text: str) -> str:
    return " ".join(content_terms(text))


@dataclass(frozen=True)
class ClauseMatch:
    """Where one paragraph of a foreign text belongs in our library, and how sure that is."""

    paragraph: int
    clause_id: str | None  # None when the paragraph is new text
    variant: str | None
    similarity: float  # the score of the best candidate, 0..1, also when it was not close enough
    status: MatchStatus = "match"
    nearest: str | None = None  # for new text: the closest clause, for people to check


def status_of(score: float, text_similarity: float, in_context: bool) -> MatchStatus:
    if text_similarity < (TEXT_FLOOR_IN_CONTEXT if in_context else TEXT_FLOOR):
        return "new"
    return "match" if score >= MATCH_SCORE and text_similarity >= TEXT_FLOOR else "probable" if score >= PROBABLE_SCORE else "new"


@dataclass
class ClauseMap:
    matches: list[ClauseMatch]
    missing: list[str] = field(default_factory=list)
    units: list[list[int]] = field(default_factory=list)  # a paragraph and the bullets under it

    @property
    def new_text(self) -> list[int]:
        return [m.paragraph for m in self.matches if m.status == "new"]

    def counts(self) -> dict[str, int]:
        counts = {"match": 0, "probable": 0, "new": 0}
        for match in self.matches:
            counts[match.status] += 1
        return counts

    def by_paragraph(self) -> dict[int, ClauseMatch]:
        return {m.paragraph: m for m in self.matches}


class ClauseMatcher:
    """The library's clause variants as vectors, built once per library."""

    def __init__(self, library: Library):
        self.library = library
        self.candidates: list[tuple[str, str]] = []  # (clause id, variant id)
        documents: list[list[str]] = []
        for clause in library.clauses.values():
            for variant in clause.variants:
                self.candidates.append((clause.id, variant.id))
                documents.append(content_terms(variant.text))
        frequency = Counter(term for terms in documents for term in set(terms))
        total = len(documents)
        self.idf = {term: math.log((total + 1) / (count + 1)) + 1 for term, count in frequency.items()}
        self.unknown_idf = math.log(total + 1) + 1
        self.postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
        for index, terms in enumerate(documents):
            for term, weight in self._vector(terms).items():
                self.postings[term].append((index, weight))
        self.context = [
            _normalised_heading(f"{library.clauses[cid].heading} {library.parts[library.clauses[cid].part].title}")
            for cid, _ in self.candidates
        ]
        self.tags = [set(library.clauses[cid].tags) for cid, _ in self.candidates]
        self.parts = [library.clauses[cid].part for cid, _ in self.candidates]
        self._heading_cache: dict[str, list[float]] = {}

    def _vector(self, terms: list[str]) -> dict[str, float]:
        counts = Counter(terms)
        vector = {t: (1 + math.log(n)) * self.idf.get(t, self.unknown_idf) for t, n in counts.items()}
        length = math.sqrt(sum(v * v for v in vector.values())) or 1.0
        return {t: v / length for t, v in vector.items()}

    def cosines(self, text: str) -> dict[int, float]:
        """TF-IDF cosine of the text with every candidate that shares a term with it."""
        accumulated: dict[int, float] = defaultdict(float)
        for term, weight in self._vector(content_terms(text)).items():
            for index, other in self.postings.get(term, ()):
                accumulated[index] += weight * other
        return accumulated

    def scores(self, text: str, heading: str, signals: set[str], accumulated: dict[int, float] | None = None) -> dict[int, float]:
        accumulated = self.cosines(text) if accumulated is None else accumulated
        if not accumulated:
            return {}
        tags = clause_tags()  # each detector declares the clause tag its signals point at
        wanted = {tags[kind] for kind in signals if kind in tags}
        context = _normalised_heading(heading)
        heading_scores = self._heading_scores(context) if context else None
        scored = {}
        for index, cosine in accumulated.items():
            score = TEXT_WEIGHT * cosine
            if heading_scores is not None:
                score += HEADING_WEIGHT * heading_scores[index]
            if wanted & self.tags[index]:
                score += FEATURE_BONUS
            scored[index] = min(score, 1.0)
        return scored

    def _heading_scores(self, context: str) -> list[float]:
        """How well a paragraph's heading fits each candidate's heading and Part (0..1). Many
        paragraphs share a heading, so each distinct heading is compared once."""
        cached = self._heading_cache.get(context)
        if cached is None:
            if len(self._heading_cache) > 4096:  # a long-running app reading many texts
                self._heading_cache.clear()
            cached = self._heading_cache[context] = [fuzz.token_set_ratio(context, other) / 100 for other in self.context]
        return cached

    def map(self, document: Document, scans: list[ParagraphScan] | None = None, profile: str = "standard") -> ClauseMap:
        scans = scans if scans is not None else scan_document(document)
        units = clause_units(document)
        scored_units, cosines = [], []
        for unit in units:
            paragraphs = [document.paragraphs[i] for i in unit]
            text = " ".join(p.text for p in paragraphs)
            signals = {kind for i in unit if scans[i] is not None for kind in scans[i].signals}
            cosines.append(self.cosines(text))
            scored_units.append(self.scores(text, paragraphs[0].heading, signals, cosines[-1]))
        best = [max(scored, key=scored.__getitem__) if scored else None for scored in scored_units]
        matches = []
        for number, unit in enumerate(units):
            scored, neighbours_part = self._with_neighbours(scored_units[number], best, number)
            top = max(scored, key=scored.__getitem__) if scored else None
            score = round(scored[top], 3) if top is not None else 0.0
            in_context = top is not None and (
                self.parts[top] == neighbours_part or self._heading_fit(document.paragraphs[unit[0]].heading, top) >= HEADING_AGREES
            )
            status = status_of(score, cosines[number].get(top, 0.0) if top is not None else 0.0, in_context)
            clause_id, variant = self.candidates[top] if top is not None else (None, None)
            if status == "new":
                matches.extend(ClauseMatch(i, None, None, score, "new", clause_id) for i in unit)
            else:
                matches.extend(ClauseMatch(i, clause_id, variant, score, status) for i in unit)
        found = {m.clause_id for m in matches if m.clause_id}
        standard = self.library.profiles.get(profile) or self.library.profiles["standard"]
        missing = [cid for cid in standard.clauses if cid not in found]
        return ClauseMap(matches, missing, units)

    def _with_neighbours(self, scored: dict[int, float], best: list[int | None], number: int) -> tuple[dict[int, float], str | None]:
        """A candidate in the Part that the two paragraphs on each side map to gets a bonus:
        agreements keep a Part's paragraphs together, whatever order the Parts come in."""
        near = [best[k] for k in (number - 2, number - 1, number + 1, number + 2) if 0 <= k < len(best) and best[k] is not None]
        if not near or not scored:
            return scored, None
        parts = Counter(self.parts[k] for k in near)  # type: ignore[index]
        part, votes = parts.most_common(1)[0]
        if votes < 2:
            return scored, None
        return {k: min(v + NEIGHBOUR_BONUS, 1.0) if self.parts[k] == part else v for k, v in scored.items()}, part

    def _heading_fit(self, heading: str, candidate: int) -> float:
        context = _normalised_heading(heading)
        return self._heading_scores(context)[candidate] if context else 0.0


def clause_units(document: Document) -> list[list[int]]:
    """Body paragraphs grouped as a lead paragraph and the bullets that follow it; signature
    lines are left out."""
    units: list[list[int]] = []
    open_unit = False
    for paragraph in document.paragraphs:
        if paragraph.kind != "paragraph" or paragraph.heading == SIGNATURES:
            open_unit = False
            continue
        if paragraph.list_level and open_unit:
            units[-1].append(paragraph.index)
        else:
            units.append([paragraph.index])
            open_unit = True
    return units


def matcher_for(library: Library) -> ClauseMatcher:
    matcher = library.derived.get("clause_matcher")
    if matcher is None:
        matcher = library.derived["clause_matcher"] = ClauseMatcher(library)
    return matcher


def map_clauses(document: Document, library: Library, scans: list[ParagraphScan] | None = None) -> ClauseMap:
    return matcher_for(library).map(document, scans)
