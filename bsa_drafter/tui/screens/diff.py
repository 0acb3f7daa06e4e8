"""Word-level redline of the selected clause, or of the whole draft, with the parameters that
changed. Changes read from old to new: the standard or an earlier round -> this draft, and this
draft -> the counterpart's text (their proposals on our text, as Word's Compare shows them).
`n` and `p` go from change to change."""

from __future__ import annotations

from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Static

from bsa_drafter.assemble import Draft
from bsa_drafter.compare import (
    ParameterChange,
    compare_drafts,
    is_foreign,
    load_other,
    parameter_changes,
    standard_draft,
    standard_values,
)
from bsa_drafter.diff import DELETE, EQUAL, ClauseDiff
from bsa_drafter.editing import DraftSession
from bsa_drafter.errors import BadInput
from bsa_drafter.tui.keys import bindings
from bsa_drafter.tui.screens.dialogs import PathScreen
from bsa_drafter.tui.widgets.footer import KeysFooter

OP_STYLE = {EQUAL: "", DELETE: "$error strike", 1: "$success underline"}
STATUS_STYLE = {"changed": "$warning", "added": "$success", "removed": "$error", "moved": "$accent", "unchanged": "dim"}
CURRENT_STYLE = "reverse"
THIS_DRAFT = "this draft"


class Redline:
    """The body of the view, built piece by piece so that each change's place in it is known."""

    def __init__(self) -> None:
        self.pieces: list[Content] = []
        self.length = 0
        self.changes: list[tuple[int, int]] = []  # (start, end) of each change, in order

    def add(self, content: Content | str, change: bool = False) -> None:
        content = Content(content) if isinstance(content, str) else content
        if change and content.plain:
            self.changes.append((self.length, self.length + len(content.plain)))
        self.pieces.append(content)
        self.length += len(content.plain)

    def add_ops(self, ops) -> None:  # type: ignore[no-untyped-def]
        """A redline: a deletion and the insertion that follows it are one change."""
        run_start = None
        for op, text in ops:
            if op == EQUAL:
                run_start = None
                self.add(Content(text))
                continue
            if run_start is None:
                run_start = self.length
                self.changes.append((run_start, run_start))
            self.add(Content.styled(text, OP_STYLE[op]))
            self.changes[-1] = (run_start, self.length)

    def content(self, current: int | None) -> Content:
        body = Content("").join(self.pieces)
        if current is not None and current < len(self.changes):
            start, end = self.changes[current]
            body = body.stylize(CURRENT_STYLE, start, end)
        return body


class OtherLoaded(Message):
    def __init__(self, other: Draft | None, label: str, theirs: bool, error: str | None = None):
        super().__init__()
        self.other, self.label, self.theirs, self.error = other, label, theirs, error


