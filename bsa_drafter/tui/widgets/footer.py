"""Textual's footer, recomposed only when the keys it shows change, and never wider than the
terminal.

Textual rebuilds its footer after every change of focus; in the draft details, where Tab goes
from field to field, that was most of the time a Tab press took. The keys shown only change
when focus moves between widgets that show keys of their own, or when the width changes.

When the keys do not fit, the footer goes compact (less space, the palette key left to the key
reference); keys that still do not fit are left out from the end, except the key reference
(F1), which lists them all: a footer cut at the terminal's edge hid exactly that hint.
"""

from __future__ import annotations

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

KEY_REFERENCE = "app.show_keys"


class KeysFooter(Footer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._shown: tuple | None = None

    def bindings_changed(self, screen: Screen) -> None:
        first: dict[str, Binding] = {}  # the footer shows one key per action, as Footer does
        for _, binding, _, _ in screen.active_bindings.values():
            if binding.show:
                first.setdefault(binding.action, binding)
        palette = screen.active_bindings.get(self.app.COMMAND_PALETTE_BINDING)
        wide = sum(self._cells(b) + 3 for b in first.values()) + (self._cells(palette[1]) + 3 if palette else 0)
        narrow = wide > self.app.size.width
        if self.compact != narrow:
            self.compact = narrow
            self.show_command_palette = not narrow
        shown = tuple(
            (binding.key, binding.description, enabled)
            for _, binding, enabled, _ in screen.active_bindings.values()
            if binding.show
        ) + (self.compact, self.app.size.width)
        if shown == self._shown and self._bindings_ready:
            return
        self._shown = shown
        super().bindings_changed(screen)

    def on_resize(self) -> None:
        if self._bindings_ready:
            self.bindings_changed(self.screen)

    def compose(self) -> ComposeResult:
        widgets = list(super().compose())
        docked = [w for w in widgets if w.has_class("-command-palette")]
        keys = [w for w in widgets if w not in docked]
        room = self.app.size.width - sum(self._width(w) for w in docked)
        if self.compact:
            room += 1  # the last key's margin may pass the edge
        if sum(self._width(w) for w in keys) > room:
            reference = [w for w in keys if isinstance(w, FooterKey) and w.action == KEY_REFERENCE]
            room -= sum(self._width(w) for w in reference)
            kept = []
            for widget in (w for w in keys if w not in reference):
                room -= self._width(widget)
                if room < 0:
                    break
                kept.append(widget)
            keys = kept + reference
        yield from keys
        yield from docked

    def _cells(self, binding: Binding) -> int:
        return cell_len(self.app.get_key_display(binding)) + cell_len(binding.description)

    def _width(self, widget: Widget) -> int:
        """Cells a footer item takes: its text, and the padding and margin Footer's CSS gives it."""
        if not isinstance(widget, FooterKey):
            return cell_len(str(getattr(widget, "content", ""))) + 1
        return cell_len(widget.key_display) + cell_len(widget.description) + (2 if self.compact else 3)
