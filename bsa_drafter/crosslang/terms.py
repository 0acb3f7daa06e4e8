"""The termbase applied to text: term pairs, forbidden words and treaty vocabulary.

English terms are found as words or phrases (case-insensitive, whole words). Ukrainian terms
are found by lemma: each lemma of a term is expanded once into all its forms (its paradigm,
from the dictionary), and a phrase matches where consecutive words are forms of its lemmas in
order. A capitalised Ukrainian term («Учасник») is a defined term: its forbidden renderings
(«Сторона») count only when capitalised too, so «з іншого боку» or «сторона» in another sense
is left alone. The same rule holds for treaty vocabulary in both languages ("Parties" is the
defined term, "third parties" is not).

The forms need the dictionary (morphology.py); `TermMatcher` is built once per termbase when
it is there, and remembers the result for every pair of texts it has checked.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from typing import Iterable

from bsa_drafter import morphology
from bsa_drafter.crosslang.text import sentence_at, sentences, words
from bsa_drafter.models import Term, Termbase, TextLanguage

Phrase = tuple[frozenset[str], ...]  # the forms each word of a phrase may take, in order


@dataclass(frozen=True, slots=True)
class Found:
    """A termbase word found in a text: which entry, what it says, and where."""

    value: str
    start: int
    end: int
    language: TextLanguage


def phrase_forms(phrase: str) -> Phrase:
    """The forms of each word of a Ukrainian phrase, by its lemmas."""
    result = []
    for _, _, word in words(phrase):
        forms: set[str] = set()
        for lemma in morphology.lemmas_of(word):
            forms |= morphology.forms_of(lemma)
        result.append(frozenset(forms | {word}))
    return tuple(result)


def find_phrase(
    tokens: list[tuple[int, int, str]], phrase: Phrase, text: str, capitalised: bool = False
) -> list[tuple[int, int]]:
    """Where the phrase stands in the words of a text, as (start, end) offsets."""
    spans = []
    size = len(phrase)
    if not size:
        return spans
    for index in range(len(tokens) - size + 1):
        if tokens[index][2] not in phrase[0]:
            continue
        if all(tokens[index + k][2] in phrase[k] for k in range(1, size)):
            start, end = tokens[index][0], tokens[index + size - 1][1]
            if capitalised and not text[start : start + 1].isupper():
                continue
            spans.append((start, end))
    return spans


def english_pattern(forms: Iterable[str]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in sorted(set(forms), key=len, reverse=True))
    return re.compile(rf"(?<![\w'\u2019-])(?:{alternatives})(?![\w'\u2019-])", re.IGNORECASE)


@dataclass
class _CompiledTerm:
    term: Term
    english: re.Pattern[str]
    ukrainian: list[Phrase]  # the preferred term and the lemmas that also count
    forbidden: list[tuple[str, Phrase]]
    capitalised: bool
    senses: list[tuple[re.Pattern[str], str, Phrase]] = field(default_factory=list)
    first_words: tuple[str, ...] = ()  # a block without any of these cannot hold the term


@dataclass
class PairResult:
    """What the termbase says about one English block and its Ukrainian."""

    broken: list[Found]  # the English has a term the Ukrainian lacks (located in the English)
    renderings: list[Found]  # a term rendered by a word the termbase forbids for it (in the Ukrainian)


class TermMatcher:
    """A termbase made ready for text: needs the dictionary, built once per termbase."""

    def __init__(self, termbase: Termbase):
        self.termbase = termbase
        self.terms = [self._compile(term) for term in termbase.terms]
        self.forbidden_uk = [
            (
                f.lemma,
                (phrase_forms(f.lemma)[0] | frozenset(morphology.normal(x) for x in f.forms),),
                phrase_forms(f.unless) if f.unless else (),
            )
            for f in termbase.forbidden
            if f.lang == "uk"
        ]
        self._pairs: dict[tuple[str, str], PairResult] = {}
        self._forbidden: dict[str, list[Found]] = {}

    @staticmethod
    def _compile(term: Term) -> _CompiledTerm:
        return _CompiledTerm(
            term=term,
            english=english_pattern(term.en),
            ukrainian=[phrase_forms(lemma) for lemma in (term.uk, *term.uk_also)],
            forbidden=[(lemma, phrase_forms(lemma)) for lemma in term.uk_forbidden],
            capitalised=term.uk[:1].isupper(),
            senses=[(english_pattern(sense.en), sense.uk, phrase_forms(sense.uk)) for sense in term.senses],
            first_words=tuple({form.split()[0] for form in term.en}),
        )

    def check_pair(self, english: str, ukrainian: str) -> PairResult:
        """The term pairs of one block: every English term needs its Ukrainian (or, in a sense
        the termbase names, that sense's word), and none of the words forbidden for it."""
        key = (english, ukrainian)
        cached = self._pairs.get(key)
        if cached is not None:
            return cached
        result = PairResult([], [])
        low = english.lower()
        tokens = words(ukrainian)
        present = {word for _, _, word in tokens}
        for compiled in self.terms:
            if not any(word in low for word in compiled.first_words):
                continue
            occurrences = [m.span() for m in compiled.english.finditer(english)]
            if not occurrences:
                continue
            has_term = any(_has(tokens, present, phrase, ukrainian) for phrase in compiled.ukrainian)
            term_words = english[occurrences[0][0] : occurrences[0][1]]
            renderings = _forbidden_renderings(compiled, tokens, present, ukrainian, term_words)
            if renderings:
                result.renderings.extend(renderings)
                continue  # the rendering says what is wrong; the missing term would say it twice
            sensed = {}
            for pattern, word, phrase in compiled.senses:
                for match in pattern.finditer(english):
                    for span in occurrences:
                        if match.start() <= span[0] < match.end():
                            sensed[span] = (word, phrase)
            plain = [span for span in occurrences if span not in sensed]
            if plain and not has_term:
                start, end = plain[0]
                result.broken.append(
                    Found(f"'{english[start:end]}' \u2192 \u00ab{compiled.term.uk}\u00bb", start, end, "en")
                )
            for span, (word, phrase) in sensed.items():
                if not has_term and not _has(tokens, present, phrase, ukrainian):
                    result.broken.append(
                        Found(
                            f"'{english[span[0] : span[1]]}' \u2192 "
                            f"\u00ab{compiled.term.uk}\u00bb or \u00ab{word}\u00bb",
                            span[0],
                            span[1],
                            "en",
                        )
                    )
                    break
        result.broken = _outermost(result.broken)
        result.renderings = _outermost(result.renderings)
        if len(self._pairs) > 20_000:
            self._pairs.clear()
        self._pairs[key] = result
        return result

    def forbidden_in_ukrainian(self, text: str) -> list[Found]:
        """Words the termbase forbids in any Ukrainian text («запевнення»), unless in the
        company of their `unless` phrase in the same sentence."""
        cached = self._forbidden.get(text)
        if cached is not None:
            return cached
        found: list[Found] = []
        tokens = words(text)
        present = {word for _, _, word in tokens}
        spans = None
        for lemma, phrase, unless in self.forbidden_uk:
            if not phrase[0] & present:
                continue
            for start, end in find_phrase(tokens, phrase, text):
                spans = spans if spans is not None else sentences(text)
                sentence = sentence_at(spans, start)
                if unless and find_phrase(
                    words(text[sentence[0] : sentence[1]]), unless, text[sentence[0] : sentence[1]]
                ):
                    continue
                found.append(Found(lemma, start, end, "uk"))
        if len(self._forbidden) > 20_000:
            self._forbidden.clear()
        self._forbidden[text] = found
        return found


def _outermost(found: list[Found]) -> list[Found]:
    """One finding per place: of overlapping ones, the longest ("security commitments" over
    "commitments", «гарантії безпеки» over «гарантії»)."""
    kept: list[Found] = []
    for item in sorted(found, key=lambda f: (f.start, -(f.end - f.start))):
        if kept and item.start < kept[-1].end:
            continue
        kept.append(item)
    return kept


def _forbidden_renderings(
    compiled: _CompiledTerm, tokens: list[tuple[int, int, str]], present: set[str], ukrainian: str, term_words: str
) -> list[Found]:
    """The words forbidden for a term that the Ukrainian uses where the English has the term."""
    found = []
    for lemma, phrase in compiled.forbidden:
        if not phrase[0] & present:
            continue
        for start, end in find_phrase(tokens, phrase, ukrainian, compiled.capitalised):
            found.append(Found(f"\u00ab{ukrainian[start:end]}\u00bb ({lemma}) for '{term_words}'", start, end, "uk"))
    return found


def _has(tokens: list[tuple[int, int, str]], present: set[str], phrase: Phrase, text: str) -> bool:
    if not phrase or not phrase[0] & present:
        return False
    return len(phrase) == 1 or bool(find_phrase(tokens, phrase, text))


_matchers: dict[int, TermMatcher] = {}  # by identity, as plain_matcher below
_building = threading.Lock()


def matcher_for(termbase: Termbase) -> TermMatcher | None:
    """The matcher of a termbase, built on first use; None while the drafting app builds it
    in the background (see morphology.defer)."""
    found = _matchers.get(id(termbase))
    if found is not None and found.termbase is termbase:
        return found
    if morphology.deferred():
        return None
    return prepare(termbase)


def prepare(termbase: Termbase) -> TermMatcher:
    """Load the dictionary and build the termbase's matcher (once, whichever thread asks)."""
    with _building:
        found = _matchers.get(id(termbase))
        if found is not None and found.termbase is termbase:
            return found
        matcher = _matchers[id(termbase)] = TermMatcher(termbase)
        return matcher


# --- without the dictionary: English forbidden words and treaty vocabulary --------------------


@dataclass
class PlainMatcher:
    """The termbase entries matched as written: English forbidden words and the treaty
    vocabulary of both languages."""

    termbase: Termbase
    forbidden_en: list[tuple[str, re.Pattern[str], re.Pattern[str] | None]]
    treaty: dict[str, list[re.Pattern[str]]]
    # what the cross-language checks found in each paragraph, by its two texts and whether the
    # term checks could run (crosslang.bilingual_hits)
    paragraph_marks: dict[tuple[str, str, bool], tuple[object, ...]] = field(default_factory=dict)

    @classmethod
    def of(cls, termbase: Termbase) -> PlainMatcher:
        forbidden = [
            (f.lemma, english_pattern(f.forms or [f.lemma]), english_pattern([f.unless]) if f.unless else None)
            for f in termbase.forbidden
            if f.lang == "en"
        ]
        treaty: dict[str, list[re.Pattern[str]]] = {"en": [], "uk": []}
        for language in treaty:
            forms = [form for word in termbase.treaty if word.lang == language for form in word.forms]
            capitalised = [form for form in forms if form[:1].isupper()]
            lower = [form for form in forms if not form[:1].isupper()]
            if capitalised:
                treaty[language].append(re.compile(english_pattern(capitalised).pattern))  # as written
            if lower:
                treaty[language].append(english_pattern(lower))  # in any case
        return cls(termbase, forbidden, treaty)

    def forbidden_in_english(self, text: str) -> list[Found]:
        found = []
        spans = None
        for lemma, pattern, unless in self.forbidden_en:
            for match in pattern.finditer(text):
                if unless is not None:
                    spans = spans if spans is not None else sentences(text)
                    sentence = sentence_at(spans, match.start())
                    if unless.search(text, sentence[0], sentence[1]):
                        continue
                found.append(Found(lemma, match.start(), match.end(), "en"))
        return found

    def treaty_vocabulary(self, text: str, language: TextLanguage) -> list[Found]:
        found = [
            Found(m.group(0), m.start(), m.end(), language)
            for pattern in self.treaty[language]
            for m in pattern.finditer(text)
        ]
        return sorted(found, key=lambda f: f.start)


_plain: dict[int, PlainMatcher] = {}


def plain_matcher(termbase: Termbase) -> PlainMatcher:
    # keyed by identity (the models are not hashable); the matcher holds its termbase, so an
    # id cannot be reused while it is a key
    found = _plain.get(id(termbase))
    if found is None or found.termbase is not termbase:
        found = _plain[id(termbase)] = PlainMatcher.of(termbase)
    return found
