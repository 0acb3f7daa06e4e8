"""The issues list: one row per point, in text, CSV, HTML and DOCX, and the DOCX as Word and
LibreOffice read it."""

from __future__ import annotations

import csv
import datetime as dt
import io
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import docx
import pytest
from conftest import EXAMPLES
from docx.enum.section import WD_ORIENT

from bsa_drafter.editing import DraftSession
from bsa_drafter.issues_list import issue_rows, passages, render_csv
from bsa_drafter.round_import import plan_import
from bsa_drafter.rounds import load_kept

sys.path.insert(0, str(Path(__file__).parent))
from test_rounds import at_round, their_answer  # noqa: E402

SOFFICE = shutil.which("soffice")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture()
def negotiated(tmp_path: Path, library) -> DraftSession:
    """Their answer to round 4 imported, some of it decided, one point escalated."""
    spec = at_round(EXAMPLES / "montenegro.toml", tmp_path / "montenegro.toml", 4)
    theirs = their_answer(spec, library, tmp_path / "answer.docx")
    session = DraftSession.open(spec, library)
    session.import_round(plan_import(session.spec, library, theirs, load_kept(spec), today=dt.date(2026, 11, 21)))
    ids = {p.clause: p.id for p in session.spec.proposals}
    session.decide(ids["defence.future_force"], "accept")
    session.decide(ids["attack.consultation"], "bracket", reason="24 hours is the heart of the chapter")
    session.decide(ids["final.termination"], "reject", reason='=HYPERLINK("x") six months is the standard')
    session.set_issue(ids["final.termination"], status="escalated", owner="Head of delegation", note="Needs a mandate")
    session.save()
    return session


def _rows(session: DraftSession):
    draft, result = session.refresh()
    return issue_rows(session.spec, draft, result)


def test_one_row_per_point_with_positions_status_and_round(negotiated: DraftSession) -> None:
    rows = {r.key: r for r in _rows(negotiated)}
    ids = {p.clause: p.id for p in negotiated.spec.proposals}
    accepted = rows[ids["defence.future_force"]]
    assert (
        accepted.status == "agreed"
        and accepted.round == 4
        and "Their change was not shown as a tracked change." in accepted.note
    )
    bracketed = rows[ids["attack.consultation"]]
    assert (bracketed.status, bracketed.ours, bracketed.theirs) == ("open", "24", "72")
    escalated = rows[ids["final.termination"]]
    assert (escalated.status, escalated.owner) == ("escalated", "Head of delegation")
    assert (
        escalated.note.startswith("Needs a mandate") and "six (6)" in escalated.ours and "three (3)" in escalated.theirs
    )
    assert escalated.place == "Part IX, Termination, paragraph 1"
    comment = rows[ids["final.nato_status"]]
    assert comment.status == "open" and comment.theirs == "Partner: We prefer a softer formula here."
    assert rows[ids["preamble.g7_declaration"]].theirs == "(delete the clause)"
    findings = [r for r in rows.values() if r.kind == "finding"]
    assert findings and all(r.key.startswith("F:") and r.status == "open" for r in findings)
    assert not any("unresolved-brackets" in r.key for r in findings)  # the register's rows say it
    order = list(rows)
    assert (
        order.index(ids["preamble.g7_declaration"])
        < order.index(ids["defence.future_force"])
        < order.index(ids["final.termination"])
    )


def test_an_agreed_reject_needs_their_next_answer(negotiated: DraftSession) -> None:
    ids = {p.clause: p.id for p in negotiated.spec.proposals}
    negotiated.set_issue(ids["final.termination"], status=None)
    assert {r.key: r.status for r in _rows(negotiated)}[ids["final.termination"]] == "open"
    record = negotiated.spec.rounds[0].model_copy(update={"round": 5, "answered": dt.date(2026, 12, 1)})
    negotiated.spec.rounds = negotiated.spec.rounds + [record]
    assert {r.key: r.status for r in _rows(negotiated)}[ids["final.termination"]] == "agreed"


def test_passages_show_each_change_with_a_few_words_around_it() -> None:
    ours = (
        "The Participants will consult within 24 hours and then decide, "
        "after long and careful deliberation over many days, on the measures."
    )
    theirs = ours.replace("24", "72").replace("the measures", "appropriate measures")
    mine, their = passages(ours, theirs)
    assert (
        mine == "The Participants will consult within 24 hours and then decide, after\u2026 "
        "\u2026deliberation over many days, on the measures."
    )
    assert "72 hours" in their and "appropriate measures" in their


