"""`analyze`: features, findings and the clause map of real texts, the JSON contract, --to-spec."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import EXAMPLES, REFERENCE

from bsa_drafter.analyze import analyze_file, guess_partner, spec_from_analysis, unit_markup
from bsa_drafter.assemble import assemble
from bsa_drafter.crosslang import BILINGUAL_FEATURES
from bsa_drafter.detectors import feature_specs
from bsa_drafter.ingest import read_document
from bsa_drafter.spec import load_draft, save_spec

needs_reference = pytest.mark.skipif(not REFERENCE.exists(), reason="../shared/reference/agreements is not present")


def _draft_as_text(draft, path: Path) -> Path:
    lines = [draft.title, ""]
    for paragraph in draft.document.paragraphs:
        lines += [paragraph.text, ""]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def test_our_own_draft_maps_back_to_its_clauses(library, tmp_path: Path) -> None:
    _, draft = load_draft(EXAMPLES / "north_macedonia.toml", library)
    analysis = analyze_file(_draft_as_text(draft, tmp_path / "nm.txt"), library)
    by_text = {p.text: p for p in analysis.document.paragraphs}
    matches = analysis.clause_map.by_paragraph()
    right = total = 0
    for clause in draft.clauses:
        first_line = clause.text.split("\n")[0].strip()
        paragraph = by_text.get(first_line)
        if paragraph is None:
            continue
        total += 1
        right += matches[paragraph.index].clause_id == clause.id
    assert total >= 60
    assert right / total >= 0.95


def test_json_has_exactly_the_agreed_shape(cli, library, tmp_path: Path) -> None:
    _, draft = load_draft(EXAMPLES / "montenegro.toml", library)
    path = _draft_as_text(draft, tmp_path / "me.txt")
    result = cli("analyze", path, "--format", "json")
    assert result.exit_code == 0, result.stderr
    payload = json.loads(result.stdout)
    assert set(payload) == {
        "source",
        "view",
        "summary",
        "language",
        "features",
        "findings",
        "revisions",
        "comments",
        "notes",
        "outline",
        "clauses",
    }
    assert (
        payload["summary"] == "0 tracked changes; 0 comments"
        and payload["revisions"] == []
        and payload["comments"] == []
    )
    assert (
        set(payload["language"]) == {"code", "name", "confidence", "evidence", "shares"}
        and payload["language"]["code"] == "en"
    )
    assert payload["outline"] and all(
        {"paragraph", "text", "level", "subheadings"} <= set(part) for part in payload["outline"]
    )
    ours_only = {"clause_similarity", *BILINGUAL_FEATURES}  # features of our own drafts, not of a text read in
    assert list(payload["features"]) == [name for name in feature_specs() if name not in ours_only]
    assert set(payload["features"]["unilateral_exit"]) == {
        "value",
        "notice_months",
        "evidence",
        "occurrences",
        "closest",
    }
    assert payload["features"]["unilateral_exit"]["value"] == "yes"
    assert payload["features"]["unilateral_exit"]["notice_months"] == 6
    assert payload["features"]["unilateral_exit"]["occurrences"][0]["notice_months"] == 6
    for name in (
        "nato_support",
        "nato_status_clause",
        "consultation_24h",
        "escalation_trigger",
        "qualifiers",
        "money_pledge",
    ):
        assert set(payload["features"][name]) == {"value", "evidence", "occurrences", "closest"}
    assert payload["features"]["duration_years"]["value"] == 10
    assert payload["features"]["money_pledge"]["evidence"]  # the pledge, with its sentence
    assert all(set(f) == {"rule", "severity", "message", "clause", "evidence", "language"} for f in payload["findings"])
    assert all(
        set(c) == {"paragraph", "label", "text", "heading", "status", "clause_id", "similarity", "nearest"}
        for c in payload["clauses"]
    )
    assert len(payload["clauses"]) == len(read_document(path).paragraphs)
    for entry in payload["clauses"]:
        assert (entry["clause_id"] is None) == (entry["status"] not in ("match", "probable"))
    assert any(f["rule"] == "unilateral-exit" and f["clause"] == "final.termination" for f in payload["findings"])
    several = json.loads(cli("analyze", path, path, "--format", "json").stdout)
    assert isinstance(several, list) and len(several) == 2


def test_to_spec_reproduces_the_text(cli, library, tmp_path: Path) -> None:
    _, draft = load_draft(EXAMPLES / "bulgaria.toml", library)
    source = _draft_as_text(draft, tmp_path / "bg.txt")
    target = tmp_path / "bg_reply.toml"
    result = cli("analyze", source, "--to-spec", target)
    assert result.exit_code == 0, result.stderr
    _, reproduced = load_draft(target, library)
    text = "\n\n".join(c.text for c in reproduced.clauses)
    for paragraph in analyze_file(source, library).document.body():
        if not paragraph.text.startswith("For "):
            assert paragraph.text in text
    assert reproduced.spec.draft.partner == "Bulgaria"
    again = cli("analyze", source, "--to-spec", target)
    assert again.exit_code == 2 and "--force" in again.stderr


def test_foreign_braces_stay_literal_in_the_spec(library, tmp_path: Path) -> None:
    source = tmp_path / "braces.txt"
    source.write_text("Ukraine and Freedonia agree on {partner_name} and {unknown} markers.\n", encoding="utf-8")
    spec = spec_from_analysis(analyze_file(source, library), library)
    target = save_spec(spec, tmp_path / "braces.toml")
    _, draft = load_draft(target, library)
    assert any("{\u2060partner_name}" in c.text for c in draft.clauses)


def test_bad_files_exit_2_and_others_still_run(cli, tmp_path: Path, library) -> None:
    bad = tmp_path / "corrupt.docx"
    bad.write_bytes(b"not a zip")
    _, draft = load_draft(EXAMPLES / "north_macedonia.toml", library)
    good = _draft_as_text(draft, tmp_path / "good.txt")
    result = cli("analyze", bad, good)
    assert result.exit_code == 2
    assert "not a DOCX file" in result.stderr and "Traceback" not in result.stderr
    assert "Clause map" in result.stdout


@needs_reference
def test_reference_texts_map_to_their_clause_groups(library) -> None:
    """Pins the bundled library's clause ids on a signed agreement on purpose: if a clause is
    renamed or moved, check the mapping is still right and update the ids here."""
    analysis = analyze_file(REFERENCE / "uk.txt", library)
    matches = analysis.clause_map.by_paragraph()
    expected = {
        "Termination": "final.termination",
        "Amendments": "final.amendments",
        "Sanctions": "political.sanctions",
    }
    for paragraph in analysis.document.body():
        subheading = paragraph.heading.split(" / ")[-1]
        if subheading in expected:
            assert matches[paragraph.index].clause_id.startswith(expected[subheading]), paragraph.text
    assert guess_partner(analysis.document, library) == "United Kingdom"


@needs_reference
@pytest.mark.parametrize(
    ("name", "rule"),
    [
        ("netherlands.docx", "exit-notice-short"),
        ("germany.pdf", "nato-bridge-missing"),
        ("japan.pdf", "nato-status-missing"),
    ],
)
def test_reference_findings(library, name: str, rule: str) -> None:
    """Pins the bundled playbook on signed agreements on purpose: each of these texts lacks what its
    rule looks for. If a rule is renamed or rewritten, check it still fires here and update it."""
    analysis = analyze_file(REFERENCE / name, library)
    assert rule in {f.rule for f in analysis.findings}


@needs_reference
def test_reference_to_spec_assembles(library, tmp_path: Path) -> None:
    analysis = analyze_file(REFERENCE / "united_states.docx", library)
    spec = spec_from_analysis(analysis, library)
    draft = assemble(spec, library)
    assert not draft.problems
    text = "\n\n".join(c.text for c in draft.clauses)
    paragraphs = analysis.document.paragraphs
    units = analysis.clause_map.units
    assert sum(len(u) for u in units) >= 120  # the body without headings and signature lines
    for unit in units:
        assert unit_markup([paragraphs[i] for i in unit]) in text
    bullets = [u for u in units if len(u) > 1]
    assert bullets and "\n- Training and military education programs;" in text
