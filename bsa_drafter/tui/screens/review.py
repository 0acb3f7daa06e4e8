"""Their proposals, one by one: the change from our wording to theirs, what their wording
would raise, who signed wording of the kind, and one key for each decision.

Also the two flows that start and end a round in the app: importing their draft, and moving
to the next round with our answer written beside the spec.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static, TextArea

from bsa_drafter.brackets import describe
from bsa_drafter.editing import Step
from bsa_drafter.errors import BadInput
from bsa_drafter.models import Proposal
from bsa_drafter.proposals import DecisionRefused, ProposalView, view_of
from bsa_drafter.tui.keys import bindings, by_id, effective_keys, shown
from bsa_drafter.tui.screens.dialogs import ConfirmScreen, PathScreen, PromptScreen
from bsa_drafter.tui.screens.diff import OP_STYLE
from bsa_drafter.tui.screens.history import HistoryScreen
from bsa_drafter.tui.widgets.findings import LABEL, STYLE
from bsa_drafter.tui.widgets.footer import KeysFooter

if TYPE_CHECKING:
    from bsa_drafter.tui.screens.main import MainScreen

PAST = {"accept": "accepted", "reject": "rejected", "counter": "countered", "bracket": "bracketed"}
KIND = {
    "change": "changes the wording",
    "delete": "deletes the clause",
    "insert": "adds a clause",
    "comment": "comments",
}


def proposals_to_review(proposals: list[Proposal], round_number: int) -> list[Proposal]:
    """The proposals of their latest answer (of every answer when none is for this round)."""
    latest = [p for p in proposals if p.round == round_number]
    if latest:
        return latest
    newest = max((p.round for p in proposals), default=None)
    return [p for p in proposals if p.round == newest]


class CounterScreen(ModalScreen["tuple[str, str] | None"]):
    """Our counter-proposal: edit the wording (from theirs or ours), give a reason."""

    BINDINGS = bindings("counter")
    DEFAULT_CSS = """
    CounterScreen #counter-text { height: 8; }
    """

    def __init__(self, proposal: Proposal, ours: str, theirs: str):
        super().__init__()
        self.proposal, self.ours, self.theirs = proposal, ours, theirs
        self.from_theirs = True

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog dialog-wide"):
            yield Static(Content(f"Counter {self.proposal.id}: our wording of the clause"), classes="dialog-question")
            yield Static("", id="counter-start", classes="dialog-detail")
            yield TextArea(self.theirs, id="counter-text", soft_wrap=True)
            yield Input(placeholder="our reason (goes to them as a comment)", id="counter-reason")
        yield KeysFooter()

    def on_mount(self) -> None:
        self._show_start()
        self.query_one(TextArea).focus()

    def _show_start(self) -> None:
        self.query_one("#counter-start", Static).update(
            Content("starting from their wording" if self.from_theirs else "starting from our wording")
        )

    def action_switch(self) -> None:
        self.from_theirs = not self.from_theirs
        self.query_one(TextArea).load_text(self.theirs if self.from_theirs else self.ours)
        self._show_start()

    def action_done(self) -> None:
        text = self.query_one(TextArea).text
        if not text.strip():
            self.notify("The wording is empty", severity="warning")
            return
        self.dismiss((text, self.query_one("#counter-reason", Input).value))

    def action_cancel(self) -> None:
        self.dismiss(None)


class ReviewScreen(HistoryScreen):
    """Walk their proposals: n/p to move, a/r/c/b to decide, ctrl+z to undo."""

    BINDINGS = bindings("review")
    DEFAULT_CSS = """
    ReviewScreen #review-title { height: auto; padding: 0 1; background: $panel; }
    ReviewScreen #review-scroll { height: 1fr; padding: 0 1; }
    """

    def __init__(self, main: MainScreen, start: str | None = None):
        super().__init__()
        self.main = main
        self.index = 0
        self.start = start
        self._view: tuple[str, int, ProposalView] | None = None  # (proposal id, session version, view)

    @property
    def session(self):  # type: ignore[no-untyped-def]
        return self.main.session

    def items(self) -> list[Proposal]:
        return proposals_to_review(self.session.spec.proposals, self.session.spec.draft.round)

    def compose(self) -> ComposeResult:
        yield Static(id="review-title")
        yield VerticalScroll(Static(id="review-body"), id="review-scroll")
        yield KeysFooter()

    def on_mount(self) -> None:
        items = self.items()
        if self.start is not None:
            self.index = next((k for k, p in enumerate(items) if p.id == self.start), 0)
        else:
            self.index = next((k for k, p in enumerate(items) if p.decision is None), 0)
        self.show()

    # --- showing -------------------------------------------------------------------------

    def current(self) -> Proposal | None:
        items = self.items()
        if not items:
            return None
        self.index = max(0, min(self.index, len(items) - 1))
        return items[self.index]

    def show(self) -> None:
        items = self.items()
        proposal = self.current()
        title = self.query_one("#review-title", Static)
        body = self.query_one("#review-body", Static)
        if proposal is None:
            key = shown(effective_keys(by_id()["import-theirs"][1], getattr(self.app, "keymap", {})))
            said = f"No proposals to review: import their draft first ({key} in the draft)."
            title.update(Content.styled(said, "bold"))
            body.update(Content(""))
            return
        spec = self.session.spec
        decided = sum(1 for p in items if p.decision is not None)
        view = self._view_of(proposal)
        title.update(
            Content.assemble(
                (f"Their proposals, answer to round {proposal.round}", "bold"),
                f" \u00b7 {spec.draft.partner}  ",
                (f"{self.index + 1} of {len(items)}", "bold $accent"),
                f" \u00b7 {decided} decided",
                (f" \u00b7 decisions go out in round {self.session.working_round}", "dim"),
            )
        )
        body.update(self._body(view))
        self.query_one("#review-scroll", VerticalScroll).scroll_home(animate=False)

    def _view_of(self, proposal: Proposal) -> ProposalView:
        version = self.session.version
        if self._view is None or self._view[0] != proposal.id or self._view[1] != version:
            self._view = (proposal.id, version, view_of(self.session.spec, self.session.draft, proposal))
        return self._view[2]

    def _body(self, view: ProposalView) -> Content:
        proposal = view.proposal
        partner = self.session.spec.draft.partner
        who = ", ".join(proposal.authors) or partner
        lines: list[Content] = [
            Content.assemble((f"{proposal.id}  ", "bold"), (view.title, "bold"), "  ", (view.place, "dim")),
            Content.assemble(
                f"{KIND[proposal.kind]} \u00b7 by {who}",
                (f", {proposal.date[:10]}" if proposal.date else "", "dim"),
                ("  UNMARKED: not shown as a tracked change" if proposal.unmarked else "", "bold $error"),
            ),
        ]
        lines.append(self._decision_line(proposal, partner))
        if proposal.kind != "comment":
            lines += [
                Content(""),
                Content.styled("Ours \u2192 theirs", "bold"),
                Content.assemble(*((text, OP_STYLE[op]) for op, text in view.ops)),
            ]
        else:
            lines += [Content(""), Content.styled("Our wording", "bold"), Content(proposal.ours)]
        if proposal.comments:
            lines += [Content(""), Content.styled("Their comments", "bold")]
            lines += [
                Content.assemble(
                    (f"{c.author or partner}", "$accent"), (f" {c.date[:10]}" if c.date else "", "dim"), ": ", c.text
                )
                for c in proposal.comments
            ]
        if proposal.kind != "comment":
            lines += [Content(""), Content.styled("Findings their wording would raise", "bold")]
            lines += [
                Content.assemble((LABEL[f.severity], STYLE[f.severity]), " ", (f.rule, "bold"), "  ", f.message)
                for f in view.raised
            ] or [Content.styled("none", "dim")]
        lines += [Content(""), Content.styled("Precedents", "bold")]
        for variant in view.variants:
            marks = " (ours)" if variant.ours else ""
            marks += f" (closest to theirs, {variant.similarity:.0%} of words in common)" if variant.closest else ""
            lines.append(
                Content.assemble(
                    ("\u2022 ", "dim"),
                    variant.label,
                    (marks, "$accent"),
                    ": ",
                    (", ".join(variant.precedents) or "no signed precedent", "dim"),
                )
            )
        if not view.variants:
            lines.append(Content.styled("a clause of our own: no library variants", "dim"))
        lines += self._signed_lines(proposal, view)
        if view.earlier:
            lines += [Content(""), Content.styled("Earlier rounds on this point", "bold $warning")]
            for earlier in view.earlier:
                said = f"round {earlier.round}: {earlier.id}"
                if earlier.decision is not None:
                    said += f" {PAST[earlier.decision.kind]} in round {earlier.decision.round}" + (
                        f": {earlier.decision.reason}" if earlier.decision.reason else ""
                    )
                    if earlier.theirs == proposal.theirs and proposal.theirs:
                        said += "  \u2014 the same wording again"
                lines.append(Content(said))
        return Content("\n").join(lines)

    @staticmethod
    def _signed_lines(proposal: Proposal, view: ProposalView) -> list[Content]:
        """Who signed wording close to theirs; nothing for a deletion or a comment, which bring
        no wording of theirs to look up."""
        if not proposal.theirs:
            return []
        if view.signed is None:
            missing = "signed texts: no index of signed agreements (bsa-drafter precedents build FOLDER)"
            return [Content.styled(missing, "dim")]
        if not view.signed:
            return [Content.styled("signed texts: no signed paragraph is close to their wording", "dim")]
        return [Content.assemble(("\u2022 signed: ", "dim"), said) for said in view.signed]

    def _decision_line(self, proposal: Proposal, partner: str) -> Content:
        decision = proposal.decision
        if decision is None:
            return Content.assemble(
                ("decision: ", "bold"),
                ("none yet \u2014 a accept \u00b7 r reject \u00b7 c counter \u00b7 b bracket", "$warning"),
            )
        parts: list = [
            ("decision: ", "bold"),
            (PAST[decision.kind], "bold $success"),
            f" in round {decision.round}",
            (f": {decision.reason}" if decision.reason else "", ""),
        ]
        for bracket in (b for b in self.session.spec.brackets if b.id in decision.brackets):
            state = "open: 1 or 2 closes it on that option" if bracket.is_open else f"closed in round {bracket.closed}"
            parts += ["\n", (f"{bracket.id} ", "bold"), describe(bracket, partner), (f"  ({state})", "dim")]
        return Content.assemble(*parts)

    # --- moving ----------------------------------------------------------------------------

    def action_move(self, step: int) -> None:
        self.index += step
        self.show()

    def action_next_undecided(self) -> None:
        items = self.items()
        order = list(range(self.index + 1, len(items))) + list(range(0, self.index + 1))
        found = next((k for k in order if items[k].decision is None), None)
        if found is None:
            self.notify("Every proposal has a decision", timeout=2)
            return
        self.index = found
        self.show()

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_issues(self) -> None:
        from bsa_drafter.tui.screens.issues import IssuesScreen

        self.app.push_screen(IssuesScreen(self.main))

    # --- deciding --------------------------------------------------------------------------

    def _decide(self, kind: str, reason: str = "", wording: str | None = None) -> None:
        proposal = self.current()
        if proposal is None:
            return
        try:
            self.session.decide(proposal.id, kind, reason=reason, wording=wording)
        except DecisionRefused as refused:
            self.notify(Content(str(refused)), severity="warning", timeout=5)
            return
        self.notify(Content(f"{proposal.id} {PAST[kind]} (ctrl+z undoes it)"), timeout=2)
        items = self.items()
        following = next((k for k in range(self.index + 1, len(items)) if items[k].decision is None), None)
        if following is not None and kind != "bracket":
            self.index = following
        self.show()

    def action_decide(self, kind: str) -> None:
        self._decide(kind)

    @work(exclusive=True, group="dialog")
    async def action_reject(self) -> None:
        proposal = self.current()
        if proposal is None:
            return
        reason = await self.app.push_screen_wait(
            PromptScreen(f"Reject {proposal.id}: our reason (optional, it goes to them as a comment)")
        )
        self._decide("reject", reason or "")

    @work(exclusive=True, group="dialog")
    async def action_counter(self) -> None:
        proposal = self.current()
        if proposal is None:
            return
        clause = self.session.clause(proposal.clause)
        ours = clause.source_text if clause is not None else ""
        answer = await self.app.push_screen_wait(CounterScreen(proposal, ours, proposal.theirs or ours))
        if answer is not None:
            self._decide("counter", answer[1], answer[0])

    def action_choose(self, option: int) -> None:
        proposal = self.current()
        opened = [
            b
            for b in self.session.spec.brackets
            if proposal and proposal.decision and b.id in proposal.decision.brackets and b.is_open
        ]
        if not opened:
            self.notify("No open bracket on this proposal", timeout=2)
            return
        try:
            self.session.choose_bracket(opened[0].id, option)
        except DecisionRefused as refused:
            self.notify(Content(str(refused)), severity="warning", timeout=5)
            return
        self.notify(Content(f"{opened[0].id} closed on option {option}"), timeout=2)
        self.show()

    def show_step(self, step: Step) -> None:
        """Show the proposal whose decision the step made or took back."""
        before, after = step.before.tables.get("proposals"), step.after.tables.get("proposals")
        changed = [p.id for p in after or [] if before is not None and p not in before]
        items = [p.id for p in self.items()]
        if changed and changed[0] in items:
            self.index = items.index(changed[0])
        self.show()


# --- the flows that start and end a round ------------------------------------------------------


async def import_their_draft(main: MainScreen) -> None:
    """Pick their file, read it against our round, confirm, and take their proposals in."""
    from bsa_drafter.round_import import plan_import
    from bsa_drafter.rounds import keep_files, load_kept, round_file, their_file

    session = main.session
    if session.path is None:
        main.notify("Save the draft first: the rounds are kept beside its file", severity="warning", timeout=4)
        return
    path = await main.app.push_screen_wait(
        PathScreen(
            f"Import their answer to round {session.spec.draft.round}",
            session.path.parent,
            (".docx", ".pdf", ".txt", ".md"),
        )
    )
    if path is None:
        return
    main.notify(Content(f"Reading {path.name} \u2026"), timeout=2)
    try:
        plan = await asyncio.to_thread(plan_import, session.spec, session.library, path, load_kept(session.path))
    except BadInput as exc:
        main.notify(Content("Not imported: " + "; ".join(str(p) for p in exc.problems)), severity="error", timeout=8)
        return
    except Exception as exc:  # a foreign file must never take the app down with it
        main.notify(
            Content(f"Not imported: {path.name} could not be read ({type(exc).__name__}: {exc})"),
            severity="error",
            timeout=8,
        )
        return
    unmarked = sum(1 for p in plan.proposals if p.unmarked)
    comments = sum(len(p.comments) for p in plan.proposals)
    detail = [
        f"{unmarked} of them not shown as tracked changes" if unmarked else "every change is a tracked change",
        f"{comments} comment(s)",
    ] + [f"note: {n}" for n in plan.notes]
    answer = await main.app.push_screen_wait(
        ConfirmScreen(
            f"Import {len(plan.proposals)} proposal(s) from {path.name}, their answer to round {plan.round}?",
            [("import", "Import and review"), ("cancel", "Cancel")],
            "\n".join(detail),
        )
    )
    if answer != "import":
        return
    files = [(their_file(session.path, plan.round, plan.suffix), plan.data)]
    if plan.kept_round is not None:
        files.insert(0, (round_file(session.path, plan.round), plan.kept_round.encode("utf-8")))
    try:
        keep_files(files)
    except BadInput as exc:
        main.notify(Content("Not imported: " + "; ".join(str(p) for p in exc.problems)), severity="error", timeout=8)
        return
    session.import_round(plan)
    main.app.push_screen(ReviewScreen(main))


async def move_to_next_round(main: MainScreen) -> None:
    """Keep this round, move the draft to the next one, and write our answer beside it."""
    from bsa_drafter.answer import plan_next_round, undecided
    from bsa_drafter.export.metadata import default_author
    from bsa_drafter.files import ChangedOnDisk, atomic_write_bytes
    from bsa_drafter.rounds import answer_file, discard, keep_files, load_kept, next_round_files, round_file

    session = main.session
    if session.path is None:
        main.notify("Save the draft first: the rounds are kept beside its file", severity="warning", timeout=4)
        return
    number = session.spec.draft.round
    waiting = undecided(session.spec)
    errors = [f for f in session.result.findings if f.severity == "error"]
    detail = []
    if waiting:
        detail.append(f"{len(waiting)} of their proposals have no decision: " + ", ".join(p.id for p in waiting[:10]))
    if errors:
        detail.append(f"the draft has {len(errors)} error-level finding(s)")
    target = answer_file(session.path, number + 1)
    detail.append(
        f"keeps {round_file(session.path, number + 1).name} and writes {target.name} in {target.parent.name}/"
    )
    answer = await main.app.push_screen_wait(
        ConfirmScreen(
            f"Move to round {number + 1} and write our answer to {session.spec.draft.partner}?",
            [("next", f"Round {number + 1}"), ("cancel", "Cancel")],
            "\n".join(detail),
        )
    )
    if answer != "next":
        return
    try:
        author = default_author()
        kept = load_kept(session.path)
        planned = await asyncio.to_thread(
            plan_next_round,
            session.spec,
            kept.get(number),
            session.library,
            author=author,
            when=dt.datetime.now(dt.timezone.utc),
            label=str(session.path),
            allow_undecided=True,
        )
        created = keep_files(next_round_files(session.path, session.spec, planned.spec, kept))
    except BadInput as exc:
        main.notify(Content("Not moved on: " + "; ".join(str(p) for p in exc.problems)), severity="error", timeout=8)
        return
    try:
        atomic_write_bytes(target, planned.answer, what="answer")
        created.append(target)
        session.move_to_next_round(planned.spec.draft.date, author)
        session.save()
    except (BadInput, ChangedOnDisk) as exc:
        discard(created)
        if session.spec.draft.round != number:
            session.undo()
        reason = (
            "; ".join(str(p) for p in exc.problems)
            if isinstance(exc, BadInput)
            else "the spec changed on disk: save it first"
        )
        main.notify(Content(f"Not moved on: {reason}"), severity="error", timeout=8)
        return
    main.notify(Content(f"Round {planned.number}: our answer is {target}"), timeout=6)
