"""The command palette (ctrl+p): every action of the screen in front, from the key registry,
with its key as the user's keymap sets it; on the drafting screen also a jump to each clause
and each addition from the library."""

from __future__ import annotations

from functools import partial
from typing import Callable, Iterator

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.screen import Screen

from bsa_drafter.tui.keys import SCOPES, by_id, effective_keys, shown


def screen_scopes(screen: Screen) -> list[str]:
    """The key scopes whose bindings the screen and its widgets carry, the screen's own first."""
    known = by_id()
    found: list[str] = []
    for node in [screen, *screen.walk_children()]:
        for _, binding in node._bindings:
            entry = known.get(binding.id or "")
            if entry is not None and entry[0].name not in found:
                found.append(entry[0].name)
    return found


class DrafterCommands(Provider):
    def _commands(self, actions_only: bool = False) -> Iterator[tuple[str, str, Callable[[], object]]]:
        from bsa_drafter.tui.screens.main import MainScreen

        screen = self.screen
        keymap = getattr(self.app, "keymap", {})
        for scope_name in [*screen_scopes(screen), "app"]:
            for key in SCOPES[scope_name].keys:
                if key.palette:
                    keys = shown(effective_keys(key, keymap))
                    yield key.palette, f"{key.help} ({keys})", partial(self._run, screen, key.action)
        if actions_only or not isinstance(screen, MainScreen):
            return
        session = screen.session
        present = {clause.id for clause in session.draft.clauses}
        for clause in session.draft.clauses:
            go_to = f"go_to({clause.id!r})"
            yield f"Go to {clause.title}", f"{clause.id} ({clause.status})", partial(self._run, screen, go_to)
        for clause_id, clause in session.library.clauses.items():
            if clause_id not in present:
                add = f"add_clause({clause_id!r})"
                yield f"Add {clause.title}", f"add {clause_id} from the library", partial(self._run, screen, add)

    def _run(self, screen: Screen, action: str) -> None:
        """Every command is an action of the screen: the screen changes the session, and the
        session's listeners bring the views up to date."""
        self.app.call_later(screen.run_action, action)

    async def discover(self) -> Hits:
        for name, help_text, callback in self._commands(actions_only=True):
            yield DiscoveryHit(Content(name), callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, callback in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, help=help_text)
