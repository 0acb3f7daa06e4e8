"""The termbase as TBX, for translators' tools (translate-toolkit writes it).

One concept (termEntry) per term pair: the English forms, the preferred Ukrainian term, the
lemmas that also count and the words of its named senses (admitted), and the renderings it
forbids (deprecated); one concept per word forbidden in a language, and per word of treaty
vocabulary, each deprecated. The status is TBX's administrativeStatus term note, which is what
Weblate, memoQ and Trados read to warn a translator.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from bsa_drafter.files import atomic_write_bytes
from bsa_drafter.models import Termbase

PREFERRED = "preferredTerm-admn-sts"
ADMITTED = "admittedTerm-admn-sts"
DEPRECATED = "deprecatedTerm-admn-sts"


def termbase_tbx(termbase: Termbase) -> bytes:
    from translate.storage.tbx import tbxfile  # loaded only for this export

    store = tbxfile(sourcelanguage="en", targetlanguage="uk")
    for term in termbase.terms:
        unit = store.addsourceunit(term.en[0])
        unit.setid(term.id)
        unit.set_source_terms(list(term.en))
        ukrainian = [term.uk, *term.uk_also, *(sense.uk for sense in term.senses), *term.uk_forbidden]
        unit.set_target_terms(ukrainian, lang="uk")
        statuses = (
            [PREFERRED] + [ADMITTED] * (len(term.uk_also) + len(term.senses)) + [DEPRECATED] * len(term.uk_forbidden)
        )
        _mark(unit, "uk", statuses)
        notes = [term.note] + [
            f"«{sense.uk}» for {', '.join(repr(e) for e in sense.en)}: {sense.note}".rstrip(": ")
            for sense in term.senses
        ]
        unit.set_common_note("\n".join(n for n in notes if n), source=True)
    for index, forbidden in enumerate(termbase.forbidden, start=1):
        unit = _single(store, f"forbidden-{index}", forbidden.lang, [forbidden.lemma], forbidden.note)
        if forbidden.unless:
            unit.set_common_note(f"{forbidden.note}\nAllowed with: {forbidden.unless}", source=True)
    for index, word in enumerate(termbase.treaty, start=1):
        _single(
            store,
            f"treaty-{index}",
            word.lang,
            list(word.forms),
            f"Treaty vocabulary, not for a political agreement. {word.note}",
        )
    return bytes(store)


def _single(store, unit_id: str, language: str, terms: list[str], note: str):  # type: ignore[no-untyped-def]
    """A concept with deprecated terms in one language only."""
    unit = store.addsourceunit(terms[0]) if language == "en" else store.UnitClass(None)
    if language == "uk":
        unit._store = store
        store.addunit(unit)
        unit.set_target_terms(terms, lang="uk")
        for node in unit.getlanguageNodes():  # drop the empty English the unit starts with
            if node.get("{http://www.w3.org/XML/1998/namespace}lang") == "en":
                unit.xmlelement.remove(node)
    else:
        unit.set_source_terms(terms)
    unit.setid(unit_id)
    _mark(unit, language, [DEPRECATED] * len(terms))
    unit.set_common_note(note, source=True)
    return unit


def _mark(unit, language: str, statuses: list[str]) -> None:  # type: ignore[no-untyped-def]
    """Give each term of one language its administrativeStatus, in order."""
    for node in unit.getlanguageNodes():
        if node.get("{http://www.w3.org/XML/1998/namespace}lang") != language:
            continue
        for tig, status in zip(node.findall(unit.namespaced("tig")), statuses):
            note = etree.SubElement(tig, unit.namespaced("termNote"), type="administrativeStatus")
            note.text = status


def write_tbx(termbase: Termbase, target: Path) -> Path:
    return atomic_write_bytes(target, termbase_tbx(termbase), what="termbase")
