"""Their proposals and our decisions: what each decision does to the wording.

A decision is computed here as the clause's new state (and the register's, and the order's),
without touching the spec; `DraftSession.decide` applies it as one undoable step, and the
redline of `round next` uses the same rules to rebuild their text from our round.

Their wording reaches our clause text as literal text, never as placeholders of ours; where
their wording keeps words of ours that came from a parameter (`{partner_name}`), our
placeholder is kept, so that the clause still follows the parameter.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bsa_drafter.assemble import Draft, effective_order
from bsa_drafter.brackets import alternatives_in, bracket_text, next_id, sync_clause
from bsa_drafter.diff import EQUAL, INSERT, word_diff
from bsa_drafter.models import (
    Bracket,
    BracketOption,
    ClauseChoice,
    Decision,
    DecisionKind,
    DraftSpec,
    Library,
    Proposal,
    Side,
)
from bsa_drafter.params import fill_placeholders_with_spans, literal, resolve_values, source_offset


class DecisionRefused(ValueError):
    """The decision cannot be taken on this proposal; the message says why and what to do."""


# --- their wording onto ours ---------------------------------------------------------------------


def _source_of(source: str, filled: str, spans: list[tuple[int, int, int, int]], start: int, end: int) -> str:
    """Our source text for the filled text [start, end): placeholders wholly inside are kept as
    placeholders, a value only partly inside is kept as its words."""
    pieces = []
    position = start
    for source_start, source_end, filled_start, filled_end in spans:
        if filled_end <= position or filled_start == filled_end:
            continue
        if filled_start >= end:
            break
        if position < filled_start:
            pieces.append(source[source_offset(spans, position) : source_start])
            position = filled_start
        if position == filled_start and filled_end <= end:
            pieces.append(source[source_start:source_end])
        else:
            pieces.append(filled[position : min(filled_end, end)])
        position = min(filled_end, end)
    if position < end:
        offset = source_offset(spans, position)
        pieces.append(source[offset : offset + end - position])
    return "".join(pieces)


@dataclass(frozen=True)
class OurWording:
    """A clause's wording as written (with placeholders) and as filled."""

    source: str
    filled: str
    spans: list[tuple[int, int, int, int]]

    @classmethod
    def of(cls, source: str, library: Library, values: dict[str, Any]) -> OurWording:
        filled, _, spans = fill_placeholders_with_spans(source, library.params, values)
        return cls(source, filled, spans)


def onto_ours(ours: OurWording, theirs: str) -> str:
    """Their wording as our clause text: what they kept of ours stays as we wrote it."""
    pieces = []
    position = 0
    for op, text in word_diff(ours.filled, theirs):
        if op == EQUAL:
            pieces.append(_source_of(ours.source, ours.filled, ours.spans, position, position + len(text)))
            position += len(text)
        elif op == INSERT:
            pieces.append(literal(text))
        else:
            position += len(text)
    return "".join(pieces)


def bracketed(ours: OurWording, theirs: str, foreign: bool = True) -> tuple[str, str, str] | None:
    """Our wording with the passage they changed written as [ours / theirs], and the two
    options; None when the change cannot stand in one bracket (it crosses paragraphs, or the
    wording holds brackets or ' / ' of its own). Their passage is literal text unless it is
    not `foreign` (a colleague's wording, placeholders and all)."""
    ops = word_diff(ours.filled, theirs)
    changed = [k for k, (op, _) in enumerate(ops) if op != EQUAL]
    if not changed:
        return None
    prefix = sum(len(text) for op, text in ops[: changed[0]])  # equal text before the first change
    suffix = sum(len(text) for op, text in ops[changed[-1] + 1 :])
    ours_start, ours_end = prefix, len(ours.filled) - suffix
    theirs_start, theirs_end = prefix, len(theirs) - suffix
    # a bracket holds words: an insertion or deletion takes the word before it along
    if not ours.filled[ours_start:ours_end].strip() or not theirs[theirs_start:theirs_end].strip():
        word = _word_before(ours.filled, ours_start)
        if word:
            ours_start -= word
            theirs_start -= word
        else:
            word = _word_after(ours.filled, ours_end)
            ours_end += word
            theirs_end += word
    while (
        ours_start < ours_end
        and theirs_start < theirs_end
        and ours.filled[ours_start].isspace()
        and theirs[theirs_start].isspace()
    ):
        ours_start += 1
        theirs_start += 1
    while (
        ours_end > ours_start
        and theirs_end > theirs_start
        and ours.filled[ours_end - 1].isspace()
        and theirs[theirs_end - 1].isspace()
    ):
        ours_end -= 1
        theirs_end -= 1
    # a bracket holds whole words ("six (6)", not "six (6"): widen over the equal text on both
    # sides alike, to the spaces around the change, leaving out a sentence's closing stop
    while ours_start > 0 and not ours.filled[ours_start - 1].isspace():
        ours_start -= 1
        theirs_start -= 1
    while ours_end < len(ours.filled) and not ours.filled[ours_end].isspace():
        ours_end += 1
        theirs_end += 1
    while (
        ours_end > ours_start + 1
        and theirs_end > theirs_start + 1
        and ours.filled[ours_end - 1] in ".,;:"
        and ours.filled[ours_end - 1] == theirs[theirs_end - 1]
    ):
        ours_end -= 1
        theirs_end -= 1
    # a placeholder's value is bracketed whole: widen over equal text on both sides alike
    for _source_start, _source_end, filled_start, filled_end in ours.spans:
        if filled_start < ours_start < filled_end:
            theirs_start -= ours_start - filled_start
            ours_start = filled_start
        if filled_start < ours_end < filled_end:
            theirs_end += filled_end - ours_end
            ours_end = filled_end
    mine = _source_of(ours.source, ours.filled, ours.spans, ours_start, ours_end)
    their_option = literal(theirs[theirs_start:theirs_end]) if foreign else theirs[theirs_start:theirs_end]
    if not mine.strip() or not their_option.strip():
        return None
    if any(mark in option for option in (mine, their_option) for mark in ("[", "]", "\n", " / ")):
        return None
    source_start = source_offset(ours.spans, ours_start)
    source_end = source_start + len(_source_of(ours.source, ours.filled, ours.spans, ours_start, ours_end))
    text = ours.source[:source_start] + bracket_text((mine, their_option)) + ours.source[source_end:]
    return text, mine, their_option


