"""Reading what the exporter wrote: parts, body paragraphs, and tracked changes resolved."""

from __future__ import annotations

import copy
import io
import zipfile

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MOVE_RANGES = (f"{W}moveFromRangeStart", f"{W}moveFromRangeEnd", f"{W}moveToRangeStart", f"{W}moveToRangeEnd")


def part(data: bytes, name: str) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return etree.fromstring(archive.read(name))


def paragraph_text(paragraph: etree._Element) -> str:
    pieces = []
    for node in paragraph.iter(f"{W}t", f"{W}delText", f"{W}tab", f"{W}br"):
        if node.tag == f"{W}tab":
            pieces.append("\t")
        elif node.tag == f"{W}br":
            pieces.append("\n")
        else:
            pieces.append(node.text or "")
    return "".join(pieces)


def style_of(paragraph: etree._Element) -> str | None:
    style = paragraph.find(f"{W}pPr/{W}pStyle")
    return style.get(f"{W}val") if style is not None else None


def agreement_paragraphs(root: etree._Element) -> list[etree._Element]:
    """The body paragraphs of the agreement: a redline's comparison section (ended by a
    paragraph that carries section properties) and the last, empty structural paragraph left out."""
    body = root.find(f"{W}body")
    paragraphs = body.findall(f"{W}p")
    cover_end = next((k for k, p in enumerate(paragraphs) if p.find(f"{W}pPr/{W}sectPr") is not None), -1)
    paragraphs = paragraphs[cover_end + 1 :]
    if paragraphs and not paragraph_text(paragraphs[-1]):
        paragraphs = paragraphs[:-1]
    return paragraphs


def body_texts(data: bytes) -> list[str]:
    return [paragraph_text(p) for p in agreement_paragraphs(part(data, "word/document.xml"))]


def resolve_changes(data: bytes, accept: bool) -> list[str]:
    """The agreement's paragraph texts after accepting or rejecting every tracked change, moves
    included (accepting a move keeps it where it went; rejecting keeps it where it was)."""
    root = copy.deepcopy(part(data, "word/document.xml"))
    gone, kept = ((f"{W}del", f"{W}moveFrom"), (f"{W}ins", f"{W}moveTo"))
    if not accept:
        gone, kept = kept, gone
    for paragraph in list(root.iter(f"{W}p")):
        if any(paragraph.find(f"{W}pPr/{W}rPr/{tag}") is not None for tag in gone):
            paragraph.getparent().remove(paragraph)  # the whole paragraph goes with its mark
    for element in list(root.iter(*gone, *MOVE_RANGES)):
        element.getparent().remove(element)
    for element in list(root.iter(*kept)):
        if element.getparent().tag == f"{W}rPr":
            element.getparent().remove(element)
            continue
        parent = element.getparent()
        index = parent.index(element)
        for child in list(element):
            parent.insert(index, child)
            index += 1
        parent.remove(element)
    return [paragraph_text(p) for p in agreement_paragraphs(root)]


def tracked(root: etree._Element, tag: str) -> list[etree._Element]:
    return list(root.iter(f"{W}{tag}"))
