"""Export in English, in Ukrainian and in both: every example in every mode is valid OOXML, its
Ukrainian text is marked uk-UA, LibreOffice reads it, and both languages carry the same
paragraph numbers."""

from __future__ import annotations

import io
import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from conftest import EXAMPLES, with_choice
from lxml import etree
from test_pages import needs_libreoffice, pages
from test_validity import audit

from bsa_drafter.export.docx import MISSING_UKRAINIAN, render_draft, title_lines, translation_gaps
from bsa_drafter.spec import load_draft

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MODES = [("en", "columns"), ("uk", "columns"), ("en+uk", "columns"), ("en+uk", "sequential")]
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
NUMBER = re.compile(r"^\s*(\d+)\.\s+\S")


@pytest.fixture(scope="module")
def rendered(library) -> dict[tuple[str, str, str], bytes]:
    documents = {}
    for spec in sorted(EXAMPLES.glob("*.toml")):
        _, draft = load_draft(spec, library)
        for language, layout in MODES:
            documents[spec.stem, language, layout] = render_draft(draft, language=language, layout=layout, check=True)
    return documents


def runs_by_language(data: bytes) -> dict[str | None, list[str]]:
    """The text of every run of the body, by the language it is marked with (None: the document's)."""
    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"))
    found: dict[str | None, list[str]] = {}
    for run in root.iter(f"{W}r"):
        text = "".join(t.text or "" for t in run.iter(f"{W}t"))
        if text.strip():
            mark = run.find(f"{W}rPr/{W}lang")
            found.setdefault(None if mark is None else mark.get(f"{W}val"), []).append(text)
    return found


@pytest.mark.parametrize("language,layout", MODES)
@pytest.mark.parametrize("example", ["bulgaria", "montenegro", "north_macedonia"])
def test_every_example_in_every_mode_is_valid(rendered, example, language, layout, tmp_path: Path) -> None:
    path = tmp_path / f"{example}.docx"
    path.write_bytes(rendered[example, language, layout])
    assert audit(path) == []


@pytest.mark.parametrize("example", ["bulgaria", "montenegro", "north_macedonia"])
def test_ukrainian_text_is_marked_uk_ua_and_english_is_not(rendered, example) -> None:
    english = runs_by_language(rendered[example, "en", "columns"])
    assert list(english) == [None]
    ukrainian = runs_by_language(rendered[example, "uk", "columns"])
    assert set(ukrainian) == {"uk-UA"}, "every run of a Ukrainian export is marked uk-UA"
    assert sum(bool(CYRILLIC.search(t)) for t in ukrainian["uk-UA"]) > 0.9 * len(ukrainian["uk-UA"])
    for layout in ("columns", "sequential"):
        both = runs_by_language(rendered[example, "en+uk", layout])
        assert set(both) == {None, "uk-UA"}
        assert not any(CYRILLIC.search(t) for t in both[None]), "Cyrillic text left unmarked"
        assert all(CYRILLIC.search(t) or not re.search("[A-Za-z]{4}", t) for t in both["uk-UA"][:50])


def test_ukrainian_export_has_the_ukrainian_title_banner_and_signatures(library, rendered) -> None:
    _, draft = load_draft(EXAMPLES / "montenegro.toml", library)
    package = zipfile.ZipFile(io.BytesIO(rendered["montenegro", "uk", "columns"]))
    body = package.read("word/document.xml").decode()
    header = "".join(package.read(n).decode() for n in package.namelist() if n.startswith("word/header"))
    assert title_lines(draft, "uk")[1:4:2] == ["між", "та"]
    for line in title_lines(draft, "uk"):
        assert line.replace("'", "\u2019") in body
    assert "ПРОЄКТ" in header and "DRAFT" not in header
    assert "За Україну:" in body and "For Ukraine" not in body
    assert "Частина I." in body and "Part I." not in body
    core = package.read("docProps/core.xml").decode()
    assert "<dc:language>uk-UA</dc:language>" in core


def test_a_clause_without_ukrainian_is_marked_and_named_not_filled_with_english(library, cli, tmp_path: Path) -> None:
    _, draft = load_draft(EXAMPLES / "montenegro.toml", library)
    gaps = {c.id: c.stale for c in translation_gaps(draft, "uk")}
    assert gaps.get("custom.eu_integration") == "missing"
    assert translation_gaps(draft, "en") == []
    english = draft.clause("custom.eu_integration").text
    data = runs_by_language(render_draft(draft, language="uk"))
    assert MISSING_UKRAINIAN in data["uk-UA"]
    assert english[:40] not in " ".join(data["uk-UA"])
    result = cli("export", EXAMPLES / "montenegro.toml", "-o", tmp_path / "m.docx", "--lang", "uk")
    assert result.exit_code == 0, result.stderr
    assert "custom.eu_integration" in result.stderr and "defence.future_force" in result.stderr
    result = cli("export", EXAMPLES / "montenegro.toml", "-o", tmp_path / "e.docx", "--lang", "en")
    assert "not in step" not in result.stderr