def _word_before(text: str, position: int) -> int:
    """How many characters back the word before `position` starts (with the space after it)."""
    start = position
    while start > 0 and text[start - 1].isspace():
        start -= 1
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    return position - start if text[start:position].strip() else 0


def _word_after(text: str, position: int) -> int:
    end = position
    while end < len(text) and text[end].isspace():
        end += 1
    while end < len(text) and not text[end].isspace():
        end += 1
    return end - position if text[position:end].strip() else 0


# --- decisions -----------------------------------------------------------------------------------


@dataclass
class Effect:
    """What a decision changes: the clause's choice (None: the entry goes), the order (None:
    unchanged), the register and the proposal."""

    clause: str
    choice: ClauseChoice | None
    order: list[str] | None
    brackets: list[Bracket]
    proposal: Proposal


def find(spec: DraftSpec, proposal_id: str) -> Proposal:
    for proposal in spec.proposals:
        if proposal.id == proposal_id:
            return proposal
    known = ", ".join(p.id for p in spec.proposals[-8:]) or "none"
    raise DecisionRefused(f"no proposal {proposal_id} in this draft (the latest: {known})")


def decide(
    spec: DraftSpec,
    draft: Draft,
    proposal: Proposal,
    kind: DecisionKind,
    round_number: int,
    *,
    reason: str = "",
    wording: str | None = None,
) -> Effect:
    """The effect of taking decision `kind` on `proposal`. Deciding again replaces the earlier
    decision: the wording starts again from ours as it was before the first decision."""
    library = draft.library
    choice = spec.clauses.get(proposal.clause)
    current = _source_text(spec, draft, proposal.clause)
    baseline = proposal.decision.replaced if proposal.decision and proposal.decision.replaced is not None else current
    if kind == "counter" and wording is None:
        raise DecisionRefused("a counter-proposal needs our new wording")
    if kind == "bracket" and proposal.kind != "change":
        what = {"delete": "deletes the clause", "insert": "adds a clause", "comment": "changes no wording"}[
            proposal.kind
        ]
        raise DecisionRefused(
            f"{proposal.id} {what}: there is no pair of wordings to bracket; accept, reject or counter it"
        )
    brackets = list(spec.brackets)
    if proposal.decision is not None:  # brackets the earlier decision opened are withdrawn with it
        reopened = set(proposal.decision.brackets)
        brackets = [
            (
                b.model_copy(update={"resolution": "removed", "closed": round_number})
                if b.id in reopened and b.is_open
                else b
            )
            for b in brackets
        ]
    order: list[str] | None = None
    new_choice = choice
    new_text: str | None = None
    opened: list[str] = []
    if proposal.kind == "insert":
        new_choice, order = _insertion(spec, draft, proposal, kind, wording)
    elif proposal.kind == "delete":
        new_choice = (choice or ClauseChoice()).model_copy(update={"include": kind != "accept"})
        if kind == "counter":
            new_text = wording
    elif kind == "accept" and proposal.kind == "change":
        new_text = onto_ours(_our_wording(baseline, spec, draft, proposal.clause), proposal.theirs)
    elif kind == "reject":
        new_text = baseline
    elif kind == "counter":
        new_text = wording
    elif kind == "bracket":
        made = bracketed(_our_wording(baseline, spec, draft, proposal.clause), proposal.theirs)
        if made is None:
            raise DecisionRefused(
                f"{proposal.id} changes more than one passage across paragraphs, or its wording holds brackets: "
                "counter it with your own [A / B] wording"
            )
        new_text, mine, theirs = made
        bracket = Bracket(
            id=next_id(b.id for b in brackets),
            clause=proposal.clause,
            options=[BracketOption(text=mine, by="ukraine"), BracketOption(text=theirs, by="partner")],
            opened=round_number,
        )
        brackets.append(bracket)
        opened.append(bracket.id)
    if new_text is not None and proposal.kind != "insert":
        new_choice = _with_text(spec, library, proposal.clause, new_choice or ClauseChoice(), new_text)
        # an option of a bracket that our wording had is ours; a new one is theirs when we accept
        # their wording, ours when we write it
        ours_before = f"{baseline}\n{proposal.ours}"
        proposer: dict[str, Side] = {
            o: "ukraine" for a in alternatives_in(new_text) for o in a.options if o in ours_before
        }
        brackets = sync_clause(
            brackets,
            proposal.clause,
            new_text,
            round_number,
            proposer,
            default="partner" if kind == "accept" else "ukraine",
        )
    # our wording before any decision on this proposal is kept whenever a decision replaced it
    keeps_ours = new_choice != choice or (proposal.decision is not None and proposal.decision.replaced is not None)
    decision = Decision(
        kind=kind,
        round=round_number,
        reason=reason.strip(),
        wording=wording if kind == "counter" else None,
        replaced=baseline if keeps_ours and proposal.kind != "insert" else None,
        brackets=opened,
    )
    return Effect(proposal.clause, new_choice, order, brackets, proposal.model_copy(update={"decision": decision}))


