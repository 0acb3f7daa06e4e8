"""Who accepted this wording: the closest clause units of the signed agreements to any text.

Every clause unit (a lead paragraph and its bullets) of every indexed agreement is a TF-IDF
vector over its content words, with the IDF taken from the signed texts themselves. Words are
reduced to their stems by the Snowball English stemmer, so that "terminate", "terminated" and
"termination" are one word, and numbers are compared as numbers ("six (6)" and "6" alike).
A signed paragraph may hold several clauses (a PDF often runs a whole Part together), so a
unit is also searched sentence by sentence and, from three sentences on, as windows of two
consecutive sentences; a unit is as close as its closest passage. The vectors are built once
per loaded index; a lookup walks the postings of the query's words only.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import threading
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import snowballstemmer

from bsa_drafter.detectors import normalise, sentence_spans
from bsa_drafter.reading.markers import without_marker

if TYPE_CHECKING:
    from bsa_drafter.precedents.store import IndexedAgreement, PrecedentIndex

# below this cosine a paragraph shares too little wording to be anyone's precedent
MIN_SIMILARITY = 0.15

_STOP = frozenset(
    "the of and to in a an for with its their this that as on by be will is are it which or from at has have been "
    "such other these those any all each into under between within shall would may can also well both them they "
    "there than so not no".split()
)
_NUMBER_WORDS = {
    "one": "1",
    "two": "2",
    "three": "3",
    "four": "4",
    "five": "5",
    "six": "6",
    "seven": "7",
    "eight": "8",
    "nine": "9",
    "ten": "10",
    "eleven": "11",
    "twelve": "12",
    "fifteen": "15",
    "twenty": "20",
    "thirty": "30",
    "sixty": "60",
    "ninety": "90",
}
_PLACEHOLDER = re.compile(r"\{[a-z_:]+\}")
_SPELLING = (
    (re.compile(r"co-?operat"), "cooperat"),
    (re.compile(r"defense"), "defence"),
    (re.compile(r"(?<=[a-z]{3})iz(?=(?:e|es|ed|ing|ation|ations)\b)"), "is"),  # organize -> organise
    (re.compile(r"twenty[- ]four"), "24"),
)
_TOKEN = re.compile(r"[a-z]+|\d+(?:[.,]\d+)?")
_stemmer = snowballstemmer.stemmer("english")
_stemmer_lock = threading.Lock()  # a Snowball stemmer keeps state while it stems a word


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    with _stemmer_lock:
        return _stemmer.stemWord(word)


def wording_terms(text: str) -> list[str]:
    """The content words of a text as the comparison sees them: stems and numbers."""
    text = without_marker(normalise(text).lower())
    text = _PLACEHOLDER.sub(" ", text)
    for pattern, replacement in _SPELLING:
        text = pattern.sub(replacement, text)
    terms = []
    for word in _TOKEN.findall(text):
        if word in _STOP or (len(word) < 3 and not word[0].isdigit()):
            continue
        terms.append(_NUMBER_WORDS.get(word) or (word if word[0].isdigit() else _stem(word)))
    return terms


@dataclass(frozen=True)
class PrecedentMatch:
    """One signed paragraph close to the wording asked about: whose, where, how close, and
    the features that wording carries. Plain data, shown alike by the command line and the app."""

    agreement: str  # the partner, as the index names it
    precedent: str | None  # the library's precedent id of that agreement
    date: dt.date | None  # of signature
    file: str
    paragraph: int  # the unit's lead paragraph in the agreement's text
    where: str  # its headings and number
    text: str  # the unit's wording: the lead paragraph and its bullets
    passage: str  # the sentences of `text` closest to the wording asked about (all of it, or two sentences)
    similarity: float  # cosine of the wording asked about and the passage, 0..1
    features: dict[str, Any] = field(default_factory=dict)  # the features the passage carries
    clause: str | None = None  # the library clause the paragraph maps to, if any

    def as_json(self) -> dict[str, Any]:
        return {
            "agreement": self.agreement,
            "precedent": self.precedent,
            "date": self.date.isoformat() if self.date else None,
            "file": self.file,
            "paragraph": self.paragraph,
            "where": self.where,
            "text": self.text,
            "passage": self.passage,
            "similarity": self.similarity,
            "features": self.features,
            "clause": self.clause,
        }


@dataclass(frozen=True, slots=True)
class Passage:
    agreement: int  # number in the index
    unit: int  # number in the agreement
    span: tuple[int, int] | None  # offsets in the unit's text; None: the whole unit
    sentence: bool = False  # one sentence of a longer unit


def passages(text: str) -> list[tuple[tuple[int, int] | None, list[str], bool]]:
    """The whole unit; for a unit of three sentences or more each two consecutive ones, and for
    one of two or more each sentence: (span in the unit's text or None for all of it, its words,
    whether it is a single sentence). Each sentence is read once and the longer passages are
    put together from its words."""
    sentences = [(span, wording_terms(text[span[0] : span[1]])) for span in sentence_spans(text)]
    sentences = [(span, terms) for span, terms in sentences if terms]  # not a bare "1."
    found: list[tuple[tuple[int, int] | None, list[str], bool]] = [
        (None, [t for _, terms in sentences for t in terms], False)
    ]
    if len(sentences) >= 3:
        found += [((a[0][0], b[0][1]), a[1] + b[1], False) for a, b in zip(sentences, sentences[1:])]
    if len(sentences) >= 2:
        found += [(span, terms, True) for span, terms in sentences]
    return found


class WordingIndex:
    """The passages of an index's clause units as normalised TF-IDF vectors, with postings per
    word. IDF counts units, so that a word is not made common by the passages repeating it."""

    def __init__(self, index: PrecedentIndex):
        self.index = index
        self.passages: list[Passage] = []
        documents: list[list[str]] = []
        frequency: Counter[str] = Counter()
        for number, agreement in enumerate(index.agreements):
            for unit_number, unit in enumerate(agreement.units):
                found = passages(agreement.unit_text(unit))
                frequency.update(set(found[0][1]))
                for span, terms, sentence in found:
                    self.passages.append(Passage(number, unit_number, span, sentence))
                    documents.append(terms)
        total = sum(len(a.units) for a in index.agreements)
        self.idf = {term: math.log((total + 1) / (count + 1)) + 1 for term, count in frequency.items()}
        self.unknown_idf = math.log(total + 1) + 1
        self.postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
        for number, terms in enumerate(documents):
            for term, weight in self._vector(terms).items():
                self.postings[term].append((number, weight))

    def _vector(self, terms: list[str]) -> dict[str, float]:
        counts = Counter(terms)
        vector = {t: (1 + math.log(n)) * self.idf.get(t, self.unknown_idf) for t, n in counts.items()}
        length = math.sqrt(sum(v * v for v in vector.values())) or 1.0
        return {t: v / length for t, v in vector.items()}

    def cosines(self, text: str) -> dict[int, float]:
        """The cosine of the text with every passage that shares a word with it."""
        accumulated: dict[int, float] = defaultdict(float)
        for term, weight in self._vector(wording_terms(text)).items():
            for passage, other in self.postings.get(term, ()):
                accumulated[passage] += weight * other
        return accumulated

    def best_per_agreement(self, text: str, sentences: bool = True) -> dict[int, tuple[int, float]]:
        """Per agreement number, its closest passage and the cosine; single sentences of longer
        units count only when `sentences` is true."""
        best: dict[int, tuple[int, float]] = {}
        for passage, cosine in self.cosines(text).items():
            if not sentences and self.passages[passage].sentence:
                continue
            agreement = self.passages[passage].agreement
            if agreement not in best or cosine > best[agreement][1]:
                best[agreement] = (passage, cosine)
        return best

    def match(self, passage_number: int, similarity: float) -> PrecedentMatch:
        passage = self.passages[passage_number]
        agreement: IndexedAgreement = self.index.agreements[passage.agreement]
        stored = agreement.units[passage.unit]
        lead = stored.paragraphs[0]
        text = agreement.unit_text(stored)
        if passage.span is None:
            words, features = text, dict(stored.features)
        else:
            from bsa_drafter.precedents.record import wording_features

            words = text[passage.span[0] : passage.span[1]]
            features = wording_features(words)
        return PrecedentMatch(
            agreement=agreement.partner,
            precedent=agreement.precedent,
            date=agreement.date,
            file=agreement.file,
            paragraph=lead,
            where=agreement.where(lead),
            text=text,
            passage=words,
            similarity=round(min(similarity, 1.0), 3),
            features=features,
            clause=agreement.paragraphs[lead].clause,
        )


def who_accepted(text: str, index: PrecedentIndex, limit: int = 5) -> list[PrecedentMatch]:
    """The signed agreements whose wording is closest to `text`, closest first: for each
    agreement its closest clause unit, at most `limit` agreements, none below MIN_SIMILARITY."""
    wording = index.wording()
    ranked = sorted(wording.best_per_agreement(text).items(), key=lambda item: (-item[1][1], item[0]))
    return [wording.match(passage, cosine) for _, (passage, cosine) in ranked[:limit] if cosine >= MIN_SIMILARITY]
