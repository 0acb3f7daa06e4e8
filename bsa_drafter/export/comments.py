"""Word comments added to a rendered DOCX: our reasons beside the clauses they explain.

Works on the bytes of any DOCX we render (a draft or a redline): the comments part
(word/comments.xml), its relationship and content type are added, and each comment is
anchored on the paragraph it belongs to with w:commentRangeStart/End and a
w:commentReference run. A paragraph is found by its text: as it reads with every tracked
change accepted, or else rejected (a clause our answer deletes). Nothing else in the
package changes.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from itertools import count
from typing import Iterator

from lxml import etree

from bsa_drafter.textsafety import strip_forbidden_chars

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = f"{{{W_NS}}}"
_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
COMMENTS_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"
COMMENTS_CONTENT = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
DOCUMENT_PART = "word/document.xml"
COMMENTS_PART = "word/comments.xml"
_NUMBER = re.compile(r"^\s*(?:\d{1,3}[.)]|\([a-z0-9]{1,4}\))\s+")


@dataclass(frozen=True)
class WordComment:
    """A comment to place on the first paragraph whose text begins with `anchor`."""

    anchor: str
    text: str
    author: str
    date: str  # 2026-11-24T10:00:00Z
    initials: str = ""


def _key(text: str) -> str:
    return " ".join(_NUMBER.sub("", text, count=1).replace("\u00a0", " ").split())


def _paragraph_text(paragraph: etree._Element, accepted: bool) -> str:
    """The paragraph's text with every tracked change accepted (or rejected)."""
    drop = f"{_W}del" if accepted else f"{_W}ins"
    pieces = []
    for node in paragraph.iter(f"{_W}t", f"{_W}delText", f"{_W}tab"):
        if any(
            ancestor.tag in (drop, f"{_W}moveFrom" if accepted else f"{_W}moveTo") for ancestor in node.iterancestors()
        ):
            continue
        pieces.append(" " if node.tag == f"{_W}tab" else (node.text or ""))
    return "".join(pieces)


def _initials(author: str) -> str:
    return "".join(word[0] for word in author.split()[:3]).upper()


def add_comments(docx: bytes, comments: list[WordComment]) -> tuple[bytes, list[WordComment]]:
    """The DOCX with the comments anchored; returns it and the comments whose paragraph was
    not found (they go on the first paragraph, saying where they belong)."""
    if not comments:
        return docx, []
    source = zipfile.ZipFile(io.BytesIO(docx))
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    document = etree.fromstring(source.read(DOCUMENT_PART), parser)
    paragraphs = list(document.iter(f"{_W}p"))
    accepted = [_key(_paragraph_text(p, True)) for p in paragraphs]
    rejected = [_key(_paragraph_text(p, False)) for p in paragraphs]
    names = set(source.namelist())
    existing = etree.fromstring(source.read(COMMENTS_PART), parser) if COMMENTS_PART in names else None
    part = existing if existing is not None else etree.Element(f"{_W}comments", nsmap={"w": W_NS})
    next_id = 1 + max(
        (int(c.get(f"{_W}id", "0")) for c in part.iter(f"{_W}comment") if c.get(f"{_W}id", "").isdigit()), default=-1
    )
    revision_tags = tuple(
        f"{_W}{tag}" for tag in ("ins", "del", "moveFrom", "moveTo", "moveFromRangeStart", "moveToRangeStart")
    )
    used = [int(e.get(f"{_W}id")) for e in document.iter(*revision_tags) if (e.get(f"{_W}id") or "").isdigit()]
    revision_ids = count(max(used, default=0) + 1)
    missed = []
    for comment in comments:
        anchor = _key(comment.anchor)
        index = next((k for k, text in enumerate(accepted) if anchor and text.startswith(anchor)), None)
        if index is None:
            index = next((k for k, text in enumerate(rejected) if anchor and text.startswith(anchor)), None)
        text = comment.text
        if index is None:
            missed.append(comment)
            index = next((k for k, t in enumerate(accepted) if t), 0)
            text = f"(on \u201c{comment.anchor[:80]}\u201d) {comment.text}"
        _anchor(paragraphs[index], next_id, revision_ids)
        part.append(_comment_element(next_id, comment, text))
        next_id += 1
    files = {name: source.read(name) for name in source.namelist()}
    files[DOCUMENT_PART] = etree.tostring(document, xml_declaration=True, encoding="UTF-8", standalone=True)
    files[COMMENTS_PART] = etree.tostring(part, xml_declaration=True, encoding="UTF-8", standalone=True)
    if existing is None:
        files["word/_rels/document.xml.rels"] = _with_relationship(files["word/_rels/document.xml.rels"], parser)
        files["[Content_Types].xml"] = _with_content_type(files["[Content_Types].xml"], parser)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            copy = zipfile.ZipInfo(info.filename, date_time=info.date_time)
            copy.compress_type = zipfile.ZIP_DEFLATED
            copy.external_attr = info.external_attr
            target.writestr(copy, files.pop(info.filename))
        for name, data in files.items():  # the new comments part
            target.writestr(
                zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), data, compress_type=zipfile.ZIP_DEFLATED
            )
    return buffer.getvalue(), missed


