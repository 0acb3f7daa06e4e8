"""Findings as a SARIF 2.1.0 log, the format code-review tools read (GitHub code scanning,
Azure DevOps, VS Code's SARIF viewer): one run, the playbook rules that fired as the tool's
rules, one result per finding, placed in its file (and on its spec line where there is one)
and named by its clause."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bsa_drafter.models import Finding, Library

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVEL = {"error": "error", "warning": "warning", "info": "note"}


@dataclass
class Located:
    """A finding in a file, on a line of it when the file has lines that say where it is."""

    path: Path
    finding: Finding
    line: int | None = None


def artifact_uri(path: Path) -> str:
    """A relative path stays relative (tools resolve it against the checkout); an absolute
    one becomes a file URI."""
    return path.as_uri() if path.is_absolute() else path.as_posix()


def sarif_log(located: list[Located], library: Library, version: str) -> dict[str, Any]:
    rules_by_id = {rule.id: rule for rule in library.rules}
    rule_ids: list[str] = []
    for item in located:
        if item.finding.rule not in rule_ids:
            rule_ids.append(item.finding.rule)
    rules = []
    for rule_id in rule_ids:
        rule = rules_by_id.get(rule_id)
        sample = next(item.finding for item in located if item.finding.rule == rule_id)
        rules.append(
            {
                "id": rule_id,
                "name": "".join(part.capitalize() for part in rule_id.split("-")),
                "shortDescription": {"text": rule.message if rule else sample.message},
                "fullDescription": {"text": rule.reason if rule else sample.reason},
                "help": {"text": rule.reason if rule else sample.reason},
                "defaultConfiguration": {"level": LEVEL[rule.severity if rule else sample.severity]},
            }
        )
    results = []
    for item in located:
        finding = item.finding
        physical: dict[str, Any] = {"artifactLocation": {"uri": artifact_uri(item.path)}}
        if item.line is not None:
            physical["region"] = {"startLine": item.line}
        location: dict[str, Any] = {"physicalLocation": physical}
        if finding.clause:
            location["logicalLocations"] = [
                {"name": finding.clause, "fullyQualifiedName": finding.clause, "kind": "member"}
            ]
        properties: dict[str, Any] = {}
        if finding.evidence:
            properties["evidence"] = finding.evidence
        if finding.paragraph is not None:
            properties["paragraph"] = finding.paragraph
        if finding.precedents:
            properties["precedents"] = library.precedent_names(finding.precedents)
        result: dict[str, Any] = {
            "ruleId": finding.rule,
            "ruleIndex": rule_ids.index(finding.rule),
            "level": LEVEL[finding.severity],
            "message": {"text": finding.message},
            "locations": [location],
        }
        if properties:
            result["properties"] = properties
        results.append(result)
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": {"name": "bsa-drafter", "version": version, "rules": rules}},
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
