"""Word comments added to our DOCX: anchored on the right paragraph, read by python-docx and
by LibreOffice, and harmless to the tracked changes around them."""

from __future__ import annotations

import io
import re
import shutil
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from conftest import EXAMPLES
from lxml import etree

from bsa_drafter.compare import standard_draft
from bsa_drafter.export.comments import WordComment, add_comments
from bsa_drafter.export.docx import expected_paragraph_texts, render_draft
from bsa_drafter.export.redline import render_redline
from bsa_drafter.spec import load_draft

sys.path.insert(0, str(Path(__file__).parent))
from test_redline import resolve_changes  # noqa: E402

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
DATE = "2026-11-24T10:00:00Z"
SOFFICE = shutil.which("soffice")


@pytest.fixture(scope="module")
def montenegro(library):
    return load_draft(EXAMPLES / "montenegro.toml", library)[1]


def _body(data: bytes) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return etree.fromstring(archive.read("word/document.xml"))


def test_comments_are_anchored_on_their_paragraph_and_read_by_python_docx(montenegro) -> None:
    comments = [
        WordComment("Either Participant may terminate", "Six months is the standard.", "Legal Department", DATE),
        WordComment(
            "Should the Russian Federation launch", "24 hours <not> 72 & no \x07bell", "Legal Department", DATE, "LD"
        ),
    ]
    data, missed = add_comments(render_draft(montenegro), comments)
    assert missed == []
    read = docx.Document(io.BytesIO(data)).comments
    assert [(c.author, c.initials, c.text) for c in read] == [
        ("Legal Department", "LD", "Six months is the standard."),
        ("Legal Department", "LD", "24 hours <not> 72 & no bell"),
    ]
    body = _body(data)
    for comment_id, words in (("0", "Either Participant may terminate"), ("1", "Should the Russian Federation launch")):
        start = body.find(f".//{W}commentRangeStart[@{W}id='{comment_id}']")
        paragraph = start.getparent()
        assert words in "".join(t.text or "" for t in paragraph.iter(f"{W}t"))
        assert paragraph.find(f"{W}commentRangeEnd[@{W}id='{comment_id}']") is not None
        assert paragraph.find(f"{W}r/{W}commentReference[@{W}id='{comment_id}']") is not None


def test_adding_to_a_file_with_comments_continues_their_numbering(montenegro) -> None:
    once, _ = add_comments(
        render_draft(montenegro), [WordComment("Either Participant may terminate", "first", "A", DATE)]
    )
    twice, _ = add_comments(once, [WordComment("Either Participant may terminate", "second", "B", DATE)])
    assert [c.text for c in docx.Document(io.BytesIO(twice)).comments] == ["first", "second"]
    with zipfile.ZipFile(io.BytesIO(twice)) as archive:
        rels = archive.read("word/_rels/document.xml.rels").decode()
        types = archive.read("[Content_Types].xml").decode()
    assert rels.count("relationships/comments") == 1 and types.count("/word/comments.xml") == 1


def test_a_comment_whose_words_are_not_found_goes_first_and_says_where_it_belongs(montenegro) -> None:
    data, missed = add_comments(
        render_draft(montenegro), [WordComment("No such clause anywhere", "a reason", "A", DATE)]
    )
    assert [m.anchor for m in missed] == ["No such clause anywhere"]
    [comment] = docx.Document(io.BytesIO(data)).comments
    assert comment.text == "(on \u201cNo such clause anywhere\u201d) a reason"


def test_a_comment_on_a_deleted_paragraph_is_deleted_with_it(montenegro) -> None:
    base = standard_draft(montenegro)
    redline = render_redline(montenegro, base, "Reviewer")  # the custom clause of Montenegro is deleted whole
    data, missed = add_comments(
        redline, [WordComment("Ukraine and Montenegro will share their experience", "not ours", "R", DATE)]
    )
    assert missed == []
    body = _body(data)
    reference = body.find(f".//{W}commentReference")
    assert reference.getparent().getparent().tag == f"{W}del"
    ids = [e.get(f"{W}id") for e in body.iter(f"{W}ins", f"{W}del")]
    assert len(ids) == len(set(ids))
    assert resolve_changes(data, accept=True) == expected_paragraph_texts(base)
    assert resolve_changes(data, accept=False) == expected_paragraph_texts(montenegro)


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_reads_the_comments(montenegro, office, tmp_path: Path) -> None:
    data, _ = add_comments(
        render_draft(montenegro),
        [WordComment("Either Participant may terminate", "Six months is the standard.", "Legal Department", DATE)],
    )
    source = tmp_path / "commented.docx"
    source.write_bytes(data)
    converted = office.convert(source, "fodt", tmp_path)
    flat = converted.read_text(encoding="utf-8")
    [annotation] = re.findall(r"<office:annotation\b.*?</office:annotation>", flat, re.S)
    assert "<dc:creator>Legal Department</dc:creator>" in annotation and "Six months is the standard." in annotation
    name = re.search(r'office:name="([^"]+)"', annotation).group(1)
    anchored = flat[flat.index(annotation) : flat.index(f'<office:annotation-end office:name="{name}"/>')]
    assert "Either Participant may terminate" in anchored
