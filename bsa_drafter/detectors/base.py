"""What a detector is, and what it works on.

A detector reads one family of wording (exit and notice, NATO support, money ...) in one
language. It works in two steps:

* `scan(sentence, scan)`: every local signal in one sentence, kept in a `ParagraphScan` that is
  cached by paragraph text, so a live re-check after a keystroke rescans one clause only. A
  signal's kind is the name of the feature it supports. Sentences that come close without
  counting are kept as misses, with the reason, for honest absence.
* `combine(reading)`: the signals of a whole document become `Feature`s, each with every
  occurrence and its evidence; structure (which chapter a paragraph stands in) is applied here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar, Iterable, Literal

from bsa_drafter.detectors.text import context, quote
from bsa_drafter.models import Document, DocumentOrigin, Evidence, Feature, Hit, NearMiss

FeatureKind = Literal["flag", "choice", "number", "text", "count"]


@dataclass(frozen=True, slots=True)
class FeatureSpec:
    """A feature that rules may name. `kind` says what its value is: a flag (true/false), a
    choice among words, a number (or null), a text code, or a count of occurrences (a list
    feature). Rules may use `each = name` for every feature with `per_occurrence` (counts are)."""

    name: str
    meaning: str
    kind: FeatureKind
    per_occurrence: bool = False

    @property
    def each(self) -> bool:
        return self.per_occurrence or self.kind == "count"


@dataclass(slots=True)
class Signal:
    """A local finding inside one paragraph: where, which sentence, a value, and the values of
    related features that this occurrence carries on its own (an exit's notice)."""

    start: int
    end: int
    sentence: tuple[int, int]
    value: Any = True
    related: dict[str, Any] | None = None
    form: str = ""  # which wording family found it, when the detector's combine needs to know


@dataclass(slots=True)
class Miss:
    """A sentence that came close to a feature and did not count: why, and how close (0..1)."""

    start: int
    end: int
    reason: str
    closeness: float


@dataclass(slots=True)
class Sentence:
    """One sentence of a paragraph (normalised text; offsets are the paragraph's). `whole` is
    the full sentence it belongs to when semicolons or list lines split it into items."""

    text: str
    low: str
    start: int
    end: int
    whole: tuple[int, int]
    paragraph: str
    paragraph_low: str

    @property
    def span(self) -> tuple[int, int]:
        return (self.start, self.end)

    @property
    def whole_text(self) -> str:
        return self.paragraph[self.whole[0] : self.whole[1]]

    @property
    def whole_low(self) -> str:
        return self.paragraph_low[self.whole[0] : self.whole[1]]

    def signal(self, start: int, end: int, value: Any = True, form: str = "", **related: Any) -> Signal:
        """A signal at offsets inside this sentence."""
        return Signal(self.start + start, self.start + end, self.span, value, related or None, form)

    def miss(self, reason: str, closeness: float = 0.5) -> Miss:
        return Miss(self.start, self.end, reason, closeness)

    def whole_signal(self, start: int, end: int, value: Any = True, form: str = "") -> Signal:
        """A signal at offsets inside the whole sentence, for detectors that read it whole."""
        offset = self.whole[0]
        return Signal(offset + start, offset + end, self.whole, value, None, form)

    def whole_miss(self, reason: str, closeness: float = 0.5) -> Miss:
        return Miss(self.whole[0], self.whole[1], reason, closeness)


@dataclass
class ParagraphScan:
    sentences: list[tuple[int, int]]
    signals: dict[str, list[Signal]] = field(default_factory=dict)
    misses: dict[str, list[Miss]] = field(default_factory=dict)

    def add(self, kind: str, signal: Signal) -> None:
        self.signals.setdefault(kind, []).append(signal)

    def add_miss(self, feature: str, miss: Miss) -> None:
        self.misses.setdefault(feature, []).append(miss)

    def get(self, kind: str) -> list[Signal]:
        return self.signals.get(kind, [])

    def read_whole(self, feature: str, whole: tuple[int, int]) -> bool:
        """Whether a detector that reads whole sentences has already read this one (a sentence
        split at semicolons comes once per item)."""
        return any(signal.sentence == whole for signal in self.signals.get(feature, ())) or any(
            (miss.start, miss.end) == whole for miss in self.misses.get(feature, ())
        )


Located = tuple[int, Signal]  # (paragraph index, signal)

# The chapters a detector may be scoped to, recognised from a paragraph's headings.
Chapter = Literal[
    "preamble", "introduction", "defence", "attack", "final", "fiscal", "reform", "political", "civil", "other"
]


@dataclass
class Reading:
    """A whole document as the detectors' `combine` sees it."""

    document: Document
    scans: list[ParagraphScan]
    signals: dict[str, list[Located]]
    misses: dict[str, list[tuple[int, Miss]]]
    chapters: list[Chapter | None]

    @property
    def origin(self) -> DocumentOrigin:
        return self.document.origin

    def located(self, kind: str) -> list[Located]:
        return self.signals.get(kind, [])

    def outside(self, index: int, chapter: Chapter) -> Chapter | None:
        """The other chapter a paragraph stands in, when its headings place it outside `chapter`
        (a pledge in the fiscal chapter, not the defence one). None where the structure says
        nothing (no heading, or one we do not recognise), in the introduction, which often sums
        up the commitments, and always in our own drafts, where wording typed anywhere counts."""
        found = self.chapters[index]
        if self.origin == "draft" or found in (None, chapter, "other", "introduction"):
            return None
        return found

    def lead_of(self, index: int) -> int:
        """The paragraph a bullet belongs to (a foreign text has a paragraph per bullet): the
        nearest paragraph before it that is not a list item; the paragraph itself otherwise."""
        paragraphs = self.document.paragraphs
        while index > 0 and paragraphs[index].list_level and paragraphs[index - 1].kind == "paragraph":
            index -= 1
        return index

    def unit_text(self, index: int) -> str:
        """A paragraph with its lead and the bullets that go with it, as one text."""
        paragraphs = self.document.paragraphs
        lead = self.lead_of(index)
        end = lead + 1
        while end < len(paragraphs) and paragraphs[end].list_level and paragraphs[end].kind == "paragraph":
            end += 1
        return " ".join(p.text for p in paragraphs[lead:end])

    def next_text(self, index: int) -> int | None:
        """The next body paragraph after `index`, if it follows closely."""
        for following in range(index + 1, min(index + 3, len(self.scans))):
            if self.document.paragraphs[following].kind == "paragraph":
                return following
        return None

    # --- building features ---------------------------------------------------------------------

    def evidence(self, index: int, signal: Signal, whole_sentence: bool = True) -> Evidence:
        paragraph = self.document.paragraphs[index]
        start, end = signal.sentence if whole_sentence else (signal.start, signal.end)
        return Evidence(
            paragraph=index, start=start, end=end, quote=quote(paragraph.text, start, end), clause=paragraph.clause
        )

    def hit(
        self, located: Located, value: Any = None, related: dict[str, Any] | None = None, short: bool = False
    ) -> Hit:
        """One occurrence: its sentence as evidence (or the match with some context, `short`)."""
        index, signal = located
        if short:
            evidence = self.evidence(index, signal, whole_sentence=False)
            evidence.quote = context(self.document.paragraphs[index].text, signal.start, signal.end)
        else:
            evidence = self.evidence(index, signal)
        value = signal.value if value is None else value
        return Hit(
            value=value, evidence=evidence, related=dict(related if related is not None else signal.related or {})
        )

    def closest(self, feature: str, extra: Iterable[tuple[int, Miss]] = (), limit: int = 3) -> list[NearMiss]:
        """The sentences that came nearest to `feature` without counting, closest first."""
        misses = sorted(
            [*self.misses.get(feature, []), *extra], key=lambda item: (-item[1].closeness, item[0], item[1].start)
        )
        near: list[NearMiss] = []
        seen: set[tuple[int, int]] = set()
        for index, miss in misses:
            if (index, miss.start) in seen:
                continue
            seen.add((index, miss.start))
            paragraph = self.document.paragraphs[index]
            evidence = Evidence(
                index, miss.start, miss.end, quote(paragraph.text, miss.start, miss.end, 240), paragraph.clause
            )
            near.append(NearMiss(evidence, miss.reason))
            if len(near) == limit:
                break
        return near

    def flag(self, kind: str, hits: list[Located] | None = None, misses: Iterable[tuple[int, Miss]] = ()) -> Feature:
        """A true/false feature: true where signals of `kind` were found (or the `hits` given);
        when false, the closest near-misses, the detector's own `misses` among them."""
        found = self.located(kind) if hits is None else hits
        occurrences = [self.hit(item, value=True) for item in found]
        closest = [] if found else self.closest(kind, misses)
        return Feature(bool(found), [h.evidence for h in occurrences], occurrences, closest)

    def count(self, kind: str, hits: list[Located] | None = None, misses: Iterable[tuple[int, Miss]] = ()) -> Feature:
        """A list feature: the number of occurrences, each with the match in its context; when
        none, the closest near-misses, the detector's own `misses` among them."""
        found = self.located(kind) if hits is None else hits
        occurrences = [self.hit(item, short=True) for item in found]
        closest = [] if found else self.closest(kind, misses)
        return Feature(len(occurrences), [h.evidence for h in occurrences], occurrences, closest)


def has_any(low: str, words: Iterable[str]) -> bool:
    """Whether the lower-case text contains one of the words: the cheap test before a pattern."""
    for word in words:
        if word in low:
            return True
    return False


def miss_at(located: Located, reason: str, closeness: float) -> tuple[int, Miss]:
    """A signal that was found but does not count where it stands, as a miss."""
    index, signal = located
    return index, Miss(signal.sentence[0], signal.sentence[1], reason, closeness)


class Detector:
    """One family of wording in one language (the package it stands in: `en/` for English).
    Subclasses declare `features` (the first is the family's main feature), `keywords` (a
    sentence is scanned only when its lower-case text contains one of them; empty: every
    sentence), `tags` (signal kind -> the clause tag it points at, for the clause mapping),
    `order` (its place in tables), `reads_headings`, and implement `scan` and `combine`."""

    features: ClassVar[tuple[FeatureSpec, ...]] = ()
    order: ClassVar[int] = 100
    reads_headings: ClassVar[bool] = False  # marks and loaded words count in headings too
    keywords: ClassVar[tuple[str, ...]] = ()
    tags: ClassVar[dict[str, str]] = {}

    def wants(self, low: str) -> bool:
        """Whether a sentence (lower case) is worth scanning. Plain substring tests: on sentences of
        a few hundred characters they are many times faster than a regular expression."""
        return not self.keywords or has_any(low, self.keywords)

    def scan(self, sentence: Sentence, scan: ParagraphScan) -> None:
        """Add the signals (and misses) of one sentence."""

    def scan_paragraph(self, text: str, scan: ParagraphScan) -> None:
        """Add signals that are not bound to one sentence (marks such as brackets)."""

    def combine(self, reading: Reading) -> dict[str, Feature]:
        raise NotImplementedError
