"""Resizing panes: a one-column divider to drag with the mouse, and keys for the pane's widget."""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.message import Message
from textual.widget import Widget


class PaneResize(Message):
    """Make a pane narrower (negative delta) or wider, by keys or by dragging its divider."""

    def __init__(self, pane_id: str, delta: int):
        super().__init__()
        self.pane_id, self.delta = pane_id, delta


class PaneResizeKeys(Widget):
    """Mixin for the main widget of a pane: its resize action (bound to ctrl+left / ctrl+right in
    the pane's key scope) asks for a narrower or wider pane. List it after the widget's own base
    class: Textual takes styles from the first base."""

    PANE: ClassVar[str] = ""

    def action_resize(self, delta: int) -> None:
        self.post_message(PaneResize(self.PANE, delta))


class PaneDivider(Widget):
    def __init__(self, pane_id: str, **kwargs):
        super().__init__(**kwargs)
        self.pane_id = pane_id
        self._last_x: int | None = None

    def render(self) -> str:
        return "\u2502" * max(1, self.size.height)

    def on_mouse_down(self, event: events.MouseDown) -> None:
        self._last_x = event.screen_x
        self.capture_mouse()
        self.add_class("-dragging")

    def on_mouse_move(self, event: events.MouseMove) -> None:
        if self._last_x is not None and event.screen_x != self._last_x:
            self.post_message(PaneResize(self.pane_id, event.screen_x - self._last_x))
            self._last_x = event.screen_x

    def on_mouse_up(self, event: events.MouseUp) -> None:
        self._last_x = None
        self.release_mouse()
        self.remove_class("-dragging")
