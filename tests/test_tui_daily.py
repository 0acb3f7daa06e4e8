"""The drafting app in daily use: the keys (one registry, the key reference, the user's keymap,
next/previous finding and change), the preview, layouts that fit 80x24 and 120x40, focus and
the mouse, a clean start, and the analysis, diff and precedents views."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import EXAMPLES
from helpers.pilot import footer_fits, footer_keys, go_to, palette_settled, started, type_text, until
from textual.geometry import Region
from textual.widgets import DataTable, Footer, Input, OptionList, Select, Static, TextArea

from bsa_drafter.tui.app import DrafterApp
from bsa_drafter.tui.commands import DrafterCommands
from bsa_drafter.tui.keys import SCOPES
from bsa_drafter.tui.screens.analysis import AnalysisScreen
from bsa_drafter.tui.screens.dialogs import PartnerScreen, PathScreen
from bsa_drafter.tui.screens.diff import DiffScreen
from bsa_drafter.tui.screens.keys import KeyReferenceScreen
from bsa_drafter.tui.screens.main import MainScreen
from bsa_drafter.tui.screens.precedents import PrecedentsScreen
from bsa_drafter.tui.widgets.findings import FindingsPanel

SMALL, LARGE = (80, 24), (120, 40)


@pytest.fixture()
def montenegro(tmp_path: Path) -> Path:
    target = tmp_path / "drafts" / "montenegro.toml"
    target.parent.mkdir()
    shutil.copy(EXAMPLES / "montenegro.toml", target)
    return target


def text_of(widget) -> str:  # type: ignore[no-untyped-def]
    """What the widget shows, line by line, as a terminal would show it."""
    return "\n".join(strip.text for strip in widget.render_lines(Region(0, 0, widget.size.width, widget.size.height)))


def visible(screen, widget) -> bool:  # type: ignore[no-untyped-def]
    """The widget shows on screen: displayed, with an area, not clipped away."""
    region = screen.find_widget(widget).visible_region if widget.display else None
    return bool(region) and region.area > 0


# --- keys ------------------------------------------------------------------------------------


async def test_key_reference_lists_every_binding_of_the_screen_and_follows_the_keymap(
    montenegro: Path, private_settings: Path
) -> None:
    private_settings.parent.mkdir()
    private_settings.write_text(
        'theme = "nord"\n[keymap]\nnext-finding = "f10"\nno-such-action = "f11"\n', encoding="utf-8"
    )
    app = DrafterApp(montenegro, blink=False)
    async with app.run_test(size=LARGE) as pilot:
        screen = await started(app, pilot)
        assert app.theme == "nord"
        assert any(
            f"{private_settings}:4: keymap.no-such-action: unknown binding" in str(p) for p in app.settings_problems
        )
        await pilot.press("question_mark")  # the outline has the focus: ? opens the reference
        await until(pilot, lambda: isinstance(app.screen, KeyReferenceScreen))
        body = text_of(app.screen.query_one("#keys-body", Static))
        for scope in ("main", "outline", "library", "app"):
            for key in SCOPES[scope].keys:
                assert key.id in body, key.id
        assert "f10" in body and "ctrl+down" not in body  # the keymap's key, not the default
        assert "Editing the wording (built in)" in body  # Textual's own keys of the text area too
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is screen)
        before = screen.selected
        await pilot.press("f10")  # the remapped next finding
        await until(pilot, lambda: screen.selected != before)
        area = screen.query_one("#clause-text", TextArea)
        area.focus()
        await pilot.press("question_mark")  # in the wording, ? is a character
        assert isinstance(app.screen, MainScreen) and "?" in area.text
        await pilot.press("f1")  # F1 works everywhere
        await until(pilot, lambda: isinstance(app.screen, KeyReferenceScreen))
        await pilot.press("f1")
        await until(pilot, lambda: app.screen is screen)


async def test_next_and_previous_finding_select_the_evidence(montenegro: Path) -> None:
    app = DrafterApp(montenegro, blink=False)
    async with app.run_test(size=LARGE) as pilot:
        screen = await started(app, pilot)
        findings = screen.session.result.findings
        located = [f for f in findings if f.clause]
        await pilot.press("ctrl+down")
        await until(pilot, lambda: screen.selected == findings[0].clause)
        # evidence in the Ukrainian opens both languages side by side
        area = screen.query_one("#parallel-uk" if findings[0].language == "uk" else "#clause-text", TextArea)
        assert app.focused is area and area.selected_text
        if findings[0].rule == "ukrainian-stale":
            assert area.selected_text == area.text  # the whole Ukrainian is what fell behind
        else:
            assert area.selected_text.split()[0] in findings[0].evidence
        await pilot.press("ctrl+down")
        await until(pilot, lambda: screen.selected == findings[1].clause)
        assert screen.query_one("#findings-list", OptionList).highlighted == 1
        await pilot.press("ctrl+up", "ctrl+up")  # back past the first: wraps to the last
        await until(pilot, lambda: screen.query_one("#findings-list", OptionList).highlighted == len(findings) - 1)
        assert screen.selected == (findings[-1].clause or screen.selected)
        assert located


async def test_the_palette_lists_the_registry_with_the_keys(montenegro: Path) -> None:
    app = DrafterApp(montenegro, blink=False)
    async with app.run_test(size=LARGE) as pilot:
        screen = await started(app, pilot)
        await pilot.press("ctrl+p")
        await type_text(pilot, "toggle preview")
        await until(pilot, lambda: palette_settled(app, "toggle preview"))
        await pilot.press("enter")
        await until(pilot, lambda: screen.query_one("#clause-preview").display)
        titles = [command.title for command in app.get_system_commands(screen)]
        titles += [name for name, _, _ in DrafterCommands(screen)._commands(actions_only=True)]
        assert titles.count("Quit") == 1 and titles.count("Keys") == 1  # each once: ours, from the registry


async def test_diff_view_goes_from_change_to_change_and_shows_parameters(montenegro: Path) -> None:
    app = DrafterApp(montenegro, blink=False)
    async with app.run_test(size=SMALL) as pilot:
        screen = await started(app, pilot)
        await pilot.press("f3")
        await until(pilot, lambda: isinstance(app.screen, DiffScreen))
        diff = app.screen
        await pilot.press("a")  # the whole draft
        await pilot.pause()
        body = text_of(diff.query_one("#diff-body", Static))
        assert "Amount pledged: [amount] \u2192 5" in body  # a parameter the standard leaves open
        assert "ADDED      " in body and "CHANGED    " in body  # status and title stay apart
        total = len(diff.redline.changes)
        assert total > 5
        await pilot.press("n")
        assert diff.current == 0 and "change 1 of" in text_of(diff.query_one("#diff-title", Static))
        scroll = diff.query_one("#diff-scroll")
        await type_text(pilot, "n" * (total - 1))  # n held down
        # the view scrolls once the change is shown (after the next refresh)
        await until(pilot, lambda: diff.current == total - 1 and scroll.scroll_y > 0)  # the last change, in view
        start, end = diff.redline.changes[diff.current]
        assert scroll.scroll_y <= diff.redline.content(None)[:start].plain.count("\n") + 40
        await pilot.press("n")  # wraps to the first
        await until(pilot, lambda: diff.current == 0 and scroll.scroll_y == 0)
        await pilot.press("p")
        assert diff.current == total - 1
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is screen)


# --- the preview ------------------------------------------------------------------------------


async def test_preview_fills_parameters_highlights_brackets_and_follows_typing(montenegro: Path) -> None:
    app = DrafterApp(montenegro, blink=False)
    async with app.run_test(size=SMALL) as pilot:
        screen = await started(app, pilot)
        await go_to(pilot, screen, "defence.future_force")
        preview = screen.query_one("#clause-preview")
        assert not preview.display
        await pilot.press("f9")
        await until(pilot, lambda: preview.display)
        content = screen.query_one("#clause-preview").content
        plain = content.plain
        assert "{" not in plain and "[demining" in plain  # filled, and the negotiation bracket kept
        bracket = plain.index("[demining")
        assert any(span.start <= bracket < span.end and "warning" in str(span.style) for span in content.spans)
        area = screen.query_one("#clause-text", TextArea)
        area.focus()
        area.move_cursor(area.document.end)
        await type_text(pilot, " for {partner_name}")
        await until(
            pilot, lambda: screen.query_one("#clause-preview").content.plain.rstrip().endswith("for Montenegro")
        )
        await pilot.press("f9")
        await until(pilot, lambda: not preview.display)


# --- layouts ----------------------------------------------------------------------------------


@pytest.mark.parametrize("size", [SMALL, LARGE])
async def test_nothing_important_is_cut(montenegro: Path, size: tuple[int, int]) -> None:
    app = DrafterApp(montenegro, blink=False)
    async with app.run_test(size=size) as pilot:
        screen = await started(app, pilot)
        screen.session.set_param("notice_months", "4")
        screen.session.set_param("pledge_amount", "abc")  # an invalid field: counted in the header
        screen.refresh_views()
        status = screen.query_one("#header-status", Static)
        await until(pilot, lambda: "1 invalid" in text_of(status))
        assert "0 E  3 W  6 I" in text_of(status) and "unsaved" in text_of(status)
        assert status.region.right <= size[0]
        footer = screen.query_one(Footer)
        keys = {key.description: key for key in footer.query("FooterKey")}
        for description in ("Save", "Diff", "Export", "Analyze", "Keys"):
            assert description in keys and keys[description].region.right <= size[0], description
        area = screen.query_one("#clause-text", TextArea)
        assert area.size.height >= (8 if size == SMALL else 15)  # the wording gets most of the room
        outline = screen.query_one("#outline", OptionList)
        assert any(
            strip.text.rstrip().endswith("\u2026") for strip in outline.render_lines(outline.region.reset_offset)
        )
        if size == LARGE:  # the library pane is there at 120 columns: its long names end in "…"
            tree = screen.query_one("#library-tree")
            lines = [strip.text for strip in tree.render_lines(tree.region.reset_offset)]
            assert any(line.rstrip().endswith("\u2026") for line in lines)
            assert tree.virtual_size.width <= tree.size.width  # no sideways scrolling


async def test_the_footer_keeps_the_key_reference_when_keys_do_not_fit(montenegro: Path) -> None:
    app = DrafterApp(montenegro, blink=False)
    async with app.run_test(size=SMALL) as pilot:
        screen = await started(app, pilot)
        await go_to(pilot, screen, "final.termination")
        await pilot.press("ctrl+l")  # both languages: their confirm key joins the footer
        await until(pilot, lambda: "Confirm match" in footer_keys(screen))
        await until(pilot, lambda: footer_fits(screen, SMALL[0]))
        await pilot.press("f3")
        await until(pilot, lambda: isinstance(app.screen, DiffScreen))
        await until(pilot, lambda: footer_fits(app.screen, SMALL[0]))
        assert "Next change" in footer_keys(app.screen)
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is screen)
        await pilot.resize_terminal(*LARGE)  # wider: the keys left out come back
        await until(pilot, lambda: "Import" in footer_keys(screen) and footer_fits(screen, LARGE[0]))


async def test_both_languages_and_the_preview_fit_a_short_terminal(montenegro: Path) -> None:
    app = DrafterApp(montenegro, blink=False)
    async with app.run_test(size=SMALL) as pilot:
        screen = await started(app, pilot)
        for clause in ("defence.pledge", "defence.future_force", "custom.eu_integration"):
            await go_to(pilot, screen, clause)
            await pilot.press("f9", "ctrl+l")
            await until(pilot, lambda: screen.query_one("#parallel-uk", TextArea).has_focus)
            await pilot.pause()  # and the layout that follows
            pane = screen.query_one("#editor-pane").region
            shown = [child for child in screen.query_one("#editor").children if child.display]
            assert all(child.region.bottom <= pane.bottom for child in shown), (clause, shown)  # parameters not cut off
            for language in ("en", "uk"):
                assert screen.query_one(f"#parallel-{language}", TextArea).size.height >= 2, clause  # lines, not one
            assert screen.query_one("#clause-preview").size.height >= 2, clause
            await pilot.press("f9", "ctrl+l")  # both closed again: the next clause opens them as this one did
            await until(pilot, lambda: not screen.query_one("#clause-preview").display)
            await until(pilot, lambda: screen.query_one("#clause-text", TextArea).display)


async def test_tab_never_stops_on_something_invisible(montenegro: Path) -> None:
    app = DrafterApp(montenegro, blink=False)
    async with app.run_test(size=SMALL) as pilot:
        screen = await started(app, pilot)
        await go_to(pilot, screen, "draft")  # the draft details: many fields, in a box of their own
        findings = screen.query_one(FindingsPanel).region
        seen = []
        for _ in range(24):
            await pilot.press("tab")
            # the editor scrolls a field it focuses into view after its next refresh
            try:
                await until(pilot, lambda: app.focused is not None and visible(screen, app.focused))
            except AssertionError:
                raise AssertionError(f"tab stopped on {app.focused!r}, which stays out of view") from None
            focused = app.focused
            assert focused is not None
            region = screen.find_widget(focused).visible_region
            assert not region.overlaps(findings) or focused in screen.query_one(FindingsPanel).query("*"), focused
            if isinstance(focused, Input):
                assert region.height == 1 and focused.region == region  # whole, not half under the panel
            seen.append(focused)
        assert sum(isinstance(w, Input) for w in seen) > 10


async def test_clicking_a_field_types_into_that_field(montenegro: Path) -> None:
    app = DrafterApp(montenegro, blink=False)
    async with app.run_test(size=SMALL) as pilot:
        screen = await started(app, pilot)
        await go_to(pilot, screen, "draft")
        fields = screen.query_one("#fields")
        box = fields.region
        wording = screen.session.spec.model_copy(deep=True).clauses
        inputs = [w for w in fields.query(Input) if w.region.overlaps(box)]
        lowest = max(inputs, key=lambda w: w.region.y)
        await pilot.click(lowest, offset=(2, 0))
        await pilot.pause()
        assert app.focused is lowest and lowest.region.y < box.bottom
        await pilot.press("end", *"7")
        await pilot.pause()
        assert lowest.value.endswith("7")
        assert screen.session.spec.clauses == wording  # no clause's wording got the keys


# --- a clean start ------------------------------------------------------------------------------


async def test_no_argument_start_asks_for_the_partner_with_completion() -> None:
    app = DrafterApp(None, blink=False)
    async with app.run_test(size=SMALL) as pilot:
        await until(pilot, lambda: isinstance(app.screen, PartnerScreen))
        field = app.screen.query_one("#partner-input", Input)
        await type_text(pilot, "monten")

        def shown() -> str:  # the field with its border, the typed text and the completion it offers
            return "".join(strip.text for strip in field.render_lines(field.region.reset_offset))

        await until(pilot, lambda: "montenegro" in shown().lower())
        await pilot.press("tab")
        assert field.value == "Montenegro"
        await pilot.press("enter")
        screen = await started(app, pilot)
        session = screen.session
        assert session.spec.draft.partner == "Montenegro" and session.path is None
        assert session.spec.params["partner_formal_name"] == "Montenegro"
        assert "place_of_signature" in session.spec.params  # the partner's details, as `new` fills them
        assert not session.dirty and "unsaved" not in text_of(screen.query_one("#header-status"))
        await pilot.press("ctrl+q")  # untouched: nothing to save, so no question
        await until(pilot, lambda: not app.is_running)


async def test_the_partner_list_and_an_unknown_partner() -> None:
    app = DrafterApp(None, blink=False)
    async with app.run_test(size=SMALL) as pilot:
        await until(pilot, lambda: isinstance(app.screen, PartnerScreen))
        options = app.screen.query_one("#partner-list", OptionList)
        await type_text(pilot, "bul")
        await until(
            pilot, lambda: [options.get_option_at_index(i).id for i in range(options.option_count)] == ["Bulgaria"]
        )
        await pilot.press("down", "enter")
        screen = await started(app, pilot)
        assert screen.session.spec.params["partner_formal_name"] == "the Republic of Bulgaria"
    app = DrafterApp(None, blink=False)
    async with app.run_test(size=SMALL) as pilot:
        await until(pilot, lambda: isinstance(app.screen, PartnerScreen))
        await type_text(pilot, "Atlantis")
        await pilot.press("enter")
        screen = await started(app, pilot)
        assert screen.session.spec.draft.partner == "Atlantis"
        assert any("not in the partner table" in str(n.message) for n in app._notifications)


async def test_escape_at_the_partner_prompt_quits_and_ctrl_o_opens(montenegro: Path) -> None:
    app = DrafterApp(None, blink=False)
    async with app.run_test(size=SMALL) as pilot:
        await until(pilot, lambda: isinstance(app.screen, PartnerScreen))
        await pilot.press("escape")
        await until(pilot, lambda: not app.is_running)
    app = DrafterApp(None, blink=False)
    async with app.run_test(size=SMALL) as pilot:
        await until(pilot, lambda: isinstance(app.screen, PartnerScreen))
        await pilot.press("ctrl+o")
        await until(pilot, lambda: isinstance(app.screen, PathScreen))
        app.screen.query_one("#path-input", Input).value = str(montenegro)
        await pilot.press("enter")
        screen = await started(app, pilot)
        assert screen.session.path == montenegro


# --- the analysis, diff and precedents views ----------------------------------------------------


@pytest.fixture()
def counterpart(tmp_path: Path, library) -> Path:
    from bsa_drafter.export.docx import export_draft
    from bsa_drafter.spec import load_draft

    _, draft = load_draft(EXAMPLES / "montenegro.toml", library)
    folder = tmp_path / "their"
    folder.mkdir()
    return export_draft(draft, folder / "counterpart.docx")


async def test_analysis_tables_fit_their_content_and_save_as_spec_goes_to_the_drafts_folder(
    montenegro: Path, counterpart: Path
) -> None:
    app = DrafterApp(montenegro, blink=False)
    async with app.run_test(size=LARGE) as pilot:
        screen = await started(app, pilot)
        app.push_screen(AnalysisScreen(screen.session, counterpart))
        await until(pilot, lambda: isinstance(app.screen, AnalysisScreen) and app.screen.analysis is not None)
        analysis = app.screen.analysis
        features = app.screen.query_one("#analysis-features", DataTable)
        names = features.get_column_at(0)
        assert {str(name) for name in names} >= {"unilateral_exit", "consultation_24h"}
        column = features.ordered_columns[0]
        assert column.width >= max(len(name) for name in analysis.features)  # not cut to the header
        clause_map = app.screen.query_one("#analysis-map", DataTable)
        assert clause_map.row_count == len(analysis.clause_map.matches) + len(analysis.clause_map.missing)
        statuses = {str(cell) for cell in clause_map.get_column_at(1)}
        assert "match" in statuses
        findings = app.screen.query_one("#analysis-findings", DataTable)
        details = [str(cell) for cell in findings.get_column_at(3)]
        exit_finding = next(f for f in analysis.findings if f.rule == "unilateral-exit")
        assert any(exit_finding.evidence.split()[0] in detail and exit_finding.message in detail for detail in details)
        await pilot.press("w")
        await until(pilot, lambda: isinstance(app.screen, PathScreen))
        suggested = Path(app.screen.query_one("#path-input", Input).value)
        assert suggested == montenegro.parent / "counterpart.toml"  # the drafts folder, not the folder of their file
        await pilot.press("enter")
        await until(pilot, lambda: suggested.exists())


async def test_precedents_view_switches_the_variant_and_the_list_shows_precedents(montenegro: Path) -> None:
    app = DrafterApp(montenegro, blink=False)
    async with app.run_test(size=LARGE) as pilot:
        screen = await started(app, pilot)
        await go_to(pilot, screen, "final.termination")
        select = screen.query_one("#variant-select", Select)
        select.focus()
        await pilot.press("enter")
        await pilot.pause()
        overlay = select.query_one("SelectOverlay", OptionList)
        prompts = [str(overlay.get_option_at_index(i).prompt) for i in range(overlay.option_count)]
        assert any("Sweden" in prompt for prompt in prompts)  # each variant with the agreements that used it
        await pilot.press("escape")
        before = screen.session.draft.clause("final.termination").variant
        await pilot.press("f5")
        await until(pilot, lambda: isinstance(app.screen, PrecedentsScreen))
        table = app.screen.query_one(DataTable)
        target = next(
            i for i, v in enumerate(screen.session.library.clauses["final.termination"].variants) if v.id != before
        )
        table.move_cursor(row=target)
        label = screen.session.library.clauses["final.termination"].variants[target].label
        await until(pilot, lambda: label in text_of(app.screen.query_one("#variant-wording")))
        await pilot.press("enter")
        await until(
            pilot, lambda: app.screen is screen and screen.session.draft.clause("final.termination").variant != before
        )
        await pilot.press("ctrl+z")
        await until(pilot, lambda: screen.session.draft.clause("final.termination").variant == before)
