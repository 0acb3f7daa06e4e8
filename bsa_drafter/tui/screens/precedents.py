"""Which signed agreements used which variant of the selected clause, each variant's wording
below the table, and Enter to use the highlighted variant in the draft."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from bsa_drafter.models import Library
from bsa_drafter.tui.keys import bindings
from bsa_drafter.tui.widgets.footer import KeysFooter


class PrecedentsScreen(ModalScreen["str | None"]):
    """Dismisses with the variant to use, or None to keep the current one."""

    BINDINGS = bindings("precedents")

    def __init__(self, library: Library, clause_id: str, current_variant: str | None):
        super().__init__()
        self.library, self.clause_id, self.current = library, clause_id, current_variant

    def compose(self) -> ComposeResult:
        clause = self.library.clauses[self.clause_id]
        with Vertical(classes="dialog dialog-wide", id="precedents-dialog"):
            yield Static(
                Content.assemble(("Precedents: ", "bold"), clause.title, "  ", (clause.id, "dim")),
                classes="dialog-question",
            )
            yield Static(Content(clause.note), classes="dialog-detail")
            yield DataTable(id="precedents-table", cursor_type="row", zebra_stripes=True)
            with VerticalScroll(id="precedents-wording", can_focus=False):
                yield Static(id="variant-wording")
        yield KeysFooter()

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
            table.add_row(mark, Text(variant.label), Text(names), Text(variant.note), height=None, key=variant.id)
        if self.current in clause.variant_ids:
            table.move_cursor(row=clause.variant_ids.index(self.current))
        table.focus()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        variant = self.library.clauses[self.clause_id].variant(str(event.row_key.value))
        in_use = " (in the draft)" if variant.id == self.current else ""
        self.query_one("#variant-wording", Static).update(
            Content.assemble((f"{variant.label}{in_use}\n", "bold"), variant.text)
        )

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_use_variant()

    def action_use_variant(self) -> None:
        table = self.query_one(DataTable)
        if table.row_count == 0:
            return
        variant_id = str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)
        self.dismiss(None if variant_id == self.current else variant_id)
