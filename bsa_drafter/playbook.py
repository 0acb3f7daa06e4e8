"""Ukraine's negotiating position as data: rules from clauses/playbook.toml over features.

The TUI, `check`, `analyze` and the export gate all call `check_draft` or `check_document`,
so the same draft always gets the same findings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from bsa_drafter.assemble import Draft
from bsa_drafter.brackets import with_register
from bsa_drafter.diff import inline_redline, similarity_of_ops, word_diff
from bsa_drafter.features import ParagraphScan, extract_features
from bsa_drafter.models import (
    SEVERITY_RANK,
    Condition,
    Document,
    DraftStatus,
    Evidence,
    Feature,
    Finding,
    Hit,
    Library,
    Rule,
)

_FIELD = re.compile(r"\{([a-z_]+)\}")


@dataclass
class CheckResult:
    features: dict[str, Feature]
    findings: list[Finding]

    def counts(self) -> dict[str, int]:
        counts = {"error": 0, "warning": 0, "info": 0}
        for finding in self.findings:
            counts[finding.severity] += 1
        return counts

    def worst(self) -> str | None:
        return max((f.severity for f in self.findings), key=SEVERITY_RANK.__getitem__, default=None)


def check_draft(draft: Draft) -> CheckResult:
    document = draft.document
    features = extract_features(document)
    features["clause_similarity"] = Feature(clause_drift(draft))
    present = {clause.id for clause in draft.clauses}
    findings = evaluate(draft.library.rules, features, draft.spec.draft.status, present)
    return CheckResult(features, with_register(draft, findings))


def check_document(
    document: Document, library: Library, status: DraftStatus = "working", scans: list[ParagraphScan | None] | None = None
) -> CheckResult:
    """Check a foreign text. Findings name the clause a paragraph was mapped to, if any; a
    missing feature points nowhere, since the text is not ours."""
    features = extract_features(document, scans)
    return CheckResult(features, evaluate(library.rules, features, status, set()))


def clause_drift(draft: Draft) -> list[Hit]:
    """Each edited clause's similarity to its library wording, with a compact redline."""
    hits: list[Hit] = []
    index_of = {p.clause: p.index for p in draft.document.paragraphs if p.clause}
    for clause in draft.clauses:
        if clause.status != "edited" or clause.library_text is None:
            continue
        score, redline = _drift(clause.library_text, clause.text)
        evidence = Evidence(index_of.get(clause.id, 0), 0, len(clause.text), redline, clause.id)
        hits.append(Hit(value=score, evidence=evidence, detail=clause.id))
    return hits


@lru_cache(maxsize=1024)
def _drift(library_text: str, text: str) -> tuple[float, str]:
    """Similarity and compact redline of one edited clause. Cached: while a negotiator types,
    only the clause under the cursor has new wording, the other edited clauses are reused."""
    ops = word_diff(library_text, text)
    return round(similarity_of_ops(ops), 2), inline_redline(ops)


def evaluate(rules: list[Rule], features: dict[str, Feature], status: DraftStatus, present: set[str]) -> list[Finding]:
    findings: list[Finding] = []
    values = {name: feature.value for name, feature in features.items()}
    for rule in rules:
        severity = rule.working_severity if status == "working" and rule.working_severity else rule.severity
        document_conditions = [c for c in rule.when if c.feature != "item"]
        if not all(_holds(c, values.get(c.feature)) for c in document_conditions):
            continue
        if rule.each:
            item_conditions = [c for c in rule.when if c.feature == "item"]
            for hit in features[rule.each].value:
                if all(_holds(c, hit.value) for c in item_conditions):
                    findings.append(_finding(rule, severity, values, hit.evidence, hit.value, present))
        else:
            evidence = next((features[c.feature].first for c in document_conditions if features[c.feature].first), None)
            findings.append(_finding(rule, severity, values, evidence, None, present))
    findings.sort(key=lambda f: (-SEVERITY_RANK[f.severity], f.paragraph if f.paragraph is not None else 10**9, f.rule))
    return findings


def _holds(condition: Condition, value: Any) -> bool:
    op, target = condition.op, condition.value
    if op == "true":
        return value is True
    if op == "false":
        return value is False
    if op == "null":
        return value is None
    if op == "not_null":
        return value is not None
    if op == "nonempty":
        return bool(value)
    if op == "empty":
        return not value
    if op == "eq":
        return value == target
    if op == "ne":
        return value != target
    if not isinstance(value, (int, float)) or isinstance(value, bool) or not isinstance(target, (int, float)):
        return False
    return {"lt": value < target, "le": value <= target, "gt": value > target, "ge": value >= target}[op]


def _finding(
    rule: Rule,
    severity: str,
    values: dict[str, Any],
    evidence: Evidence | None,
    item: Any,
    present: set[str],
) -> Finding:
    def fill(text: str) -> str:
        def replace(match: re.Match[str]) -> str:
            name = match.group(1)
            value = item if name == "item" else values.get(name, match.group(0))
            if isinstance(value, float):
                return f"{value:.0%}" if name == "item" and value <= 1 else f"{value:g}"
            return match.group(0) if value is None else str(value)

        return _FIELD.sub(replace, text)

    clause = evidence.clause if evidence and evidence.clause else None
    if clause is None and rule.expected_clause in present:
        clause = rule.expected_clause
    return Finding(
        rule=rule.id,
        severity=severity,  # type: ignore[arg-type]
        message=fill(rule.message),
        reason=rule.reason,
        precedents=list(rule.precedents),
        clause=clause,
        evidence=evidence.quote if evidence else None,
        paragraph=evidence.paragraph if evidence else None,
        span=(evidence.start, evidence.end) if evidence else None,
    )
