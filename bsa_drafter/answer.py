"""Our answer to their round: a redline from their text to ours, our reasons as comments.

Their text is rebuilt from what they answered (our kept round N with every one of their
proposals accepted), so accepting every tracked change of the answer gives our round N+1
and rejecting every one gives their text. Each decision with something to say (a reason, a
counter-proposal, a bracket) becomes a Word comment on its clause, and every bracket still
open says which option each side proposed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from bsa_drafter.assemble import Draft, assemble
from bsa_drafter.brackets import describe, open_brackets
from bsa_drafter.errors import BadInput, Problem
from bsa_drafter.export.comments import WordComment
from bsa_drafter.models import DraftSpec, Library, Proposal
from bsa_drafter.proposals import their_text
from bsa_drafter.rounds import answered, with_record
from bsa_drafter.textblocks import split_blocks


@dataclass
class NextRound:
    """What `round next` writes: the spec at N+1 (also kept as round N+1) and the answer."""

    number: int
    spec: DraftSpec
    answer: bytes
    redline: bytes  # the answer before the comments went in: the same tracked changes
    base: str  # what the redline starts from, for people
    comments: int
    unplaced: list[str]


def next_round_spec(spec: DraftSpec, sent: dt.date, author: str) -> DraftSpec:
    """The spec as round N+1, sent on `sent` under `author`."""
    from bsa_drafter.models import RoundRecord

    number = spec.draft.round + 1
    moved = spec.model_copy(update={"draft": spec.draft.model_copy(update={"round": number, "date": sent})})
    return moved.model_copy(update={"rounds": with_record(moved, RoundRecord(round=number, sent=sent, author=author))})


def undecided(spec: DraftSpec) -> list[Proposal]:
    return [p for p in spec.proposals if p.round == spec.draft.round and p.decision is None]


def plan_next_round(
    spec: DraftSpec,
    kept_round: DraftSpec | None,
    library: Library,
    *,
    author: str,
    when: dt.datetime,
    label: str = "<draft>",
    allow_undecided: bool = False,
) -> NextRound:
    from bsa_drafter.export.comments import add_comments
    from bsa_drafter.export.redline import render_redline

    number = spec.draft.round
    waiting = undecided(spec)
    if waiting and not allow_undecided:
        listed = ", ".join(p.id for p in waiting[:12]) + (" \u2026" if len(waiting) > 12 else "")
        raise BadInput(
            Problem(
                label,
                None,
                f"{len(waiting)} of their proposals have no decision yet ({listed}): decide them, "
                "or send them back undecided with --allow-undecided; nothing written",
            )
        )
    moved = next_round_spec(spec, when.date(), author)
    ours = assemble(moved, library)
    if answered(spec):
        if kept_round is None:
            raise BadInput(
                Problem(
                    label,
                    None,
                    f"round {number} is not kept beside the spec, so their text cannot be rebuilt "
                    "for the redline; nothing written",
                )
            )
        base_draft = assemble(kept_round, library)
        base = assemble(their_text(kept_round, [p for p in spec.proposals if p.round == number], base_draft), library)
        base_label = f"their answer to round {number}"
    else:
        base = assemble(kept_round or spec, library)
        base_label = f"our round {number}"
    # the comparison page names what the redline starts from: their answer is not our round N
    base_names = f"the answer of {spec.draft.partner} to round {number}" if answered(spec) else None
    redline = render_redline(base, ours, author, when=when, base_label=base_names)
    comments = answer_comments(moved, ours, base, author, when)
    answer, missed = add_comments(redline, comments)
    return NextRound(number + 1, moved, answer, redline, base_label, len(comments), [c.anchor for c in missed])


def _first_paragraph(text: str) -> str:
    blocks = split_blocks(text)
    return blocks[0].text if blocks else ""


def answer_comments(spec: DraftSpec, ours: Draft, theirs: Draft, author: str, when: dt.datetime) -> list[WordComment]:
    """A comment for every decision of this round that says something, and for every open
    bracket: who proposed which option."""
    date = when.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    partner = spec.draft.partner
    comments = []
    said_brackets: set[str] = set()
    for proposal in spec.proposals:
        decision = proposal.decision
        if decision is None or decision.round != spec.draft.round:
            continue
        anchor = _anchor(proposal, ours, theirs)
        reason = decision.reason
        if decision.kind == "accept":
            text = f"Accepted. {reason}" if reason else ""
        elif decision.kind == "reject":
            text = f"Not accepted: {reason}" if reason else "Not accepted: we keep our wording."
        elif decision.kind == "counter":
            text = f"Our counter-proposal. {reason}".strip()
        else:
            brackets = [b for b in spec.brackets if b.id in decision.brackets]
            said_brackets.update(b.id for b in brackets)
            options = "; ".join(describe(b, partner) for b in brackets)
            text = f"Not agreed yet, kept in brackets ({options}). {reason}".strip()
        if proposal.comments and reason and decision.kind in ("accept", "reject"):
            text = f"On your comment (\u201c{proposal.comments[0].text[:80]}\u201d): {text}"
        if text and anchor:
            comments.append(WordComment(anchor, text, author, date))
    for bracket in open_brackets(spec):
        clause = ours.clause(bracket.clause)
        if bracket.id not in said_brackets and clause is not None:
            comments.append(
                WordComment(
                    _first_paragraph(clause.text),
                    f"In brackets since round {bracket.opened}: {describe(bracket, partner)}",
                    author,
                    date,
                )
            )
    return comments


def _anchor(proposal: Proposal, ours: Draft, theirs: Draft) -> str:
    """The words that begin the clause in the answer: ours where the clause stays, theirs
    where our answer deletes what they proposed."""
    clause = ours.clause(proposal.clause)
    if clause is not None:
        return _first_paragraph(clause.text)
    clause = theirs.clause(proposal.clause)
    if clause is not None:
        return _first_paragraph(clause.text)
    return _first_paragraph(proposal.ours or proposal.theirs)
