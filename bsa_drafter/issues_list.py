"""The issues list (negotiation table): one row per point, for the head of delegation.

Rows come from the negotiation the spec carries: each of their proposals (a proposal that
continues an earlier round's point on the same clause is the same row, with the earlier
rounds in its history), each bracket of the register that no decision opened, and our own
error and warning findings. A row's status follows the negotiation (open, agreed) unless a
negotiator set it (escalated, withdrawn, or either of the others); owner and note are theirs
to set too. Rendered as text, CSV, HTML (here) and DOCX (`export.issues_docx`).
"""

from __future__ import annotations

import csv
import html
import io
from dataclasses import dataclass, field

from bsa_drafter.assemble import Draft
from bsa_drafter.brackets import side_name
from bsa_drafter.diff import DELETE, EQUAL, INSERT, word_diff
from bsa_drafter.models import Bracket, DraftSpec, IssueStatus, Proposal
from bsa_drafter.playbook import CheckResult
from bsa_drafter.proposals import place_of
from bsa_drafter.rounds import record_of, working_round

FINDING_SEVERITIES = ("error", "warning")
SKIPPED_RULES = ("unresolved-brackets",)  # the register's rows say it, with who proposed what
CONTEXT_WORDS = 6
EXCERPT_CHARS = 400


@dataclass
class IssueRow:
    key: str  # P4.2 (the point's first proposal), B3, or F:rule:clause
    kind: str  # proposal | bracket | finding
    clause: str | None
    place: str
    title: str
    ours: str
    theirs: str
    status: IssueStatus
    round: int
    owner: str = ""
    note: str = ""
    history: list[str] = field(default_factory=list)

    @property
    def agreed(self) -> bool:
        return self.status == "agreed"

    def as_json(self) -> dict[str, object]:
        return {
            "id": self.key,
            "kind": self.kind,
            "clause": self.clause,
            "place": self.place,
            "title": self.title,
            "ours": self.ours,
            "theirs": self.theirs,
            "status": self.status,
            "round": self.round,
            "owner": self.owner,
            "note": self.note,
            "history": self.history,
        }


