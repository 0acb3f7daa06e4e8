"""The drafting screen's top line: the draft on the left (cut with "…" when the terminal is
narrow), its state and finding counts on the right, always whole."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Static


class DraftHeader(Horizontal):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._shown: tuple[Content, Content] | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="header-title")
        yield Static(id="header-status")

    def show(self, title: Content, status: Content) -> None:
        if (title, status) == self._shown:
            return  # typing changes the counts now and then, not the header on every key
        self._shown = (title, status)
        self.query_one("#header-title", Static).update(title)
        self.query_one("#header-status", Static).update(status)
