"""Align the paragraphs of a foreign text with the library's clauses.

Our library is drafted in our own words, so the evidence is gathered at the level of content
words and phrases, and the structure of the text chooses between close candidates:

* the wording: TF-IDF cosine over content words and adjacent word pairs (IDF from the
  library), through an inverted index; and the same cosine with the words that a clause shares
  with its siblings (the clauses under one subheading) discounted, so that a paragraph must
  share what sets a clause apart, not only the vocabulary of its group;
* how signed agreements word each clause: the centroid of hand-labelled paragraphs of real
  agreements and of the subheadings above them, kept beside the library as vectors of hashed
  single stems (`signed_wording.json`: no text, no word order), with the gist of the signed
  paragraphs that have no counterpart in the library as evidence for new text (see
  `SignedWording`);
* the headings above the paragraph against each clause's descriptors (its Part, subheading,
  title, id and tags), weighted by how rare each heading word is among the descriptors;
* the signals of the detectors (an exit clause, the 24-hour consultation ...) pointing at the
  clauses tagged for them;
* where the paragraph stands: before the first Part of a text are recitals;
* its neighbours: agreements keep a subheading's clauses together and mostly in our order, so
  the clauses of all paragraphs are chosen together as the best path through the text
  (Viterbi over each paragraph's few best candidates and `new`), with a bonus for staying in a
  clause, its group or its Part.

A paragraph whose wording (ours or the signed) shares too little with every clause is `new`:
structure never makes a paragraph close, it only chooses among the close ones. The score of the
chosen clause gives the status: `match` (right in nearly every case measured) or `probable`
(shown as such). The weights and thresholds are measured leave-one-agreement-out on
hand-labelled agreements and on perturbed library texts by `benchmarks/bench_mapping.py`, with
the signed wording (DEFAULT_PARAMS) and for a library that has none (LIBRARY_ONLY_PARAMS).
"""

from __future__ import annotations

import json
import math
import re
import zlib
from collections import Counter, defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise
from pathlib import Path
from typing import Literal

from bsa_drafter.detectors import clause_tags, scan_document
from bsa_drafter.errors import BadInput, Problem
from bsa_drafter.files import read_bytes
from bsa_drafter.models import SIGNATURES, Document, Library, Paragraph
from bsa_drafter.reading.markers import MARKER, without_marker

MatchStatus = Literal["match", "probable", "new"]


@dataclass(frozen=True)
class MappingParams:
    """The weights and thresholds of the mapping (see benchmarks/bench_mapping.py for how they
    are measured). Scores are on the scale of a TF-IDF cosine."""

    text_floor: float = 0.18  # the least wording (cosine) a paragraph must share with a clause to be attached to it
    named_floor: float = 0.05  # the same where the paragraph's headings name that one clause
    new_score: float = 0.45  # what a clause must score, neighbours included, for a paragraph not to be new
    match_score: float = 0.44  # at or above: `match`; below: `probable`
    specific_weight: float = 1.0  # share of the sibling-discounted cosine in the wording score
    heading_weight: float = 0.2
    signal_weight: float = 0.0
    zone_weight: float = 0.08  # recitals before the first Part, operative clauses after it
    consensus_weight: float = 0.0  # per neighbour whose own best clause (or group) is this paragraph's own best
    same_clause: float = 0.06  # path bonuses between neighbouring paragraphs
    same_group: float = 0.05
    same_part: float = 0.1
    split_margin: float = 0.1  # a bullet leaves its paragraph's clause when its own clause leads by this much
    signed_weight: float = 0.4  # share of the likeness to the clause's signed wording
    signed_floor: float = 0.2  # that likeness lets a clause in below the wording floor
    signed_new_weight: float = 0.2  # likeness to signed text with no counterpart, added to `new`


DEFAULT_PARAMS = MappingParams()  # tuned with the signed wording beside the library
# tuned for a library that has no signed wording beside it (its own words only)
LIBRARY_ONLY_PARAMS = MappingParams(
    text_floor=0.18,
    new_score=0.35,
    match_score=0.442,
    consensus_weight=0.04,
    same_clause=0.0,
    same_group=0.15,
    same_part=0.06,
    split_margin=0.0,
)
CANDIDATES = 6  # the best candidates of each paragraph that the path chooses from
LEAD_WORDS = 8  # content words a list's lead needs to be weighed on its own
SIGNED_CANDIDATES = 3  # and the clauses whose signed wording is closest
SIGNED_WORDING_FILE = "signed_wording.json"
SIGNED_LEAST_WEIGHT = 0.01  # lighter terms of signed wording change a likeness too little to be kept
SIGNED_NEW_TERMS = 12  # stems kept of each signed paragraph that has no counterpart: its gist, not its wording
NAMED_FIT, NAMED_LEAD = (
    0.6,
    0.2,
)  # headings name a clause when they fit it this well, and this much better than any other


