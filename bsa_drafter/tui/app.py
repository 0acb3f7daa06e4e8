"""The drafting app: `bsa-drafter` (a new standard draft) or `bsa-drafter edit SPEC.toml`.

The app paints at once, saying what it opens, and only then loads the drafting modules, the
clause library and the draft (about half of the start-up time). This module therefore imports
only Textual at the top. The loading runs on the app's own thread: in a second thread it
would compete with the first for the interpreter and take longer.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Static

from bsa_drafter.errors import BadInput, Problem
from bsa_drafter.tui.commands import DrafterCommands

if TYPE_CHECKING:
    from bsa_drafter.editing import DraftSession
    from bsa_drafter.models import Library
    from bsa_drafter.recovery import RecoveryStore
    from bsa_drafter.tui.screens.main import MainScreen

AUTOSAVE_SECONDS = 3.0
UNTITLED = "[partner]"


def _load(library: Library | None, library_root: Path | str | None) -> Library:
    """The slow part of starting: the drafting modules and the library."""
    import bsa_drafter.tui.screens.main  # noqa: F401  (pydantic models, detectors, widgets)
    from bsa_drafter.library import load_library

    return library if library is not None else load_library(library_root)


class DrafterApp(App[int]):
    CSS_PATH = "app.tcss"
    TITLE = "bsa-drafter"
    COMMANDS = App.COMMANDS | {DrafterCommands}
    BINDINGS = [Binding("ctrl+q", "quit", "Quit", priority=True)]

    def __init__(self, spec_path: Path | None = None, library: Library | None = None, *, library_root: Path | str | None = None, blink: bool = True):
        super().__init__()
        self.spec_path = spec_path
        self.library_root = library_root
        self.library: Library | None = library
        self.blink = blink
        self.session: DraftSession | None = None
        self.recovery_store: RecoveryStore | None = None
        self.startup_problems: list[Problem] = []  # a clause library that cannot be used

    def compose(self) -> ComposeResult:
        what = self.spec_path.name if self.spec_path else "a new draft"
        yield Static(Content.assemble(("bsa-drafter", "bold"), f" \u2014 opening {what} \u2026"), id="opening")

    def on_ready(self) -> None:
        """The first frame is on screen: now open the draft."""
        self.start()

    @work(exclusive=True, group="start")
    async def start(self) -> None:
        try:
            self.library = _load(self.library, self.library_root)
        except BadInput as exc:  # reported by run_app once the terminal is restored
            self.startup_problems = exc.problems
            self.exit(2, return_code=2)
            return
        from bsa_drafter.tui.screens.main import MainScreen

        session = await self._first_session()
        if session is None:
            self.exit(0)
            return
        self.adopt(session)
        await self.push_screen(MainScreen(session, blink=self.blink))
        await self.offer_recovery(session)
        self.set_interval(AUTOSAVE_SECONDS, self.autosave)

    async def _first_session(self) -> DraftSession | None:
        from bsa_drafter.tui.screens.dialogs import ConfirmScreen, LoadErrorScreen, PathScreen, PromptScreen
        from bsa_drafter.editing import DraftSession

        assert self.library is not None
        path = self.spec_path
        if path is None:
            return DraftSession.new(self.library, UNTITLED)
        if not path.exists():
            answer = await self.push_screen_wait(ConfirmScreen(f"{path} does not exist. Create a new draft there?", [("create", "Create it"), ("quit", "Quit")], cancel="quit"))
            if answer != "create":
                return None
            partner = await self.push_screen_wait(PromptScreen("Partner for the new draft", path.stem.replace("_", " ").title()))
            if not partner:
                return None
            session = DraftSession.new(self.library, partner, path)
            session.save(path)
            return session
        while True:
            try:
                return DraftSession.open(path, self.library)
            except BadInput as exc:
                choice = await self.push_screen_wait(LoadErrorScreen(exc.problems))
                if choice == "new":
                    return DraftSession.new(self.library, UNTITLED)
                if choice != "open":
                    return None
                picked = await self.push_screen_wait(PathScreen("Open a draft spec", path.parent, (".toml",)))
                if picked is None:
                    return None
                path = picked

    def adopt(self, session: DraftSession) -> None:
        """Make `session` the one being edited; it writes its own recovery copies."""
        from bsa_drafter.recovery import RecoveryStore

        if self.session is not None and self.session is not session:
            self.session.close()
        if self.recovery_store is None:
            self.recovery_store = RecoveryStore()
        session.attach_recovery(self.recovery_store)
        self.session = session

    async def offer_recovery(self, session: DraftSession) -> None:
        """Offer the newest recovery copy left by a crash. Whatever is answered, or if nothing
        is (Escape), no copy is ever overwritten: this session writes a copy of its own."""
        from bsa_drafter.tui.screens.dialogs import ConfirmScreen

        copies = session.recovery_to_offer()
        if not copies:
            return
        newest = copies[0]
        older = f"\n{len(copies) - 1} older recovery cop{'y is' if len(copies) == 2 else 'ies are'} kept in {newest.path.parent}" if len(copies) > 1 else ""
        answer = await self.push_screen_wait(
            ConfirmScreen(
                f"Unsaved changes from {newest.written:%d %b %Y %H:%M} were found (the app did not close normally).",
                [("restore", "Restore them"), ("discard", "Discard them")],
                f"{newest.path}{older}\nEscape: decide later (the copy is kept).",
                cancel="keep",
            )
        )
        if answer == "restore":
            try:
                session.restore(newest)
            except BadInput as exc:
                self.notify(Content("Cannot restore: " + "; ".join(str(p) for p in exc.problems)), severity="error")
                return
            main = self.main_screen()
            if main is not None:
                main.replace_session(session)
            self.notify("Restored; save with ctrl+s to keep them (ctrl+z undoes the restore)", timeout=4)
        elif answer == "discard":
            newest.discard()

    def main_screen(self) -> MainScreen | None:
        from bsa_drafter.tui.screens.main import MainScreen

        return next((s for s in self.screen_stack if isinstance(s, MainScreen)), None)

    def autosave(self) -> None:
        if self.session is not None:
            try:
                self.session.autosave()
            except BadInput as exc:
                self.notify(Content("Autosave failed: " + "; ".join(str(p) for p in exc.problems)), severity="warning")

    @work(exclusive=True, group="dialog")
    async def action_quit(self) -> None:
        main = self.main_screen()
        if main is None or self.session is None or not self.session.dirty:
            if self.session is not None:
                self.session.close()
            self.exit(0)
            return
        if await main.confirm_discard("quit"):
            self.session.close()
            self.exit(0)


def run_app(spec: Path | None, library_root: Path | str | None = None) -> int:
    app = DrafterApp(spec, library_root=library_root)
    result = app.run()
    if app.startup_problems:
        raise BadInput(app.startup_problems)
    return result or 0
