"""Precedents from the signed texts: the index of a folder, the matrix, who accepted a wording,
and the library's credits checked against the texts.

Two kinds of folders: the six reference agreements (their hand-checked features are in
labels.toml beside them), and agreements the tests assemble from our own library with chosen
variants, so that what the matrix must show is known."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import tomllib
from pathlib import Path

import pytest
from conftest import REFERENCE, ROOT

from bsa_drafter.assemble import Draft, assemble
from bsa_drafter.errors import BadInput
from bsa_drafter.export.docx import export_draft
from bsa_drafter.library import load_library
from bsa_drafter.models import ClauseChoice, Library
from bsa_drafter.precedents import build_index, load_index, save_index, who_accepted, wording_features
from bsa_drafter.precedents.matrix import MATRIX_COLUMNS, carried_phrases, matrix
from bsa_drafter.precedents.store import FORMAT_VERSION, PrecedentIndex
from bsa_drafter.precedents.verify import verify
from bsa_drafter.spec import new_spec

needs_reference = pytest.mark.skipif(not REFERENCE.exists(), reason="../shared/reference/agreements is not present")


@pytest.fixture(autouse=True)
def private_data(tmp_path: Path, monkeypatch) -> Path:
    """The default index lives in a data folder of the test's own."""
    data = tmp_path / "data"
    monkeypatch.setenv("XDG_DATA_HOME", str(data))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    return data


@pytest.fixture(scope="module")
def reference_index(tmp_path_factory) -> PrecedentIndex:
    if not REFERENCE.exists():
        pytest.skip("../shared/reference/agreements is not present")
    report = build_index(REFERENCE, load_library(), jobs=1)
    save_index(report.index, tmp_path_factory.mktemp("index") / "reference.json")
    return report.index


# --- agreements assembled from our own library ----------------------------------------------------

SYNTHETIC = {
    # file: (partner, date of signature, clause choices, parameters)
    "north_macedonia.txt": (
        "North Macedonia",
        dt.date(2026, 3, 1),
        {
            "final.termination": {"variant": "three_months"},
            "intro.nato_membership": {"variant": "future_in_nato"},
            "attack.consultation": {"variant": "escalation"},
            "final.duration": {"variant": "fixed_with_review"},
            "defence.pledge": {"variant": "gdp_share"},
        },
        {"place_of_signature": "Skopje", "gdp_share_percent": 0.25},
    ),
    "montenegro.docx": (
        "Montenegro",
        dt.date(2026, 1, 15),
        {
            "final.termination": {"variant": "no_exit"},
            "intro.nato_membership": {"variant": "will_become_member"},
            "final.nato_status": {"include": False},
            "defence.reciprocity": {"include": False},
            "defence.pledge": {"variant": "multi_year"},
            "attack.assistance": {"variant": "as_appropriate"},
            "closing.done_at": {"variant": "three_equal"},
        },
        {
            "place_of_signature": "Podgorica",
            "partner_language": "Montenegrin",
            "pledge_amount": 1.5,
            "pledge_currency": "EUR",
            "pledge_scale": "billion",
        },
    ),
    "bulgaria.docx": (
        "Bulgaria",
        dt.date(2026, 6, 30),
        {
            "final.termination": {"variant": "soft_inform"},
            "intro.nato_membership": {"variant": "not_a_substitute"},
            "final.nato_status": {"variant": "meet_and_confer"},
            "defence.pledge": {"variant": "subject_to_appropriation"},
            "attack.alignment": {"include": False},
            "attack.consultation": {"variant": "without_deadline"},
            "closing.done_at": {"variant": "three_english_prevails"},
        },
        {"place_of_signature": "Sofia", "partner_language": "Bulgarian"},
    ),
}

