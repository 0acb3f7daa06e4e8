"""What a reviewer compares: a draft against the standard, a previous round, or the
counterpart's returned text (read through the analysis, so it lines up clause by clause)."""

from __future__ import annotations

from pathlib import Path

from bsa_drafter.assemble import Draft, assemble
from bsa_drafter.diff import DiffItem, DraftDiff, diff_items
from bsa_drafter.ingest import SUPPORTED
from bsa_drafter.models import Library
from bsa_drafter.spec import load_draft


def standard_draft(draft: Draft) -> Draft:
    """The standard profile with the same partner, parameters and meta data as `draft`."""
    spec = draft.spec.model_copy(deep=True)
    spec.clauses = {}
    spec.order = None
    return assemble(spec, draft.library)


def draft_items(draft: Draft) -> list[DiffItem]:
    return [DiffItem(clause.id, clause.title, clause.text) for clause in draft.clauses]


# Exports print printers' quotes (‘ ’ “ ”) where specs and the library type ' and ": a text read
# back from a document gets typewriter quotes, so that quote marks are never taken for changes.
_TYPEWRITER_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})


def load_other(path: Path, library: Library) -> Draft:
    """A spec as it is; any other text through analysis, mapped onto the library's clauses."""
    if path.suffix.lower() == ".toml":
        return load_draft(path, library)[1]
    if path.suffix.lower() in SUPPORTED:
        from bsa_drafter.analyze import analyze_file, spec_from_analysis

        spec = spec_from_analysis(analyze_file(path, library), library)
        for clause_id, choice in spec.clauses.items():
            if choice.text is not None:
                spec.clauses[clause_id] = choice.model_copy(update={"text": choice.text.translate(_TYPEWRITER_QUOTES)})
        return assemble(spec, library)
    return load_draft(path, library)[1]  # reports the file as a bad spec


def compare_drafts(a: Draft, b: Draft, a_label: str, b_label: str) -> DraftDiff:
    return diff_items(draft_items(a), draft_items(b), a_label, b_label)
