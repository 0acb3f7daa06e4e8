"""Negotiation rounds: the rounds kept beside a spec, the round being worked on, and each
clause's history.

Round N is kept as it was sent, as a spec of its own in a folder beside the spec:
`montenegro.toml` keeps `montenegro.rounds/round-4.toml` (our text of round 4),
`round-4-theirs.docx` (their answer, as received) and `round-5-answer.docx` (our redline
answer). A kept round is never overwritten, and any two of them (or a kept round and the
spec) are compared with the ordinary `diff` command; `SPEC@4` names round 4 of SPEC.

The spec's `draft.round` is the round of our text. Once their answer to it is imported, the
decisions we take belong to the next round (`working_round`), which `round next` sends.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from bsa_drafter.errors import BadInput, Problem
from bsa_drafter.models import ClauseChoice, DraftSpec, Library, RoundRecord

_ROUND_FILE = re.compile(r"^round-(\d{1,3})\.toml$")
_REFERENCE = re.compile(r"^(?P<spec>.+\.toml)@(?P<round>\d{1,3})$")


def rounds_folder(spec_path: Path) -> Path:
    return spec_path.with_name(f"{spec_path.stem}.rounds")


def round_file(spec_path: Path, number: int) -> Path:
    return rounds_folder(spec_path) / f"round-{number}.toml"


def their_file(spec_path: Path, number: int, suffix: str) -> Path:
    return rounds_folder(spec_path) / f"round-{number}-theirs{suffix.lower()}"


def answer_file(spec_path: Path, number: int) -> Path:
    return rounds_folder(spec_path) / f"round-{number}-answer.docx"


def kept_rounds(spec_path: Path) -> dict[int, Path]:
    """The rounds kept beside a spec, by number."""
    folder = rounds_folder(spec_path)
    if not folder.is_dir():
        return {}
    kept = {}
    for path in folder.iterdir():
        match = _ROUND_FILE.match(path.name)
        if match and path.is_file():
            kept[int(match.group(1))] = path
    return dict(sorted(kept.items()))


def resolve_reference(argument: Path) -> Path:
    """`SPEC@N` is round N of SPEC (its kept file, or SPEC itself while it is at round N);
    any other path is itself."""
    match = _REFERENCE.match(str(argument))
    if match is None:
        return argument
    spec_path, number = Path(match.group("spec")), int(match.group("round"))
    kept = kept_rounds(spec_path)
    if number in kept:
        return kept[number]
    from bsa_drafter.spec import load_spec

    if spec_path.is_file() and load_spec(spec_path).spec.draft.round == number:
        return spec_path
    have = ", ".join(str(n) for n in kept) or "none"
    raise BadInput(
        Problem(str(argument), None, f"round {number} of {spec_path.name} is not kept (kept rounds: {have})")
    )


def record_of(spec: DraftSpec, number: int) -> RoundRecord | None:
    return next((r for r in spec.rounds if r.round == number), None)


def with_record(spec: DraftSpec, record: RoundRecord) -> list[RoundRecord]:
    """The spec's round records with `record` put in (replacing the one of its round)."""
    records = [r for r in spec.rounds if r.round != record.round] + [record]
    return sorted(records, key=lambda r: r.round)


def answered(spec: DraftSpec) -> bool:
    """Their answer to the spec's round has been imported."""
    record = record_of(spec, spec.draft.round)
    return record is not None and record.answered is not None


def working_round(spec: DraftSpec) -> int:
    """The round our decisions go out in: the next one once their answer is in."""
    return spec.draft.round + 1 if answered(spec) else spec.draft.round


def our_authors(spec: DraftSpec) -> set[str]:
    """The names our own tracked changes and comments were written under."""
    return {r.author for r in spec.rounds if r.author}


# --- each clause's history -----------------------------------------------------------------------


@dataclass(frozen=True)
class LastChange:
    round: int
    by: str  # "Ukraine", or the partner's name
    how: str  # "as in the first round kept", "our wording", "their proposal P4.2 accepted" ...


def _wordings(spec: DraftSpec, library: Library) -> dict[str, tuple[str | None, str | None]]:
    """Each clause the spec includes, with what decides its wording (variant, own text)."""
    from bsa_drafter.assemble import effective_order

    wordings = {}
    for clause_id in effective_order(spec, library):
        choice = spec.clauses.get(clause_id) or ClauseChoice()
        if choice.include:
            wordings[clause_id] = (choice.variant, choice.text)
    return wordings