def _anchor(paragraph: etree._Element, comment_id: int, revision_ids: Iterator[int]) -> None:
    """Mark the whole paragraph as the comment's range, with its reference at the end. In a
    paragraph deleted whole, the reference is deleted with it, so that accepting every
    change leaves no trace of it."""
    start = etree.Element(f"{_W}commentRangeStart")
    start.set(f"{_W}id", str(comment_id))
    properties = paragraph.find(f"{_W}pPr")
    paragraph.insert(paragraph.index(properties) + 1 if properties is not None else 0, start)
    end = etree.SubElement(paragraph, f"{_W}commentRangeEnd")
    end.set(f"{_W}id", str(comment_id))
    holder = paragraph
    mark = properties.find(f"{_W}rPr/{_W}del") if properties is not None else None
    if mark is not None:
        holder = etree.SubElement(paragraph, f"{_W}del")
        holder.set(f"{_W}id", str(next(revision_ids)))
        for name in ("author", "date"):
            if mark.get(f"{_W}{name}") is not None:
                holder.set(f"{_W}{name}", mark.get(f"{_W}{name}"))
    reference_run = etree.SubElement(holder, f"{_W}r")
    reference = etree.SubElement(reference_run, f"{_W}commentReference")
    reference.set(f"{_W}id", str(comment_id))


def _comment_element(comment_id: int, comment: WordComment, text: str) -> etree._Element:
    element = etree.Element(f"{_W}comment")
    element.set(f"{_W}id", str(comment_id))
    author = strip_forbidden_chars(comment.author) or "bsa-drafter"
    element.set(f"{_W}author", author)
    element.set(f"{_W}date", comment.date)
    element.set(f"{_W}initials", strip_forbidden_chars(comment.initials) or _initials(author))
    for line in strip_forbidden_chars(text).splitlines() or [""]:
        paragraph = etree.SubElement(element, f"{_W}p")
        run = etree.SubElement(paragraph, f"{_W}r")
        node = etree.SubElement(run, f"{_W}t")
        node.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        node.text = line
    return element


def _with_relationship(data: bytes, parser: etree.XMLParser) -> bytes:
    root = etree.fromstring(data, parser)
    used = {r.get("Id") for r in root}
    number = 1
    while f"rIdComments{number}" in used:
        number += 1
    relation = etree.SubElement(root, f"{{{_REL_NS}}}Relationship")
    relation.set("Id", f"rIdComments{number}")
    relation.set("Type", COMMENTS_TYPE)
    relation.set("Target", "comments.xml")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _with_content_type(data: bytes, parser: etree.XMLParser) -> bytes:
    root = etree.fromstring(data, parser)
    if not any(o.get("PartName") == f"/{COMMENTS_PART}" for o in root.iter(f"{{{_CT_NS}}}Override")):
        override = etree.SubElement(root, f"{{{_CT_NS}}}Override")
        override.set("PartName", f"/{COMMENTS_PART}")
        override.set("ContentType", COMMENTS_CONTENT)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
