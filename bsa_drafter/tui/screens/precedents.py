"""The precedents of the selected clause: which signed agreements the library credits with each
variant, the highlighted variant's wording, the closest signed wording (from the precedent
index) to it or to the draft's own wording of the clause, and Enter to use the variant."""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from bsa_drafter.errors import BadInput
from bsa_drafter.models import Library
from bsa_drafter.precedents import PrecedentIndex, default_index_path, load_index, who_accepted
from bsa_drafter.tui.keys import bindings
from bsa_drafter.tui.widgets.footer import KeysFooter
from bsa_drafter.tui.widgets.precedent_matches import PrecedentMatches


class IndexLoaded(Message):
    def __init__(self, index: PrecedentIndex | None, error: str | None = None):
        super().__init__()
        self.index, self.error = index, error


class PrecedentsScreen(ModalScreen["str | None"]):
    """Dismisses with the variant to use, or None to keep the current one."""

    BINDINGS = bindings("precedents")

    def __init__(self, library: Library, clause_id: str, current_variant: str | None, draft_text: str | None = None):
        super().__init__()
        self.library, self.clause_id, self.current = library, clause_id, current_variant
        self.draft_text = draft_text  # the clause as the draft words it (edited or not)
        self.index: PrecedentIndex | None = None
        self.index_problem: str | None = None

    def compose(self) -> ComposeResult:
        clause = self.library.clauses[self.clause_id]
        with VerticalScroll(classes="dialog dialog-wide", id="precedents-dialog"):
            yield Static(
                Content.assemble(("Precedents: ", "bold"), clause.title, "  ", (clause.id, "dim")),
                classes="dialog-question",
            )
            yield Static(Content(clause.note), classes="dialog-detail")
            yield DataTable(id="precedents-table", cursor_type="row", zebra_stripes=True)
            yield Static(id="variant-wording")
            yield PrecedentMatches(id="signed-wording")
        yield KeysFooter()

    def on_mount(self) -> None:
        clause = self.library.clauses[self.clause_id]
        table = self.query_one("#precedents-table", DataTable)
        # widths that fit the dialog, so that long names and notes wrap inside it instead of running off it
        room = min(110, int(self.app.size.width * 0.95)) - 17  # border, padding, cell padding, the mark
        named = min(26, room * 3 // 10)
        table.add_column("", width=1)
        table.add_column("variant", width=named)
        table.add_column("used by", width=named)
        table.add_column("note", width=max(16, room - 2 * named))
        for variant in clause.variants:
            names = ", ".join(self.library.precedent_names(variant.precedents)) or "no signed precedent"
            mark = Text("\u25b6", style="bold") if variant.id == self.current else Text("")
            table.add_row(mark, Text(variant.label), Text(names), Text(variant.note), height=None, key=variant.id)
        current = next((n for n, v in enumerate(clause.variants) if v.id == self.current), 0)
        table.move_cursor(row=current)
        table.focus()
        self.query_one(PrecedentMatches).show_message("Closest signed wording", "Reading the precedent index \u2026")
        self._load_index()

    @work(thread=True, exclusive=True, group="precedent-index")
    def _load_index(self) -> None:
        try:
            index = load_index()
            if index is not None:
                index.wording()  # the vectors, built here rather than on the first keystroke
            self.post_message(IndexLoaded(index))
        except BadInput as exc:
            self.post_message(IndexLoaded(None, "; ".join(str(p) for p in exc.problems)))

    def on_index_loaded(self, message: IndexLoaded) -> None:
        self.index, self.index_problem = message.index, message.error
        self._show_closest(self.query_one("#precedents-table", DataTable).cursor_row)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.data_table.id != "precedents-table":
            return
        variant = self._variant(event.cursor_row)
        in_use = " (in the draft)" if variant.id == self.current else ""
        self.query_one("#variant-wording", Static).update(
            Content.assemble((f"{variant.label}{in_use}\n", "bold"), variant.text)
        )
        if self.index is not None or self.index_problem:
            self._show_closest(event.cursor_row)

    def _variant(self, row: int):  # type: ignore[no-untyped-def]
        variants = self.library.clauses[self.clause_id].variants
        return variants[min(max(row, 0), len(variants) - 1)]

    def _show_closest(self, row: int) -> None:
        variant = self._variant(row)
        ours = variant.id == self.current and self.draft_text is not None
        heading = f"Closest signed wording to {'the draft' if ours else 'the variant'}: {variant.label}"
        panel = self.query_one(PrecedentMatches)
        if self.index_problem:
            panel.show_message(heading, f"The precedent index cannot be read: {self.index_problem}")
        elif self.index is None:
            panel.show_message(
                heading,
                f"No precedent index yet: build one from a folder of signed agreements with "
                f"`bsa-drafter precedents build FOLDER` (it is kept in {default_index_path()}).",
            )
        else:
            text = self.draft_text if ours and self.draft_text is not None else variant.text
            panel.show(heading, who_accepted(text, self.index), len(self.index.agreements))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_use_variant()

    def action_use_variant(self) -> None:
        table = self.query_one("#precedents-table", DataTable)
        if table.row_count == 0:
            return
        variant_id = str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)
        self.dismiss(None if variant_id == self.current else variant_id)
