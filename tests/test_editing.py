"""The editing rules of a drafting session (bsa_drafter.editing), without a terminal."""

from __future__ import annotations

import multiprocessing
import shutil
from pathlib import Path

import pytest
from conftest import EXAMPLES

from bsa_drafter.editing import ChangedOnDisk, DraftSession
from bsa_drafter.errors import BadInput
from bsa_drafter.params import parse_number
from bsa_drafter.spec import dumps_spec, load_spec


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture()
def spec_copy(tmp_path: Path) -> Path:
    target = tmp_path / "montenegro.toml"
    shutil.copy(EXAMPLES / "montenegro.toml", target)
    return target


def test_undo_and_redo_cover_every_kind_of_edit_across_clauses(spec_copy: Path, library) -> None:
    session = DraftSession.open(spec_copy, library)
    original = dumps_spec(session.spec)
    session.set_text("intro.basis", "Our own basis.")
    session.set_variant("final.termination", "no_exit")
    session.set_include("defence.maritime", False)
    session.add_clause("final.legal_character")
    session.move("intro.partnership", -1)
    session.set_param("pledge_amount", "30")
    session.set_meta("round", "6")
    assert len(session.undo_stack) == 7
    labels = []
    while (step := session.undo()) is not None:
        labels.append(step.label)
    assert dumps_spec(session.spec) == original and not session.dirty  # the very same file again
    assert labels[0] == "Set Round" and labels[-1] == "Edit the wording of Basis of the Agreement"
    while session.redo() is not None:
        pass
    assert session.spec.draft.round == 6 and session.spec.params["pledge_amount"] == 30
    assert session.clause("final.termination").variant == "no_exit"
    assert session.clause("intro.basis").text == "Our own basis."


def test_listeners_hear_of_every_change_and_only_of_changes(spec_copy: Path, library) -> None:
    """The views of the app follow the session through its listeners: each change calls them once,
    with its kind; an edit that changes nothing does not; a refused value changes the marks, not
    the spec, so it has no new version (the checks are not run again for it)."""
    session = DraftSession.open(spec_copy, library)
    heard: list[str] = []
    session.subscribe(heard.append)
    session.set_text("intro.basis", "Our own basis.")
    session.set_text("intro.basis", "Our own basis.")  # the same wording: nothing changed
    session.set_include("defence.maritime", False)
    session.undo()
    session.redo()
    assert heard == ["text", "include", "undo", "redo"]
    version = session.version
    session.set_param("pledge_amount", "abc")
    session.set_param("pledge_amount", "abc")  # refused again: the mark is written again
    assert heard[4:] == ["field", "field"] and session.version == version
    session.set_param("pledge_amount", "30")
    assert heard[6:] == ["field", "param"] and session.version == version + 1
    session.save()
    assert heard[-1] == "save"
    session.unsubscribe(heard.append)
    session.set_text("intro.basis", "Another basis.")
    assert heard[-1] == "save"


def test_typing_without_a_pause_is_one_step_and_a_pause_starts_another(library) -> None:
    clock = Clock()
    session = DraftSession(library, DraftSession.new(library, "Bulgaria").spec, None, None, clock=clock)
    for n in range(1, 6):
        clock.now += 0.3
        session.set_text("intro.basis", "Typed" + "!" * n)
    clock.now += 5
    session.set_text("intro.basis", "Typed!!!!! more")
    assert [s.label for s in session.undo_stack] == ["Edit the wording of Basis of the Agreement"] * 2
    session.undo()
    assert session.clause("intro.basis").text == "Typed!!!!!"
    session.undo()
    assert "intro.basis" not in session.spec.clauses


