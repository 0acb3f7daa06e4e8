"""A round in the drafting app, driven with keys: import their draft (f10), decide each of
their proposals in the review screen, set the issues list, move to the next round."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import EXAMPLES
from helpers.pilot import footer_fits, footer_keys, notified, started, until
from test_rounds import at_round, their_answer
from textual.geometry import Region
from textual.widgets import DataTable, Input, Static, TextArea

from bsa_drafter.rounds import kept_rounds
from bsa_drafter.spec import load_spec
from bsa_drafter.tui.app import DrafterApp
from bsa_drafter.tui.screens.dialogs import ConfirmScreen, PathScreen, PromptScreen
from bsa_drafter.tui.screens.issues import IssuesScreen
from bsa_drafter.tui.screens.review import CounterScreen, ReviewScreen

SIZE = (120, 40)


@pytest.fixture(scope="session")
def answer_to_round_4(tmp_path_factory, library) -> bytes:
    """Their answer to Montenegro's round 4, made once: every test reads it, none changes it."""
    folder = tmp_path_factory.mktemp("round4")
    spec = at_round(EXAMPLES / "montenegro.toml", folder / "montenegro.toml", 4)
    return their_answer(spec, library, folder / "answer.docx").read_bytes()


@pytest.fixture()
def returned(tmp_path: Path, answer_to_round_4: bytes):
    spec = at_round(EXAMPLES / "montenegro.toml", tmp_path / "montenegro.toml", 4)
    answer = tmp_path / "answer.docx"
    answer.write_bytes(answer_to_round_4)
    return spec, answer


def body_text(screen: ReviewScreen) -> str:
    return str(screen.query_one("#review-body", Static).render())


async def test_a_whole_round_in_the_app(returned) -> None:
    spec, theirs = returned
    app = DrafterApp(spec, blink=False)
    async with app.run_test(size=SIZE) as pilot:
        main = await started(app, pilot)
        await pilot.press("f10")
        await until(pilot, lambda: isinstance(app.screen, PathScreen))
        app.screen.query_one(Input).value = str(theirs)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        assert "Import 6 proposal(s)" in app.screen.question
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ReviewScreen))
        review = app.screen
        assert "1 of 6" in str(review.query_one("#review-title", Static).render())
        assert "P4.1" in body_text(review) and "deletes the clause" in body_text(review)

        await pilot.press("r")  # reject, with a reason
        await until(pilot, lambda: isinstance(app.screen, PromptScreen))
        app.screen.query_one(Input).value = "The G7 declaration is the basis."
        await pilot.press("enter")
        await until(
            pilot,
            lambda: (
                isinstance(app.screen, ReviewScreen)
                and "2 of 6" in str(review.query_one("#review-title", Static).render())
            ),
        )
        assert "UNMARKED" in body_text(review)
        await pilot.press("a")  # accept the silent change
        await until(pilot, lambda: "3 of 6" in str(review.query_one("#review-title", Static).render()))
        assert "consultation-slower-than-24h" in body_text(review)  # what their wording would raise
        await pilot.press("b")
        await until(pilot, lambda: "bracketed" in body_text(review))
        assert "B2 Ukraine: \u201c24\u201d / Montenegro: \u201c72\u201d" in body_text(
            review
        )  # B1: the bracket P4.2 brought
        await pilot.press("1")
        await until(pilot, lambda: "closed in round 5" in body_text(review))
        assert "within 24 hours" in main.session.clause("attack.consultation").text
        await pilot.press("ctrl+z")  # the bracket opens again
        await until(pilot, lambda: "open: 1 or 2" in body_text(review))
        await pilot.press("n")
        await until(pilot, lambda: "P4.4" in body_text(review))
        await pilot.press("c")  # counter their comment with our own wording
        await until(pilot, lambda: isinstance(app.screen, CounterScreen))
        counter = app.screen
        counter.query_one(TextArea).load_text(
            "If Ukraine becomes a member of NATO, the Participants will decide on the future status of this Agreement."
        )
        counter.query_one("#counter-reason", Input).value = "The UK formula"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, ReviewScreen) and "P4.5" in body_text(review))
        await pilot.press("a")
        await until(pilot, lambda: "P4.6" in body_text(review))
        await pilot.press("a")
        await until(pilot, lambda: "6 decided" in str(review.query_one("#review-title", Static).render()))
        decisions = {p.id: p.decision.kind for p in main.session.spec.proposals}
        assert decisions == {
            "P4.1": "reject",
            "P4.2": "accept",
            "P4.3": "bracket",
            "P4.4": "counter",
            "P4.5": "accept",
            "P4.6": "accept",
        }

        await pilot.press("i")
        await until(pilot, lambda: isinstance(app.screen, IssuesScreen))
        issues = app.screen
        table = issues.query_one(DataTable)
        keys = [row.key for row in issues.rows]
        table.move_cursor(row=keys.index("P4.3"))
        await pilot.press("e")
        await until(pilot, lambda: main.session.spec.issues.get("P4.3") is not None)
        assert main.session.spec.issues["P4.3"].status == "escalated"
        await pilot.press("escape")
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is main)

        await main.run_action("next_round")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("enter")
        await until(pilot, lambda: main.session.spec.draft.round == 5)
        assert sorted(kept_rounds(spec)) == [4, 5]
        assert (spec.parent / "montenegro.rounds" / "round-5-answer.docx").is_file()
        assert load_spec(spec).spec.draft.round == 5 and not main.session.dirty


