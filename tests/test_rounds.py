"""Negotiation rounds: their answer imported as proposals, every decision, the next round.

Fixtures are made here: our own export of a spec, then the other side's work on it, written
with lxml (tracked changes and comments by "Partner", one change left unmarked) or done in
LibreOffice with change tracking on.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import re
import shutil
import sys
from pathlib import Path

import docx
import pytest
from conftest import EXAMPLES

from bsa_drafter.analyze import analyze_document
from bsa_drafter.answer import plan_next_round
from bsa_drafter.assemble import assemble
from bsa_drafter.editing import DraftSession
from bsa_drafter.errors import BadInput
from bsa_drafter.export.docx import expected_paragraph_texts, render_draft, title_lines
from bsa_drafter.ingest import read_document
from bsa_drafter.proposals import DecisionRefused
from bsa_drafter.round_import import plan_import
from bsa_drafter.rounds import clause_history, kept_rounds, load_kept, round_file, their_file
from bsa_drafter.spec import dumps_spec, load_draft, load_spec, parse_spec, save_spec

sys.path.insert(0, str(Path(__file__).parent / "helpers"))
from partner_edits import ReturnedDraft  # noqa: E402

SOFFICE = shutil.which("soffice")
needs_libreoffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")


def at_round(source: Path, target: Path, number: int) -> Path:
    """A copy of an example spec, at round `number`."""
    spec = load_spec(source).spec
    spec.draft = spec.draft.model_copy(update={"round": number})
    save_spec(spec, target)
    return target


def their_answer(spec_path: Path, library, target: Path, *, unmarked: bool = True) -> Path:
    """Our export of the spec, as the partner sends it back: six points, one left unmarked."""
    _, draft = load_draft(spec_path, library)
    returned = ReturnedDraft(render_draft(draft))
    returned.replace("at least six (6) months", "at least three (3) months")
    returned.delete_paragraph("recalling the Joint Declaration of Support")
    returned.insert_paragraph_after(
        "at least three (3) months", "The Participants may review this Agreement every three years."
    )
    returned.comment("meet and confer", "We prefer a softer formula here.")
    returned.replace("within 24 hours", "within 72 hours")
    if unmarked:
        returned.replace("sustainable force", "credible force", tracked=False)
    target.write_bytes(returned.bytes())
    return target


@pytest.fixture()
def round4(tmp_path: Path, library):
    """Montenegro at round 4, their answer on disk."""
    spec = at_round(EXAMPLES / "montenegro.toml", tmp_path / "montenegro.toml", 4)
    theirs = their_answer(spec, library, tmp_path / "montenegro-answer.docx")
    return spec, theirs


def imported(spec: Path, theirs: Path, library) -> DraftSession:
    session = DraftSession.open(spec, library)
    session.import_round(plan_import(session.spec, library, theirs, load_kept(spec), today=dt.date(2026, 11, 21)))
    return session


# --- import ------------------------------------------------------------------------------------------


def test_import_finds_every_change_with_who_and_what(round4, library) -> None:
    spec, theirs = round4
    before = load_spec(spec).spec
    plan = plan_import(before, library, theirs, {})
    by_clause = {p.clause: p for p in plan.proposals}
    assert [p.id for p in plan.proposals] == [f"P4.{k}" for k in range(1, 7)]
    assert by_clause["preamble.g7_declaration"].kind == "delete"
    termination = by_clause["final.termination"]
    assert (
        termination.kind == "change"
        and "three (3) months" in termination.theirs
        and "six (6) months" in termination.ours
    )
    assert (
        termination.authors == ["Partner"] and termination.date == "2026-11-20T09:30:00Z" and not termination.unmarked
    )
    assert by_clause["attack.consultation"].theirs.count("72 hours") == 1
    comment = by_clause["final.nato_status"]
    assert comment.kind == "comment" and comment.comments[0].text == "We prefer a softer formula here."
    assert comment.comments[0].author == "Partner" and "meet and confer" in comment.comments[0].anchor
    insertion = next(p for p in plan.proposals if p.kind == "insert")
    assert insertion.theirs == "The Participants may review this Agreement every three years."
    assert insertion.after == "final.termination" and insertion.part == "final"
    silent = by_clause["defence.future_force"]
    assert silent.unmarked and "credible force" in silent.theirs
    assert [p for p in plan.proposals if p.unmarked] == [silent]


def test_analysis_names_clauses_on_a_copy_and_leaves_the_text_it_read_as_it_was(round4, library) -> None:
    _, theirs = round4
    document = read_document(theirs)
    as_read = copy.deepcopy(document)
    analysis = analyze_document(document, library)
    assert document == as_read
    assert any(p.clause for p in analysis.document.paragraphs)
    assert all(r.clause for r in analysis.document.revisions)
    assert all(c.clause for c in analysis.document.comments) and analysis.document.comments


def test_import_changes_no_wording_and_keeps_the_round(round4, library, cli) -> None:
    spec, theirs = round4
    wording = load_spec(spec).spec.clauses
    result = cli("round", "import", spec, theirs)
    assert result.exit_code == 0, result.stderr
    assert "UNMARKED" in result.stdout and "P4.6" in result.stdout
    after = load_spec(spec, library).spec
    assert after.clauses == wording
    assert len(after.proposals) == 6 and after.rounds[0].answered is not None
    assert round_file(spec, 4).is_file() and their_file(spec, 4, ".docx").read_bytes() == theirs.read_bytes()
    kept = parse_spec(round_file(spec, 4).read_text(), "kept")[0]
    assert kept.clauses == wording and kept.proposals == []
    text = spec.read_text()
    save_spec(load_spec(spec).spec, spec)
    assert spec.read_text() == text  # load -> save -> load is byte-stable with the new tables


def _nothing_written(spec: Path, before: bytes) -> None:
    assert spec.read_bytes() == before
    assert not kept_rounds(spec) and not (spec.parent / f"{spec.stem}.rounds").exists()


def test_a_file_for_another_partner_is_refused(tmp_path: Path, library, cli) -> None:
    spec = at_round(EXAMPLES / "montenegro.toml", tmp_path / "montenegro.toml", 4)
    other = at_round(EXAMPLES / "bulgaria.toml", tmp_path / "bulgaria.toml", 4)
    _, draft = load_draft(other, library)
    wrong = tmp_path / "bulgaria-answer.docx"
    wrong.write_bytes(ReturnedDraft(render_draft(draft)).replace("Bulgaria will", "Bulgaria shall").bytes())
    before = spec.read_bytes()
    result = cli("round", "import", spec, wrong)
    assert result.exit_code == 2
    assert "for Bulgaria, not for Montenegro" in result.stderr and "nothing imported" in result.stderr
    _nothing_written(spec, before)


def test_a_text_without_changes_is_refused(tmp_path: Path, library, cli) -> None:
    spec = at_round(EXAMPLES / "montenegro.toml", tmp_path / "montenegro.toml", 4)
    _, draft = load_draft(spec, library)
    same = tmp_path / "same.docx"
    same.write_bytes(render_draft(draft))
    before = spec.read_bytes()
    result = cli("round", "import", spec, same)
    assert result.exit_code == 2 and "no changes and no comments" in result.stderr
    _nothing_written(spec, before)


def test_an_answer_to_an_older_round_is_refused(round4, library, cli) -> None:
    spec, theirs_to_4 = round4
    assert cli("round", "import", spec, theirs_to_4).exit_code == 0
    session = DraftSession.open(spec, library)
    for proposal in session.spec.proposals:
        session.decide(proposal.id, "reject", reason="no")
    session.set_text("final.duration", "This Agreement will remain valid for twelve (12) years from its signature.")
    session.save()
    assert cli("round", "next", spec, "--allow-errors").exit_code == 0
    # a second answer to round 4 arrives after we sent round 5
    late = spec.parent / "late.docx"
    _, draft4 = load_draft(round_file(spec, 4), library)
    late.write_bytes(ReturnedDraft(render_draft(draft4)).replace("ten (10) years", "five (5) years").bytes())
    before = spec.read_bytes()
    result = cli("round", "import", spec, late)
    assert result.exit_code == 2
    assert "answer to our round 4, and the spec is at round 5" in result.stderr
    assert spec.read_bytes() == before and not (spec.parent / "montenegro.rounds" / "round-5-theirs.docx").exists()


def test_the_same_file_twice_is_refused(round4, library, cli) -> None:
    spec, theirs = round4
    assert cli("round", "import", spec, theirs).exit_code == 0
    before = spec.read_bytes()
    again = cli("round", "import", spec, theirs)
    assert again.exit_code == 2 and "already imported" in again.stderr
    assert spec.read_bytes() == before


def test_an_import_that_cannot_save_leaves_nothing_behind(round4, library, cli, monkeypatch) -> None:
    spec, theirs = round4
    before = spec.read_bytes()

    def full_disk(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        from bsa_drafter.errors import Problem

        raise BadInput(Problem(str(spec), None, "cannot write the draft spec file: no space left on the disk"))

    monkeypatch.setattr(DraftSession, "save", full_disk)
    result = cli("round", "import", spec, theirs)
    assert result.exit_code == 2 and "no space left" in result.stderr
    assert spec.read_bytes() == before and not kept_rounds(spec) and not their_file(spec, 4, ".docx").exists()


@needs_libreoffice
def test_a_draft_edited_in_libreoffice_with_tracking_on(tmp_path: Path, library, office) -> None:
    spec = at_round(EXAMPLES / "montenegro.toml", tmp_path / "montenegro.toml", 4)
    _, draft = load_draft(spec, library)
    ours = tmp_path / "ours.docx"
    ours.write_bytes(render_draft(draft))
    edited = tmp_path / "edited.docx"
    office.edit("answer", ours, edited)
    plan = plan_import(load_spec(spec).spec, library, edited, {})
    by_clause = {p.clause: p for p in plan.proposals}
    assert sorted(by_clause) == ["attack.assistance", "attack.consultation", plan.proposals[-1].clause]
    assert "72 hours" in by_clause["attack.consultation"].theirs and by_clause["attack.consultation"].authors == [
        "Partner"
    ]
    assert (
        "swift and" not in by_clause["attack.assistance"].theirs and "swift and" in by_clause["attack.assistance"].ours
    )
    added = [p for p in plan.proposals if p.kind == "insert"]
    assert [(p.theirs, p.after) for p in added] == [
        ("The Participants may review this Agreement every three years.", "final.termination")
    ]
    assert not any(p.unmarked for p in plan.proposals)


# --- decisions -----------------------------------------------------------------------------------------


def test_every_decision_is_applied_and_undone(round4, library) -> None:
    spec, theirs = round4
    session = imported(spec, theirs, library)
    start = dumps_spec(session.spec)
    ids = {p.clause: p.id for p in session.spec.proposals}

    session.decide(ids["defence.future_force"], "accept")
    future = session.clause("defence.future_force")
    assert (
        "credible force" in future.source_text and "{partner_name}" in future.source_text
    )  # our placeholder stays ours
    session.decide(ids["final.termination"], "reject", reason="Six months is the standard.")
    assert "six (6) months" in session.clause("final.termination").text
    session.decide(ids["attack.consultation"], "bracket", reason="24 hours is the heart of the chapter")
    consultation = session.clause("attack.consultation").text
    bracket = session.spec.brackets[-1]
    assert "within [24 / 72] hours" in consultation
    assert [(o.text, o.by) for o in bracket.options] == [("24", "ukraine"), ("72", "partner")] and bracket.opened == 5
    countered = (
        "If Ukraine becomes a member of NATO, the Participants will decide on the future status of this Agreement."
    )
    session.decide(ids["final.nato_status"], "counter", wording=countered, reason="The UK formula")
    assert session.clause("final.nato_status").text == countered
    session.decide(ids["preamble.g7_declaration"], "accept")
    assert session.clause("preamble.g7_declaration") is None
    insertion = next(p for p in session.spec.proposals if p.kind == "insert")
    session.decide(insertion.id, "accept")
    order = [c.id for c in session.draft.clauses]
    assert order[order.index("final.termination") + 1] == insertion.clause
    decisions = {p.id: (p.decision.kind, p.decision.round) for p in session.spec.proposals}
    assert sorted(kind for kind, _ in decisions.values()) == [
        "accept",
        "accept",
        "accept",
        "bracket",
        "counter",
        "reject",
    ]
    assert {round_ for _, round_ in decisions.values()} == {5}
    for _ in range(6):
        session.undo()
    assert dumps_spec(session.spec) == start
    for _ in range(6):
        session.redo()
    assert (
        session.clause("final.nato_status").text == countered
        and "within [24 / 72] hours" in session.clause("attack.consultation").text
    )


def test_a_replaced_wording_stays_in_the_spec(round4, library) -> None:
    spec, theirs = round4
    session = imported(spec, theirs, library)
    termination = next(p for p in session.spec.proposals if p.clause == "final.termination")
    typed = "Either Participant may terminate this Agreement by giving nine (9) months' written notice."
    session.set_text("final.termination", typed)
    session.decide(termination.id, "accept")
    decided = next(p for p in session.spec.proposals if p.id == termination.id)
    assert decided.decision.replaced == typed and "three (3) months" in session.clause("final.termination").text
    session.decide(termination.id, "reject", reason="changed our mind")  # deciding again starts from our wording
    assert session.clause("final.termination").text == typed


def test_decisions_that_cannot_be_taken_say_why(round4, library) -> None:
    spec, theirs = round4
    session = imported(spec, theirs, library)
    deletion = next(p for p in session.spec.proposals if p.kind == "delete")
    with pytest.raises(DecisionRefused, match="deletes the clause"):
        session.decide(deletion.id, "bracket")
    with pytest.raises(DecisionRefused, match="needs our new wording"):
        session.decide(deletion.id, "counter")
    with pytest.raises(DecisionRefused, match="no proposal P9.9"):
        session.decide("P9.9", "accept")


def test_cli_decide_and_choose(round4, library, cli) -> None:
    spec, theirs = round4
    assert cli("round", "import", spec, theirs).exit_code == 0
    consultation = next(p.id for p in load_spec(spec).spec.proposals if p.clause == "attack.consultation")
    result = cli("round", "decide", spec, consultation, "bracket", "--reason", "the heart of the chapter")
    assert result.exit_code == 0 and "bracket B1 opened" in result.stdout
    assert cli("round", "choose", spec, "B1", "1").exit_code == 0
    after = load_spec(spec, library).spec
    assert after.brackets[0].resolution == "chosen" and after.brackets[0].closed == 5
    _, draft = load_draft(spec, library)
    assert "within 24 hours" in draft.clause("attack.consultation").text
    again = cli("round", "choose", spec, "B1", "2")
    assert again.exit_code == 2 and "was closed in round 5" in again.stderr
    assert cli("round", "decide", spec, "P4.99", "accept").exit_code == 2
    listing = cli("round", "list", spec)
    assert listing.exit_code == 0 and "bracketed in round 5" in listing.stdout and "undecided" in listing.stdout


# --- round 4 -> round 5 ------------------------------------------------------------------------------


def _unnumbered(text: str) -> str:
    return re.sub(r"^\d+\.\s+", "", " ".join(text.split()))


def _decide_all(spec: Path, library) -> None:
    session = DraftSession.open(spec, library)
    reasons = {
        "change": "Not in our mandate.",
        "delete": "The G7 declaration is the basis.",
        "insert": "",
        "comment": "The UK formula.",
    }
    for proposal in session.spec.proposals:
        kind = {"defence.future_force": "accept", "attack.consultation": "bracket"}.get(proposal.clause, "reject")
        if proposal.kind == "insert":
            kind = "accept"
        session.decide(proposal.id, kind, reason=reasons[proposal.kind])
    session.save()


def test_round_next_refuses_while_proposals_wait(round4, library, cli) -> None:
    spec, theirs = round4
    assert cli("round", "import", spec, theirs).exit_code == 0
    before = spec.read_bytes()
    result = cli("round", "next", spec)
    assert result.exit_code == 2 and "have no decision yet" in result.stderr
    assert spec.read_bytes() == before and sorted(kept_rounds(spec)) == [4]


def test_round_4_to_5_answers_with_a_redline_of_their_text(round4, library, cli) -> None:
    spec, theirs = round4
    assert cli("round", "import", spec, theirs).exit_code == 0
    _decide_all(spec, library)
    result = cli("round", "next", spec, "--author", "Ukraine MFA", "--allow-errors")
    assert result.exit_code == 0, result.stderr
    moved, draft5 = load_draft(spec, library)
    assert moved.spec.draft.round == 5 and sorted(kept_rounds(spec)) == [4, 5]
    assert load_spec(round_file(spec, 5)).spec == moved.spec
    answer = spec.parent / "montenegro.rounds" / "round-5-answer.docx"
    data = answer.read_bytes()
    from test_redline import resolve_changes

    assert resolve_changes(data, accept=True) == expected_paragraph_texts(draft5)
    # their text as our template writes it: a paragraph they added without a number gets one
    theirs_text = [_unnumbered(p.text) for p in read_document(theirs).paragraphs if p.heading != "Signatures"]
    assert [_unnumbered(t) for t in resolve_changes(data, accept=False)] == theirs_text
    document = docx.Document(io.BytesIO(data))
    assert document.paragraphs[0].text.startswith(
        "Comparison of the answer of Montenegro to round 4 with Montenegro (round 5"
    )
    comments = {c.text for c in document.comments}
    assert "Not accepted: Not in our mandate." in comments
    assert any(
        c.startswith("Not agreed yet, kept in brackets (Ukraine: \u201c24\u201d / Montenegro: \u201c72\u201d)")
        for c in comments
    )
    assert any("We prefer a softer formula here." in c for c in comments)
    assert {c.author for c in docx.Document(io.BytesIO(data)).comments} == {"Ukraine MFA"}
    history = clause_history(moved.spec, load_kept(spec), library)
    assert (history["defence.future_force"].round, history["defence.future_force"].by) == (5, "Montenegro")
    assert (history["attack.consultation"].round, history["attack.consultation"].by) == (5, "Ukraine")
    assert history["final.duration"].how == "as in the first round kept"
    assert cli("diff", f"{spec}@4", f"{spec}@5").exit_code == 0


@needs_libreoffice
@pytest.mark.parametrize("accept", [True, False])
def test_libreoffice_resolves_the_answer_to_round_5_or_to_their_text(
    round4, library, cli, office, accept: bool
) -> None:
    """LibreOffice 7.4 driven through UNO stops loading any document that has comments (its
    own too), so LibreOffice accepts or rejects the answer's tracked changes before the
    comments go in; the commented answer is read by LibreOffice's converter below."""
    spec, theirs = round4
    assert cli("round", "import", spec, theirs).exit_code == 0
    _decide_all(spec, library)
    session = DraftSession.open(spec, library)
    planned = plan_next_round(
        session.spec, load_kept(spec)[4], library, author="Ukraine MFA", when=dt.datetime.now(dt.timezone.utc)
    )
    redline = spec.parent / "answer-tracked.docx"
    redline.write_bytes(planned.redline)
    target = spec.parent / "resolved.txt"
    before, after = office.resolve(redline, target, accept=accept)
    assert before >= 6 and after == 0
    ours = assemble(planned.spec, library)
    if accept:
        paragraphs = expected_paragraph_texts(ours)
    else:
        paragraphs = [p.text for p in read_document(theirs).paragraphs if p.heading != "Signatures"]
    lines = [_unlabelled(line) for line in target.read_text(encoding="utf-8-sig").split("\n")]
    # the agreement follows the comparison page, which names the drafts but not in the title's lines;
    # words are compared, as their reader gives the stacked title as one paragraph
    start = lines.index(title_lines(ours)[0])
    end = lines.index("For Ukraine:", start)
    assert " ".join(lines[start:end]).split() == " ".join(_unlabelled(p) for p in paragraphs).split()


