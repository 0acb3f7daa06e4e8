"""Snapshots of the key screens (pytest-textual-snapshot); refresh with --snapshot-update."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import EXAMPLES

from bsa_drafter.tui.app import DrafterApp
from bsa_drafter.tui.screens.diff import DiffScreen
from bsa_drafter.tui.screens.main import MainScreen


@pytest.fixture(autouse=True)
def private_state(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))


async def _main_ready(pilot) -> None:
    for _ in range(60):
        await pilot.pause(0.05)
        if isinstance(pilot.app.screen, MainScreen) and pilot.app.screen.selected is not None and "terms: loading" not in pilot.app.sub_title:
            break
    await pilot.pause(0.2)


def test_main_screen(snap_compare) -> None:
    app = DrafterApp(EXAMPLES / "montenegro.toml", blink=False)
    assert snap_compare(app, terminal_size=(120, 40), run_before=_main_ready)


def test_main_screen_small_terminal(snap_compare) -> None:
    app = DrafterApp(EXAMPLES / "montenegro.toml", blink=False)
    assert snap_compare(app, terminal_size=(80, 24), run_before=_main_ready)


def test_findings_panel_with_an_error(snap_compare) -> None:
    app = DrafterApp(EXAMPLES / "bulgaria.toml", blink=False)

    async def error_selected(pilot) -> None:
        await _main_ready(pilot)
        screen = pilot.app.screen
        screen.session.set_variant("intro.nato_membership", "pathway_only")
        screen.refresh_views()
        screen.query_one("#findings-list").focus()
        await pilot.pause(0.2)

    assert snap_compare(app, terminal_size=(120, 40), run_before=error_selected)


def test_diff_view(snap_compare) -> None:
    app = DrafterApp(EXAMPLES / "montenegro.toml", blink=False)

    async def diff_open(pilot) -> None:
        await _main_ready(pilot)
        pilot.app.screen.open_entry("intro.nato_membership")
        await pilot.press("f3")
        for _ in range(40):
            await pilot.pause(0.05)
            if isinstance(pilot.app.screen, DiffScreen):
                break
        await pilot.pause(0.2)

    assert snap_compare(app, terminal_size=(120, 40), run_before=diff_open)
