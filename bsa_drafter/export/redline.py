"""A redline DOCX: draft B with every difference from draft A as a native tracked change.

Paragraphs are aligned by their identity (part, subheading, clause and paragraph within the
clause); changed paragraphs get word-level insertions and deletions, and paragraphs that
exist on one side only are inserted or deleted whole, paragraph mark included. In Word or
LibreOffice, accepting every change gives draft B and rejecting every change gives draft A.
"""

from __future__ import annotations

import datetime as dt
import getpass
import os
import pwd
from dataclasses import dataclass
from difflib import SequenceMatcher
from itertools import count
from pathlib import Path
from typing import Any, Iterator
from xml.sax.saxutils import quoteattr

from lxml import etree

from bsa_drafter.assemble import Draft
from bsa_drafter.diff import DELETE, EQUAL, word_diff
from bsa_drafter.export.docx import (
    DOCUMENT_PART,
    Block,
    ExportRefused,
    TemplateRenderer,
    draft_blocks,
    draft_context,
    error_findings,
    plain_text,
    renderer_for,
    signature_heading,
)
from bsa_drafter.export.runs import markup, run
from bsa_drafter.files import atomic_write_bytes

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = f"{{{W_NS}}}"


def default_author() -> str:
    """The user's full name where the system knows it, else the login name."""
    try:
        gecos = pwd.getpwuid(os.getuid()).pw_gecos.split(",")[0].strip()
        if gecos:
            return gecos
    except (KeyError, OSError):
        pass
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "bsa-drafter"


@dataclass
class Revision:
    """Who and when, and a counter for the w:id every tracked change needs."""

    author: str
    date: str
    ids: Iterator[int]

    @classmethod
    def start(cls, author: str, when: dt.datetime | None = None) -> Revision:
        moment = (when or dt.datetime.now(dt.timezone.utc)).astimezone(dt.timezone.utc).replace(microsecond=0)
        return cls(plain_text(author) or "bsa-drafter", moment.strftime("%Y-%m-%dT%H:%M:%SZ"), count(1))

    def attributes(self) -> str:
        return f"w:id=\"{next(self.ids)}\" w:author={quoteattr(self.author)} w:date=\"{self.date}\""

    def inserted(self, text: str) -> str:
        return f"<w:ins {self.attributes()}>{run(text)}</w:ins>" if text else ""

    def deleted(self, text: str) -> str:
        return f"<w:del {self.attributes()}>{run(text, deleted=True)}</w:del>" if text else ""

    def changes(self, old: str, new: str) -> str:
        """Word-level tracked changes from old to new text."""
        if old == new:
            return run(new)
        pieces = []
        for op, text in word_diff(old, new):
            if op == EQUAL:
                pieces.append(run(text))
            elif op == DELETE:
                pieces.append(self.deleted(text))
            else:
                pieces.append(self.inserted(text))
        return "".join(pieces)


def merged_blocks(old: list[Block], new: list[Block], revision: Revision) -> list[dict[str, Any]]:
    """Both drafts' paragraphs in one sequence, with tracked changes as runs."""
    matcher = SequenceMatcher(a=[b.key for b in old], b=[b.key for b in new], autojunk=False)
    merged: list[dict[str, Any]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            for a, b in zip(old[i1:i2], new[j1:j2]):
                merged.append({"style": b.style, "runs": markup(revision.changes(a.text, b.text))})
            continue
        for a in old[i1:i2]:
            merged.append({"style": a.style, "runs": markup(revision.deleted(a.text))})
        for b in new[j1:j2]:
            merged.append({"style": b.style, "runs": markup(revision.inserted(b.text))})
    return merged


def redline_context(base: Draft, current: Draft, revision: Revision) -> dict[str, Any]:
    context = draft_context(current, blocks=merged_blocks(draft_blocks(base), draft_blocks(current), revision))
    context["title_runs"] = markup(revision.changes(plain_text(base.title), plain_text(current.title)))
    for side, (old, new) in enumerate(zip(base.signatories, current.signatories)):
        signatory = context["signatories"][side]
        signatory["heading"] = markup(revision.changes(signature_heading(old["side"]), signature_heading(new["side"])))
        signatory["name"] = markup(revision.changes(old["name"], new["name"]))
        signatory["title"] = markup(revision.changes(old["title"], new["title"]))
    return context


def mark_whole_paragraphs(xml: bytes, revision: Revision) -> bytes:
    """A paragraph that is inserted (or deleted) whole has its paragraph mark tracked too, so
    that rejecting (or accepting) the change removes the paragraph, not only its text."""
    root = etree.fromstring(xml)
    for paragraph in root.iter(f"{_W}p"):
        # docxtpl's {{r}} tag leaves empty runs around what it inserts; they hold no text
        children = [c for c in paragraph if c.tag != f"{_W}pPr" and not _is_empty_run(c)]
        kinds = {c.tag for c in children}
        for change in (f"{_W}ins", f"{_W}del"):
            if children and kinds == {change}:
                properties = paragraph.find(f"{_W}pPr")
                if properties is None:
                    properties = etree.Element(f"{_W}pPr")
                    paragraph.insert(0, properties)
                mark_properties = properties.find(f"{_W}rPr")
                if mark_properties is None:
                    mark_properties = etree.SubElement(properties, f"{_W}rPr")
                mark = etree.SubElement(mark_properties, change)
                mark.set(f"{_W}id", str(next(revision.ids)))
                mark.set(f"{_W}author", revision.author)
                mark.set(f"{_W}date", revision.date)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _is_empty_run(element: etree._Element) -> bool:
    if element.tag != f"{_W}r":
        return False
    return all(child.tag == f"{_W}rPr" or (child.tag == f"{_W}t" and not child.text) for child in element)


def render_redline(base: Draft, current: Draft, author: str, renderer: TemplateRenderer | None = None, when: dt.datetime | None = None) -> bytes:
    revision = Revision.start(author, when)
    context = redline_context(base, current, revision)

    def postprocess(name: str, data: bytes) -> bytes:
        return mark_whole_paragraphs(data, revision) if name == DOCUMENT_PART else data

    return (renderer or renderer_for(None)).render(context, postprocess)


def export_redline(
    base: Draft,
    current: Draft,
    path: Path | str,
    *,
    author: str,
    allow_errors: bool = False,
    renderer: TemplateRenderer | None = None,
) -> Path:
    if not allow_errors:
        errors = error_findings(current)
        if errors:
            raise ExportRefused(errors)
    return atomic_write_bytes(Path(path), render_redline(base, current, author, renderer))


def count_tracked_changes(docx_bytes: bytes) -> dict[str, int]:
    """Insertions and deletions (runs and paragraph marks) in a DOCX's body."""
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(docx_bytes)) as archive:
        root = etree.fromstring(archive.read(DOCUMENT_PART))
    return {"insertions": len(list(root.iter(f"{_W}ins"))), "deletions": len(list(root.iter(f"{_W}del")))}
