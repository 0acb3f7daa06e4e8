"""The draft outline: clauses in order, with their status and the worst finding on each."""

from __future__ import annotations

from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from bsa_drafter.models import Library
from bsa_drafter.tui.session import DRAFT_DETAILS, OutlineEntry

STATUS_MARK = {
    "standard": ("\u00b7", "dim"),
    "variant": ("V", "$accent"),
    "edited": ("E", "$warning"),
    "added": ("+", "$success"),
    "custom": ("C", "$secondary"),
    "omitted": ("\u2013", "dim"),
}
SEVERITY_BADGE = {"error": ("\u25cf", "$error"), "warning": ("\u25cf", "$warning"), "info": ("\u25cf", "$primary")}


class DraftOutline(OptionList):
    BINDINGS = [
        Binding("shift+up", "move(-1)", "Move up"),
        Binding("shift+down", "move(1)", "Move down"),
        Binding("delete,x", "toggle_include", "Omit/include"),
        Binding("v", "next_variant", "Next variant"),
        Binding("ctrl+left", "resize(-4)", "Narrower", show=False),
        Binding("ctrl+right", "resize(4)", "Wider", show=False),
    ]

    class ResizeRequested(Message):
        def __init__(self, delta: int):
            super().__init__()
            self.delta = delta

    def action_resize(self, delta: int) -> None:
        self.post_message(self.ResizeRequested(delta))

    class ClauseHighlighted(Message):
        def __init__(self, clause_id: str):
            super().__init__()
            self.clause_id = clause_id

    class ClauseOpened(Message):
        def __init__(self, clause_id: str):
            super().__init__()
            self.clause_id = clause_id

    class MoveRequested(Message):
        def __init__(self, clause_id: str, step: int):
            super().__init__()
            self.clause_id, self.step = clause_id, step

    class IncludeToggled(Message):
        def __init__(self, clause_id: str):
            super().__init__()
            self.clause_id = clause_id

    class NextVariant(Message):
        def __init__(self, clause_id: str):
            super().__init__()
            self.clause_id = clause_id

    def __init__(self, library: Library, **kwargs):
        super().__init__(**kwargs)
        self.library = library
        self._entries: list[OutlineEntry] = []

    def show(self, entries: list[OutlineEntry], selected: str | None) -> None:
        """Redraw, keeping the highlighted clause (only what changed is redrawn by Textual)."""
        if entries == self._entries and selected == self.selected_clause:
            return
        self._entries = entries
        options: list[Option | None] = [Option(Content.styled("\u2699 Draft details and signatures", "bold"), id=DRAFT_DETAILS)]
        part = None
        for entry in entries:
            if entry.part != part:
                part = entry.part
                heading = self.library.parts[part].heading if part in self.library.parts else part
                options.append(Option(Content.styled(heading or "Signature", "bold $text-muted"), id=f"part:{part}", disabled=True))
            mark, mark_style = STATUS_MARK.get(entry.status, ("?", ""))
            badge, badge_style = SEVERITY_BADGE.get(entry.severity or "", (" ", ""))
            number = f"{entry.number}." if entry.number is not None else "  "
            title_style = "dim strike" if entry.status == "omitted" else ""
            prompt = Content.assemble((badge, badge_style), " ", (mark, mark_style), " ", (f"{number:>3} ", "dim"), (entry.title, title_style))
            options.append(Option(prompt, id=entry.clause_id))
        highlighted = self.highlighted
        self.clear_options()
        self.add_options(options)
        target = selected if selected is not None else None
        if target is not None:
            try:
                self.highlighted = self.get_option_index(target)
                return
            except Exception:
                pass
        if highlighted is not None and highlighted < self.option_count:
            self.highlighted = highlighted

    @property
    def selected_clause(self) -> str | None:
        if self.highlighted is None:
            return None
        option = self.get_option_at_index(self.highlighted)
        return option.id

    def select_clause(self, clause_id: str) -> None:
        try:
            self.highlighted = self.get_option_index(clause_id)
        except Exception:
            pass

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if event.option.id:
            self.post_message(self.ClauseHighlighted(event.option.id))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.post_message(self.ClauseOpened(event.option.id))

    def _current_clause(self) -> str | None:
        clause = self.selected_clause
        return None if clause in (None, DRAFT_DETAILS) else clause

    def action_move(self, step: int) -> None:
        if clause := self._current_clause():
            self.post_message(self.MoveRequested(clause, step))

    def action_toggle_include(self) -> None:
        if clause := self._current_clause():
            self.post_message(self.IncludeToggled(clause))

    def action_next_variant(self) -> None:
        if clause := self._current_clause():
            self.post_message(self.NextVariant(clause))
