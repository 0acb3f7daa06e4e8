"""The library's hand-typed precedents checked against the signed texts.

Every variant lists the agreements that used it ("used by"). For each indexed agreement that
the library can cite (its precedent id) and each clause, the variant texts are filled in with
that partner's name and compared with the agreement's wording (the vector search of
search.py) and with its features:

A variant is compared with whole clauses and two-sentence windows, not single sentences: a
variant that adds a sentence to its sibling's must be able to fit a text better than the
sibling does. The partner's names are left out of the variant texts: a name shared with the text would make
a short clause look close whatever its words.

* credited, not found: the variant credits the agreement, but the text says otherwise on a
  feature the variant carries (an exit on six months' notice where the text has three), or,
  for a variant that carries no feature, no paragraph maps to the clause and none comes close;
* found, not credited: the agreement's wording is close to the variant, that variant fits it
  better than the clause's other variants, nothing the variant carries contradicts the text,
  and the variant does not list it.

It only reports, with the evidence; the library is never changed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Literal

from bsa_drafter.assemble import assemble
from bsa_drafter.detectors import value_words
from bsa_drafter.models import Clause, Library, Variant
from bsa_drafter.params import fill_placeholders
from bsa_drafter.precedents.record import wording_features
from bsa_drafter.precedents.search import WordingIndex, wording_terms
from bsa_drafter.precedents.store import IndexedAgreement, PrecedentIndex
from bsa_drafter.spec import new_spec

FOUND_SIMILARITY = 0.5  # at or above: the text has such wording (about the median of the credited pairs)
ABSENT_SIMILARITY = 0.2  # below, with no paragraph mapped to the clause: the text has no such wording
MARGIN = 0.05  # a variant fits better than a credited sibling only by at least this much
MIN_TERMS = 6  # a variant of fewer distinct content words is too short for its wording to be judged
_NOT_COMPARED = frozenset(("qualifiers", "assurances", "brackets", "placeholders", "clause_similarity"))

FindingKind = Literal["credited-not-found", "found-not-credited"]


@dataclass(frozen=True)
class VerifyFinding:
    kind: FindingKind
    clause: str
    variant: str
    label: str  # the variant's label
    precedent: str
    agreement: str  # the partner, as the index names it
    file: str
    reason: str
    similarity: float | None = None  # of the variant and the closest wording of the text
    paragraph: int | None = None
    where: str = ""
    evidence: str = ""  # the text's own words

    def as_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "clause": self.clause,
            "variant": self.variant,
            "label": self.label,
            "precedent": self.precedent,
            "agreement": self.agreement,
            "file": self.file,
            "reason": self.reason,
            "similarity": self.similarity,
            "paragraph": self.paragraph,
            "where": self.where,
            "evidence": self.evidence,
        }


@dataclass
class VerifyReport:
    findings: list[VerifyFinding] = field(default_factory=list)
    checked: list[str] = field(default_factory=list)  # precedent ids whose texts are indexed
    not_indexed: list[str] = field(default_factory=list)  # cited by the library, no text in the index
    uncited: list[str] = field(default_factory=list)  # indexed texts the library has no precedent id for

    def as_json(self) -> dict[str, Any]:
        return {
            "checked": self.checked,
            "not_indexed": self.not_indexed,
            "uncited": self.uncited,
            "findings": [finding.as_json() for finding in self.findings],
        }


@dataclass
class _Closeness:
    """How one variant, filled in for one agreement, stands to that agreement's text."""

    variant: Variant
    similarity: float | None  # None: the variant is too short for its wording to be judged
    passage: int | None
    carried: dict[str, Any]  # the features the variant's wording carries, compared with the text's
    contradictions: list[tuple[str, Any, Any]]  # (feature, the variant's value, the text's value)


def verify(index: PrecedentIndex, library: Library) -> VerifyReport:
    cited = sorted(
        {precedent for clause in library.clauses.values() for v in clause.variants for precedent in v.precedents}
    )
    indexed = {a.precedent for a in index.agreements if a.precedent}
    report = VerifyReport(
        checked=sorted(indexed),
        not_indexed=[p for p in cited if p not in indexed],
        uncited=[a.file for a in index.agreements if a.precedent is None],
    )
    wording = index.wording()
    values = assemble(new_spec(library, "Partner", date=dt.date.today()), library).values
    values = {name: "" if name.startswith("partner_") else value for name, value in values.items()}
    readings = {}
    for clause in library.clauses.values():
        for variant in clause.variants:
            text, _ = fill_placeholders(variant.text, library.params, values)
            carried = {name: value for name, value in wording_features(text).items() if name not in _NOT_COMPARED}
            best = (
                wording.best_per_agreement(text, sentences=False)
                if len(set(wording_terms(text))) >= MIN_TERMS
                else None
            )
            readings[clause.id, variant.id] = (carried, best)
    for number, agreement in enumerate(index.agreements):
        if agreement.precedent is not None:
            for clause in library.clauses.values():
                report.findings += _check_clause(clause, agreement, number, wording, readings)
    order = {clause_id: n for n, clause_id in enumerate(library.clauses)}
    report.findings.sort(key=lambda f: (order[f.clause], f.variant, f.kind, f.agreement))
    return report


