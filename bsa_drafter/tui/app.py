"""The drafting app: `bsa-drafter` (a new standard draft) or `bsa-drafter edit SPEC.toml`.

The app paints at once, saying what it opens, and only then loads the drafting modules, the
clause library and the draft (about half of the start-up time). This module therefore imports
only Textual at the top. The loading runs on the app's own thread: in a second thread it
would compete with the first for the interpreter and take longer.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Iterable

from textual import work
from textual.app import App, ComposeResult, SystemCommand
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from bsa_drafter.errors import BadInput, Problem
from bsa_drafter.settings import Settings, load_settings
from bsa_drafter.tui.commands import DrafterCommands
from bsa_drafter.tui.keys import bindings, check_keymap

if TYPE_CHECKING:
    from bsa_drafter.editing import DraftSession
    from bsa_drafter.models import Library
    from bsa_drafter.recovery import RecoveryStore
    from bsa_drafter.tui.screens.main import MainScreen

AUTOSAVE_SECONDS = 3.0


def _load(library: Library | None, library_root: Path | str | None) -> Library:
    """The slow part of starting: the drafting modules and the library."""
    import bsa_drafter.tui.screens.main  # noqa: F401  (pydantic models, detectors, widgets)
    from bsa_drafter.library import load_library

    return library if library is not None else load_library(library_root)


class DrafterApp(App[int]):
    CSS_PATH = "app.tcss"
    TITLE = "bsa-drafter"
    COMMANDS = App.COMMANDS | {DrafterCommands}
    BINDINGS = bindings("app")

    def __init__(
        self,
        spec_path: Path | None = None,
        library: Library | None = None,
        *,
        library_root: Path | str | None = None,
        blink: bool = True,
        settings: Settings | None = None,
    ):
        super().__init__()
        self.spec_path = spec_path
        self.library_root = library_root
        self.library: Library | None = library
        self.blink = blink
        self.session: DraftSession | None = None  # the draft being edited: set only by adopt()
        self.recovery_store: RecoveryStore | None = None
        self.startup_problems: list[Problem] = []  # a clause library that cannot be used
        self.settings = settings or load_settings()
        self.keymap, keymap_problems = check_keymap(self.settings.keymap)
        where = str(self.settings.path)
        self.settings_problems = self.settings.problems + [
            Problem(where, self.settings.line_of("keymap", binding_id), f"keymap.{binding_id}: {message}")
            for binding_id, message in keymap_problems
        ]
        self.set_keymap(self.keymap)
        if self.settings.theme:
            if self.settings.theme in self.available_themes:
                self.theme = self.settings.theme
            else:
                self.settings_problems.append(
                    Problem(
                        str(self.settings.path),
                        self.settings.line_of("theme"),
                        f"theme: unknown theme {self.settings.theme!r} (the palette's Theme command lists them)",
                    )
                )

    def compose(self) -> ComposeResult:
        what = self.spec_path.name if self.spec_path else "a new draft"
        yield Static(Content.assemble(("bsa-drafter", "bold"), f" \u2014 opening {what} \u2026"), id="opening")

    def on_ready(self) -> None:
        """The first frame is on screen: now open the draft."""
        self.start()

    @work(exclusive=True, group="start")
    async def start(self) -> None:
        from bsa_drafter import morphology

        morphology.defer()  # the Ukrainian dictionary loads in the background, after the draft shows
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
        await self.push_screen(MainScreen(self, blink=self.blink, preview=self.settings.preview))
        self.load_terminology()
        if self.settings_problems:
            listed = "\n".join(str(p) for p in self.settings_problems)
            self.notify(Content(f"Settings not applied:\n{listed}"), severity="warning", timeout=10)
        await self.offer_recovery(session)
        self.set_interval(AUTOSAVE_SECONDS, self.autosave)

    @work(thread=True, exclusive=True, group="terminology")
    def load_terminology(self) -> None:
        """Load the Ukrainian dictionary and prepare the termbase (about a second of work, in a
        thread so that typing goes on), then have the findings checked again."""
        from bsa_drafter.crosslang.terms import prepare

        if self.library is not None:
            prepare(self.library.terms)
            self.call_from_thread(self._terminology_ready)

    def _terminology_ready(self) -> None:
        main = self.main_screen()
        if main is not None:
            main.terminology_loaded()

    def on_unmount(self) -> None:
        from bsa_drafter import morphology

        morphology.defer(False)

    async def _first_session(self) -> DraftSession | None:
        """No spec: ask for the partner of a new standard draft (or a spec to open). A spec
        that does not exist: create it after asking. A spec that cannot be read: say why."""
        from bsa_drafter.editing import DraftSession
        from bsa_drafter.tui.screens.dialogs import ConfirmScreen, LoadErrorScreen, PartnerScreen, PathScreen

        assert self.library is not None
        path = self.spec_path
        if path is not None and not path.exists():
            answer = await self.push_screen_wait(
                ConfirmScreen(
                    f"{path} does not exist. Create a new draft there?",
                    [("create", "Create it"), ("quit", "Quit")],
                    cancel="quit",
                )
            )
            if answer != "create":
                return None
            suggested = path.stem.replace("_", " ").title()
            partner = await self.push_screen_wait(PartnerScreen(self.library, suggested, can_open=False))
            if not partner:
                return None
            session = DraftSession.new(self.library, partner, path)
            session.save(path)
            return session
        while True:
            if path is None:
                partner = await self.push_screen_wait(PartnerScreen(self.library))
                if partner is None:
                    return None
                if partner != PartnerScreen.OPEN:
                    return self.new_session(partner)
                path = await self.push_screen_wait(PathScreen("Open a draft spec", self.drafts_folder(), (".toml",)))
                if path is None:
                    continue
            try:
                return DraftSession.open(path, self.library)
            except BadInput as exc:
                choice = await self.push_screen_wait(LoadErrorScreen(exc.problems))
                if choice == "new":
                    path = None
                    continue
                if choice != "open":
                    return None
                picked = await self.push_screen_wait(PathScreen("Open a draft spec", path.parent, (".toml",)))
                if picked is None:
                    return None
                path = picked

    def new_session(self, partner: str) -> DraftSession:
        """A standard draft for a partner, its details filled from the partner table as
        `bsa-drafter new` fills them; untouched, it has nothing to save."""
        from bsa_drafter.editing import DraftSession

        assert self.library is not None
        if self.library.partner(partner) is None:
            self.notify(
                Content(f"{partner} is not in the partner table: check its formal name and adjective in the details"),
                severity="warning",
                timeout=6,
            )
        return DraftSession.new(self.library, partner)

    def drafts_folder(self, near: Path | None = None) -> Path:
        """Where specs and exports are proposed: the settings' drafts folder, else the folder of
        the draft being edited, else the current folder."""
        if self.settings.drafts_folder is not None:
            return self.settings.drafts_folder
        if near is not None:
            return near.parent
        if self.session is not None and self.session.path is not None:
            return self.session.path.parent
        return Path.cwd()

    def adopt(self, session: DraftSession) -> None:
        """Make `session` the one being edited (the drafting screen then shows it); it writes its
        own recovery copies."""
        from bsa_drafter.recovery import RecoveryStore

        if self.session is not None and self.session is not session:
            self.session.close()
        if self.recovery_store is None:
            self.recovery_store = RecoveryStore()
        session.attach_recovery(self.recovery_store)
        self.session = session
        main = self.main_screen()
        if main is not None:
            main.show_new_session()

    async def offer_recovery(self, session: DraftSession) -> None:
        """Offer the newest recovery copy left by a crash. Whatever is answered, or if nothing
        is (Escape), no copy is ever overwritten: this session writes a copy of its own."""
        from bsa_drafter.tui.screens.dialogs import ConfirmScreen

        copies = session.recovery_to_offer()
        if not copies:
            return
        newest = copies[0]
        older = (
            f"\n{len(copies) - 1} older recovery cop{'y is' if len(copies) == 2 else 'ies are'} kept in "
            f"{newest.path.parent}"
            if len(copies) > 1
            else ""
        )
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
            if main is not None:  # the whole spec was replaced: what the editor holds is stale
                main.show_new_session()
            self.notify("Restored; save with ctrl+s to keep them (ctrl+z undoes the restore)", timeout=4)
        elif answer == "discard":
            newest.discard()

    def main_screen(self) -> MainScreen | None:
        from bsa_drafter.tui.screens.main import MainScreen

        return next((s for s in self.screen_stack if isinstance(s, MainScreen)), None)

    def action_show_keys(self) -> None:
        """The key reference of the screen in front (closed again by the same key)."""
        from bsa_drafter.tui.screens.keys import KeyReferenceScreen

        if isinstance(self.screen, KeyReferenceScreen):
            self.pop_screen()
            return
        self.push_screen(KeyReferenceScreen(self.screen))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Textual's own commands, less the two the key registry has its own entries for: its
        generic keys panel (our key reference) and its Quit (ours, which asks first)."""
        for command in super().get_system_commands(screen):
            if command.title not in ("Keys", "Quit"):
                yield command

    def autosave(self) -> None:
        if self.session is not None:
            try:
                self.session.autosave()
            except BadInput as exc:
                self.notify(Content("Autosave failed: " + "; ".join(str(p) for p in exc.problems)), severity="warning")

    @work(exclusive=True, group="dialog")
    async def action_quit(self) -> None:
        main = self.main_screen()
        if main is None or self.session is None or not (self.session.dirty or self.session.typed_only()):
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
