"""Edit a DOCX of ours as the other side would in Word: tracked insertions and deletions,
whole paragraphs deleted or added, comments, and (to be caught) a change left unmarked.

Works on the WordprocessingML with lxml; every paragraph is found by words it contains, and
every change carries an author and a date, as Word writes them.
"""

from __future__ import annotations

import copy
import io
import zipfile
from itertools import count

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
DATE = "2026-11-20T09:30:00Z"


def _text(element: etree._Element) -> str:
    return "".join(node.text or "" for node in element.iter(f"{W}t"))


class ReturnedDraft:
    def __init__(self, docx: bytes):
        self.archive = zipfile.ZipFile(io.BytesIO(docx))
        self.files = {name: self.archive.read(name) for name in self.archive.namelist()}
        self.root = etree.fromstring(self.files["word/document.xml"])
        self.comments: list[etree._Element] = []
        self.ids = count(9000)

    def paragraph(self, containing: str) -> etree._Element:
        for paragraph in self.root.iter(f"{W}p"):
            if containing in _text(paragraph):
                return paragraph
        raise AssertionError(f"no paragraph contains {containing!r}")

    def _change(self, tag: str, author: str) -> etree._Element:
        element = etree.Element(f"{W}{tag}")
        element.set(f"{W}id", str(next(self.ids)))
        element.set(f"{W}author", author)
        element.set(f"{W}date", DATE)
        return element

    @staticmethod
    def _run(text: str, deleted: bool = False) -> etree._Element:
        run = etree.Element(f"{W}r")
        node = etree.SubElement(run, f"{W}delText" if deleted else f"{W}t")
        node.set(XML_SPACE, "preserve")
        node.text = text
        return run

    def _split(self, old: str) -> tuple[etree._Element, etree._Element, etree._Element, int]:
        """The run and the w:t that hold `old`, and where in that w:t it starts."""
        for node in self.root.iter(f"{W}t"):
            if node.text and old in node.text:
                return node.getparent(), node, node.getparent().getparent(), node.text.index(old)
        raise AssertionError(f"no single run holds {old!r}")

    def replace(self, old: str, new: str, author: str = "Partner", tracked: bool = True) -> ReturnedDraft:
        """old -> new inside one run: a tracked deletion and insertion, or silently."""
        run, node, parent, at = self._split(old)
        if not tracked:
            node.text = node.text[:at] + new + node.text[at + len(old) :]
            return self
        before_text, after_text = node.text[:at], node.text[at + len(old) :]
        children = list(run)
        position = children.index(node)
        head = copy.deepcopy(run)
        tail = copy.deepcopy(run)
        for child in list(head)[position + 1 :]:
            head.remove(child)
        list(head)[position].text = before_text
        for child in list(tail)[:position]:
            if child.tag != f"{W}rPr":
                tail.remove(child)
        tail_node = [c for c in tail if c.tag == f"{W}t"][0]
        tail_node.text = after_text
        index = parent.index(run)
        parent.remove(run)
        pieces = [head]
        if old:
            deletion = self._change("del", author)
            deletion.append(self._run(old, deleted=True))
            pieces.append(deletion)
        if new:
            insertion = self._change("ins", author)
            insertion.append(self._run(new))
            pieces.append(insertion)
        pieces.append(tail)
        for offset, piece in enumerate(pieces):
            parent.insert(index + offset, piece)
        return self

    def delete_paragraph(self, containing: str, author: str = "Partner") -> ReturnedDraft:
        """The whole paragraph, its mark included, as one tracked deletion."""
        paragraph = self.paragraph(containing)
        for run in [c for c in paragraph if c.tag == f"{W}r"]:
            for node in run.iter(f"{W}t"):
                node.tag = f"{W}delText"
            deletion = self._change("del", author)
            run.addprevious(deletion)
            deletion.append(run)
        self._mark(paragraph, "del", author)
        return self

    def insert_paragraph_after(
        self, containing: str, text: str, author: str = "Partner", like: str | None = None
    ) -> ReturnedDraft:
        """A new paragraph after the one holding `containing`, styled like it (or like the
        paragraph holding `like`), as a tracked insertion."""
        anchor = self.paragraph(containing)
        model = self.paragraph(like) if like else anchor
        paragraph = etree.Element(f"{W}p")
        properties = model.find(f"{W}pPr")
        if properties is not None:
            paragraph.append(copy.deepcopy(properties))
        insertion = self._change("ins", author)
        insertion.append(self._run(text))
        paragraph.append(insertion)
        self._mark(paragraph, "ins", author)
        anchor.addnext(paragraph)
        return self

    def _mark(self, paragraph: etree._Element, tag: str, author: str) -> None:
        properties = paragraph.find(f"{W}pPr")
        if properties is None:
            properties = etree.Element(f"{W}pPr")
            paragraph.insert(0, properties)
        marks = properties.find(f"{W}rPr")
        if marks is None:
            marks = etree.SubElement(properties, f"{W}rPr")
        for old in marks.findall(f"{W}{tag}"):
            marks.remove(old)
        marks.append(self._change(tag, author))

    def comment(self, containing: str, text: str, author: str = "Partner") -> ReturnedDraft:
        paragraph = self.paragraph(containing)
        comment_id = str(len(self.comments) + 1)
        start = etree.Element(f"{W}commentRangeStart")
        start.set(f"{W}id", comment_id)
        properties = paragraph.find(f"{W}pPr")
        paragraph.insert(paragraph.index(properties) + 1 if properties is not None else 0, start)
        end = etree.SubElement(paragraph, f"{W}commentRangeEnd")
        end.set(f"{W}id", comment_id)
        reference = etree.SubElement(etree.SubElement(paragraph, f"{W}r"), f"{W}commentReference")
        reference.set(f"{W}id", comment_id)
        element = etree.Element(f"{W}comment")
        for key, value in (("id", comment_id), ("author", author), ("date", DATE), ("initials", author[:1])):
            element.set(f"{W}{key}", value)
        etree.SubElement(etree.SubElement(etree.SubElement(element, f"{W}p"), f"{W}r"), f"{W}t").text = text
        self.comments.append(element)
        return self

    def bytes(self) -> bytes:
        files = dict(self.files)
        files["word/document.xml"] = etree.tostring(self.root, xml_declaration=True, encoding="UTF-8", standalone=True)
        if self.comments:
            part = etree.Element(f"{W}comments", nsmap={"w": W_NS})
            part.extend(self.comments)
            files["word/comments.xml"] = etree.tostring(part, xml_declaration=True, encoding="UTF-8", standalone=True)
            rels = files["word/_rels/document.xml.rels"].decode()
            rels = rels.replace(
                "</Relationships>",
                '<Relationship Id="rIdPartnerComments" '
                'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" '
                'Target="comments.xml"/></Relationships>',
            )
            files["word/_rels/document.xml.rels"] = rels.encode()
            types = files["[Content_Types].xml"].decode()
            types = types.replace(
                "</Types>",
                '<Override PartName="/word/comments.xml" '
                'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/></Types>',
            )
            files["[Content_Types].xml"] = types.encode()
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, data in files.items():
                archive.writestr(name, data)
        return buffer.getvalue()