def test_a_variant_switch_replaces_edited_wording_and_undo_brings_it_back(spec_copy: Path, library) -> None:
    session = DraftSession.open(spec_copy, library)
    session.set_text("final.termination", "Wording the negotiator typed.")
    assert session.variant_switch_replaces_wording("final.termination", "no_exit")
    assert not session.variant_switch_replaces_wording("final.termination", session.clause("final.termination").variant)
    session.set_variant("final.termination", "no_exit")
    assert session.clause("final.termination").text != "Wording the negotiator typed."
    session.undo()
    assert session.clause("final.termination").text == "Wording the negotiator typed."


def test_a_new_edit_after_undo_ends_the_redo_branch(library) -> None:
    session = DraftSession.new(library, "Bulgaria")
    session.set_param("pledge_amount", "10")
    session.undo()
    session.set_param("pledge_amount", "20")
    assert session.redo() is None and session.spec.params["pledge_amount"] == 20


@pytest.mark.parametrize(
    ("typed", "value", "note"),
    [
        ("1,5", 1.5, "read 1,5 as 1.5 (a decimal comma)"),
        ("1 000", 1000, None),
        ("1,000", 1000, None),
        ("1.000.000", 1000000, None),
        ("1.000,5", 1000.5, None),
        ("2.5", 2.5, None),
        ("12,345.67", 12345.67, None),
        ("1\u202f000", 1000, None),
    ],
)
def test_numbers_are_read_as_people_type_them(typed: str, value: float, note: str | None) -> None:
    assert parse_number(typed, integer=False) == (value, None, note)


@pytest.mark.parametrize("typed", ["1,5,6", "2.5bn", "EUR 3", "", "1,,5", "--3"])
def test_numbers_that_cannot_be_read_one_way_only_are_refused(typed: str) -> None:
    value, error, _ = parse_number(typed, integer=False)
    assert value is None and error and typed.strip() in error


def test_a_decimal_comma_is_never_read_as_thousands(library) -> None:
    session = DraftSession.new(library, "Bulgaria")
    assert session.set_param("pledge_amount", "1,5") == "read 1,5 as 1.5 (a decimal comma)"
    assert session.spec.params["pledge_amount"] == 1.5
    assert session.set_param("notice_months", "1,5") is not None  # a whole number is asked for
    assert session.export_blockers() == ["Notice period (months): expected a whole number (got '1,5')"]


def test_a_spec_with_an_invalid_value_opens_with_the_field_marked(spec_copy: Path, library) -> None:
    spec_copy.write_text(spec_copy.read_text().replace("pledge_amount = 5", "pledge_amount = -5"))
    with pytest.raises(BadInput):
        load_spec(spec_copy, library)  # the command line still refuses it
    session = DraftSession.open(spec_copy, library)
    assert [str(p) for p in session.invalid.values()] == ["Amount pledged: must be greater than 0 (got -5)"]
    assert session.spec.params["pledge_amount"] == -5  # kept as written: nothing is lost
    session.save(force=True)
    assert "pledge_amount = -5" in spec_copy.read_text()


def test_only_refused_values_typed_in_the_session_live_in_their_fields_alone(spec_copy: Path, library) -> None:
    spec_copy.write_text(spec_copy.read_text().replace("pledge_amount = 5", "pledge_amount = -5"))
    session = DraftSession.open(spec_copy, library)
    assert session.invalid and session.typed_only() == []  # -5 is in the file: closing loses nothing
    session.set_param("pledge_amount", "abc")
    assert [p.typed for p in session.typed_only()] == ["abc"]


def test_saving_refuses_a_file_changed_on_disk_and_keeps_the_edit(spec_copy: Path, library) -> None:
    session = DraftSession.open(spec_copy, library)
    session.set_param("pledge_amount", "30")
    spec_copy.write_text(spec_copy.read_text().replace("round = 5", "round = 6"))
    with pytest.raises(ChangedOnDisk):
        session.save()
    assert session.spec.params["pledge_amount"] == 30 and session.dirty
    session.reload()
    assert session.spec.draft.round == 6 and session.spec.params["pledge_amount"] == 5
    session.undo()  # the reload replaced the edit: undo brings it back
    assert session.spec.params["pledge_amount"] == 30


