"""Undo and redo on a screen that changes the draft through the session."""

from __future__ import annotations

from textual.content import Content
from textual.screen import Screen

from bsa_drafter.editing import DraftSession, Step


class HistoryScreen(Screen):
    """A screen whose ctrl+z and ctrl+y undo and redo the session's last step, say which step it
    was, and show what it changed (`show_step`, each screen in its own way)."""

    session: DraftSession

    def action_undo(self) -> None:
        self._history(self.session.undo(), "Undone", "Nothing to undo")

    def action_redo(self) -> None:
        self._history(self.session.redo(), "Redone", "Nothing to redo")

    def _history(self, step: Step | None, done: str, nothing: str) -> None:
        if step is None:
            self.notify(nothing, timeout=2)
            return
        self.show_step(step)
        self.notify(Content(f"{done}: {step.label}"), timeout=2)

    def show_step(self, step: Step) -> None:
        raise NotImplementedError