_STOP = frozenset(
    "the of and to in a an for with its their this that as on by be will is are it which or from at has have been "
    "including such other these those any all each into under between within shall would may can also well both "
    "them they there than so not no".split()
)
_SPELLING = (
    (re.compile(r"co-?operat"), "cooperat"),
    (re.compile(r"defense"), "defence"),
    (re.compile(r"(?<=[a-z]{3})iz(?=(?:e|es|ed|ing|ation|ations)\b)"), "is"),
    (re.compile(r"programme"), "program"),
    (re.compile(r"\bduration\b"), "term"),  # of an agreement: drafters use either
    (re.compile(r"\{[a-z_:]+\}"), " "),
)
_WORD = re.compile(r"[a-z]+")
_NUMBERING_WORD = re.compile(r"^(?:[ivxl]+|part|article|paragraph|section|chapter|annex)$")
_PREAMBLE_HEADING = re.compile(r"^\s*preamble\b", re.IGNORECASE)


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    """A crude suffix stripper, applied twice so that "supplemented" and "supplement" meet."""
    for _ in range(2):
        for suffix in ("ations", "ation", "ments", "ment", "ings", "ing", "ies", "ers", "er", "ed", "es", "s"):
            if word.endswith(suffix) and len(word) - len(suffix) >= 4:
                word = word[: -len(suffix)] + ("y" if suffix == "ies" else "")
                break
    return word


def content_terms(text: str) -> list[str]:
    text = without_marker(text.lower())
    for pattern, replacement in _SPELLING:
        text = pattern.sub(replacement, text)
    return [_stem(w) for w in _WORD.findall(text) if w not in _STOP and len(w) > 2]


def _features(terms: list[str]) -> list[str]:
    """A text's content words (`content_terms`) and adjacent pairs of them: pairs carry the
    phrases ("critical infrastructure", "capability coalition") that single words share with
    many clauses."""
    return terms + [f"{a}_{b}" for a, b in pairwise(terms)]


@lru_cache(maxsize=65536)
def _term_key(term: str) -> int:
    return zlib.crc32(term.encode())


def _unit(vector: dict[int, float]) -> dict[int, float]:
    length = math.sqrt(sum(v * v for v in vector.values())) or 1.0
    return {k: v / length for k, v in vector.items()}


def _centroids(vectors: list[tuple[tuple[str, ...], dict[int, float]]]) -> dict[str, dict[int, float]]:
    sums: dict[str, dict[int, float]] = defaultdict(lambda: defaultdict(float))
    for clauses, vector in vectors:
        for clause_id in clauses:
            for key, weight in vector.items():
                sums[clause_id][key] += weight
    return {clause_id: _unit(total) for clause_id, total in sorted(sums.items())}