# what the matrix must read in each (column -> the cell's words, or a part of them)
EXPECTED = {
    "North Macedonia": {
        "exit": "yes, 3 months' notice",
        "nato_support": "yes",
        "nato_status": "yes",
        "consultation": "within 24 hours",
        "escalation": "yes",
        "alignment": "yes",
        "reciprocity": "yes",
        "duration": "10 years; review",
        "money": "share of GDP",
        "qualifiers": "none",
        "language": "Ukrainian, English; English prevails",
    },
    "Montenegro": {
        "exit": "no",
        "nato_support": "will become a member",
        "nato_status": "no",
        "consultation": "within 24 hours",
        "escalation": "no",
        "reciprocity": "no",
        "money": "multi-year total: EUR 1.5 billion",
        "qualifiers": "as appropriate",
        "language": "Ukrainian, Montenegrin, English; all equal",
    },
    "Bulgaria": {
        "exit": "soft",
        "nato_support": "not a substitute for membership",
        "nato_status": "yes",
        "consultation": "no",
        "alignment": "no",
        "money": "subject to appropriation",
        "language": "Ukrainian, Bulgarian, English; English prevails",
    },
}


def synthetic_draft(library: Library, file: str) -> Draft:
    partner, date, choices, params = SYNTHETIC[file]
    spec = new_spec(library, partner, date=date)
    spec.params.update(params, date_of_signature=date)
    for clause_id, choice in choices.items():
        spec.clauses[clause_id] = ClauseChoice(**choice)
    return assemble(spec, library)


def write_agreement(draft: Draft, path: Path) -> Path:
    if path.suffix == ".docx":
        return export_draft(draft, path, allow_errors=True)
    lines = [draft.title, ""]
    for paragraph in draft.document.paragraphs:
        lines += [paragraph.text, ""]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


@pytest.fixture()
def synthetic_folder(tmp_path: Path, library: Library) -> Path:
    folder = tmp_path / "signed"
    folder.mkdir()
    for file in SYNTHETIC:
        write_agreement(synthetic_draft(library, file), folder / file)
    return folder


def test_the_matrix_reproduces_the_features_chosen_in_our_own_agreements(
    synthetic_folder: Path, library: Library
) -> None:
    report = build_index(synthetic_folder, library, jobs=1)
    assert sorted(report.read) == sorted(SYNTHETIC) and not report.problems
    table = matrix(report.index)
    assert [row.agreement.partner for row in table.rows] == ["Montenegro", "North Macedonia", "Bulgaria"]  # by date
    for row in table.rows:
        partner, date, _, _ = SYNTHETIC[row.agreement.file]
        assert (row.agreement.partner, row.agreement.date) == (partner, date)
        for column, words in EXPECTED[partner].items():
            cell = row.cells[column]
            assert words in cell.text, (partner, column, cell.text)
            if cell.state == "present":  # every finding rests on the agreement's own sentences
                texts = [" ".join(row.agreement.paragraphs[e.paragraph].text.split()) for e in cell.evidence]
                assert texts and all(e.quote.strip(".")[:30] in text for e, text in zip(cell.evidence, texts))


def test_a_rebuild_reads_only_what_changed(synthetic_folder: Path, library: Library, tmp_path: Path) -> None:
    first = build_index(synthetic_folder, library, jobs=1)
    again = build_index(synthetic_folder, library, first.index, jobs=1)
    assert again.read == [] and sorted(again.reused) == sorted(SYNTHETIC)
    changed = synthetic_folder / "north_macedonia.txt"
    changed.write_text(
        changed.read_text(encoding="utf-8").replace("three (3) months", "six (6) months"), encoding="utf-8"
    )
    third = build_index(synthetic_folder, library, again.index, jobs=1)
    assert third.read == ["north_macedonia.txt"] and len(third.reused) == 2
    north_macedonia = next(a for a in third.index.agreements if a.file == "north_macedonia.txt")
    assert north_macedonia.features["notice_months"].value == 6
    (synthetic_folder / "bulgaria.docx").unlink()
    assert [a.file for a in build_index(synthetic_folder, library, third.index, jobs=1).index.agreements] == [
        "montenegro.docx",
        "north_macedonia.txt",
    ]


