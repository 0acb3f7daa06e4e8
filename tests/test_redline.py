"""Redline DOCX: accepting every change gives draft B, rejecting every change gives draft A.

Checked twice: by our own reading of the XML (deletions dropped and insertions kept, or the
other way round) and, when LibreOffice is installed, by LibreOffice itself.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from conftest import EXAMPLES
from lxml import etree

from bsa_drafter.compare import standard_draft
from bsa_drafter.export.docx import expected_paragraph_texts
from bsa_drafter.export.redline import count_tracked_changes, render_redline
from bsa_drafter.spec import load_draft

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
HELPER = Path(__file__).parent / "helpers" / "lo_revisions.py"


def resolve_changes(data: bytes, accept: bool) -> list[str]:
    """Body paragraph texts after accepting or rejecting every tracked change."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    root = copy.deepcopy(root)
    drop, keep = (f"{W}del", f"{W}ins") if accept else (f"{W}ins", f"{W}del")
    for paragraph in list(root.iter(f"{W}p")):
        mark = paragraph.find(f"{W}pPr/{W}rPr/{drop}")
        if mark is not None:  # the whole paragraph goes with its mark
            paragraph.getparent().remove(paragraph)
    for element in list(root.iter(drop)):
        element.getparent().remove(element)
    for element in list(root.iter(keep)):
        parent = element.getparent()
        index = parent.index(element)
        for child in list(element):
            parent.insert(index, child)
            index += 1
        parent.remove(element)
    for text in root.iter(f"{W}delText"):
        text.tag = f"{W}t"
    body = root.find(f"{W}body")
    paragraphs = []
    for paragraph in body.findall(f"{W}p"):
        pieces = []
        for node in paragraph.iter(f"{W}t", f"{W}tab"):
            pieces.append("\t" if node.tag == f"{W}tab" else (node.text or ""))
        paragraphs.append("".join(pieces))
    return paragraphs


@pytest.fixture(scope="module")
def drafts(library):
    _, montenegro = load_draft(EXAMPLES / "montenegro.toml", library)
    _, north_macedonia = load_draft(EXAMPLES / "north_macedonia.toml", library)
    return {"standard": standard_draft(montenegro), "montenegro": montenegro, "north_macedonia": north_macedonia}


PAIRS = [("standard", "montenegro"), ("montenegro", "standard"), ("north_macedonia", "montenegro")]


@pytest.mark.parametrize(("a", "b"), PAIRS)
def test_accept_all_gives_b_and_reject_all_gives_a(drafts, a: str, b: str) -> None:
    data = render_redline(drafts[a], drafts[b], author="Legal Department")
    assert resolve_changes(data, accept=True) == expected_paragraph_texts(drafts[b])
    assert resolve_changes(data, accept=False) == expected_paragraph_texts(drafts[a])


def test_tracked_changes_are_native_and_countable(drafts) -> None:
    when = dt.datetime(2026, 11, 22, 10, 30, tzinfo=dt.timezone.utc)
    data = render_redline(drafts["standard"], drafts["montenegro"], author="O'Brien & <Legal>", when=when)
    counts = count_tracked_changes(data)
    assert counts["insertions"] > 10 and counts["deletions"] > 10
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    changes = list(root.iter(f"{W}ins")) + list(root.iter(f"{W}del"))
    ids = [c.get(f"{W}id") for c in changes]
    assert len(ids) == len(set(ids)) == counts["insertions"] + counts["deletions"]
    assert {c.get(f"{W}author") for c in changes} == {"O'Brien & <Legal>"}
    assert {c.get(f"{W}date") for c in changes} == {"2026-11-22T10:30:00Z"}
    assert not list(root.iter(f"{W}ins")) or all(d.find(f"{W}r/{W}t") is None for d in root.iter(f"{W}del"))
    document = docx.Document(io.BytesIO(data))  # python-docx opens it
    assert document.paragraphs[0].text == drafts["montenegro"].title


def test_identical_drafts_give_no_tracked_changes(drafts) -> None:
    data = render_redline(drafts["montenegro"], drafts["montenegro"], author="x")
    assert count_tracked_changes(data) == {"insertions": 0, "deletions": 0}


def test_cli_redline(cli, tmp_path: Path) -> None:
    target = tmp_path / "redline.docx"
    result = cli("export", EXAMPLES / "bulgaria.toml", "--redline-against", "standard", "-o", target, "--author", "Reviewer")
    assert result.exit_code == 0, result.stderr
    assert "insertions" in result.stdout and "deletions" in result.stdout
    against_spec = cli("export", EXAMPLES / "bulgaria.toml", "--redline-against", EXAMPLES / "north_macedonia.toml", "-o", tmp_path / "r2.docx")
    assert against_spec.exit_code == 0
    assert cli("export", EXAMPLES / "bulgaria.toml", "-o", tmp_path / "x.docx", "--author", "Reviewer").exit_code == 2
    assert cli("export", EXAMPLES / "bulgaria.toml", "--redline-against", tmp_path / "missing.toml", "-o", tmp_path / "y.docx").exit_code == 2


SOFFICE = shutil.which("soffice")
needs_libreoffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")


def _uno_python() -> str:
    for candidate in ("/usr/bin/python3", "/usr/lib/libreoffice/program/python", "/opt/libreoffice/program/python"):
        if Path(candidate).exists() and subprocess.run([candidate, "-c", "import uno"], capture_output=True).returncode == 0:
            return candidate
    raise AssertionError("LibreOffice is installed but no Python with its uno module was found: install python3-uno")


def _normalise(lines: list[str]) -> list[str]:
    return [line.strip().lstrip("\u2022\u2013").strip() for line in lines]


@needs_libreoffice
@pytest.mark.parametrize("accept", [True, False])
def test_libreoffice_accepts_and_rejects_to_the_right_draft(drafts, tmp_path: Path, accept: bool) -> None:
    source = tmp_path / "redline.docx"
    source.write_bytes(render_redline(drafts["standard"], drafts["montenegro"], author="Reviewer"))
    target = tmp_path / "resolved.txt"
    done = subprocess.run(
        [_uno_python(), str(HELPER), "accept" if accept else "reject", str(source), str(target)],
        capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stderr
    before, after = map(int, done.stdout.split())
    assert before > 20 and after == 0
    lines = target.read_text(encoding="utf-8-sig").split("\n")
    expected = expected_paragraph_texts(drafts["montenegro" if accept else "standard"])
    assert _normalise(lines[: len(expected)]) == _normalise(expected)
    assert lines[len(expected)].strip() == "For Ukraine:"


@needs_libreoffice
def test_libreoffice_converts_the_redline_without_complaint(drafts, tmp_path: Path) -> None:
    source = tmp_path / "redline.docx"
    source.write_bytes(render_redline(drafts["standard"], drafts["montenegro"], author="Reviewer"))
    done = subprocess.run(
        [SOFFICE, f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
        capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stderr
    pdf = tmp_path / "redline.pdf"
    assert pdf.exists() and pdf.stat().st_size > 10_000