@dataclass
class SignedWording:
    """How signed agreements word the library's clauses, learnt from hand-labelled paragraphs.

    Only vectors of hashed single stems are kept, never text nor anything that gives back its
    order: no pairs of adjacent stems (with the vocabulary, chained pairs would rebuild each
    paragraph's stems in order). For each clause the centroid of the paragraphs labelled with it
    and of the subheadings above them, and for each paragraph that has no counterpart in the
    library (evidence that a paragraph like it is new text) its SIGNED_NEW_TERMS weightiest
    stems. Each stem is hashed to 32 bits."""

    idf: dict[int, float]
    clauses: dict[str, dict[int, float]]
    heading_idf: dict[int, float]
    headings: dict[str, dict[int, float]]
    new_text: list[dict[int, float]]

    @classmethod
    def learn(cls, examples: list[tuple[tuple[str, ...], str, str]]) -> SignedWording:
        """From (clause ids, or none for new text; the paragraph; its subheading) triples."""
        counts = [Counter(_term_key(t) for t in content_terms(text)) for _, text, _ in examples]
        heads = [{_term_key(t) for t in _descriptor_terms(heading)} for _, _, heading in examples]
        idf = _idf(counts)
        heading_idf = _idf(heads)
        texts = [_unit({k: (1 + math.log(n)) * idf[k] for k, n in c.items()}) for c in counts]
        headings = [_unit({k: heading_idf[k] for k in h}) for h in heads]
        labelled = [clause_ids for clause_ids, _, _ in examples]
        centroids = _centroids([(ids, vector) for ids, vector in zip(labelled, texts) if ids])
        new_text = [_strongest(_kept(vector)) for ids, vector in zip(labelled, texts) if not ids]
        kept = {cid: _kept(centroid) for cid, centroid in centroids.items()}
        used = {key for vector in [*kept.values(), *new_text] for key in vector}
        return cls(
            {key: weight for key, weight in idf.items() if key in used},
            kept,
            heading_idf,
            _centroids([(ids, vector) for ids, vector in zip(labelled, headings) if ids]),
            new_text,
        )

    def to_json(self) -> str:
        def pairs(vector: dict[int, float]) -> list[list[float]]:
            return [[key, round(weight, 4)] for key, weight in sorted(vector.items())]

        return json.dumps(
            {
                "idf": pairs(self.idf),
                "clauses": {cid: pairs(v) for cid, v in self.clauses.items()},
                "heading_idf": pairs(self.heading_idf),
                "headings": {cid: pairs(v) for cid, v in self.headings.items()},
                "new_text": [pairs(v) for v in self.new_text],
            },
            separators=(",", ":"),
        )

    @classmethod
    def from_json(cls, text: str) -> SignedWording:
        data = json.loads(text)

        def vector(pairs: list[list[float]]) -> dict[int, float]:
            return {int(key): float(weight) for key, weight in pairs}

        return cls(
            vector(data["idf"]),
            {cid: vector(v) for cid, v in data["clauses"].items()},
            vector(data["heading_idf"]),
            {cid: vector(v) for cid, v in data["headings"].items()},
            [vector(v) for v in data["new_text"]],
        )


def _kept(vector: dict[int, float]) -> dict[int, float]:
    return {key: weight for key, weight in vector.items() if weight >= SIGNED_LEAST_WEIGHT}


def _strongest(vector: dict[int, float]) -> dict[int, float]:
    """The SIGNED_NEW_TERMS weightiest stems of a vector, the least key first among equals."""
    if len(vector) <= SIGNED_NEW_TERMS:
        return vector
    return _unit(dict(sorted(vector.items(), key=lambda item: (-item[1], item[0]))[:SIGNED_NEW_TERMS]))


def _idf(documents: Sequence[Collection[int]]) -> dict[int, float]:
    frequency = Counter(key for document in documents for key in document)
    return {key: math.log((len(documents) + 1) / (n + 1)) + 1 for key, n in frequency.items()}


def load_signed_wording(library: Library) -> SignedWording | None:
    """The signed wording kept beside the library, if there is one."""
    path = Path(library.root) / SIGNED_WORDING_FILE
    if not path.is_file():
        return None
    try:
        data = read_bytes(path, max_bytes=16 * 1024 * 1024, what="signed wording (JSON)")
        return SignedWording.from_json(data.decode("utf-8"))
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise BadInput(Problem(str(path), None, f"not a signed-wording file: {exc}")) from exc


@dataclass(frozen=True)
class ClauseMatch:
    """Where one paragraph of a foreign text belongs in our library, and how sure that is."""

    paragraph: int
    clause_id: str | None  # None when the paragraph is new text
    variant: str | None
    similarity: float  # the score of the best candidate, 0..1, also when it was not close enough
    status: MatchStatus = "match"
    nearest: str | None = None  # for new text: the closest clause, for people to check


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


@dataclass(slots=True)
class Candidate:
    """What one piece of text shares with one clause (its best variant)."""

    clause: int  # index into ClauseMatcher.clause_ids
    variant: str
    cosine: float
    specific: float  # the cosine with the words the clause shares with its siblings discounted
    heading: float  # how well the headings above the text fit the clause's descriptors, 0..1
    signal: bool  # a detector signal of the text points at the clause
    named: bool  # the headings above the text fit this clause clearly better than any other
    signed: float = 0.0  # cosine with the clause's signed wording


@dataclass
class Piece:
    """A stretch of text mapped as one: a paragraph with its bullets and the continuations of
    a paragraph broken at a page end. The paragraphs of a list (its lead and its items) are
    scored on their own too, in `bullets`."""

    paragraphs: list[int]
    candidates: list[Candidate]
    zone: str | None  # "recitals", "operative" or None where the text has no Parts to tell
    bullets: dict[int, list[Candidate]] = field(default_factory=dict)
    signed_new: float = 0.0  # cosine with the closest signed text that has no counterpart


@dataclass
class Evidence:
    """Everything the mapping of one document needs that does not depend on MappingParams."""

    pieces: list[Piece]
    units: list[list[int]]


