"""Read agreement texts (.docx, .pdf, .txt, .md) into Documents: paragraphs with their
structure, and for a Word file the tracked changes, comments and notes, in either view.

This is the one entry point for reading a foreign text; the formats live in
`bsa_drafter.reading`. Every refusal is a BadInput with a reason people understand.
"""

from __future__ import annotations

from pathlib import Path

from bsa_drafter.errors import BadInput, Problem
from bsa_drafter.files import read_bytes
from bsa_drafter.models import Comment, Document, Note, Paragraph, ReadingWarning, Revision, View
from bsa_drafter.reading.docx import DocxContent, check_docx_container, read_docx_content, view_paragraphs
from bsa_drafter.reading.language import detect_language
from bsa_drafter.reading.pdf import pdf_text
from bsa_drafter.reading.structure import StyledParagraph, document_title, paragraphs_from_blocks
from bsa_drafter.reading.text import decode_text, paragraphs_from_lines

__all__ = ["SUPPORTED", "check_docx_container", "paragraphs_from_lines", "read_document", "read_layout", "read_views"]

MAX_INPUT_BYTES = 25_000_000
TEXT_SUFFIXES = (".txt", ".text", ".md", ".markdown")
SUPPORTED = (".docx", ".pdf") + TEXT_SUFFIXES


def read_document(path: Path | str, view: View = "proposed") -> Document:
    """Read any supported file into a Document in the given view (only a DOCX with tracked
    changes has two different views); raises BadInput with a reason people understand."""
    return read_views(path, (view,))[view]


def read_views(path: Path | str, views: tuple[View, ...] = ("proposed", "before")) -> dict[View, Document]:
    """The file read once, as one Document per view asked for."""
    return _read(path, views)[0]


def read_layout(path: Path | str, view: View = "proposed") -> tuple[Document, list[StyledParagraph] | None]:
    """One view of a file and, for a Word file, the block each paragraph was read from (its
    format cues and table cell), for readers that look at the layout again: a bilingual file's
    columns are read as two texts."""
    documents, content = _read(path, (view,))
    if content is None:
        return documents[view], None
    return documents[view], [group.block for group in view_paragraphs(content, view)]


def _read(path: Path | str, views: tuple[View, ...]) -> tuple[dict[View, Document], DocxContent | None]:
    path = Path(path)
    label = str(path)
    suffix = path.suffix.lower()
    if path.is_dir():
        raise BadInput(Problem(label, None, "is a folder: expected a .docx, .pdf, .txt or .md file"))
    if suffix not in SUPPORTED:
        raise BadInput(
            Problem(
                label, None, f"unsupported file type {suffix or '(none)'!r}: expected one of {', '.join(SUPPORTED)}"
            )
        )
    data = read_bytes(path, max_bytes=MAX_INPUT_BYTES, what="agreement text (.docx, .pdf, .txt or .md)")
    if not data:
        raise BadInput(Problem(label, None, "empty file: there is no text to analyse"))
    content = None
    if suffix == ".docx":
        content = read_docx_content(data, label)
        documents = {view: docx_document(content, label, view) for view in views}
    else:
        text = pdf_text(data, label) if suffix == ".pdf" else decode_text(data, label)
        paragraphs = paragraphs_from_lines(text, markdown=suffix in (".md", ".markdown"))
        document = Document(source=label, paragraphs=paragraphs, title=document_title(paragraphs))
        documents = {view: document if i == 0 else _copy(document, view) for i, view in enumerate(views)}
    for document in documents.values():
        if not any(p.kind == "paragraph" for p in document.paragraphs):
            raise BadInput(Problem(label, None, "no text found: the file holds no paragraphs to analyse"))
        document.language = detect_language(document)
    return documents, content


def _copy(document: Document, view: View) -> Document:
    paragraphs = [
        Paragraph(p.index, p.text, p.kind, heading=p.heading, list_level=p.list_level, level=p.level, label=p.label)
        for p in document.paragraphs
    ]
    return Document(document.source, paragraphs, document.title, view=view)


