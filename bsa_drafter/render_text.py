"""A draft as plain text: the agreement as it reads, and the state of the negotiation.

`bsa-drafter render SPEC` prints it, so that `git diff` of specs can show wording (a
.gitattributes textconv) rather than TOML, and a reviewer can read a round in a terminal.
"""

from __future__ import annotations

from bsa_drafter.assemble import Draft
from bsa_drafter.brackets import describe
from bsa_drafter.export.docx import draft_banner
from bsa_drafter.models import DraftSpec
from bsa_drafter.rounds import working_round
from bsa_drafter.textblocks import split_blocks


def agreement_text(draft: Draft) -> str:
    lines = [draft.title]
    banner = draft_banner(draft)
    if banner:
        lines.append(banner)
    for kind, part, clause in draft.walk():
        if clause is None:
            lines += ["", part.heading]
            continue
        if kind == "subheading":
            lines += ["", clause.heading]
            continue
        lines.append("")
        for index, block in enumerate(split_blocks(clause.text)):
            if block.kind == "bullet":
                lines.append(f"   - {block.text}")
            elif block.kind == "subbullet":
                lines.append(f"     - {block.text}")
            elif index == 0 and clause.number is not None:
                lines.append(f"{clause.number}. {block.text}")
            else:
                lines.append(block.text)
    lines.append("")
    for signatory in draft.signatories:
        lines.append(f"For {signatory['side']}: {signatory['name']}, {signatory['title']}")
    return "\n".join(lines) + "\n"


def negotiation_text(spec: DraftSpec) -> str:
    """One line per round, proposal and bracket: what changed in the negotiation shows as a
    changed line in a diff."""
    if not (spec.rounds or spec.proposals or spec.brackets or spec.issues):
        return ""
    partner = spec.draft.partner
    lines = ["", f"Negotiation: round {spec.draft.round}, decisions go out in round {working_round(spec)}"]
    for record in spec.rounds:
        said = [f"round {record.round}:"]
        if record.sent:
            said.append(f"sent {record.sent}" + (f" by {record.author}" if record.author else ""))
        if record.answered:
            said.append(f"answered {record.answered} ({record.answer_file})")
        lines.append("  " + " ".join(said))
    for proposal in spec.proposals:
        decision = proposal.decision
        state = (
            "undecided"
            if decision is None
            else f"{decision.kind} in round {decision.round}" + (f": {decision.reason}" if decision.reason else "")
        )
        lines.append(f"  {proposal.id} {proposal.kind} {proposal.clause}: {state}")
    for bracket in spec.brackets:
        state = (
            "open"
            if bracket.is_open
            else f"closed in round {bracket.closed}" + (f" on option {bracket.chosen}" if bracket.chosen else "")
        )
        lines.append(
            f"  {bracket.id} {bracket.clause} (round {bracket.opened}) {state}: {describe(bracket, partner, limit=200)}"
        )
    for key, note in spec.issues.items():
        lines.append(
            f"  issue {key}: "
            + ", ".join(part for part in (note.status or "", note.owner and f"owner {note.owner}", note.note) if part)
        )
    return "\n".join(lines) + "\n"
