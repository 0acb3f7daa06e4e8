"""`bsa-drafter round`: import their answer, decide their proposals, move to the next round."""

from __future__ import annotations

import datetime as dt
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Optional

import typer
from rich.text import Text

from bsa_drafter.cli.app import ExitWith, app, err, handles_bad_input, library_of, out
from bsa_drafter.errors import BadInput, Problem, printable

if TYPE_CHECKING:
    from bsa_drafter.editing import DraftSession
    from bsa_drafter.models import Library

round_app = typer.Typer(
    help="Negotiation rounds: import their answer, decide each proposal, send the next round.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(round_app, name="round")


class DecisionChoice(str, Enum):
    accept = "accept"
    reject = "reject"
    counter = "counter"
    bracket = "bracket"


def _open(spec: Path, library: Library) -> DraftSession:
    from bsa_drafter.editing import DraftSession

    return DraftSession.open(spec, library)


def _save(session: DraftSession, created: list[Path] = ()) -> None:  # type: ignore[assignment]
    """Save the spec over the file it was read from, only if nobody changed it meanwhile; if
    that fails, the files this command created go too (nothing half done)."""
    from bsa_drafter.files import ChangedOnDisk
    from bsa_drafter.rounds import discard

    try:
        session.save()
    except ChangedOnDisk:
        discard(list(created))
        raise BadInput(
            Problem(str(session.path), None, "changed on disk while this command ran: nothing written; run it again")
        ) from None
    except BadInput:
        discard(list(created))
        raise


@round_app.command("import")
@handles_bad_input
def import_(
    ctx: typer.Context,
    spec: Path = typer.Argument(..., help="Our draft spec (.toml), at the round they answered.", metavar="SPEC"),
    theirs: Path = typer.Argument(
        ...,
        help="Their answer (.docx with tracked changes and comments, or a clean .docx, .pdf, .txt).",
        metavar="THEIRS",
    ),
    dry_run: bool = typer.Option(False, "--dry-run", help="Show what would be imported; write nothing."),
) -> None:
    """Read their answer to our round and store every change as a proposal per clause.

    Our wording does not change. Round N is kept beside the spec (SPEC.rounds/round-N.toml)
    when it is not kept yet, with a copy of their file. A text for another partner, an answer
    to an older round, one already imported or one without changes is refused: exit 2, nothing
    written."""
    from bsa_drafter.round_import import plan_import
    from bsa_drafter.rounds import keep_files, load_kept, round_file, their_file

    library = library_of(ctx)
    session = _open(spec, library)
    plan = plan_import(session.spec, library, theirs, load_kept(spec))
    number = plan.round
    _print_plan(session, plan)
    if dry_run:
        out.print(Text("dry run: nothing written", style="yellow"))
        return
    files = [(their_file(spec, number, plan.suffix), plan.data)]
    if plan.kept_round is not None:
        files.insert(0, (round_file(spec, number), plan.kept_round.encode("utf-8")))
    created = keep_files(files)
    session.import_round(plan)
    _save(session, created)
    kept = "; ".join(str(path) for path, _ in files)
    out.print(Text(f"imported {len(plan.proposals)} proposal(s) into {spec}; kept {kept}", style="green"))
    out.print(
        Text(
            f"  next: bsa-drafter edit {spec} (review: ctrl+r)   or   "
            f"bsa-drafter round decide {spec} P{number}.1 accept|reject|counter|bracket",
            style="dim",
        )
    )


def _print_plan(session: DraftSession, plan) -> None:  # type: ignore[no-untyped-def]
    from bsa_drafter.proposals import place_of

    draft = session.draft
    by_id = {p.id: p for p in session.spec.proposals}
    tracked = "tracked changes" if plan.tracked else "no tracked changes: every change is unmarked"
    out.print(Text(f"their answer to round {plan.round}: {printable(plan.source.name)} ({tracked})", style="bold"))
    for proposal in plan.proposals:
        where = place_of(draft, proposal.clause) or (
            f"after {place_of(draft, proposal.after)}" if proposal.after else "new clause"
        )
        title = (
            draft.clause(proposal.clause).title
            if draft.clause(proposal.clause)
            else (proposal.title or proposal.clause)
        )
        line = Text(f"  {proposal.id:<7}{proposal.kind:<8}", style="bold")
        line.append(printable(f"{title} ({where})"))
        line.append(printable(f"  by {', '.join(proposal.authors)}"), style="dim")
        if proposal.comments:
            line.append(f"  {len(proposal.comments)} comment(s)", style="cyan")
        if proposal.unmarked:
            line.append("  UNMARKED: not shown as a tracked change", style="bold red")
        earlier = by_id.get(proposal.follows or "")
        if earlier is not None and earlier.decision is not None:
            same = " the same wording" if earlier.theirs == proposal.theirs else ""
            reason = f": {earlier.decision.reason}" if earlier.decision.reason else ""
            line.append(
                printable(
                    f"  raised again:{same} {earlier.id} was {_past(earlier.decision.kind)} "
                    f"in round {earlier.decision.round}{reason}"
                ),
                style="yellow",
            )
        out.print(line)
    for note in plan.notes:
        out.print(Text(printable(f"  note: {note}"), style="yellow"))


def _past(kind: str) -> str:
    return {"accept": "accepted", "reject": "rejected", "counter": "countered", "bracket": "bracketed"}[kind]


@round_app.command("decide")
@handles_bad_input
def decide(
    ctx: typer.Context,
    spec: Path = typer.Argument(..., help="The draft spec (.toml).", metavar="SPEC"),
    proposal: str = typer.Argument(..., help="The proposal, e.g. P4.2 (see 'round list').", metavar="PROPOSAL"),
    decision: DecisionChoice = typer.Argument(..., help="accept, reject, counter or bracket.", metavar="DECISION"),
    reason: str = typer.Option("", "--reason", "-r", help="Why (goes to them as a Word comment in the next round)."),
    wording: Optional[str] = typer.Option(None, "--wording", help="counter: our new wording of the clause."),
) -> None:
    """Decide one of their proposals: accept (their wording becomes ours), reject (ours
    stays), counter (our new wording) or bracket ([ours / theirs] in the wording)."""
    from bsa_drafter.proposals import DecisionRefused

    library = library_of(ctx)
    session = _open(spec, library)
    try:
        effect = session.decide(proposal, decision.value, reason=reason, wording=wording)
    except DecisionRefused as refused:
        raise BadInput(Problem(str(spec), None, f"{proposal}: {refused}")) from None
    _save(session)
    opened = (
        f"; bracket {', '.join(effect.proposal.decision.brackets)} opened"
        if effect.proposal.decision and effect.proposal.decision.brackets
        else ""
    )
    out.print(
        Text(
            f"{proposal}: {_past(decision.value)} in round {session.working_round}{opened}; wrote {spec}", style="green"
        )
    )


@round_app.command("choose")
@handles_bad_input
def choose(
    ctx: typer.Context,
    spec: Path = typer.Argument(..., help="The draft spec (.toml).", metavar="SPEC"),
    bracket: str = typer.Argument(..., help="The bracket, e.g. B3.", metavar="BRACKET"),
    option: int = typer.Argument(
        ..., help="The option that is agreed: 1 for the first.", metavar="OPTION", min=1, max=9
    ),
) -> None:
    """Close a bracket on one of its options: the option replaces the bracket in the wording."""
    from bsa_drafter.proposals import DecisionRefused

    library = library_of(ctx)
    session = _open(spec, library)
    try:
        session.choose_bracket(bracket, option)
    except DecisionRefused as refused:
        raise BadInput(Problem(str(spec), None, str(refused))) from None
    _save(session)
    out.print(
        Text(f"{bracket}: closed on option {option} in round {session.working_round}; wrote {spec}", style="green")
    )


@round_app.command("next")
@handles_bad_input
def next_(
    ctx: typer.Context,
    spec: Path = typer.Argument(..., help="The draft spec (.toml).", metavar="SPEC"),
    output: Optional[Path] = typer.Option(
        None, "--output", "-o", help="The answer DOCX (default: SPEC.rounds/round-N-answer.docx).", metavar="FILE.docx"
    ),
    author: Optional[str] = typer.Option(
        None, "--author", help="Author of the tracked changes and comments (default: your name)."
    ),
    allow_undecided: bool = typer.Option(
        False, "--allow-undecided", help="Send the round with proposals still undecided."
    ),
    allow_errors: bool = typer.Option(
        False, "--allow-errors", help="Send the round even when the draft has error-level findings."
    ),
) -> None:
    """Keep round N, move the spec to round N+1 and write our answer: a redline from their
    text to ours (tracked changes by our side) with our reasons as Word comments."""
    from bsa_drafter.answer import plan_next_round
    from bsa_drafter.export.docx import error_findings
    from bsa_drafter.export.metadata import default_author
    from bsa_drafter.files import check_output_file
    from bsa_drafter.rounds import answer_file, keep_files, load_kept, next_round_files, round_file

    library = library_of(ctx)
    session = _open(spec, library)
    number = session.spec.draft.round
    target = output or answer_file(spec, number + 1)
    check_output_file(target, suffixes=(".docx",), inputs=[spec], what="answer")
    errors = error_findings(session.draft)
    if errors and not allow_errors:
        err.print(
            Text(
                f"{spec}: refused: the draft has {len(errors)} error-level finding(s); fix them or use --allow-errors",
                style="red",
            )
        )
        for finding in errors:
            err.print(Text(printable(f"  {finding.rule}: {finding.message}"), style="red"))
        raise ExitWith(1)
    kept = load_kept(spec)
    writer = author or default_author()
    planned = plan_next_round(
        session.spec,
        kept.get(number),
        library,
        author=writer,
        when=dt.datetime.now(dt.timezone.utc),
        label=str(spec),
        allow_undecided=allow_undecided,
    )
    created = keep_files(next_round_files(spec, session.spec, planned.spec, kept))
    from bsa_drafter.files import atomic_write_bytes

    try:
        atomic_write_bytes(target, planned.answer, what="answer")
    except BadInput:
        from bsa_drafter.rounds import discard

        discard(created)
        raise
    created.append(target)
    session.move_to_next_round(planned.spec.draft.date, writer)
    _save(session, created)
    out.print(
        Text(f"round {planned.number}: {spec} moved on, kept as {round_file(spec, planned.number)}", style="green")
    )
    out.print(
        Text(
            f"  answer: {target} (a redline from {planned.base} to our round {planned.number}, "
            f"{planned.comments} comment(s))",
            style="green",
        )
    )
    for anchor in planned.unplaced:
        out.print(
            Text(
                printable(
                    f"  note: a comment's clause was not found in the answer; it went on the first page: {anchor[:80]}"
                ),
                style="yellow",
            )
        )


@round_app.command("list")
@handles_bad_input
def list_(ctx: typer.Context, spec: Path = typer.Argument(..., help="The draft spec (.toml).", metavar="SPEC")) -> None:
    """The rounds kept, their answers imported, and every proposal with our decision."""
    from bsa_drafter.brackets import describe
    from bsa_drafter.rounds import kept_rounds, working_round

    library = library_of(ctx)
    session = _open(spec, library)
    data = session.spec
    kept = kept_rounds(spec)
    out.print(
        Text(
            f"{data.draft.partner}: round {data.draft.round}, decisions go out in round {working_round(data)}",
            style="bold",
        )
    )
    numbers = sorted(set(kept) | {r.round for r in data.rounds} | {data.draft.round})
    for number in numbers:
        record = next((r for r in data.rounds if r.round == number), None)
        line = Text(f"  round {number:<4}", style="bold")
        line.append(f"kept: {kept[number]}" if number in kept else "not kept", style="" if number in kept else "dim")
        if record and record.sent:
            line.append(printable(f"  sent {record.sent}" + (f" by {record.author}" if record.author else "")))
        if record and record.answered:
            line.append(printable(f"  answered {record.answered} ({record.answer_file})"))
        out.print(line)
    for proposal in data.proposals:
        decision = proposal.decision
        status = f"{_past(decision.kind)} in round {decision.round}" if decision else "undecided"
        line = Text(f"  {proposal.id:<8}{proposal.kind:<8}{proposal.clause:<40}", style="")
        line.append(status, style="green" if decision else "yellow")
        if decision and decision.reason:
            line.append(printable(f": {decision.reason[:80]}"), style="dim")
        out.print(line)
    for bracket in data.brackets:
        state = (
            "open"
            if bracket.is_open
            else f"closed in round {bracket.closed}"
            + (f" on option {bracket.chosen}" if bracket.chosen else " (removed)")
        )
        out.print(
            Text(printable(f"  {bracket.id:<8}{bracket.clause:<48}{state}: {describe(bracket, data.draft.partner)}"))
        )