def _unlabelled(line: str) -> str:
    """A line of LibreOffice's text export without its list label (number or bullet)."""
    return _unnumbered(line.strip().lstrip("\u2022\u25e6\u2013").strip())


@needs_libreoffice
def test_libreoffice_reads_our_reasons_in_the_answer(round4, library, cli, office, tmp_path: Path) -> None:
    spec, theirs = round4
    assert cli("round", "import", spec, theirs).exit_code == 0
    _decide_all(spec, library)
    assert cli("round", "next", spec, "--author", "Ukraine MFA", "--allow-errors").exit_code == 0
    answer = spec.parent / "montenegro.rounds" / "round-5-answer.docx"
    converted = office.convert(answer, "fodt", tmp_path)
    flat = converted.read_text(encoding="utf-8")
    annotations = re.findall(r"<office:annotation\b.*?</office:annotation>", flat, re.S)
    assert len(annotations) == len(docx.Document(io.BytesIO(answer.read_bytes())).comments) >= 4
    assert all("Ukraine MFA" in a for a in annotations)
    assert any("Not in our mandate." in a for a in annotations)
    assert "<text:tracked-changes" in flat


def test_the_same_point_raised_again_is_recognised(round4, library, cli) -> None:
    spec, theirs = round4
    assert cli("round", "import", spec, theirs).exit_code == 0
    _decide_all(spec, library)
    assert cli("round", "next", spec, "--allow-errors").exit_code == 0
    _, draft5 = load_draft(spec, library)
    again = ReturnedDraft(render_draft(draft5)).replace("at least six (6) months", "at least three (3) months")
    answer5 = spec.parent / "answer-to-5.docx"
    answer5.write_bytes(again.bytes())
    result = cli("round", "import", spec, answer5)
    assert result.exit_code == 0, result.stderr
    assert "raised again: the same wording P4.5 was rejected in round 5: Not in our mandate." in " ".join(
        result.stdout.split()
    )
    new = next(p for p in load_spec(spec).spec.proposals if p.round == 5)
    assert new.follows == "P4.5"