class DiffScreen(Screen):
    BINDINGS = bindings("diff")

    def __init__(self, session: DraftSession, clause_id: str | None):
        super().__init__()
        self.session = session
        self.clause_id = clause_id
        self.whole = clause_id is None
        self.other: Draft | None = None  # None: the standard draft
        self.other_label = "standard draft"
        self.theirs = False  # the other side is the counterpart's text: compare this draft -> theirs
        self.redline = Redline()
        self.current: int | None = None  # the change gone to with n / p
        self._head = Content("")

    def compose(self) -> ComposeResult:
        yield Static(id="diff-title")
        yield VerticalScroll(Static(id="diff-body"), id="diff-scroll")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.render_diff()
        self.query_one("#diff-scroll").focus()

    def render_diff(self) -> None:
        current = self.session.draft
        other = self.other or standard_draft(current)
        other_values = standard_values(current) if self.other is None else other.values
        if self.theirs:
            result = compare_drafts(current, other, THIS_DRAFT, self.other_label)
            parameters = parameter_changes(current.library, current.values, other_values)
        else:
            result = compare_drafts(other, current, self.other_label, THIS_DRAFT)
            parameters = parameter_changes(current.library, other_values, current.values)
        counts = result.summary()
        redline = Redline()
        if self.whole:
            self._parameters_block(redline, parameters)
            clauses = [c for c in result.clauses if c.status != "unchanged"]
            for index, clause in enumerate(clauses):
                if index or parameters:
                    redline.add("\n\n")
                self._clause_block(redline, clause)
            if not clauses and not parameters:
                redline.add(Content.styled("No differences.", "$success"))
        else:
            match = next((c for c in result.clauses if c.id == self.clause_id or c.old_id == self.clause_id), None)
            clause = self.session.draft.clause(self.clause_id or "")
            used = [p for p in parameters if clause is not None and p.name in clause.params_used]
            self._parameters_block(redline, used)
            if used:
                redline.add("\n\n")
            if match is None:
                redline.add("This clause is not in the draft.")
            else:
                self._clause_block(redline, match)
        self.redline, self.current = redline, None
        scope = "whole draft" if self.whole else (self.clause_id or "")
        self._head = Content.assemble(
            ("Changes from ", "bold"),
            (f"{result.a_label} \u2192 {result.b_label}", ""),
            ("  \u00b7  " + scope, "dim"),
            "\n",
            (
                f"{counts['changed']} changed, {counts['added']} added, {counts['removed']} removed, "
                f"{counts['moved']} moved, {counts['unchanged']} unchanged clauses; "
                f"{len(parameters)} parameter{'s' if len(parameters) != 1 else ''} changed",
                "dim",
            ),
        )
        self._show()

    def _show(self) -> None:
        count = len(self.redline.changes)
        where = (
            f"change {self.current + 1} of {count}"
            if self.current is not None
            else f"{count} change{'s' if count != 1 else ''}: n / p go through them"
        )
        self.query_one("#diff-title", Static).update(
            Content.assemble(self._head, ("  \u00b7  " + where if count else "", "dim"))
        )
        self.query_one("#diff-body", Static).update(self.redline.content(self.current))

    @staticmethod
    def _parameters_block(redline: Redline, parameters: list[ParameterChange]) -> None:
        if not parameters:
            return
        redline.add(Content.assemble(("PARAMETERS ", "$warning"), ("the values filled into the text", "bold")))
        for change in parameters:
            redline.add(Content.assemble("\n  ", (change.label, "bold"), ": "))
            start = redline.length
            redline.add(Content.styled(change.old, OP_STYLE[DELETE]))
            redline.add(" \u2192 ")
            redline.add(Content.styled(change.new, OP_STYLE[1]))
            redline.changes.append((start, redline.length))

    @staticmethod
    def _clause_block(redline: Redline, clause: ClauseDiff) -> None:
        redline.add(
            Content.assemble(
                (f"{clause.status.upper():<10} ", STATUS_STYLE[clause.status]),
                (clause.title, "bold"),
                "  ",
                (clause.id, "dim"),
                (f"  (was {clause.old_id})" if clause.old_id else "", "dim"),
                (f"  {clause.similarity:.0%} similar" if clause.status in ("changed", "moved") else "", "dim"),
                "\n",
            )
        )
        if clause.ops:
            redline.add_ops(clause.ops)
        else:
            redline.add(Content.styled("(no text)", "dim"))

    def action_next_change(self, offset: int) -> None:
        changes = self.redline.changes
        if not changes:
            self.notify("No changes", timeout=2)
            return
        if self.current is None:
            self.current = 0 if offset > 0 else len(changes) - 1
        else:
            self.current = (self.current + offset) % len(changes)
        self._show()
        self.call_after_refresh(self._scroll_to_current)

    def _scroll_to_current(self) -> None:
        """Bring the current change into view, a third of the way down: its line is found by
        wrapping the text before it to the width of the view."""
        if self.current is None:
            return
        body = self.query_one("#diff-body", Static)
        start, _ = self.redline.changes[self.current]
        before = self.redline.content(None)[:start]
        line = len(before.wrap(max(1, body.content_region.width))) - 1 if before.plain else 0
        scroll = self.query_one("#diff-scroll", VerticalScroll)
        scroll.scroll_to(y=max(0, line - scroll.scrollable_content_region.height // 3), animate=False)

    def action_toggle_all(self) -> None:
        self.whole = not self.whole or self.clause_id is None
        self.render_diff()

    def action_against_standard(self) -> None:
        self.other, self.other_label, self.theirs = None, "standard draft", False
        self.render_diff()

    @work(exclusive=True, group="dialog")
    async def action_compare_file(self) -> None:
        start = self.app.drafts_folder(self.session.path)  # type: ignore[attr-defined]
        path = await self.app.push_screen_wait(
            PathScreen(
                "Compare with a spec, a previous round, or the counterpart's text",
                start,
                (".toml", ".docx", ".pdf", ".txt", ".md"),
            )
        )
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
            self.post_message(
                OtherLoaded(None, path.name, theirs, f"{path.name} could not be read ({type(exc).__name__}: {exc})")
            )

    def on_other_loaded(self, message: OtherLoaded) -> None:
        if message.error:
            self.notify(Content(message.error), severity="error", timeout=6)
            return
        self.other, self.other_label, self.theirs = message.other, message.label, message.theirs
        self.render_diff()