def _source_text(spec: DraftSpec, draft: Draft, clause_id: str) -> str:
    """The clause's wording as the spec has it (its own text, or its variant's)."""
    choice = spec.clauses.get(clause_id) or ClauseChoice()
    if choice.text is not None:
        return choice.text
    clause = draft.library.clauses.get(clause_id)
    if clause is None:
        return ""
    return clause.variant(choice.variant or draft.library.standard_variant(spec, clause_id)).text


def _our_wording(source: str, spec: DraftSpec, draft: Draft, clause_id: str) -> OurWording:
    choice = spec.clauses.get(clause_id) or ClauseChoice()
    values = resolve_values(draft.library.params, choice.params, draft.values) if choice.params else draft.values
    return OurWording.of(source, draft.library, values)


def _with_text(spec: DraftSpec, library: Library, clause_id: str, choice: ClauseChoice, text: str) -> ClauseChoice:
    """A clause choice with new wording; wording equal to its variant's is no override."""
    clause = library.clauses.get(clause_id)
    if clause is not None:
        variant = clause.variant(choice.variant or library.standard_variant(spec, clause_id)).text
        return choice.model_copy(update={"text": None if text.strip() == variant.strip() else text})
    return choice.model_copy(update={"text": text})


def _insertion(
    spec: DraftSpec, draft: Draft, proposal: Proposal, kind: DecisionKind, wording: str | None
) -> tuple[ClauseChoice | None, list[str] | None]:
    """A clause they propose to add: added (their wording, or our counter) after the clause it
    follows, or left out; once added, rejecting it omits it (its wording stays in the spec)."""
    existing = spec.clauses.get(proposal.clause)
    if kind == "reject":
        return (existing.model_copy(update={"include": False}) if existing else None), None
    text = literal(proposal.theirs) if kind == "accept" else (wording or "")
    part = proposal.part if proposal.part in draft.library.parts else next(iter(draft.library.parts))
    choice = ClauseChoice(part=part, heading=proposal.heading, title=proposal.title or proposal.clause, text=text)
    order = effective_order(spec, draft.library)
    if proposal.clause in order:
        return choice, None
    position = order.index(proposal.after) + 1 if proposal.after in order else len(order)
    already = {
        p.clause for p in spec.proposals if p.kind == "insert" and p.after == proposal.after and p.id != proposal.id
    }
    while position < len(order) and order[position] in already:
        position += 1
    return choice, order[:position] + [proposal.clause] + order[position:]


# --- their text, rebuilt ---------------------------------------------------------------------------


def their_text(round_spec: DraftSpec, proposals: list[Proposal], draft: Draft) -> DraftSpec:
    """Our round with every one of their proposals accepted: their text, in our spec's terms
    (the base of the redline that answers them)."""
    spec = round_spec.model_copy(deep=True)
    spec.proposals = list(proposals)  # insertions after the same clause keep their order
    for proposal in proposals:
        if proposal.kind == "comment":
            continue
        effect = decide(spec, draft, proposal.model_copy(update={"decision": None}), "accept", round_spec.draft.round)
        _apply(spec, effect)
    spec.proposals = []
    return spec


