"""Snapshots of the key screens at 120x40 and 80x24 (pytest-textual-snapshot).

They pin the bundled library and examples on purpose: the screens show an example's clauses and
findings, so a change of clauses/ (a clause, a variant, a new rule that rightly fires on an example)
changes them as much as a change of the app's look does. Open the failing test's report, check that
the new screen is right, then refresh with
`.venv/bin/python -m pytest tests/test_tui_snapshots.py --snapshot-update` and commit the new
snapshots with the change that caused them."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import EXAMPLES
from helpers.pilot import started, type_text, until

from bsa_drafter.tui.app import DrafterApp
from bsa_drafter.tui.screens.analysis import AnalysisScreen
from bsa_drafter.tui.screens.dialogs import PartnerScreen
from bsa_drafter.tui.screens.diff import DiffScreen
from bsa_drafter.tui.screens.keys import KeyReferenceScreen

SIZES = {"120x40": (120, 40), "80x24": (80, 24)}


@pytest.fixture(autouse=True)
def settings_path_shown_the_same(monkeypatch) -> None:
    """The key reference names the settings file: the same name in every run (it is never written)."""
    monkeypatch.setenv("BSA_DRAFTER_CONFIG", "/nonexistent/bsa-drafter/config.toml")


async def _main_ready(pilot) -> None:  # type: ignore[no-untyped-def]
    await started(pilot.app, pilot)


@pytest.mark.parametrize("size", SIZES)
def test_main_screen(snap_compare, size: str) -> None:
    app = DrafterApp(EXAMPLES / "montenegro.toml", blink=False)
    assert snap_compare(app, terminal_size=SIZES[size], run_before=_main_ready)


@pytest.mark.parametrize("size", SIZES)
def test_preview_of_a_clause_with_brackets(snap_compare, size: str) -> None:
    app = DrafterApp(EXAMPLES / "montenegro.toml", blink=False)

    async def preview_on(pilot) -> None:
        await _main_ready(pilot)
        pilot.app.screen.open_entry("defence.future_force")
        await pilot.press("f9")
        await until(pilot, lambda: pilot.app.screen.query_one("#clause-preview").display)

    assert snap_compare(app, terminal_size=SIZES[size], run_before=preview_on)


def test_findings_panel_with_an_error(snap_compare) -> None:
    app = DrafterApp(EXAMPLES / "bulgaria.toml", blink=False)

    async def error_selected(pilot) -> None:
        await _main_ready(pilot)
        screen = pilot.app.screen
        screen.session.set_variant("intro.nato_membership", "pathway_only")
        screen.refresh_views()
        screen.query_one("#findings-list").focus()
        await until(pilot, lambda: screen.query_one("#findings-list").has_focus)

    assert snap_compare(app, terminal_size=SIZES["120x40"], run_before=error_selected)


@pytest.mark.parametrize("size", SIZES)
def test_diff_view_on_a_change(snap_compare, size: str) -> None:
    app = DrafterApp(EXAMPLES / "montenegro.toml", blink=False)

    async def diff_open(pilot) -> None:
        await _main_ready(pilot)
        pilot.app.screen.open_entry("intro.nato_membership")
        await pilot.press("f3")
        await until(pilot, lambda: isinstance(pilot.app.screen, DiffScreen))
        await pilot.press("n", "n")
        await until(pilot, lambda: pilot.app.screen.current == 1)

    assert snap_compare(app, terminal_size=SIZES[size], run_before=diff_open)


def test_key_reference(snap_compare) -> None:
    app = DrafterApp(EXAMPLES / "montenegro.toml", blink=False)

    async def keys_open(pilot) -> None:
        await _main_ready(pilot)
        await pilot.press("f1")
        await until(pilot, lambda: isinstance(pilot.app.screen, KeyReferenceScreen))

    assert snap_compare(app, terminal_size=SIZES["80x24"], run_before=keys_open)


def test_partner_prompt(snap_compare) -> None:
    app = DrafterApp(None, blink=False)

    async def typed(pilot) -> None:
        await until(pilot, lambda: isinstance(pilot.app.screen, PartnerScreen))
        await type_text(pilot, "no")
        await until(pilot, lambda: pilot.app.screen.query_one("#partner-input").value == "no")

    assert snap_compare(app, terminal_size=SIZES["80x24"], run_before=typed)


@pytest.mark.parametrize("size", SIZES)
def test_analysis_screen(snap_compare, size: str, tmp_path: Path, library) -> None:
    from bsa_drafter.export.docx import export_draft
    from bsa_drafter.spec import load_draft

    _, draft = load_draft(EXAMPLES / "montenegro.toml", library)
    counterpart = export_draft(draft, tmp_path / "counterpart.docx")
    app = DrafterApp(EXAMPLES / "montenegro.toml", blink=False)

    async def analysed(pilot) -> None:
        await _main_ready(pilot)
        pilot.app.push_screen(AnalysisScreen(pilot.app.screen.session, counterpart))
        await until(
            pilot, lambda: isinstance(pilot.app.screen, AnalysisScreen) and pilot.app.screen.analysis is not None
        )

    assert snap_compare(app, terminal_size=SIZES[size], run_before=analysed)
