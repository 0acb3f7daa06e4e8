"""The draft outline: clauses in order, with their status and the worst finding on each."""

from __future__ import annotations

from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from bsa_drafter.editing import DRAFT_DETAILS, OutlineEntry
from bsa_drafter.models import Library
from bsa_drafter.tui.keys import bindings
from bsa_drafter.tui.widgets.divider import PaneResizeKeys

STATUS_MARK = {
    "standard": ("\u00b7", "dim"),
    "variant": ("V", "$accent"),
    "edited": ("E", "$warning"),
    "added": ("+", "$success"),
    "custom": ("C", "$secondary"),
    "omitted": ("\u2013", "dim"),
}
SEVERITY_BADGE = {"error": ("\u25cf", "$error"), "warning": ("\u25cf", "$warning"), "info": ("\u25cf", "$primary")}


class DraftOutline(OptionList, PaneResizeKeys):
    BINDINGS = bindings("outline")
    PANE = "outline-pane"

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
        """Redraw, keeping the highlighted clause. When the clauses are the same ones in the same
        order (the usual case while typing), only the changed lines are replaced in place."""
        if entries == self._entries and selected == self.selected_clause:
            return
        previous, self._entries = self._entries, entries
        if [(e.clause_id, e.part, e.heading) for e in previous] == [(e.clause_id, e.part, e.heading) for e in entries]:
            for old, new in zip(previous, entries):
                if old != new:
                    self.replace_option_prompt(new.clause_id, self._prompt(new))
        else:
            self._rebuild(entries)
        if selected is not None and selected != self.selected_clause:
            self.select_clause(selected)

    def _rebuild(self, entries: list[OutlineEntry]) -> None:
        options: list[Option | None] = [
            Option(Content.styled("\u2699 Draft details and signatures", "bold"), id=DRAFT_DETAILS)
        ]
        part, subheading = None, ""
        for entry in entries:
            if entry.part != part:
                part, subheading = entry.part, ""
                heading = self.library.parts[part].heading if part in self.library.parts else part
                options.append(
                    Option(Content.styled(heading or "Signature", "bold $text-muted"), id=f"part:{part}", disabled=True)
                )
            if entry.heading and entry.heading != subheading:
                # numbering restarts under each subheading, as in the agreement itself
                options.append(
                    Option(
                        Content.styled(f"    {entry.heading}", "italic $text-muted"),
                        id=f"heading:{len(options)}",
                        disabled=True,
                    )
                )
            subheading = entry.heading
            options.append(Option(self._prompt(entry), id=entry.clause_id))
        highlighted = self.highlighted
        self.clear_options()
        self.add_options(options)
        if highlighted is not None and highlighted < self.option_count:
            self.highlighted = highlighted

    @staticmethod
    def _prompt(entry: OutlineEntry) -> Content:
        mark, mark_style = STATUS_MARK.get(entry.status, ("?", ""))
        badge, badge_style = SEVERITY_BADGE.get(entry.severity or "", (" ", ""))
        number = f"{entry.number}." if entry.number is not None else "  "
        title_style = "dim strike" if entry.status == "omitted" else ""
        return Content.assemble(
            (badge, badge_style), " ", (mark, mark_style), " ", (f"{number:>3} ", "dim"), (entry.title, title_style)
        )

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
