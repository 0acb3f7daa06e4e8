"""The zip writer behind every DOCX: what it writes, zipfile (and so Word's readers) reads back."""

from __future__ import annotations

import io
import os
import zipfile

from bsa_drafter.export.package import compress, write_zip


def test_members_read_back_byte_for_byte() -> None:
    members = {
        "[Content_Types].xml": b"<Types/>",
        "word/document.xml": os.urandom(50_000) + b"<w:p/>" * 20_000,
        "word/\u0441\u0442\u0438\u043b\u0456.xml": "\u0423\u043a\u0440\u0430\u0457\u043d\u0430".encode(),
        "empty.xml": b"",
    }
    data = write_zip(compress(name, content) for name, content in members.items())
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None
        assert archive.namelist() == list(members)
        for name, content in members.items():
            assert archive.read(name) == content
            assert archive.getinfo(name).compress_type == zipfile.ZIP_DEFLATED


def test_a_member_compressed_once_serves_every_document() -> None:
    styles = compress("word/styles.xml", b"<w:styles>" + b"<w:style/>" * 1000 + b"</w:styles>")
    first = write_zip([compress("word/document.xml", b"<a/>"), styles])
    second = write_zip([compress("word/document.xml", b"<b/>"), styles])
    for data in (first, second):
        assert zipfile.ZipFile(io.BytesIO(data)).read("word/styles.xml").startswith(b"<w:styles><w:style/>")
    assert len(styles.compressed) < styles.size / 20
    assert write_zip([styles]) == write_zip([styles])  # no clock in the bytes: same input, same file
