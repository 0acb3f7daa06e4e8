"""The structure of an agreement text: which lines are headings, at what level, and the Part /
subheading path of every paragraph.

Many signed agreements mark their headings without Word heading styles: with Roman or "Part"
numbers, list numbering, capitals, or bold short lines. One classifier reads all of these
cues, whatever the source (DOCX blocks with their formatting, or lines of a text or PDF with
only the words). Heading levels: 0 the title, 1 a Part, 2 a subheading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from bsa_drafter.models import SIGNATURES, Document, Paragraph

MAX_HEADING_CHARS = 110
MAX_HEADING_WORDS = 12

# English and Ukrainian («Частина II», «Розділ перший»; Roman numerals typed in Latin or Cyrillic letters)
TOP_HEADING = re.compile(
    r"^(?:part|chapter|section|article|paragraph)\s+(?:[\dIVXL]+|one|two|three|four|five|six|seven|eight|nine|ten)\b"
    r"|^[IVX]{1,6}\s*[.)]\s*\S|^annex\b|^preamble\b|^final\s+provisions\b"
    r"|^(?:частина|розділ|глава|стаття)\s+"
    r"(?:[\dIVXLІХ]+|перш|друг|трет|четверт|п['’ʼ]ят|шост|сьом|восьм|дев['’ʼ]ят|десят)"
    r"|^[ІХ]{1,6}\s*[.)]\s*\S|^додаток\b|^преамбула\b|^прикінцеві\s+положення\b",
    re.IGNORECASE,
)
_FUNCTION_WORD_END = re.compile(
    r"\b(?:and|or|of|the|to|in|for|with|by|on|a|an|as|at|its|their|that|which|from|is|are|be|will|this"
    r"|і|й|та|або|чи|у|в|з|із|до|на|за|для|щодо|про|від|що|який|яка|які|цієї|цього|як)$",
    re.IGNORECASE,
)
_SENTENCE_END = ".;:,!?"
# a finite verb makes a line a sentence, not a title ("the Participants will hold ...", «Учасники проведуть»
# is harder: the Ukrainian future and modal forms that agreements use are listed)
_FINITE_VERB = re.compile(
    r"\b(?:will|shall|may|must|should|would|can|could|is|are|was|were|has|have|had"
    r"|буде|будуть|може|можуть|має|мають|\w+тиме|\w+тимуть)\b",
    re.IGNORECASE,
)
_NUMBERED = re.compile(r"^\s*(?:\d{1,2}(?:\.\d{1,2})*[.)]|\(\w{1,4}\)|[a-z][.)])\s+", re.IGNORECASE)
_AGREEMENT_TITLE = re.compile(
    r"\b(?:agreement|accord|arrangement|memorandum|declaration|treaty|угода|меморандум|декларація|договір)\b",
    re.IGNORECASE,
)
_SHORT_NUMBERED_TITLE = re.compile(r"^\s*(?:article\s+|стаття\s+)?\d{1,2}\.?\s+[A-ZА-ЯІЇЄҐ][^.;:!?]{2,60}$")


class TableCell(NamedTuple):
    """Where a paragraph of a Word table stands: the number of the outermost table in the file
    (from 1), the row and the grid column (from 0), and how many grid columns the cell spans."""

    table: int
    row: int
    column: int
    span: int = 1


@dataclass(slots=True)
class StyledParagraph:
    """A paragraph as read from the file, with the cues its format gives about structure."""

    text: str
    style_level: int | None = None  # from a Title / Heading N style or an outline level
    label: str = ""  # the list number Word shows ("IV.", "3.", "(a)")
    label_format: str = ""  # decimal, upperRoman, bullet ...
    bold: bool = False
    caps: bool = False
    centered: bool = False
    in_table: bool = False
    list_level: int = 0
    cell: TableCell | None = None  # in a table: the cell of the outermost table


def _letters(text: str) -> list[str]:
    return [c for c in text if c.isalpha()]


def is_capitals(text: str) -> bool:
    letters = _letters(text)
    return len(letters) >= 4 and sum(c.isupper() for c in letters) / len(letters) > 0.85


def _short(text: str) -> bool:
    return len(text) <= MAX_HEADING_CHARS and len(text.split()) <= MAX_HEADING_WORDS


def _title_like(text: str) -> bool:
    """Could be a heading by its words alone: short, no closing punctuation, not a fragment."""
    text = text.strip()
    if not text or not _short(text) or text[-1] in _SENTENCE_END:
        return False
    if _FUNCTION_WORD_END.search(text) or _FINITE_VERB.search(text) or _SIGNATURE_START.match(text):
        return False
    return text[0].isupper() or text[0].isdigit() or text[0] in "(["


def heading_level(block: StyledParagraph) -> int | None:
    """The heading level of a DOCX paragraph from its style and format cues, or None for text."""
    text = " ".join(block.text.split())
    if not text or block.in_table or block.list_level:
        return None
    top = bool(TOP_HEADING.match(text)) or (block.label_format == "upperRoman" and _short(text))
    if block.style_level is not None and len(text) <= 2 * MAX_HEADING_CHARS:
        if block.style_level == 0:
            return 0
        return 1 if block.style_level <= 1 or top else 2
    if top and len(text) <= 2 * MAX_HEADING_CHARS and text[-1] not in ".;," and not _FINITE_VERB.search(text):
        return 1
    if not _title_like(text):
        return None
    if block.caps or is_capitals(text):
        return 1 if len(text.split()) > 1 else 2
    if block.bold:
        return 2
    if _SHORT_NUMBERED_TITLE.match(text) and len(text.split()) <= 6:
        return 2
    return None


def line_heading_level(line: str, previous_ended: bool, next_line: str | None) -> int | None:
    """The heading level of one line of plain text (a .txt, or a PDF's text layer)."""
    text = line.strip()
    if not text or len(text) > MAX_HEADING_CHARS:
        return None
    if TOP_HEADING.match(text):
        return 1 if previous_ended else None
    if _NUMBERED.match(line) and not _SHORT_NUMBERED_TITLE.match(text):
        return None
    if not _title_like(text) or not previous_ended:
        return None
    if next_line is not None and next_line.strip():
        following = next_line.strip()
        if not (
            following[0].isupper() or following[0].isdigit() or _NUMBERED.match(next_line) or following[0] in '•●▪"“('
        ):
            return None
    return 1 if is_capitals(text) and len(text.split()) > 1 else 2


# the first paragraph of a numbered run: "1.", "1)", "(1)"
_FIRST_NUMBER = re.compile(r"^\(?1[.)]?$")
_FIRST_NUMBERED_TEXT = re.compile(r"^\s*\(?1[.)]\s+\S")


def _opens_numbered_run(block: StyledParagraph, following: StyledParagraph | None) -> bool:
    """A short line with no format cue that the paragraph numbering restarts under is a
    subheading by its position: "Short-term military support" above "1. With a view ...".
    """
    text = " ".join(block.text.split())
    if following is None or block.label or block.list_level or block.in_table:
        return False
    if not _title_like(text) or not text[0].isupper():
        return False
    return bool(_FIRST_NUMBER.match(following.label.strip()) or _FIRST_NUMBERED_TEXT.match(following.text))


def paragraphs_from_blocks(blocks: list[StyledParagraph]) -> list[Paragraph]:
    """Paragraphs with their kind and heading path. Capitals or centred lines before the
    first body paragraph are the title; a heading style's level is kept, other cues decide."""
    paragraphs: list[Paragraph] = []
    body_started = False
    blocks = [block for block in blocks if block.text.strip()]
    for number, block in enumerate(blocks):
        text = block.text.strip()
        level = heading_level(block)
        following = blocks[number + 1] if number + 1 < len(blocks) else None
        if level is None and body_started and _opens_numbered_run(block, following):
            level = 2
        if not body_started and not TOP_HEADING.match(text):
            if (
                level is None
                and _title_like(text)
                and (block.caps or block.centered or is_capitals(text) or block.bold)
            ):
                level = 0
            elif level == 1 and (_AGREEMENT_TITLE.search(text) or is_capitals(text) or block.centered):
                level = 0
        if level == 0 and body_started:
            level = 1
        if level is None:
            body_started = body_started or len(text.split()) > MAX_HEADING_WORDS
            paragraphs.append(
                Paragraph(len(paragraphs), text, "paragraph", list_level=block.list_level, label=block.label)
            )
        else:
            paragraphs.append(
                Paragraph(len(paragraphs), " ".join(text.split()), "heading", level=level, label=block.label)
            )
    assign_heading_paths(paragraphs)
    return paragraphs


def assign_heading_paths(paragraphs: list[Paragraph]) -> None:
    """Every paragraph's `heading` is "Part / subheading" of the headings above it."""
    top = sub = ""
    for paragraph in paragraphs:
        if paragraph.kind == "heading":
            if paragraph.level <= 1:
                top, sub = ("", "") if paragraph.level == 0 else (_with_label(paragraph), "")
            else:
                sub = _with_label(paragraph)
        paragraph.heading = " / ".join(h for h in (top, sub) if h)
    mark_signature_blocks(paragraphs)


def _with_label(paragraph: Paragraph) -> str:
    return (
        f"{paragraph.label} {paragraph.text}"
        if paragraph.label and not paragraph.text.startswith(paragraph.label)
        else paragraph.text
    )


def document_title(paragraphs: list[Paragraph]) -> str:
    lines = []
    for paragraph in paragraphs:
        if paragraph.kind == "heading" and paragraph.level == 0:
            lines.append(paragraph.text)
        elif lines or paragraph.kind == "paragraph":
            break
    return " ".join(lines)


_SIGNATURE_START = re.compile(r"^\s*(?:for\s+(?:the\s+)?|за\s+)\S.{0,100}:", re.IGNORECASE)


def mark_signature_blocks(paragraphs: list[Paragraph]) -> None:
    """'For Ukraine:' and the short lines after it (names, titles) are signature lines, not
    clause text: they get the heading SIGNATURES until a heading or a real paragraph."""
    inside = False
    for paragraph in paragraphs:
        if paragraph.kind == "heading" and inside and paragraph.level == 2 and len(paragraph.text.split()) <= 6:
            paragraph.kind = "paragraph"  # a name or a title under "For Ukraine:", set apart like a heading
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


def outline_json(document: Document) -> list[dict[str, object]]:
    """The Part / subheading tree: each Part with its subheadings and where they stand."""
    tree: list[dict[str, object]] = []
    for paragraph in document.outline():
        entry = {"paragraph": paragraph.index, "text": _with_label(paragraph), "level": paragraph.level}
        if paragraph.level <= 1 or not tree:
            tree.append({**entry, "subheadings": []})
        else:
            tree[-1]["subheadings"].append(entry)  # type: ignore[union-attr]
    return tree


# --- does it look like one agreement? --------------------------------------------------------------

_SIDES = re.compile(
    r"\b(?:participants?|part(?:y|ies)|signator(?:y|ies)|sides|учасник\w*|сторон\w*|сторін)\b", re.IGNORECASE
)
_FINAL = re.compile(
    r"\b(?:enter(?:s|ed)?\s+into\s+(?:force|effect)|come[s]?\s+into\s+(?:force|effect)|signed\s+(?:at|in)\b|done\s+(?:at|in)\b"
    r"|terminat\w+|amend\w+|in\s+(?:two|three)\s+(?:original|copies)"
    r"|набира\w*\s+чинност\w*|набу\w+\s+чинност\w*|припин\w+|змін\w*\s+до|вчинено\s+(?:в|у)\b|підписано\s+(?:в|у)\b"
    r"|у\s+двох\s+примірниках)",
    re.IGNORECASE,
)


def agreement_shape(document: Document, partner_names: list[str]) -> list[str]:
    """Reasons why a text may not be one agreement (a briefing, a comparison, a note), or []."""
    body = [p.text for p in document.body()]
    text = "\n".join(body)
    words = len(text.split())
    reasons = []
    if words < 60:
        return reasons
    if not _SIDES.search(text):
        reasons.append("it never names the sides as Participants or Parties")
    if not _FINAL.search(text):
        reasons.append("it has no final provisions (entry into effect, termination, amendment, signature)")
    lowered = text.lower()
    named = sorted(  # a plain substring test first: the pattern only where the name occurs at all
        {
            name
            for name in partner_names
            if len(name) > 3 and name.lower() in lowered and re.search(rf"\b{re.escape(name.lower())}\b", lowered)
        }
    )
    if len(named) >= 6:
        reasons.append(f"it names {len(named)} partners ({', '.join(named[:6])}{', ...' if len(named) > 6 else ''})")
    return reasons
