"""A hunt for lost work: random sequences of what a negotiator does, and after every step the
check that nothing typed is gone unless the negotiator chose to drop it.

Every piece of typed wording carries a unique marker. A marker counts as kept while it is in
the draft, in the undo or redo history, or (after a crash) in the recovery copy that the
restarted session restores. The only ways to drop typed work are the ones an editor offers on
purpose: a new edit after undo (which ends the redo branch), quitting without saving, and
typing in the interval between the last recovery copy and a crash.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from conftest import EXAMPLES
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from bsa_drafter.editing import DraftSession
from bsa_drafter.export.docx import render_draft
from bsa_drafter.library import load_library
from bsa_drafter.proposals import DecisionRefused
from bsa_drafter.recovery import RecoveryStore
from bsa_drafter.round_import import plan_import
from bsa_drafter.spec import dumps_spec, load_draft, load_spec

LIBRARY = load_library()
WITH_VARIANTS = sorted(cid for cid, clause in LIBRARY.clauses.items() if len(clause.variants) > 1)
ALL_CLAUSES = sorted(LIBRARY.clauses)
PARAM_INPUTS = st.sampled_from(["25", "1,5", "1 000", "abc", "-3", "", "2.5", "1,000", "0"])
PARAMS = st.sampled_from(["pledge_amount", "notice_months", "duration_years", "place_of_signature"])


def _their_answer() -> Path:
    """Montenegro's answer to our round: changes, a deletion, a new clause, a comment."""
    import sys

    sys.path.insert(0, str(Path(__file__).parent / "helpers"))
    from partner_edits import ReturnedDraft

    returned = ReturnedDraft(render_draft(load_draft(EXAMPLES / "montenegro.toml", LIBRARY)[1]))
    returned.replace("at least six (6) months", "at least three (3) months")
    returned.replace("within 24 hours", "within 72 hours")
    returned.delete_paragraph("recalling the Joint Declaration of Support")
    returned.insert_paragraph_after(
        "at least three (3) months", "The Participants may review this Agreement every 3 years."
    )
    returned.comment("meet and confer", "We prefer a softer formula here.")
    path = Path(tempfile.mkdtemp(prefix="lost-work-answer-")) / "answer.docx"
    path.write_bytes(returned.bytes())
    return path


THEIR_ANSWER = _their_answer()


def _negotiation_texts(proposals, brackets) -> list[str]:  # type: ignore[no-untyped-def]
    """Wording a negotiation keeps: theirs, ours as sent, what a decision replaced or
    answered with, and every option of every bracket."""
    texts = []
    for proposal in proposals:
        texts += [proposal.ours, proposal.theirs]
        if proposal.decision is not None:
            texts += [proposal.decision.replaced or "", proposal.decision.wording or ""]
    texts += [option.text for bracket in brackets for option in bracket.options]
    return texts


def _texts(session: DraftSession) -> list[str]:
    """Every wording the session can still give back, in both languages: the draft, the
    negotiation (proposals and brackets) and the whole history."""
    texts = [f"{c.text or ''}\n{c.text_uk or ''}" for c in session.spec.clauses.values()]
    texts += _negotiation_texts(session.spec.proposals, session.spec.brackets)
    for step in session.undo_stack + session.redo_stack:
        for snapshot in (step.before, step.after):
            texts.extend(f"{c.text or ''}\n{c.text_uk or ''}" for c in snapshot.clauses.values() if c is not None)
            texts += _negotiation_texts(snapshot.tables.get("proposals", []), snapshot.tables.get("brackets", []))
    return texts


