"""Analysis of a real agreement text: features, findings and the clause map, and a spec
that reproduces the text through the library so that a negotiator can answer it."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bsa_drafter.detectors import feature_json, feature_specs, scan_document
from bsa_drafter.ingest import read_document
from bsa_drafter.mapping import ClauseMap, map_clauses
from bsa_drafter.models import CUSTOM_PREFIX, ClauseChoice, Document, DraftMeta, DraftSpec, Feature, Finding, Library, Paragraph
from bsa_drafter.params import PLACEHOLDER
from bsa_drafter.playbook import check_document



@dataclass
class Analysis:
    document: Document
    features: dict[str, Feature]
    findings: list[Finding]
    clause_map: ClauseMap


def analyze_document(document: Document, library: Library) -> Analysis:
    scans = scan_document(document)
    clause_map = map_clauses(document, library, scans)
    for match in clause_map.matches:
        document.paragraphs[match.paragraph].clause = match.clause_id
    result = check_document(document, library, "working", scans)
    return Analysis(document, result.features, result.findings, clause_map)


def analyze_file(path: Path | str, library: Library) -> Analysis:
    return analyze_document(read_document(path), library)


def analysis_json(analysis: Analysis) -> dict[str, Any]:
    """Every feature the detectors read (in the registry's order; none for a text in a language
    without detectors), the findings and the clause map. unilateral_exit also carries
    notice_months, as it always has."""
    features: dict[str, Any] = {}
    for name in feature_specs():
        if name in analysis.features:
            features[name] = feature_json(analysis.features[name])
    if "unilateral_exit" in features:
        features["unilateral_exit"]["notice_months"] = analysis.features["notice_months"].value
    return {
        "source": analysis.document.source,
        "features": features,
        "findings": [finding.as_json() for finding in analysis.findings],
        "clauses": [
            {"paragraph": m.paragraph, "clause_id": m.clause_id, "similarity": m.similarity}
            for m in analysis.clause_map.matches
        ],
    }


# --- a spec that reproduces the document ---------------------------------------------------------

_PARTNER_PATTERNS = (
    re.compile(r"between\s+Ukraine\s+and\s+(?:the\s+)?(.{2,80}?)\s*(?:\(|,|:|;|$)", re.IGNORECASE),
    re.compile(r"between\s+(?:the\s+)?(.{2,80}?)\s+and\s+Ukraine\b", re.IGNORECASE),
    re.compile(r"^(?:the\s+)?(.{2,80}?)\s*(?:\([^)]*\)\s*)?and\s+Ukraine\b", re.IGNORECASE),
    re.compile(r"^Ukraine\s+and\s+(?:the\s+)?(.{2,80}?)\s*(?:\(|,|:|;|$)", re.IGNORECASE),
)


def guess_partner(document: Document, library: Library) -> str:
    """The other side: a known name near the top, a 'between ... and Ukraine' phrase, or the file name."""
    head = " ".join(p.text for p in document.paragraphs[:12])[:3000]
    names = [p.name for p in library.partners.values()] + [p.name for p in library.precedents.values()]
    positions = [(head.lower().find(n.lower()), n) for n in names if n.lower() in head.lower()]
    if positions:
        return min(positions)[1]
    for paragraph in document.paragraphs[:12]:
        for pattern in _PARTNER_PATTERNS:
            match = pattern.search(" ".join(paragraph.text.split()))
            if match and "ukraine" not in match.group(1).lower():
                return match.group(1).strip(" .")
    return Path(document.source).stem.replace("_", " ").replace("-", " ").title()


def _literal(text: str) -> str:
    """Foreign text is data: a word joiner keeps '{word}' from reading as one of our placeholders."""
    return PLACEHOLDER.sub(lambda m: "{\u2060" + m.group(0)[1:], text)


def spec_from_analysis(analysis: Analysis, library: Library, today: dt.date | None = None) -> DraftSpec:
    """Matched clauses carry the counterpart's wording as overrides; unmatched paragraphs become
    custom clauses where they stand; standard clauses with no counterpart are omitted."""
    partner = guess_partner(analysis.document, library)
    known = library.partner(partner)
    params: dict[str, Any] = {"partner_name": known.name if known else partner}
    if known:
        params["partner_formal_name"] = known.formal_name
        params["partner_adjective"] = known.adjective
    clauses: dict[str, ClauseChoice] = {}
    order: list[str] = []
    part = "preamble"
    subheading = ""
    paragraphs = analysis.document.paragraphs
    matches = analysis.clause_map.by_paragraph()
    for unit in analysis.clause_map.units:
        lead = paragraphs[unit[0]]
        match = matches[unit[0]]
        text = _literal(unit_markup([paragraphs[i] for i in unit]))
        heading = lead.heading.split(" / ")[-1] if lead.heading else ""
        if match.clause_id and match.clause_id not in clauses:
            part = library.clauses[match.clause_id].part
            subheading = library.clauses[match.clause_id].heading
            clauses[match.clause_id] = ClauseChoice(variant=match.variant, text=text)
            order.append(match.clause_id)
            continue
        if match.clause_id and order and order[-1] == match.clause_id:
            previous = clauses[match.clause_id]
            clauses[match.clause_id] = previous.model_copy(update={"text": f"{previous.text}\n\n{text}"})
            continue
        custom_id = f"{CUSTOM_PREFIX}p{unit[0]}"
        clauses[custom_id] = ClauseChoice(part=part, heading=heading or subheading or None, title=_title(lead.text), text=text)
        order.append(custom_id)
    for clause_id in analysis.clause_map.missing:
        clauses.setdefault(clause_id, ClauseChoice(include=False))
    meta = DraftMeta(
        partner=params["partner_name"],
        round=1,
        date=today or dt.date.today(),
        status="working",
        notes=f"Reproduced from {Path(analysis.document.source).name} by bsa-drafter analyze.",
    )
    return DraftSpec(draft=meta, params=params, order=order, clauses=clauses)


_ENUMERATOR = re.compile(r"^\s*(?:\d{1,2}[.)]|\(\d{1,2}\)|\([a-z]\)|[a-z]\))\s+")
_BULLET = re.compile(r"^\s*(?:[•●▪·\-–*o◦]|\(?[a-h]\)|\([ivx]{1,4}\))\s+")


def unit_markup(paragraphs: list[Paragraph]) -> str:
    """A lead paragraph and its bullets in our clause markup: the lead without its number
    (assembly numbers clauses), bullets as '- ' and sub-bullets as '  - '."""
    lines = [_ENUMERATOR.sub("", paragraphs[0].text, count=1)]
    for paragraph in paragraphs[1:]:
        indent = "  " * (min(paragraph.list_level, 2) - 1)
        lines.append(f"{indent}- {_BULLET.sub('', paragraph.text, count=1)}")
    return "\n".join(lines)


def _title(text: str) -> str:
    words = text.split()
    return " ".join(words[:8]) + ("..." if len(words) > 8 else "")
