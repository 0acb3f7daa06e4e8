"""Analysis of a real agreement text: features, findings and the clause map, its tracked
changes and comments attached to clauses, and a spec that reproduces the text through the
library so that a negotiator can answer it."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from bsa_drafter.detectors import feature_json, feature_specs, language_of, languages
from bsa_drafter.errors import BadInput, Problem
from bsa_drafter.excerpts import shorten
from bsa_drafter.ingest import read_layout
from bsa_drafter.mapping import LANGUAGES as MAPPED_LANGUAGES
from bsa_drafter.mapping import ClauseMap, map_clauses
from bsa_drafter.models import (
    CUSTOM_PREFIX,
    ClauseChoice,
    Document,
    DraftMeta,
    DraftSpec,
    Feature,
    Finding,
    Library,
    Paragraph,
    View,
)
from bsa_drafter.parallel import ParallelText, align_texts, compare_versions, parallel_json, unsplit_finding
from bsa_drafter.params import literal
from bsa_drafter.playbook import check_document
from bsa_drafter.reading.bilingual import BilingualFile, Unsplit, split_bilingual
from bsa_drafter.reading.language import language_name
from bsa_drafter.reading.markers import without_marker
from bsa_drafter.reading.structure import agreement_shape, outline_json

_READING_REASONS = {
    "unread-content": "Word shows this content but the tool cannot read it, so nothing in it was checked.",
    "broken-markup": "The file's markup is damaged here; what could be read was read. Check this place in Word.",
    "revision-without-author": "A tracked change should say who made it; ask the other side who proposed it.",
    "comment-unanchored": "The comment is attached to no text, so it cannot be tied to a clause.",
    "not-one-agreement": "The findings assume one agreement between Ukraine and one partner; on other texts "
    "they can mislead.",
    "language": "The detectors read English and Ukrainian texts, and the clause library is written in English.",
}


@dataclass
class Analysis:
    document: Document
    features: dict[str, Feature]
    findings: list[Finding]
    clause_map: ClauseMap
    notes: list[str] = field(default_factory=list)  # what limited the analysis, said once
    # a file in English and Ukrainian: its two texts aligned, or why they could not be split
    bilingual: ParallelText | Unsplit | None = None

    def change_summary(self) -> str:
        """ "N tracked changes by A, B; M comments", the first line of every report."""
        revisions = self.document.revisions
        authors = self.document.revision_authors()
        by = f" by {', '.join(authors)}" if authors else ""
        comments = len(self.document.comments)
        changes = f"{len(revisions)} tracked change{'' if len(revisions) == 1 else 's'}{by}"
        return f"{changes}; {comments} comment{'' if comments == 1 else 's'}"


def analyze_document(document: Document, library: Library) -> Analysis:
    language = document.language.code
    notes: list[str] = []
    readable = language_of(document) in languages()
    if readable and language_of(document) in MAPPED_LANGUAGES:
        clause_map = map_clauses(document, library)
    else:
        clause_map = ClauseMap([], [])
    document = with_clauses(document, clause_map)  # findings name the clause their evidence lies in
    # A text in a language without detectors gets no findings from them (they would be wrong,
    # not merely missing) and no clause map; an undetermined one is read as English.
    if readable:
        if language_of(document) not in MAPPED_LANGUAGES:
            notes.append(
                f"text in {language_name(language)}: the clause map compares English wording only, "
                "so there is no clause map and findings name no clause"
            )
        result = check_document(document, library, "working")
        features, findings = result.features, result.findings
        if language == "und":
            notes.append(
                f"the language could not be determined ({document.language.evidence}); the English detectors were run"
            )
    else:
        name = language_name(language)
        features = {}  # nothing was read
        findings = [
            _note_finding(
                "language",
                "info",
                f"the text is in {name} ({document.language.evidence}): "
                "the detectors and the clause map do not read it, so there are no findings",
            )
        ]
        notes.append(f"text in {name}: no detector findings and no clause map")
    findings = _reading_findings(document, library) + findings
    return Analysis(document, features, findings, clause_map, notes)


def with_clauses(document: Document, clause_map: ClauseMap) -> Document:
    """A copy of the document whose mapped paragraphs, tracked changes and comments name the clause
    they lie in. The caller's document is left as it was: it may be read again, or shown as read."""
    by_paragraph = clause_map.by_paragraph()

    def clause_of(paragraph: int | None) -> str | None:
        match = by_paragraph.get(paragraph) if paragraph is not None else None
        return match.clause_id if match else None

    paragraphs = [
        replace(paragraph, clause=by_paragraph[index].clause_id) if index in by_paragraph else paragraph
        for index, paragraph in enumerate(document.paragraphs)
    ]
    revisions = [replace(item, clause=clause_of(item.paragraph)) for item in document.revisions]
    comments = [replace(item, clause=clause_of(item.paragraph)) for item in document.comments]
    return replace(document, paragraphs=paragraphs, revisions=revisions, comments=comments)


