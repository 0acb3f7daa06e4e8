"""One signed agreement read into the index: what the reader, the detectors and the clause
mapping find in it, with the partner and the date as guessed from the text.

Besides the detectors' features, three are derived here from the detectors' own occurrences
and from the closing lines, because the comparison of signed texts needs them:

* `nato_support_formula`: every family of NATO wording the text uses ("accession",
  "future", "member", "not-a-substitute", "bridge", ...), in the order of NATO_FORMULAS;
* `money_wording`: the words of each money pledge ("£2.5bn", "0.25% of GDP");
* `language_clause`: the languages of the originals and which prevails (see signing.py).
"""

from __future__ import annotations

import hashlib
import re
from typing import Any

from bsa_drafter.analyze import analyze_document, guess_partner
from bsa_drafter.detectors import extract_features, feature_specs, language_of, languages, scan_document
from bsa_drafter.ingest import read_document
from bsa_drafter.models import Document, Evidence, Feature, Library, Paragraph
from bsa_drafter.precedents.signing import language_clause, signing_date
from bsa_drafter.precedents.store import (
    IndexedAgreement,
    StoredEvidence,
    StoredFeature,
    StoredLanguage,
    StoredParagraph,
    StoredUnit,
)

# The families of wording for NATO support, in the order a table shows them (the most
# committing first), with the test that recognises each in the words a detector matched.
NATO_FORMULAS: tuple[tuple[str, str, re.Pattern[str]], ...] = tuple(
    (code, label, re.compile(pattern, re.IGNORECASE))
    for code, label, pattern in (
        ("accession", "supports accession", r"."),
        ("future", "future is in NATO", r"\bfuture\b.*\bin\s+(?:the\s+)?(?:nato|north\s+atlantic|alliance)"),
        (
            "member",
            "will become a member",
            r"\b(?:will|shall|is\s+going\s+to)\s+(?:\w+\s+){0,3}?(?:become|join|accede)",
        ),
        ("not-a-substitute", "not a substitute for membership", r"substitut|replac|alternative"),
        ("bridge", "bridge to membership", r"\bbridge\b"),
        ("irreversible", "irreversible path", r"\birreversib"),
        ("invitation", "invitation to join", r"\binvit"),
        ("place", "its place is in NATO", r"\bplace\s+is\s+in\b"),
        ("benefit", "membership would contribute", r"\b(?:would|will)\b"),
    )
)
NATO_FORMULA_LABELS = {code: label for code, label, _ in NATO_FORMULAS}
_FORMULA_ORDER = {code: order for order, (code, _, _) in enumerate(NATO_FORMULAS)}
# the distinctive families are tried first; plain support for accession is what remains
_FORMULA_TESTS = tuple(
    (code, pattern)
    for code in ("not-a-substitute", "bridge", "irreversible", "invitation", "place", "future", "member", "benefit")
    for known, _, pattern in NATO_FORMULAS
    if known == code
)


def fingerprint(data: bytes) -> str:
    return "sha256:" + hashlib.sha256(data).hexdigest()


def read_agreement(path: str, name: str, data_fingerprint: str, size: int, library: Library) -> IndexedAgreement:
    """Read one file and describe it for the index; raises BadInput for a file that cannot be read."""
    analysis = analyze_document(read_document(path), library)
    document = analysis.document  # its paragraphs name the clause they were mapped to
    notes = list(analysis.notes)
    english = language_of(document) in languages()
    features = {key: _stored(key, feature) for key, feature in analysis.features.items()} if english else {}
    if english:
        features.update(_derived(document))
    signed = signing_date(document)
    if signed is None:
        notes.append("no date of signature found: set it in the folder's precedents.toml")
    matches = analysis.clause_map.by_paragraph()
    paragraphs = []
    for paragraph in document.paragraphs:
        match = matches.get(paragraph.index)
        paragraphs.append(
            StoredParagraph(
                text=paragraph.text,
                kind=paragraph.kind,
                heading=paragraph.heading,
                label=paragraph.label,
                list_level=paragraph.list_level,
                clause=match.clause_id if match else None,
                variant=match.variant if match else None,
                status=match.status if match else None,
                similarity=match.similarity if match else None,
            )
        )
    units = [
        StoredUnit(paragraphs=unit, features=unit_features(document, unit) if english else {})
        for unit in analysis.clause_map.units
    ]
    if not units:  # a text the clause map does not read: its body paragraphs are still searchable
        units = [StoredUnit(paragraphs=[p.index]) for p in document.paragraphs if p.kind == "paragraph"]
    partner = guess_partner(document, library)
    return IndexedAgreement(
        file=name,
        fingerprint=data_fingerprint,
        size=size,
        partner=partner,
        partner_guess=partner,
        precedent=precedent_of(partner, library),
        date=signed.date if signed else None,
        date_guess=signed.date if signed else None,
        title=document.title,
        language=StoredLanguage(
            code=document.language.code, confidence=document.language.confidence, evidence=document.language.evidence
        ),
        features=features,
        paragraphs=paragraphs,
        units=units,
        notes=notes,
    )


