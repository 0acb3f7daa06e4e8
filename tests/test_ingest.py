"""Reading agreement texts: structure from DOCX, text and PDF, and refusal of hostile files."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
from pypdf import PdfWriter

from bsa_drafter.errors import BadInput
from bsa_drafter.ingest import paragraphs_from_lines, read_document


def _refusal(path: Path) -> str:
    with pytest.raises(BadInput) as caught:
        read_document(path)
    return str(caught.value.problems[0])


def _docx_bytes(build) -> bytes:
    document = docx.Document()
    build(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_wrapped_lines_are_joined_and_real_hyphens_kept() -> None:
    text = """Part IX. Final Provisions
Termination

1. Either Participant may end this Agreement by written notice sent
to the other Participant. Co-operation with the UK-
Ukraine partnership continues.
2. The second paragraph.
• a bullet that wraps
onto a second line;
3
"""
    paragraphs = paragraphs_from_lines(text)
    kinds = [(p.kind, p.text) for p in paragraphs]
    assert kinds[0] == ("heading", "Part IX. Final Provisions")
    assert kinds[1] == ("heading", "Termination")
    assert kinds[2][1].startswith(
        "1. Either Participant may end this Agreement by written notice sent to the other Participant."
    )
    assert "UK-Ukraine partnership" in kinds[2][1]
    assert kinds[3] == ("paragraph", "2. The second paragraph.")
    assert kinds[4] == ("paragraph", "• a bullet that wraps onto a second line;")
    assert len(paragraphs) == 5  # the lone page number is dropped
    assert paragraphs[2].heading == "Part IX. Final Provisions / Termination"


def test_sentence_starting_a_line_is_not_a_heading() -> None:
    text = (
        "The UK believes that membership would help peace in Europe.\n"
        "The Participants decided on coordinating and strengthening joint\n"
        "efforts to support accession.\n"
    )
    paragraphs = paragraphs_from_lines(text)
    assert [p.kind for p in paragraphs] == ["paragraph"]


def test_markdown_headings(tmp_path: Path) -> None:
    path = tmp_path / "draft.md"
    path.write_text(
        "# Part VIII. Future attack\n\n## Consultation\n\nThe Participants will consult within 24 hours.\n",
        encoding="utf-8",
    )
    document = read_document(path)
    assert [p.kind for p in document.paragraphs] == ["heading", "heading", "paragraph"]
    assert document.paragraphs[2].heading == "Part VIII. Future attack / Consultation"


def test_docx_headings_lists_and_tables(tmp_path: Path) -> None:
    def build(document) -> None:
        document.add_heading("Agreement on Security Co-operation", level=0)
        document.add_heading("Part IX. Final Provisions", level=1)
        document.add_heading("Termination", level=2)
        document.add_paragraph(
            "Either Participant may terminate this Agreement by six months' written notice.", style="List Number"
        )
        bold = document.add_paragraph()
        bold.add_run("Amendments").bold = True
        document.add_paragraph("The Participants may amend this Agreement in writing.")
        table = document.add_table(rows=1, cols=2)
        table.cell(0, 0).text = "For Ukraine:"
        table.cell(0, 1).text = "For Bulgaria:"

    path = tmp_path / "agreement.docx"
    path.write_bytes(_docx_bytes(build))
    document = read_document(path)
    assert document.title == "Agreement on Security Co-operation"
    kinds = [(p.kind, p.text) for p in document.paragraphs]
    assert ("heading", "Termination") in kinds and ("heading", "Amendments") in kinds
    termination = next(p for p in document.paragraphs if p.text.startswith("Either"))
    assert termination.heading == "Part IX. Final Provisions / Termination"
    assert kinds[-2:] == [("paragraph", "For Ukraine:"), ("paragraph", "For Bulgaria:")]


def test_empty_and_unsupported_files(tmp_path: Path) -> None:
    empty = tmp_path / "empty.docx"
    empty.write_bytes(b"")
    assert "empty file" in _refusal(empty)
    blank = tmp_path / "blank.txt"
    blank.write_text("   \n\n", encoding="utf-8")
    assert "no text found" in _refusal(blank)
    odt = tmp_path / "agreement.odt"
    odt.write_bytes(b"PK\x03\x04")
    assert "unsupported file type '.odt'" in _refusal(odt)
    assert "no such file" in _refusal(tmp_path / "missing.pdf")


def test_corrupt_docx(tmp_path: Path) -> None:
    not_zip = tmp_path / "notzip.docx"
    not_zip.write_bytes(b"This is plain text renamed to .docx")
    assert "not a DOCX file" in _refusal(not_zip)
    truncated = tmp_path / "truncated.docx"
    truncated.write_bytes(_docx_bytes(lambda d: d.add_paragraph("x"))[:2000])
    assert "corrupt DOCX" in _refusal(truncated)
    other_zip = tmp_path / "other.docx"
    with zipfile.ZipFile(other_zip, "w") as archive:
        archive.writestr("hello.txt", "hi")
    assert "no word/document.xml" in _refusal(other_zip)
    broken_xml = tmp_path / "broken.docx"
    source = zipfile.ZipFile(io.BytesIO(_docx_bytes(lambda d: d.add_paragraph("x"))))
    with zipfile.ZipFile(broken_xml, "w") as archive:
        for item in source.infolist():
            data = source.read(item)
            archive.writestr(item, b"<w:document><unclosed>" if item.filename == "word/document.xml" else data)
    assert "corrupt DOCX" in _refusal(broken_xml)


def test_password_protected_docx(tmp_path: Path) -> None:
    from msoffcrypto.format.ooxml import OOXMLFile

    plain = io.BytesIO(_docx_bytes(lambda d: d.add_paragraph("secret text")))
    encrypted = io.BytesIO()
    OOXMLFile(plain).encrypt("password", encrypted)
    path = tmp_path / "protected.docx"
    path.write_bytes(encrypted.getvalue())
    assert "password-protected or encrypted" in _refusal(path)


def test_docx_with_external_entity_is_refused(tmp_path: Path) -> None:
    source = zipfile.ZipFile(io.BytesIO(_docx_bytes(lambda d: d.add_paragraph("&xxe;"))))
    path = tmp_path / "xxe.docx"
    with zipfile.ZipFile(path, "w") as archive:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "word/document.xml":
                declaration = b'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
                data = data.replace(b"?>", b"?>" + declaration, 1)
            archive.writestr(item, data)
    message = _refusal(path)
    assert "DTD or entities" in message and "word/document.xml" in message


def test_zip_bomb_is_refused(tmp_path: Path) -> None:
    source = zipfile.ZipFile(io.BytesIO(_docx_bytes(lambda d: d.add_paragraph("x"))))
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for item in source.infolist():
            archive.writestr(item, source.read(item))
        archive.writestr("word/media/padding.bin", b"\0" * 40_000_000)
    assert path.stat().st_size < 1_000_000
    assert "zip bomb" in _refusal(path)


def test_fifty_megabyte_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "huge.pdf"
    with open(path, "wb") as handle:
        handle.write(b"%PDF-1.7\n")
        handle.truncate(50_000_000)
    assert "too large" in _refusal(path)


def test_pdf_without_text_layer_and_encrypted_pdf(tmp_path: Path) -> None:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    scanned = tmp_path / "scan.pdf"
    with open(scanned, "wb") as handle:
        writer.write(handle)
    assert "no text layer" in _refusal(scanned)
    locked_writer = PdfWriter()
    locked_writer.add_blank_page(width=595, height=842)
    locked_writer.encrypt(user_password="secret", owner_password="owner")
    locked = tmp_path / "locked.pdf"
    with open(locked, "wb") as handle:
        locked_writer.write(handle)
    assert "encrypted PDF" in _refusal(locked)
    garbage = tmp_path / "garbage.pdf"
    garbage.write_bytes(b"%PDF-1.4\n" + b"\x00garbage" * 100)
    assert "PDF" in _refusal(garbage)


def test_non_utf8_text(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("Either Participant may terminate.\nSchlu\xdf".encode("latin-1"))
    assert "not valid UTF-8" in _refusal(path)