def analyze_file(path: Path | str, library: Library, view: View = "proposed") -> Analysis:
    """A file analysed; one that holds the agreement in English and Ukrainian is split, its
    English analysed with the Ukrainian of each paragraph beside it, and the two compared."""
    document, blocks = read_layout(path, view)
    found = split_bilingual(document, blocks)
    if isinstance(found, BilingualFile):
        return analyze_bilingual(found, document, library)
    analysis = analyze_document(document, library)
    if isinstance(found, Unsplit):
        analysis.bilingual = found
        analysis.findings.insert(0, unsplit_finding(found))
    return analysis


def analyze_bilingual(found: BilingualFile, source: Document, library: Library) -> Analysis:
    parallel = align_texts(found, library, source)
    analysis = analyze_document(parallel.english, library)
    # the English with its clauses named, for the Ukrainian paragraphs beside them (the caller's file is not changed)
    parallel.file = replace(found, english=replace(found.english, document=analysis.document))
    analysis.bilingual = parallel
    analysis.findings = compare_versions(parallel, analysis.features, analysis.findings, library)
    return analysis


def _note_finding(
    code: str, severity: str, message: str, paragraph: int | None = None, clause: str | None = None
) -> Finding:
    return Finding(code, severity, message, _READING_REASONS[code], [], clause, None, paragraph)  # type: ignore[arg-type]


def _reading_findings(document: Document, library: Library) -> list[Finding]:
    """What the reader could not read, and whether the text looks like one agreement."""
    findings = [
        _note_finding(
            w.code,
            "warning",
            w.message,
            w.paragraph,
            document.paragraphs[w.paragraph].clause if w.paragraph is not None else None,
        )
        for w in document.warnings
    ]
    names = [p.name for p in library.partners.values()] + [p.short for p in library.precedents.values()]
    reasons = agreement_shape(document, names)
    if reasons:
        findings.append(
            _note_finding("not-one-agreement", "warning", "this text may not be one agreement: " + "; ".join(reasons))
        )
    return findings


def analysis_json(analysis: Analysis) -> dict[str, Any]:
    document = analysis.document
    # every feature the detectors read, in the registry's order (none for a text in a language
    # without detectors); unilateral_exit also carries notice_months, as it always has
    features: dict[str, Any] = {}
    for name in feature_specs():
        if name in analysis.features:
            features[name] = feature_json(analysis.features[name])
    if "unilateral_exit" in features:
        features["unilateral_exit"]["notice_months"] = analysis.features["notice_months"].value
    by_paragraph = analysis.clause_map.by_paragraph()
    paragraphs = []
    for paragraph in document.paragraphs:
        match = by_paragraph.get(paragraph.index)
        if paragraph.kind == "heading":
            status = "heading"
        elif match is None:
            status = "signature" if paragraph.heading == "Signatures" else "not-mapped"
        else:
            status = match.status
        paragraphs.append(
            {
                "paragraph": paragraph.index,
                "label": paragraph.label or None,
                "text": paragraph.text,
                "heading": paragraph.heading,
                "status": status,
                "clause_id": match.clause_id if match else None,
                "similarity": match.similarity if match else None,
                "nearest": match.nearest if match else None,
            }
        )
    payload = {
        "source": document.source,
        "view": document.view,
        "summary": analysis.change_summary(),
        "language": {
            "code": document.language.code,
            "name": language_name(document.language.code),
            "confidence": document.language.confidence,
            "evidence": document.language.evidence,
            "shares": document.language.shares,
        },
        "features": features,
        "findings": [finding.as_json() for finding in analysis.findings],
        "revisions": [revision.as_json() for revision in document.revisions],
        "comments": [comment.as_json() for comment in document.comments],
        "notes": [{"kind": n.kind, "id": n.id, "text": n.text, "paragraph": n.paragraph} for n in document.notes],
        "outline": outline_json(document),
        "clauses": paragraphs,
    }
    if isinstance(analysis.bilingual, ParallelText):
        payload["bilingual"] = parallel_json(analysis.bilingual)
    elif isinstance(analysis.bilingual, Unsplit):
        payload["bilingual"] = {"layout": None, "warnings": [analysis.bilingual.reason]}
    return payload


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
                return shorten(match.group(1).strip(" ."), PARTNER_CHARS)
    return shorten(Path(document.source).stem.replace("_", " ").replace("-", " ").title(), PARTNER_CHARS)


