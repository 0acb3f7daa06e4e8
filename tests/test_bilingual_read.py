"""`analyze` of a file that holds the agreement in English and Ukrainian: the layout found, the
two texts split and aligned, and the cross-language findings, on files made from our library
and then perturbed on one side."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import docx
import pytest
from conftest import ROOT

from bsa_drafter.alignment import Unit, align
from bsa_drafter.analyze import analysis_json, analyze_file
from bsa_drafter.assemble import assemble
from bsa_drafter.detectors import languages
from bsa_drafter.excerpts import shorten
from bsa_drafter.ingest import read_layout
from bsa_drafter.models import Paragraph
from bsa_drafter.parallel import UNCERTAIN, ParallelText, align_sentences, number_key
from bsa_drafter.reading.bilingual import Unsplit, split_bilingual
from bsa_drafter.spec import new_spec

sys.path.insert(0, str(ROOT / "tests" / "helpers"))
from bilingual_docx import (  # noqa: E402
    alternating_docx,
    columns_docx,
    gold_links,
    halves_docx,
    merge_next,
    rows,
    slipped_columns_docx,
    with_uk,
)

WRITERS = {"columns": columns_docx, "halves": halves_docx, "alternating": alternating_docx}


@pytest.fixture(scope="module")
def table(library):
    """Our standard draft for Montenegro as rows of English and Ukrainian."""
    return rows(assemble(new_spec(library, "Montenegro", date=dt.date(2026, 11, 20)), library))


def _row(table, clause: str, containing: str = "") -> int:
    return next(i for i, r in enumerate(table) if r.clause == clause and containing in (r.uk or ""))


def _links(parallel: ParallelText) -> dict[int, tuple[int, ...]]:
    return {i: pair.ukrainian for pair in parallel.pairs for i in pair.english}


def _analyse(writer, table, path: Path, library):
    analysis = analyze_file(writer(table, path), library)
    assert isinstance(analysis.bilingual, ParallelText), analysis.bilingual
    return analysis, analysis.bilingual


def _findings(analysis, rule: str):
    return [f for f in analysis.findings if f.rule == rule]


# --- the layouts ------------------------------------------------------------------------------------


@pytest.mark.parametrize("layout", sorted(WRITERS))
def test_each_layout_is_found_split_and_aligned_row_for_row(layout, table, tmp_path, library) -> None:
    analysis, parallel = _analyse(WRITERS[layout], table, tmp_path / f"{layout}.docx", library)
    assert parallel.file.layout == layout
    english, ukrainian = parallel.english, parallel.ukrainian
    assert [p.text for p in english.paragraphs] == [r.en.strip() for r in table]
    assert [p.text for p in ukrainian.paragraphs] == [r.uk.strip() for r in table]
    assert english.language.code == "en" and ukrainian.language.code == "uk"
    assert _links(parallel) == gold_links(table)
    confidences = sorted(pair.confidence for pair in parallel.pairs)
    assert confidences[0] >= UNCERTAIN and confidences[len(confidences) // 2] > 0.99
    # headings of each text are read as headings, in a table cell too, and the English is mapped
    assert {"Part I. Introduction", "Part IX. Final Provisions"} <= {p.text for p in english.outline() if p.level == 1}
    assert any(p.kind == "heading" and p.text.startswith("Частина II.") for p in ukrainian.paragraphs)
    assert analysis.clause_map.counts()["match"] > 90
    # our own draft's two texts agree: no cross-language finding, nothing unpaired or merged
    cross = {f.rule for f in parallel.findings}
    assert not cross, cross
    # every English body paragraph carries its Ukrainian, for the cross-language checks
    assert all(p.uk is not None and p.uk.text for p in english.body())


def test_a_table_keeps_each_paragraphs_cell(table, tmp_path, library) -> None:
    _, parallel = _analyse(columns_docx, table, tmp_path / "columns.docx", library)
    origins_en, origins_uk = parallel.file.english.origins, parallel.file.ukrainian.origins
    assert origins_en[5].cell.row == origins_uk[5].cell.row == 5
    assert (origins_en[5].cell.column, origins_uk[5].cell.column) == (0, 1)
    assert origins_uk[5].as_json() == {"paragraph": 11, "table": 1, "row": 6, "column": 2}


def test_the_ukrainian_column_on_the_left_is_found_too(table, tmp_path, library) -> None:
    path = columns_docx(table, tmp_path / "columns.docx", ukrainian_first=True)
    parallel = analyze_file(path, library).bilingual
    assert parallel.file.order == ("uk", "en")
    assert _links(parallel) == gold_links(table)


def test_halves_with_a_heading_over_the_ukrainian_and_no_page_break(table, tmp_path, library) -> None:
    path = halves_docx(table, tmp_path / "halves.docx", page_break=False, heading="ТЕКСТ УКРАЇНСЬКОЮ МОВОЮ")
    parallel = analyze_file(path, library).bilingual
    assert parallel.file.layout == "halves"
    assert _links(parallel) == gold_links(table, ukrainian_before=1)
    assert (parallel.pairs[0].english, parallel.pairs[0].ukrainian) == ((), (0,))  # the heading has no English
    assert parallel.file.ukrainian.document.paragraphs[0].text == "ТЕКСТ УКРАЇНСЬКОЮ МОВОЮ"


def test_a_third_column_in_the_partners_language_is_reported_and_left_out(table, tmp_path, library) -> None:
    analysis, parallel = _analyse(
        lambda t, p: columns_docx(t, p, third_language=True), table, tmp_path / "three.docx", library
    )
    assert parallel.file.left_out == {"German": len(table)}
    assert _links(parallel) == gold_links(table)
    left_out = _findings(analysis, "bilingual-left-out")
    assert left_out and "German" in left_out[0].message
    assert any("German" in w for w in parallel.file.warnings)


# --- perturbed on one side ---------------------------------------------------------------------------


@pytest.mark.parametrize("layout", sorted(WRITERS))
def test_a_number_changed_on_the_ukrainian_side_only(layout, table, tmp_path, library) -> None:
    at = _row(table, "attack.consultation", "24 годин")
    changed = with_uk(table, at, table[at].uk.replace("24 годин", "48 годин"))
    analysis, parallel = _analyse(WRITERS[layout], changed, tmp_path / "number.docx", library)
    assert _links(parallel) == gold_links(changed)
    differ = _findings(analysis, "language-versions-differ")
    assert [f.message for f in differ] == [
        "The language versions differ: 24 hours in the English, 48 hours in the Ukrainian"
    ]
    assert differ[0].paragraph == at and differ[0].clause == "attack.consultation" and differ[0].language == "uk"


@pytest.mark.parametrize("layout", sorted(WRITERS))
def test_a_ukrainian_paragraph_dropped(layout, table, tmp_path, library) -> None:
    at = _row(table, "recovery.private_sector")
    changed = with_uk(table, at, None)
    analysis, parallel = _analyse(WRITERS[layout], changed, tmp_path / "dropped.docx", library)
    links = _links(parallel)
    assert links[at] == ()
    assert links == gold_links(changed)
    missing = _findings(analysis, "ukrainian-missing")
    assert [(f.paragraph, f.clause) for f in missing] == [(at, "recovery.private_sector")]
    # shown by the English it lacks, not by a quotation of nothing
    assert missing[0].message == f"The Ukrainian has no counterpart of paragraph {at} of the English"
    assert missing[0].language == "en" and missing[0].evidence == shorten(table[at].en, 300)
    assert not _findings(analysis, "language-versions-differ")  # nothing else was thrown out of step


@pytest.mark.parametrize("layout", sorted(WRITERS))
def test_assurances_in_the_ukrainian(layout, table, tmp_path, library) -> None:
    at = _row(table, "intro.core_commitments", "зобов'язання")
    changed = with_uk(table, at, table[at].uk.replace("Безпекові зобов'язання", "Безпекові запевнення"))
    analysis, _ = _analyse(WRITERS[layout], changed, tmp_path / "assurances.docx", library)
    forbidden = _findings(analysis, "forbidden-term-ukrainian")
    assert [(f.paragraph, f.clause, f.language) for f in forbidden] == [(at, "intro.core_commitments", "uk")]
    assert "«запевнення»" in forbidden[0].message and "for 'commitments'" in forbidden[0].message
    assert not _findings(analysis, "term-pair-broken")  # the wrong rendering is said once, as forbidden


@pytest.mark.parametrize("layout", sorted(WRITERS))
def test_a_bracket_in_one_language_only(layout, table, tmp_path, library) -> None:
    at = _row(table, "defence.reciprocity")
    text = table[at].uk
    changed = with_uk(table, at, text[:20] + "[" + text[20:60] + "]" + text[60:])
    analysis, _ = _analyse(WRITERS[layout], changed, tmp_path / "bracket.docx", library)
    brackets = _findings(analysis, "bracket-in-one-language")
    assert [(f.paragraph, f.language) for f in brackets] == [(at, "uk")]
    assert "no bracket left there in the English" in brackets[0].message


@pytest.mark.parametrize("layout", sorted(WRITERS))
def test_two_ukrainian_paragraphs_merged_into_one(layout, table, tmp_path, library) -> None:
    at = _row(table, "defence.supply_chains")
    changed = merge_next(table, at)
    analysis, parallel = _analyse(WRITERS[layout], changed, tmp_path / "merged.docx", library)
    assert _links(parallel) == gold_links(changed)
    assert _links(parallel)[at] == _links(parallel)[at + 1]
    merged = _findings(analysis, "paragraphs-merged")
    assert [f.paragraph for f in merged] == [at]
    # each English paragraph was given the Ukrainian sentences of its own: nothing differs
    first, second = parallel.english.paragraphs[at], parallel.english.paragraphs[at + 1]
    assert first.uk.text == table[at].uk and second.uk.text == table[at + 1].uk
    assert not _findings(analysis, "language-versions-differ") and not _findings(analysis, "ukrainian-missing")


# --- bad input ----------------------------------------------------------------------------------------


def test_a_table_whose_ukrainian_column_slipped_a_row(table, tmp_path, library) -> None:
    """From one row on, each Ukrainian cell stands one row below its English: the lengths pair
    them across the rows, and the file is said to be laid out wrongly."""
    path = slipped_columns_docx(table, tmp_path / "slipped.docx", _row(table, "recovery.reconstruction"))
    analysis = analyze_file(path, library)
    parallel = analysis.bilingual
    assert _links(parallel) == gold_links(table)
    layout = _findings(analysis, "bilingual-layout")
    assert layout and "in other rows than theirs" in layout[0].message
    assert not _findings(analysis, "language-versions-differ")


def test_an_empty_ukrainian_column_is_an_english_text(table, tmp_path, library) -> None:
    emptied = [r.__class__(r.kind, r.en, None, r.clause) for r in table]
    analysis = analyze_file(columns_docx(emptied, tmp_path / "empty.docx"), library)
    assert analysis.bilingual is None
    assert analysis.document.language.code == "en" and "bilingual" not in analysis_json(analysis)


def test_very_unequal_halves(table, tmp_path, library) -> None:
    cut = len(table) // 3
    shortened = [r if i < cut else r.__class__(r.kind, r.en, None, r.clause) for i, r in enumerate(table)]
    analysis, parallel = _analyse(halves_docx, shortened, tmp_path / "unequal.docx", library)
    assert _links(parallel) == gold_links(shortened)
    warning = _findings(analysis, "bilingual-layout")
    assert warning and "the Ukrainian text is" in warning[0].message and "missing" in warning[0].message
    missing = {f.paragraph for f in _findings(analysis, "ukrainian-missing")}
    body = {p.index for p in parallel.english.body() if p.index >= cut}
    assert missing == body


def test_paragraphs_holding_both_languages_are_not_split(table, tmp_path, library) -> None:
    document = docx.Document()
    for row in table:
        document.add_paragraph(f"{row.en} / {row.uk}")
    path = tmp_path / "together.docx"
    document.save(path)
    analysis = analyze_file(path, library)
    assert isinstance(analysis.bilingual, Unsplit)
    warning = _findings(analysis, "bilingual-layout")
    assert warning and "cannot be split" in warning[0].message and "not compared" in warning[0].message
    assert analysis_json(analysis)["bilingual"]["layout"] is None


def test_stretches_of_unequal_length_are_not_guessed(table, tmp_path, library) -> None:
    document = docx.Document()
    stretches = [(0, 40, "en"), (0, 5, "uk"), (40, 60, "en"), (5, 100, "uk"), (60, 140, "en")]
    for start, end, language in stretches:
        for row in table[start:end]:
            document.add_paragraph(row.en if language == "en" else row.uk)
    path = tmp_path / "stretches.docx"
    document.save(path)
    found = split_bilingual(*read_layout(path))
    assert isinstance(found, Unsplit) and "unequal length" in found.reason


def test_a_few_ukrainian_lines_do_not_make_a_text_bilingual(table, tmp_path, library) -> None:
    document = docx.Document()
    document.add_paragraph(table[0].uk)
    for row in table[1:]:
        document.add_paragraph(row.en)
    path = tmp_path / "english.docx"
    document.save(path)
    assert split_bilingual(*read_layout(path)) is None


def test_the_command_line_reports_the_layout_and_the_alignment(table, tmp_path, cli) -> None:
    at = _row(table, "attack.consultation", "24 годин")
    path = columns_docx(with_uk(table, at, table[at].uk.replace("24 годин", "48 годин")), tmp_path / "c.docx")
    result = cli("analyze", path, "--show-map")
    assert result.exit_code == 0, result.output
    assert "Bilingual: two columns of a table, one per language (English then Ukrainian)" in result.output
    assert "143 pairs" in result.output and "48 hours in the Ukrainian" in result.output
    payload = json.loads(cli("analyze", path, "--format", "json").stdout)["bilingual"]
    assert payload["layout"] == "columns" and payload["counts"]["pairs"] == len(table)
    assert set(payload["languages"]) == {"en", "uk"}
    first = payload["alignment"][at]
    assert (first["english"], first["ukrainian"], first["clause_id"]) == ([at], [at], "attack.consultation")
    assert first["english_origin"] == [{"paragraph": 2 * at, "table": 1, "row": at + 1, "column": 1}]
    assert first["sentences"] and all(s["english"] and s["ukrainian"] for s in first["sentences"])
    assert "language-versions-differ" in [f["rule"] for f in payload["findings"]]
    assert "0 English paragraphs without Ukrainian" in result.output


def test_the_command_line_shows_a_paragraph_the_ukrainian_lacks_by_its_english(table, tmp_path, cli) -> None:
    at = _row(table, "recovery.private_sector")
    path = alternating_docx(with_uk(table, at, None), tmp_path / "a.docx")
    result = cli("analyze", path)
    assert result.exit_code == 0, result.output
    assert "1 English paragraph without Ukrainian," in result.output
    assert f"The Ukrainian has no counterpart of paragraph {at} of the English" in result.output
    assert "there is no Ukrainian text" not in result.output


def test_the_ukrainian_texts_own_features_are_compared_with_the_english(table, tmp_path, library) -> None:
    """Where Ukrainian has detectors, the features read from each text are compared: a changed
    deadline makes the versions say different things; our own two texts say the same."""
    _, same = _analyse(columns_docx, table, tmp_path / "same.docx", library)
    at = _row(table, "attack.consultation", "24 годин")
    changed = with_uk(table, at, table[at].uk.replace("24 годин", "48 годин"))
    analysis, parallel = _analyse(columns_docx, changed, tmp_path / "changed.docx", library)
    if "uk" not in languages():  # no Ukrainian detectors yet: nothing read, and the report says so
        assert same.features_uk is None and parallel.features_uk is None and not parallel.differences
        assert analysis_json(analysis)["bilingual"]["ukrainian_features"] is None
        return
    assert not same.differences and same.features_uk
    differ = {(d.feature, d.english, d.ukrainian) for d in parallel.differences}
    assert ("consultation_hours", 24, 48) in differ
    said = [f for f in _findings(analysis, "versions-say-different") if "consultation_hours" in f.message]
    assert said and said[0].paragraph == at and said[0].clause == "attack.consultation"
    assert "24 in the English and 48 in the Ukrainian" in said[0].message


def test_a_refused_file_is_named_with_exit_2(tmp_path, cli) -> None:
    path = tmp_path / "broken.docx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    result = cli("analyze", path)
    assert result.exit_code == 2
    assert f"{path}: corrupt DOCX" in result.output


# --- the alignment itself ------------------------------------------------------------------------------


def test_alignment_by_length_finds_a_gap_and_a_merge() -> None:
    english = [Unit(n) for n in (200, 340, 120, 410, 260, 90, 300)]
    # the Ukrainian lacks the third unit and joins the fifth and sixth
    ukrainian = [Unit(n) for n in (214, 362, 437, 370, 321)]
    beads = align(english, ukrainian, 1.07)
    assert [(b.left, b.right) for b in beads] == [
        ((0,), (0,)),
        ((1,), (1,)),
        ((2,), ()),
        ((3,), (2,)),
        ((4, 5), (3,)),
        ((6,), (4,)),
    ]


def test_numbers_and_table_rows_decide_where_lengths_cannot() -> None:
    lengths = [100, 100, 100]
    # three paragraphs of one length, the Ukrainian lacks the first: only the numbers tell which
    keyed = align(
        [Unit(n, key=f"n:{i}") for i, n in enumerate(lengths, 1)], [Unit(107, key="n:2"), Unit(107, key="n:3")], 1.07
    )
    assert [(b.left, b.right) for b in keyed] == [((0,), ()), ((1,), (0,)), ((2,), (1,))]
    rows = align([Unit(n, group=g) for g, n in enumerate(lengths)], [Unit(107, group=0), Unit(107, group=2)], 1.07)
    assert [(b.left, b.right) for b in rows] == [((0,), (0,)), ((1,), ()), ((2,), (1,))]


def test_confidence_falls_where_the_lengths_disagree() -> None:
    sure = align([Unit(300)], [Unit(320)], 1.07)
    unsure = align([Unit(300), Unit(310)], [Unit(330)], 1.07)
    assert sure[0].confidence > 0.99
    assert max(b.confidence for b in unsure if b.left and b.right) < 0.8


def test_sentences_within_a_pair_are_aligned_by_length() -> None:
    english = "The Participants will consult. They will do so within 24 hours of a request by either of them."
    ukrainian = (
        "Учасники проводитимуть консультації. Вони робитимуть це протягом 24 годин після запиту будь-кого з них."
    )
    pairs = align_sentences(english, ukrainian)
    assert [(english[slice(*p.english)], ukrainian[slice(*p.ukrainian)]) for p in pairs] == [
        ("The Participants will consult.", "Учасники проводитимуть консультації."),
        (
            "They will do so within 24 hours of a request by either of them.",
            "Вони робитимуть це протягом 24 годин після запиту будь-кого з них.",
        ),
    ]


@pytest.mark.parametrize(
    "text, kind, key",
    [
        ("Part III. Political Co-operation", "heading", "part:3"),
        ("Частина III. Політичне співробітництво", "heading", "part:3"),
        ("Частина третя", "heading", "part:3"),
        ("PART TWO", "heading", "part:2"),
        ("IV. Reform", "heading", "part:4"),
        ("12. The Participants will", "paragraph", "n:12"),
        ("(b) training", "paragraph", "l:2"),
        ("(б) підготовка", "paragraph", "l:2"),
        ("Scope", "heading", None),
    ],
)
def test_number_keys_read_alike_in_both_languages(text, kind, key) -> None:
    assert number_key(Paragraph(0, text, kind)) == key


def test_spanning_cells_nested_tables_revisions_and_comments_in_a_bilingual_table(table, tmp_path, library) -> None:
    """A title row whose one cell spans both columns, a Ukrainian cell holding a nested table, a
    broken span value, a tracked change and a comment in the Ukrainian: all read, the change and
    the comment carried to the English paragraph their Ukrainian renders."""
    from docx_build import comment, comment_range, el, ins, p, package, r

    body = table[5:14]
    wide = el("tc", el("tcPr", el("gridSpan", val=2)), p(r(body[0].en)), p(r(body[0].uk)))
    grid_rows = [el("tr", wide)]
    for number, row in enumerate(body[1:], 1):
        english = el("tc", el("tcPr", el("gridSpan", val="junk")), p(r(row.en)))
        if number == 3:
            inner = el("tbl", el("tblPr"), el("tr", el("tc", p(r(row.uk)))))
            ukrainian = el("tc", inner, p())
        elif number == 5:
            ukrainian = el("tc", p(r(row.uk), ins(r(" додатково"))))
        elif number == 6:
            ukrainian = el("tc", p(*comment_range(7, r(row.uk))))
        else:
            ukrainian = el("tc", p(r(row.uk)))
        grid_rows.append(el("tr", english, ukrainian))
    path = tmp_path / "hostile.docx"
    path.write_bytes(package(el("tbl", el("tblPr"), *grid_rows), comments=[comment(7, "Перевірити переклад")]))
    analysis = analyze_file(path, library)
    parallel = analysis.bilingual
    assert isinstance(parallel, ParallelText) and parallel.file.layout == "columns"
    assert [p.text for p in parallel.english.paragraphs] == [row.en for row in body]
    assert parallel.ukrainian.paragraphs[3].text == body[3].uk  # from the nested table
    assert _links(parallel) == {i: (i,) for i in range(len(body))}
    revision = next(rv for rv in parallel.english.revisions if rv.kind == "insertion")
    assert revision.paragraph == 5 and revision.text == " додатково"
    note = parallel.english.comments[0]
    assert (note.paragraph, note.text) == (6, "Перевірити переклад")