class ClauseMatcher:
    """The library's clauses as vectors and descriptors, built once per library."""

    def __init__(self, library: Library, signed: SignedWording | None = None):
        self.library = library
        self.signed = signed
        self.default_params = DEFAULT_PARAMS if signed is not None else LIBRARY_ONLY_PARAMS
        self.clause_ids = list(library.clauses)
        clauses = [library.clauses[cid] for cid in self.clause_ids]
        self.parts = [c.part for c in clauses]
        self.groups = [(c.part, c.heading) for c in clauses]
        self.tags = [set(c.tags) for c in clauses]
        self.recital = [c.part == "preamble" for c in clauses]
        variants: list[tuple[int, str, list[str]]] = [
            (number, variant.id, _features(content_terms(variant.text)))
            for number, clause in enumerate(clauses)
            for variant in clause.variants
        ]
        frequency = Counter(term for _, _, terms in variants for term in set(terms))
        self.idf = {term: math.log((len(variants) + 1) / (count + 1)) + 1 for term, count in frequency.items()}
        self.variants = [(number, variant_id) for number, variant_id, _ in variants]
        self.first_variant: dict[int, int] = {}
        for index, (number, _) in enumerate(self.variants):
            self.first_variant.setdefault(number, index)
        terms_of: list[set[str]] = [set() for _ in clauses]
        for number, _, terms in variants:
            terms_of[number].update(terms)
        siblings = self._sibling_shares(terms_of)
        self.postings: dict[str, list[tuple[int, float, float]]] = defaultdict(list)
        for index, (number, _, terms) in enumerate(variants):
            vector = self._vector(terms)
            discounted = {t: w * (1 - siblings[number].get(t, 0.0)) for t, w in vector.items()}
            length = math.sqrt(sum(w * w for w in discounted.values())) or 1.0
            for term, weight in vector.items():
                self.postings[term].append((index, weight, discounted[term] / length))
        self.descriptors = [self._descriptor(c) for c in clauses]
        self.part_descriptors = [_descriptor_terms(f"{library.parts[c.part].title} {c.part}") for c in clauses]
        described = Counter(term for terms in self.descriptors + self.part_descriptors for term in terms)
        self.heading_idf = {term: math.log((len(clauses) + 1) / (n + 1)) + 1 for term, n in described.items()}
        self._heading_cache: dict[str, tuple[list[float], int | None]] = {}
        number_of = {cid: n for n, cid in enumerate(self.clause_ids)}
        # term -> (slot, weight): a slot is a clause number, or len(clauses) + the number of a
        # signed text with no counterpart; one list per term keeps `recall` to one pass
        self.signed_postings: dict[int, list[tuple[int, float]]] = defaultdict(list)
        self.signed_slots = len(clauses)
        self.signed_headings: list[tuple[int, dict[int, float]]] = []
        if signed is not None:
            for clause_id, centroid in signed.clauses.items():
                if clause_id in number_of:  # a clause since removed from the library is forgotten
                    for key, weight in centroid.items():
                        self.signed_postings[key].append((number_of[clause_id], weight))
            for index, vector in enumerate(signed.new_text):
                for key, weight in vector.items():
                    self.signed_postings[key].append((len(clauses) + index, weight))
            self.signed_slots += len(signed.new_text)
            self.signed_headings = [
                (number_of[cid], centroid) for cid, centroid in signed.headings.items() if cid in number_of
            ]

    def _sibling_shares(self, terms_of: list[set[str]]) -> list[dict[str, float]]:
        """For each clause, the share of its siblings (the other clauses under its subheading,
        or of its Part where the Part has no subheadings) that use each of its terms."""
        members: dict[tuple[str, str], list[int]] = defaultdict(list)
        for number, group in enumerate(self.groups):
            members[group].append(number)
        shares = []
        for number, group in enumerate(self.groups):
            others = [m for m in members[group] if m != number]
            counts = Counter(term for m in others for term in terms_of[m] & terms_of[number])
            shares.append({term: n / len(others) for term, n in counts.items()} if others else {})
        return shares

    @staticmethod
    def _descriptor(clause) -> set[str]:  # type: ignore[no-untyped-def]
        """What our own words say a clause is about: its subheading, title, id and tags."""
        name = clause.id.split(".", 1)[1].replace("_", " ")
        return _descriptor_terms(
            " ".join([clause.heading, clause.title, name, " ".join(tag.replace("-", " ") for tag in clause.tags)])
        )

    def _vector(self, terms: list[str]) -> dict[str, float]:
        counts = Counter(terms)
        vector = {t: (1 + math.log(n)) * self.idf[t] for t, n in counts.items()}
        length = math.sqrt(sum(v * v for v in vector.values())) or 1.0
        return {t: v / length for t, v in vector.items()}

    def recall(self, terms: list[str]) -> tuple[dict[int, float], float]:
        """The likeness of a text (its `content_terms`) to each clause's signed wording, and to
        the closest signed text that has no counterpart in the library."""
        if self.signed is None:
            return {}, 0.0
        idf = self.signed.idf
        counts = Counter(key for key in map(_term_key, terms) if key in idf)
        vector = _unit({key: (1 + math.log(n)) * idf[key] for key, n in counts.items()})
        likeness = [0.0] * self.signed_slots
        postings = self.signed_postings
        for key, weight in vector.items():
            for slot, other in postings.get(key, ()):
                likeness[slot] += weight * other
        clauses = len(self.clause_ids)
        return (
            {number: value for number, value in enumerate(likeness[:clauses]) if value},
            max(likeness[clauses:], default=0.0),
        )

    def candidates(
        self,
        terms: list[str],
        heading: str,
        signals: set[str],
        recalled: dict[int, float] | None = None,
        limit: int = CANDIDATES,
    ) -> list[Candidate]:
        """The clauses that share most wording with the text, best variant each, best first.
        The text is seen through the library's vocabulary: words our clauses never use (the
        partner's names and places, subjects we have no clause for) cannot point at a clause,
        and a paragraph about something else shares too little with any clause to pass the
        floor."""
        cosine: dict[int, float] = defaultdict(float)
        specific: dict[int, float] = defaultdict(float)
        for term, weight in self._vector([term for term in terms if term in self.idf]).items():
            for index, other, discounted in self.postings.get(term, ()):
                cosine[index] += weight * other
                specific[index] += weight * discounted
        best: dict[int, int] = {}
        for index, value in cosine.items():
            number = self.variants[index][0]
            if number not in best or value > cosine[best[number]]:
                best[number] = index
        ranked = sorted(best.values(), key=lambda i: -(cosine[i] + specific[i]))[:limit]
        recalled = recalled or {}
        present = {self.variants[i][0] for i in ranked}
        for number in sorted(recalled, key=lambda n: -recalled[n])[:SIGNED_CANDIDATES]:
            if number not in present:  # signed wording finds a clause our own wording misses
                ranked.append(best.get(number, self.first_variant[number]))
        tags = clause_tags()  # each detector declares the clause tag its signals point at
        wanted = {tags[kind] for kind in signals if kind in tags}
        fits, named = self.heading_fit(heading)
        if named is not None and named in best and best[named] not in ranked:
            ranked.append(best[named])
        out = []
        for index in ranked:
            number, variant = self.variants[index]
            out.append(
                Candidate(
                    number,
                    variant,
                    cosine[index],
                    specific[index],
                    fits[number],
                    bool(wanted & self.tags[number]),
                    number == named,
                    recalled.get(number, 0.0),
                )
            )
        return out

    def heading_fit(self, heading: str) -> tuple[list[float], int | None]:
        """How much of the information in the headings above a paragraph each clause's
        descriptors cover (0..1): the subheading against the clause's own descriptors (most),
        the Part heading against its Part's; or, where it is higher, the likeness of the
        subheading to those signed agreements put above the clause. Many paragraphs share a
        heading, so each distinct heading is worked out once. Also the one clause our own
        descriptors say the headings name, if they do."""
        cached = self._heading_cache.get(heading)
        if cached is None:
            if len(self._heading_cache) > 4096:  # a long-running app reading many texts
                self._heading_cache.clear()
            levels = [_descriptor_terms(h) for h in heading.split(" / ") if h and h != SIGNATURES][-2:]
            fits = [0.0] * len(self.descriptors)
            for number, (own, part) in enumerate(zip(self.descriptors, self.part_descriptors)):
                if len(levels) == 2:
                    fits[number] = 0.3 * self._covered(levels[0], part) + 0.7 * self._covered(levels[1], own)
                elif levels:
                    fits[number] = self._covered(levels[0], own | part)
            ranked = sorted(range(len(fits)), key=lambda n: -fits[n])[:2]
            named = (
                ranked[0] if fits[ranked[0]] >= NAMED_FIT and fits[ranked[0]] - fits[ranked[1]] >= NAMED_LEAD else None
            )
            if levels and self.signed is not None:
                for number, signed in self._signed_heading_fit(heading.split(" / ")[-1]).items():
                    fits[number] = max(fits[number], signed)
            cached = self._heading_cache[heading] = (fits, named)
        return cached

    def _signed_heading_fit(self, subheading: str) -> dict[int, float]:
        idf = self.signed.heading_idf  # type: ignore[union-attr]
        weights = {key: idf[key] for key in {_term_key(t) for t in _descriptor_terms(subheading)} if key in idf}
        vector = _unit(weights)
        return {
            number: sum(weight * centroid.get(key, 0.0) for key, weight in vector.items())
            for number, centroid in self.signed_headings
        }

    def _covered(self, terms: set[str], descriptor: set[str]) -> float:
        total = sum(self.heading_idf.get(t, self._rare) for t in terms)
        return (
            sum(self.heading_idf.get(t, self._rare) for t in terms if _covers(descriptor, t)) / total if total else 0.0
        )

    @property
    def _rare(self) -> float:
        return math.log(len(self.descriptors) + 1) + 1

    # --- one document ---------------------------------------------------------------------------

    def evidence(self, document: Document) -> Evidence:
        scans = scan_document(document)  # cached by paragraph text: the detectors' scan of the same text is free
        units = clause_units(document)
        zones = _zones(document)
        items = {index for unit in units for index in unit[1:]}
        pieces = []
        for stretch in _pieces(document, units):
            paragraphs = [document.paragraphs[i] for i in stretch]
            text = " ".join(p.text for p in paragraphs)
            signals = {kind for i in stretch if scans[i] is not None for kind in scans[i].signals}
            words = content_terms(text)
            recalled, signed_new = self.recall(words)
            piece = Piece(
                stretch,
                self.candidates(_features(words), paragraphs[0].heading, signals, recalled),
                zones.get(stretch[0]),
            )
            piece.signed_new = signed_new
            listing = any(index in items for index in stretch)
            for paragraph in paragraphs:
                # a list's items are scored on their own words too, and so is its lead where it
                # says something of its own ("Under this Agreement:" does not): any of them may
                # belong to another clause than the list as a whole
                lead = listing and paragraph.index == stretch[0] and len(content_terms(paragraph.text)) >= LEAD_WORDS
                if paragraph.index in items or lead:
                    words = content_terms(paragraph.text)
                    scan = scans[paragraph.index]
                    own = set(scan.signals) if scan is not None else set()
                    piece.bullets[paragraph.index] = self.candidates(
                        _features(words), paragraph.heading, own, self.recall(words)[0]
                    )
            pieces.append(piece)
        return Evidence(pieces, units)

    def piece_scores(self, piece: Piece, agreement: tuple[int | None, float], params: MappingParams) -> list[float]:
        """The evidence for each candidate of a piece, before the path: its own score, and for
        the clause of best wording the neighbours that agree on it."""
        top, neighbours = agreement
        return [
            self.score(c, piece.zone, params) + (params.consensus_weight * neighbours if c.clause == top else 0.0)
            for c in piece.candidates
        ]

    @staticmethod
    def wording(candidate: Candidate, params: MappingParams) -> float:
        return (1 - params.specific_weight) * candidate.cosine + params.specific_weight * candidate.specific

    def score(self, candidate: Candidate, zone: str | None, params: MappingParams) -> float:
        score = (
            self.wording(candidate, params)
            + params.heading_weight * candidate.heading
            + params.signal_weight * candidate.signal
            + params.signed_weight * candidate.signed
        )
        if zone is not None:
            score += (
                params.zone_weight if self.recital[candidate.clause] == (zone == "recitals") else -params.zone_weight
            )
        return score

    def decide(self, evidence: Evidence, params: MappingParams | None = None, profile: str = "standard") -> ClauseMap:
        params = params or self.default_params
        agreement = self._consensus(evidence.pieces, params)
        scored = [self.piece_scores(piece, agrees, params) for piece, agrees in zip(evidence.pieces, agreement)]
        choices = self._best_path(evidence.pieces, scored, params)
        matches: list[ClauseMatch] = []
        for piece, scores, chosen in zip(evidence.pieces, scored, choices):
            nearest = self.clause_ids[piece.candidates[0].clause] if piece.candidates else None
            if chosen is None:
                similarity = round(min(max(scores, default=0.0), 1.0), 3)
                matches.extend(ClauseMatch(i, None, None, similarity, "new", nearest) for i in piece.paragraphs)
                continue
            candidate = piece.candidates[chosen]
            lead = ClauseMatch(
                piece.paragraphs[0],
                self.clause_ids[candidate.clause],
                candidate.variant,
                round(min(scores[chosen], 1.0), 3),
                "match" if scores[chosen] >= params.match_score else "probable",
            )
            for index in piece.paragraphs:
                own = piece.bullets.get(index)
                matches.append(
                    self._bullet(index, own, candidate, lead, piece.zone, params) if own else _moved(lead, index)
                )
        found = {m.clause_id for m in matches if m.clause_id}
        standard = self.library.profiles.get(profile) or self.library.profiles["standard"]
        return ClauseMap(matches, [cid for cid in standard.clauses if cid not in found], evidence.units)

    def _consensus(self, pieces: list[Piece], params: MappingParams) -> list[tuple[int | None, float]]:
        """Neighbours that agree on their own: for each piece, the clause of its best wording and
        how many of the two pieces on either side have the same (1) or a sibling (0.5) as theirs."""
        tops = [
            max(p.candidates, key=lambda c: self.wording(c, params)).clause if p.candidates else None for p in pieces
        ]
        out: list[tuple[int | None, float]] = []
        for number, top in enumerate(tops):
            agreeing = 0.0
            for other in (number - 2, number - 1, number + 1, number + 2):
                if top is not None and 0 <= other < len(tops) and tops[other] is not None:
                    agreeing += (
                        1.0 if tops[other] == top else 0.5 if self.groups[tops[other]] == self.groups[top] else 0.0
                    )
            out.append((top, agreeing))
        return out

    def _bullet(
        self,
        index: int,
        own: list[Candidate],
        parent: Candidate,
        lead: ClauseMatch,
        zone: str | None,
        params: MappingParams,
    ) -> ClauseMatch:
        """A paragraph of a list (its lead or an item) follows the list's clause unless its own
        wording clearly belongs to another clause (a list that moves on to the next clause, as
        a paragraph of the Scope stating NATO support and listing the core commitments)."""
        passing = [c for c in own if c.cosine >= params.text_floor or c.signed >= params.signed_floor]
        if not passing:
            return _moved(lead, index)
        best = max(passing, key=lambda c: self.score(c, zone, params))
        if best.clause == parent.clause:
            return _moved(lead, index)
        parent_here = next((c for c in own if c.clause == parent.clause), None)
        best_score = self.score(best, zone, params)
        parent_score = self.score(parent_here, zone, params) if parent_here else 0.0
        if best_score < parent_score + params.split_margin or best_score < params.new_score:
            return _moved(lead, index)
        status: MatchStatus = "match" if best_score >= params.match_score else "probable"
        return ClauseMatch(index, self.clause_ids[best.clause], best.variant, round(min(best_score, 1.0), 3), status)

    def _best_path(self, pieces: list[Piece], scored: list[list[float]], params: MappingParams) -> list[int | None]:
        """Viterbi over the pieces: each takes one of its candidates close enough to be attached
        (`_close`), or is new. A path earns each piece's score (for `new` a constant and the
        likeness to signed text with no counterpart) and a bonus
        between neighbours in one clause, group or Part; through new text the last clause is
        remembered, so one odd paragraph does not break a run."""
        # a state: (candidate number or None for new, the last clause before it) -> (total, back pointer)
        previous: dict[tuple[int | None, int | None], tuple[float, tuple[int | None, int | None] | None]] = {
            (None, None): (0.0, None)
        }
        history = []
        for piece, scores in zip(pieces, scored):
            current: dict[tuple[int | None, int | None], tuple[float, tuple[int | None, int | None] | None]] = {}
            new_score = params.new_score + params.signed_new_weight * piece.signed_new
            for (choice, last), (total, _) in previous.items():
                key = (None, last)
                if key not in current or total + new_score > current[key][0]:
                    current[key] = (total + new_score, (choice, last))
            for number, candidate in enumerate(piece.candidates):
                if not _close(candidate, params):
                    continue
                own = scores[number]
                best: tuple[float, tuple[int | None, int | None] | None] | None = None
                for (choice, last), (total, _) in previous.items():
                    value = total + own + self._bonus(last, candidate.clause, params)
                    if best is None or value > best[0]:
                        best = (value, (choice, last))
                current[(number, candidate.clause)] = best  # type: ignore[assignment]
            if len(current) > 4 * CANDIDATES:
                current = dict(sorted(current.items(), key=lambda item: -item[1][0])[: 4 * CANDIDATES])
            history.append(current)
            previous = current
        state = max(previous, key=lambda key: previous[key][0]) if previous else None
        path: list[int | None] = []
        for current in reversed(history):
            path.append(state[0])  # type: ignore[index]
            state = current[state][1]  # type: ignore[index]
        return path[::-1]

    def _bonus(self, last: int | None, clause: int, params: MappingParams) -> float:
        if last is None:
            return 0.0
        if last == clause:
            return params.same_clause
        if self.groups[last] == self.groups[clause]:
            return params.same_group if clause > last else params.same_group / 2  # our order, or back within the group
        return params.same_part if self.parts[last] == self.parts[clause] else 0.0

    def map(
        self,
        document: Document,
        profile: str = "standard",
        params: MappingParams | None = None,
    ) -> ClauseMap:
        return self.decide(self.evidence(document), params, profile)


