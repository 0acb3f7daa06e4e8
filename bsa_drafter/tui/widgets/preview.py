"""The clause as it will read in the agreement: parameters filled (underlined, so the
negotiator sees which words come from a value), negotiation brackets highlighted, bullets as
bullets. The text is data: it is assembled as Content, never parsed as markup."""

from __future__ import annotations

import re

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from bsa_drafter.assemble import AssembledClause
from bsa_drafter.models import Library
from bsa_drafter.params import fill_placeholders_with_spans

BRACKET = re.compile(r"\[[^\[\]\n]*\]")
VALUE_STYLE = "underline $accent"
BRACKET_STYLE = "bold $text-warning on $warning-muted"
_BULLET = re.compile(r"^(\s*)[-\u2022*]\s+")


def preview_content(clause: AssembledClause, library: Library, values: dict) -> Content:
    filled, _, spans = fill_placeholders_with_spans(clause.source_text, library.params, values)
    content = Content(filled)
    for _, _, start, end in spans:
        content = content.stylize(VALUE_STYLE, start, end)
    for match in BRACKET.finditer(filled):
        content = content.stylize(BRACKET_STYLE, match.start(), match.end())
    lines = []
    for line in content.split("\n", allow_blank=True):
        bullet = _BULLET.match(line.plain)
        if bullet:
            mark = "  \u25e6 " if len(bullet.group(1).expandtabs(4)) >= 2 else "\u2022 "
            line = Content.assemble(("  " + mark, "dim"), line[bullet.end() :])
        lines.append(line)
    number = f"{clause.number}. " if clause.number is not None else ""
    return Content.assemble((number, "bold"), Content("\n").join(lines))


class ClausePreview(VerticalScroll, can_focus=False):
    """Scrolls with the mouse wheel; the keyboard stays in the wording it previews."""

    def compose(self) -> ComposeResult:
        yield Static(id="preview-text")

    def show(self, content: Content) -> None:
        self.query_one("#preview-text", Static).update(content)
