"""A three-way merge of two colleagues' versions of one spec (a git merge driver).

Each part of the spec is merged on its own: a change made on one side only is taken; the
same change on both sides is taken once. When both reworded the same clause differently,
the clause gets both wordings as a bracket, [ours / theirs], registered with both options as
Ukraine's, instead of conflict markers: the delegation settles it as it settles any bracket.
What cannot be bracketed (two different variants, a parameter set to two values, wording
changed across paragraphs) keeps our side and is reported as a conflict.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, TypeVar

from bsa_drafter.brackets import next_id
from bsa_drafter.models import Bracket, BracketOption, ClauseChoice, DraftSpec, Library
from bsa_drafter.proposals import OurWording, bracketed
from bsa_drafter.rounds import working_round

T = TypeVar("T")


@dataclass
class Merged:
    spec: DraftSpec
    conflicts: list[str] = field(default_factory=list)  # what kept our side only
    bracketed: list[str] = field(default_factory=list)  # clauses that now hold both wordings


def _three_way(base: T, ours: T, theirs: T, what: str, conflicts: list[str]) -> T:
    if ours == theirs or theirs == base:
        return ours
    if ours == base:
        return theirs
    conflicts.append(what)
    return ours


def _keyed(
    base: dict[str, Any],
    ours: dict[str, Any],
    theirs: dict[str, Any],
    what: str,
    conflicts: list[str],
    on_both: Callable[[str, Any, Any, Any], Any] | None = None,
) -> dict[str, Any]:
    """A dict merged key by key; ours' order first, then keys only theirs has."""
    merged: dict[str, Any] = {}
    for key in list(ours) + [k for k in theirs if k not in ours]:
        b, o, t = base.get(key), ours.get(key), theirs.get(key)
        if o != t and o != b and t != b and on_both is not None and o is not None and t is not None:
            value = on_both(key, b, o, t)
        else:
            value = _three_way(b, o, t, f"{what} {key}", conflicts)
        if value is not None:
            merged[key] = value
    return merged


def _keyed_list(lists: list[list[Any]], key: Callable[[Any], str], what: str, conflicts: list[str]) -> dict[str, Any]:
    """The base's, our and their list (of brackets, proposals or rounds) merged item by item,
    each item known by `key`."""
    base, ours, theirs = ({key(item): item for item in items} for items in lists)
    return _keyed(base, ours, theirs, what, conflicts)


def merge_specs(base: DraftSpec, ours: DraftSpec, theirs: DraftSpec, library: Library) -> Merged:
    conflicts: list[str] = []
    done: list[str] = []
    theirs = _renumber_new_brackets(base, ours, theirs)
    brackets = _keyed_list([s.brackets for s in (base, ours, theirs)], lambda b: b.id, "bracket", conflicts)
    register = list(brackets.values())
    round_number = working_round(ours)

    def both_reworded(clause_id: str, b: ClauseChoice | None, o: ClauseChoice, t: ClauseChoice) -> ClauseChoice:
        rest_o, rest_t = o.model_copy(update={"text": None}), t.model_copy(update={"text": None})
        rest_b = b.model_copy(update={"text": None}) if b is not None else None
        rest = _three_way(rest_b, rest_o, rest_t, f"clause {clause_id}", conflicts)
        mine, other = _wording(library, ours, clause_id, o), _wording(library, theirs, clause_id, t)
        made = bracketed(OurWording(mine, mine, []), other, foreign=False) if mine != other else None
        if made is None:
            if mine != other:
                conflicts.append(f"clause {clause_id} (both reworded it, not in one bracket)")
            return rest.model_copy(update={"text": o.text})
        text, first, second = made
        register.append(
            Bracket(
                id=next_id(b.id for b in register),
                clause=clause_id,
                options=[BracketOption(text=first, by="ukraine"), BracketOption(text=second, by="ukraine")],
                opened=round_number,
            )
        )
        done.append(clause_id)
        return rest.model_copy(update={"text": text})

    clauses = _keyed(base.clauses, ours.clauses, theirs.clauses, "clause", conflicts, both_reworded)
    proposals = _keyed_list([s.proposals for s in (base, ours, theirs)], lambda p: p.id, "proposal", conflicts)
    rounds = _keyed_list([s.rounds for s in (base, ours, theirs)], lambda r: str(r.round), "round", conflicts)
    merged = DraftSpec(
        draft=_three_way(base.draft, ours.draft, theirs.draft, "the draft's partner, round, date or status", conflicts),
        params=_keyed(base.params, ours.params, theirs.params, "parameter", conflicts),
        order=_three_way(base.order, ours.order, theirs.order, "the order of clauses", conflicts),
        clauses=clauses,
        rounds=sorted(rounds.values(), key=lambda r: r.round),
        proposals=list(proposals.values()),
        brackets=register,
        issues=_keyed(base.issues, ours.issues, theirs.issues, "issue", conflicts),
    )
    return Merged(merged, conflicts, done)


def _wording(library: Library, spec: DraftSpec, clause_id: str, choice: ClauseChoice) -> str:
    if choice.text is not None:
        return choice.text
    clause = library.clauses.get(clause_id)
    return clause.variant(choice.variant or library.standard_variant(spec, clause_id)).text if clause else ""


def _renumber_new_brackets(base: DraftSpec, ours: DraftSpec, theirs: DraftSpec) -> DraftSpec:
    """Brackets both sides opened since the base may share an id: theirs get new ones."""
    taken = {b.id for b in ours.brackets} | {b.id for b in base.brackets}
    base_ids = {b.id for b in base.brackets}
    ours_by_id = {b.id: b for b in ours.brackets}
    renamed: dict[str, str] = {}
    brackets = []
    for bracket in theirs.brackets:
        if bracket.id not in base_ids and bracket.id in ours_by_id and ours_by_id[bracket.id] != bracket:
            new = next_id(taken)
            taken.add(new)
            renamed[bracket.id] = new
            bracket = bracket.model_copy(update={"id": new})
        brackets.append(bracket)
    if not renamed:
        return theirs
    proposals = [
        (
            p.model_copy(
                update={
                    "decision": p.decision.model_copy(
                        update={"brackets": [renamed.get(b, b) for b in p.decision.brackets]}
                    )
                }
            )
            if p.decision
            else p
        )
        for p in theirs.proposals
    ]
    return theirs.model_copy(update={"brackets": brackets, "proposals": proposals})
