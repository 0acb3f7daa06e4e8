"""Every kind of output is valid OOXML: openxml-audit (the Open XML SDK's rules, in Python) finds
nothing that Word would repair or reject, in clean drafts, redlines, batch builds, the answer
of a round (a redline with comments) and the issues list."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import pytest
from conftest import EXAMPLES, with_choice
from openxml_audit import OpenXmlValidator
from openxml_audit.verdict import predict

from bsa_drafter.assemble import assemble, effective_order
from bsa_drafter.batch import build_specs
from bsa_drafter.compare import load_other, standard_draft
from bsa_drafter.export.docx import export_draft, render_draft
from bsa_drafter.export.redline import render_redline
from bsa_drafter.spec import load_draft

VALIDATOR = OpenXmlValidator(max_errors=0)


def audit(path: Path) -> list[str]:
    result = VALIDATOR.validate(str(path))
    findings = [f"{e.description} ({getattr(e, 'part', '')} {getattr(e, 'path', '')})" for e in result.errors]
    if not findings and result.warning_count:
        findings.append(f"{result.warning_count} warning(s)")
    verdict = predict(result).headline
    if "open cleanly" not in verdict:
        findings.append(verdict)
    return findings


@pytest.fixture(scope="module")
def drafts(library):
    loaded = {p.stem: load_draft(p, library)[1] for p in sorted(EXAMPLES.glob("*.toml"))}
    montenegro = loaded["montenegro"]
    spec = montenegro.spec.model_copy(deep=True)
    order = effective_order(spec, library)
    order.insert(
        order.index("defence.capability_coalitions") + 3, order.pop(order.index("defence.capability_coalitions"))
    )
    loaded["moved"] = assemble(spec.model_copy(update={"order": order}), library)
    final = montenegro.spec.model_copy(deep=True)
    final.draft.status = "final"
    final.params["signature_form"] = "governments"
    loaded["final"] = assemble(final, library)
    hostile = (
        "Bracketed [A / B] \u201cquoted\u201d 24\u00a0hours \u05e9\u05dc\u05d5\u05dd"
        " \u0423\u043a\u0440\u0430\u0457\u043d\u0430 & <x/>\n- one\n  - two"
    )
    loaded["hostile"] = assemble(with_choice(montenegro.spec, "intro.partnership", text=hostile), library)
    return loaded


@pytest.mark.parametrize("name", ["bulgaria", "montenegro", "north_macedonia", "final", "hostile"])
def test_clean_drafts_are_valid(drafts, name: str, tmp_path: Path) -> None:
    path = tmp_path / f"{name}.docx"
    path.write_bytes(render_draft(drafts[name]))
    assert audit(path) == []


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("standard", "montenegro"),
        ("north_macedonia", "montenegro"),
        ("montenegro", "moved"),
        ("montenegro", "montenegro"),
    ],
)
def test_redlines_are_valid(drafts, a: str, b: str, tmp_path: Path) -> None:
    base = standard_draft(drafts["montenegro"]) if a == "standard" else drafts[a]
    path = tmp_path / "redline.docx"
    path.write_bytes(
        render_redline(base, drafts[b], author="Reviewer", when=dt.datetime(2026, 11, 23, tzinfo=dt.timezone.utc))
    )
    assert audit(path) == []


def test_a_redline_against_a_returned_docx_is_valid(drafts, library, tmp_path: Path) -> None:
    theirs = export_draft(drafts["north_macedonia"], tmp_path / "theirs.docx")
    path = tmp_path / "redline.docx"
    path.write_bytes(render_redline(load_other(theirs, library), drafts["north_macedonia"], author="Reviewer"))
    assert audit(path) == []


def test_batch_outputs_are_valid(tmp_path: Path) -> None:
    results = list(build_specs(sorted(EXAMPLES.glob("*.toml")), tmp_path / "out", jobs=1))
    assert [r.status for r in results] == ["built"] * 3
    for result in results:
        assert audit(Path(result.output)) == [], result.output


def test_the_answer_of_a_round_and_the_issues_list_are_valid(library, cli, tmp_path: Path) -> None:
    from test_rounds import _decide_all, at_round, their_answer

    spec = at_round(EXAMPLES / "montenegro.toml", tmp_path / "montenegro.toml", 4)
    theirs = their_answer(spec, library, tmp_path / "their-answer.docx")
    assert cli("round", "import", spec, theirs).exit_code == 0
    _decide_all(spec, library)
    issues = tmp_path / "issues.docx"
    assert cli("issues", spec, "--format", "docx", "-o", issues).exit_code == 0
    assert audit(issues) == []
    assert cli("round", "next", spec, "--author", "Reviewer", "--allow-errors").exit_code == 0
    answer = spec.parent / "montenegro.rounds" / "round-5-answer.docx"
    with zipfile.ZipFile(answer) as package:
        assert "word/comments.xml" in package.namelist()
    assert audit(answer) == []


def test_the_audit_finds_what_word_would_repair(library, tmp_path: Path) -> None:
    """The check can fail: a bullet font hint that the schema does not allow is reported."""
    good = tmp_path / "good.docx"
    good.write_bytes(render_draft(load_draft(EXAMPLES / "bulgaria.toml", library)[1]))
    broken = tmp_path / "broken.docx"
    with zipfile.ZipFile(good) as original, zipfile.ZipFile(broken, "w", zipfile.ZIP_DEFLATED) as copy:
        for item in original.infolist():
            data = original.read(item)
            if item.filename == "word/numbering.xml":
                data = data.replace(
                    b'<w:rFonts w:ascii="Courier New"', b'<w:rFonts w:hint="Courier New" w:ascii="Courier New"'
                )
            copy.writestr(item, data)
    assert audit(good) == []
    assert any("hint" in finding for finding in audit(broken))
