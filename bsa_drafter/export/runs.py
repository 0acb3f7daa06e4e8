"""WordprocessingML built from text: the one place where text becomes document XML.

Text is always data: it is cleaned of characters XML cannot hold and escaped here, and the
result is handed to the template as Markup, which the autoescaping environment inserts as is.
Runs carry no formatting of their own beyond a highlight on [bracketed] text and, where the
text is not in the document's default language (en-GB), its language; everything else comes
from the paragraph styles of the template.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Sequence
from xml.sax.saxutils import escape, quoteattr

from markupsafe import Markup

from bsa_drafter.textsafety import strip_forbidden_chars

_BRACKETED = re.compile(r"\[[^\[\]\n]*\]")
HIGHLIGHT = '<w:highlight w:val="yellow"/>'
_LANGUAGE_TAG = re.compile(r"^[a-z]{2,3}(-[A-Z]{2})?$")

Span = tuple[int, int]


def bracket_spans(text: str) -> list[Span]:
    """Where the [bracketed] passages of a text are: the options still open in a working draft."""
    return [match.span() for match in _BRACKETED.finditer(text)]


def _content(text: str, tag: str) -> str:
    """Text, tabs and line breaks as run content (w:t, or w:delText inside a deletion)."""
    text = strip_forbidden_chars(text)
    if "\n" not in text and "\t" not in text and "\r" not in text:  # nearly every run: one piece
        return f'<{tag} xml:space="preserve">{escape(text)}</{tag}>' if text else ""
    pieces = []
    for index, line in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n")):
        if index:
            pieces.append("<w:br/>")
        for column, chunk in enumerate(line.split("\t")):
            if column:
                pieces.append("<w:tab/>")
            if chunk:
                pieces.append(f'<{tag} xml:space="preserve">{escape(chunk)}</{tag}>')
    return "".join(pieces)


def language_properties(lang: str | None) -> str:
    """`<w:lang>` for text in another language than the document's (for spell-checking)."""
    if lang is None:
        return ""
    if not _LANGUAGE_TAG.match(lang):
        raise ValueError(f"not a language tag: {lang!r}")
    return f'<w:lang w:val="{lang}"/>'


def run(text: str, *, highlight: bool = False, deleted: bool = False, lang: str | None = None) -> str:
    if not text:
        return ""
    properties = (HIGHLIGHT if highlight else "") + language_properties(lang)
    wrapped = f"<w:rPr>{properties}</w:rPr>" if properties else ""
    content = _content(text, "w:delText" if deleted else "w:t")
    return f"<w:r>{wrapped}{content}</w:r>" if content else ""


def text_runs(
    text: str,
    *,
    highlight_brackets: bool = False,
    highlights: Sequence[Span] = (),
    deleted: bool = False,
    lang: str | None = None,
) -> str:
    """Runs for a piece of text. Highlighted spans (offsets into `text`) are the bracketed
    passages when `highlight_brackets` is set, or the given `highlights`."""
    spans = bracket_spans(text) if highlight_brackets else highlights
    if not spans:
        return run(text, deleted=deleted, lang=lang)
    pieces, position = [], 0
    for start, end in spans:
        start, end = max(start, position), min(end, len(text))
        if start >= end:
            continue
        pieces.append(run(text[position:start], deleted=deleted, lang=lang))
        pieces.append(run(text[start:end], highlight=True, deleted=deleted, lang=lang))
        position = end
    pieces.append(run(text[position:], deleted=deleted, lang=lang))
    return "".join(pieces)


def spans_within(spans: Sequence[Span], start: int, end: int) -> list[Span]:
    """The parts of `spans` that fall inside [start, end), relative to `start`."""
    return [(max(a, start) - start, min(b, end) - start) for a, b in spans if a < end and b > start]


def paragraph(
    style: str,
    content: str,
    *,
    list_id: int = 0,
    mark: str = "",
    lang: str | None = None,
    new_page: bool = False,
    flush_left: bool = False,
) -> str:
    """A paragraph of a template style. `list_id` numbers it in that list (w:num); `mark` is a
    tracked change of the paragraph mark itself (an inserted or deleted paragraph); `new_page`
    starts a page with it; `flush_left` overrides the style's justification."""
    page_break = "<w:pageBreakBefore/>" if new_page else ""
    numbering = f'<w:numPr><w:ilvl w:val="0"/><w:numId w:val="{int(list_id)}"/></w:numPr>' if list_id else ""
    mark_properties = mark + language_properties(lang)
    mark_xml = f"<w:rPr>{mark_properties}</w:rPr>" if mark_properties else ""
    alignment = '<w:jc w:val="left"/>' if flush_left else ""
    return (
        f"<w:p><w:pPr><w:pStyle w:val={_attribute(style)}/>{page_break}{numbering}{alignment}{mark_xml}</w:pPr>"
        f"{content}</w:p>"
    )


@lru_cache(maxsize=64)
def _attribute(value: str) -> str:
    return quoteattr(value)


def markup(xml: str) -> Markup:
    """Mark our own, already escaped XML as safe for the autoescaping template."""
    return Markup(xml)
