"""The drafting app: `bsa-drafter` (a new standard draft) or `bsa-drafter edit SPEC.toml`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from textual import work
from textual.app import App
from textual.binding import Binding
from textual.content import Content

from bsa_drafter.errors import BadInput
from bsa_drafter.library import load_library
from bsa_drafter.models import Library
from bsa_drafter.tui.commands import DrafterCommands
from bsa_drafter.tui.screens.dialogs import ConfirmScreen, LoadErrorScreen, PathScreen, PromptScreen
from bsa_drafter.tui.screens.main import MainScreen
from bsa_drafter.tui.session import DraftSession

AUTOSAVE_SECONDS = 3.0


class DrafterApp(App[int]):
    CSS_PATH = "app.tcss"
    TITLE = "bsa-drafter"
    COMMANDS = App.COMMANDS | {DrafterCommands}
    BINDINGS = [Binding("ctrl+q", "quit", "Quit", priority=True)]

    def __init__(self, spec_path: Path | None = None, library: Library | None = None, *, library_root: Path | str | None = None, blink: bool = True):
        super().__init__()
        self.spec_path = spec_path
        self.library = library or load_library(library_root)
        self.blink = blink
        self.session: DraftSession | None = None

    def on_mount(self) -> None:
        self.start()

    @work(exclusive=True, group="start")
    async def start(self) -> None:
        session = await self._first_session()
        if session is None:
            self.exit(0)
            return
        self.session = session
        await self.push_screen(MainScreen(session, blink=self.blink))
        await self.offer_recovery(session)
        self.set_interval(AUTOSAVE_SECONDS, self.autosave)

    async def _first_session(self) -> DraftSession | None:
        path = self.spec_path
        if path is None:
            return DraftSession.new(self.library)
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
                    return DraftSession.new(self.library)
                if choice != "open":
                    return None
                picked = await self.push_screen_wait(PathScreen("Open a draft spec", path.parent, (".toml",)))
                if picked is None:
                    return None
                path = picked

    async def offer_recovery(self, session: DraftSession) -> None:
        recovery = session.recovery_to_offer()
        if recovery is None:
            return
        when = dt.datetime.fromtimestamp(recovery.stat().st_mtime).strftime("%d %b %Y %H:%M")
        answer = await self.push_screen_wait(
            ConfirmScreen(
                f"Unsaved changes from {when} were found (the app did not close normally).",
                [("restore", "Restore them"), ("discard", "Discard them")],
                str(recovery),
                cancel="keep",
            )
        )
        if answer == "restore":
            try:
                session.restore(recovery)
            except BadInput as exc:
                self.notify(Content("Cannot restore: " + "; ".join(str(p) for p in exc.problems)), severity="error")
                return
            main = self.main_screen()
            if main is not None:
                main.replace_session(session)
            self.notify("Restored; save with ctrl+s to keep them", timeout=4)
        elif answer == "discard":
            session.discard_recovery()

    def main_screen(self) -> MainScreen | None:
        return next((s for s in self.screen_stack if isinstance(s, MainScreen)), None)

    def autosave(self) -> None:
        if self.session is not None:
            try:
                self.session.autosave()
            except OSError as exc:
                self.notify(Content(f"Autosave failed: {exc.strerror or exc}"), severity="warning")

    @work(exclusive=True, group="dialog")
    async def action_quit(self) -> None:
        main = self.main_screen()
        if main is None or self.session is None or not self.session.dirty:
            self.exit(0)
            return
        if await main.confirm_discard("quit"):
            self.exit(0)


def run_app(spec: Path | None, library_root: Path | str | None = None) -> int:
    app = DrafterApp(spec, library_root=library_root)
    result = app.run()
    return result or 0
