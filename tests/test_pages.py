"""PDF through LibreOffice, read back page by page: the signature page holds, whatever the length
of the draft, and `export -o x.pdf` / `build --format pdf` work or say clearly why not."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import EXAMPLES

from bsa_drafter.assemble import assemble
from bsa_drafter.errors import BadInput
from bsa_drafter.export.docx import render_draft, signatory_texts
from bsa_drafter.export.pdf import convert_to_pdf
from bsa_drafter.models import ClauseChoice
from bsa_drafter.spec import load_draft

SOFFICE = shutil.which("soffice")
PDFTOTEXT = shutil.which("pdftotext")
needs_libreoffice = pytest.mark.skipif(
    not (SOFFICE and PDFTOTEXT), reason="LibreOffice (soffice) and pdftotext are not installed"
)


def pages(pdf: Path | bytes, folder: Path) -> list[str]:
    """The text of each page (pdftotext separates pages with a form feed)."""
    if isinstance(pdf, bytes):
        path = folder / "read.pdf"
        path.write_bytes(pdf)
        pdf = path
    text = subprocess.run([PDFTOTEXT, "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [" ".join(page.split()) for page in text.split("\f")][: -1 if text.endswith("\f") else None]


def signature_page_holds(draft, page_texts: list[str]) -> None:  # type: ignore[no-untyped-def]
    """'Done at', both headings, both names and both titles are on one page, the last."""
    done_at = [k for k, page in enumerate(page_texts) if "Done at" in page]
    assert len(done_at) == 1, "'Done at' is not on exactly one page"
    page = page_texts[done_at[0]]
    for side in signatory_texts(draft):
        for value in side.values():
            assert " ".join(value.split()) in page, f"{value!r} is not on the page of 'Done at'"
    assert done_at[0] == len(page_texts) - 1, "a page follows the signature page"


@needs_libreoffice
def test_every_example_built_as_pdf_keeps_its_signature_page(cli, library, tmp_path: Path) -> None:
    out = tmp_path / "pdf"
    result = cli("build", *sorted(EXAMPLES.glob("*.toml")), "--out", out, "--format", "pdf")
    assert result.exit_code == 0, result.stdout + result.stderr
    built = sorted(out.iterdir())
    assert [p.suffix for p in built] == [".pdf"] * 3
    for spec in sorted(EXAMPLES.glob("*.toml")):
        _, draft = load_draft(spec, library)
        pdf = next(p for p in built if p.name.startswith(draft.partner.lower().replace(" ", "-")))
        texts = pages(pdf, tmp_path)
        assert len(texts) > 5
        signature_page_holds(draft, texts)


def padded(draft, library, lines: int, form: str):  # type: ignore[no-untyped-def]
    """The draft's final provisions and closing alone (the Parts before them only move where its
    pages end), with a clause of `lines` one-line bullets at the end of the final provisions, so
    that the signature block starts a little lower on the page each time."""
    spec = draft.spec.model_copy(deep=True)
    for clause in draft.clauses:
        if clause.part not in ("final", "closing"):
            spec.clauses[clause.id] = ClauseChoice(include=False)
    bullets = "\n".join(f"- item {n + 1};" for n in range(lines))
    spec.clauses["custom.padding"] = ClauseChoice(
        part="final", heading="Padding", title="Padding", text=f"The list:\n{bullets}"
    )
    spec.params["signature_form"] = form
    spec.params["partner_signatory_title"] = "Prime Minister and Minister of Foreign and European Affairs of Montenegro"
    return assemble(spec, library)


@needs_libreoffice
def test_the_signature_block_never_splits_at_any_point_of_a_page(library, office, tmp_path: Path) -> None:
    """Montenegro's final provisions and closing, padded one bullet at a time over a whole page: wherever
    the page ends, 'Done at' and both signatories stay together (Montenegro's block used to split)."""
    _, montenegro = load_draft(EXAMPLES / "montenegro.toml", library)
    forms = ("states", "partner_government", "governments")
    drafts = {f"d{lines:02d}": padded(montenegro, library, lines, forms[lines % 3]) for lines in range(0, 40)}
    page_counts = set()
    for key, draft in drafts.items():
        source = tmp_path / f"{key}.docx"
        source.write_bytes(render_draft(draft))
        texts = pages(office.convert(source, "pdf", tmp_path), tmp_path)
        page_counts.add(len(texts))
        signature_page_holds(draft, texts)
    assert len(page_counts) >= 2  # the padding did carry the block across a page end


@needs_libreoffice
def test_export_to_pdf(cli, library, tmp_path: Path) -> None:
    target = tmp_path / "montenegro.pdf"
    result = cli("export", EXAMPLES / "montenegro.toml", "-o", target)
    assert result.exit_code == 0, result.stderr
    assert target.read_bytes().startswith(b"%PDF")
    texts = pages(target, tmp_path)
    assert "AGREEMENT ON SECURITY CO-OPERATION" in texts[0] and "DRAFT \u2014 Round 5" in texts[0]
    assert "1. This Agreement" in " ".join(texts)  # list numbers are printed
    signature_page_holds(load_draft(EXAMPLES / "montenegro.toml", library)[1], texts)
    redline = tmp_path / "redline.pdf"
    assert cli("export", EXAMPLES / "montenegro.toml", "--redline-against", "standard", "-o", redline).exit_code == 0
    assert pages(redline, tmp_path)[0].startswith("Comparison of the standard draft with Montenegro")
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".pdf") == ["montenegro.pdf", "redline.pdf"]


def test_pdf_without_libreoffice_says_how_to_get_it(cli, tmp_path: Path, monkeypatch) -> None:
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    target = tmp_path / "draft.pdf"
    result = cli("export", EXAMPLES / "montenegro.toml", "-o", target)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{target}: PDF output needs LibreOffice") and "apt-get install" in result.stderr
    built = cli("build", EXAMPLES / "montenegro.toml", "--out", tmp_path / "out", "--format", "pdf")
    assert built.exit_code == 2 and "needs LibreOffice" in built.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bin", "out"] and not any((tmp_path / "out").iterdir())


@needs_libreoffice
def test_libreoffice_that_runs_out_of_time_is_stopped(library) -> None:
    _, draft = load_draft(EXAMPLES / "bulgaria.toml", library)
    with pytest.raises(BadInput) as caught:
        convert_to_pdf({"slow": render_draft(draft)}, label="slow.pdf", timeout=0.2)
    assert str(caught.value).startswith("slow.pdf: LibreOffice did not finish the PDF within 0.2 s")
    left = [pid for pid in os.listdir("/proc") if pid.isdigit() and b"bsa-pdf-" in _command_line(pid)]
    assert left == [], "LibreOffice kept running after its time ran out"


def _command_line(pid: str) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""
