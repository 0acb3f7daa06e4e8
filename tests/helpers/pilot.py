"""Driving the drafting app in tests: wait for it to open, wait for a condition, and go
straight to a clause (choosing it in the outline, without walking there key by key)."""

from __future__ import annotations

from textual.widgets import OptionList

from bsa_drafter.tui.app import DrafterApp
from bsa_drafter.tui.screens.main import MainScreen


def main_ready(app: DrafterApp) -> bool:
    """The main screen is pushed, mounted and showing a clause (a pushed screen mounts later),
    and the term checks, which load in the background, have run."""
    shown = isinstance(app.screen, MainScreen) and app.screen.selected is not None
    return shown and "terms: loading" not in app.sub_title


async def started(app: DrafterApp, pilot) -> MainScreen:
    for _ in range(60):
        await pilot.pause(0.05)
        if main_ready(app):
            return app.screen
    raise AssertionError(f"the main screen did not open: {app.screen!r}")


async def until(pilot, condition, tries: int = 60) -> None:
    for _ in range(tries):
        await pilot.pause(0.05)
        if condition():
            return
    raise AssertionError("condition not met in time")


async def go_to(pilot, screen: MainScreen, clause_id: str) -> None:
    """Open a clause as choosing it in the outline does; the outline keeps the focus, as after
    arrow keys."""
    screen.open_entry(clause_id)
    outline = screen.query_one("#outline", OptionList)
    outline.focus()
    await pilot.pause()
    assert screen.selected == clause_id and outline.selected_clause == clause_id


def footer_keys(screen) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """The keys the screen's footer shows, by description, each with its region on screen."""
    return {key.description: key for key in screen.query("FooterKey")}


def footer_fits(screen, width: int) -> bool:  # type: ignore[no-untyped-def]
    """Every key of the footer is whole on screen, and the key reference (F1) is one of them."""
    keys = footer_keys(screen)
    return "Keys" in keys and all(0 <= key.region.x and key.region.right <= width for key in keys.values())