def test_bad_files_are_reported_one_line_each_and_the_build_goes_on(
    synthetic_folder: Path, library: Library, monkeypatch
) -> None:
    """Read in worker processes, the only test that does: the index is the one read in this
    process, and a bad file is one line, whichever process read it."""
    (synthetic_folder / "corrupt.docx").write_bytes(b"not a zip at all")
    (synthetic_folder / "empty.pdf").write_bytes(b"")
    (synthetic_folder / "~$montenegro.docx").write_bytes(b"Word's lock file")
    (synthetic_folder / "notes.toml").write_text("x = 1\n")
    in_process = build_index(synthetic_folder, library, jobs=1)
    monkeypatch.setattr("bsa_drafter.precedents.build.POOL_FROM_FILES", 2)  # read in worker processes
    report = build_index(synthetic_folder, library, jobs=2)
    assert sorted(report.read) == sorted(SYNTHETIC)
    assert report.index.agreements == in_process.index.agreements
    problems = sorted(str(p) for p in report.problems)
    assert problems == sorted(str(p) for p in in_process.problems)
    assert len(problems) == 2 and "corrupt.docx" in problems[0] and "empty.pdf" in problems[1]
    assert all("\n" not in p and "Traceback" not in p for p in problems)


RUSSIAN = """Соглашение о сотрудничестве в сфере безопасности между Украиной и Северной Македонией

Участники будут сотрудничать в сфере безопасности и обороны в течение десяти лет с даты подписания этого Соглашения.

Каждый из Участников может прекратить действие этого Соглашения, направив письменное уведомление другому Участнику.

В случае будущего вооружённого нападения Участники проведут консультации в течение 24 часов.
"""

UKRAINIAN = """Угода про співробітництво у сфері безпеки між Україною та Північною Македонією

Ця Угода діє протягом десяти років з дати її підписання.

Кожен з Учасників може припинити дію цієї Угоди, надіславши письмове повідомлення іншому Учаснику.

У разі майбутнього збройного нападу Учасники проведуть консультації протягом 24 годин.

Учасники підтверджують, що майбутнє України — у НАТО.
"""


def test_a_text_in_a_language_the_detectors_do_not_read_is_indexed_but_not_judged(
    synthetic_folder: Path, library: Library
) -> None:
    (synthetic_folder / "russian.txt").write_text(RUSSIAN, encoding="utf-8")
    index = build_index(synthetic_folder, library, jobs=1).index
    russian = next(a for a in index.agreements if a.file == "russian.txt")
    assert russian.language.code == "ru" and russian.date is None and russian.units
    assert any("no date of signature" in note for note in russian.notes)
    row = next(r for r in matrix(index).rows if r.agreement.file == "russian.txt")
    assert {cell.state for cell in row.cells.values()} == {"unread"}  # not "no": nothing was read
    assert row.cells["exit"].text == "not read (ru text)"
    assert index.agreements[-1] is russian  # undated: last
    assert who_accepted("Участники проведут консультации в течение 24 часов", index)[0].agreement == russian.partner


def test_a_ukrainian_text_is_judged_by_the_ukrainian_detectors(synthetic_folder: Path, library: Library) -> None:
    (synthetic_folder / "ukrainian.txt").write_text(UKRAINIAN, encoding="utf-8")
    index = build_index(synthetic_folder, library, jobs=1).index
    ukrainian = next(a for a in index.agreements if a.file == "ukrainian.txt")
    assert ukrainian.language.code == "uk" and ukrainian.units  # no clause map: each paragraph is searchable
    row = next(r for r in matrix(index).rows if r.agreement.file == "ukrainian.txt")
    cells = {column: row.cells[column].text for column in ("exit", "consultation", "nato_support", "duration")}
    assert cells["exit"].startswith("yes") and cells["consultation"] == "within 24 hours"
    assert cells["nato_support"] == "yes: future is in NATO" and cells["duration"].startswith("10 years")
    assert "Кожен з Учасників може припинити" in row.cells["exit"].evidence[0].quote
    assert who_accepted("Учасники проведуть консультації протягом 24 годин", index)[0].agreement == ukrainian.partner


