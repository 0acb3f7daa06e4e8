"""The drafting app in both languages: the parallel view, stale sides, confirmation, and the
term checks that load in the background."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import EXAMPLES
from helpers.pilot import started, type_text, until
from textual.widgets import TextArea

from bsa_drafter import morphology
from bsa_drafter.bilingual import Marker
from bsa_drafter.crosslang import terms as term_checks
from bsa_drafter.tui.app import DrafterApp
from bsa_drafter.tui.screens.main import MainScreen
from bsa_drafter.tui.widgets.parallel import ParallelView

SIZE = (120, 40)


@pytest.fixture(autouse=True)
def private_state(tmp_path: Path, monkeypatch) -> Path:
    state = tmp_path / "state"
    monkeypatch.setenv("XDG_STATE_HOME", str(state))
    return state


@pytest.fixture()
def spec_copy(tmp_path: Path) -> Path:
    target = tmp_path / "north_macedonia.toml"
    shutil.copy(EXAMPLES / "north_macedonia.toml", target)
    return target


def rules_of(screen: MainScreen, clause_id: str) -> list[str]:
    return [f.rule for f in screen.session.result.findings if f.clause == clause_id]


async def test_ctrl_l_shows_both_languages_side_by_side(spec_copy: Path) -> None:
    app = DrafterApp(spec_copy, blink=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(app, pilot)
        screen.open_entry("final.duration")
        parallel = screen.query_one(ParallelView)
        assert not parallel.display and screen.query_one("#clause-text").display
        await pilot.press("ctrl+l")
        await until(pilot, lambda: parallel.display)
        assert not screen.query_one("#clause-text").display
        clause = screen.session.clause("final.duration")
        assert parallel.area("en").text == clause.source_text
        assert parallel.area("uk").text == clause.source_text_uk
        assert parallel.area("uk").has_focus
        assert "Both texts in step" in str(screen.query_one("#parallel-state").render())
        screen.open_entry("final.termination")  # another clause: both sides follow
        await until(pilot, lambda: parallel.area("uk").text.startswith("Кожен з Учасників може припинити"))
        await pilot.press("ctrl+l")
        await until(pilot, lambda: not parallel.display)
        assert screen.query_one("#clause-text").display


async def test_typing_ukrainian_makes_the_english_stale_until_confirmed(spec_copy: Path) -> None:
    app = DrafterApp(spec_copy, blink=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(app, pilot)
        screen.open_entry("final.amendments")
        await pilot.press("ctrl+l")
        ukrainian = screen.query_one("#parallel-uk", TextArea)
        ukrainian.focus()
        ukrainian.move_cursor(ukrainian.document.end)
        await type_text(pilot, " Додано.")
        await until(pilot, lambda: "english-stale" in rules_of(screen, "final.amendments"))
        assert screen.session.clause("final.amendments").source_text_uk.endswith(" Додано.")
        state = screen.query_one("#parallel-state")
        await until(pilot, lambda: "The English is behind the Ukrainian" in str(state.render()))
        await pilot.press("ctrl+r")
        await until(pilot, lambda: "english-stale" not in rules_of(screen, "final.amendments"))
        assert screen.session.spec.clauses["final.amendments"].confirmed is not None
        await pilot.press("ctrl+z")  # the confirmation is a step of its own
        await until(pilot, lambda: "english-stale" in rules_of(screen, "final.amendments"))
        english = screen.query_one("#parallel-en", TextArea)
        english.focus()
        english.move_cursor(english.document.end)
        await type_text(pilot, " Added.")  # updating the stale side ends it
        await until(pilot, lambda: not rules_of(screen, "final.amendments"))


async def test_a_ukrainian_finding_opens_both_languages_at_its_evidence(tmp_path: Path, library) -> None:
    spec = tmp_path / "bulgaria.toml"
    text = (EXAMPLES / "bulgaria.toml").read_text(encoding="utf-8")
    variant = library.clauses["intro.core_commitments"].variant("standard")
    ukrainian = variant.text_uk.replace("Безпекові зобов'язання", "Гарантії безпеки")
    confirmed = Marker.of(variant.text, ukrainian)  # confirmed, wrongly: the word is still forbidden
    spec.write_text(
        text + f'\n[clauses."intro.core_commitments"]\ntext_uk = """{ukrainian}"""\nconfirmed = "{confirmed}"\n',
        encoding="utf-8",
    )
    app = DrafterApp(spec, blink=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(app, pilot)
        finding = next(f for f in screen.session.result.findings if f.rule == "forbidden-term-ukrainian")
        assert finding.language == "uk" and finding.clause == "intro.core_commitments"
        screen.jump_to(finding)
        area = screen.query_one("#parallel-uk", TextArea)
        await until(pilot, lambda: area.has_focus)
        assert screen.query_one(ParallelView).display
        assert area.selected_text == "Гарантії безпеки"


async def test_the_term_checks_load_in_the_background_and_then_run(spec_copy: Path, monkeypatch) -> None:
    monkeypatch.setattr(term_checks, "_matchers", {})  # as in a fresh process: nothing prepared yet
    spec_copy.write_text(
        spec_copy.read_text(encoding="utf-8")
        + '\n[clauses."final.amendments"]\ntext_uk = "Учасники надаватимуть запевнення."\n',
        encoding="utf-8",
    )
    app = DrafterApp(spec_copy, blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, MainScreen) and app.screen.selected is not None)
        assert morphology.deferred()  # the app never loads the dictionary on its own thread
        screen = await started(app, pilot)
        assert any(
            f.rule == "forbidden-term-ukrainian" and "запевнення" in f.message for f in screen.session.result.findings
        )
    assert not morphology.deferred()
