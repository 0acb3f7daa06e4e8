"""A Word file read as Word shows it: one lxml pass over the package's parts.

Everything Word displays is read, in reading order: paragraphs, tables (nested too), content
controls, text boxes, field results and the wrappers Word adds (smart tags, custom XML,
hyperlinks). Tracked changes give two views of every paragraph: *proposed* (all revisions
accepted) and *before* (all rejected); each revision and comment is kept with its author,
date and text. Footnotes and endnotes are kept as notes. What cannot be read (altChunk parts,
embedded objects) and broken markup are reported as warnings, never skipped silently.

The file is foreign and untrusted: the zip container is checked before any XML parser sees it
(size, compression ratio, encryption), and every part is parsed with entities, DTDs and the
network off, and refused when it declares a DOCTYPE, whatever its name or encoding.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from dataclasses import dataclass, field
from typing import Iterator

from lxml import etree

from bsa_drafter.errors import BadInput, Problem
from bsa_drafter.models import View
from bsa_drafter.reading.structure import StyledParagraph, TableCell

MAX_UNPACKED_BYTES = 200_000_000
MAX_COMPRESSION_RATIO = 200
MAX_ZIP_MEMBERS = 2_000
MAX_PART_BYTES = 60_000_000

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # encrypted Office files are OLE containers
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_W14 = "{http://schemas.microsoft.com/office/word/2010/wordml}"
_W15 = "{http://schemas.microsoft.com/office/word/2012/wordml}"
_OFFICE_DOCUMENT = "/officeDocument"

# Revision states of a piece of text: in both views, only when revisions are accepted, or
# only when they are rejected.
BOTH, PROPOSED_ONLY, BEFORE_ONLY = 0, 1, -1


def _parser() -> etree.XMLParser:
    # one parser per file read: lxml parsers must not be shared between threads
    return etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_pis=True, remove_comments=True
    )


# --- the container -----------------------------------------------------------------------------


def check_docx_container(data: bytes, label: str) -> zipfile.ZipFile:
    """Refuse what is not a safe, ordinary DOCX before any XML parser sees it."""
    if data.startswith(_OLE_MAGIC):
        raise BadInput(
            Problem(
                label,
                None,
                "password-protected or encrypted Word file: remove the password in Word and save it again as .docx",
            )
        )
    if not data.startswith(b"PK"):
        raise BadInput(Problem(label, None, "not a DOCX file (it is not a zip archive): save it from Word as .docx"))
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise BadInput(Problem(label, None, f"corrupt DOCX (broken zip archive: {exc})")) from None
    if len(members) > MAX_ZIP_MEMBERS:
        raise BadInput(Problem(label, None, f"suspicious DOCX: {len(members)} parts (at most {MAX_ZIP_MEMBERS})"))
    total = 0
    for member in members:
        if member.flag_bits & 0x1:
            raise BadInput(Problem(label, None, "encrypted DOCX parts: remove the password and save it again"))
        total += member.file_size
        ratio = member.file_size / member.compress_size if member.compress_size else 0
        if ratio > MAX_COMPRESSION_RATIO and member.file_size > 5_000_000:
            raise BadInput(
                Problem(
                    label,
                    None,
                    f"refused: {member.filename} expands {member.file_size // member.compress_size}x (a zip bomb?)",
                )
            )
    if total > MAX_UNPACKED_BYTES:
        raise BadInput(
            Problem(
                label,
                None,
                f"refused: the DOCX unpacks to {total / 1_000_000:.0f} MB (at most "
                f"{MAX_UNPACKED_BYTES // 1_000_000} MB)",
            )
        )
    return archive


class _Package:
    """The parts of one DOCX, each parsed at most once, defensively."""

    def __init__(self, data: bytes, label: str):
        self.label = label
        self.archive = check_docx_container(data, label)
        self.names = {member.filename for member in self.archive.infolist()}
        self.parser = _parser()
        self._parsed: dict[str, etree._Element | None] = {}
        self.warnings: list[tuple[str, str]] = []

    def xml(self, name: str, required: bool = False) -> etree._Element | None:
        """The root of a part; None when it is absent, or broken and not required (warned)."""
        if name in self._parsed:
            return self._parsed[name]
        root = None
        if name in self.names:
            try:
                with self.archive.open(name) as handle:
                    data = handle.read(MAX_PART_BYTES + 1)
                if len(data) > MAX_PART_BYTES:
                    raise BadInput(
                        Problem(self.label, None, f"refused: {name} is larger than {MAX_PART_BYTES // 1_000_000} MB")
                    )
                root = etree.fromstring(data, self.parser)
            except (etree.XMLSyntaxError, ValueError) as exc:
                if required:
                    raise BadInput(
                        Problem(self.label, None, f"corrupt DOCX (unreadable XML in {name}: {_first_line(exc)})")
                    ) from None
                self.warnings.append(
                    ("broken-markup", f"{name} is not well-formed XML ({_first_line(exc)}): its content was not read")
                )
            except (zipfile.BadZipFile, OSError, EOFError, RuntimeError) as exc:
                raise BadInput(Problem(self.label, None, f"corrupt DOCX (broken zip archive: {exc})")) from None
            if root is not None:
                info = root.getroottree().docinfo
                if info.doctype or info.internalDTD is not None or info.externalDTD is not None:
                    raise BadInput(
                        Problem(
                            self.label,
                            None,
                            f"refused: {name} declares a DTD or entities (external entities are not allowed in a DOCX)",
                        )
                    )
        elif required:
            raise BadInput(Problem(self.label, None, f"not a Word document: the archive has no {name}"))
        self._parsed[name] = root
        return root

    def main_part(self) -> str:
        """The main document part, found through the package relationships as Word does."""
        rels = self.xml("_rels/.rels")
        if rels is not None:
            for relation in rels.iter(f"{_REL}Relationship"):
                if (relation.get("Type") or "").endswith(_OFFICE_DOCUMENT) and relation.get("TargetMode") != "External":
                    target = posixpath.normpath((relation.get("Target") or "").lstrip("/"))
                    if target in self.names:
                        return target
        if "word/document.xml" in self.names:
            return "word/document.xml"
        raise BadInput(Problem(self.label, None, "not a Word document: the archive has no word/document.xml"))

    def relations(self, part: str) -> dict[str, tuple[str, str]]:
        """rId -> (relationship type's last word, target part) for one part."""
        folder, name = posixpath.split(part)
        rels = self.xml(posixpath.join(folder, "_rels", name + ".rels"))
        found: dict[str, tuple[str, str]] = {}
        if rels is None:
            return found
        for relation in rels.iter(f"{_REL}Relationship"):
            if relation.get("TargetMode") == "External":
                continue
            target = relation.get("Target") or ""
            path = posixpath.normpath(target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target))
            found[relation.get("Id") or ""] = ((relation.get("Type") or "").rsplit("/", 1)[-1], path)
        return found


