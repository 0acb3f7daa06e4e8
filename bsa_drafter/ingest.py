"""Read agreement texts (.docx, .txt, .md, .pdf) into paragraphs with their headings.

Foreign files are untrusted. DOCX files are checked before any XML parser sees them: size,
zip structure, compression ratio (zip bombs), encryption, and any DTD or entity declaration
(OOXML never needs one, so its presence is refused rather than parsed).
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from bsa_drafter.errors import BadInput, Problem
from bsa_drafter.models import SIGNATURES, Document, Paragraph
from bsa_drafter.textsafety import strip_forbidden_chars

MAX_INPUT_BYTES = 25_000_000
MAX_UNPACKED_BYTES = 200_000_000
MAX_COMPRESSION_RATIO = 200
MAX_ZIP_MEMBERS = 2_000
TEXT_SUFFIXES = (".txt", ".text", ".md", ".markdown")
SUPPORTED = (".docx", ".pdf") + TEXT_SUFFIXES

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # encrypted Office files are OLE containers


def read_document(path: Path | str) -> Document:
    """Read any supported file into a Document; raises BadInput with a reason people understand."""
    path = Path(path)
    label = str(path)
    if not path.exists():
        raise BadInput(Problem(label, None, "no such file: expected a .docx, .pdf, .txt or .md agreement text"))
    if path.is_dir():
        raise BadInput(Problem(label, None, "is a folder: expected a .docx, .pdf, .txt or .md file"))
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise BadInput(Problem(label, None, f"unsupported file type {suffix or '(none)'!r}: expected one of {', '.join(SUPPORTED)}"))
    size = path.stat().st_size
    if size == 0:
        raise BadInput(Problem(label, None, "empty file: there is no text to analyse"))
    if size > MAX_INPUT_BYTES:
        raise BadInput(
            Problem(label, None, f"file is too large ({size / 1_000_000:.1f} MB): agreement texts are at most {MAX_INPUT_BYTES // 1_000_000} MB")
        )
    data = path.read_bytes()
    if suffix == ".docx":
        document = _read_docx(data, label)
    elif suffix == ".pdf":
        document = _read_pdf(data, label)
    else:
        document = _read_text(data, label, markdown=suffix in (".md", ".markdown"))
    if not any(p.kind == "paragraph" for p in document.paragraphs):
        raise BadInput(Problem(label, None, "no text found: the file holds no paragraphs to analyse"))
    mark_signature_blocks(document.paragraphs)
    return document


_SIGNATURE_START = re.compile(r"^\s*for\s+(?:the\s+)?\S.{0,100}:", re.IGNORECASE)


def mark_signature_blocks(paragraphs: list[Paragraph]) -> None:
    """'For Ukraine:' and the short lines after it (names, titles) are signature lines, not
    clause text: they get the heading SIGNATURES until a heading or a real paragraph."""
    inside = False
    for paragraph in paragraphs:
        if paragraph.kind == "heading":
            inside = False
            continue
        words = len(paragraph.text.split())
        if _SIGNATURE_START.match(paragraph.text) and words <= 20:
            inside = True
        elif words > 15:
            inside = False
        if inside:
            paragraph.heading = SIGNATURES


# --- plain text and markdown ------------------------------------------------------------------


def _read_text(data: bytes, label: str, markdown: bool) -> Document:
    if b"\x00" in data[:8192]:
        raise BadInput(Problem(label, None, "binary data: expected a UTF-8 text file"))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise BadInput(Problem(label, line, "not valid UTF-8: save the text as UTF-8")) from None
    return Document(source=label, paragraphs=paragraphs_from_lines(text, markdown=markdown))


_PAGE_NUMBER = re.compile(r"^\s*(?:-\s*)?(?:page\s+)?\d{1,3}(?:\s*(?:of|/)\s*\d{1,3})?(?:\s*-)?\s*$", re.IGNORECASE)
_LIST_START = re.compile(r"^\s*(?:\d{1,2}(?:\.\d{1,2})*[.)]\s+|\(\w{1,4}\)\s+|[a-z]\)\s+|[•●▪·◦\-–*]\s+|o\s+(?=[a-z]))")
_BULLET_MARK = re.compile(r"^\s*(?:(?P<one>[•●▪·\-–*]|\(?[a-h]\)|\([ivx]{1,4}\))|(?P<two>[o◦]))\s+(?=\S)")
_TOP_HEADING = re.compile(r"^(?:part|article|chapter|section|paragraph)\s+[\dIVXLC]+\b|^[IVXLC]{1,6}\.\s+\S|^annex\b|^preamble\b", re.IGNORECASE)
_FUNCTION_WORD_END = re.compile(r"\b(?:and|or|of|the|to|in|for|with|by|on|a|an|as|at|its|their|that|which|from|is|are|be|will|this)$", re.IGNORECASE)
_MD_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")


def _looks_like_heading(line: str, previous_ended: bool, next_line: str | None) -> bool:
    text = line.strip()
    if not text or len(text) > 110 or _LIST_START.match(line) and not _TOP_HEADING.match(text):
        return False
    if _TOP_HEADING.match(text) and len(text) < 110:
        return previous_ended
    if text[-1] in ".;:,!?" or not (text[0].isupper() or text[0].isdigit()):
        return False
    if _FUNCTION_WORD_END.search(text) or len(text.split()) > 12:
        return False
    if not previous_ended:
        return False
    if next_line is None or not next_line.strip():
        return True
    following = next_line.strip()
    return following[0].isupper() or following[0].isdigit() or bool(_LIST_START.match(next_line)) or following[0] in "•●▪\"“("


def paragraphs_from_lines(text: str, markdown: bool = False) -> list[Paragraph]:
    """Rebuild paragraphs from wrapped lines: join wrapped lines (keeping real hyphens),
    start a paragraph at a blank line or a list marker, and recognise headings."""
    text = strip_forbidden_chars(text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\n"))
    lines = [line.rstrip() for line in text.split("\n")]
    lines = [line for line in lines if not _PAGE_NUMBER.match(line) or not line.strip()]
    paragraphs: list[Paragraph] = []
    top, sub = "", ""
    current: list[str] = []

    def heading_path() -> str:
        return " / ".join(h for h in (top, sub) if h)

    def flush() -> None:
        if current:
            joined = _join_wrapped(current)
            if joined.strip():
                bullet = _BULLET_MARK.match(joined)
                level = 0 if bullet is None else (1 if bullet.group("one") else 2)
                paragraphs.append(Paragraph(len(paragraphs), joined.strip(), "paragraph", heading=heading_path(), list_level=level))
            current.clear()

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
                flush()
                title = md.group(2).strip()
                if len(md.group(1)) == 1 or _TOP_HEADING.match(title):
                    top, sub = title, ""
                else:
                    sub = title
                paragraphs.append(Paragraph(len(paragraphs), title, "heading", heading=heading_path()))
                previous_ended = True
                continue
        following = next((l for l in lines[number + 1 : number + 2]), None)
        if _looks_like_heading(line, previous_ended or not current, following):
            flush()
            if _TOP_HEADING.match(stripped):
                top, sub = stripped, ""
            else:
                sub = stripped
            paragraphs.append(Paragraph(len(paragraphs), stripped, "heading", heading=heading_path()))
            previous_ended = True
            continue
        if _LIST_START.match(line):
            flush()
        current.append(stripped)
        previous_ended = stripped[-1] in ".;:!?" or stripped.endswith((".)", '."', ".”"))
    flush()
    return paragraphs


def _join_wrapped(lines: list[str]) -> str:
    out = lines[0]
    for line in lines[1:]:
        if out.endswith("-") and len(out) > 1 and out[-2].isalpha() and line[:1].isalpha():
            out += line  # a compound split at its hyphen: "Euro-" + "Atlantic"
        else:
            out += " " + line
    return out


# --- DOCX ---------------------------------------------------------------------------------------

_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_DTD = re.compile(rb"<!DOCTYPE|<!ENTITY", re.IGNORECASE)


def check_docx_container(data: bytes, label: str) -> zipfile.ZipFile:
    """Refuse what is not a safe, ordinary DOCX before any XML parser sees it."""
    if data.startswith(_OLE_MAGIC):
        raise BadInput(Problem(label, None, "password-protected or encrypted Word file: remove the password in Word and save it again as .docx"))
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
        if member.compress_size and member.file_size / member.compress_size > MAX_COMPRESSION_RATIO and member.file_size > 5_000_000:
            raise BadInput(Problem(label, None, f"refused: {member.filename} expands {member.file_size // member.compress_size}x (a zip bomb?)"))
    if total > MAX_UNPACKED_BYTES:
        raise BadInput(Problem(label, None, f"refused: the DOCX unpacks to {total / 1_000_000:.0f} MB (at most {MAX_UNPACKED_BYTES // 1_000_000} MB)"))
    names = {m.filename for m in members}
    if "word/document.xml" not in names:
        raise BadInput(Problem(label, None, "not a Word document: the archive has no word/document.xml"))
    for member in members:
        if member.filename.endswith((".xml", ".rels")):
            with archive.open(member) as handle:
                head = handle.read(1_000_000)
            if _DTD.search(head):
                raise BadInput(Problem(label, None, f"refused: {member.filename} declares a DTD or entities (external entities are not allowed in a DOCX)"))
    return archive


def _read_docx(data: bytes, label: str) -> Document:
    check_docx_container(data, label)
    import docx  # python-docx; imported here so that text-only paths do not pay for it
    from docx.opc.exceptions import PackageNotFoundError

    try:
        word = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise BadInput(Problem(label, None, f"corrupt DOCX: {exc}")) from None
    except Exception as exc:  # lxml raises its own syntax errors for broken XML parts
        raise BadInput(Problem(label, None, f"corrupt DOCX (unreadable XML: {type(exc).__name__})")) from None
    paragraphs: list[Paragraph] = []
    top, sub = "", ""
    title = ""
    style_names = _style_names(word)
    for block in _docx_blocks(word, style_names):
        text = strip_forbidden_chars(block[0]).strip()
        if not text:
            continue
        kind, level = block[1], block[2]
        if kind == "heading":
            if level <= 1 or _TOP_HEADING.match(text):
                top, sub = text, ""
            else:
                sub = text
            if not title and level == 0:
                title = text
        heading = " / ".join(h for h in (top, sub) if h)
        paragraphs.append(
            Paragraph(len(paragraphs), " ".join(text.split()) if kind == "heading" else text, kind, heading=heading, list_level=block[3])
        )
    return Document(source=label, paragraphs=paragraphs, title=title)


def _style_names(word) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """Style id -> name, read once (python-docx's paragraph.style scans all styles per call)."""
    names = {}
    for style in word.styles.element.findall(f"{{{_W_NS}}}style"):
        name = style.find(f"{{{_W_NS}}}name")
        names[style.get(f"{{{_W_NS}}}styleId", "")] = name.get(f"{{{_W_NS}}}val", "") if name is not None else ""
    return names


def _docx_blocks(word, style_names: dict[str, str]):  # type: ignore[no-untyped-def]
    """(text, kind, heading level, list level) for every paragraph in body order, tables included."""
    from docx.table import Table

    bullets = _bullet_levels(word)

    for item in word.iter_inner_content():
        if isinstance(item, Table):
            for row in item.rows:
                seen = set()
                for cell in row.cells:
                    if id(cell._tc) in seen:
                        continue
                    seen.add(id(cell._tc))
                    for paragraph in cell.paragraphs:
                        yield paragraph.text, "paragraph", 9, 0
            continue
        text = item.text  # python-docx rebuilds it from the runs on every access: read it once
        yield (text, *_docx_kind(item, text, style_names), _docx_list_level(item, style_names, bullets))


_SUB_ITEM_FORMATS = {"bullet", "lowerLetter", "upperLetter", "lowerRoman", "upperRoman"}


def _bullet_levels(word) -> dict[str, set[int]]:  # type: ignore[no-untyped-def]
    """numId -> the indent levels that are sub-items (bullets, a., i.) rather than numbered
    paragraphs of their own, read once per file."""
    try:
        numbering = word.part.numbering_part.element
    except (KeyError, NotImplementedError, AttributeError):
        return {}
    w = f"{{{_W_NS}}}"
    abstract_bullets: dict[str, set[int]] = {}
    for abstract in numbering.findall(f"{w}abstractNum"):
        levels = set()
        for level in abstract.findall(f"{w}lvl"):
            fmt = level.find(f"{w}numFmt")
            indent = int(level.get(f"{w}ilvl", "0"))
            if indent > 0 or (fmt is not None and fmt.get(f"{w}val") in _SUB_ITEM_FORMATS):
                levels.add(indent)
        abstract_bullets[abstract.get(f"{w}abstractNumId", "")] = levels
    bullets = {}
    for num in numbering.findall(f"{w}num"):
        abstract_id = num.find(f"{w}abstractNumId")
        if abstract_id is not None:
            bullets[num.get(f"{w}numId", "")] = abstract_bullets.get(abstract_id.get(f"{w}val", ""), set())
    return bullets


def _docx_list_level(paragraph, style_names: dict[str, str], bullets: dict[str, set[int]]) -> int:  # type: ignore[no-untyped-def]
    """Sub-items belong to the paragraph before them: 'List Bullet 2' is level 2, and a
    paragraph numbered as a sub-item is level 1 + its indent. Paragraphs numbered 1., 2. ...
    at the top level are clauses of their own."""
    style = style_names.get(paragraph._p.style, paragraph._p.style or "").lower()
    match = re.match(r"list bullet\s*(\d)?", style)
    if match:
        return int(match.group(1) or 1)
    w = f"{{{_W_NS}}}"
    number_properties = paragraph._p.find(f"{w}pPr/{w}numPr")
    if number_properties is None:
        return 0
    num_id = number_properties.find(f"{w}numId")
    level = number_properties.find(f"{w}ilvl")
    indent = int(level.get(f"{w}val", "0")) if level is not None else 0
    if num_id is not None and indent in bullets.get(num_id.get(f"{w}val", ""), set()):
        return 1 + indent
    return 0


def _docx_kind(paragraph, text: str, style_names: dict[str, str]) -> tuple[str, int]:  # type: ignore[no-untyped-def]
    style_id = paragraph._p.style
    lowered = style_names.get(style_id, style_id or "").lower()
    if lowered == "title":
        return "heading", 0
    match = re.match(r"heading\s*(\d)", lowered)
    if match:
        return "heading", int(match.group(1))
    text = text.strip()
    outline = paragraph._p.find(f"{{{_W_NS}}}pPr/{{{_W_NS}}}outlineLvl")
    if outline is not None and text:
        return "heading", int(outline.get(f"{{{_W_NS}}}val", "1")) + 1
    if text and len(text) < 110 and text[-1] not in ".;:," and paragraph.runs:
        runs = [r for r in paragraph.runs if r.text.strip()]
        if runs and all(r.bold for r in runs):
            return "heading", 1 if _TOP_HEADING.match(text) else 2
    return "paragraph", 9


# --- PDF ----------------------------------------------------------------------------------------


def _read_pdf(data: bytes, label: str) -> Document:
    if not data.startswith(b"%PDF"):
        raise BadInput(Problem(label, None, "not a PDF file (no %PDF header)"))
    import logging

    import pypdf
    from pypdf.errors import PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")
            except Exception:
                opened = 0
            if not opened:
                raise BadInput(Problem(label, None, "encrypted PDF: it needs a password; save an unprotected copy"))
        pages = [page.extract_text() or "" for page in reader.pages]
    except BadInput:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise BadInput(Problem(label, None, f"corrupt PDF: {exc}")) from None
    except Exception as exc:  # pypdf has many internal error types for broken files
        raise BadInput(Problem(label, None, f"unreadable PDF ({type(exc).__name__}: {exc})")) from None
    text = "\n".join(pages)
    if len(text.split()) < 5:
        raise BadInput(Problem(label, None, "the PDF has no text layer (a scanned image?): run OCR on it, or ask for the DOCX"))
    return Document(source=label, paragraphs=paragraphs_from_lines(text))
