"""DOCX export, checked by real readers: python-docx always, LibreOffice when it is installed."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from conftest import EXAMPLES, with_choice
from docxtpl import DocxTemplate
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from jinja2.sandbox import SandboxedEnvironment
from lxml import etree

from bsa_drafter.assemble import assemble
from bsa_drafter.export.docx import (
    default_template,
    draft_context,
    expected_paragraph_texts,
    export_draft,
    render_draft,
)
from bsa_drafter.spec import load_draft

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
EXAMPLE_NAMES = sorted(p.name for p in EXAMPLES.glob("*.toml"))


def _read(data: bytes):
    return docx.Document(io.BytesIO(data))


def _body_texts(document) -> list[str]:
    return [p.text for p in document.paragraphs]


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_export_text_equals_the_assembled_draft(name: str, library, tmp_path: Path) -> None:
    _, draft = load_draft(EXAMPLES / name, library)
    path = export_draft(draft, tmp_path / "out.docx")
    document = docx.Document(path)
    assert _body_texts(document) == expected_paragraph_texts(draft)
    cells = [cell.text for cell in document.tables[0]._cells]
    assert cells[:2] == ["For Ukraine:", f"For {draft.partner_formal_name}:"]
    assert document.sections[0].header.paragraphs[0].text.startswith(f"DRAFT \u2014 Round {draft.spec.draft.round} \u2014")
    assert document.core_properties.title == draft.title
    styles = {p.style.name for p in document.paragraphs}
    assert {"Title", "Heading 1", "Heading 2", "BSA Numbered Paragraph", "List Bullet"} <= styles


def test_brackets_are_highlighted_in_a_working_draft_only(library, standard_spec) -> None:
    working = _read(render_draft(assemble(standard_spec, library)))
    highlighted = [r.text for p in working.paragraphs for r in p.runs if r._r.find(f"{W}rPr/{W}highlight") is not None]
    assert "[amount]" in highlighted and "[date]" in highlighted
    final_spec = standard_spec.model_copy(deep=True)
    final_spec.draft.status = "final"
    final = _read(render_draft(assemble(final_spec, library)))
    assert not [r for p in final.paragraphs for r in p.runs if r._r.find(f"{W}rPr/{W}highlight") is not None]
    assert final.sections[0].header.paragraphs[0].text == ""


def test_fast_renderer_matches_docxtpl(library, tmp_path: Path) -> None:
    _, draft = load_draft(EXAMPLES / "montenegro.toml", library)
    template = DocxTemplate(str(default_template()))
    template.render(draft_context(draft), SandboxedEnvironment(autoescape=True))
    reference = tmp_path / "docxtpl.docx"
    template.save(reference)
    ours = _read(render_draft(draft))
    theirs = docx.Document(reference)
    assert _body_texts(ours) == _body_texts(theirs)
    assert [c.text for c in ours.tables[0]._cells] == [c.text for c in theirs.tables[0]._cells]


def test_export_with_errors_is_refused_unless_allowed(cli, write, tmp_path: Path) -> None:
    spec = write(
        "no_nato.toml",
        '[draft]\npartner = "Hungary"\ndate = 2026-11-20\n\n[clauses."intro.nato_membership"]\nvariant = "pathway_only"\n',
    )
    target = tmp_path / "hu.docx"
    refused = cli("export", spec, "-o", target)
    assert refused.exit_code == 1
    assert "refused" in refused.stderr and "nato-bridge-missing" in refused.stderr
    assert not target.exists()
    allowed = cli("export", spec, "-o", target, "--allow-errors")
    assert allowed.exit_code == 0, allowed.stderr
    assert docx.Document(target).paragraphs[0].text.startswith("Agreement on Security Co-operation between Ukraine and Hungary")


def test_export_replaces_existing_output_atomically(library, tmp_path: Path) -> None:
    _, draft = load_draft(EXAMPLES / "bulgaria.toml", library)
    target = tmp_path / "bg.docx"
    target.write_bytes(b"old")
    export_draft(draft, target)
    assert docx.Document(target).paragraphs[0].text == draft.title
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bg.docx"]


def test_export_bad_output_names(cli, tmp_path: Path) -> None:
    assert cli("export", EXAMPLES / "bulgaria.toml", "-o", tmp_path / "bg.pdf").exit_code == 2
    assert cli("export", tmp_path / "missing.toml", "-o", tmp_path / "x.docx").exit_code == 2


HOSTILE_PIECES = list("&<>\"'{}%[]/\\ \t\n\u200f\u202e\u0410\u0411\u0416\u0457\u0454\u2013\u00a0") + [
    "\U0001F1FA\U0001F1E6", "{{ x }}", "{% for x in y %}", "{{r block.runs }}", "\x07", "\x0c", "\x00", "\ufffe", "word", "- ", "\n  - ",
]
HOSTILE = st.lists(st.sampled_from(HOSTILE_PIECES), max_size=40).map("".join)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=HOSTILE, partner=HOSTILE)
@example(text="x" * 10_000, partner="Bulgaria")
@example(text="{{ 7*7 }} {% for i in range(3) %}{{ i }}{% endfor %} & <w:p/>", partner="A & B <Ltd>")
@example(text="\u0423\u043a\u0440\u0430\u0457\u043d\u0430 \u200f\u05e9\u05dc\u05d5\u05dd\u200f \U0001F91D", partner="\u0411\u044a\u043b\u0433\u0430\u0440\u0438\u044f")
def test_hostile_text_always_gives_a_valid_docx_that_round_trips(library, standard_spec, text: str, partner: str) -> None:
    spec = with_choice(standard_spec, "intro.partnership", text=text if text.strip() else "x")
    if partner.strip():
        spec.params["partner_formal_name"] = partner.strip()[:120]
    draft = assemble(spec, library)
    data = render_draft(draft)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if name.endswith(".xml"):
                etree.fromstring(archive.read(name))  # every part is well-formed XML
    document = _read(data)
    assert _body_texts(document) == expected_paragraph_texts(draft)
    assert all(not any(ch in t for ch in "\x00\x07\x0c\ufffe") for t in _body_texts(document))


# --- LibreOffice: a real reader converts the DOCX to PDF -------------------------------------------

SOFFICE = shutil.which("soffice")
PDFTOTEXT = shutil.which("pdftotext")
needs_libreoffice = pytest.mark.skipif(not (SOFFICE and PDFTOTEXT), reason="LibreOffice (soffice) and pdftotext are not installed")


@pytest.fixture(scope="module")
def converted(tmp_path_factory, library) -> dict[str, tuple[object, str]]:
    folder = tmp_path_factory.mktemp("soffice")
    drafts = {}
    for name in EXAMPLE_NAMES:
        _, draft = load_draft(EXAMPLES / name, library)
        export_draft(draft, folder / name.replace(".toml", ".docx"))
        drafts[name] = draft
    profile = folder / "profile"
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf", "--outdir", str(folder), *sorted(str(p) for p in folder.glob("*.docx"))],
        check=True, capture_output=True, timeout=300,
    )
    texts = {}
    for name, draft in drafts.items():
        pdf = folder / name.replace(".toml", ".pdf")
        texts[name] = (draft, subprocess.run([PDFTOTEXT, str(pdf), "-"], capture_output=True, text=True, check=True).stdout)
    return texts


def _squash(text: str) -> str:
    return " ".join(text.replace("\u00ad", "").split()).casefold()


@needs_libreoffice
@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_libreoffice_shows_title_parts_and_signatures(converted, name: str) -> None:
    draft, text = converted[name]
    flat = _squash(text)
    assert _squash(draft.title) in flat
    for part in draft.library.parts.values():
        if part.show_heading and any(c.part == part.id for c in draft.clauses):
            assert _squash(part.heading) in flat, part.heading
    assert "for ukraine:" in flat
    assert _squash(f"For {draft.partner_formal_name}:") in flat
    assert _squash(draft.clause("closing.done_at").text) in flat
    assert _squash(draft_banner_text(draft)) in flat


def draft_banner_text(draft) -> str:
    from bsa_drafter.export.docx import draft_banner

    return draft_banner(draft)
