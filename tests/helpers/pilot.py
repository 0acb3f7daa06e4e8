"""Driving the drafting app in tests: wait for it to open, wait for a condition, type a text, and
go straight to a clause (choosing it in the outline, without walking there key by key)."""

from __future__ import annotations

from time import monotonic

from textual import events
from textual.command import CommandInput, CommandList, CommandPalette
from textual.keys import _character_to_key  # the key name pilot.press gives a character (private to Textual)
from textual.widgets import OptionList

from bsa_drafter.tui.app import DrafterApp
from bsa_drafter.tui.screens.main import MainScreen

# How long a condition may take before the test fails: far beyond what any step needs, so that a
# loaded machine (two test workers, other developers) slows a test down but never fails it.
PATIENCE = 30.0


def main_ready(app: DrafterApp) -> bool:
    """The main screen is pushed, mounted and showing a clause (a pushed screen mounts later),
    and the term checks, which load in the background, have run."""
    shown = isinstance(app.screen, MainScreen) and app.screen.selected is not None
    return shown and "terms: loading" not in app.sub_title


async def until(pilot, condition) -> None:  # type: ignore[no-untyped-def]
    """Let the app work until the condition holds: checked each time the app has handled what was
    pending and gone idle (or done a slice of a longer piece of work, as a worker's)."""
    deadline = monotonic() + PATIENCE
    await pilot.pause()
    while not condition():
        if monotonic() > deadline:
            raise AssertionError("condition not met in time")
        await pilot.pause()


async def started(app: DrafterApp, pilot) -> MainScreen:  # type: ignore[no-untyped-def]
    try:
        await until(pilot, lambda: main_ready(app))
    except AssertionError:
        raise AssertionError(f"the main screen did not open: {app.screen!r}") from None
    return app.screen  # type: ignore[return-value]


async def type_text(pilot, text: str) -> None:  # type: ignore[no-untyped-def]
    """Type the text into the focused widget as a burst of key presses: each character is the key
    event `pilot.press` would send (its key name and character, through the app's bindings to the
    focused widget), in order, but the app is waited for once at the end, not after every key."""
    app = pilot.app
    for character in text:
        app.post_message(events.Key(_character_to_key(character), character).set_sender(app))
    await pilot.pause()


async def go_to(pilot, screen: MainScreen, clause_id: str) -> None:  # type: ignore[no-untyped-def]
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


def notified(app: DrafterApp, words: str) -> bool:
    """A notification that says these words is showing."""
    return any(words in str(notification.message) for notification in app._notifications)


def palette_settled(app: DrafterApp, typed: str) -> bool:
    """The command palette is open, has searched for what was typed (no search still running) and
    highlights the best match, which enter runs: a command that names every word typed."""
    palette = app.screen
    if not isinstance(palette, CommandPalette) or palette.query_one(CommandInput).value != typed:
        return False
    if any(worker.node is palette and not worker.is_finished for worker in app.workers):
        return False
    matches = palette.query_one(CommandList)
    if matches.highlighted != 0:
        return False
    best = str(matches.get_option_at_index(0).prompt).lower()
    return all(word in best for word in typed.lower().split())