def test_the_same_agreement_in_two_formats_is_read_once(synthetic_folder: Path, library: Library) -> None:
    shutil.copy(synthetic_folder / "north_macedonia.txt", synthetic_folder / "montenegro.txt")
    report = build_index(synthetic_folder, library, jobs=1)
    assert sorted(a.file for a in report.index.agreements) == sorted(SYNTHETIC)
    assert any("montenegro.txt" in note and "montenegro.docx" in note for note in report.notes)


def test_the_folder_corrections_override_the_guesses(synthetic_folder: Path, library: Library) -> None:
    (synthetic_folder / "precedents.toml").write_text(
        '["bulgaria.docx"]\npartner = "Bulgaria <b>&"\nprecedent = "latvia"\ndate = 2025-12-31\n'
        '\n["montenegro.docx"]\nskip = true\n',
        encoding="utf-8",
    )
    index = build_index(synthetic_folder, library, jobs=1).index
    assert [a.file for a in index.agreements] == ["bulgaria.docx", "north_macedonia.txt"]
    bulgaria = index.agreements[0]
    assert (bulgaria.partner, bulgaria.partner_guess, bulgaria.precedent, bulgaria.date) == (
        "Bulgaria <b>&",
        "Bulgaria",
        "latvia",
        dt.date(2025, 12, 31),
    )
    assert bulgaria.date_guess == dt.date(2026, 6, 30)


def test_a_wrong_corrections_file_is_bad_input_with_its_line(
    synthetic_folder: Path, library: Library, cli, tmp_path: Path
) -> None:
    (synthetic_folder / "precedents.toml").write_text(
        '["bulgaria.docx"]\npartner = "Bulgaria"\nprecedent = "latvija"\n'
    )
    with pytest.raises(BadInput) as raised:
        build_index(synthetic_folder, library)
    assert "precedents.toml:3: bulgaria.docx.precedent: unknown precedent 'latvija' (did you mean 'latvia'?)" in str(
        raised.value
    )
    result = cli("precedents", "build", synthetic_folder, "-o", tmp_path / "index.json")
    assert result.exit_code == 2 and not (tmp_path / "index.json").exists()


