"""The issues list in the app: one row per point, its status, owner and note set here."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Static

from bsa_drafter.errors import BadInput
from bsa_drafter.issues_list import IssueRow, findings_first_seen, issue_rows, list_heading
from bsa_drafter.proposals import DecisionRefused
from bsa_drafter.tui.keys import bindings
from bsa_drafter.tui.screens.dialogs import PathScreen, PromptScreen
from bsa_drafter.tui.widgets.footer import KeysFooter

if TYPE_CHECKING:
    from bsa_drafter.tui.screens.main import MainScreen

STATUS_STYLE = {"open": "bold", "agreed": "dim", "escalated": "bold red", "withdrawn": "dim italic"}
EXPORTS = (".docx", ".html", ".csv", ".txt")
COLUMNS = ("id", "status", "rd", "where", "clause", "ours", "theirs", "owner")
# below WIDE columns, place and owner are left to the lines under the table
WIDE, NARROW_COLUMNS = 100, ("id", "status", "rd", "clause", "ours", "theirs")
SHARED = {"where": 2, "clause": 2, "ours": 3, "theirs": 3}  # how the room left is shared out
MIN_SHARED, MAX_ID, MAX_OWNER = 6, 30, 12


def shown_id(row: IssueRow) -> str:
    """A finding's row is its rule: its clause has a column of its own (and the full key shows
    below the table)."""
    return f"F:{row.key.split(':')[1]}" if row.kind == "finding" else row.key


def column_widths(width: int, rows: list[IssueRow]) -> dict[str, int]:
    """The columns that suit `width` cells, with widths that fill it without passing it (a cell
    of padding on each side of each column, room for the scroll bar): ids and owners as long
    as they are, within limits, and the wording columns sharing the rest."""
    names = COLUMNS if width >= WIDE else NARROW_COLUMNS
    room = width - 2 * len(names) - 2
    widths = {
        "id": min(MAX_ID if width >= WIDE else MAX_ID // 2, max([len(shown_id(r)) for r in rows] + [4])),
        "status": 9,
        "rd": 2,
    }
    if "owner" in names:
        widths["owner"] = min(MAX_OWNER, max([len(r.owner) for r in rows] + [5]))
    shared = [name for name in names if name in SHARED]
    left = room - sum(widths.values())
    weight = sum(SHARED[name] for name in shared)
    for name in shared:
        widths[name] = max(MIN_SHARED, left * SHARED[name] // weight)
    return {name: widths[name] for name in names}


class IssuesScreen(Screen):
    BINDINGS = bindings("issues")
    DEFAULT_CSS = """
    IssuesScreen #issues-title { height: auto; padding: 0 1; background: $panel; }
    IssuesScreen #issues-table { height: 1fr; }
    IssuesScreen #issues-detail { height: auto; max-height: 12; padding: 0 1; border-top: solid $panel-lighten-2; }
    """

    def __init__(self, main: MainScreen):
        super().__init__()
        self.main = main
        self.open_only = False
        self.rows: list[IssueRow] = []
        self._first_seen: dict | None = None

    @property
    def session(self):  # type: ignore[no-untyped-def]
        return self.main.session

    def compose(self) -> ComposeResult:
        yield Static(id="issues-title")
        yield DataTable(id="issues-table", cursor_type="row", zebra_stripes=False)
        yield Static(id="issues-detail")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.rebuild()
        self.query_one(DataTable).focus()

    def on_resize(self) -> None:
        row = self.selected()
        self.rebuild(row.key if row else None)

    def rebuild(self, keep: str | None = None) -> None:
        session = self.session
        draft, result = session.refresh()
        if self._first_seen is None:  # the kept rounds do not change while the list is open
            from bsa_drafter.assemble import assemble
            from bsa_drafter.rounds import load_kept

            try:
                kept = (
                    {n: assemble(s, session.library) for n, s in load_kept(session.path).items()}
                    if session.path
                    else {}
                )
            except BadInput:
                kept = {}
            self._first_seen = findings_first_seen(kept, result, session.working_round)
        rows = issue_rows(session.spec, draft, result, self._first_seen)
        self.rows = [r for r in rows if r.status != "agreed"] if self.open_only else rows
        counts = {s: sum(1 for r in rows if r.status == s) for s in ("open", "agreed", "escalated", "withdrawn")}
        summary = ", ".join(f"{n} {s}" for s, n in counts.items() if n) or "no points"
        self.query_one("#issues-title", Static).update(
            Content.assemble(
                (list_heading(session.spec), "bold"),
                f"  \u00b7 {summary}",
                ("  \u00b7 open points only" if self.open_only else "", "$accent"),
            )
        )
        table = self.query_one(DataTable)
        widths = column_widths(self.size.width, self.rows)
        if [(c.label.plain, c.width) for c in table.columns.values()] != list(widths.items()):
            table.clear(columns=True)
            for name, width in widths.items():
                table.add_column(name, width=width)
        table.clear()
        for row in self.rows:
            shade = "dim" if row.agreed else ""
            cells = {
                "id": shown_id(row),
                "status": row.status,
                "rd": str(row.round),
                "where": row.place,
                "clause": row.title,
                "ours": row.ours,
                "theirs": row.theirs,
                "owner": row.owner,
            }
            styles = {"status": STATUS_STYLE.get(row.status, "")}
            table.add_row(
                *(Text(cells[n], style=styles.get(n, shade), no_wrap=True, overflow="ellipsis") for n in widths),
                key=row.key,
            )
        if keep is not None and any(r.key == keep for r in self.rows):
            table.move_cursor(row=next(k for k, r in enumerate(self.rows) if r.key == keep))
        self._show_detail()

    def selected(self) -> IssueRow | None:
        table = self.query_one(DataTable)
        if not self.rows or table.cursor_row is None or not 0 <= table.cursor_row < len(self.rows):
            return None
        return self.rows[table.cursor_row]

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_detail()

    def _show_detail(self) -> None:
        row = self.selected()
        detail = self.query_one("#issues-detail", Static)
        if row is None:
            detail.update(Content.styled("No points: nothing is open in this negotiation.", "dim"))
            return
        lines = [
            Content.assemble((f"{row.key} ", "bold"), row.title, (f"  {row.place}" if row.place else "", "dim")),
            Content.assemble(("ours:   ", "bold"), row.ours),
            Content.assemble(("theirs: ", "bold"), row.theirs),
        ]
        if row.owner:
            lines.append(Content.assemble(("owner:  ", "bold"), row.owner))
        if row.note:
            lines.append(Content.assemble(("note:   ", "bold"), row.note))
        for said in row.history:
            lines.append(Content.styled(said, "$warning"))
        detail.update(Content("\n").join(lines))

    # --- actions ---------------------------------------------------------------------------

    def action_go(self) -> None:
        row = self.selected()
        if row is None or row.clause is None or self.session.draft.clause(row.clause) is None:
            self.notify("This point has no clause in the draft", timeout=2)
            return
        while self.app.screen is not self.main:
            self.app.pop_screen()
        self.main.open_entry(row.clause)

    def action_status(self, status: str | None) -> None:
        row = self.selected()
        if row is None:
            return
        self.session.set_issue(row.key, status=status)
        self.rebuild(row.key)

    @work(exclusive=True, group="dialog")
    async def action_owner(self) -> None:
        row = self.selected()
        if row is None:
            return
        owner = await self.app.push_screen_wait(PromptScreen(f"Who owns {row.key}?", row.owner))
        if owner is not None:
            self.session.set_issue(row.key, owner=owner)
            self.rebuild(row.key)

    @work(exclusive=True, group="dialog")
    async def action_note(self) -> None:
        row = self.selected()
        if row is None:
            return
        current = self.session.spec.issues.get(row.key)
        note = await self.app.push_screen_wait(PromptScreen(f"Note on {row.key}", current.note if current else ""))
        if note is not None:
            self.session.set_issue(row.key, note=note)
            self.rebuild(row.key)

    def action_filter(self) -> None:
        self.open_only = not self.open_only
        self.rebuild()

    def action_choose(self, option: int) -> None:
        row = self.selected()
        if row is None:
            return
        bracket_id = row.key if row.kind == "bracket" else None
        if bracket_id is None:
            proposal = next((p for p in self.session.spec.proposals if p.id == row.key), None)
            opened = [
                b
                for b in self.session.spec.brackets
                if proposal and proposal.decision and b.id in proposal.decision.brackets and b.is_open
            ]
            bracket_id = opened[0].id if opened else None
        if bracket_id is None:
            self.notify("No open bracket on this point", timeout=2)
            return
        try:
            self.session.choose_bracket(bracket_id, option)
        except DecisionRefused as refused:
            self.notify(Content(str(refused)), severity="warning", timeout=5)
            return
        self.rebuild(row.key)

    def action_undo(self) -> None:
        step = self.session.undo()
        self.notify(Content(f"Undone: {step.label}" if step else "Nothing to undo"), timeout=2)
        self.rebuild()

    @work(exclusive=True, group="dialog")
    async def action_export(self) -> None:
        from bsa_drafter.export.issues_docx import render_issues_docx
        from bsa_drafter.files import atomic_write_bytes, atomic_write_text
        from bsa_drafter.issues_list import render_csv, render_html, render_text

        session = self.session
        folder = session.path.parent if session.path else Path.cwd()
        stem = session.path.stem if session.path else "draft"
        suggestion = folder / f"{stem}-issues-round-{session.working_round}.docx"
        target = await self.app.push_screen_wait(
            PathScreen(
                "Export the issues list (.docx, .html, .csv, .txt)", folder, EXPORTS, str(suggestion), must_exist=False
            )
        )
        if target is None:
            return
        heading = list_heading(session.spec)
        rows = self.rows
        try:
            if target.suffix.lower() == ".docx":
                atomic_write_bytes(
                    target,
                    render_issues_docx(rows, heading, f"{len(rows)} point(s); agreed rows are shaded"),
                    what="issues list",
                )
            else:
                text = {".html": lambda: render_html(rows, heading), ".csv": lambda: render_csv(rows)}.get(
                    target.suffix.lower(), lambda: render_text(rows, heading)
                )()
                atomic_write_text(target, text, what="issues list")
        except BadInput as exc:
            self.notify(Content("Not written: " + "; ".join(str(p) for p in exc.problems)), severity="error", timeout=6)
            return
        self.notify(Content(f"Wrote {target} ({len(rows)} points)"), timeout=4)
