"""The comparison matrix: signed agreements (by date of signature) against the features a
negotiator compares, each cell with the sentences it rests on.

MATRIX_COLUMNS is the one list of columns: each names the stored features it reads and says
how a cell is worded. A column whose features an index does not hold shows "not read".
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from typing import Any, Callable, Literal

from bsa_drafter.detectors import languages
from bsa_drafter.precedents.record import NATO_FORMULA_LABELS
from bsa_drafter.precedents.store import IndexedAgreement, PrecedentIndex, StoredEvidence, StoredFeature

CellState = Literal["present", "absent", "unread"]


@dataclass(frozen=True)
class CellEvidence:
    quote: str
    paragraph: int
    where: str  # the headings it stands under and its number


@dataclass(frozen=True)
class MatrixCell:
    text: str
    state: CellState
    values: dict[str, Any] = field(default_factory=dict)  # the features it was read from
    evidence: tuple[CellEvidence, ...] = ()


Features = dict[str, StoredFeature]


def _value(features: Features, name: str) -> Any:
    feature = features.get(name)
    return feature.value if feature is not None else None


def _flag(name: str) -> Callable[[Features], tuple[str, CellState, list[str]]]:
    def describe(features: Features) -> tuple[str, CellState, list[str]]:
        return ("yes", "present", [name]) if _value(features, name) else ("no", "absent", [])

    return describe


def _exit(features: Features) -> tuple[str, CellState, list[str]]:
    kind, months = _value(features, "unilateral_exit"), _value(features, "notice_months")
    if kind == "yes":
        notice = f"{months} months' notice" if months else "immediate" if months == 0 else "notice not stated"
        return f"yes, {notice}", "present", ["unilateral_exit", "notice_months"]
    if kind == "soft":
        return "soft: only to inform", "present", ["unilateral_exit"]
    return "no", "absent", []


def _nato_support(features: Features) -> tuple[str, CellState, list[str]]:
    if not _value(features, "nato_support"):
        return "no", "absent", []
    formulas = _value(features, "nato_support_formula") or []
    labels = "; ".join(NATO_FORMULA_LABELS.get(code, code) for code in formulas)
    return (f"yes: {labels}" if labels else "yes"), "present", ["nato_support_formula" if formulas else "nato_support"]


def _consultation(features: Features) -> tuple[str, CellState, list[str]]:
    hours = _value(features, "consultation_hours")
    if _value(features, "consultation_24h"):
        return "within 24 hours", "present", ["consultation_24h"]
    if hours:
        return f"within {hours} hours", "present", ["consultation_hours"]
    return "no", "absent", []


def _duration(features: Features) -> tuple[str, CellState, list[str]]:
    years, review = _value(features, "duration_years"), _value(features, "review_clause")
    parts, names = [], []
    if years:
        parts.append(f"{years} years")
        names.append("duration_years")
    elif _value(features, "open_ended") and features["open_ended"].evidence:
        parts.append("open-ended")
        names.append("open_ended")
    else:
        parts.append("term not stated")
    if review:
        parts.append("review")
        names.append("review_clause")
    return "; ".join(parts), "present" if names else "absent", names


_MONEY_KINDS = {
    "amount": "amount",
    "gdp_share": "share of GDP",
    "multi_year": "multi-year total",
    "appropriation": "subject to appropriation",
}


def _money(features: Features) -> tuple[str, CellState, list[str]]:
    kind = _value(features, "money_pledge")
    if not kind:
        return "none found", "absent", []
    words = (_value(features, "money_wording") or [None])[0]
    label = _MONEY_KINDS.get(kind, str(kind))
    return (f"{label}: {words}" if words and kind != "appropriation" else label), "present", ["money_pledge"]


def _qualifiers(features: Features) -> tuple[str, CellState, list[str]]:
    found = _value(features, "qualifiers") or []
    if not found:
        return "none", "absent", []
    counts: dict[str, int] = {}
    for word in found:
        counts[str(word)] = counts.get(str(word), 0) + 1
    return ", ".join(f"{word} \u00d7{n}" if n > 1 else word for word, n in counts.items()), "present", ["qualifiers"]


def _language(features: Features) -> tuple[str, CellState, list[str]]:
    clause = _value(features, "language_clause")
    return (clause, "present", ["language_clause"]) if clause else ("not found", "absent", [])


@dataclass(frozen=True)
class MatrixColumn:
    id: str
    title: str
    features: tuple[str, ...]  # the stored features the column reads
    describe: Callable[[Features], tuple[str, CellState, list[str]]]  # -> text, state, features whose evidence to show


MATRIX_COLUMNS: tuple[MatrixColumn, ...] = (
    MatrixColumn("exit", "Exit and notice", ("unilateral_exit", "notice_months"), _exit),
    MatrixColumn("nato_support", "NATO support", ("nato_support", "nato_support_formula"), _nato_support),
    MatrixColumn("nato_status", "NATO status", ("nato_status_clause",), _flag("nato_status_clause")),
    MatrixColumn("consultation", "24-hour consultation", ("consultation_24h", "consultation_hours"), _consultation),
    MatrixColumn("escalation", "Significant escalation", ("escalation_trigger",), _flag("escalation_trigger")),
    MatrixColumn(
        "alignment", "Alignment with a later mechanism", ("alignment_mechanism",), _flag("alignment_mechanism")
    ),
    MatrixColumn("reciprocity", "Reciprocity", ("reciprocity",), _flag("reciprocity")),
    MatrixColumn("duration", "Duration and review", ("duration_years", "open_ended", "review_clause"), _duration),
    MatrixColumn("money", "Money", ("money_pledge", "money_wording"), _money),
    MatrixColumn("qualifiers", "Qualifiers", ("qualifiers",), _qualifiers),
    MatrixColumn("language", "Language clause", ("language_clause",), _language),
)


@dataclass(frozen=True)
class MatrixRow:
    agreement: IndexedAgreement
    cells: dict[str, MatrixCell]


@dataclass(frozen=True)
class Matrix:
    columns: tuple[MatrixColumn, ...]
    rows: list[MatrixRow]


def matrix(index: PrecedentIndex) -> Matrix:
    """Every indexed agreement (in date order) against MATRIX_COLUMNS."""
    return Matrix(MATRIX_COLUMNS, [MatrixRow(a, {c.id: cell(a, c) for c in MATRIX_COLUMNS}) for a in index.agreements])


def cell(agreement: IndexedAgreement, column: MatrixColumn) -> MatrixCell:
    if agreement.language.code not in (*languages(), "und"):
        return MatrixCell(f"not read ({agreement.language.code} text)", "unread")
    if not all(name in agreement.features for name in column.features):
        return MatrixCell("not read", "unread")
    text, state, shown = column.describe(agreement.features)
    values = {name: agreement.features[name].value for name in column.features}
    evidence = tuple(
        CellEvidence(e.quote, e.paragraph, agreement.where(e.paragraph))
        for name in shown
        for e in agreement.features[name].evidence
    )
    return MatrixCell(text, state, values, evidence)


# --- plain formats (the terminal table and HTML are the command line's) ---------------------------


def matrix_json(table: Matrix) -> dict[str, Any]:
    return {
        "columns": [{"id": c.id, "title": c.title, "features": list(c.features)} for c in table.columns],
        "agreements": [
            {
                "partner": row.agreement.partner,
                "precedent": row.agreement.precedent,
                "file": row.agreement.file,
                "date": row.agreement.date.isoformat() if row.agreement.date else None,
                "language": row.agreement.language.code,
                "cells": {
                    column_id: {
                        "text": c.text,
                        "state": c.state,
                        "values": c.values,
                        "evidence": [
                            {"quote": e.quote, "paragraph": e.paragraph, "where": e.where} for e in c.evidence
                        ],
                    }
                    for column_id, c in row.cells.items()
                },
            }
            for row in table.rows
        ],
    }


def matrix_csv(table: Matrix) -> str:
    """One row per agreement: partner, date, file, then each column's text."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["partner", "date", "file", *(c.title for c in table.columns)])
    for row in table.rows:
        date = row.agreement.date.isoformat() if row.agreement.date else ""
        writer.writerow(
            [
                _cell_safe(row.agreement.partner),
                date,
                _cell_safe(row.agreement.file),
                *(_cell_safe(row.cells[c.id].text) for c in table.columns),
            ]
        )
    return buffer.getvalue()


def _cell_safe(text: str) -> str:
    """A spreadsheet runs a cell that starts with = + - or @ as a formula: foreign text never does."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def carried_phrases(values: dict[str, Any]) -> list[str]:
    """What a piece of wording carries, in the matrix's words ("Exit and notice: yes, 6 months'
    notice"), for the features it holds (as `wording_features` or a stored unit gives them)."""
    evidenced = [StoredEvidence(paragraph=0, start=0, end=0, quote="")]  # a carried feature was found in the wording
    features = {name: StoredFeature(value=value, evidence=evidenced) for name, value in values.items()}
    phrases = []
    for column in MATRIX_COLUMNS:
        if any(name in values for name in column.features):
            text, state, _ = column.describe(features)
            if state == "present":
                phrases.append(f"{column.title}: {text}")
    return phrases
