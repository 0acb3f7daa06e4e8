"""Plain text, Markdown and the text layer of a PDF: paragraphs rebuilt from wrapped lines."""

from __future__ import annotations

import re

from bsa_drafter.errors import BadInput, Problem
from bsa_drafter.models import Paragraph
from bsa_drafter.reading.structure import TOP_HEADING, assign_heading_paths, line_heading_level
from bsa_drafter.textsafety import strip_forbidden_chars


def decode_text(data: bytes, label: str) -> str:
    if b"\x00" in data[:8192]:
        raise BadInput(Problem(label, None, "binary data: expected a UTF-8 text file"))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise BadInput(Problem(label, line, "not valid UTF-8: save the text as UTF-8")) from None


_PAGE_NUMBER = re.compile(r"^\s*(?:-\s*)?(?:page\s+)?\d{1,3}(?:\s*(?:of|/)\s*\d{1,3})?(?:\s*-)?\s*$", re.IGNORECASE)
# where a line of plain text starts a new paragraph, judged before wrapped lines are joined: the list
# markers of reading/markers.py and any bracketed word of up to four letters ("(aa)", and at times an
# acronym), which the reading of the reference texts was labelled with
_LIST_START = re.compile(r"^\s*(?:\d{1,2}(?:\.\d{1,2})*[.)]\s+|\(\w{1,4}\)\s+|[a-z]\)\s+|[•●▪·◦\-–*]\s+|o\s+(?=[a-z]))")
_BULLET_MARK = re.compile(r"^\s*(?:(?P<one>[•●▪·\-–*]|\(?[a-h]\)|\([ivx]{1,4}\))|(?P<two>[o◦]))\s+(?=\S)")
_MD_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
# a paragraph number glued to its first word in some PDFs' text layer: "10.Norway will ..."
_GLUED_NUMBER = re.compile(r"^(\s*\d{1,2}\.)(?=[A-Z][a-z])")


def paragraphs_from_lines(text: str, markdown: bool = False) -> list[Paragraph]:
    """Rebuild paragraphs from wrapped lines: join wrapped lines (keeping real hyphens),
    start a paragraph at a blank line or a list marker, and recognise headings."""
    text = strip_forbidden_chars(text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\n"))
    lines = [_GLUED_NUMBER.sub(r"\1 ", line.rstrip()) for line in text.split("\n")]
    lines = [line for line in lines if not _PAGE_NUMBER.match(line) or not line.strip()]
    paragraphs: list[Paragraph] = []
    current: list[str] = []

    def flush() -> None:
        if current:
            joined = _join_wrapped(current)
            if joined.strip():
                bullet = _BULLET_MARK.match(joined)
                level = 0 if bullet is None else (1 if bullet.group("one") else 2)
                paragraphs.append(Paragraph(len(paragraphs), joined.strip(), "paragraph", list_level=level))
            current.clear()

    def heading(title: str, level: int) -> None:
        flush()
        paragraphs.append(Paragraph(len(paragraphs), title, "heading", level=level))

    previous_ended = True
    for number, line in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            flush()
            previous_ended = True
            continue
        if markdown:
            md = _MD_HEADING.match(line)
            if md:
                title = md.group(2).strip()
                heading(title, 1 if len(md.group(1)) == 1 or TOP_HEADING.match(title) else 2)
                previous_ended = True
                continue
        following = lines[number + 1] if number + 1 < len(lines) else None
        level = line_heading_level(line, previous_ended or not current, following)
        if level is not None:
            heading(stripped, level)
            previous_ended = True
            continue
        if _LIST_START.match(line):
            flush()
        current.append(stripped)
        previous_ended = stripped[-1] in ".;:!?" or stripped.endswith((".)", '."', ".”"))
    flush()
    _title_block(paragraphs)
    assign_heading_paths(paragraphs)
    return paragraphs


def _title_block(paragraphs: list[Paragraph]) -> None:
    """Headings in capitals before the first body paragraph are the document's title."""
    for paragraph in paragraphs:
        if paragraph.kind == "paragraph":
            if len(paragraph.text.split()) > 6 or not paragraph.text.isupper():
                return
            paragraph.kind = "heading"  # "BETWEEN", "AND" between the capitalised title lines
        if not TOP_HEADING.match(paragraph.text) and paragraph.text.upper() == paragraph.text:
            paragraph.level = 0
        else:
            return


def _join_wrapped(lines: list[str]) -> str:
    out = lines[0]
    for line in lines[1:]:
        if out.endswith("-") and len(out) > 1 and out[-2].isalpha() and line[:1].isalpha():
            out += line  # a compound split at its hyphen: "Euro-" + "Atlantic"
        else:
            out += " " + line
    return out