def _first_line(exc: Exception) -> str:
    return str(exc).splitlines()[0][:160] if str(exc) else type(exc).__name__


def _int(value: str | None, default: int, low: int = 0, high: int = 8) -> int:
    """An integer attribute of foreign XML: anything that is not a number gives the default."""
    try:
        return min(max(int(value or ""), low), high)
    except ValueError:
        return default


def _on(element: etree._Element | None) -> bool:
    """A Word toggle property (<w:b/>, <w:caps w:val="true"/>)."""
    return element is not None and (element.get(f"{W}val") or "true").lower() not in ("0", "false", "off", "none")


# --- styles and numbering ------------------------------------------------------------------------


@dataclass(frozen=True)
class _Style:
    name: str = ""
    heading_level: int | None = None  # 0 for a title, N for "Heading N" or an outline level
    num_id: str | None = None
    num_level: int = 0
    bold: bool = False
    caps: bool = False


class _Styles:
    def __init__(self, root: etree._Element | None):
        self.raw: dict[str, etree._Element] = {}
        self.default_paragraph = ""
        if root is not None:
            for style in root.iter(f"{W}style"):
                style_id = style.get(f"{W}styleId") or ""
                self.raw[style_id] = style
                if style.get(f"{W}type") == "paragraph" and _on_default(style):
                    self.default_paragraph = style_id
        self._resolved: dict[str, _Style] = {}

    def get(self, style_id: str | None) -> _Style:
        style_id = style_id or self.default_paragraph
        if style_id not in self._resolved:
            self._resolved[style_id] = self._resolve(style_id, 0)
        return self._resolved[style_id]

    def _resolve(self, style_id: str, depth: int) -> _Style:
        element = self.raw.get(style_id)
        if element is None or depth > 12:  # a cycle of basedOn, or a style that is not there
            return _Style()
        based = element.find(f"{W}basedOn")
        parent = self._resolve(based.get(f"{W}val") or "", depth + 1) if based is not None else _Style()
        name_element = element.find(f"{W}name")
        name = (name_element.get(f"{W}val") or "") if name_element is not None else ""
        lowered = name.lower()
        level = parent.heading_level
        if lowered == "title":
            level = 0
        elif lowered.startswith("heading") and lowered[7:].strip().isdigit():
            level = _int(lowered[7:].strip(), 1, 1, 9)
        outline = element.find(f"{W}pPr/{W}outlineLvl")
        if outline is not None:
            outline_level = _int(outline.get(f"{W}val"), 9, 0, 9)
            level = outline_level + 1 if outline_level < 9 else level
        num_pr = element.find(f"{W}pPr/{W}numPr")
        num_id, num_level = parent.num_id, parent.num_level
        if num_pr is not None:
            num = num_pr.find(f"{W}numId")
            num_id = num.get(f"{W}val") if num is not None else num_id
            ilvl = num_pr.find(f"{W}ilvl")
            num_level = _int(ilvl.get(f"{W}val"), 0) if ilvl is not None else num_level
        run_properties = element.find(f"{W}rPr")
        bold = (
            _on(run_properties.find(f"{W}b"))
            if run_properties is not None and run_properties.find(f"{W}b") is not None
            else parent.bold
        )
        caps = (
            _on(run_properties.find(f"{W}caps"))
            if run_properties is not None and run_properties.find(f"{W}caps") is not None
            else parent.caps
        )
        return _Style(name or parent.name, level, num_id, num_level, bold, caps)