def test_text_csv_and_html(negotiated: DraftSession, cli, tmp_path: Path) -> None:
    spec = negotiated.path
    text = cli("issues", spec)
    assert text.exit_code == 0 and text.stdout.startswith("Issues list: Ukraine \u2013 Montenegro, round 5")
    assert "[escalated]" in text.stdout and "Head of delegation" in text.stdout
    table = list(csv.reader(io.StringIO(render_csv(_rows(negotiated)))))
    assert table[0] == [
        "id",
        "part and paragraph",
        "clause",
        "our position",
        "their position",
        "status",
        "round",
        "owner",
        "note",
    ]
    escalated = next(row for row in table if row[5] == "escalated")
    assert escalated[8].startswith("Needs a mandate Our reason: =HYPERLINK")  # inside a cell, not at its start
    assert all(not cell.startswith(("=", "+", "@")) for row in table for cell in row)
    written = cli("issues", spec, "--format", "csv", "-o", tmp_path / "issues.csv")
    assert written.exit_code == 0 and (tmp_path / "issues.csv").read_text().startswith('"id"')
    html_out = tmp_path / "issues.html"
    assert cli("issues", spec, "--format", "html", "-o", html_out, "--open").exit_code == 0

    class Rows(HTMLParser):
        classes: list[str] = []

        def handle_starttag(self, tag, attrs):  # type: ignore[no-untyped-def]
            if tag == "tr" and dict(attrs).get("class"):
                self.classes.append(dict(attrs)["class"])

    parser = Rows()
    parser.feed(html_out.read_text())
    assert "agreed" not in parser.classes and "escalated" in parser.classes  # --open leaves agreed rows out
    assert "=HYPERLINK(&quot;x&quot;)" in html_out.read_text()
    json_out = cli("issues", spec, "--format", "json")
    assert json_out.exit_code == 0 and '"status": "escalated"' in json_out.stdout


def test_bad_outputs_are_refused(negotiated: DraftSession, cli, tmp_path: Path) -> None:
    docx_without_file = cli("issues", negotiated.path, "--format", "docx")
    assert docx_without_file.exit_code == 2 and "--output" in docx_without_file.stderr
    wrong_suffix = cli("issues", negotiated.path, "--format", "csv", "-o", tmp_path / "issues.docx")
    assert wrong_suffix.exit_code == 2 and not (tmp_path / "issues.docx").exists()


def test_docx_is_a_landscape_table_with_agreed_rows_shaded(negotiated: DraftSession, cli, tmp_path: Path) -> None:
    target = tmp_path / "issues.docx"
    result = cli("issues", negotiated.path, "--format", "docx", "-o", target)
    assert result.exit_code == 0, result.stderr
    document = docx.Document(str(target))
    section = document.sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE and section.page_width > section.page_height
    [table] = document.tables
    rows = _rows(negotiated)
    assert len(table.rows) == len(rows) + 1
    assert table.rows[0]._tr.find(f"{W}trPr/{W}tblHeader") is not None
    for row, issue in zip(table.rows[1:], rows):
        assert row.cells[0].text == issue.key and row.cells[5].text == issue.status
        fills = {
            cell._tc.find(f"{W}tcPr/{W}shd").get(f"{W}fill") if cell._tc.find(f"{W}tcPr/{W}shd") is not None else None
            for cell in row.cells
        }
        assert fills == ({"D9D9D9"} if issue.status == "agreed" else {None})
        assert row._tr.find(f"{W}trPr/{W}cantSplit") is not None


def test_docx_is_valid_office_open_xml(negotiated: DraftSession, cli, tmp_path: Path) -> None:
    from openxml_audit import OpenXmlValidator

    target = tmp_path / "issues.docx"
    assert cli("issues", negotiated.path, "--format", "docx", "-o", target).exit_code == 0
    result = OpenXmlValidator().validate(str(target))
    assert result.is_valid, [str(e) for e in result.errors]


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_opens_the_docx_on_landscape_pages(negotiated: DraftSession, cli, office, tmp_path: Path) -> None:
    target = tmp_path / "issues.docx"
    assert cli("issues", negotiated.path, "--format", "docx", "-o", target).exit_code == 0
    pdf = office.convert(target, "pdf", tmp_path)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    width, height = (float(x) for x in info.split("Page size:")[1].split("pts")[0].split(" x "))
    assert width > height
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "Issues list" in text and "escalated" in text and "delegation" in text