# a variant's features, and its closest passage per agreement (None: too short to judge its wording)
_Reading = tuple[dict[str, Any], dict[int, tuple[int, float]] | None]


def _check_clause(
    clause: Clause,
    agreement: IndexedAgreement,
    number: int,
    wording: WordingIndex,
    readings: dict[tuple[str, str], _Reading],
) -> list[VerifyFinding]:
    precedent = agreement.precedent
    assert precedent is not None
    closeness = []
    for variant in clause.variants:
        carried, best = readings[clause.id, variant.id]
        passage, similarity = best.get(number, (None, 0.0)) if best is not None else (None, None)
        closeness.append(_Closeness(variant, similarity, passage, carried, _contradictions(carried, agreement)))
    mapped = any(p.clause == clause.id and p.status in ("match", "probable") for p in agreement.paragraphs)
    credited = [c for c in closeness if precedent in c.variant.precedents]
    findings = []
    for item in credited:
        if item.contradictions:
            feature, ours, theirs = item.contradictions[0]
            evidence = agreement.features[feature].evidence[0] if agreement.features[feature].evidence else None
            reason = (
                f"credited, but in the text {feature} is {value_words(theirs, 'none')}, "
                f"in the variant {value_words(ours, 'none')}"
            )
            paragraph, quoted = (evidence.paragraph, evidence.quote) if evidence else (None, "")
        elif not item.carried and item.similarity is not None and item.similarity < ABSENT_SIMILARITY and not mapped:
            reason = (
                "credited, but no paragraph of the text maps to this clause, and the closest wording (shown) "
                "shares little with it"
            )
            paragraph, quoted = None, ""
        else:
            continue
        findings.append(_finding("credited-not-found", clause, item, agreement, wording, reason, paragraph, quoted))
    fitting = [c for c in closeness if not c.contradictions and c.similarity is not None]
    if fitting:
        best = max(fitting, key=lambda c: c.similarity or 0.0)
        rivals = [c.similarity for c in credited if c is not best]
        if (
            precedent not in best.variant.precedents
            and (best.similarity or 0.0) >= FOUND_SIMILARITY
            and all(other is not None and (best.similarity or 0.0) - other >= MARGIN for other in rivals)
        ):
            findings.append(
                _finding(
                    "found-not-credited",
                    clause,
                    best,
                    agreement,
                    wording,
                    "the text has such wording, but the variant does not list it",
                )
            )
    return findings


def _contradictions(carried: dict[str, Any], agreement: IndexedAgreement) -> list[tuple[str, Any, Any]]:
    """The features the variant carries whose value the text holds nowhere: neither as the
    text's own value nor in any of its clause units."""
    found = []
    for name, ours in carried.items():
        if name not in agreement.features:
            continue
        theirs = agreement.features[name].value
        if theirs == ours or any(unit.features.get(name) == ours for unit in agreement.units):
            continue
        found.append((name, ours, theirs))
    return found


def _finding(
    kind: FindingKind,
    clause: Clause,
    item: _Closeness,
    agreement: IndexedAgreement,
    wording: WordingIndex,
    reason: str,
    paragraph: int | None = None,
    evidence: str = "",
) -> VerifyFinding:
    if paragraph is None and item.passage is not None:
        match = wording.match(item.passage, item.similarity)
        paragraph, evidence = match.paragraph, match.passage
    assert agreement.precedent is not None
    return VerifyFinding(
        kind=kind,
        clause=clause.id,
        variant=item.variant.id,
        label=item.variant.label,
        precedent=agreement.precedent,
        agreement=agreement.partner,
        file=agreement.file,
        reason=reason,
        similarity=round(item.similarity, 3) if item.similarity is not None else None,
        paragraph=paragraph,
        where=agreement.where(paragraph) if paragraph is not None else "",
        evidence=evidence,
    )
