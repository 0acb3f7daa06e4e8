"""Every action of the drafting app in the command palette (ctrl+p), with jumps to clauses
and additions from the library."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

ACTIONS = (
    ("Save", "Save the draft spec (ctrl+s)", "save"),
    ("Save as", "Save the draft spec under another name (f2)", "save_as"),
    ("Export DOCX", "Export the draft as a Word document (f4)", "export"),
    ("Open draft", "Open another draft spec (ctrl+o)", "open"),
    ("New draft", "Start a standard draft for a partner (ctrl+n)", "new_draft"),
    ("Diff", "Redline of the selected clause or the whole draft (f3)", "diff"),
    ("Precedents", "Which signed agreements used which variant (f5)", "precedents"),
    ("Analyze counterpart DOCX", "Read a returned text: features, findings, clause map (f8)", "analyze"),
    ("Import their draft", "Their answer to our round, as proposals per clause (f9)", "import_theirs"),
    ("Review their proposals", "Accept, reject, counter or bracket each one (ctrl+r)", "review"),
    ("Issues list", "One row per open point: positions, status, owner, export", "issues"),
    ("Next round", "Keep this round, move to the next, write our answer as a redline", "next_round"),
    ("Search library", "Find clauses by words, tags or precedents (ctrl+f)", "search"),
    ("Toggle library pane", "Show or hide the clause library (ctrl+b)", "toggle_pane('library-pane')"),
    ("Toggle outline pane", "Show or hide the draft outline (ctrl+t)", "toggle_pane('outline-pane')"),
    ("Toggle findings panel", "Show or hide the findings (ctrl+g)", "toggle_pane('findings')"),
)


class DrafterCommands(Provider):
    def _main(self):  # type: ignore[no-untyped-def]
        from bsa_drafter.tui.screens.main import MainScreen

        for screen in reversed(self.app.screen_stack):
            if isinstance(screen, MainScreen):
                return screen
        return None

    def _commands(self):  # type: ignore[no-untyped-def]
        main = self._main()
        if main is None:
            return
        for name, help_text, action in ACTIONS:
            yield name, help_text, partial(self._run, main, action)
        session = main.session
        draft = session.draft
        present = {clause.id for clause in draft.clauses}
        for clause in draft.clauses:
            yield f"Go to {clause.title}", f"{clause.id} ({clause.status})", partial(main.open_entry, clause.id)
        for clause_id, clause in session.library.clauses.items():
            if clause_id not in present:
                yield f"Add {clause.title}", f"add {clause_id} from the library", partial(self._add, main, clause_id)

    def _run(self, main, action: str) -> None:  # type: ignore[no-untyped-def]
        self.app.call_later(main.run_action, action)

    def _add(self, main, clause_id: str) -> None:  # type: ignore[no-untyped-def]
        main.session.add_clause(clause_id)
        main.refresh_views()
        main.open_entry(clause_id)

    async def discover(self) -> Hits:
        for index, (name, help_text, callback) in enumerate(self._commands() or ()):
            if index >= len(ACTIONS):
                break
            yield DiscoveryHit(Content(name), callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, callback in self._commands() or ():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, help=help_text)
