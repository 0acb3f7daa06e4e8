"""Textual's footer, recomposed only when the keys it shows change.

Textual rebuilds its footer after every change of focus; in the draft details, where Tab goes
from field to field, that was most of the time a Tab press took. The keys shown only change
when focus moves between widgets that show keys of their own, or when the width changes.
"""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer


class KeysFooter(Footer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._shown: tuple | None = None

    def bindings_changed(self, screen: Screen) -> None:
        shown = tuple(
            (binding.key, binding.description, enabled)
            for _, binding, enabled, _ in screen.active_bindings.values()
            if binding.show
        ) + (self.compact, self.show_command_palette)
        if shown == self._shown and self._bindings_ready:
            return
        self._shown = shown
        super().bindings_changed(screen)

    def fit(self, narrow: bool) -> None:
        """Narrow terminals: compact keys, and the palette key left to the key reference."""
        if self.compact != narrow:
            self.compact = narrow
            self.show_command_palette = not narrow
            self.call_later(self.bindings_changed, self.screen)  # recomposed in the footer's own context