def _close(candidate: Candidate, params: MappingParams) -> bool:
    """Close enough to be attached: by our own wording of the clause, or by its signed wording."""
    floor = params.named_floor if candidate.named else params.text_floor
    return candidate.cosine >= floor or candidate.signed >= params.signed_floor


def _descriptor_terms(text: str) -> set[str]:
    return {t for t in content_terms(text) if not _NUMBERING_WORD.match(t)}


def _covers(descriptor: set[str], term: str) -> bool:
    """A heading word found among a clause's descriptors, also as a longer or shorter form
    ("cybersecurity" and "cyber")."""
    if term in descriptor:
        return True
    return len(term) >= 5 and any(len(d) >= 5 and (d.startswith(term) or term.startswith(d)) for d in descriptor)


def _moved(match: ClauseMatch, index: int) -> ClauseMatch:
    return ClauseMatch(index, match.clause_id, match.variant, match.similarity, match.status, match.nearest)


def clause_units(document: Document) -> list[list[int]]:
    """Body paragraphs grouped as a lead paragraph and the bullets that follow it (or the items
    of a list it opens with a colon); signature lines are left out."""
    units: list[list[int]] = []
    open_unit = False
    for paragraph in document.paragraphs:
        if paragraph.kind != "paragraph" or paragraph.heading == SIGNATURES:
            open_unit = False
            continue
        unit = [document.paragraphs[i] for i in units[-1]] if open_unit else []
        if open_unit and (paragraph.list_level or _continues_list(unit, paragraph)):
            units[-1].append(paragraph.index)
        else:
            units.append([paragraph.index])
            open_unit = True
    return units