def _save_at(path: str, amount: str, ready, start, results, trials: int) -> None:  # type: ignore[no-untyped-def]
    """A colleague's process: in each trial, once the spec is fresh (`ready`), open it, edit it, and
    save at the instant the other process saves (`start`). One process serves every trial, so that
    the trials cost a save each rather than a Python start each."""
    from bsa_drafter.library import load_library

    library = load_library()
    for _trial in range(trials):
        ready.wait()
        session = DraftSession.open(Path(path), library)
        session.set_param("pledge_amount", amount)
        start.wait()
        try:
            session.save()
            results.put(("saved", amount))
        except ChangedOnDisk:
            results.put(("refused", amount))


def test_two_saves_at_the_same_instant_cannot_both_succeed(spec_copy: Path) -> None:
    context = multiprocessing.get_context("spawn")
    trials = 6
    ready, start, results = context.Barrier(3), context.Barrier(2), context.Queue()
    workers = [
        context.Process(target=_save_at, args=(str(spec_copy), amount, ready, start, results, trials))
        for amount in ("31", "32")
    ]
    for worker in workers:
        worker.start()
    try:
        for _trial in range(trials):
            shutil.copy(EXAMPLES / "montenegro.toml", spec_copy)
            ready.wait(timeout=60)
            outcomes = sorted(results.get(timeout=60) for _ in workers)
            assert [kind for kind, _ in outcomes] == ["refused", "saved"], outcomes
            winner = next(amount for kind, amount in outcomes if kind == "saved")
            assert f"pledge_amount = {winner}" in spec_copy.read_text()
    finally:
        for worker in workers:
            worker.join(10)
            if worker.is_alive():
                worker.kill()


def test_a_save_that_fails_keeps_the_edit_and_says_why(spec_copy: Path, library) -> None:
    session = DraftSession.open(spec_copy, library)
    session.set_param("pledge_amount", "30")
    with pytest.raises(BadInput) as caught:
        session.save(spec_copy / "x.toml")
    assert "a part of the path is a file, not a folder" in str(caught.value)
    assert session.dirty and session.spec.params["pledge_amount"] == 30


def test_an_untouched_new_draft_has_nothing_to_save(library) -> None:
    session = DraftSession.new(library, "Bulgaria")
    assert not session.dirty
    session.set_param("pledge_amount", "30")
    assert session.dirty
    session.undo()
    assert not session.dirty


def test_omitting_a_custom_clause_keeps_its_wording(library) -> None:
    session = DraftSession.new(library, "Bulgaria")
    clause_id = session.add_custom_clause("security", "Liaison", "Liaison officers will be exchanged.")
    session.set_include(clause_id, False)
    assert session.spec.clauses[clause_id].text == "Liaison officers will be exchanged."
    assert clause_id in [e.clause_id for e in session.outline() if e.status == "omitted"]
    session.set_include(clause_id, True)
    assert session.clause(clause_id).text == "Liaison officers will be exchanged."


def test_moves_stay_within_their_subheading(library) -> None:
    session = DraftSession.new(library, "Bulgaria")
    first_of_heading = next(e for e in session.outline() if e.heading == "Security and cyber security")
    assert not session.move(first_of_heading.clause_id, -1)  # the clause above is under another subheading
    assert session.move(first_of_heading.clause_id, 1)


# --- both languages ----------------------------------------------------------------------------