def test_a_final_text_with_stale_ukrainian_is_refused(library, cli, tmp_path: Path) -> None:
    spec = (EXAMPLES / "montenegro.toml").read_text(encoding="utf-8").replace('status = "working"', 'status = "final"')
    assert 'status = "final"' in spec
    path = tmp_path / "final.toml"
    path.write_text(spec, encoding="utf-8")
    result = cli("export", path, "-o", tmp_path / "f.docx", "--lang", "en+uk")
    assert result.exit_code == 1
    assert "ukrainian-stale" in result.stderr
    assert not (tmp_path / "f.docx").exists()


@pytest.mark.parametrize(
    "args,expected",
    [
        (["--lang", "fr"], "'fr' is not one of"),
        (["--lang", "en+uk", "--layout", "diagonal"], "'diagonal' is not one of"),
        (["--lang", "uk", "--layout", "columns"], "--layout applies to --lang en+uk only"),
        (["--lang", "uk", "--redline-against", "standard"], "a redline is in English only"),
    ],
)
def test_bad_language_or_layout_exits_2_and_writes_nothing(cli, tmp_path: Path, args, expected) -> None:
    result = cli("export", EXAMPLES / "montenegro.toml", "-o", tmp_path / "x.docx", *args)
    assert result.exit_code == 2
    assert expected in " ".join(result.stderr.split())
    assert not (tmp_path / "x.docx").exists()
    result = cli("build", EXAMPLES / "montenegro.toml", "--out", tmp_path / "out", *args[:4])
    assert result.exit_code == 2


def test_build_in_both_languages_names_the_lagging_clauses(cli, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = cli("build", *sorted(EXAMPLES.glob("*.toml")), "--out", out, "--lang", "en+uk", "--layout", "sequential")
    assert result.exit_code == 0, result.stderr
    assert len(list(out.glob("*.docx"))) == 3
    assert "final.duration" in result.stderr and "custom.eu_integration" in result.stderr
    for path in out.glob("*.docx"):
        assert set(runs_by_language(path.read_bytes())) == {None, "uk-UA"}


def numbers(page_text: str) -> list[int]:
    return [int(m.group(1)) for m in map(NUMBER.match, page_text.splitlines()) if m]


@needs_libreoffice
def test_libreoffice_reads_every_mode_with_cyrillic_and_the_same_numbers(rendered, office, tmp_path: Path) -> None:
    for key, data in rendered.items():
        example, language, layout = key
        name = f"{example}-{language.replace('+', '_')}-{layout}"
        source = tmp_path / f"{name}.docx"
        source.write_bytes(data)
        pdf = office.convert(source, "pdf", tmp_path).read_bytes()
        texts = pages(pdf, tmp_path)
        whole = "\n".join(texts)
        if language == "en":
            assert not CYRILLIC.search(whole)
            continue
        assert len(CYRILLIC.findall(whole)) > 5000, name
        if language == "en+uk" and layout == "sequential":
            # English pages, then Ukrainian ones: both halves number their paragraphs alike
            raw = subprocess.run(
                ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
            ).stdout.decode()
            split = raw.index("УГОДА")
            english, ukrainian = raw[:split], raw[split:]
            assert "Done at" in english and "Вчинено" in ukrainian and "Done at" not in ukrainian
            assert numbers(english) == numbers(ukrainian) and len(numbers(english)) > 30
        if language == "en+uk" and layout == "columns":
            raw = subprocess.run(
                ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
            ).stdout.decode()
            rows = [line for line in raw.splitlines() if re.match(r"^\s*\d+\.\s+\S.*\s{3,}\d+\.\s+\S", line)]
            pairs = [re.findall(r"(?:^|\s{3,})(\d+)\.\s", line) for line in rows]
            assert len(pairs) > 30 and all(len(p) == 2 and p[0] == p[1] for p in pairs), pairs[:5]


def test_edited_english_keeps_numbers_aligned_in_columns(library) -> None:
    _, draft = load_draft(EXAMPLES / "north_macedonia.toml", library)
    edited = with_choice(draft.spec, "intro.partnership", text="One.\n- two\n- three")
    from bsa_drafter.assemble import assemble

    data = render_draft(assemble(edited, library), language="en+uk", layout="columns")
    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"))
    for row in root.iter(f"{W}tr"):
        cells = row.findall(f"{W}tc")
        assert len(cells) == 2
        numbered = [c.find(f".//{W}numPr") is not None for c in cells]
        assert numbered[0] == numbered[1] or not "".join(cells[1].itertext()).strip()
