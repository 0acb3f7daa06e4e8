"""Ukraine's negotiating position as data: rules from clauses/playbook.toml over features.

The TUI, `check`, `analyze` and the export gate all call `check_draft` or `check_document`,
so the same draft always gets the same findings. A rule with `each` judges every occurrence
of its feature on its own (each exit clause with its own notice period); a rule about
something missing shows the closest sentences the detectors considered and why they did not
count, so that a reviewer can overrule a false finding at a glance.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterable

from bsa_drafter.assemble import Draft
from bsa_drafter.brackets import with_register
from bsa_drafter.detectors import extract_features
from bsa_drafter.models import (
    SEVERITY_RANK,
    Condition,
    Document,
    DraftStatus,
    Evidence,
    Feature,
    Finding,
    Library,
    NearMiss,
    Rule,
    finding_order,
)

_FIELD = re.compile(r"\{([a-z_]+)\}")


def count_phrases(counts: dict[str, int]) -> list[tuple[str, str, int]]:
    """The parts of the summary line, heaviest first: (severity, "2 errors", count). The CLI
    and the app style them; the words are said once, here."""
    phrases = []
    for severity in ("error", "warning", "info"):
        n = counts.get(severity, 0)
        phrases.append((severity, f"{n} {severity}{'s' if n != 1 and severity != 'info' else ''}", n))
    return phrases


def severity_counts(findings: Iterable[Finding]) -> dict[str, int]:
    counts = {"error": 0, "warning": 0, "info": 0}
    for finding in findings:
        counts[finding.severity] += 1
    return counts


def reaches(findings: Iterable[Finding], severity: str) -> bool:
    """Whether a finding is at least this severe: what a check's `--fail-on` exits 1 for."""
    return any(SEVERITY_RANK[finding.severity] >= SEVERITY_RANK[severity] for finding in findings)


@dataclass
class CheckResult:
    features: dict[str, Feature]
    findings: list[Finding]

    def counts(self) -> dict[str, int]:
        return severity_counts(self.findings)


def check_draft(draft: Draft) -> CheckResult:
    features = extract_features(draft.document)
    present = {clause.id for clause in draft.clauses}
    findings = evaluate(draft.library.rules, features, draft.spec.draft.status, present)
    return CheckResult(features, with_register(draft, findings))


def check_document(document: Document, library: Library, status: DraftStatus = "working") -> CheckResult:
    """Check a foreign text. Findings name the clause a paragraph was mapped to, if any; a
    missing feature points nowhere, since the text is not ours. A text in a language without
    detectors has no features, and so no findings."""
    features = extract_features(document)
    return CheckResult(features, evaluate(library.rules, features, status, set()))


def evaluate(rules: list[Rule], features: dict[str, Feature], status: DraftStatus, present: set[str]) -> list[Finding]:
    findings: list[Finding] = []
    values = {name: feature.value for name, feature in features.items()}
    for rule in rules:
        severity = rule.working_severity if status == "working" and rule.working_severity else rule.severity
        named = [c.feature for c in rule.when if c.feature != "item"]
        if any(name not in features for name in named) or (rule.each and rule.each not in features):
            continue  # a feature this text was not read for (its language has no detector)
        if rule.each:
            for hit in features[rule.each].occurrences:
                local = {**values, **hit.related, rule.each: hit.value, "item": hit.value}
                if all(_holds(c, local.get(c.feature)) for c in rule.when):
                    findings.append(_finding(rule, severity, local, hit.evidence, present))
        elif all(_holds(c, values.get(c.feature)) for c in rule.when):
            evidence = next((features[name].first for name in named if features[name].first), None)
            closest = [] if evidence else next((features[name].closest for name in named if features[name].closest), [])
            findings.append(_finding(rule, severity, values, evidence, present, closest))
    findings.sort(key=finding_order)
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
    present: set[str],
    closest: list[NearMiss] | None = None,
) -> Finding:
    def fill(text: str) -> str:
        def replace(match: re.Match[str]) -> str:
            name = match.group(1)
            value = values.get(name, match.group(0))
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
        evidence=evidence.quote if evidence else _closest_text(closest or []),
        paragraph=evidence.paragraph if evidence else None,
        span=(evidence.start, evidence.end) if evidence else None,
        language=evidence.language if evidence else "en",
        closest=list(closest or []),
    )


def _closest_text(closest: list[NearMiss]) -> str | None:
    """'closest: '…' — names NATO only in a reform sentence', for a feature that is missing: the
    two nearest in the finding's text (all of them are in `Finding.closest`, and --explain)."""
    if not closest:
        return None
    parts = []
    for near in closest[:2]:
        quote = near.evidence.quote if len(near.evidence.quote) <= 160 else near.evidence.quote[:157] + "..."
        parts.append(f"'{quote}' \u2014 {near.reason}")
    return "closest: " + "; ".join(parts)