PARTNER_CHARS, TITLE_CHARS, HEADING_CHARS = 120, 80, 200


def spec_from_analysis(analysis: Analysis, library: Library, today: dt.date | None = None) -> DraftSpec:
    """Matched clauses carry the counterpart's wording as overrides; unmatched paragraphs become
    custom clauses where they stand; standard clauses with no counterpart are omitted."""
    if not analysis.clause_map.units:
        raise BadInput(
            Problem(
                analysis.document.source,
                None,
                "no clause map for this text ("
                + "; ".join(analysis.notes or ["no body paragraphs"])
                + "): no spec written",
            )
        )
    partner = guess_partner(analysis.document, library)
    known = library.partner(partner)
    params: dict[str, Any] = {"partner_name": known.name if known else partner}
    if known:
        params["partner_formal_name"] = known.formal_name
        params["partner_adjective"] = known.adjective
    try:
        return _spec_of_units(analysis, library, params, today)
    except ValidationError as exc:  # a limit of the spec that the text does not fit
        raise BadInput(
            Problem(
                analysis.document.source,
                None,
                f"the text does not fit a spec: {exc.errors()[0]['msg']}; no spec written",
            )
        ) from None


def _spec_of_units(analysis: Analysis, library: Library, params: dict[str, Any], today: dt.date | None) -> DraftSpec:
    clauses: dict[str, ClauseChoice] = {}
    order: list[str] = []
    part = "preamble"
    subheading = ""
    paragraphs = analysis.document.paragraphs
    matches = analysis.clause_map.by_paragraph()
    for unit in analysis.clause_map.units:
        lead = paragraphs[unit[0]]
        match = matches[unit[0]]
        text = literal(unit_markup([paragraphs[i] for i in unit]))
        heading = shorten(lead.heading.split(" / ")[-1], HEADING_CHARS) if lead.heading else ""
        _check_length(analysis, unit[0], text)
        if match.clause_id and match.clause_id not in clauses:
            part = library.clauses[match.clause_id].part
            subheading = library.clauses[match.clause_id].heading
            clauses[match.clause_id] = ClauseChoice(variant=match.variant, text=text)
            order.append(match.clause_id)
            continue
        if match.clause_id and order and order[-1] == match.clause_id:
            merged = f"{clauses[match.clause_id].text}\n\n{text}"
            _check_length(analysis, unit[0], merged)
            clauses[match.clause_id] = clauses[match.clause_id].model_copy(update={"text": merged})
            continue
        custom_id = f"{CUSTOM_PREFIX}p{unit[0]}"
        clauses[custom_id] = ClauseChoice(
            part=part, heading=heading or subheading or None, title=_title(lead.text), text=text
        )
        order.append(custom_id)
    for clause_id in analysis.clause_map.missing:
        clauses.setdefault(clause_id, ClauseChoice(include=False))
    return _spec(params, order, clauses, analysis, today)


def _check_length(analysis: Analysis, paragraph: int, text: str) -> None:
    if len(text) > CLAUSE_TEXT_CHARS:
        raise BadInput(
            Problem(
                analysis.document.source,
                None,
                f"paragraph {paragraph}: its clause would have {len(text):,} characters, "
                f"and a clause of a spec holds at most {CLAUSE_TEXT_CHARS:,}; no spec written",
            )
        )


def _spec(
    params: dict[str, Any],
    order: list[str],
    clauses: dict[str, ClauseChoice],
    analysis: Analysis,
    today: dt.date | None,
) -> DraftSpec:
    meta = DraftMeta(
        partner=params["partner_name"],
        round=1,
        date=today or dt.date.today(),
        status="working",
        notes=f"Reproduced from {shorten(Path(analysis.document.source).name, 300)} by bsa-drafter analyze.",
    )
    return DraftSpec(draft=meta, params=params, order=order, clauses=clauses)


CLAUSE_TEXT_CHARS = 100_000  # ClauseChoice.text's limit


def unit_markup(paragraphs: list[Paragraph]) -> str:
    """A lead paragraph and its bullets in our clause markup: the lead without its number
    (assembly numbers clauses), bullets as '- ' and sub-bullets as '  - '."""
    lines = [without_marker(paragraphs[0].text)]
    for paragraph in paragraphs[1:]:
        indent = "  " * (min(paragraph.list_level, 2) - 1)
        lines.append(f"{indent}- {without_marker(paragraph.text)}")
    return "\n".join(lines)


def _title(text: str) -> str:
    words = text.split()
    return shorten(" ".join(words[:8]) + ("..." if len(words) > 8 else ""), TITLE_CHARS)
