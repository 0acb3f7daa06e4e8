"""The drafting app, driven with keys through Textual's Pilot: state is asserted, not pixels."""

from __future__ import annotations

import shutil
from pathlib import Path

import docx
import pytest
from conftest import EXAMPLES, MINIMAL_SPEC
from helpers.crash import crash_after
from helpers.pilot import go_to, main_ready, notified, palette_settled, started, type_text, until
from textual.widgets import Input, OptionList, Select, Static, TextArea

from bsa_drafter.editing import DraftSession
from bsa_drafter.recovery import RecoveryStore
from bsa_drafter.spec import dumps_spec, load_spec
from bsa_drafter.tui.app import DrafterApp
from bsa_drafter.tui.screens.analysis import AnalysisScreen
from bsa_drafter.tui.screens.dialogs import ConfirmScreen, LoadErrorScreen, PartnerScreen, PathScreen
from bsa_drafter.tui.screens.diff import DiffScreen
from bsa_drafter.tui.screens.main import MainScreen
from bsa_drafter.tui.screens.precedents import PrecedentsScreen
from bsa_drafter.tui.widgets.findings import FindingsPanel
from bsa_drafter.tui.widgets.outline import DraftOutline

SIZE = (120, 40)


@pytest.fixture()
def spec_copy(tmp_path: Path) -> Path:
    target = tmp_path / "north_macedonia.toml"
    shutil.copy(EXAMPLES / "north_macedonia.toml", target)
    return target


def rules(screen: MainScreen) -> set[str]:
    return {f.rule for f in screen.session.result.findings}


