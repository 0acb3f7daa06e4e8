"""The closest signed wording to a clause or a proposal: one row per agreement (partner, date
of signature, similarity) and, for the highlighted row, where it stands, its words and the
features they carry. Any screen can show `who_accepted` results with it."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import DataTable, Static

from bsa_drafter.precedents import PrecedentMatch
from bsa_drafter.precedents.matrix import carried_phrases


class PrecedentMatches(Vertical):
    DEFAULT_CSS = """
    PrecedentMatches { height: auto; }
    PrecedentMatches #precedent-heading { text-style: bold; padding: 1 0 0 0; }
    PrecedentMatches #precedent-matches { height: auto; max-height: 25vh; }
    PrecedentMatches #precedent-detail { height: auto; padding: 1 0 0 0; }
    """

    def __init__(self, *, id: str | None = None):
        super().__init__(id=id)
        self.matches: list[PrecedentMatch] = []

    def compose(self) -> ComposeResult:
        yield Static(id="precedent-heading")
        yield DataTable(id="precedent-matches", cursor_type="row", zebra_stripes=True)
        yield Static(id="precedent-detail")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column("signed by", width=24)
        table.add_column("on", width=10)
        table.add_column("similarity", width=10)
        table.display = False

    def show_message(self, heading: str, message: str) -> None:
        """No matches to show, and why (no index yet, an index that cannot be read ...)."""
        self.matches = []
        self.query_one("#precedent-heading", Static).update(Content(heading))
        table = self.query_one(DataTable)
        table.clear()
        table.display = False
        self.query_one("#precedent-detail", Static).update(Content.styled(message, "$text-muted"))

    def show(self, heading: str, matches: list[PrecedentMatch], indexed: int) -> None:
        self.matches = matches
        self.query_one("#precedent-heading", Static).update(Content(heading))
        table = self.query_one(DataTable)
        table.clear()
        if not matches:
            table.display = False
            self.query_one("#precedent-detail", Static).update(
                Content.styled(
                    f"No paragraph of the {indexed} indexed agreements is close to this wording.", "$text-muted"
                )
            )
            return
        table.display = True
        for match in matches:
            signed = match.date.isoformat() if match.date else "undated"
            table.add_row(Text(match.agreement), Text(signed), Text(f"{match.similarity:.2f}"))
        table.move_cursor(row=0)
        self._detail(0)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.data_table.id == "precedent-matches":
            event.stop()
            self._detail(event.cursor_row)

    def _detail(self, row: int) -> None:
        if not 0 <= row < len(self.matches):
            return
        match = self.matches[row]
        phrases = carried_phrases(match.features)
        part = " (part of a longer paragraph)" if match.passage != match.text else ""
        self.query_one("#precedent-detail", Static).update(
            Content.assemble(
                (f"{match.agreement}, {match.file}: {match.where}{part}", "bold"),
                "\n",
                match.passage,
                ("\ncarries: " + "; ".join(phrases), "$accent") if phrases else "",
            )
        )
