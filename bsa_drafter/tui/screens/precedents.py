"""Which signed agreements used which variant of the selected clause."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from bsa_drafter.models import Library


class PrecedentsScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,f5", "app.pop_screen", "Back")]

    def __init__(self, library: Library, clause_id: str, current_variant: str | None):
        super().__init__()
        self.library, self.clause_id, self.current = library, clause_id, current_variant

    def compose(self) -> ComposeResult:
        clause = self.library.clauses[self.clause_id]
        with Vertical(classes="dialog dialog-wide"):
            yield Static(Content.assemble(("Precedents: ", "bold"), clause.title, "  ", (clause.id, "dim")), classes="dialog-question")
            yield Static(Content(clause.note), classes="dialog-detail")
            yield DataTable(id="precedents-table", cursor_type="row", zebra_stripes=True)
            yield Static("Escape to go back", classes="dialog-detail")

    def on_mount(self) -> None:
        clause = self.library.clauses[self.clause_id]
        table = self.query_one(DataTable)
        # fixed widths, so that long names and notes wrap inside the dialog instead of running off it
        table.add_column("", width=1)
        table.add_column("variant", width=26)
        table.add_column("used by", width=30)
        table.add_column("note", width=40)
        for variant in clause.variants:
            names = ", ".join(self.library.precedent_names(variant.precedents)) or "no signed precedent"
            mark = Text("\u25b6", style="bold") if variant.id == self.current else Text("")
            table.add_row(mark, Text(variant.label), Text(names), Text(variant.note), height=None)