def _continues_list(unit: list[Paragraph], after: Paragraph) -> bool:
    """An item of a list that a lead sentence opens with a colon, written as a paragraph of its
    own without a bullet: it goes on with that sentence, so it starts in lower case, and the
    item before it ends as list items do."""
    lead, last = unit[0].text.rstrip(), unit[-1].text.rstrip()
    opened = lead.endswith(":") and (len(unit) == 1 or last.endswith((";", ",", " and", " or")))
    words = without_marker(after.text).lstrip()
    return opened and bool(words) and words[0].islower() and unit[0].heading == after.heading


def _continues(before: Paragraph, after: Paragraph) -> bool:
    """A paragraph broken in two at a page end: the first half stops mid-sentence (on a word,
    not on a comma, which ends a recital), the second has no number of its own."""
    if after.label or after.list_level or before.heading != after.heading or MARKER.match(after.text.lower()):
        return False
    end = before.text.rstrip()
    return bool(end) and end[-1].isalnum()


def _pieces(document: Document, units: list[list[int]]) -> list[list[int]]:
    pieces: list[list[int]] = []
    for unit in units:
        if pieces and _continues(document.paragraphs[pieces[-1][-1]], document.paragraphs[unit[0]]):
            pieces[-1].extend(unit)
        else:
            pieces.append(list(unit))
    return pieces


def _zones(document: Document) -> dict[int, str]:
    """Recitals stand before the first Part of a text (a level-1 heading that is not the
    preamble's own), operative clauses after it. A text without Parts says nothing here."""
    first_part = next(
        (
            p.index
            for p in document.paragraphs
            if p.kind == "heading" and p.level == 1 and not _PREAMBLE_HEADING.match(p.text)
        ),
        None,
    )
    if first_part is None:
        return {}
    return {
        p.index: "recitals" if p.index < first_part else "operative"
        for p in document.paragraphs
        if p.kind == "paragraph"
    }


def matcher_for(library: Library) -> ClauseMatcher:
    matcher = library.derived.get("clause_matcher")
    if matcher is None:
        matcher = library.derived["clause_matcher"] = ClauseMatcher(library, load_signed_wording(library))
    return matcher


# The languages whose texts are mapped: the clause library's wording, and the terms compared, are English.
LANGUAGES = ("en",)


def map_clauses(document: Document, library: Library) -> ClauseMap:
    return matcher_for(library).map(document)
