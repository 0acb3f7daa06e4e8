"""What a reviewer compares: a draft against the standard, two rounds, our round against the
counterpart's returned text, or a returned DOCX as its own before -> proposed. Changes always
read from OLD to NEW, as Word's Compare does; foreign texts are read through the analysis so
that they line up clause by clause."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bsa_drafter.assemble import Draft, assemble
from bsa_drafter.diff import DiffItem, DraftDiff, diff_items, inline_redline
from bsa_drafter.ingest import SUPPORTED, read_views
from bsa_drafter.models import Document, Finding, Library, View
from bsa_drafter.params import format_value, unset_text
from bsa_drafter.spec import load_draft, new_spec


@dataclass
class Side:
    """One side of a comparison: the draft, what to call it, and the text it was read from."""

    draft: Draft
    label: str
    document: Document | None = None  # a foreign text, as read (None for a spec)


def standard_draft(draft: Draft) -> Draft:
    """The standard profile with the same partner, parameters and meta data as `draft`."""
    spec = draft.spec.model_copy(deep=True)
    spec.clauses = {}
    spec.order = None
    return assemble(spec, draft.library)


def standard_values(draft: Draft) -> dict[str, Any]:
    """The parameter values a new standard draft for the same partner starts with."""
    meta = draft.spec.draft
    spec = new_spec(draft.library, meta.partner, date=meta.date, profile=meta.profile)
    return assemble(spec, draft.library).values


@dataclass(frozen=True)
class ParameterChange:
    name: str
    label: str
    old: str  # as the clause text shows it ("[amount]" when unset)
    new: str


def parameter_changes(library: Library, old: dict[str, Any], new: dict[str, Any]) -> list[ParameterChange]:
    """The parameters whose text differs between two sets of values, in the library's order."""
    changes = []
    for name, param in library.params.items():
        before, after = old.get(name), new.get(name)
        shown_before = unset_text(param) if before is None else format_value(param, before)
        shown_after = unset_text(param) if after is None else format_value(param, after)
        if shown_before != shown_after:
            changes.append(ParameterChange(name, param.label, shown_before, shown_after))
    return changes


def draft_items(draft: Draft, mapped: bool = False) -> list[DiffItem]:
    items = []
    for clause in draft.clauses:
        part = draft.library.parts.get(clause.part)
        where = f"Part {part.numeral}" if part and part.numeral else (part.title if part else clause.part)
        if clause.heading:
            where += f", {clause.heading}"
        place = f"{where}, paragraph {clause.number}" if clause.number else where
        items.append(DiffItem(clause.id, clause.title, clause.text, place, mapped))
    return items


def is_foreign(path: Path) -> bool:
    return path.suffix.lower() in SUPPORTED


def spec_label(draft: Draft, path: Path) -> str:
    return f"{path.name} (round {draft.spec.draft.round})"


# Exports print printers' quotes (‘ ’ “ ”) where specs and the library type ' and ": a text read
# back from a document gets typewriter quotes, so that quote marks are never taken for changes.
_TYPEWRITER_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})


def foreign_side(document: Document, library: Library, label: str) -> Side:
    from bsa_drafter.analyze import analyze_document, spec_from_analysis

    analysis = analyze_document(document, library)
    spec = spec_from_analysis(analysis, library)
    for clause_id, choice in spec.clauses.items():
        if choice.text is not None:
            spec.clauses[clause_id] = choice.model_copy(update={"text": choice.text.translate(_TYPEWRITER_QUOTES)})
    return Side(assemble(spec, library), label, analysis.document)


def load_side(path: Path, library: Library, view: View = "proposed") -> Side:
    """A spec as it is; any other text through analysis, mapped onto the library's clauses."""
    if is_foreign(path):
        document = read_views(path, (view,))[view]
        suffix = f", {view}" if document.revisions else ""
        return foreign_side(document, library, f"{path.name}{suffix}")
    draft = load_draft(path, library)[1]  # reports anything else as a bad spec
    return Side(draft, spec_label(draft, path))


def docx_own_views(path: Path, library: Library) -> tuple[Side, Side]:
    """A returned file as its own before -> proposed: what its tracked changes do."""
    views = read_views(path)
    return (
        foreign_side(views["before"], library, f"{path.name}, before its tracked changes"),
        foreign_side(views["proposed"], library, f"{path.name}, with its tracked changes"),
    )


def load_other(path: Path, library: Library) -> Draft:
    return load_side(path, library).draft


def compare_drafts(a: Draft, b: Draft, a_label: str, b_label: str) -> DraftDiff:
    return diff_items(draft_items(a), draft_items(b), a_label, b_label)


def compare_sides(old: Side, new: Side, silent_changes: bool = True) -> DraftDiff:
    """Changes from OLD to NEW with the findings each change brings. When NEW is a returned
    Word file, every difference between OLD and NEW's text before its tracked changes is a
    change the other side made without marking it."""
    from bsa_drafter.playbook import check_draft

    result = diff_items(
        draft_items(old.draft, old.document is not None),
        draft_items(new.draft, new.document is not None),
        old.label,
        new.label,
    )
    before = {(f.rule, f.clause) for f in check_draft(old.draft).findings}
    for finding in check_draft(new.draft).findings:
        if (finding.rule, finding.clause) not in before:
            result.introduced.setdefault(finding.clause or "", []).append(finding)
    if silent_changes and new.document is not None and new.document.source.lower().endswith(".docx"):
        result.unmarked = unmarked_changes(old, new)
    return result


def unmarked_changes(old: Side, new: Side) -> list[Finding]:
    """Our round against their returned DOCX with every tracked change rejected: what differs
    was changed without being marked."""
    assert new.document is not None
    before = new
    if new.document.revisions and new.document.view != "before":
        document = read_views(Path(new.document.source), ("before",))["before"]
        before = foreign_side(document, old.draft.library, new.label)
    diff = diff_items(
        draft_items(old.draft, old.document is not None), draft_items(before.draft, True), old.label, before.label
    )
    findings = []
    for change in diff.changes():
        if change.status == "moved" and not change.changed_text:
            continue
        findings.append(
            Finding(
                "unmarked-change",
                "warning",
                f"{change.status} without a tracked change: {change.title} ({change.place or change.id})",
                "A change the other side did not mark breaks drafting etiquette and is easy to miss: raise it "
                "with them.",
                [],
                change.id,
                inline_redline(change.ops),
                None,
            )
        )
    return findings
