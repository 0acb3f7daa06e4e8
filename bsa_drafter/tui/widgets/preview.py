"""The clause as it will read in the agreement: parameters filled (underlined, so the
negotiator sees which words come from a value), negotiation brackets highlighted, bullets as
bullets. The text is data: it is assembled as Content, never parsed as markup."""

from __future__ import annotations

import re

from textual.content import Content
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.visual import Visual

from bsa_drafter.assemble import AssembledClause
from bsa_drafter.models import Library
from bsa_drafter.params import fill_placeholders_with_spans
from bsa_drafter.textblocks import bullet_of

BRACKET = re.compile(r"\[[^\[\]\n]*\]")
VALUE_STYLE = "underline $accent"
BRACKET_STYLE = "bold $text-warning on $warning-muted"


def preview_content(clause: AssembledClause, library: Library, values: dict) -> Content:
    filled, _, spans = fill_placeholders_with_spans(clause.source_text, library.params, values)
    content = Content(filled)
    for _, _, start, end in spans:
        content = content.stylize(VALUE_STYLE, start, end)
    for match in BRACKET.finditer(filled):
        content = content.stylize(BRACKET_STYLE, match.start(), match.end())
    lines = []
    for line in content.split("\n", allow_blank=True):
        bullet = bullet_of(line.plain)
        if bullet:
            kind, words = bullet
            mark = "  \u25e6 " if kind == "subbullet" else "\u2022 "
            line = Content.assemble(("  " + mark, "dim"), line[words:])
        lines.append(line)
    number = f"{clause.number}. " if clause.number is not None else ""
    return Content.assemble((number, "bold"), Content("\n").join(lines))


class ClausePreview(ScrollView, can_focus=False):
    """The preview's lines, wrapped to its width and drawn line by line as a log is: a new
    text repaints this box only, never the layout of the screen, so typing stays fast. It
    scrolls with the mouse wheel; the keyboard stays in the wording it previews."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.content = Content("")
        self._strips: list[Strip] = []

    def show(self, content: Content) -> None:
        self.content = content
        self._wrap()

    def on_resize(self) -> None:
        self._wrap()

    def _wrap(self) -> None:
        width = self.scrollable_content_region.width
        if width <= 0:
            return
        self._strips = Visual.to_strips(self, self.content, width, None, self.visual_style, pad=True)
        self.virtual_size = Size(width, len(self._strips))
        self.refresh()

    def render_line(self, y: int) -> Strip:
        index = y + self.scroll_offset.y
        width = self.scrollable_content_region.width
        if index < len(self._strips):
            return self._strips[index].crop_extend(0, width, self.rich_style)
        return Strip.blank(width, self.rich_style)
