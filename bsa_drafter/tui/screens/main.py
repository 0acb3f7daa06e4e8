"""The drafting screen: library, outline and editor side by side, findings always in view."""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Input, Static

from bsa_drafter.crosslang import terminology_ready
from bsa_drafter.editing import DRAFT_DETAILS, TYPING, ChangedOnDisk, DraftSession, Step
from bsa_drafter.errors import BadInput
from bsa_drafter.models import Finding
from bsa_drafter.tui.keys import bindings
from bsa_drafter.tui.screens.dialogs import ConfirmScreen, LoadErrorScreen, PartnerScreen, PathScreen
from bsa_drafter.tui.screens.history import HistoryScreen
from bsa_drafter.tui.widgets.clause_history import ClauseHistoryLine
from bsa_drafter.tui.widgets.divider import PaneDivider, PaneResize
from bsa_drafter.tui.widgets.editor import ClauseEditor
from bsa_drafter.tui.widgets.findings import STYLE, FindingsPanel
from bsa_drafter.tui.widgets.footer import KeysFooter
from bsa_drafter.tui.widgets.header import DraftHeader
from bsa_drafter.tui.widgets.library_tree import LibraryTree
from bsa_drafter.tui.widgets.outline import DraftOutline
from bsa_drafter.tui.widgets.parallel import ParallelView

if TYPE_CHECKING:
    from bsa_drafter.tui.app import DrafterApp

RECHECK_DELAY = 0.03  # live re-checks run at most this often (seconds); a burst gets one at its end
TYPED_KINDS = (*TYPING, "param", "meta")  # changes that come a keystroke at a time: re-checked at most that often
MIN_PANE, MAX_PANE = 16, 80


def short_counts(counts: dict[str, int]) -> Content:
    """'0 E  1 W  6 I', each count in its severity's colour when it is not zero."""
    return Content("  ").join(
        Content.styled(f"{counts.get(s, 0)} {s[0].upper()}", STYLE[s] if counts.get(s) else "dim")
        for s in ("error", "warning", "info")
    )


def file_stem(partner: str) -> str:
    """A file name for a partner's draft: 'North Macedonia' -> 'north_macedonia'."""
    stem = "".join(c if c.isalnum() else "_" for c in partner.lower()).strip("_")
    return "_".join(part for part in stem.split("_") if part) or "draft"


class ExportFinished(Message):
    def __init__(self, path: Path | None, error: str | None):
        super().__init__()
        self.path, self.error = path, error