def _on_default(style: etree._Element) -> bool:
    return (style.get(f"{W}default") or "").lower() in ("1", "true", "on")


_ROMAN = (
    (1000, "m"),
    (900, "cm"),
    (500, "d"),
    (400, "cd"),
    (100, "c"),
    (90, "xc"),
    (50, "l"),
    (40, "xl"),
    (10, "x"),
    (9, "ix"),
    (5, "v"),
    (4, "iv"),
    (1, "i"),
)


def _roman(number: int) -> str:
    out = []
    for value, letters in _ROMAN:
        while number >= value:
            out.append(letters)
            number -= value
    return "".join(out)


def _letters(number: int) -> str:
    return chr(ord("a") + (number - 1) % 26) * ((number - 1) // 26 + 1)


def format_number(number: int, number_format: str) -> str:
    if number_format in ("upperRoman", "lowerRoman"):
        text = _roman(max(number, 1))
        return text.upper() if number_format == "upperRoman" else text
    if number_format in ("upperLetter", "lowerLetter"):
        text = _letters(max(number, 1))
        return text.upper() if number_format == "upperLetter" else text
    if number_format == "decimalZero":
        return f"{number:02d}"
    if number_format in ("none", "bullet"):
        return ""
    return str(number)


@dataclass
class _Level:
    start: int = 1
    number_format: str = "decimal"
    text: str = "%1."


class Numbering:
    """Word's list numbering, so that the number a reader sees ("IV.", "(b)") is known."""

    def __init__(self, root: etree._Element | None):
        self.abstract: dict[str, dict[int, _Level]] = {}
        self.instances: dict[str, tuple[str, dict[int, int]]] = {}
        if root is None:
            return
        for abstract in root.iter(f"{W}abstractNum"):
            levels: dict[int, _Level] = {}
            for level in abstract.iter(f"{W}lvl"):
                start, fmt, text = level.find(f"{W}start"), level.find(f"{W}numFmt"), level.find(f"{W}lvlText")
                levels[_int(level.get(f"{W}ilvl"), 0)] = _Level(
                    _int(start.get(f"{W}val") if start is not None else None, 1, 0, 10_000),
                    (fmt.get(f"{W}val") or "decimal") if fmt is not None else "decimal",
                    (text.get(f"{W}val") or "") if text is not None else "",
                )
            self.abstract[abstract.get(f"{W}abstractNumId") or ""] = levels
        for num in root.iter(f"{W}num"):
            abstract_id = num.find(f"{W}abstractNumId")
            overrides = {}
            for override in num.iter(f"{W}lvlOverride"):
                start = override.find(f"{W}startOverride")
                if start is not None:
                    overrides[_int(override.get(f"{W}ilvl"), 0)] = _int(start.get(f"{W}val"), 1, 0, 10_000)
            self.instances[num.get(f"{W}numId") or ""] = (
                (abstract_id.get(f"{W}val") or "") if abstract_id is not None else "",
                overrides,
            )

    def level(self, num_id: str, ilvl: int) -> _Level | None:
        instance = self.instances.get(num_id)
        if instance is None:
            return None
        return self.abstract.get(instance[0], {}).get(ilvl)

    def counter(self) -> "_Counter":
        return _Counter(self)


class _Counter:
    """Counts list items in reading order; one per view, since deleted items do not count."""

    def __init__(self, numbering: Numbering):
        self.numbering = numbering
        self.counts: dict[str, list[int | None]] = {}

    def label(self, num_id: str | None, ilvl: int) -> tuple[str, str]:
        """(the number shown, its format) for the next item of list `num_id` at `ilvl`."""
        if not num_id or num_id == "0":
            return "", ""
        level = self.numbering.level(num_id, ilvl)
        if level is None:
            return "", ""
        counts = self.counts.setdefault(num_id, [None] * 9)
        overrides = self.numbering.instances[num_id][1]
        current = counts[ilvl]
        counts[ilvl] = overrides.get(ilvl, level.start) if current is None else current + 1
        for deeper in range(ilvl + 1, 9):
            counts[deeper] = None
        if level.number_format == "bullet":
            return "", "bullet"

        def value(match_level: int) -> str:
            shown = self.numbering.level(num_id, match_level)
            number = counts[match_level]
            if number is None:
                number = shown.start if shown else 1
            return format_number(number, shown.number_format if shown else "decimal")

        text = level.text
        for k in range(9, 0, -1):
            if f"%{k}" in text:
                text = text.replace(f"%{k}", value(k - 1))
        return text.strip(), level.number_format


# --- the body --------------------------------------------------------------------------------------


@dataclass
class _RawRevision:
    kind: str
    author: str
    date: str
    block: int
    pieces: list[int] = field(default_factory=list)  # indexes into the block's pieces
    whole_paragraph: bool = False


@dataclass
class _RawBlock:
    container: int
    style: _Style
    properties: etree._Element | None
    in_table: bool
    cell: TableCell | None = None
    pieces: list[tuple[str, int, int]] = field(default_factory=list)  # (text, state, revision or -1)
    mark: int = BOTH  # the paragraph mark: BOTH, PROPOSED_ONLY (inserted) or BEFORE_ONLY (deleted)
    bold_chars: int = 0
    caps_chars: int = 0
    text_chars: int = 0

    def text(self, view: View) -> str:
        keep = BEFORE_ONLY if view == "before" else PROPOSED_ONLY
        return "".join(t for t, state, _ in self.pieces if state in (BOTH, keep))

    def has_mark(self, view: View) -> bool:
        return self.mark in (BOTH, BEFORE_ONLY if view == "before" else PROPOSED_ONLY)


@dataclass
class RawComment:
    id: str
    author: str
    date: str
    text: str
    reply_to: str | None = None
    start: tuple[int, int] | None = None  # (block, offset in the block's proposed text)
    end: tuple[int, int] | None = None


@dataclass
class DocxContent:
    """What the reader found, before it is split into the two views."""

    blocks: list[_RawBlock]
    revisions: list[_RawRevision]
    comments: dict[str, RawComment]
    notes: list[tuple[str, str, str, int]]  # (footnote|endnote, id, text, block)
    warnings: list[tuple[str, str, int | None]]  # (code, message, block)
    numbering: Numbering


_SKIP = {
    f"{W}{name}"
    for name in (
        "instrText",
        "delInstrText",
        "rPr",
        "pPr",
        "proofErr",
        "bookmarkStart",
        "bookmarkEnd",
        "lastRenderedPageBreak",
        "permStart",
        "permEnd",
        "sdtPr",
        "sdtEndPr",
        "fldChar",
        "annotationRef",
        "footnoteRef",
        "endnoteRef",
        "separator",
        "continuationSeparator",
        "sectPr",
        "tblPr",
        "tblGrid",
        "trPr",
        "tcPr",
        "moveFromRangeStart",
        "moveFromRangeEnd",
        "moveToRangeStart",
        "moveToRangeEnd",
        "customXmlPr",
        "smartTagPr",
    )
}
_REVISION_KIND = {
    f"{W}ins": ("insertion", PROPOSED_ONLY),
    f"{W}del": ("deletion", BEFORE_ONLY),
    f"{W}moveTo": ("move-to", PROPOSED_ONLY),
    f"{W}moveFrom": ("move-from", BEFORE_ONLY),
}
_WRAPPERS = {
    f"{W}{name}"
    for name in ("hyperlink", "smartTag", "customXml", "fldSimple", "bdo", "dir", "sdtContent", "ruby", "rt")
}
_NOTE_REFERENCE = {f"{W}footnoteReference": "footnote", f"{W}endnoteReference": "endnote"}


class _BodyReader:
    """One walk over the body (and the note parts) in reading order."""

    def __init__(self, styles: _Styles, comments: dict[str, RawComment]):
        self.styles = styles
        self.comments = comments
        self.blocks: list[_RawBlock] = []
        self.revisions: list[_RawRevision] = []
        self.notes_cited: list[tuple[str, str, int]] = []  # (kind, id, block)
        self.warnings: list[tuple[str, str, int | None]] = []
        self.containers = 0
        self.tables = 0
        self.cell: TableCell | None = None  # the cell of the outermost table being read
        self.deferred: list[etree._Element] = []  # text boxes met inside the current paragraph
        self.current: _RawBlock | None = None

    # block level: paragraphs, tables, content controls ...
    def read_container(
        self, element: etree._Element, in_table: bool = False, state: int = BOTH, revision: int = -1
    ) -> None:
        self.containers += 1
        container = self.containers
        self._block_content(element, container, in_table, state, revision)

    def _block_content(
        self, element: etree._Element, container: int, in_table: bool, state: int, revision: int
    ) -> None:
        for child in element:
            tag = child.tag
            if tag == f"{W}p":
                self._paragraph(child, container, in_table, state, revision)
            elif tag == f"{W}tbl":
                self._table(child, state, revision)
            elif tag in (f"{W}sdt", f"{W}customXml", f"{W}sdtContent", f"{W}smartTag"):
                inner = child.find(f"{W}sdtContent") if tag == f"{W}sdt" else child
                if inner is not None:
                    self._block_content(inner, container, in_table, state, revision)
            elif tag in _REVISION_KIND:  # a block-level move or insertion wrapper
                kind, revision_state = _REVISION_KIND[tag]
                self._block_content(child, container, in_table, revision_state, revision)
            elif tag == f"{W}altChunk":
                self.warnings.append(
                    (
                        "unread-content",
                        "an embedded document part (altChunk) was not read: open the file in Word and save it "
                        "again to merge it",
                        len(self.blocks) or None,
                    )
                )
            elif tag == f"{_MC}AlternateContent":
                chosen = _alternate(child)
                if chosen is not None:
                    self._block_content(chosen, container, in_table, state, revision)

    def _table(self, table: etree._Element, state: int, revision: int) -> None:
        # a nested table's paragraphs keep the cell of the outermost table they stand in
        outermost = self.cell is None
        if outermost:
            self.tables += 1
        row_number = -1
        for row in table.iter(f"{W}tr"):
            if row.getparent() is not table and row.getparent().tag != f"{W}sdtContent":
                continue  # rows of a nested table are read through their own cell
            row_number += 1
            row_state, row_revision = state, revision
            row_properties = row.find(f"{W}trPr")
            if row_properties is not None:
                for tag, (kind, revision_state) in _REVISION_KIND.items():
                    change = row_properties.find(tag)
                    if change is not None:
                        row_state, row_revision = revision_state, self._revision(kind, change, len(self.blocks))
            column = 0
            for child in row:
                if child.tag == f"{W}tc":
                    cells = [child]
                elif child.tag in (f"{W}sdt", f"{W}customXml"):
                    cells = list(child.iter(f"{W}tc"))
                else:
                    continue
                for cell in cells:
                    span_element = cell.find(f"{W}tcPr/{W}gridSpan")
                    span = _int(span_element.get(f"{W}val"), 1, 1, 64) if span_element is not None else 1
                    if outermost:
                        self.cell = TableCell(self.tables, row_number, column, span)
                    self.read_container(cell, True, row_state, row_revision)
                    column += span
        if outermost:
            self.cell = None

    def _paragraph(self, paragraph: etree._Element, container: int, in_table: bool, state: int, revision: int) -> None:
        properties = paragraph.find(f"{W}pPr")
        style_element = properties.find(f"{W}pStyle") if properties is not None else None
        style = self.styles.get(style_element.get(f"{W}val") if style_element is not None else None)
        block = _RawBlock(container, style, properties, in_table, self.cell)
        self.blocks.append(block)
        index = len(self.blocks) - 1
        outer, self.current = self.current, block
        mark_revision = -1
        if properties is not None:
            mark = properties.find(f"{W}rPr")
            if mark is not None:
                for tag, (kind, mark_state) in (
                    (f"{W}ins", ("paragraph-mark-inserted", PROPOSED_ONLY)),
                    (f"{W}del", ("paragraph-mark-deleted", BEFORE_ONLY)),
                ):
                    change = mark.find(tag)
                    if change is not None:
                        block.mark = mark_state
                        mark_revision = self._revision(kind, change, index)
            change = properties.find(f"{W}pPrChange")
            if change is not None:
                self._revision("formatting", change, index)
        if state != BOTH and block.mark == BOTH:
            block.mark = state  # a paragraph inside an inserted row or block-level move
        self._inline(paragraph, state, revision, style)
        if mark_revision >= 0:
            self._fold_whole_paragraph(block, mark_revision)
        self.current = outer
        deferred, self.deferred = self.deferred, []
        for box in deferred:
            self.read_container(box, in_table, state, revision)

    def _fold_whole_paragraph(self, block: _RawBlock, mark_revision: int) -> None:
        """A paragraph inserted or deleted whole is one revision, not its text plus its mark."""
        mark = self.revisions[mark_revision]
        state = PROPOSED_ONLY if mark.kind == "paragraph-mark-inserted" else BEFORE_ONLY
        content = {r for _, s, r in block.pieces if r >= 0}
        if block.pieces and all(s == state for _, s, _ in block.pieces) and content:
            for number in content:
                self.revisions[number].whole_paragraph = True
            mark.kind = ""  # dropped when the revisions are listed

    # inline level: runs and everything that wraps them
    def _inline(self, element: etree._Element, state: int, revision: int, style: _Style) -> None:
        for child in element:
            tag = child.tag
            if tag == f"{W}r":
                self._run(child, state, revision, style)
            elif tag in _REVISION_KIND:
                kind, revision_state = _REVISION_KIND[tag]
                self._inline(child, revision_state, self._revision(kind, child, len(self.blocks) - 1), style)
            elif tag in _WRAPPERS or tag == f"{W}sdt":
                self._inline(child.find(f"{W}sdtContent") if tag == f"{W}sdt" else child, state, revision, style)
            elif tag == f"{W}commentRangeStart":
                self._comment_point(child, "start")
            elif tag == f"{W}commentRangeEnd":
                self._comment_point(child, "end")
            elif tag == f"{_MC}AlternateContent":
                chosen = _alternate(child)
                if chosen is not None:
                    self._inline(chosen, state, revision, style)
            elif tag == f"{W}p":  # a paragraph nested in a paragraph: broken, but readable
                self.deferred.append(_wrap(child))

    def _run(self, run: etree._Element, state: int, revision: int, style: _Style) -> None:  # noqa: C901 -- one branch per run child (w:t, w:tab, w:br, w:delText ...)
        block = self.current
        if block is None:
            return
        properties = run.find(f"{W}rPr")
        bold, caps = style.bold, style.caps
        if properties is not None:
            if properties.find(f"{W}b") is not None:
                bold = _on(properties.find(f"{W}b"))
            if properties.find(f"{W}caps") is not None:
                caps = _on(properties.find(f"{W}caps"))
            if properties.find(f"{W}rPrChange") is not None:
                self._revision("formatting", properties.find(f"{W}rPrChange"), len(self.blocks) - 1)
            if properties.find(f"{W}vanish") is not None and _on(properties.find(f"{W}vanish")):
                return  # hidden text: Word does not show it
        for child in run:
            tag = child.tag
            text = None
            if tag == f"{W}t":
                text = child.text or ""
            elif tag == f"{W}delText":
                text = child.text or ""
                if state != BEFORE_ONLY:
                    self.warnings.append(
                        (
                            "broken-markup",
                            "deleted text outside a tracked deletion: read as deleted",
                            len(self.blocks) - 1,
                        )
                    )
                    self._piece(block, text, BEFORE_ONLY, revision, bold, caps)
                    continue
            elif tag == f"{W}tab" or tag == f"{W}ptab":
                text = "\t"
            elif tag in (f"{W}br", f"{W}cr"):
                text = "" if child.get(f"{W}type") in ("page", "column") else "\n"
            elif tag == f"{W}noBreakHyphen":
                text = "-"
            elif tag == f"{W}commentReference":
                self._comment_point(child, "reference")
            elif tag in _NOTE_REFERENCE:
                self.notes_cited.append((_NOTE_REFERENCE[tag], child.get(f"{W}id") or "", len(self.blocks) - 1))
            elif tag in (f"{W}drawing", f"{W}pict", f"{_MC}AlternateContent", f"{W}object"):
                self._embedded(child)
            if text:
                self._piece(block, text, state, revision, bold, caps)

    def _piece(self, block: _RawBlock, text: str, state: int, revision: int, bold: bool, caps: bool) -> None:
        if revision >= 0:
            self.revisions[revision].pieces.append(len(block.pieces))
        block.pieces.append((text, state, revision))
        if state != BEFORE_ONLY and not text.isspace():
            letters = len(text)
            block.text_chars += letters
            block.bold_chars += letters if bold else 0
            block.caps_chars += letters if caps else 0

    def _embedded(self, element: etree._Element) -> None:
        """Text boxes are read after their paragraph; OLE objects cannot be read and are named."""
        if element.tag == f"{_MC}AlternateContent":
            element = _alternate(element)
            if element is None:
                return
        boxes = [box for box in element.iter(f"{W}txbxContent") if _outermost_box(box, element)]
        self.deferred.extend(boxes)
        if element.tag == f"{W}object" and not boxes:
            self.warnings.append(
                (
                    "unread-content",
                    "an embedded object (OLE) was not read: its text, if any, is not analysed",
                    len(self.blocks) - 1,
                )
            )

    def _revision(self, kind: str, element: etree._Element, block: int) -> int:
        author = (element.get(f"{W}author") or "").strip()
        date = (element.get(f"{W}date") or "").strip()
        last = self.revisions[-1] if self.revisions else None
        if (
            last is not None
            and last.block == block
            and (last.kind, last.author, last.date) == (kind, author, date)
            and kind not in ("formatting",)
            and last.pieces
            and self.blocks[block].pieces
            and last.pieces[-1] == len(self.blocks[block].pieces) - 1
        ):
            return len(self.revisions) - 1  # the same change, split over two elements
        self.revisions.append(_RawRevision(kind, author, date, block))
        return len(self.revisions) - 1

    def _comment_point(self, element: etree._Element, which: str) -> None:
        comment_id = element.get(f"{W}id") or ""
        block = len(self.blocks) - 1
        if block < 0:
            return
        comment = self.comments.get(comment_id)
        if comment is None:
            if which != "end":
                self.warnings.append(
                    ("broken-markup", f"a comment mark (id {comment_id or '?'}) points to no comment: ignored", block)
                )
            return
        offset = len(self.blocks[block].text("proposed"))
        if which == "start" or (which == "reference" and comment.start is None):
            comment.start = (block, offset)
        if which == "end" or (which == "reference" and comment.end is None):
            comment.end = (block, offset)


def _alternate(element: etree._Element) -> etree._Element | None:
    """Markup compatibility: read the first choice, as a current Word does, else the fallback."""
    for child in element:
        if child.tag == f"{_MC}Choice":
            return child
    for child in element:
        if child.tag == f"{_MC}Fallback":
            return child
    return None


def _outermost_box(box: etree._Element, within: etree._Element) -> bool:
    """A text box inside another text box is read with the outer one's paragraphs."""
    for ancestor in box.iterancestors():
        if ancestor is within:
            return True
        if ancestor.tag == f"{W}txbxContent":
            return False
    return True


def _wrap(paragraph: etree._Element) -> etree._Element:
    holder = etree.Element(f"{W}txbxContent")
    holder.append(paragraph.__copy__())
    return holder


def _plain_text(element: etree._Element) -> str:
    """The text of a comment or note: its paragraphs, accepted view, one line each."""
    lines = []
    for paragraph in element.iter(f"{W}p"):
        pieces = []
        for node in paragraph.iter(f"{W}t", f"{W}tab", f"{W}br"):
            if any(a.tag in (f"{W}del", f"{W}moveFrom") for a in node.iterancestors()):
                continue
            pieces.append(node.text or "" if node.tag == f"{W}t" else (" " if node.tag == f"{W}tab" else "\n"))
        line = "".join(pieces).strip()
        if line:
            lines.append(line)
    return "\n".join(lines)


def _comments(package: _Package, relations: dict[str, tuple[str, str]]) -> dict[str, RawComment]:
    found: dict[str, RawComment] = {}
    paths = {kind: path for kind, path in relations.values()}
    root = package.xml(paths["comments"]) if "comments" in paths else None
    if root is None:
        return found
    para_to_comment: dict[str, str] = {}
    for comment in root.iter(f"{W}comment"):
        comment_id = comment.get(f"{W}id")
        if comment_id is None:
            package.warnings.append(("broken-markup", "a comment without an id was ignored"))
            continue
        found[comment_id] = RawComment(
            comment_id,
            (comment.get(f"{W}author") or "").strip(),
            (comment.get(f"{W}date") or "").strip(),
            _plain_text(comment),
        )
        for paragraph in comment.iter(f"{W}p"):
            para_id = paragraph.get(f"{_W14}paraId")
            if para_id:
                para_to_comment[para_id] = comment_id
    extended = package.xml(paths["commentsExtended"]) if "commentsExtended" in paths else None
    if extended is not None:  # Word 2013+ threads replies through the paragraphs' ids
        for entry in extended.iter(f"{_W15}commentEx"):
            parent = entry.get(f"{_W15}paraIdParent")
            own = para_to_comment.get(entry.get(f"{_W15}paraId") or "")
            if parent and own and parent in para_to_comment:
                found[own].reply_to = para_to_comment[parent]
    return found


def _notes(
    package: _Package, relations: dict[str, tuple[str, str]], cited: list[tuple[str, str, int]]
) -> list[tuple[str, str, str, int]]:
    paths = {kind: path for kind, path in relations.values()}
    texts: dict[tuple[str, str], str] = {}
    for kind, part_kind in (("footnote", "footnotes"), ("endnote", "endnotes")):
        root = package.xml(paths[part_kind]) if part_kind in paths else None
        if root is None:
            continue
        for note in root.iter(f"{W}{kind}"):
            if note.get(f"{W}type") in ("separator", "continuationSeparator", "continuationNotice"):
                continue
            texts[(kind, note.get(f"{W}id") or "")] = _plain_text(note)
    return [
        (kind, note_id, texts[(kind, note_id)], block) for kind, note_id, block in cited if texts.get((kind, note_id))
    ]


def read_docx_content(data: bytes, label: str) -> DocxContent:
    package = _Package(data, label)
    main = package.main_part()
    root = package.xml(main, required=True)
    assert root is not None
    body = root.find(f"{W}body")
    if body is None:
        raise BadInput(Problem(label, None, f"not a Word document: {main} has no body"))
    relations = package.relations(main)
    paths = {kind: path for kind, path in relations.values()}
    styles = _Styles(package.xml(paths["styles"]) if "styles" in paths else None)
    numbering = Numbering(package.xml(paths["numbering"]) if "numbering" in paths else None)
    comments = _comments(package, relations)
    reader = _BodyReader(styles, comments)
    reader.read_container(body)
    notes = _notes(package, relations, reader.notes_cited)
    warnings = [(code, message, None) for code, message in package.warnings] + reader.warnings
    return DocxContent(reader.blocks, reader.revisions, comments, notes, warnings, numbering)


# --- the two views ---------------------------------------------------------------------------------


@dataclass
class ViewParagraph:
    """One paragraph of a view: its text, the blocks it is made of, and its cues for structure."""

    block: StyledParagraph
    first: int  # the first and last raw block of the paragraph
    last: int


def view_paragraphs(content: DocxContent, view: View) -> Iterator[ViewParagraph]:
    """The paragraphs of one view in reading order. A paragraph mark that the view does not
    have joins the paragraph to the next one, as accepting or rejecting it does in Word."""
    counter = content.numbering.counter()
    blocks = content.blocks
    start = 0
    for index, raw in enumerate(blocks):
        closes = raw.has_mark(view) or index + 1 == len(blocks) or blocks[index + 1].container != raw.container
        if not closes:
            continue
        group = blocks[start : index + 1]
        first = start
        start = index + 1
        text = "".join(b.text(view) for b in group)
        if not text.strip():
            continue
        mark = group[-1]  # the paragraph mark that survives carries the paragraph's properties
        properties = mark.properties
        num_id, ilvl = mark.style.num_id, mark.style.num_level
        outline = None
        centered = False
        if properties is not None:
            num_pr = properties.find(f"{W}numPr")
            if num_pr is not None:
                num = num_pr.find(f"{W}numId")
                level = num_pr.find(f"{W}ilvl")
                num_id = num.get(f"{W}val") if num is not None else num_id
                ilvl = _int(level.get(f"{W}val"), 0) if level is not None else ilvl
            outline_element = properties.find(f"{W}outlineLvl")
            if outline_element is not None:
                outline = _int(outline_element.get(f"{W}val"), 9, 0, 9)
            alignment = properties.find(f"{W}jc")
            centered = alignment is not None and alignment.get(f"{W}val") == "center"
        label, label_format = counter.label(num_id, ilvl)
        heading_level = mark.style.heading_level
        if outline is not None and outline < 9:
            heading_level = outline + 1
        chars = sum(b.text_chars for b in group) or 1
        list_level = 0
        style_name = mark.style.name.lower()
        if style_name.startswith("list bullet"):
            list_level = _int(style_name[11:].strip() or "1", 1, 1, 3)
        elif label_format and (ilvl > 0 or label_format in _SUB_ITEM_FORMATS):
            list_level = min(1 + ilvl, 3)  # a sub-item (bullet, a., i.) belongs to the paragraph before it
        yield ViewParagraph(
            StyledParagraph(
                text=text,
                style_level=heading_level,
                label=label,
                label_format=label_format,
                bold=sum(b.bold_chars for b in group) / chars > 0.9,
                caps=sum(b.caps_chars for b in group) / chars > 0.9,
                centered=centered,
                in_table=mark.in_table,
                list_level=list_level,
                cell=mark.cell,
            ),
            first,
            index,
        )


_SUB_ITEM_FORMATS = {"bullet", "lowerLetter", "upperLetter", "lowerRoman"}