def test_editing_one_language_makes_the_other_stale_until_it_is_updated(library) -> None:
    clock = Clock()
    session = DraftSession(library, DraftSession.new(library, "Bulgaria").spec, None, None, clock=clock)
    english = session.clause("final.duration").source_text
    session.set_text("final.duration", english.replace("will remain valid", "remains valid"))
    assert session.clause("final.duration").stale == "uk"
    clock.now += 5
    ukrainian = session.clause("final.duration").source_text_uk
    for n in range(1, 4):  # updating the stale side, keystroke by keystroke, pauses included
        clock.now += 3
        session.set_text_uk("final.duration", ukrainian.replace("залишатиметься", "залишається" + "!" * n))
        assert session.clause("final.duration").stale is None
    session.set_text("final.duration", english.replace("will remain valid", "stays valid"))
    assert session.clause("final.duration").stale == "uk"  # a new edit of the English: behind again
    kinds = [step.kind for step in session.undo_stack]
    # one language's typing never merges with the other's
    assert kinds == ["text", "text_uk", "text_uk", "text_uk", "text"]


def test_an_edit_of_the_ukrainian_makes_the_english_stale_and_a_confirmation_ends_it(spec_copy: Path, library) -> None:
    session = DraftSession.open(spec_copy, library)
    ukrainian = session.clause("final.amendments").source_text_uk
    session.set_text_uk("final.amendments", ukrainian + " Зміни оформлюються окремими протоколами.")
    assert session.clause("final.amendments").stale == "en"
    assert [f.rule for f in session.result.findings if f.clause == "final.amendments"] == ["english-stale"]
    assert session.confirm_match("final.amendments")
    assert session.clause("final.amendments").stale is None
    assert not session.confirm_match("final.amendments")  # nothing left to confirm
    assert session.undo_stack[-1].label == "Confirm that both texts of Amendments match"
    session.set_text_uk("final.amendments", ukrainian)  # back to the library's pair: in step, no marker
    assert session.clause("final.amendments").stale is None and "final.amendments" not in session.spec.clauses
    session.undo()
    assert session.clause("final.amendments").stale is None  # as confirmed
    session.undo()
    assert session.clause("final.amendments").stale == "en"  # the confirmation undone


def test_the_stale_marker_survives_saving_and_is_byte_stable(spec_copy: Path, library) -> None:
    session = DraftSession.open(spec_copy, library)
    session.set_text("final.amendments", "This Agreement may be amended in writing by both Participants.")
    session.set_text_uk("intro.basis", session.clause("intro.basis").source_text_uk + " Додано.")
    session.confirm_match("intro.basis")
    session.save()
    first = spec_copy.read_bytes()
    reopened = DraftSession.open(spec_copy, library)
    assert reopened.clause("final.amendments").stale == "uk"
    assert reopened.clause("intro.basis").stale is None
    assert reopened.spec.clauses["intro.basis"].confirmed == session.spec.clauses["intro.basis"].confirmed
    reopened.save(force=True)
    assert spec_copy.read_bytes() == first
    assert "confirmed = " in first.decode() and 'text_uk = "' in first.decode()


def test_a_variant_switch_drops_both_texts_and_undo_restores_them(spec_copy: Path, library) -> None:
    session = DraftSession.open(spec_copy, library)
    session.set_text_uk("final.termination", "Український текст, набраний від руки.")
    assert session.variant_switch_replaces_wording("final.termination", "no_exit")
    session.set_variant("final.termination", "no_exit")
    clause = session.clause("final.termination")
    assert clause.stale is None
    assert clause.source_text_uk == library.clauses["final.termination"].variant("no_exit").text_uk
    session.undo()
    assert session.clause("final.termination").source_text_uk == "Український текст, набраний від руки."


def test_a_custom_clause_lacks_its_ukrainian_until_it_is_written(library) -> None:
    session = DraftSession.new(library, "Bulgaria")
    clause_id = session.add_custom_clause("security", "Liaison", "Liaison officers will be exchanged.")
    assert session.clause(clause_id).stale == "missing"
    session.set_text_uk(clause_id, "Учасники обмінюватимуться офіцерами зв'язку.")
    assert session.clause(clause_id).stale is None
    session.seal()
    session.set_text(clause_id, "Liaison officers will be exchanged every year.")
    assert session.clause(clause_id).stale == "uk"
