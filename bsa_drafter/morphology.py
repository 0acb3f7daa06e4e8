"""Ukrainian lemmas: pymorphy3 with its Ukrainian dictionary, loaded once and only when needed.

Ukrainian has seven cases, so a term is found by its lemma, not its spelling: «гарантії»,
«гарантій» and «гарантіями» are all «гарантія». Building the analyser takes about half a
second and some 15 MB, so nothing imports pymorphy3 until a check needs it; the drafting app
loads it in the background after its first frame (`defer`), and the checks that need it wait
for it there (see crosslang.terms).

Rather than parsing every word of a text, the checks ask for the *forms* of the few lemmas the
termbase names (`forms_of`): a word of a text then belongs to a lemma when it is one of its
forms, a set look-up, so a re-check after a keystroke costs no dictionary work at all.
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache
from typing import Any

_lock = threading.Lock()
_analyzer: Any = None
_deferred = False

APOSTROPHES = re.compile("[\u2019\u02bc\u2018`\u0301]")


def normal(word: str) -> str:
    """A word as the dictionary writes it: lower case, the straight apostrophe, no stress mark."""
    return APOSTROPHES.sub(lambda m: "" if m.group(0) == "\u0301" else "'", word.lower())


def defer(on: bool = True) -> None:
    """While deferred, checks do not load the dictionary themselves: they leave the term checks
    for later, and the drafting app loads it in a worker (crosslang.terms.prepare)."""
    global _deferred
    _deferred = on


def deferred() -> bool:
    return _deferred


def loaded() -> bool:
    return _analyzer is not None


def load() -> Any:
    """The analyser, built once (thread-safe)."""
    global _analyzer
    if _analyzer is None:
        with _lock:
            if _analyzer is None:
                import pymorphy3

                _analyzer = pymorphy3.MorphAnalyzer(lang="uk")
    return _analyzer


@lru_cache(maxsize=4096)
def lemmas_of(word: str) -> frozenset[str]:
    """The lemmas a word can have. A word that is a lemma itself stands for that lemma; a word
    in the nominative for the lemmas of its nominative readings («безпекове» -> безпековий);
    any other word for all its readings' lemmas («Націй» -> нація)."""
    word = normal(word)
    parses = load().parse(word)
    if any(p.normal_form == word for p in parses):
        return frozenset({word})
    nominative = [p for p in parses if "nomn" in p.tag]
    chosen = nominative or parses
    return frozenset(p.normal_form for p in chosen) or frozenset({word})


@lru_cache(maxsize=1024)
def forms_of(lemma: str) -> frozenset[str]:
    """Every form of a lemma (its whole paradigm), for set look-ups in text. A word the
    dictionary does not know stands for itself."""
    lemma = normal(lemma)
    forms = {lemma}
    for parse in load().parse(lemma):
        if parse.normal_form == lemma:
            forms.update(normal(form.word) for form in parse.lexeme)
    return frozenset(forms)


def known(word: str) -> bool:
    return bool(load().word_is_known(normal(word)))