def test_the_index_file_round_trips_and_refuses_what_it_cannot_read(
    synthetic_folder: Path, library: Library, tmp_path: Path, cli
) -> None:
    path = tmp_path / "index.json"
    assert load_index(path) is None  # nothing built there yet: no error
    save_index(build_index(synthetic_folder, library, jobs=1).index, path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert (data["format"], data["version"]) == ("bsa-drafter precedent index", FORMAT_VERSION)
    assert load_index(path).agreements[0].partner == "Montenegro"
    for broken, message in (
        ('{"format": "bsa-drafter precedent index", "version": 1, "agreements": [', "malformed JSON"),
        (
            '{"format": "bsa-drafter precedent index", "version": 0, "agreements": []}',
            "version 0, made by an older bsa-drafter",
        ),
        (json.dumps({**data, "agreements": [{"file": "x"}]}), "corrupt precedent index: agreements.0"),
        ('{"rows": []}', "not a precedent index"),
    ):
        path.write_text(broken, encoding="utf-8")
        with pytest.raises(BadInput) as raised:
            load_index(path)
        assert message in str(raised.value) and "precedents build" in str(raised.value)
        result = cli("precedents", "matrix", "--index", path)
        assert result.exit_code == 2 and message in result.stderr and "Traceback" not in result.stderr


def test_build_refuses_to_overwrite_what_is_not_an_index_and_replaces_an_old_one(
    synthetic_folder: Path, tmp_path: Path, cli
) -> None:
    other = tmp_path / "other.json"
    other.write_text('{"mine": true}', encoding="utf-8")
    result = cli("precedents", "build", synthetic_folder, "-o", other)
    assert result.exit_code == 2 and "not overwritten" in result.stderr
    assert other.read_text(encoding="utf-8") == '{"mine": true}'
    old = tmp_path / "old.json"
    old.write_text('{"format": "bsa-drafter precedent index", "version": 0}', encoding="utf-8")
    result = cli("precedents", "build", synthetic_folder, "-o", old)
    assert result.exit_code == 0 and "version 0" in result.stdout
    assert load_index(old).version == FORMAT_VERSION


def test_cli_build_uses_the_data_folder_and_reports_bad_files(synthetic_folder: Path, private_data: Path, cli) -> None:
    (synthetic_folder / "corrupt.docx").write_bytes(b"not a zip")
    result = cli("precedents", "build", synthetic_folder, "--jobs", "1")
    assert result.exit_code == 1  # indexed, but one file could not be read
    assert "corrupt.docx" in result.stderr and result.stderr.count("\n") == 1
    assert (private_data / "bsa-drafter" / "precedent-index.json").exists()
    assert "indexed 3 agreements" in result.stdout
    matrix_run = cli("precedents", "matrix")
    assert matrix_run.exit_code == 0 and "Montenegro" in matrix_run.stdout and "Reciprocity" in matrix_run.stdout


def test_cli_without_an_index_says_how_to_build_one(cli) -> None:
    for command in (("matrix",), ("verify",), ("like", "--text", "Either Participant may terminate this Agreement.")):
        result = cli("precedents", *command)
        assert result.exit_code == 2 and "bsa-drafter precedents build FOLDER" in result.stderr


def test_matrix_formats_are_escaped_and_self_contained(
    synthetic_folder: Path, library: Library, tmp_path: Path, cli
) -> None:
    (synthetic_folder / "precedents.toml").write_text('["bulgaria.docx"]\npartner = "=HYPERLINK(\\"x\\") <script>"\n')
    index_path = tmp_path / "index.json"
    assert cli("precedents", "build", synthetic_folder, "-o", index_path, "-j", "1").exit_code == 0
    html_path = tmp_path / "matrix.html"
    assert cli("precedents", "matrix", "--index", index_path, "--format", "html", "-o", html_path).exit_code == 0
    html = html_path.read_text(encoding="utf-8")
    assert "<script" not in html and "&lt;script&gt;" in html and "http" not in html.lower()
    assert html.count('class="evidence"') >= 15  # the sentences of each cell found, shown on hover
    assert "Skopje on 1 March 2026" in html
    csv_text = cli("precedents", "matrix", "--index", index_path, "--format", "csv").stdout
    assert "'=HYPERLINK" in csv_text  # a spreadsheet does not run it
    assert csv_text.splitlines()[0].split(",")[3:] == [c.title for c in MATRIX_COLUMNS]
    payload = json.loads(cli("precedents", "matrix", "--index", index_path, "--format", "json").stdout)
    assert [c["id"] for c in payload["columns"]] == [c.id for c in MATRIX_COLUMNS]
    north_macedonia = next(a for a in payload["agreements"] if a["file"] == "north_macedonia.txt")
    exit_cell = north_macedonia["cells"]["exit"]
    assert exit_cell["values"] == {"unilateral_exit": "yes", "notice_months": 3}
    assert (
        "three (3) months" in exit_cell["evidence"][0]["quote"] and "Termination" in exit_cell["evidence"][0]["where"]
    )


def test_like_finds_our_own_wording_in_our_own_agreements(synthetic_folder: Path, library: Library) -> None:
    index = build_index(synthetic_folder, library, jobs=1).index
    soft_exit = library.clauses["final.termination"].variant("soft_inform").text
    matches = who_accepted(soft_exit, index)
    assert matches[0].agreement == "Bulgaria" and matches[0].similarity > 0.9
    assert matches[0].features == {"unilateral_exit": "soft"}
    assert len({m.agreement for m in matches}) == len(matches)  # one paragraph per agreement
    assert who_accepted("", index) == [] and who_accepted("zzz qqq", index) == []


# --- the six reference agreements -------------------------------------------------------------------


@needs_reference
def test_the_matrix_shows_the_known_features_of_the_reference_agreements(reference_index: PrecedentIndex) -> None:
    labels = tomllib.loads((REFERENCE / "labels.toml").read_text(encoding="utf-8"))
    table = matrix(reference_index)
    rows = {row.agreement.file: row for row in table.rows}
    assert sorted(rows) == sorted(label["file"] for label in labels.values())
    dates = [row.agreement.date for row in table.rows]
    assert None not in dates and dates == sorted(dates)
    for name, label in labels.items():
        cells = rows[label["file"]].cells
        expected_exit = {"yes": f"yes, {label['notice_months']} months' notice", "no": "no", "soft": "soft"}[
            label["exit"]
        ]
        assert cells["exit"].text.startswith(expected_exit), (name, cells["exit"].text)
        for column, key in (
            ("nato_support", "nato_support"),
            ("nato_status", "nato_status"),
            ("reciprocity", "reciprocity"),
            ("consultation", "consult_24h"),
        ):
            assert (cells[column].state == "present") == label[key], (name, column, cells[column].text)
        assert cells["duration"].text.startswith(f"{label['duration_years']} years"), (name, cells["duration"].text)
        assert cells["language"].state == "present" and "English" in cells["language"].text


@needs_reference
def test_like_finds_the_uk_termination_paragraph_for_our_standard_clause(reference_index: PrecedentIndex, cli) -> None:
    result = cli(
        "precedents", "like", "standard", "final.termination", "--index", reference_index.path, "--format", "json"
    )
    assert result.exit_code == 0, result.stderr
    payload = json.loads(result.stdout)
    best = payload["matches"][0]
    assert (best["agreement"], best["file"], best["date"]) == ("United Kingdom", "uk.pdf", "2024-01-12")
    assert best["where"].endswith("Termination") and "terminated" in best["text"] and "six months" in best["text"]
    assert best["features"] == {"unilateral_exit": "yes", "notice_months": 6}
    assert best["similarity"] > payload["matches"][1]["similarity"]
    assert payload["features"] == {"unilateral_exit": "yes", "notice_months": 6}
    text = cli("precedents", "like", "standard", "final.termination", "--index", reference_index.path).stdout
    assert "1. United Kingdom" in text and "Exit and notice: yes, 6 months' notice" in text


@needs_reference
def test_like_finds_the_netherlands_for_a_three_month_exit(reference_index: PrecedentIndex) -> None:
    proposal = "This Agreement may be terminated by either side at any time upon three months' written notice."
    best = who_accepted(proposal, reference_index)[0]
    assert best.agreement == "Netherlands" and best.features["notice_months"] == 3
    assert carried_phrases(wording_features(proposal)) == ["Exit and notice: yes, 3 months' notice"]


def _library_copy(tmp_path: Path, edits: list[tuple[str, str, str]]) -> Library:
    """The bundled library with some hand-typed credits changed: (file, old, new)."""
    root = tmp_path / "clauses"
    shutil.copytree(ROOT / "clauses", root)
    for name, old, new in edits:
        path = root / name
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, old
        path.write_text(text.replace(old, new), encoding="utf-8")
    return load_library(root)


@needs_reference
def test_verify_agrees_with_the_known_facts_of_the_reference_texts(
    reference_index: PrecedentIndex, library: Library, cli
) -> None:
    result = cli("precedents", "verify", "--index", reference_index.path, "--format", "json")
    assert result.exit_code == 0, result.stderr
    payload = json.loads(result.stdout)
    assert payload["checked"] == ["germany", "japan", "netherlands", "sweden", "uk", "us"]
    reported = {(f["kind"], f["clause"], f["variant"], f["precedent"]) for f in payload["findings"]}
    # the Netherlands' three months are credited where they belong, and are not six months
    assert not {r for r in reported if r[1] == "final.termination"}
    # Germany and Japan have no NATO-status clause and no NATO support: nothing credits or finds one
    assert not {
        r for r in reported if r[1] in ("final.nato_status", "intro.nato_membership") and r[3] in ("germany", "japan")
    }
    # the Netherlands' text says nothing of deported children or prisoners
    assert "children" not in (REFERENCE / "netherlands.txt").read_text(encoding="utf-8")
    credits_netherlands = "netherlands" in library.clauses["humanitarian.children"].variant("standard").precedents
    assert (
        ("credited-not-found", "humanitarian.children", "standard", "netherlands") in reported
    ) == credits_netherlands
    # Sweden's text may extend the agreement by a notification six months before it lapses
    assert "jointly decide to extend" in " ".join((REFERENCE / "sweden.txt").read_text(encoding="utf-8").split())
    credits_sweden = "sweden" in library.clauses["final.duration"].variant("fixed_with_extension").precedents
    assert (("found-not-credited", "final.duration", "fixed_with_extension", "sweden") in reported) != credits_sweden
    for finding in payload["findings"]:
        assert finding["evidence"] and finding["where"] and finding["reason"]


@needs_reference
def test_verify_reports_credits_the_texts_contradict(reference_index: PrecedentIndex, tmp_path: Path) -> None:
    # Germany has no NATO-status clause; Sweden has no exit at all; the UK's exit is on six months' notice
    status = '\n  [[clauses.variants]]\n  id = "meet_and_confer"'
    library = _library_copy(
        tmp_path,
        [
            (
                "09_final.toml",
                'precedents = ["uk", "sweden", "netherlands"]' + status,
                'precedents = ["uk", "sweden", "netherlands", "germany"]' + status,
            ),
            ("09_final.toml", 'precedents = ["uk", "japan", "us"]', 'precedents = ["japan", "us", "sweden"]'),
        ],
    )
    report = verify(reference_index, library)
    findings = {(f.kind, f.clause, f.variant, f.precedent): f for f in report.findings}
    germany = findings[("credited-not-found", "final.nato_status", "decide_status", "germany")]
    assert "nato_status_clause is no" in germany.reason
    sweden = findings[("credited-not-found", "final.termination", "six_months", "sweden")]
    assert "unilateral_exit is no" in sweden.reason
    uk = findings[("found-not-credited", "final.termination", "six_months", "uk")]
    assert uk.where.endswith("Termination") and "six months from the date of receipt" in uk.evidence
    assert uk.similarity is not None and uk.similarity > 0.7
    # the library files are only read
    assert 'precedents = ["japan", "us", "sweden"]' in (tmp_path / "clauses" / "09_final.toml").read_text(
        encoding="utf-8"
    )


# --- the app --------------------------------------------------------------------------------------


async def test_the_precedents_view_shows_the_closest_signed_wording(
    synthetic_folder: Path, library: Library, tmp_path: Path
) -> None:
    from test_tui import SIZE, go_to, started, until
    from textual.widgets import DataTable, Static

    from bsa_drafter.tui.app import DrafterApp
    from bsa_drafter.tui.screens.precedents import PrecedentsScreen

    spec = tmp_path / "draft.toml"
    shutil.copy(ROOT / "examples" / "north_macedonia.toml", spec)
    app = DrafterApp(spec, blink=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(app, pilot)
        await go_to(pilot, screen, "final.termination")
        await pilot.press("f5")
        await until(
            pilot,
            lambda: (
                isinstance(app.screen, PrecedentsScreen)
                and app.screen.index_problem is None
                and "No precedent index yet" in str(app.screen.query_one("#precedent-detail", Static).render())
            ),
        )
        await pilot.press("escape")
        save_index(build_index(synthetic_folder, library, jobs=1).index)  # the default index, in the user's data folder
        await pilot.press("f5")
        await until(pilot, lambda: isinstance(app.screen, PrecedentsScreen) and app.screen.index is not None)
        view = app.screen
        soft = [v.id for v in library.clauses["final.termination"].variants].index("soft_inform")
        table = view.query_one("#precedents-table", DataTable)
        while table.cursor_row != soft:
            await pilot.press("down" if table.cursor_row < soft else "up")
        matches = view.query_one("#precedent-matches", DataTable)

        def detail() -> str:
            return str(view.query_one("#precedent-detail", Static).render())

        await until(pilot, lambda: matches.row_count >= 2 and "Exit and notice: soft" in detail())  # the soft variant's
        assert str(matches.get_row_at(0)[0]) == "Bulgaria"
        assert "bulgaria.docx" in detail() and "inform the other Participant of its intention" in detail()
        await pilot.press("tab", "down")
        await until(pilot, lambda: str(matches.get_row_at(1)[0]) in detail())
