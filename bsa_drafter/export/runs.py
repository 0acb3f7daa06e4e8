"""WordprocessingML runs built from text: the one place where text becomes document XML.

Text is always data: it is cleaned of characters XML cannot hold and escaped here, and the
result is handed to the template as Markup, which the autoescaping environment inserts as is.
"""

from __future__ import annotations

import re
from xml.sax.saxutils import escape

from markupsafe import Markup

from bsa_drafter.textsafety import strip_forbidden_chars

_BRACKETED = re.compile(r"\[[^\[\]\n]*\]")
HIGHLIGHT = '<w:highlight w:val="yellow"/>'


def _content(text: str, deleted: bool) -> str:
    """Text, tabs and line breaks as run content (w:delText inside a deletion)."""
    tag = "w:delText" if deleted else "w:t"
    pieces = []
    for index, line in enumerate(strip_forbidden_chars(text).replace("\r\n", "\n").replace("\r", "\n").split("\n")):
        if index:
            pieces.append("<w:br/>")
        for column, chunk in enumerate(line.split("\t")):
            if column:
                pieces.append("<w:tab/>")
            if chunk:
                pieces.append(f'<{tag} xml:space="preserve">{escape(chunk)}</{tag}>')
    return "".join(pieces)


def run(text: str, *, highlight: bool = False, deleted: bool = False) -> str:
    if not text:
        return ""
    properties = f"<w:rPr>{HIGHLIGHT}</w:rPr>" if highlight else ""
    return f"<w:r>{properties}{_content(text, deleted)}</w:r>"


def text_runs(text: str, *, highlight_brackets: bool = False, deleted: bool = False) -> str:
    """Runs for a piece of text; [bracketed] passages are highlighted when asked."""
    if not highlight_brackets or "[" not in text:
        return run(text, deleted=deleted)
    pieces, position = [], 0
    for match in _BRACKETED.finditer(text):
        pieces.append(run(text[position : match.start()], deleted=deleted))
        pieces.append(run(match.group(0), highlight=True, deleted=deleted))
        position = match.end()
    pieces.append(run(text[position:], deleted=deleted))
    return "".join(pieces)


def markup(xml: str) -> Markup:
    """Mark our own, already escaped run XML as safe for the autoescaping template."""
    return Markup(xml)
