"""Clause mapping: held-out siblings come out new, order and headings do not fool it, bullets
that move on to another clause follow it, and the reference labels still fit the reader."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
import re
import sys
from pathlib import Path

import docx
import pytest
from conftest import REFERENCE, ROOT

from bsa_drafter.assemble import assemble
from bsa_drafter.ingest import read_document
from bsa_drafter.mapping import DEFAULT_PARAMS, ClauseMatcher, map_clauses
from bsa_drafter.models import Library
from bsa_drafter.spec import new_spec

sys.path.insert(0, str(ROOT / "benchmarks"))
from labels import NEW, load_label_file, resolve  # noqa: E402

OFF_TOPIC = (
    "The Participants will hold a yearly festival of folk music and dance, with exchanges of choirs, "
    "costume makers and orchestras from both capitals."
)


def _without(library: Library, *held_out: str) -> Library:
    """The library as if these clauses had never been written."""
    return dataclasses.replace(
        library, clauses={k: v for k, v in library.clauses.items() if k not in held_out}, derived={}
    )


def _sections(library: Library) -> list[tuple[str, str, list[tuple[str, str]]]]:
    """(Part heading, subheading, [(clause id, first paragraph)]) of a standard draft, in order."""
    draft = assemble(new_spec(library, "North Macedonia", date=dt.date(2026, 1, 1)), library)
    sections: list[tuple[str, str, list[tuple[str, str]]]] = []
    for clause in draft.clauses:
        key = (library.parts[clause.part].heading, clause.heading)
        if not sections or sections[-1][:2] != key:
            sections.append((*key, []))
        sections[-1][2].append((clause.id, clause.text.split("\n")[0]))
    return sections


def _write_text(sections, path: Path) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """The sections as a numbered plain text; returns each paragraph's words -> its clause id."""
    lines, expected, shown = ["AGREEMENT ON SECURITY CO-OPERATION", ""], {}, None
    for part, sub, paragraphs in sections:
        if part != shown:
            lines += [part, ""]
            shown = part
        if sub:
            lines += [sub, ""]
        for number, (clause_id, text) in enumerate(paragraphs, 1):
            lines += [f"{number}. {text}", ""]
            expected[_words(text)] = clause_id
    path.write_text("\n".join(lines), encoding="utf-8")
    return expected


def _words(text: str) -> str:
    return " ".join(re.sub(r"^\d+\.\s+", "", text).split())


def _mapped(path: Path, library: Library) -> dict[str, tuple[str | None, str]]:
    document = read_document(path)
    by_paragraph = map_clauses(document, library).by_paragraph()
    return {
        _words(p.text): (by_paragraph[p.index].clause_id, by_paragraph[p.index].status)
        for p in document.body()
        if p.index in by_paragraph
    }


@pytest.mark.parametrize("held_out", ["defence.research", "security.cyber_protocol", "humanitarian.children"])
def test_a_held_out_sibling_comes_out_new_and_its_siblings_stay(library, tmp_path: Path, held_out: str) -> None:
    expected = _write_text(_sections(library), tmp_path / "agreement.txt")
    mapped = _mapped(tmp_path / "agreement.txt", _without(library, held_out))
    group = [
        cid
        for cid, clause in library.clauses.items()
        if clause.heading == library.clauses[held_out].heading and cid != held_out
    ]
    for words, clause_id in expected.items():
        if clause_id == held_out:
            assert mapped[words] == (None, "new"), words
        elif clause_id in group:
            assert mapped[words][0] == clause_id


def test_text_with_nothing_close_is_new_even_amid_a_part(library, tmp_path: Path) -> None:
    sections = _sections(library)
    part, sub, paragraphs = next(s for s in sections if s[1] == "Defence industry co-operation")
    sections[sections.index((part, sub, paragraphs))] = (part, sub, [paragraphs[0], ("-", OFF_TOPIC), *paragraphs[1:]])
    _write_text(sections, tmp_path / "agreement.txt")
    document = read_document(tmp_path / "agreement.txt")
    match = next(
        m for m in map_clauses(document, library).matches if document.paragraphs[m.paragraph].text.endswith(OFF_TOPIC)
    )
    assert (match.clause_id, match.status) == (None, "new")
    assert match.nearest in library.clauses  # people can still see what it came closest to


def test_a_reordered_text_still_maps(library, tmp_path: Path) -> None:
    rng = random.Random(7)
    sections = _sections(library)
    middle = sections[1:-2]
    rng.shuffle(middle)
    shuffled = [
        sections[0],
        *[(part, sub, rng.sample(paragraphs, len(paragraphs))) for part, sub, paragraphs in middle],
        *sections[-2:],
    ]
    expected = _write_text(shuffled, tmp_path / "agreement.txt")
    mapped = _mapped(tmp_path / "agreement.txt", library)
    right = sum(mapped[words][0] == clause_id for words, clause_id in expected.items())
    assert right / len(expected) >= 0.95


def test_headings_by_capitals_bold_or_position_are_never_mapped(library, tmp_path: Path) -> None:
    """No heading style anywhere: Parts in capitals, one subheading in bold, one only by its
    place above a paragraph numbered 1."""
    document = docx.Document()
    document.add_paragraph().add_run("AGREEMENT ON SECURITY CO-OPERATION").bold = True
    sections = [s for s in _sections(library) if s[0].startswith(("Part VIII", "Part IX"))]
    for number, (part, sub, paragraphs) in enumerate(sections):
        if sub and number % 2:
            document.add_paragraph().add_run(sub).bold = True
        elif sub:
            document.add_paragraph(sub)
        elif part:
            document.add_paragraph(part.upper())
        for index, (_, text) in enumerate(paragraphs, 1):
            document.add_paragraph(f"{index}. {text}")
    path = tmp_path / "plain.docx"
    document.save(path)
    read = read_document(path)
    headings = {p.index for p in read.paragraphs if p.kind == "heading"}
    assert {s[1] for s in sections if s[1]} <= {read.paragraphs[i].text for i in headings}
    clause_map = map_clauses(read, library)
    assert not headings & {m.paragraph for m in clause_map.matches}
    assert sum(m.clause_id is not None for m in clause_map.matches) >= 0.9 * len(clause_map.matches)