def precedent_of(partner: str, library: Library) -> str | None:
    """The library's precedent id for a partner named as the library names it (name or short)."""
    key = partner.strip().casefold()
    for precedent in library.precedents.values():
        if key in (precedent.name.casefold(), precedent.short.casefold(), precedent.id):
            return precedent.id
    return None


def _stored(name: str, feature: Feature) -> StoredFeature:
    return StoredFeature(value=_plain(name, feature), evidence=[_stored_evidence(e) for e in feature.evidence])


def _plain(name: str, feature: Feature) -> Any:
    """A feature's value as the index keeps it: a count feature (qualifiers, brackets ...) as the
    list of what each occurrence was, the others as their value."""
    if feature_specs()[name].kind == "count":
        return [plain_value(hit.value) for hit in feature.occurrences]
    return plain_value(feature.value)


def _stored_evidence(evidence: Evidence) -> StoredEvidence:
    return StoredEvidence(
        paragraph=evidence.paragraph,
        start=evidence.start,
        end=evidence.end,
        quote=evidence.quote,
        clause=evidence.clause,
    )


def plain_value(value: Any) -> Any:
    """A value as JSON holds it."""
    if isinstance(value, list):
        return [plain_value(item) for item in value]
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return str(value)


def _derived(document: Document) -> dict[str, StoredFeature]:
    formulas: dict[str, StoredEvidence] = {}
    money: list[tuple[str, StoredEvidence]] = []
    english = language_of(document) == "en"
    for index, scan in enumerate(scan_document(document)):
        text = document.paragraphs[index].text
        for signal in scan.signals.get("nato_support", []):
            # English words tell the family apart by the tests above; another language's detector names it
            code = nato_formula(text[signal.start : signal.end]) if english else signal.form
            formulas.setdefault(code, _sentence(document, index, signal.sentence))
        for signal in scan.signals.get("money_pledge", []):
            money.append(
                (" ".join(text[signal.start : signal.end].split()), _sentence(document, index, signal.sentence))
            )
    ordered = sorted(formulas, key=_FORMULA_ORDER.__getitem__)
    derived = {
        "nato_support_formula": StoredFeature(value=ordered, evidence=[formulas[code] for code in ordered]),
        "money_wording": StoredFeature(
            value=[words for words, _ in money], evidence=[evidence for _, evidence in money]
        ),
    }
    clause = language_clause(document)
    derived["language_clause"] = (
        StoredFeature(value=clause.describe(), evidence=[_stored_evidence(clause.evidence)])
        if clause
        else StoredFeature(value=None)
    )
    return derived


def nato_formula(words: str) -> str:
    """The family of NATO wording that the words a detector matched belong to."""
    for code, pattern in _FORMULA_TESTS:
        if pattern.search(words):
            return code
    return "accession"


def _sentence(document: Document, index: int, span: tuple[int, int]) -> StoredEvidence:
    paragraph = document.paragraphs[index]
    quote = " ".join(paragraph.text[span[0] : span[1]].split())
    return StoredEvidence(paragraph=index, start=span[0], end=span[1], quote=quote, clause=paragraph.clause)


def unit_features(document: Document, unit: list[int]) -> dict[str, Any]:
    """The features whose evidence lies in one clause unit: what that wording carries."""
    paragraphs = [document.paragraphs[i] for i in unit]
    part = Document(
        document.source,
        [Paragraph(n, p.text, p.kind, heading=p.heading, list_level=p.list_level) for n, p in enumerate(paragraphs)],
    )
    return carried_features(extract_features(part))


def wording_features(text: str) -> dict[str, Any]:
    """The features a piece of wording carries on its own (a clause of ours, a proposal)."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    paragraphs = [
        Paragraph(n, line, list_level=1 if n and line.startswith(("-", "•")) else 0) for n, line in enumerate(lines)
    ]
    return carried_features(extract_features(Document("<wording>", paragraphs)))


def carried_features(features: dict[str, Feature]) -> dict[str, Any]:
    carried = {}
    for name, feature in features.items():
        if feature.value is not None and feature.evidence:
            carried[name] = _plain(name, feature)
    return carried
