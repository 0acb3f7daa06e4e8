"""Word-level redline of the selected clause, or of the whole draft. Changes read from old to
new: the standard or an earlier round -> this draft, and this draft -> the counterpart's text
(their proposals on our text, as Word's Compare shows them)."""

from __future__ import annotations

from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Static

from bsa_drafter.assemble import Draft
from bsa_drafter.compare import compare_drafts, is_foreign, load_other, standard_draft
from bsa_drafter.diff import DELETE, EQUAL, ClauseDiff
from bsa_drafter.errors import BadInput
from bsa_drafter.tui.screens.dialogs import PathScreen
from bsa_drafter.editing import DraftSession

OP_STYLE = {EQUAL: "", DELETE: "$error strike", 1: "$success underline"}
STATUS_STYLE = {"changed": "$warning", "added": "$success", "removed": "$error", "moved": "$accent", "unchanged": "dim"}
THIS_DRAFT = "this draft"


def redline_content(ops) -> Content:  # type: ignore[no-untyped-def]
    return Content.assemble(*((text, OP_STYLE[op]) for op, text in ops))


class OtherLoaded(Message):
    def __init__(self, other: Draft | None, label: str, theirs: bool, error: str | None = None):
        super().__init__()
        self.other, self.label, self.theirs, self.error = other, label, theirs, error


class DiffScreen(Screen):
    BINDINGS = [
        Binding("escape,q", "app.pop_screen", "Back"),
        Binding("a", "toggle_all", "Clause / whole draft"),
        Binding("o", "compare_file", "Compare with file"),
        Binding("s", "against_standard", "Against standard"),
    ]

    def __init__(self, session: DraftSession, clause_id: str | None):
        super().__init__()
        self.session = session
        self.clause_id = clause_id
        self.whole = clause_id is None
        self.other: Draft | None = None  # None: the standard draft
        self.other_label = "standard draft"
        self.theirs = False  # the other side is the counterpart's text: compare this draft -> theirs

    def compose(self) -> ComposeResult:
        yield Static(id="diff-title")
        yield VerticalScroll(Static(id="diff-body"), id="diff-scroll")
        yield Footer()

    def on_mount(self) -> None:
        self.render_diff()

    def render_diff(self) -> None:
        current = self.session.draft
        other = self.other or standard_draft(current)
        if self.theirs:
            result = compare_drafts(current, other, THIS_DRAFT, self.other_label)
        else:
            result = compare_drafts(other, current, self.other_label, THIS_DRAFT)
        counts = result.summary()
        scope = "whole draft" if self.whole else (self.clause_id or "")
        self.query_one("#diff-title", Static).update(
            Content.assemble(
                ("Changes from ", "bold"), (f"{result.a_label} \u2192 {result.b_label}", ""), ("  \u00b7  " + scope, "dim"),
                ("\n", ""), (f"{counts['changed']} changed, {counts['added']} added, {counts['removed']} removed, {counts['moved']} moved, {counts['unchanged']} unchanged", "dim"),
            )
        )
        if self.whole:
            clauses = [c for c in result.clauses if c.status != "unchanged"]
            if not clauses:
                body = Content.styled("No differences.", "$success")
            else:
                body = Content("\n\n").join(self._clause_block(c) for c in clauses)
        else:
            match = next((c for c in result.clauses if c.id == self.clause_id or c.old_id == self.clause_id), None)
            body = self._clause_block(match) if match else Content("This clause is not in the draft.")
        self.query_one("#diff-body", Static).update(body)

    def _clause_block(self, clause: ClauseDiff) -> Content:
        head = Content.assemble(
            (f"{clause.status.upper():<9}", STATUS_STYLE[clause.status]), (clause.title, "bold"), "  ", (clause.id, "dim"),
            (f"  (was {clause.old_id})" if clause.old_id else "", "dim"),
            (f"  {clause.similarity:.0%} similar" if clause.status in ("changed", "moved") else "", "dim"),
        )
        return Content("\n").join([head, redline_content(clause.ops) if clause.ops else Content.styled("(no text)", "dim")])

    def action_toggle_all(self) -> None:
        self.whole = not self.whole or self.clause_id is None
        self.render_diff()

    def action_against_standard(self) -> None:
        self.other, self.other_label, self.theirs = None, "standard draft", False
        self.render_diff()

    @work(exclusive=True, group="dialog")
    async def action_compare_file(self) -> None:
        start = self.session.path.parent if self.session.path else Path.cwd()
        path = await self.app.push_screen_wait(PathScreen("Compare with a spec, a previous round, or the counterpart's text", start, (".toml", ".docx", ".pdf", ".txt", ".md")))
        if path is not None:
            self.notify(Content(f"Reading {path.name} \u2026"), timeout=2)
            self._load_other(path)

    @work(thread=True, exclusive=True, group="diff-load")
    def _load_other(self, path: Path) -> None:
        theirs = is_foreign(path)
        try:
            self.post_message(OtherLoaded(load_other(path, self.session.library), path.name, theirs))
        except BadInput as exc:
            self.post_message(OtherLoaded(None, path.name, theirs, "; ".join(str(p) for p in exc.problems)))
        except Exception as exc:  # a foreign file must never take the app down with it
            self.post_message(OtherLoaded(None, path.name, theirs, f"{path.name} could not be read ({type(exc).__name__}: {exc})"))

    def on_other_loaded(self, message: OtherLoaded) -> None:
        if message.error:
            self.notify(Content(message.error), severity="error", timeout=6)
            return
        self.other, self.other_label, self.theirs = message.other, message.label, message.theirs
        self.render_diff()