async def test_first_start_shows_the_draft_and_its_findings_and_enter_on_one_selects_its_evidence(
    spec_copy: Path,
) -> None:
    app = DrafterApp(spec_copy, blink=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(app, pilot)
        assert screen.selected == "preamble.opening"
        assert "North Macedonia" in app.title
        assert "0 E  1 W" in app.sub_title
        assert "unilateral-exit" in rules(screen)
        assert screen.query_one("#clause-text", TextArea).text.startswith("Ukraine and {partner_formal_name}")
        assert not screen.session.dirty
        findings = screen.query_one("#findings-list", OptionList)
        findings.focus()
        findings.highlighted = 0  # the unilateral-exit warning
        await pilot.press("enter")
        area = screen.query_one("#clause-text", TextArea)
        await until(pilot, lambda: app.focused is area)
        assert screen.selected == "final.termination"
        assert area.selected_text.startswith("Either Participant may terminate this Agreement")


async def test_switching_termination_to_no_exit_clears_the_exit_warning(spec_copy: Path) -> None:
    app = DrafterApp(spec_copy, blink=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(app, pilot)
        await go_to(pilot, screen, "final.termination")
        assert "unilateral-exit" in rules(screen)
        seen = [screen.session.draft.clause("final.termination").variant]
        while seen[-1] != "no_exit":
            await pilot.press("v")
            await until(pilot, lambda: screen.session.draft.clause("final.termination").variant != seen[-1])
            seen.append(screen.session.draft.clause("final.termination").variant)
            if seen[-1] == "three_months":
                assert "exit-notice-short" in rules(screen)
        assert "unilateral-exit" not in rules(screen) and screen.session.dirty
        select = screen.query_one("#variant-select", Select)  # the views follow once the change is handled
        await until(pilot, lambda: select.value == "no_exit" and "unsaved" in app.sub_title)


async def test_next_variant_says_so_when_there_is_no_other(spec_copy: Path) -> None:
    app = DrafterApp(spec_copy, blink=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(app, pilot)
        await go_to(pilot, screen, "defence.future_force")  # one variant in the library
        await pilot.press("v")
        await until(pilot, lambda: notified(app, "has one variant only"))
        assert not screen.session.dirty


async def test_variant_select_with_the_keyboard(spec_copy: Path) -> None:
    app = DrafterApp(spec_copy, blink=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(app, pilot)
        await go_to(pilot, screen, "intro.nato_membership")
        select = screen.query_one("#variant-select", Select)
        select.focus()
        await pilot.press("enter")
        await until(pilot, lambda: select.expanded)
        await pilot.press("end", "enter")  # the last variant: pathway only
        await until(pilot, lambda: screen.session.draft.clause("intro.nato_membership").variant == "pathway_only")
        await until(pilot, lambda: "nato-bridge-missing" in rules(screen))
        await until(pilot, lambda: "1 E" in app.sub_title)


async def test_typing_exit_wording_into_another_clause_raises_the_flag_and_the_title_follows_its_status(
    spec_copy: Path,
) -> None:
    app = DrafterApp(spec_copy, blink=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(app, pilot)
        screen.session.set_variant("final.termination", "no_exit")
        screen.refresh_views()
        assert "unilateral-exit" not in rules(screen)
        await go_to(pilot, screen, "preamble.values")
        title = screen.query_one("#editor-title", Static)
        assert "[standard]" in str(title.render())
        await pilot.press("enter")  # into the editor
        assert isinstance(app.focused, TextArea)
        await pilot.press("end")
        await type_text(pilot, " Either Participant may terminate this Agreement by three months' written notice.")
        await until(pilot, lambda: "unilateral-exit" in rules(screen))
        finding = next(f for f in screen.session.result.findings if f.rule == "exit-notice-short")
        assert finding.clause == "preamble.values" and finding.severity == "error"
        assert screen.session.draft.clause("preamble.values").status == "edited"
        await until(pilot, lambda: "[edited]" in str(title.render()))
        area = screen.query_one("#clause-text", TextArea)
        typed = area.text
        for _ in range(30):  # undo in the editor, as often as it takes to remove the typing
            if "terminate" not in area.text:
                break
            await pilot.press("ctrl+z")
        await until(pilot, lambda: "unilateral-exit" not in rules(screen))
        assert "preamble.values" not in screen.session.spec.clauses  # back to the library wording
        await until(pilot, lambda: "[standard]" in str(title.render()))
        while area.text != typed:  # and redo it all
            await pilot.press("ctrl+y")
        await until(pilot, lambda: "unilateral-exit" in rules(screen))


async def test_a_change_made_straight_to_the_session_reaches_every_view(spec_copy: Path) -> None:
    """The views follow the session whoever changes it: here the test changes the app's session
    directly, with no screen code and no refresh call, and the findings, outline and header follow."""
    app = DrafterApp(spec_copy, blink=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(app, pilot)
        session = app.session
        findings = screen.query_one(FindingsPanel)
        outline = screen.query_one(DraftOutline)

        def shown_rules() -> set[str]:
            return {f.rule for f in findings.findings}

        def outline_line(clause_id: str) -> str:
            return outline.get_option(clause_id).prompt.plain

        assert "exit-notice-short" not in shown_rules()
        assert " E " not in outline_line("preamble.values")
        wording = session.clause("preamble.values").source_text
        session.set_text("preamble.values", f"{wording} Either Participant may terminate it by three months' notice.")
        await until(pilot, lambda: "exit-notice-short" in shown_rules())
        assert " E " in outline_line("preamble.values")  # marked edited, with its error's badge
        assert f"{session.result.counts()['error']} E" in app.sub_title and "unsaved" in app.sub_title

        session.set_include("intro.partnership", False)  # a step of another kind than typing
        await until(pilot, lambda: "\u2013" in outline_line("intro.partnership"))
        session.undo()
        session.undo()
        await until(pilot, lambda: "exit-notice-short" not in shown_rules())
        assert "\u2013" not in outline_line("intro.partnership") and "unsaved" not in app.sub_title


async def test_add_a_clause_from_the_library_with_search(spec_copy: Path) -> None:
    app = DrafterApp(spec_copy, blink=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(app, pilot)
        assert screen.session.draft.clause("final.disputes") is None
        await pilot.press("ctrl+f")
        await type_text(pilot, "settlement")
        await pilot.press("enter")  # to the tree, its cursor on the first match
        await until(pilot, lambda: app.focused is screen.query_one("#library-tree"))
        await pilot.press("enter")
        await until(pilot, lambda: screen.session.draft.clause("final.disputes") is not None)
        assert screen.session.draft.clause("final.disputes").status == "added"
        assert screen.selected == "final.disputes"


async def test_reorder_and_omit_with_keys(spec_copy: Path) -> None:
    app = DrafterApp(spec_copy, blink=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(app, pilot)
        await go_to(pilot, screen, "intro.partnership")
        await pilot.press("shift+down")
        await until(pilot, lambda: screen.session.spec.order is not None)
        ids = [c.id for c in screen.session.draft.clauses]
        assert ids.index("intro.partnership") == ids.index("intro.nato_membership") + 1
        await pilot.press("x")
        await until(pilot, lambda: screen.session.draft.clause("intro.partnership") is None)
        assert "intro.partnership" in screen.session.draft.omitted
        await pilot.press("x")
        await until(pilot, lambda: screen.session.draft.clause("intro.partnership") is not None)


async def test_save_and_reload_give_the_same_bytes(spec_copy: Path, library) -> None:
    app = DrafterApp(spec_copy, blink=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(app, pilot)
        await go_to(pilot, screen, "final.termination")
        await pilot.press("v")
        await until(pilot, lambda: screen.session.dirty)
        await pilot.press("ctrl+s")
        await until(pilot, lambda: not screen.session.dirty)
    saved = spec_copy.read_bytes()
    reloaded = load_spec(spec_copy, library).spec
    assert reloaded.clauses["final.termination"].variant == "notice_period"
    assert dumps_spec(reloaded).encode() == saved
    app = DrafterApp(spec_copy, blink=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(app, pilot)
        await pilot.press("ctrl+s")
        await until(pilot, lambda: notified(app, f"Saved {spec_copy}"))
    assert spec_copy.read_bytes() == saved


async def test_refuses_to_overwrite_a_spec_changed_on_disk(spec_copy: Path) -> None:
    app = DrafterApp(spec_copy, blink=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(app, pilot)
        screen.session.set_param("pledge_amount", "30")
        outside = spec_copy.read_text().replace("round = 3", "round = 4")
        spec_copy.write_text(outside)
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        assert "changed on disk" in str(app.screen.question)
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is screen)
        assert spec_copy.read_text() == outside
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        app.screen.query_one("#choice-reload").press()
        await until(pilot, lambda: screen.session.spec.draft.round == 4)
        assert not screen.session.dirty


async def test_export_runs_in_a_worker_and_writes_a_valid_docx(spec_copy: Path, tmp_path: Path) -> None:
    app = DrafterApp(spec_copy, blink=False)
    target = tmp_path / "nm.docx"
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(app, pilot)
        await pilot.press("f4")
        await until(pilot, lambda: isinstance(app.screen, PathScreen))
        field = app.screen.query_one("#path-input", Input)
        field.value = str(target)
        await pilot.press("enter")
        await until(pilot, lambda: target.exists())
    assert (
        docx.Document(target).paragraphs[0].text.replace("\n", " ") == screen.session.draft.title
    )  # the title is stacked


async def test_export_with_errors_asks_and_invalid_fields_block(spec_copy: Path, tmp_path: Path) -> None:
    app = DrafterApp(spec_copy, blink=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(app, pilot)
        screen.session.set_variant("intro.nato_membership", "pathway_only")
        screen.refresh_views()
        await pilot.press("f4")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        assert "refused" in app.screen.question and "nato-bridge-missing" in app.screen.detail
        await pilot.press("enter")  # Cancel is the first answer
        await until(pilot, lambda: isinstance(app.screen, MainScreen))
        await go_to(pilot, screen, "draft")
        field = screen.query_one(f"#{screen.query_one('ClauseEditor')._field_id('param', 'notice_months')}", Input)
        field.focus()
        await pilot.press("0")
        await until(pilot, lambda: ("param", "notice_months") in screen.session.invalid)
        error = screen.query_one(f"#{screen.query_one('ClauseEditor')._field_id('param', 'notice_months', 'error')}")
        await until(pilot, lambda: "at least 1" in str(error.render()) and field.has_class("-invalid"))
        await pilot.press("f4")
        await until(pilot, lambda: notified(app, "Fix the invalid fields first"))
        assert isinstance(app.screen, MainScreen)  # blocked: no dialog, a notification instead
        assert not list(tmp_path.glob("*.docx"))


async def test_recovery_after_a_crash_survives_escape_and_typing(spec_copy: Path) -> None:
    crash_after(spec_copy, 'session.set_param("pledge_amount", "40")')
    app = DrafterApp(spec_copy, blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        assert "Unsaved changes" in app.screen.question
        await pilot.press("escape")  # decide later
        await until(pilot, lambda: main_ready(app))
        app.screen.session.set_param("pledge_amount", "41")  # typing goes on ...
        app.autosave()  # ... and its own copy is written, beside the crashed one
        app.screen.session.close()
        app.exit()
    app = DrafterApp(spec_copy, blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("enter")  # Restore them
        await until(pilot, lambda: main_ready(app))
        session = app.screen.session
        assert session.spec.params["pledge_amount"] == 40 and session.dirty
        await pilot.press("ctrl+s")
        await until(pilot, lambda: not session.dirty)
        assert session.recovery_to_offer() == []
    assert "pledge_amount = 40" in spec_copy.read_text()


async def test_quit_asks_when_there_are_unsaved_changes(spec_copy: Path) -> None:
    app = DrafterApp(spec_copy, blink=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(app, pilot)
        screen.session.set_param("pledge_amount", "50")
        await pilot.press("ctrl+q")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("escape")  # stay
        await until(pilot, lambda: isinstance(app.screen, MainScreen))
        assert app.is_running
        await pilot.press("ctrl+q")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        app.screen.query_one("#choice-discard").press()
        await until(pilot, lambda: not app.is_running)
    assert "pledge_amount = 25" in spec_copy.read_text()


async def test_quit_asks_when_a_field_holds_a_value_that_was_not_accepted(spec_copy: Path) -> None:
    app = DrafterApp(spec_copy, blink=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(app, pilot)
        screen.session.set_param("pledge_amount", "abc")  # refused: the spec keeps 25, the field says abc
        assert not screen.session.dirty and screen.session.invalid
        await pilot.press("ctrl+q")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        assert "not accepted" in app.screen.question and "'abc'" in app.screen.detail
        await pilot.press("enter")  # the default answer stays
        await until(pilot, lambda: isinstance(app.screen, MainScreen))
        assert app.is_running
        await pilot.press("ctrl+q")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        app.screen.query_one("#choice-discard").press()
        await until(pilot, lambda: not app.is_running)


async def test_quit_does_not_ask_about_an_invalid_value_the_file_holds(spec_copy: Path) -> None:
    spec_copy.write_text(spec_copy.read_text().replace("pledge_amount = 25", "pledge_amount = -5"))
    app = DrafterApp(spec_copy, blink=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(app, pilot)
        assert screen.session.invalid  # marked, but kept as written
        await pilot.press("ctrl+q")
        await until(pilot, lambda: not app.is_running)


async def test_a_spec_that_fails_to_load_opens_the_error_screen(write) -> None:
    bad = write("bad.toml", MINIMAL_SPEC + '\n[clauses."final.terminaton"]\ninclude = false\n')
    app = DrafterApp(bad, blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, LoadErrorScreen))
        text = str(app.screen.query_one("#load-problems", Static).render())
        assert f"{bad}:7:" in text and "did you mean 'final.termination'" in text
        app.screen.query_one("#new").press()
        await until(pilot, lambda: isinstance(app.screen, PartnerScreen))
        await type_text(pilot, "Bulgaria")
        await pilot.press("enter")
        await until(pilot, lambda: main_ready(app))
        assert app.screen.session.spec.draft.partner == "Bulgaria" and app.screen.session.path is None


async def test_edit_creates_a_missing_spec_after_asking(tmp_path: Path, library) -> None:
    target = tmp_path / "bulgaria.toml"
    app = DrafterApp(target, blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("enter")  # Create it
        await until(pilot, lambda: isinstance(app.screen, PartnerScreen))
        await pilot.press("enter")  # the partner suggested from the file name
        await started(app, pilot)
    spec = load_spec(target, library).spec
    assert spec.draft.partner == "Bulgaria" and spec.params["partner_formal_name"] == "the Republic of Bulgaria"


async def test_command_palette_reaches_the_actions(spec_copy: Path) -> None:
    app = DrafterApp(spec_copy, blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await started(app, pilot)
        await pilot.press("ctrl+p")
        await type_text(pilot, "export docx")
        await until(pilot, lambda: palette_settled(app, "export docx"))
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, PathScreen))
        await pilot.press("escape")
        await pilot.press("ctrl+p")
        await type_text(pilot, "add settlement")
        await until(pilot, lambda: palette_settled(app, "add settlement"))
        await pilot.press("enter")
        await until(
            pilot,
            lambda: (
                app.screen_stack[-1].__class__ is MainScreen
                and app.screen.session.draft.clause("final.disputes") is not None
            ),
        )


async def test_diff_precedents_and_analysis_views(spec_copy: Path, library, tmp_path: Path) -> None:
    from bsa_drafter.export.docx import export_draft
    from bsa_drafter.spec import load_draft

    _, montenegro = load_draft(EXAMPLES / "montenegro.toml", library)
    counterpart = export_draft(montenegro, tmp_path / "counterpart.docx")
    app = DrafterApp(spec_copy, blink=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(app, pilot)
        await go_to(pilot, screen, "intro.nato_membership")
        await pilot.press("f3")
        await until(pilot, lambda: isinstance(app.screen, DiffScreen))
        body = str(app.screen.query_one("#diff-body", Static).render())
        assert "CHANGED" in body and "not a substitute" in body
        await pilot.press("a")
        await until(pilot, lambda: "REMOVED" in str(app.screen.query_one("#diff-body", Static).render()))
        assert "defence.maritime" in str(app.screen.query_one("#diff-body", Static).render())
        await pilot.press("escape")
        await pilot.press("f5")
        await until(pilot, lambda: isinstance(app.screen, PrecedentsScreen))
        assert app.screen.query_one("#precedents-table").row_count == len(
            library.clauses["intro.nato_membership"].variants
        )
        await pilot.press("escape")
        await pilot.press("f8")
        await until(pilot, lambda: isinstance(app.screen, PathScreen))
        app.screen.query_one("#path-input", Input).value = str(counterpart)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, AnalysisScreen) and app.screen.analysis is not None)
        assert "unilateral-exit" in {f.rule for f in app.screen.analysis.findings}
        await pilot.press("c")
        await until(pilot, lambda: isinstance(app.screen, DiffScreen))
        assert "counterpart.docx" in str(app.screen.query_one("#diff-title", Static).render())


async def test_panes_collapse_and_resize(spec_copy: Path) -> None:
    app = DrafterApp(spec_copy, blink=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(app, pilot)
        outline = screen.query_one("#outline-pane")
        width = outline.size.width
        screen.query_one("#outline").focus()
        await pilot.press("ctrl+right")
        await until(pilot, lambda: outline.size.width == width + 4)
        x, y = screen.query_one("#outline-divider").region.offset
        await pilot.mouse_down(offset=(x, y + 5))  # drag the divider 6 columns left (screen offsets)
        await pilot.hover(offset=(x - 6, y + 5))
        await pilot.mouse_up(offset=(x - 6, y + 5))
        await until(pilot, lambda: outline.size.width == width + 4 - 6)
        await pilot.press("ctrl+t")
        await until(pilot, lambda: not outline.display)
        await pilot.press("ctrl+t")
        await pilot.press("ctrl+b")
        await until(pilot, lambda: outline.display and not screen.query_one("#library-pane").display)
    small = DrafterApp(spec_copy, blink=False)
    async with small.run_test(size=(80, 24)) as pilot:
        screen = await started(small, pilot)
        assert not screen.query_one("#library-pane").display  # narrow: the library steps aside
        assert screen.has_class("-short")


def test_session_edits_are_pure_spec_changes(library) -> None:
    session = DraftSession.new(library, "Montenegro")
    assert (
        session.spec.params["partner_formal_name"] == "Montenegro" and not session.dirty
    )  # untouched: nothing to save
    session.set_text("intro.basis", library.clauses["intro.basis"].variant("standard").text)
    assert "intro.basis" not in session.spec.clauses  # the variant's own words are no edit
    assert session.set_param("notice_months", "abc") == "expected a whole number such as 25 or 2.5 (got 'abc')"
    assert session.export_blockers() == [
        "Notice period (months): expected a whole number such as 25 or 2.5 (got 'abc')"
    ]
    assert session.set_param("notice_months", "4") is None and session.export_blockers() == []
    assert session.set_meta("date", "yesterday") is not None
    assert session.set_meta("partner", "Bulgaria") is None
    assert session.spec.params["partner_formal_name"] == "the Republic of Bulgaria"


def test_recovery_copy_follows_the_unsaved_state(spec_copy: Path, library, tmp_path: Path) -> None:
    session = DraftSession.open(spec_copy, library)
    session.attach_recovery(RecoveryStore(tmp_path / "recovery"))
    session.set_param("pledge_amount", "40")
    copy = session.autosave()
    assert copy is not None and "pledge_amount = 40" in copy.read_text()
    session.set_param("pledge_amount", "25")  # typed back to what is on disk
    assert not session.dirty and session.autosave() is None
    assert not copy.exists()  # nothing left to recover


def test_a_recovery_copy_equal_to_the_spec_is_not_offered(spec_copy: Path, library, tmp_path: Path) -> None:
    store = tmp_path / "recovery"
    crash_after(spec_copy, 'session.set_param("pledge_amount", "30")', store)
    session = DraftSession.open(spec_copy, library)
    session.attach_recovery(RecoveryStore(store))
    offered = session.recovery_to_offer()
    assert len(offered) == 1 and "pledge_amount = 30" in offered[0].text
    spec_copy.write_text(offered[0].text)  # the same edit was saved by another session meanwhile
    session = DraftSession.open(spec_copy, library)
    session.attach_recovery(RecoveryStore(store))
    assert session.recovery_to_offer() == []  # nothing in it that the spec does not hold: removed
    assert not list(store.rglob("*.toml"))


async def test_a_broken_clause_library_ends_the_app_with_its_problems(tmp_path: Path) -> None:
    from bsa_drafter.library import default_library_dir

    root = tmp_path / "clauses"
    shutil.copytree(default_library_dir(), root)
    (root / "09_final.toml").write_text("[[clauses]\nid = 'x'\n", encoding="utf-8")
    app = DrafterApp(None, library_root=root, blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: app.return_code is not None)
    assert app.return_code == 2 and app.return_value == 2
    assert any(f"{root / '09_final.toml'}:1" in str(problem) for problem in app.startup_problems)