def clause_history(
    spec: DraftSpec, kept: dict[int, DraftSpec], library: Library, only: str | None = None
) -> dict[str, LastChange]:
    """For every clause the spec includes (or `only` that one): the round in which its
    wording last changed, and whose wording it is. The kept rounds before the round being
    worked on are compared in order, and then the spec itself."""
    current = working_round(spec)
    versions = [_wordings(version, library) for number, version in sorted(kept.items()) if number < current]
    numbers = [number for number in sorted(kept) if number < current] + [current]
    versions.append(_wordings(spec, library))
    partner = spec.draft.partner
    history = {}
    for clause_id in versions[-1] if only is None else [only] if only in versions[-1] else []:
        change = LastChange(numbers[0], "Ukraine", "as in the first round kept")
        for index in range(1, len(versions)):
            if versions[index].get(clause_id, _ABSENT) != versions[index - 1].get(clause_id, _ABSENT):
                change = _who_changed(spec, clause_id, numbers[index], partner)
        history[clause_id] = change
    return history


_ABSENT = ("", "")


def _who_changed(spec: DraftSpec, clause_id: str, number: int, partner: str) -> LastChange:
    for proposal in reversed(spec.proposals):
        decision = proposal.decision
        if proposal.clause == clause_id and decision is not None and decision.round == number:
            if decision.kind == "accept":
                return LastChange(number, partner, f"their proposal {proposal.id} accepted")
            return LastChange(number, "Ukraine", f"our answer to {proposal.id}: {decision.kind}")
    for bracket in spec.brackets:
        if (
            bracket.clause == clause_id
            and bracket.resolution == "chosen"
            and bracket.closed == number
            and bracket.chosen
        ):
            by = bracket.options[bracket.chosen - 1].by
            return LastChange(
                number,
                partner if by == "partner" else "Ukraine",
                f"bracket {bracket.id} closed on its option {bracket.chosen}",
            )
    return LastChange(number, "Ukraine", "our wording")


# --- keeping a round's files ---------------------------------------------------------------------


def load_kept(spec_path: Path) -> dict[int, DraftSpec]:
    """The kept rounds of a spec, read (a kept round that cannot be read is bad input)."""
    from bsa_drafter.files import read_text_file
    from bsa_drafter.spec import MAX_SPEC_BYTES, parse_spec

    kept = {}
    for number, path in kept_rounds(spec_path).items():
        kept[number] = parse_spec(read_text_file(path, max_bytes=MAX_SPEC_BYTES, what="kept round"), str(path))[0]
    return kept


def keep_files(files: list[tuple[Path, bytes]]) -> list[Path]:
    """Write the files that keep a round. A file already there with the same content is left
    as it is; one with other content is refused, since a kept round is never overwritten.
    Returns the files created, for `discard` when what follows fails."""
    from bsa_drafter.files import atomic_write_bytes, check_output_folder, read_bytes

    for path, data in files:
        if path.exists() and (
            path.stat().st_size != len(data) or read_bytes(path, max_bytes=len(data), what="kept file") != data
        ):
            raise BadInput(
                Problem(
                    str(path),
                    None,
                    "already exists with other content: a kept round is never overwritten; "
                    "move it away first; nothing written",
                )
            )
    created: list[Path] = []
    try:
        for path, data in files:
            if path.exists():
                continue
            check_output_folder(path.parent)
            atomic_write_bytes(path, data, what="kept round")
            created.append(path)
    except BadInput:
        discard(created)
        raise
    return created


def next_round_files(
    spec_path: Path, spec: DraftSpec, moved: DraftSpec, kept: dict[int, DraftSpec]
) -> list[tuple[Path, bytes]]:
    """What `round next` keeps: round N+1 as it goes out, and round N as it stands when it
    was not kept before (a draft's first round)."""
    from bsa_drafter.spec import dumps_spec

    files = [(round_file(spec_path, moved.draft.round), dumps_spec(moved).encode("utf-8"))]
    if spec.draft.round not in kept:
        files.insert(0, (round_file(spec_path, spec.draft.round), dumps_spec(spec).encode("utf-8")))
    return files


def discard(paths: list[Path]) -> None:
    """Remove files this run created, when the step they belonged to failed."""
    for path in reversed(paths):
        try:
            path.unlink()
        except OSError:
            pass