def test_plan_next_round_without_their_answer_redlines_our_last_round(tmp_path: Path, library) -> None:
    spec_path = at_round(EXAMPLES / "bulgaria.toml", tmp_path / "bulgaria.toml", 2)
    spec = load_spec(spec_path).spec
    planned = plan_next_round(spec, None, library, author="A", when=dt.datetime(2026, 11, 25, tzinfo=dt.timezone.utc))
    assert (
        planned.number == 3 and planned.base == "our round 2" and planned.spec.rounds[-1].sent == dt.date(2026, 11, 25)
    )
    from test_redline import resolve_changes

    assert resolve_changes(planned.answer, accept=True) == expected_paragraph_texts(assemble(planned.spec, library))


def test_a_clean_text_answer_is_all_unmarked_changes(tmp_path: Path, library) -> None:
    from bsa_drafter.render_text import agreement_text

    spec = at_round(EXAMPLES / "montenegro.toml", tmp_path / "montenegro.toml", 4)
    _, draft = load_draft(spec, library)
    text = agreement_text(draft).replace("within 24 hours", "within 72 hours")
    clean = tmp_path / "answer.txt"
    clean.write_text(text, encoding="utf-8")
    plan = plan_import(load_spec(spec).spec, library, clean, {})
    assert [(p.clause, p.unmarked, p.authors) for p in plan.proposals] == [
        ("attack.consultation", True, ["Montenegro"])
    ]
    assert not plan.tracked