class NegotiatorAtWork(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="lost-work-"))
        self.path = self.folder / "montenegro.toml"
        shutil.copy(EXAMPLES / "montenegro.toml", self.path)
        self.store = RecoveryStore(self.folder / "recovery")
        self.session = self._open()
        self.kept: set[str] = set()  # markers that must still be somewhere
        self.durable: set[str] = set()  # markers in the draft when it was last written (copy or save)
        self.counter = 0

    def _open(self) -> DraftSession:
        session = DraftSession.open(self.path, LIBRARY)
        session.attach_recovery(self.store)
        return session

    def teardown(self) -> None:
        self.session.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    def _present(self) -> set[str]:
        joined = "\n".join(_texts(self.session))
        return {marker for marker in self.kept if marker in joined}

    def _edit(self, action) -> None:  # type: ignore[no-untyped-def]
        """Run an edit; a redo branch it ends was dropped by choice."""
        had_redo = bool(self.session.redo_stack)
        action()
        if had_redo and not self.session.redo_stack:
            self.kept = self._present()

    # --- what the negotiator does --------------------------------------------------------

    @rule(clause=st.sampled_from(ALL_CLAUSES), pause=st.booleans())
    def type_into(self, clause: str, pause: bool) -> None:
        if self.session.clause(clause) is None:
            return
        if pause:
            self.session.seal()
        self.counter += 1
        marker = f"zq{self.counter}x"
        current = self.session.clause(clause).source_text
        self._edit(lambda: self.session.set_text(clause, f"{current} {marker}"))
        self.kept.add(marker)

    @rule(clause=st.sampled_from(ALL_CLAUSES), pause=st.booleans())
    def type_into_the_ukrainian(self, clause: str, pause: bool) -> None:
        if self.session.clause(clause) is None:
            return
        if pause:
            self.session.seal()
        self.counter += 1
        marker = f"zq{self.counter}u"
        current = self.session.clause(clause).source_text_uk
        self._edit(lambda: self.session.set_text_uk(clause, f"{current} {marker}"))
        self.kept.add(marker)
        assert self.session.clause(clause).stale != "missing"

    @rule(clause=st.sampled_from(ALL_CLAUSES))
    def confirm_both_texts_match(self, clause: str) -> None:
        before = self.session.clause(clause)
        self._edit(lambda: self.session.confirm_match(clause))
        after = self.session.clause(clause)
        if before is not None and after is not None and after.source_text_uk.strip():
            assert after.stale is None
            assert (after.source_text, after.source_text_uk) == (before.source_text, before.source_text_uk)

    @rule(clause=st.sampled_from(WITH_VARIANTS), pick=st.integers(0, 5))
    def switch_variant(self, clause: str, pick: int) -> None:
        if self.session.clause(clause) is None:
            return
        variants = LIBRARY.clauses[clause].variant_ids
        self._edit(lambda: self.session.set_variant(clause, variants[pick % len(variants)]))

    @rule(clause=st.sampled_from(ALL_CLAUSES))
    def omit_or_include(self, clause: str) -> None:
        self._edit(lambda: self.session.set_include(clause, self.session.clause(clause) is None))

    @rule(clause=st.sampled_from(ALL_CLAUSES), step=st.sampled_from([-1, 1]))
    def move(self, clause: str, step: int) -> None:
        self._edit(lambda: self.session.move(clause, step))

    @rule(clause=st.sampled_from(ALL_CLAUSES))
    def add_from_library(self, clause: str) -> None:
        self._edit(lambda: self.session.add_clause(clause))

    @rule(part=st.sampled_from(["security", "defence", "final"]))
    def add_custom(self, part: str) -> None:
        self.counter += 1
        marker = f"zq{self.counter}x"
        self._edit(lambda: self.session.add_custom_clause(part, "Ours", f"Our own clause {marker}."))
        self.kept.add(marker)

    @rule(name=PARAMS, typed=PARAM_INPUTS)
    def set_parameter(self, name: str, typed: str) -> None:
        self._edit(lambda: self.session.set_param(name, typed))

    # --- a round: their answer, our decisions, brackets ------------------------------------

    @precondition(lambda self: not self.session.spec.proposals)
    @rule()
    def import_their_answer(self) -> None:
        plan = plan_import(self.session.spec, LIBRARY, THEIR_ANSWER, {})
        self._edit(lambda: self.session.import_round(plan))

    @precondition(lambda self: bool(self.session.spec.proposals))
    @rule(pick=st.integers(0, 20), kind=st.sampled_from(["accept", "reject", "counter", "bracket"]))
    def decide(self, pick: int, kind: str) -> None:
        proposal = self.session.spec.proposals[pick % len(self.session.spec.proposals)]
        wording = None
        if kind == "counter":
            self.counter += 1
            wording = f"Our counter-proposal zq{self.counter}x."
        try:
            self._edit(lambda: self.session.decide(proposal.id, kind, reason="r", wording=wording))
        except DecisionRefused:
            return
        if wording is not None:
            self.kept.add(f"zq{self.counter}x")

    @precondition(lambda self: any(b.is_open for b in self.session.spec.brackets))
    @rule(pick=st.integers(0, 20), option=st.integers(1, 2))
    def choose_bracket(self, pick: int, option: int) -> None:
        opened = [b for b in self.session.spec.brackets if b.is_open]
        try:
            self._edit(lambda: self.session.choose_bracket(opened[pick % len(opened)].id, option))
        except DecisionRefused:
            pass

    @rule(clause=st.sampled_from(ALL_CLAUSES))
    def type_a_bracket(self, clause: str) -> None:
        if self.session.clause(clause) is None:
            return
        self.counter += 1
        marker = f"zq{self.counter}x"
        current = self.session.clause(clause).source_text
        self._edit(lambda: self.session.set_text(clause, f"{current} [our {marker} / their wording]"))
        self.kept.add(marker)

    @rule()
    def undo(self) -> None:
        self.session.undo()

    @rule()
    def redo(self) -> None:
        self.session.redo()

    def _in_draft(self) -> set[str]:
        shown = dumps_spec(self.session.spec)
        return {m for m in self.kept if m in shown}

    @rule()
    def save(self) -> None:
        self.session.save()
        assert dumps_spec(load_spec(self.path, None).spec) == dumps_spec(self.session.spec)
        self.durable = self._in_draft()

    @rule()
    def autosave(self) -> None:
        self.session.autosave()
        self.durable = self._in_draft()

    @precondition(lambda self: self.session.changed_on_disk() is False)
    @rule()
    def someone_else_saves_then_we_reload(self) -> None:
        text = (
            self.path.read_text(encoding="utf-8").replace("round = ", "round = 1", 1)
            if "round = 1" not in self.path.read_text()
            else self.path.read_text()
        )
        self.path.write_text(text, encoding="utf-8")
        self._edit(self.session.reload)  # undoable: the replaced edits stay in the history

    @rule()
    def crash_and_restart(self) -> None:
        """The process dies (no cleanup: its lock goes with it) and the app starts again."""
        dying = self.session
        if dying.recovery is not None and dying.recovery._lock is not None:
            os.close(dying.recovery._lock)
            dying.recovery._lock = None
        self.session = self._open()
        offered = self.session.recovery_to_offer()
        if offered:
            self.session.restore(offered[0])
        restored = dumps_spec(self.session.spec)
        assert all(marker in restored for marker in self.durable), "a crash lost work that had been written"
        self.kept = {m for m in self.kept if m in restored}  # typed after the last copy: lost with the crash
        for copy in offered[1:]:
            copy.discard()

    @rule()
    def quit_without_saving_and_reopen(self) -> None:
        self.session.close()
        self.session = self._open()
        self.kept = self._present()  # dropped on purpose
        self.durable = self._in_draft()

    # --- what must always hold -----------------------------------------------------------

    @invariant()
    def typed_work_is_kept(self) -> None:
        missing = self.kept - self._present()
        assert not missing, f"typed wording lost: {sorted(missing)}"

    @invariant()
    def the_draft_assembles_and_checks(self) -> None:
        draft, result = self.session.refresh()
        assert len(draft.clauses) + len(draft.omitted) >= 1
        assert all(f.severity in ("error", "warning", "info") for f in result.findings)

    @invariant()
    def stale_sides_are_what_was_edited(self) -> None:
        """A clause without overrides is in step; one whose Ukrainian is empty lacks it."""
        draft, _ = self.session.refresh()
        for clause in draft.clauses:
            choice = self.session.spec.clauses.get(clause.id)
            if choice is None or (choice.text is None and choice.text_uk is None):
                assert clause.stale in (None, "missing"), clause.id
                assert choice is None or choice.confirmed is None, clause.id

    @invariant()
    def the_cached_assembly_equals_a_fresh_one(self) -> None:
        from bsa_drafter.assemble import assemble

        fresh = assemble(self.session.spec.model_copy(deep=True), LIBRARY)
        shown = self.session.draft
        assert [(c.id, c.number, c.text, c.status, c.text_uk, c.stale) for c in shown.clauses] == [
            (c.id, c.number, c.text, c.status, c.text_uk, c.stale) for c in fresh.clauses
        ]

    @invariant()
    def saved_text_reads_back_as_shown(self) -> None:
        text = dumps_spec(self.session.spec)
        reread = dumps_spec(load_spec_text(text))
        assert reread == text


def load_spec_text(text: str):  # type: ignore[no-untyped-def]
    from bsa_drafter.spec import parse_spec

    return parse_spec(text, "<shown>")[0]


NegotiatorAtWork.TestCase.settings = settings(
    max_examples=int(os.environ.get("LOST_WORK_EXAMPLES", "25")),
    stateful_step_count=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
TestNegotiatorAtWork = NegotiatorAtWork.TestCase
