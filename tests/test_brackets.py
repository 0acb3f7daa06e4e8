"""The bracket register: [A / B] in the wording as data, who proposed each option, and the
findings it gives."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import pytest
from conftest import EXAMPLES

from bsa_drafter.brackets import alternatives_in, bracket_text, sync_clause
from bsa_drafter.editing import DraftSession
from bsa_drafter.errors import BadInput
from bsa_drafter.export.docx import render_draft
from bsa_drafter.models import Bracket, BracketOption
from bsa_drafter.proposals import DecisionRefused
from bsa_drafter.spec import dumps_spec, load_spec, parse_spec

TERMINATION = "final.termination"
WORDING = "Either Participant may terminate this Agreement by written notice of [six / three] months."


@pytest.fixture()
def session(tmp_path: Path, library) -> DraftSession:
    path = tmp_path / "north_macedonia.toml"
    shutil.copy(EXAMPLES / "north_macedonia.toml", path)
    return DraftSession.open(path, library)


def test_alternatives_are_brackets_with_a_slash_between_words() -> None:
    text = "within [24 / 72] hours, [as appropriate], [name] and [a / b / c] but not [and/or] or [ / x]"
    found = alternatives_in(text)
    assert [a.options for a in found] == [("24", "72"), ("a", "b", "c")]
    assert text[found[0].start : found[0].end] == bracket_text(found[0].options)


def test_a_typed_bracket_becomes_a_register_entry_and_keeps_its_id_while_edited(session: DraftSession) -> None:
    session.set_text(TERMINATION, WORDING)
    [bracket] = session.spec.brackets
    assert (bracket.id, bracket.clause, bracket.opened, bracket.is_open) == (
        "B1",
        TERMINATION,
        session.spec.draft.round,
        True,
    )
    assert [(o.text, o.by) for o in bracket.options] == [("six", "ukraine"), ("three", "ukraine")]
    session.set_text(TERMINATION, WORDING.replace("three", "three (3)"))
    assert [b.id for b in session.spec.brackets] == ["B1"] and session.spec.brackets[0].options[1].text == "three (3)"
    broken = WORDING.replace("[six / three]", "[six / three")
    session.set_text(TERMINATION, broken)  # typing over a bracket breaks it for a moment
    assert session.spec.brackets[0].resolution == "removed"
    session.set_text(TERMINATION, WORDING)
    assert [(b.id, b.is_open) for b in session.spec.brackets] == [("B1", True)]


def test_choosing_an_option_closes_the_bracket_and_undo_reopens_it(session: DraftSession) -> None:
    session.set_text(TERMINATION, WORDING)
    saved = dumps_spec(session.spec)
    session.choose_bracket("B1", 1)
    assert "notice of six months" in session.clause(TERMINATION).text
    bracket = session.spec.brackets[0]
    assert (bracket.resolution, bracket.chosen, bracket.closed) == ("chosen", 1, session.spec.draft.round)
    with pytest.raises(DecisionRefused, match="was closed in round"):
        session.choose_bracket("B1", 2)
    session.undo()
    assert dumps_spec(session.spec) == saved
    with pytest.raises(DecisionRefused, match="has 2 options"):
        session.choose_bracket("B1", 3)
    session.set_text(TERMINATION, WORDING.replace("[six / three]", "six"))
    with pytest.raises(DecisionRefused, match="no bracket B1|closed"):
        session.choose_bracket("B1", 1)


def test_findings_for_registered_brackets_come_from_the_register(session: DraftSession) -> None:
    session.set_text(TERMINATION, WORDING)
    session.set_text("closing.done_at", session.clause("closing.done_at").source_text + " [subject to review]")
    findings = [f for f in session.result.findings if f.rule == "unresolved-brackets"]
    registered = [f for f in findings if f.clause == TERMINATION]
    assert [f.message for f in registered] == [
        f"Unresolved bracket B1, open since round {session.spec.draft.round}: "
        "Ukraine: \u201csix\u201d / Ukraine: \u201cthree\u201d"
    ]
    assert registered[0].severity == "info"  # a working draft may carry brackets
    assert any("[subject to review]" in f.message for f in findings)  # a bracket with one passage is the detectors' own
    session.set_meta("status", "final")
    assert {f.severity for f in session.result.findings if f.rule == "unresolved-brackets"} == {"error"}


def test_the_docx_shows_open_brackets_bracketed_and_highlighted(session: DraftSession) -> None:
    session.set_text(TERMINATION, WORDING)
    with zipfile.ZipFile(io.BytesIO(render_draft(session.draft))) as archive:
        xml = archive.read("word/document.xml").decode()
    index = xml.index("[six / three]")
    run_start = xml.rindex("<w:r>", 0, index)
    assert '<w:highlight w:val="yellow"/>' in xml[run_start:index]


def test_the_register_is_saved_with_the_spec_byte_stable(session: DraftSession, library) -> None:
    session.set_text(TERMINATION, WORDING)
    session.save()
    text = session.path.read_text()
    assert "[[brackets]]" in text and 'by = "ukraine"' in text
    again = load_spec(session.path, library).spec
    assert dumps_spec(again) == text


def test_an_inconsistent_register_is_refused_with_its_line(write, library) -> None:
    path = write(
        "bad.toml",
        """
        [draft]
        partner = "North Macedonia"
        round = 2
        date = 2026-11-20

        [[brackets]]
        id = "B1"
        clause = "final.termination"
        options = [{ text = "six", by = "ukraine" }, { text = "three", by = "partner" }]
        opened = 2
        resolution = "chosen"
        closed = 2
        """,
    )
    with pytest.raises(BadInput) as caught:
        load_spec(path, library)
    assert "'chosen' names the option taken" in str(caught.value)
    duplicate = path.read_text().replace('resolution = "chosen"\nclosed = 2\n', "") * 1
    duplicate += (
        '\n[[brackets]]\nid = "B1"\nclause = "final.termination"\n'
        'options = [{ text = "a", by = "ukraine" }, { text = "b", by = "partner" }]\nopened = 2\n'
    )
    with pytest.raises(BadInput, match="brackets: 'B1' appears twice"):
        parse_spec(duplicate, "dup.toml")


def test_sync_keeps_the_proposer_of_an_unchanged_option() -> None:
    register = [
        Bracket(
            id="B4",
            clause=TERMINATION,
            options=[BracketOption(text="six", by="ukraine"), BracketOption(text="three", by="partner")],
            opened=3,
        )
    ]
    edited = sync_clause(register, TERMINATION, "notice of [six / three / four] months", 4)
    assert [(o.text, o.by) for o in edited[0].options] == [
        ("six", "ukraine"),
        ("three", "partner"),
        ("four", "ukraine"),
    ]
    assert edited[0].opened == 3
    gone = sync_clause(edited, TERMINATION, "notice of six months", 4)
    assert (gone[0].resolution, gone[0].closed) == ("removed", 4)