def test_their_text_too_long_for_a_spec_is_refused(tmp_path: Path, library, cli) -> None:
    spec = at_round(EXAMPLES / "montenegro.toml", tmp_path / "montenegro.toml", 4)
    _, draft = load_draft(spec, library)
    returned = ReturnedDraft(render_draft(draft)).replace(
        "at least six (6) months", "at least " + "six " * 30_000 + "months"
    )
    huge = tmp_path / "huge.docx"
    huge.write_bytes(returned.bytes())
    before = spec.read_bytes()
    result = cli("round", "import", spec, huge)
    assert result.exit_code == 2 and "does not fit a spec" in result.stderr and "Traceback" not in result.stderr
    _nothing_written(spec, before)


def test_round_next_on_a_draft_never_kept_keeps_both_rounds(tmp_path: Path, library, cli) -> None:
    spec = at_round(EXAMPLES / "bulgaria.toml", tmp_path / "bulgaria.toml", 2)
    result = cli("round", "next", spec, "--allow-errors")
    assert result.exit_code == 0, result.stderr
    assert sorted(kept_rounds(spec)) == [2, 3] and load_spec(round_file(spec, 2)).spec.draft.round == 2
    assert "a redline from our round 2 to our round 3" in " ".join(result.stdout.split())


def test_the_review_shows_the_signed_texts_that_accepted_their_wording(
    round4, library, tmp_path: Path, monkeypatch
) -> None:
    from bsa_drafter.models import ClauseChoice
    from bsa_drafter.precedents import build_index, default_index_path, save_index
    from bsa_drafter.proposals import view_of
    from bsa_drafter.spec import new_spec

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    spec, theirs = round4
    session = imported(spec, theirs, library)
    termination = next(p for p in session.spec.proposals if p.clause == "final.termination")
    assert view_of(session.spec, session.draft, termination).signed is None  # no index yet: said, not an error
    signed = tmp_path / "signed"
    signed.mkdir()
    netherlands = new_spec(library, "Netherlands", date=dt.date(2024, 3, 1))
    netherlands.params["date_of_signature"] = dt.date(2024, 3, 1)
    netherlands.clauses["final.termination"] = ClauseChoice(text=termination.theirs)
    draft = assemble(netherlands, library)
    (signed / "netherlands.txt").write_text(
        "\n\n".join([draft.title] + [p.text for p in draft.document.paragraphs]), encoding="utf-8"
    )
    save_index(build_index(signed, library, jobs=1).index, default_index_path())
    found = view_of(session.spec, session.draft, termination).signed
    assert found and found[0].startswith("Netherlands") and "100% similar" in found[0]


def test_what_their_wording_raises_is_measured_against_ours_before_our_decision(round4, library) -> None:
    from bsa_drafter.proposals import view_of

    spec, theirs = round4
    session = imported(spec, theirs, library)
    consultation = next(p for p in session.spec.proposals if p.clause == "attack.consultation")
    raised = {f.rule for f in view_of(session.spec, session.draft, consultation).raised}
    assert "consultation-slower-than-24h" in raised  # 72 hours where we had 24
    slower = consultation.theirs.replace("72 hours", "36 hours")
    session.decide(consultation.id, "counter", wording=slower)  # a counter that is slower than 24 hours too
    assert "consultation-slower-than-24h" in {f.rule for f in session.result.findings}
    decided = next(p for p in session.spec.proposals if p.id == consultation.id)
    assert {f.rule for f in view_of(session.spec, session.draft, decided).raised} == raised