def docx_document(content: DocxContent, label: str, view: View) -> Document:
    """One view of a Word file, with every revision, comment and note attached to a paragraph."""
    groups = list(view_paragraphs(content, view))
    paragraphs = paragraphs_from_blocks([group.block for group in groups])
    # every raw block belongs to the paragraph it is part of in this view; a block with no
    # text in this view (a paragraph deleted whole) goes with the paragraph that follows it
    paragraph_of: list[int | None] = [None] * len(content.blocks)
    for number, group in enumerate(groups):
        for block in range(group.first, group.last + 1):
            paragraph_of[block] = number
    following: int | None = len(groups) - 1 if groups else None
    for block in range(len(content.blocks) - 1, -1, -1):
        if paragraph_of[block] is None:
            paragraph_of[block] = following
        else:
            following = paragraph_of[block]
    spans = [(group.first, group.last) for group in groups]

    def around(block: int) -> tuple[int, int]:
        number = paragraph_of[block]
        if number is None:
            return block, block
        first, last = spans[number]
        return min(first, block), max(last, block)

    document = Document(source=label, paragraphs=paragraphs, title=document_title(paragraphs), view=view)
    unauthored = 0
    for raw in content.revisions:
        if not raw.kind:
            continue  # a paragraph mark folded into the revision of its whole paragraph
        blocks = content.blocks[raw.block]
        text = "".join(blocks.pieces[i][0] for i in raw.pieces)
        first, last = around(raw.block)
        document.revisions.append(
            Revision(
                kind=raw.kind,  # type: ignore[arg-type]
                author=raw.author,
                date=raw.date,
                text=text,
                paragraph=paragraph_of[raw.block],
                before=_text_of(content, first, last, "before"),
                after=_text_of(content, first, last, "proposed"),
                whole_paragraph=raw.whole_paragraph,
            )
        )
        unauthored += not raw.author
    if unauthored:
        document.warnings.append(
            ReadingWarning(
                "revision-without-author",
                f"{unauthored} tracked change{'s have' if unauthored > 1 else ' has'} no author",
            )
        )
    for comment in content.comments.values():
        paragraph = paragraph_of[comment.start[0]] if comment.start else None
        anchor = _anchor_text(content, comment.start, comment.end or comment.start) if comment.start else ""
        document.comments.append(
            Comment(
                comment.id, comment.author, comment.date, comment.text, anchor, paragraph, reply_to=comment.reply_to
            )
        )
        if comment.start is None:
            who = f" by {comment.author}" if comment.author else ""
            document.warnings.append(
                ReadingWarning("comment-unanchored", f"comment {comment.id}{who} is anchored nowhere in the text")
            )
    document.comments.sort(key=lambda c: (c.paragraph is None, c.paragraph or 0))
    for kind, note_id, text, block in content.notes:
        document.notes.append(Note(kind, note_id, text, paragraph_of[block] if block >= 0 else None))  # type: ignore[arg-type]
    for code, message, block in content.warnings:
        document.warnings.append(
            ReadingWarning(
                code, message, paragraph_of[block] if block is not None and 0 <= block < len(paragraph_of) else None
            )
        )
    return document


def _text_of(content: DocxContent, first: int, last: int, view: View) -> str:
    """Blocks first..last in one view, with a line break where that view has a paragraph mark."""
    out = []
    for index in range(first, last + 1):
        block = content.blocks[index]
        out.append(block.text(view))
        if index < last and block.has_mark(view) and out[-1]:
            out.append("\n")
    return "".join(out).strip()


def _anchor_text(content: DocxContent, start: tuple[int, int], end: tuple[int, int]) -> str:
    if end < start:
        end = start
    if start[0] == end[0]:
        return content.blocks[start[0]].text("proposed")[start[1] : end[1]].strip()
    pieces = [content.blocks[start[0]].text("proposed")[start[1] :]]
    pieces += [content.blocks[i].text("proposed") for i in range(start[0] + 1, end[0])]
    pieces.append(content.blocks[end[0]].text("proposed")[: end[1]])
    return "\n".join(p for p in pieces if p).strip()
