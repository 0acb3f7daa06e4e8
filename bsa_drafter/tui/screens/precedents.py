"""Which signed agreements used which variant of the selected clause."""

from __future__ import annotations

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
        table.add_columns("", "variant", "used by", "note")
        for variant in clause.variants:
            names = ", ".join(self.library.precedent_names(variant.precedents)) or "no signed precedent"
            mark = Content.styled("\u25b6", "$accent") if variant.id == self.current else Content("")
            table.add_row(mark, Content(variant.label), Content(names), Content(variant.note))
