"""Build Word files for tests with lxml: paragraphs, tracked changes, comments, notes, tables.

Each helper returns an lxml element in the WordprocessingML namespace; `package` writes a
minimal but complete DOCX (content types, relationships, styles, numbering, comments, notes)
around a body. Nothing here knows the reader under test.
"""

from __future__ import annotations

import io
import zipfile
from itertools import count

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"
NSMAP = {
    "w": W_NS,
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "v": "urn:schemas-microsoft-com:vml",
}
_IDS = count(1)
DATE = "2026-03-02T10:00:00Z"


def el(tag: str, *children, **attributes) -> etree._Element:
    """<w:tag w:key="value">children</w:tag>; a str child is the element's text."""
    prefix, _, name = tag.rpartition(":")
    element = etree.Element(f"{{{NSMAP[prefix or 'w']}}}{name}", nsmap=NSMAP)
    for key, value in attributes.items():
        key_prefix, _, key_name = key.rpartition("_") if key.startswith(("w_", "r_")) else ("w", "", key)
        element.set(f"{{{NSMAP[key_prefix]}}}{key_name}", str(value))
    for child in children:
        if child is None:
            continue
        if isinstance(child, str):
            element.text = child
        else:
            element.append(child)
    return element


def t(text: str) -> etree._Element:
    element = el("t", text)
    element.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return element


def r(text: str = "", *extra, bold: bool = False, caps: bool = False) -> etree._Element:
    properties = el("rPr", el("b") if bold else None, el("caps") if caps else None) if bold or caps else None
    return el("r", properties, t(text) if text else None, *extra)


def deleted_run(text: str) -> etree._Element:
    deleted = el("delText", text)
    deleted.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return el("r", deleted)


def ins(*runs, author: str | None = "Partner", date: str = DATE) -> etree._Element:
    return _change("ins", runs, author, date)


def delete(*runs, author: str | None = "Partner", date: str = DATE) -> etree._Element:
    return _change("del", runs, author, date)


def _change(kind: str, children, author: str | None, date: str) -> etree._Element:
    attributes = {"id": next(_IDS), "date": date}
    if author is not None:
        attributes["author"] = author
    return el(kind, *children, **attributes)


def p(
    *content,
    style: str | None = None,
    mark: str | None = None,
    author: str = "Partner",
    num: tuple[int, int] | None = None,
    outline: str | None = None,
    center: bool = False,
) -> etree._Element:
    """A paragraph; `mark` "ins" or "del" tracks its paragraph mark; `num` is (numId, ilvl)."""
    properties = []
    if style:
        properties.append(el("pStyle", val=style))
    if num:
        properties.append(el("numPr", el("ilvl", val=num[1]), el("numId", val=num[0])))
    if outline is not None:
        properties.append(el("outlineLvl", val=outline))
    if center:
        properties.append(el("jc", val="center"))
    if mark:
        properties.append(el("rPr", _change(mark, (), author, DATE)))
    return el("p", el("pPr", *properties) if properties else None, *content)


def table(*rows) -> etree._Element:
    """rows of cells; a cell is a list of block elements (paragraphs, tables)."""
    return el("tbl", el("tblPr"), *(el("tr", *(el("tc", *cell) for cell in row)) for row in rows))


def text_box(*paragraphs) -> etree._Element:
    """A run holding a DrawingML text box inside markup compatibility, with a VML fallback
    that repeats the same text, as Word writes it."""
    choice = el(
        "mc:Choice",
        el(
            "drawing",
            el(
                "wp:anchor",
                el("a:graphic", el("a:graphicData", el("wps:wsp", el("wps:txbx", el("txbxContent", *paragraphs))))),
            ),
        ),
    )
    choice.set("Requires", "wps")
    copies = [etree.fromstring(etree.tostring(paragraph)) for paragraph in paragraphs]
    fallback = el("mc:Fallback", el("pict", el("v:shape", el("v:textbox", el("txbxContent", *copies)))))
    return el("r", el("mc:AlternateContent", choice, fallback))


def comment_range(comment_id: int, *content) -> list[etree._Element]:
    return [
        el("commentRangeStart", id=comment_id),
        *content,
        el("commentRangeEnd", id=comment_id),
        el("r", el("commentReference", id=comment_id)),
    ]


def comment(comment_id: int, text: str, author: str = "Partner", date: str = DATE) -> etree._Element:
    return el("comment", p(r(text)), id=comment_id, author=author, date=date, initials="P")


STYLES = (
    """<w:styles xmlns:w="%s">
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="ListBullet"><w:name w:val="List Bullet"/><w:basedOn w:val="Normal"/></w:style>
</w:styles>"""
    % W_NS
)

NUMBERING = (
    """<w:numbering xmlns:w="%s">
<w:abstractNum w:abstractNumId="0">
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%%1."/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="1">
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%%1."/></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%%2)"/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
</w:numbering>"""
    % W_NS
)

_REL_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"


def package(
    *body,
    comments: list[etree._Element] | None = None,
    footnotes: list[tuple[int, str]] | None = None,
    parts: dict[str, bytes] | None = None,
    relations: list[tuple[str, str, str]] | None = None,
    main: str = "word/document.xml",
    document_bytes: bytes | None = None,
) -> bytes:
    """A DOCX around the body elements. `parts` adds or replaces raw parts; `relations` adds
    (id, type, target) relationships of the main part; `main` names the main part."""
    document = el("document", el("body", *body, el("sectPr")))
    files: dict[str, bytes] = {
        main: document_bytes
        if document_bytes is not None
        else etree.tostring(document, xml_declaration=True, encoding="UTF-8", standalone=True),
        "word/styles.xml": STYLES.encode(),
        "word/numbering.xml": NUMBERING.encode(),
    }
    rels = [("rIdStyles", "styles", "styles.xml"), ("rIdNumbering", "numbering", "numbering.xml")]
    if comments is not None:
        files["word/comments.xml"] = etree.tostring(el("comments", *comments), xml_declaration=True, encoding="UTF-8")
        rels.append(("rIdComments", "comments", "comments.xml"))
    if footnotes is not None:
        notes = [el("footnote", p(r("")), id=-1, type="separator")]
        notes += [el("footnote", p(r(text)), id=note_id) for note_id, text in footnotes]
        files["word/footnotes.xml"] = etree.tostring(el("footnotes", *notes), xml_declaration=True, encoding="UTF-8")
        rels.append(("rIdFootnotes", "footnotes", "footnotes.xml"))
    rels += relations or []
    folder, name = main.rsplit("/", 1)
    relationships = "".join(
        f'<Relationship Id="{i}" Type="{_REL_TYPE}{kind}" Target="{target}"/>' for i, kind, target in rels
    )
    files[f"{folder}/_rels/{name}.rels"] = (
        f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{relationships}</Relationships>'
    ).encode()
    files["_rels/.rels"] = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{_REL_TYPE}officeDocument" Target="/{main}"/></Relationships>'
    ).encode()
    files["[Content_Types].xml"] = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/{main}" '
        'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
        '<Override PartName="/word/styles.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
        '<Override PartName="/word/numbering.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>'
        '<Override PartName="/word/comments.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/>'
        '<Override PartName="/word/footnotes.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>'
        "</Types>"
    ).encode()
    files.update(parts or {})
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path, data in files.items():
            archive.writestr(path, data)
    return buffer.getvalue()