def _apply(spec: DraftSpec, effect: Effect) -> None:
    if effect.choice is None:
        spec.clauses.pop(effect.clause, None)
    else:
        spec.clauses[effect.clause] = effect.choice
    if effect.order is not None:
        spec.order = effect.order


# --- where a clause stands, for people -----------------------------------------------------------


def place_of(draft: Draft, clause_id: str) -> str:
    """'Part IX, Termination, paragraph 1', or where it would be added."""
    clause = draft.clause(clause_id)
    if clause is None:
        return ""
    part = draft.library.parts.get(clause.part)
    where = f"Part {part.numeral}" if part and part.numeral else (part.title if part else clause.part)
    if clause.heading:
        where += f", {clause.heading}"
    return f"{where}, paragraph {clause.number}" if clause.number else where


# --- what a reviewer sees of one proposal --------------------------------------------------------


@dataclass
class VariantPrecedent:
    label: str
    precedents: list[str]
    ours: bool  # the variant our wording is built on
    closest: bool  # the variant closest to their wording
    similarity: float  # of their wording to this variant


@dataclass
class ProposalView:
    """One proposal as the review screen shows it: the change from our wording to theirs,
    the findings their wording would raise, and who signed wording of the kind."""

    proposal: Proposal
    title: str
    place: str
    ops: list[tuple[int, str]]
    raised: list[Any]  # findings with their wording that ours does not have
    variants: list[VariantPrecedent]
    signed: list[str] | None  # from the precedents index; None when there is none
    earlier: list[Proposal]


def view_of(spec: DraftSpec, draft: Draft, proposal: Proposal) -> ProposalView:
    from bsa_drafter.diff import similarity
    from bsa_drafter.playbook import check_draft

    library = draft.library
    clause = draft.clause(proposal.clause)
    title = clause.title if clause is not None else (proposal.title or proposal.clause)
    place = place_of(draft, proposal.clause) or (
        f"new, after {place_of(draft, proposal.after)}" if proposal.after else "new clause"
    )
    ops = word_diff(proposal.ours, proposal.theirs) if proposal.kind != "comment" else [(EQUAL, proposal.ours)]
    raised: list[Any] = []
    if proposal.kind != "comment":
        # both against our wording as it was before any decision on it: a counter of ours that
        # raises the same finding must not hide what their wording raises
        with_theirs, with_ours = spec.model_copy(deep=True), spec.model_copy(deep=True)
        _apply(with_theirs, decide(spec, draft, proposal, "accept", spec.draft.round))
        _apply(with_ours, decide(spec, draft, proposal, "reject", spec.draft.round))
        from bsa_drafter.assemble import assemble

        before = {(f.rule, f.clause) for f in check_draft(assemble(with_ours, library)).findings}
        raised = [f for f in check_draft(assemble(with_theirs, library)).findings if (f.rule, f.clause) not in before]
    variants = []
    library_clause = library.clauses.get(proposal.clause)
    if library_clause is not None:
        filled = {
            v.id: fill_placeholders_with_spans(v.text, library.params, draft.values)[0] for v in library_clause.variants
        }
        scores = {
            v.id: similarity(proposal.theirs, filled[v.id]) if proposal.theirs else 0.0 for v in library_clause.variants
        }
        closest = max(scores, key=scores.__getitem__) if proposal.theirs else None
        current = clause.variant if clause is not None else None
        for variant in library_clause.variants:
            variants.append(
                VariantPrecedent(
                    variant.label,
                    library.precedent_names(variant.precedents),
                    variant.id == current,
                    variant.id == closest,
                    scores[variant.id],
                )
            )
    earlier = []
    by_id = {p.id: p for p in spec.proposals}
    follows = proposal.follows
    while follows in by_id and len(earlier) < 50:
        earlier.append(by_id[follows])
        follows = by_id[follows].follows
    return ProposalView(proposal, title, place, ops, raised, variants, signed_texts(proposal.theirs), earlier)


def signed_texts(text: str, limit: int = 5) -> list[str] | None:
    """The signed agreements whose wording is closest to `text`, from the index of signed
    texts (`bsa-drafter precedents build`); None when there is no usable index to ask."""
    from bsa_drafter.errors import BadInput
    from bsa_drafter.precedents import load_index, who_accepted

    if not text:
        return None
    try:
        index = load_index()
    except BadInput:  # an index of another version: the precedents command says how to rebuild it
        return None
    if index is None:
        return None
    return [
        f"{m.agreement}"
        + (f", signed {m.date:%d %b %Y}" if m.date else "")
        + f": {m.similarity:.0%} similar ({m.where})"
        for m in who_accepted(text, index, limit)
    ]
