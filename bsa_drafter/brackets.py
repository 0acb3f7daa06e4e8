"""The bracket register: wording not yet agreed, [A / B] in a clause, as data.

A bracket with alternatives is written in the wording as the options joined by " / " inside
square brackets, exactly as negotiators type it. The register (the spec's `brackets` table)
keeps for each one who proposed each option (Ukraine or the partner), the round it was
opened in and how and when it was closed. The wording stays the text of record; the
register follows it: `sync_clause` runs after every change of a clause's wording, so a
bracket typed by hand becomes an entry, an entry whose bracket is edited keeps its id, and
an entry whose bracket disappears from the wording is closed as "removed" (it comes back,
with its id, if the bracket is typed again in the same round).

A bracket holding a single passage ("[name]", "[within its means]") is marked text, not a
choice between wordings: the detectors flag it, the register does not hold it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Iterable

from bsa_drafter.models import Bracket, BracketOption, DraftSpec, Finding, Side, finding_order
from bsa_drafter.params import fill_placeholders

if TYPE_CHECKING:
    from bsa_drafter.assemble import Draft

SEPARATOR = " / "
_BRACKETED = re.compile(r"\[([^\[\]\n]{1,2000})\]")
BRACKET_RULE = "unresolved-brackets"


@dataclass(frozen=True)
class Alternatives:
    """One [A / B] in a text: where it stands and its options, exactly as written."""

    start: int
    end: int
    options: tuple[str, ...]


def alternatives_in(text: str) -> list[Alternatives]:
    found = []
    for match in _BRACKETED.finditer(text):
        options = tuple(match.group(1).split(SEPARATOR))
        if len(options) >= 2 and all(option.strip() for option in options) and len(options) <= 9:
            found.append(Alternatives(match.start(), match.end(), options))
    return found


def bracket_text(options: tuple[str, ...] | list[str]) -> str:
    """How a bracket with these options is written in the wording."""
    return "[" + SEPARATOR.join(options) + "]"


def options_of(bracket: Bracket) -> tuple[str, ...]:
    return tuple(option.text for option in bracket.options)


def next_id(taken: Iterable[str]) -> str:
    """The bracket id after the highest of `taken`."""
    return f"B{max((int(i[1:]) for i in taken), default=0) + 1}"


def sync_clause(
    brackets: list[Bracket],
    clause_id: str,
    text: str,
    round_number: int,
    proposer: dict[str, Side] | None = None,
    default: Side = "ukraine",
) -> list[Bracket]:
    """The register after `clause_id` got the wording `text`. `proposer` says who proposed an
    option text (their wording's options are theirs); any other option is `default`'s."""
    proposer = proposer or {}
    found = alternatives_in(text)
    # entries that may stand for a bracket of this wording: the open ones, and the ones that an
    # edit removed earlier in this round (typing over a bracket breaks it for a moment)
    candidates = [
        i
        for i, b in enumerate(brackets)
        if b.clause == clause_id and (b.is_open or (b.resolution == "removed" and b.closed == round_number))
    ]
    result = list(brackets)
    paired: dict[int, int] = {}  # found index -> register index
    for f_index, alternatives in enumerate(found):
        exact = next(
            (i for i in candidates if i not in paired.values() and options_of(brackets[i]) == alternatives.options),
            None,
        )
        if exact is not None:
            paired[f_index] = exact
    unpaired = [i for i in candidates if i not in paired.values()]
    leftover = [i for i in unpaired if brackets[i].is_open] + [i for i in unpaired if not brackets[i].is_open]
    for f_index in range(len(found)):
        if f_index not in paired and leftover:
            paired[f_index] = leftover.pop(0)  # the same bracket, its options edited
    for f_index, alternatives in enumerate(found):
        if f_index in paired:
            index = paired[f_index]
            old = brackets[index]
            options = [
                _option(option, old.options, k, proposer, default) for k, option in enumerate(alternatives.options)
            ]
            result[index] = old.model_copy(
                update={"options": options, "resolution": None, "chosen": None, "closed": None}
            )
        else:
            options = [BracketOption(text=text_, by=proposer.get(text_, default)) for text_ in alternatives.options]
            result.append(
                Bracket(id=next_id(b.id for b in result), clause=clause_id, options=options, opened=round_number)
            )
    for index in candidates:
        if index not in paired.values() and brackets[index].is_open:
            result[index] = brackets[index].model_copy(update={"resolution": "removed", "closed": round_number})
    return result


def _option(text: str, old: list[BracketOption], k: int, proposer: dict[str, Side], default: Side) -> BracketOption:
    """Option k of an edited bracket: unchanged, or newly worded by whoever the wording says."""
    if k < len(old) and old[k].text == text:
        return old[k]
    return BracketOption(text=text, by=proposer.get(text, old[k].by if k < len(old) else default))


def choose(text: str, bracket: Bracket, option: int) -> str | None:
    """The wording with the bracket replaced by option `option` (1 = the first); None when the
    bracket is no longer in the wording as registered."""
    written = bracket_text(options_of(bracket))
    if written not in text:
        return None
    return text.replace(written, bracket.options[option - 1].text, 1)


def open_brackets(spec: DraftSpec, clause_id: str | None = None) -> list[Bracket]:
    return [b for b in spec.brackets if b.is_open and (clause_id is None or b.clause == clause_id)]


def side_name(side: Side, partner: str) -> str:
    return "Ukraine" if side == "ukraine" else partner


def describe(bracket: Bracket, partner: str, limit: int = 60) -> str:
    """'Ukraine: "24 hours" / Montenegro: "72 hours"'."""

    def short(text: str) -> str:
        text = " ".join(text.split())
        return text if len(text) <= limit else text[: limit - 1] + "\u2026"

    return SEPARATOR.join(f"{side_name(o.by, partner)}: \u201c{short(o.text)}\u201d" for o in bracket.options)


# --- findings ------------------------------------------------------------------------------------


def with_register(draft: Draft, findings: list[Finding]) -> list[Finding]:
    """Unresolved-bracket findings for the brackets in the register, said with who proposed
    what and since when. The detectors find every bracket in the text; a finding on a bracket
    the register holds is replaced by the register's account of it, and a registered bracket
    the detectors did not report (a very long one) is added. Other brackets keep their findings."""
    spec = draft.spec
    if not any(b.is_open for b in spec.brackets):
        return findings
    rule = next((r for r in draft.library.rules if r.id == BRACKET_RULE), None)
    if rule is None:
        return findings
    severity = rule.working_severity if spec.draft.status == "working" and rule.working_severity else rule.severity
    paragraph_of = {p.clause: p.index for p in draft.document.paragraphs if p.clause}
    by_place = {(f.paragraph, f.span): n for n, f in enumerate(findings) if f.rule == BRACKET_RULE}
    result = list(findings)
    for bracket in spec.brackets:
        clause = draft.clause(bracket.clause) if bracket.is_open else None
        if clause is None:
            continue
        written, _ = fill_placeholders(bracket_text(options_of(bracket)), draft.library.params, draft.values)
        start = clause.text.find(written)
        if start < 0:
            continue
        paragraph = paragraph_of.get(clause.id)
        span = (start, start + len(written))
        since = f"open since round {bracket.opened}"
        message = f"Unresolved bracket {bracket.id}, {since}: {describe(bracket, spec.draft.partner)}"
        index = by_place.get((paragraph, span))
        if index is not None:
            result[index] = replace(result[index], message=message, clause=clause.id)
        else:
            said = (rule.id, severity, message, rule.reason, list(rule.precedents))
            result.append(Finding(*said, clause.id, written, paragraph, span))  # type: ignore[arg-type]
    result.sort(key=finding_order)
    return result