def test_bullets_that_move_on_take_their_own_clause(library, tmp_path: Path) -> None:
    """A Scope paragraph that states NATO support and lists the core commitments as its bullets."""
    nato = (
        library.clauses["intro.nato_membership"]
        .variant("accession_support")
        .text.replace("{partner_name}", "Freedonia")
    )
    commitments = library.clauses["intro.core_commitments"].variants[0].text.split("\n")[1:]
    lines = [
        "Part I. Introduction",
        "",
        "Scope",
        "",
        f"1. {nato} Its main commitments are:",
        *[f"• {b[2:]}" for b in commitments],
    ]
    (tmp_path / "scope.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    document = read_document(tmp_path / "scope.txt")
    by_paragraph = map_clauses(document, library).by_paragraph()
    lead, *bullets = [p for p in document.body()]
    assert bullets and all(p.list_level for p in bullets)
    assert by_paragraph[lead.index].clause_id == "intro.nato_membership"
    assert [by_paragraph[p.index].clause_id for p in bullets] == ["intro.core_commitments"] * len(bullets)


def test_a_paragraph_broken_at_a_page_end_is_mapped_whole(library, tmp_path: Path) -> None:
    text = library.clauses["recovery.imf"].variants[0].text.replace("{partner_name}", "Freedonia")
    words = text.split()
    half = len(words) // 2
    while not words[half - 1][-1].isalnum():
        half += 1
    lines = [
        "Part V. Fiscal Support, Recovery and Reconstruction",
        "",
        "Macro-economic stability",
        "",
        "1. " + " ".join(words[:half]),
        "",
        " ".join(words[half:]),
        "",
    ]
    (tmp_path / "broken.txt").write_text("\n".join(lines), encoding="utf-8")
    document = read_document(tmp_path / "broken.txt")
    first, second = document.body()
    by_paragraph = map_clauses(document, library).by_paragraph()
    assert by_paragraph[first.index].clause_id == by_paragraph[second.index].clause_id == "recovery.imf"


def test_status_follows_the_score_and_new_has_no_clause(library, tmp_path: Path) -> None:
    sections = _sections(library)
    _write_text(sections, tmp_path / "agreement.txt")
    clause_map = map_clauses(
        read_document(tmp_path / "agreement.txt"), _without(library, "defence.research", "final.disputes")
    )
    statuses = {m.status for m in clause_map.matches}
    assert {"match", "new"} <= statuses
    for match in clause_map.matches:
        assert (match.clause_id is None) == (match.status == "new")
        if match.status != "new":
            assert (match.status == "match") == (match.similarity >= DEFAULT_PARAMS.match_score)


@pytest.mark.parametrize(
    ("wording", "clause_id", "status"),
    [
        ("The two sides will discuss any difference over the interpretation of this text.", "final.disputes", "match"),
        (
            "Any difference over the reading of this text will be talked over by the two sides.",
            "final.disputes",
            "probable",
        ),
        ("The sides will resolve by talks any difference on how this text is implemented.", None, "new"),
    ],
)
def test_confidence_falls_with_the_wording_shared(
    library, tmp_path: Path, wording: str, clause_id: str | None, status: str
) -> None:
    """Ever less of the clause's wording: a match, then a probable one shown as such, then new
    text that still names the clause it came closest to."""
    (tmp_path / "one.txt").write_text(wording + "\n", encoding="utf-8")
    (match,) = map_clauses(read_document(tmp_path / "one.txt"), library).matches
    assert (match.clause_id, match.status) == (clause_id, status)
    assert (match.clause_id or match.nearest) == "final.disputes"


def test_matcher_parameters_change_the_outcome(library, tmp_path: Path) -> None:
    """The tuned thresholds are what decides: a floor above every score leaves only new text."""
    _write_text(_sections(library), tmp_path / "agreement.txt")
    document = read_document(tmp_path / "agreement.txt")
    matcher = ClauseMatcher(library)
    strict = matcher.map(document, params=dataclasses.replace(DEFAULT_PARAMS, text_floor=1.01, named_floor=1.01))
    assert {m.status for m in strict.matches} == {"new"}
    assert sum(m.status != "new" for m in matcher.map(document).matches) >= 0.95 * len(strict.matches)


needs_reference = pytest.mark.skipif(not REFERENCE.exists(), reason="../shared/reference/agreements is not present")


@needs_reference
def test_reference_labels_still_fit_the_reader_and_the_mapping_holds(library) -> None:
    """Every hand label finds its paragraph in today's reading (a changed reader must re-label,
    not silently lose labels), and the defaults keep most labelled paragraphs right."""
    right = total = 0
    for name, entry in load_label_file().items():
        document = read_document(REFERENCE / str(entry["file"]))
        labels = resolve(entry, document, library)
        assert not labels.drifted, (name, labels.drifted)
        by_paragraph = map_clauses(document, library).by_paragraph()
        for index, allowed in labels.by_paragraph.items():
            match = by_paragraph[index]
            right += (NEW if match.status == "new" else match.clause_id) in allowed
            total += 1
    assert total >= 590 and right / total >= 0.85