def _short(text: str, limit: int = EXCERPT_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def passages(ours: str, theirs: str) -> tuple[str, str]:
    """The passages each side words differently, each with a few words around it; passages
    far apart are shown apart, joined by an ellipsis."""
    if not ours or not theirs:
        return _short(ours), _short(theirs)
    ops = word_diff(" ".join(ours.split()), " ".join(theirs.split()))
    groups: list[list[int]] = []
    for k, (op, _text) in enumerate(ops):
        if op == EQUAL:
            continue
        previous = groups[-1][-1] if groups else None
        if previous == k - 1:
            groups[-1].append(k)
        elif previous == k - 2 and len(ops[k - 1][1].split()) <= 2 * CONTEXT_WORDS:
            groups[-1] += [k - 1, k]
        else:
            groups.append([k])
    if not groups:
        return _short(ours), _short(theirs)
    mine, their = [], []
    for group in groups:
        first, last = group[0], group[-1]
        before = ops[first - 1][1].split(" ") if first > 0 else []
        after = ops[last + 1][1].split(" ") if last + 1 < len(ops) else []
        lead = ("\u2026" if len(before) > CONTEXT_WORDS else "") + " ".join(before[-CONTEXT_WORDS:])
        tail = " ".join(after[:CONTEXT_WORDS]) + ("\u2026" if len(after) > CONTEXT_WORDS else "")
        middle = ops[first : last + 1]
        mine.append(lead + "".join(text for op, text in middle if op != INSERT) + tail)
        their.append(lead + "".join(text for op, text in middle if op != DELETE) + tail)
    return _short(" ".join(mine)), _short(" ".join(their))


def _chains(spec: DraftSpec) -> list[list[Proposal]]:
    """Proposals grouped by point: a proposal that follows an earlier one continues its chain."""
    by_id = {p.id: p for p in spec.proposals}
    root_of: dict[str, str] = {}
    for proposal in spec.proposals:
        root = proposal.id
        seen = {root}
        while by_id.get(root) is not None and by_id[root].follows in by_id and by_id[root].follows not in seen:
            root = by_id[root].follows  # type: ignore[assignment]
            seen.add(root)
        root_of[proposal.id] = root
    chains: dict[str, list[Proposal]] = {}
    for proposal in spec.proposals:
        chains.setdefault(root_of[proposal.id], []).append(proposal)
    return list(chains.values())


def _past(kind: str) -> str:
    return {"accept": "accepted", "reject": "rejected", "counter": "countered", "bracket": "bracketed"}[kind]


def _proposal_status(spec: DraftSpec, latest: Proposal) -> IssueStatus:
    decision = latest.decision
    if decision is None:
        return "open"
    if decision.kind == "accept":
        return "agreed"
    if decision.kind == "bracket":
        opened = [b for b in spec.brackets if b.id in decision.brackets]
        return "open" if any(b.is_open for b in opened) else "agreed"
    # our answer stands once their answer to it came back without raising the point again
    record = record_of(spec, decision.round)
    return "agreed" if record is not None and record.answered is not None else "open"


def _proposal_row(spec: DraftSpec, draft: Draft, chain: list[Proposal]) -> IssueRow:
    first, latest = chain[0], chain[-1]
    partner = spec.draft.partner
    clause = draft.clause(latest.clause)
    title = clause.title if clause else (latest.title or latest.clause)
    place = place_of(draft, latest.clause) or (
        f"new, after {place_of(draft, latest.after)}" if latest.after else "new clause"
    )
    decision = latest.decision
    ours_now = clause.text if clause else ""
    if latest.kind == "comment":
        ours = _short(decision.reason if decision and decision.reason else ours_now, 200)
        theirs = _short(" / ".join(f"{c.author or partner}: {c.text}" for c in latest.comments))
    elif latest.kind == "delete":
        ours, theirs = (
            _short(latest.ours if not decision or decision.kind != "accept" else "(deleted)", 200),
            "(delete the clause)",
        )
    elif latest.kind == "insert":
        ours = "(no such clause)" if not clause or (decision and decision.kind != "accept") else _short(ours_now)
        theirs = _short(latest.theirs)
    elif decision is not None and decision.kind == "bracket":
        opened = [b for b in spec.brackets if b.id in decision.brackets]
        ours = "; ".join(_short(o.text, 200) for b in opened for o in b.options if o.by == "ukraine")
        theirs = "; ".join(_short(o.text, 200) for b in opened for o in b.options if o.by == "partner")
    else:
        base = ours_now if decision is not None and decision.kind == "counter" else latest.ours
        ours, theirs = passages(base, latest.theirs)
        if decision is not None and decision.kind == "accept":
            ours = f"(accepted) {theirs}"
    notes = []
    if latest.unmarked:
        notes.append("Their change was not shown as a tracked change.")
    if decision is not None and decision.reason:
        notes.append(f"Our reason: {decision.reason}")
    if latest.kind != "comment":
        notes.extend(f"{c.author or partner}: {c.text}" for c in latest.comments)
    history = []
    for earlier in chain[:-1]:
        said = f"round {earlier.round}: their proposal {earlier.id}"
        if earlier.decision is not None:
            said += f", {_past(earlier.decision.kind)} in round {earlier.decision.round}"
            if earlier.decision.reason:
                said += f" ({earlier.decision.reason})"
        history.append(said)
    if len(chain) > 1:
        previous = chain[-2]
        again = (
            "raised again with the same wording"
            if previous.theirs == latest.theirs and latest.theirs
            else "raised again"
        )
        if previous.decision is not None and previous.decision.kind == "accept":
            again = f"reopens a point agreed in round {previous.decision.round}"
        history.append(f"round {latest.round}: {again} ({latest.id})")
    return IssueRow(
        first.id,
        "proposal",
        latest.clause,
        place,
        title,
        ours,
        theirs,
        _proposal_status(spec, latest),
        first.round,
        note=" ".join(notes),
        history=history,
    )


def _bracket_row(spec: DraftSpec, draft: Draft, bracket: Bracket) -> IssueRow:
    clause = draft.clause(bracket.clause)
    partner = spec.draft.partner
    ours = "; ".join(_short(o.text, 200) for o in bracket.options if o.by == "ukraine")
    theirs = "; ".join(_short(o.text, 200) for o in bracket.options if o.by == "partner")
    if bracket.is_open:
        note = ""
        status: IssueStatus = "open"
    else:
        status = "agreed"
        if bracket.chosen is not None:
            option = bracket.options[bracket.chosen - 1]
            note = f"Closed in round {bracket.closed} on option {bracket.chosen} ({side_name(option.by, partner)}'s)."
        else:
            note = f"The bracket was taken out of the wording in round {bracket.closed}."
    return IssueRow(
        bracket.id,
        "bracket",
        bracket.clause,
        place_of(draft, bracket.clause),
        clause.title if clause else bracket.clause,
        ours,
        theirs,
        status,
        bracket.opened,
        note=note,
    )


def issue_rows(
    spec: DraftSpec, draft: Draft, result: CheckResult, first_seen: dict[tuple[str, str | None], int] | None = None
) -> list[IssueRow]:
    """Every point of the negotiation, in the order of the draft. `first_seen` gives the
    round since which a finding has stood (from the kept rounds), else the current round."""
    rows = [_proposal_row(spec, draft, chain) for chain in _chains(spec)]
    decided_brackets = {b for p in spec.proposals if p.decision for b in p.decision.brackets}
    rows += [
        _bracket_row(spec, draft, b)
        for b in spec.brackets
        if b.id not in decided_brackets and not (b.resolution == "removed" and not _ever_shown(spec, b))
    ]
    current = working_round(spec)
    seen: set[str] = set()
    for finding in result.findings:
        if finding.severity not in FINDING_SEVERITIES or finding.rule in SKIPPED_RULES:
            continue
        key = f"F:{finding.rule}:{finding.clause or '-'}"
        if key in seen:
            continue
        seen.add(key)
        clause = draft.clause(finding.clause) if finding.clause else None
        rows.append(
            IssueRow(
                key,
                "finding",
                finding.clause,
                place_of(draft, finding.clause) if finding.clause else "",
                clause.title if clause else "(whole text)",
                f"{finding.severity}: {finding.message}",
                "",
                "open",
                (first_seen or {}).get((finding.rule, finding.clause), current),
                note=finding.reason,
            )
        )
    for row in rows:
        manual = spec.issues.get(row.key)
        if manual is not None:
            row.status = manual.status or row.status
            row.owner = manual.owner
            row.note = " ".join(part for part in (manual.note, row.note) if part)
    position = {clause.id: n for n, clause in enumerate(draft.clauses)}
    rows.sort(
        key=lambda r: (position.get(r.clause or "", 10**6), {"proposal": 0, "bracket": 1, "finding": 2}[r.kind], r.key)
    )
    return rows


def _ever_shown(spec: DraftSpec, bracket: Bracket) -> bool:
    """A bracket removed in the round it was opened was only ever a draft of ours."""
    return bracket.closed != bracket.opened


def findings_first_seen(kept: dict[int, Draft], result: CheckResult, current: int) -> dict[tuple[str, str | None], int]:
    """For each finding, the earliest kept round from which it stood without a break."""
    from bsa_drafter.playbook import check_draft

    present = {(f.rule, f.clause) for f in result.findings}
    since = {key: current for key in present}
    still = set(present)
    for number in sorted((n for n in kept if n < current), reverse=True):
        still &= {(f.rule, f.clause) for f in check_draft(kept[number]).findings}
        for key in still:
            since[key] = number
        if not still:
            break
    return since


# --- text, CSV, HTML ---------------------------------------------------------------------------------

COLUMNS = ("id", "part and paragraph", "clause", "our position", "their position", "status", "round", "owner", "note")


def row_cells(row: IssueRow) -> list[str]:
    note = " ".join([row.note] + ([f"History: {'; '.join(row.history)}."] if row.history else [])).strip()
    return [row.key, row.place, row.title, row.ours, row.theirs, row.status, str(row.round), row.owner, note]


def render_text(rows: list[IssueRow], heading: str) -> str:
    lines = [heading, "=" * len(heading), ""]
    counts = {
        status: sum(1 for r in rows if r.status == status) for status in ("open", "agreed", "escalated", "withdrawn")
    }
    lines.append(", ".join(f"{n} {status}" for status, n in counts.items() if n) or "no points")
    for row in rows:
        cells = row_cells(row)
        lines.append("")
        lines.append(
            f"{row.key}  [{row.status}]  round {row.round}  {row.title}" + (f"  ({row.place})" if row.place else "")
        )
        for label, value in (("ours", cells[3]), ("theirs", cells[4]), ("owner", cells[7]), ("note", cells[8])):
            if value:
                lines.append(f"  {label + ':':<8}{value}")
    return "\n".join(lines) + "\n"


_FORMULA_START = ("=", "+", "@", "\t", "\r")


def _csv_cell(value: str) -> str:
    """A cell a spreadsheet shows as text: one that would start a formula is quoted."""
    if value.startswith(_FORMULA_START) or (value.startswith("-") and not value.startswith("- ")):
        return "'" + value
    return value


def render_csv(rows: list[IssueRow]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow([_csv_cell(cell) for cell in row_cells(row)])
    return buffer.getvalue()


_HTML_STYLE = """
body { font-family: sans-serif; margin: 1.5em; }
table { border-collapse: collapse; width: 100%; font-size: 0.9em; }
th, td { border: 1px solid #999; padding: 0.3em 0.5em; vertical-align: top; text-align: left; }
th { background: #e8e8e8; }
tr.agreed td { background: #d9d9d9; }
tr.escalated td.status { font-weight: bold; color: #a00; }
@page { size: landscape; }
"""


def render_html(rows: list[IssueRow], heading: str) -> str:
    escape = html.escape
    body = []
    for row in rows:
        cells = "".join(
            f'<td class="{escape(name.split()[0])}">{escape(cell)}</td>' for name, cell in zip(COLUMNS, row_cells(row))
        )
        body.append(f'<tr class="{escape(row.status)}">{cells}</tr>')
    header = "".join(f"<th>{escape(name)}</th>" for name in COLUMNS)
    return (
        f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{escape(heading)}</title>'
        f"<style>{_HTML_STYLE}</style></head>\n<body><h1>{escape(heading)}</h1>\n"
        f"<table><thead><tr>{header}</tr></thead><tbody>\n" + "\n".join(body) + "\n</tbody></table></body></html>\n"
    )


def list_heading(spec: DraftSpec) -> str:
    return f"Issues list: Ukraine \u2013 {spec.draft.partner}, round {working_round(spec)}"


def issues_of_spec(path, library):  # type: ignore[no-untyped-def]
    """A spec file's issues list: the spec and its rows, findings dated from its kept rounds."""
    from bsa_drafter.assemble import assemble
    from bsa_drafter.playbook import check_draft
    from bsa_drafter.rounds import load_kept
    from bsa_drafter.spec import load_draft

    spec_file, draft = load_draft(path, library)
    result = check_draft(draft)
    kept = {n: assemble(s, library) for n, s in load_kept(spec_file.path).items()}
    first_seen = findings_first_seen(kept, result, working_round(spec_file.spec))
    return spec_file.spec, issue_rows(spec_file.spec, draft, result, first_seen)