class MainScreen(HistoryScreen):
    # keys chosen not to collide with what TextArea and Input bind (ctrl+a/d/e/k/u/w, f6, f7 ...);
    # ctrl+z / ctrl+y are priority bindings: they reach the session before the text area's own undo
    BINDINGS = bindings("main")

    def __init__(self, drafter: DrafterApp, blink: bool = True, preview: bool = False):
        super().__init__()
        self.drafter = drafter  # the app it was made for, which owns the session (also once the app has ended)
        self.blink = blink
        self.preview = preview
        self.selected: str | None = None
        self._recheck: Timer | None = None
        self._refresh_queued = False
        self._last_check = 0.0
        self._listening_to: DraftSession | None = None

    @property
    def session(self) -> DraftSession:
        """The draft being edited: the app's (it adopts each session it opens); this screen shows it."""
        session = self.drafter.session
        assert session is not None, "the drafting screen is shown only once the app has a session"
        return session

    def compose(self) -> ComposeResult:
        library = self.session.library
        yield DraftHeader(id="header")
        with Horizontal(id="panes"):
            with Vertical(id="library-pane", classes="pane"):
                yield Static("Library", classes="pane-title")
                search = Input(placeholder="/ search clauses, tags, precedents", id="library-search")
                search.cursor_blink = self.blink
                yield search
                yield LibraryTree(library, id="library-tree")
            yield PaneDivider("library-pane", id="library-divider")
            with Vertical(id="outline-pane", classes="pane"):
                yield Static("Draft", classes="pane-title")
                yield DraftOutline(library, id="outline")
            yield PaneDivider("outline-pane", id="outline-divider")
            with Vertical(id="editor-pane", classes="pane"):
                yield ClauseHistoryLine(id="clause-history")
                yield ClauseEditor(library, blink=self.blink, preview=self.preview, id="editor")
        yield FindingsPanel(library, id="findings")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one("#library-search").display = False
        self._follow_session()
        first = next((e.clause_id for e in self.session.outline() if e.status != "omitted"), None)
        self.open_entry(first or DRAFT_DETAILS)
        self.query_one(DraftOutline).focus()

    def on_resize(self) -> None:
        self.set_class(self.size.height < 32, "-short")
        narrow = self.size.width < 110
        self.set_class(narrow, "-narrow")
        self.query_one("#library-pane").display = not narrow and not self.has_class("-hide-library")
        self.query_one("#library-divider").display = self.query_one("#library-pane").display

    # --- showing the session ------------------------------------------------------------

    def _follow_session(self) -> None:
        """Listen to the app's session (a new one after open, new draft) and show it. This
        first refresh is not a change of the session: the views have not shown it yet."""
        session = self.session
        if self._listening_to is not session:
            if self._listening_to is not None:
                self._listening_to.unsubscribe(self._session_changed)
            session.subscribe(self._session_changed)
            self._listening_to = session
        self.refresh_views()

    def _session_changed(self, kind: str) -> None:
        """The one way the views learn of a change to the session, whoever made it: one refresh
        per batch of changes. Typing (a change a keystroke) is re-checked at once after a pause and
        once more at the end of a burst; anything else once the message that changed it is handled."""
        if self._refresh_queued:
            return
        if kind in TYPED_KINDS:
            self.schedule_recheck()
            return
        if self._recheck is not None:
            self._recheck.stop()
            self._recheck = None
        self._refresh_queued = True
        self.call_later(self._recheck_now)

    def refresh_views(self) -> None:
        session = self.session
        draft, result = session.refresh()
        counts = result.counts()
        meta = session.spec.draft
        self.app.title = f"bsa-drafter \u2014 {meta.partner}"
        marker = "\u25cf unsaved  " if session.dirty else ""
        invalid = f"  {len(session.invalid)} invalid" if session.invalid else ""
        terms = "" if terminology_ready(session.library.terms) else "  (terms: loading)"
        self.app.sub_title = f"{marker}round {meta.round} \u00b7 {meta.status} \u00b7 " + (
            f"{counts['error']} E  {counts['warning']} W  {counts['info']} I{invalid}{terms}"
        )
        where = f"  {session.path.name}" if session.path else "  (not saved yet)"
        self.query_one(DraftHeader).show(
            Content.assemble(("bsa-drafter", "bold"), " \u2014 ", (meta.partner, "bold"), (where, "dim")),
            Content.assemble(
                ("\u25cf unsaved  " if session.dirty else "", "bold $warning"),
                (f"round {meta.round} \u00b7 {meta.status}  ", "dim"),
                short_counts(counts),
                (invalid, "bold $error"),
                (terms, "dim"),
            ),
        )
        self.query_one(DraftOutline).show(session.outline(), self.selected)
        self.query_one(FindingsPanel).show(result.findings, counts)

    def open_entry(self, clause_id: str | None, sync_outline: bool = True) -> None:
        """Show a clause (or the draft details) in the editor."""
        if clause_id is None:
            return
        if clause_id != self.selected:
            self.session.seal()  # typing in another clause is another undo step
        self.selected = clause_id
        editor = self.query_one(ClauseEditor)
        draft = self.session.draft
        editor.values_uk = draft.values_uk
        if clause_id == DRAFT_DETAILS:
            editor.load_details(self.session.spec, draft.values)
        else:
            clause = draft.clause(clause_id)
            if clause is None:  # omitted: show its wording in the library instead
                self.notify(Content(f"{clause_id} is omitted; press x in the outline to include it"), timeout=3)
                return
            editor.load_clause(clause, self.session.spec, draft.values)
        self.query_one(ClauseHistoryLine).show_for(self.session, None if clause_id == DRAFT_DETAILS else clause_id)
        if sync_outline:
            self.query_one(DraftOutline).select_clause(clause_id)
        for (kind, name), problem in self.session.invalid.items():
            editor.show_field_error(kind, name, problem.message)
        for (kind, name), note in self.session.notes.items():
            editor.show_field_error(kind, name, note, note=True)

    def action_go_to(self, clause_id: str) -> None:
        """Open a clause (the palette's Go to)."""
        self.open_entry(clause_id)

    def schedule_recheck(self) -> None:
        """Re-check at once after a pause in typing; during a burst, once more at its end."""
        if self._recheck is None and time.monotonic() - self._last_check >= RECHECK_DELAY:
            self._recheck_now()
            return
        if self._recheck is not None:
            self._recheck.stop()
        self._recheck = self.set_timer(RECHECK_DELAY, self._recheck_now)

    def _recheck_now(self) -> None:
        self._recheck = None
        self._refresh_queued = False
        self._last_check = time.monotonic()
        self.refresh_views()
        if self.selected and self.selected != DRAFT_DETAILS:
            clause = self.session.draft.clause(self.selected)
            if clause is not None:
                self.query_one(ClauseEditor).update_title_status(clause, self.session.draft.values)

    def show_new_session(self) -> None:
        """Start over on the app's session: a new draft, another file, or the whole spec
        replaced (restored, reloaded), so what the editor and the selection held is stale."""
        self.selected = None
        self.query_one(ClauseEditor).forget()
        self._follow_session()
        first = next((e.clause_id for e in self.session.outline() if e.status != "omitted"), None)
        self.open_entry(first or DRAFT_DETAILS)

    # --- messages from the panes ---------------------------------------------------------

    def on_draft_outline_clause_highlighted(self, message: DraftOutline.ClauseHighlighted) -> None:
        # the outline already shows the highlight; a highlight overtaken by later key presses is stale
        if message.clause_id != self.selected and message.clause_id == self.query_one(DraftOutline).selected_clause:
            self.open_entry(message.clause_id, sync_outline=False)

    def on_draft_outline_clause_opened(self, message: DraftOutline.ClauseOpened) -> None:
        self.open_entry(message.clause_id)
        if message.clause_id != DRAFT_DETAILS and self.session.draft.clause(message.clause_id) is not None:
            self.query_one("#clause-text").focus()

    def on_draft_outline_move_requested(self, message: DraftOutline.MoveRequested) -> None:
        if not self.session.move(message.clause_id, message.step):
            self.notify("A clause moves within its Part only", severity="warning", timeout=2)
            return
        self.open_entry(message.clause_id)

    def on_draft_outline_include_toggled(self, message: DraftOutline.IncludeToggled) -> None:
        included = self.session.draft.clause(message.clause_id) is not None
        self.session.set_include(message.clause_id, not included)
        if not included:
            self.open_entry(message.clause_id)

    def on_draft_outline_next_variant(self, message: DraftOutline.NextVariant) -> None:
        clause = self.session.draft.clause(message.clause_id)
        library_clause = self.session.library.clauses.get(message.clause_id)
        if clause is None:
            return
        if library_clause is None or len(library_clause.variants) < 2:
            said = "is wording of our own: it has no variants" if library_clause is None else "has one variant only"
            self.notify(Content(f"{clause.title} {said}"), timeout=2)
            return
        ids = library_clause.variant_ids
        self.choose_variant(message.clause_id, ids[(ids.index(clause.variant) + 1) % len(ids)])

    def on_library_tree_add_requested(self, message: LibraryTree.AddRequested) -> None:
        self.action_add_clause(message.clause_id, message.variant_id)

    def action_add_clause(self, clause_id: str, variant_id: str | None = None) -> None:
        """Add a clause from the library (or switch the variant of one in the draft) and open it."""
        clause = self.session.draft.clause(clause_id)
        if clause is not None and variant_id is not None and clause.variant != variant_id:
            self.choose_variant(clause_id, variant_id)
            return
        if clause is None:
            self.session.add_clause(clause_id, variant_id)
            self.notify(Content(f"added {clause_id}"), timeout=2)
        self.open_entry(clause_id)

    def on_clause_editor_text_edited(self, message: ClauseEditor.TextEdited) -> None:
        self.session.set_text(message.clause_id, message.text)

    def on_clause_editor_variant_chosen(self, message: ClauseEditor.VariantChosen) -> None:
        self.choose_variant(message.clause_id, message.variant_id)

    @work(exclusive=True, group="dialog")
    async def choose_variant(self, clause_id: str, variant_id: str) -> None:
        """Switch a clause's variant. Only a real change of variant does anything, and it asks
        first only when it would replace wording the negotiator edited (undo restores it)."""
        clause = self.session.draft.clause(clause_id)
        if clause is None or clause.variant == variant_id:
            return
        if self.session.variant_switch_replaces_wording(clause_id, variant_id):
            answer = await self.app.push_screen_wait(
                ConfirmScreen(
                    f"{clause.title} has edited wording.",
                    [("switch", "Use the variant's wording"), ("cancel", "Keep my wording")],
                    "Switching the variant replaces your wording (ctrl+z brings it back).",
                )
            )
            if answer != "switch":
                self.open_entry(clause_id)
                return
        self.session.set_variant(clause_id, variant_id)
        self.open_entry(clause_id)

    def show_step(self, step: Step) -> None:
        """Open the clause the step changed (or stay where we are, if that clause is gone)."""
        target = step.clause if step.clause is not None else self.selected
        if target != DRAFT_DETAILS and target is not None and self.session.draft.clause(target) is None:
            target = self.selected if self.selected and self.session.draft.clause(self.selected) else DRAFT_DETAILS
        self.query_one(ClauseEditor).forget()
        self.open_entry(target)

    def on_clause_editor_field_edited(self, message: ClauseEditor.FieldEdited) -> None:
        if message.kind == "draft":
            error = self.session.set_meta(message.name, message.value)
        else:
            error = self.session.set_param(message.name, message.value)
        invalid = (message.kind, message.name) in self.session.invalid
        self.query_one(ClauseEditor).show_field_error(message.kind, message.name, error, note=not invalid)

    def on_findings_panel_finding_chosen(self, message: FindingsPanel.FindingChosen) -> None:
        self.jump_to(message.finding)

    def jump_to(self, finding: Finding) -> None:
        """Open the finding's clause and select its evidence in the wording."""
        if finding.clause is None:
            self.notify(Content(f"{finding.rule}: nothing to point at ({finding.message})"), timeout=3)
            return
        if finding.clause != DRAFT_DETAILS and self.session.draft.clause(finding.clause) is None:
            self.session.set_include(finding.clause, True)
        self.open_entry(finding.clause)
        clause = self.session.draft.clause(finding.clause)
        if clause is None:
            return
        editor = self.query_one(ClauseEditor)
        paragraph = self.session.draft.document.paragraphs[finding.paragraph or 0]
        if finding.span is not None and finding.language == "uk":  # evidence in the Ukrainian: both languages
            self.show_both_languages(True)
            editor.highlight(finding.span[0], finding.span[1], clause, self.session.draft.values_uk, "uk")
        elif finding.span is not None and clause.text == paragraph.text:
            editor.highlight(finding.span[0], finding.span[1], clause, self.session.draft.values)
        else:
            self.query_one("#parallel-en" if editor.parallel_shown else "#clause-text").focus()

    # --- both languages ------------------------------------------------------------------

    def action_toggle_parallel(self) -> None:
        shown = self.show_both_languages(not self.query_one(ClauseEditor).parallel_shown)
        if shown and self.selected not in (None, DRAFT_DETAILS):
            self.query_one("#parallel-uk").focus()

    def show_both_languages(self, shown: bool) -> bool:
        """English beside Ukrainian in the editor, or the English alone; returns the new state."""
        editor = self.query_one(ClauseEditor)
        if editor.parallel_shown != shown:
            editor.show_parallel(shown)
            if self.selected is not None:
                self.open_entry(self.selected)
        return shown

    def on_parallel_view_text_edited(self, message: ParallelView.TextEdited) -> None:
        if message.language == "uk":
            self.session.set_text_uk(message.clause_id, message.text)
        else:
            self.session.set_text(message.clause_id, message.text)

    def on_parallel_view_confirm_requested(self, message: ParallelView.ConfirmRequested) -> None:
        if self.session.confirm_match(message.clause_id):
            self.open_entry(message.clause_id)
            self.notify("Both texts confirmed as matching", timeout=2)
        else:
            self.notify("Nothing to confirm", timeout=2)

    def terminology_loaded(self) -> None:
        """The Ukrainian dictionary is there: check again, with the term checks. The checks
        changed, not the session, so no listener is told: this refresh is called for."""
        self.session.refresh(force=True)
        self.refresh_views()

    # --- panes ---------------------------------------------------------------------------

    def action_toggle_pane(self, pane_id: str) -> None:
        pane = self.query_one(f"#{pane_id}")
        pane.display = not pane.display
        if pane_id == "library-pane":
            self.set_class(not pane.display, "-hide-library")
        divider = {"library-pane": "#library-divider", "outline-pane": "#outline-divider"}.get(pane_id)
        if divider:
            self.query_one(divider).display = pane.display

    def action_focus_outline(self) -> None:
        self.query_one(DraftOutline).focus()

    def action_toggle_preview(self) -> None:
        """Show or hide the clause as it will read, below its wording."""
        self.preview = not self.preview
        clause = self.session.draft.clause(self.selected) if self.selected not in (None, DRAFT_DETAILS) else None
        self.query_one(ClauseEditor).set_preview(self.preview, clause, self.session.draft.values)
        if self.preview and clause is None:
            self.notify("The preview shows a clause: choose one in the outline", timeout=2)

    def action_next_finding(self, offset: int) -> None:
        """Go to the next (1) or previous (-1) finding: its clause, its evidence selected."""
        panel = self.query_one(FindingsPanel)
        finding = panel.step(offset)
        if finding is None:
            self.notify("No findings", timeout=2)
            return
        if not panel.display:
            self.action_toggle_pane("findings")
        self.jump_to(finding)

    def on_pane_resize(self, message: PaneResize) -> None:
        pane = self.query_one(f"#{message.pane_id}")
        width = max(MIN_PANE, min(MAX_PANE, pane.size.width + message.delta))
        pane.styles.width = width

    def action_search(self) -> None:
        if not self.query_one("#library-pane").display:
            self.action_toggle_pane("library-pane")
        search = self.query_one("#library-search", Input)
        search.display = True
        search.focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "library-search":
            self.query_one(LibraryTree).rebuild(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "library-search":
            self.query_one(LibraryTree).focus()

    # --- files ---------------------------------------------------------------------------

    @work(exclusive=True, group="dialog")
    async def action_save(self) -> None:
        await self.save_flow()

    async def save_flow(self, save_as: bool = False) -> bool:
        session = self.session
        if session.invalid:
            listed = "\n".join(f"\u2022 {problem}" for problem in session.invalid.values())
            answer = await self.app.push_screen_wait(
                ConfirmScreen(
                    f"{len(session.invalid)} field(s) hold values that were not accepted.",
                    [("save", "Save the rest"), ("cancel", "Cancel")],
                    f"{listed}\nThe spec keeps their last valid values; the fields stay marked.",
                )
            )
            if answer != "save":
                return False
        target = session.path
        if save_as or target is None:
            start = self.drafter.drafts_folder(session.path)
            suggestion = str(session.path or start / f"{file_stem(session.spec.draft.partner)}.toml")
            target = await self.app.push_screen_wait(
                PathScreen("Save the draft spec as", start, (".toml",), suggestion, must_exist=False)
            )
            if target is None:
                return False
            if target.exists() and target != session.path:
                answer = await self.app.push_screen_wait(
                    ConfirmScreen(f"{target} exists.", [("replace", "Replace it"), ("cancel", "Cancel")])
                )
                if answer != "replace":
                    return False
        try:
            written = session.save(target, force=target != session.path)
        except ChangedOnDisk:
            answer = await self.app.push_screen_wait(
                ConfirmScreen(
                    f"{target} changed on disk since you opened it.",
                    [
                        ("save_as", "Save as another file"),
                        ("reload", "Reload from disk (undo brings my edits back)"),
                        ("cancel", "Cancel"),
                    ],
                    "Saving now would overwrite those changes. Your edits stay here until you choose.",
                )
            )
            if answer == "reload":
                try:
                    session.reload()
                except BadInput as exc:
                    self.notify(Content("Cannot reload: " + "; ".join(str(p) for p in exc.problems)), severity="error")
                    return False
                self.show_new_session()
                self.notify("Reloaded from disk; ctrl+z brings your edits back")
                return False
            if answer == "save_as":
                return await self.save_flow(save_as=True)
            return False
        except BadInput as exc:
            self.notify(Content("Not saved: " + "; ".join(str(p) for p in exc.problems)), severity="error", timeout=8)
            return False
        still = f" ({len(session.invalid)} field(s) still invalid)" if session.invalid else ""
        self.notify(Content(f"Saved {written}{still}"), timeout=3, severity="warning" if still else "information")
        return True

    @work(exclusive=True, group="dialog")
    async def action_save_as(self) -> None:
        await self.save_flow(save_as=True)

    async def confirm_discard(self, what: str) -> bool:
        """Before replacing unsaved work: save it, drop it, or stay. Values typed into fields
        that were not accepted are not in the spec: they are lost too unless the user stays."""
        if not self.session.dirty:
            typed = self.session.typed_only()
            if not typed:
                return True
            listed = "\n".join(f"\u2022 {p.label}: {p.typed!r} ({p.message})" for p in typed)
            answer = await self.app.push_screen_wait(
                ConfirmScreen(
                    f"{len(typed)} field(s) hold values that were not accepted; "
                    f"they are not in the draft. Drop them and {what}?",
                    [("cancel", "Cancel"), ("discard", "Drop them")],
                    listed,
                )
            )
            return answer == "discard"
        answer = await self.app.push_screen_wait(
            ConfirmScreen(
                f"The draft has unsaved changes. Save them before you {what}?",
                [("save", "Save"), ("discard", "Discard"), ("cancel", "Cancel")],
            )
        )
        if answer == "save":
            return await self.save_flow()
        if answer == "discard":
            self.session.close()
            return True
        return False

    @work(exclusive=True, group="dialog")
    async def action_open(self) -> None:
        if not await self.confirm_discard("open another"):
            return
        start = self.drafter.drafts_folder(self.session.path)
        path = await self.app.push_screen_wait(PathScreen("Open a draft spec", start, (".toml",)))
        if path is None:
            return
        try:
            session = DraftSession.open(path, self.session.library)
        except BadInput as exc:
            choice = await self.app.push_screen_wait(LoadErrorScreen(exc.problems))
            if choice == "open":
                self.action_open()
            elif choice == "new":
                self.action_new_draft()
            return
        self.drafter.adopt(session)
        await self.drafter.offer_recovery(session)

    @work(exclusive=True, group="dialog")
    async def action_new_draft(self) -> None:
        if not await self.confirm_discard("start a new draft"):
            return
        partner = await self.app.push_screen_wait(PartnerScreen(self.session.library, can_open=False))
        if partner:
            session = self.drafter.new_session(partner)
            self.drafter.adopt(session)
            self.notify(Content(f"New standard draft for {session.spec.draft.partner}: save it with ctrl+s"), timeout=3)

    # --- export --------------------------------------------------------------------------

    @work(exclusive=True, group="dialog")
    async def action_export(self) -> None:
        session = self.session
        blockers = session.export_blockers()
        if blockers:
            self.notify(Content("Fix the invalid fields first:\n" + "\n".join(blockers)), severity="error", timeout=6)
            return
        draft, result = session.refresh()
        errors = [f for f in result.findings if f.severity == "error"]
        allow_errors = False
        if errors:
            detail = "\n".join(f"\u2022 {f.rule}: {f.message}" for f in errors[:8]) + (
                "\n\u2026" if len(errors) > 8 else ""
            )
            answer = await self.app.push_screen_wait(
                ConfirmScreen(
                    f"Export refused: the draft has {len(errors)} error-level finding(s).",
                    [("cancel", "Cancel"), ("export", "Export anyway")],
                    detail,
                )
            )
            if answer != "export":
                return
            allow_errors = True
        folder = self.drafter.drafts_folder(session.path)
        stem = session.path.stem if session.path else file_stem(session.spec.draft.partner)
        default = folder / f"{stem}.docx"
        target = await self.app.push_screen_wait(
            PathScreen("Export DOCX to", default.parent, (".docx",), str(default), must_exist=False)
        )
        if target is None:
            return
        self.notify(Content(f"Exporting {target.name} \u2026"), timeout=2)
        self._export_job(draft, target, allow_errors)

    @work(thread=True, exclusive=True, group="export")
    def _export_job(self, draft, target: Path, allow_errors: bool) -> None:  # type: ignore[no-untyped-def]
        from bsa_drafter.export.docx import (
            ExportRefused,
            export_draft,
        )  # python-docx, lxml, jinja2: loaded on first export

        try:
            export_draft(draft, target, allow_errors=allow_errors)
        except ExportRefused as refused:
            self.post_message(ExportFinished(None, f"refused: {len(refused.errors)} error-level finding(s)"))
            return
        except BadInput as exc:
            self.post_message(ExportFinished(None, "; ".join(str(p) for p in exc.problems)))
            return
        self.post_message(ExportFinished(target, None))

    def on_export_finished(self, message: ExportFinished) -> None:
        if message.error:
            self.notify(Content(f"Export failed: {message.error}"), severity="error")
        else:
            self.notify(Content(f"Exported {message.path}"), timeout=4)

    # --- other views ---------------------------------------------------------------------

    def action_diff(self) -> None:
        from bsa_drafter.tui.screens.diff import DiffScreen

        self.app.push_screen(DiffScreen(self.session, None if self.selected == DRAFT_DETAILS else self.selected))

    def action_precedents(self) -> None:
        from bsa_drafter.tui.screens.precedents import PrecedentsScreen

        if self.selected in (None, DRAFT_DETAILS) or self.selected not in self.session.library.clauses:
            self.notify("Select a library clause first", timeout=2)
            return
        clause_id = self.selected
        clause = self.session.draft.clause(clause_id)

        def use(variant_id: str | None) -> None:
            if variant_id is not None:
                self.choose_variant(clause_id, variant_id)

        screen = PrecedentsScreen(
            self.session.library, clause_id, clause.variant if clause else None, clause.text if clause else None
        )
        self.app.push_screen(screen, use)

    @work(exclusive=True, group="dialog")
    async def action_analyze(self) -> None:
        from bsa_drafter.tui.screens.analysis import AnalysisScreen

        start = self.drafter.drafts_folder(self.session.path)
        path = await self.app.push_screen_wait(
            PathScreen("Analyze a counterpart's text", start, (".docx", ".pdf", ".txt", ".md"))
        )
        if path is not None:
            self.app.push_screen(AnalysisScreen(self.session, path))

    # --- negotiation rounds (bsa_drafter.tui.screens.review) ------------------------------

    @work(exclusive=True, group="dialog")
    async def action_import_theirs(self) -> None:
        from bsa_drafter.tui.screens.review import import_their_draft

        await import_their_draft(self)

    def action_review(self) -> None:
        from bsa_drafter.tui.screens.review import ReviewScreen

        self.app.push_screen(ReviewScreen(self))

    def action_issues(self) -> None:
        from bsa_drafter.tui.screens.issues import IssuesScreen

        self.app.push_screen(IssuesScreen(self))

    @work(exclusive=True, group="dialog")
    async def action_next_round(self) -> None:
        from bsa_drafter.tui.screens.review import move_to_next_round

        await move_to_next_round(self)