async def test_review_without_proposals_says_what_to_do(returned) -> None:
    spec, _ = returned
    app = DrafterApp(spec, blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await started(app, pilot)
        await pilot.press("ctrl+r")
        await until(pilot, lambda: isinstance(app.screen, ReviewScreen))
        title = str(app.screen.query_one("#review-title", Static).render())
        assert "import their draft first (f10 in the draft)" in title  # the import key, from the registry
        await pilot.press("a")  # nothing to decide: nothing happens
        assert app.screen.session.spec.proposals == []


async def test_an_import_refused_says_why_and_changes_nothing(returned, library, tmp_path: Path) -> None:
    spec, _ = returned
    from bsa_drafter.export.docx import render_draft

    same = tmp_path / "same.docx"
    same.write_bytes(render_draft(at_draft(spec, library)))
    app = DrafterApp(spec, blink=False)
    async with app.run_test(size=SIZE) as pilot:
        main = await started(app, pilot)
        await pilot.press("f10")
        await until(pilot, lambda: isinstance(app.screen, PathScreen))
        app.screen.query_one(Input).value = str(same)
        await pilot.press("enter")
        await until(pilot, lambda: notified(app, "Not imported"))
        assert app.screen is main and not main.session.dirty
        assert main.session.spec.proposals == [] and not kept_rounds(spec)


def at_draft(spec: Path, library):
    from bsa_drafter.spec import load_draft

    return load_draft(spec, library)[1]


async def reviewing(app: DrafterApp, pilot, theirs: Path, library) -> ReviewScreen:
    """The app with their answer imported (as f10 imports it), in the review screen."""
    import datetime as dt

    from bsa_drafter.round_import import plan_import

    main = await started(app, pilot)
    session = main.session
    session.import_round(plan_import(session.spec, library, theirs, {}, today=dt.date(2026, 11, 21)))
    main.refresh_views()
    await pilot.press("ctrl+r")
    await until(pilot, lambda: isinstance(app.screen, ReviewScreen))
    return app.screen


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_the_review_and_the_issues_list_fit_the_terminal(returned, library, size) -> None:
    spec, theirs = returned
    app = DrafterApp(spec, blink=False)
    async with app.run_test(size=size) as pilot:
        review = await reviewing(app, pilot, theirs, library)
        await until(pilot, lambda: footer_fits(review, size[0]))
        assert {"Accept", "Reject", "Counter", "Bracket", "Next"} <= set(footer_keys(review))
        await pilot.press("i")
        await until(pilot, lambda: isinstance(app.screen, IssuesScreen))
        issues = app.screen
        await until(pilot, lambda: footer_fits(issues, size[0]))
        assert {"Back", "Go to clause", "Escalate"} <= set(footer_keys(issues))
        table = issues.query_one(DataTable)
        assert table.virtual_size.width <= table.size.width  # every column in view, no sideways scrolling
        lines = [strip.text for strip in table.render_lines(Region(0, 0, table.size.width, table.size.height))]
        rules = {row.key.split(":")[1] for row in issues.rows if row.kind == "finding"}
        assert rules and {"P4.1", "P4.3"} <= {line.split()[0] for line in lines[1:] if line.strip()}
        if size[0] >= 120:  # each finding's rule whole, not "F:consult"
            assert all(any(f" F:{rule} " in line for line in lines) for rule in rules), lines


async def test_undo_in_the_review_shows_the_proposal_it_changed(returned, library) -> None:
    spec, theirs = returned
    app = DrafterApp(spec, blink=False)
    async with app.run_test(size=SIZE) as pilot:
        review = await reviewing(app, pilot, theirs, library)
        assert "P4.1" in body_text(review)
        await pilot.press("a")  # accepted: the review moves on to the next proposal
        await until(pilot, lambda: "P4.2" in body_text(review))
        await pilot.press("ctrl+z")
        await until(pilot, lambda: "P4.1" in body_text(review) and "none yet" in body_text(review))
        await pilot.press("ctrl+y")
        await until(pilot, lambda: "P4.1" in body_text(review) and "accepted" in body_text(review))


async def test_a_deletion_does_not_claim_that_the_signed_texts_index_is_missing(returned, library) -> None:
    spec, theirs = returned
    app = DrafterApp(spec, blink=False)
    async with app.run_test(size=SIZE) as pilot:
        review = await reviewing(app, pilot, theirs, library)
        assert "deletes the clause" in body_text(review)
        assert "signed texts" not in body_text(review)  # nothing of theirs to look up in the index
        await pilot.press("n")
        await until(pilot, lambda: "changes the wording" in body_text(review))
        assert "no index of signed agreements" in body_text(review)  # a wording of theirs: the index is asked


async def test_enter_in_the_issues_list_opens_the_points_clause(returned, library) -> None:
    spec, theirs = returned
    app = DrafterApp(spec, blink=False)
    async with app.run_test(size=SIZE) as pilot:
        review = await reviewing(app, pilot, theirs, library)
        await pilot.press("i")
        await until(pilot, lambda: isinstance(app.screen, IssuesScreen))
        issues = app.screen
        issues.query_one(DataTable).move_cursor(row=[r.key for r in issues.rows].index("P4.3"))
        clause = issues.selected().clause
        await pilot.press("enter")  # the table's own Enter would only select the row
        await until(pilot, lambda: app.screen is review.main and review.main.selected == clause)


async def test_the_clause_history_line_ends_in_an_ellipsis_when_it_does_not_fit(returned, library) -> None:
    spec, theirs = returned
    app = DrafterApp(spec, blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        review = await reviewing(app, pilot, theirs, library)
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is review.main)
        review.main.open_entry("attack.consultation")
        line = review.main.query_one("#clause-history", Static)
        await until(pilot, lambda: line.display and line.size.width > 0)
        said = str(line.render())
        assert len(said) > line.size.width  # the editor pane at 80 columns is narrower than the line
        shown = line.render_lines(Region(0, 0, line.size.width, 1))[0].text.rstrip()
        assert shown.endswith("\u2026") and said.startswith(shown[:-1])
