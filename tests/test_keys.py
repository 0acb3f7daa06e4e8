"""The key registry: every binding once, no key doing two things where both are in force."""

from __future__ import annotations

from collections import Counter

import pytest

from bsa_drafter.tui.keys import SCOPES

# scopes in force at the same time: the app's, a screen's, and the widgets on that screen. A
# widget may deliberately give a key of the screen another meaning while it has focus (ctrl+r
# confirms a translation in the parallel view), so widget scopes are checked against the app's
# and their own keys only.
SCREENS = {
    "main": ("app", "main"),
    "review": ("app", "review"),
    "issues": ("app", "issues"),
    "diff": ("app", "diff"),
    "analysis": ("app", "analysis"),
}
WIDGETS = ("outline", "library", "parallel")


def _keys(scopes: tuple[str, ...]) -> Counter[str]:
    return Counter(k for name in scopes for key in SCOPES[name].keys for k in key.keys.split(","))


@pytest.mark.parametrize("screen", sorted(SCREENS))
def test_no_key_does_two_things_on_a_screen(screen: str) -> None:
    doubled = {key: n for key, n in _keys(SCREENS[screen]).items() if n > 1}
    assert not doubled, f"keys bound twice on the {screen} screen: {doubled}"


@pytest.mark.parametrize("widget", WIDGETS)
def test_a_widget_keeps_the_app_keys(widget: str) -> None:
    doubled = {key: n for key, n in _keys(("app", widget)).items() if n > 1}
    assert not doubled, f"keys bound twice in the {widget}: {doubled}"


def test_every_binding_has_a_unique_id() -> None:
    ids = Counter(key.id for scope in SCOPES.values() for key in scope.keys)
    assert not [i for i, n in ids.items() if n > 1]
