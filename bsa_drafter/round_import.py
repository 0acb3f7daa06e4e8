"""Import their answer to our round: every change they made, as proposals per clause.

Their file is our own text of round N with their changes, so it is read against that text
rather than against the library: our paragraphs (from the kept round) and theirs are aligned
in order, identical paragraphs first, then the most similar ones. Each of our clauses gets
their wording of it; a paragraph of theirs that belongs to none of ours is a new clause they
propose. Tracked changes say who proposed what and when; a change that no tracked change
covers, or that is already in their text with every tracked change rejected, is an
unmarked change and is said to be one. Comments go with the clause they are attached to.

Nothing here writes a file or changes our wording: `plan_import` returns what the import
would add to the spec, or refuses with the reason (another partner's text, an answer to an
older round, an answer already imported, a text without changes).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from rapidfuzz import fuzz

from bsa_drafter.assemble import Draft, assemble
from bsa_drafter.errors import BadInput, Problem
from bsa_drafter.files import read_bytes
from bsa_drafter.models import (
    CUSTOM_PREFIX,
    SIGNATURES,
    Comment,
    Document,
    DraftSpec,
    Library,
    Proposal,
    Revision,
    RoundRecord,
    TheirComment,
)
from bsa_drafter.reading.markers import without_marker
from bsa_drafter.rounds import our_authors, record_of
from bsa_drafter.textblocks import split_blocks
from bsa_drafter.textsafety import strip_forbidden_chars

PAIRING_FLOOR = 0.5  # two changed paragraphs are one paragraph, edited, from this similarity up
MAX_PAIRING_CELLS = 40_000  # a longer stretch of changed paragraphs is taken as deleted and inserted
ANSWER_FLOOR = 0.5  # at least this share of our clauses must be found in a text that answers ours
# a paragraph of theirs among the signature lines with this many words is a clause they added
# (a word processor appends a paragraph at the very end, after the signatures)
SENTENCE_WORDS = 8
_FOLD = str.maketrans(
    {
        "\u00a0": " ",
        "\u202f": " ",
        "\u2019": "'",
        "\u2018": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2013": "-",
        "\u2014": "-",
    }
)


def comparable(text: str) -> str:
    """What two paragraphs must share to be the same: the words, without numbering, spacing
    and the typography a word processor may change."""
    return " ".join(without_marker(text).translate(_FOLD).split())


def clean(text: str) -> str:
    return strip_forbidden_chars(text)


@dataclass
class Piece:
    """One paragraph on either side: its kind, its text, and (ours) the clause it is part of."""

    kind: str  # heading | paragraph | bullet | subbullet | signature
    text: str
    key: str
    clause: str | None = None
    part: str | None = None
    heading: str = ""
    index: int | None = None  # theirs: the paragraph's index in the document


def our_pieces(draft: Draft) -> list[Piece]:
    from bsa_drafter.export.docx import draft_banner

    banner = draft_banner(draft)  # in a page header of our DOCX, a line of its own in a text
    pieces = [Piece("heading", line, comparable(line)) for line in (draft.title, banner) if line]
    for kind, part, clause in draft.walk():
        if clause is None:
            pieces.append(Piece("heading", part.heading, comparable(part.heading), part=part.id))
        elif kind == "subheading":
            pieces.append(
                Piece("heading", clause.heading, comparable(clause.heading), part=part.id, heading=clause.heading)
            )
        else:
            for block in split_blocks(clause.text):
                pieces.append(Piece(block.kind, block.text, comparable(block.text), clause.id, part.id, clause.heading))
    for signatory in draft.signatories:
        for line in (f"For {signatory['side']}:", signatory["name"], signatory["title"]):
            pieces.append(Piece("signature", line, comparable(line)))
    return pieces


def their_pieces(document: Document) -> list[Piece]:
    pieces = []
    for paragraph in document.paragraphs:
        if paragraph.kind == "heading" or (paragraph.level and paragraph.kind != "paragraph"):
            kind = "heading"
        elif paragraph.heading == SIGNATURES:
            kind = "signature"
        else:
            kind = {1: "bullet", 2: "subbullet"}.get(min(paragraph.list_level, 2), "paragraph")
        text = clean(
            " ".join(without_marker(paragraph.text).split()) if kind != "heading" else " ".join(paragraph.text.split())
        )
        pieces.append(Piece(kind, text, comparable(paragraph.text), index=paragraph.index))
    return pieces


def align(ours: list[Piece], theirs: list[Piece]) -> dict[int, int]:
    """Their piece -> our piece, in order: identical paragraphs, then in each stretch between
    them the pairing of changed paragraphs that keeps the most similarity."""
    pairs: dict[int, int] = {}
    matcher = SequenceMatcher(a=[p.key for p in ours], b=[p.key for p in theirs], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            pairs.update({j1 + k: i1 + k for k in range(i2 - i1)})
        elif tag == "replace" and (i2 - i1) * (j2 - j1) <= MAX_PAIRING_CELLS:
            pairs.update(_pair_changed(ours, theirs, i1, i2, j1, j2))
    return pairs


def _pair_changed(ours: list[Piece], theirs: list[Piece], i1: int, i2: int, j1: int, j2: int) -> dict[int, int]:
    """The order-keeping pairing of two stretches of paragraphs with the greatest total
    similarity, pairs below the floor left out (a dynamic programme over the stretch)."""
    n, m = i2 - i1, j2 - j1
    score = [[0.0] * (m + 1) for _ in range(n + 1)]
    for a in range(n - 1, -1, -1):
        for b in range(m - 1, -1, -1):
            best = max(score[a + 1][b], score[a][b + 1])
            mine, their = ours[i1 + a], theirs[j1 + b]
            if (mine.kind == "heading") == (their.kind == "heading"):
                similarity = fuzz.ratio(mine.key, their.key) / 100
                if similarity >= PAIRING_FLOOR:
                    best = max(best, similarity + score[a + 1][b + 1])
            score[a][b] = best
    pairs = {}
    a = b = 0
    while a < n and b < m:
        mine, their = ours[i1 + a], theirs[j1 + b]
        similarity = (
            fuzz.ratio(mine.key, their.key) / 100 if (mine.kind == "heading") == (their.kind == "heading") else 0.0
        )
        if similarity >= PAIRING_FLOOR and abs(score[a][b] - (similarity + score[a + 1][b + 1])) < 1e-9:
            pairs[j1 + b] = i1 + a
            a, b = a + 1, b + 1
        elif score[a + 1][b] >= score[a][b + 1]:
            a += 1
        else:
            b += 1
    return pairs


# --- their wording, clause by clause --------------------------------------------------------------


def blocks_markup(pieces: list[Piece]) -> str:
    """Paragraphs in our clause markup: bullets as '- ', sub-bullets as '  - ', a blank line
    before a further paragraph."""
    lines: list[str] = []
    for index, piece in enumerate(pieces):
        if piece.kind == "bullet":
            lines.append(f"- {piece.text}")
        elif piece.kind == "subbullet":
            lines.append(f"  - {piece.text}")
        else:
            if index:
                lines.append("")
            lines.append(piece.text)
    return "\n".join(lines)


@dataclass
class Reading:
    """Their text read against ours: their pieces per clause of ours, and what is new."""

    theirs: list[Piece]
    pairs: dict[int, int]
    per_clause: dict[str, list[int]] = field(default_factory=dict)  # our clause -> their piece indexes
    # new clauses: their pieces, the clause of ours they follow, its Part and subheading
    insertions: list[tuple[list[int], str | None, str | None, str]] = field(default_factory=list)
    heading_changes: list[tuple[int, int]] = field(default_factory=list)  # (their piece, our piece)
    # their pieces that belong to no clause (a title, a cover page, the signature lines)
    unplaced: list[int] = field(default_factory=list)


def read_against(ours: list[Piece], theirs: list[Piece]) -> Reading:
    pairs = align(ours, theirs)
    reading = Reading(theirs, pairs)
    first = min((j for j, i in pairs.items() if ours[i].clause), default=len(theirs))
    last_clause: str | None = None
    part: str | None = None
    heading = ""
    pending: list[int] = []

    def close_insertion() -> None:
        if pending:
            reading.insertions.append((list(pending), last_clause, part, heading))
            pending.clear()

    owner: dict[int, str] = {}  # their piece -> the clause of ours it went to
    for j, piece in enumerate(theirs):
        i = pairs.get(j)
        if i is not None:
            mine = ours[i]
            close_insertion()
            if mine.clause is not None:
                owner[j] = mine.clause
                last_clause, part, heading = mine.clause, mine.part, mine.heading
            elif mine.kind == "heading":
                part, heading = mine.part, mine.heading
                if mine.key != piece.key:
                    reading.heading_changes.append((j, i))
            continue
        if j < first or (piece.kind == "signature" and _signature_line(piece, ours)):
            reading.unplaced.append(j)
            continue
        if piece.kind == "heading":
            close_insertion()
            heading = piece.text
            reading.unplaced.append(j)
            continue
        inside = _inside_clause(j, pairs, ours)
        continues = (
            piece.kind in ("bullet", "subbullet")
            and not pending
            and last_clause is not None
            and owner.get(j - 1) == last_clause
        )
        if inside is not None or continues:
            owner[j] = inside or last_clause  # type: ignore[assignment]
        elif piece.kind in ("bullet", "subbullet") and pending:
            pending.append(j)
        else:
            close_insertion()
            pending.append(j)
    close_insertion()
    for j, clause_id in owner.items():
        reading.per_clause.setdefault(clause_id, []).append(j)
    return reading


def _signature_line(piece: Piece, ours: list[Piece]) -> bool:
    """A line of the signature block, however it is laid out; a long paragraph among the
    signatures that names no signatory is a clause they added."""
    sides = [p.key for p in ours if p.kind == "signature" and p.key.startswith("For ")]
    return len(piece.text.split()) < SENTENCE_WORDS or any(side in piece.key for side in sides)


def _inside_clause(j: int, pairs: dict[int, int], ours: list[Piece]) -> str | None:
    """The clause whose paragraphs stand on both sides of their piece j, if one does."""
    before = next((ours[pairs[k]].clause for k in range(j - 1, -1, -1) if k in pairs), None)
    after = next((ours[pairs[k]].clause for k in range(j + 1, j + 200) if k in pairs), None)
    return before if before is not None and before == after else None


# --- the plan --------------------------------------------------------------------------------------


@dataclass
class ImportPlan:
    """What an import adds to the spec, and what it keeps beside it."""

    round: int
    source: Path
    data: bytes
    proposals: list[Proposal]
    record: RoundRecord
    notes: list[str]
    kept_round: str | None  # the spec as it stands, to keep as round N when it is not kept yet
    tracked: bool  # their file has tracked changes

    @property
    def suffix(self) -> str:
        return self.source.suffix.lower()


def plan_import(
    spec: DraftSpec, library: Library, their_path: Path, kept: dict[int, DraftSpec], *, today: dt.date | None = None
) -> ImportPlan:
    """Read their file against our round and plan the import; BadInput says why not."""
    from bsa_drafter.ingest import MAX_INPUT_BYTES, read_views
    from bsa_drafter.spec import MAX_SPEC_BYTES, dumps_spec

    label = str(their_path)
    number = spec.draft.round
    data = read_bytes(their_path, max_bytes=MAX_INPUT_BYTES, what="their draft (.docx, .pdf, .txt or .md)")
    digest = hashlib.sha256(data).hexdigest()
    for record in spec.rounds:
        if record.answer_sha256 == digest:
            raise _refused(
                label, f"already imported on {record.answered} as their answer to round {record.round}: nothing to do"
            )
    record = record_of(spec, number)
    if record is not None and record.answered is not None:
        raise _refused(
            label,
            f"their answer to round {number} was imported on {record.answered} from {record.answer_file}; "
            "the spec has one answer per round: move on with 'round next', or undo that import",
        )
    views = read_views(their_path)
    proposed, before = views["proposed"], views["before"]
    ours_spec = kept.get(number, spec)
    draft = assemble(ours_spec, library)
    _check_partner(proposed, spec, library, label)
    ours = our_pieces(draft)
    reading = read_against(ours, their_pieces(proposed))
    clause_count = len({p.clause for p in ours if p.clause})
    answered_clauses = len({ours[i].clause for i in reading.pairs.values() if ours[i].clause})
    older = _older_round(before, number, kept, spec, library)
    if older is not None:
        raise _refused(
            label,
            f"this is an answer to our round {older}, and the spec is at round {number}: "
            f"it is older than our last text; nothing imported",
        )
    if answered_clauses < ANSWER_FLOOR * clause_count:
        raise _refused(
            label,
            f"this does not read as an answer to our round {number}: only {answered_clauses} of its "
            f"{clause_count} clauses were found in it; nothing imported",
        )
    notes: list[str] = []
    try:
        proposals = _proposals(spec, draft, ours, reading, proposed, before, number, notes)
    except ValidationError as exc:  # a limit of the spec (a clause of 100,000 characters) that their text exceeds
        raise _refused(label, f"their text does not fit a spec: {exc.errors()[0]['msg']}; nothing imported") from None
    if not proposals:
        raise _refused(
            label, f"no changes and no comments: the text is our round {number} as we sent it; nothing imported"
        )
    new_record = (record or RoundRecord(round=number)).model_copy(
        update={
            "answered": today or dt.date.today(),
            "answer_file": clean(their_path.name)[:2000],
            "answer_sha256": digest,
        }
    )
    kept_round = None if number in kept else dumps_spec(spec)
    plan = ImportPlan(number, their_path, data, proposals, new_record, notes, kept_round, bool(proposed.revisions))
    size = len(dumps_spec(apply_import(spec, plan)).encode("utf-8"))
    if size > MAX_SPEC_BYTES:
        raise _refused(
            label,
            f"with their proposals the spec would have {size:,} bytes, more than a spec may hold "
            f"({MAX_SPEC_BYTES:,}); nothing imported",
        )
    return plan


def _refused(label: str, message: str) -> BadInput:
    return BadInput(Problem(label, None, message))


def _check_partner(document: Document, spec: DraftSpec, library: Library, label: str) -> None:
    """Refuse a text whose title names another partner, or that names another negotiating
    partner throughout and ours nowhere."""
    ours = {spec.draft.partner.casefold()}
    known = library.partner(spec.draft.partner)
    if known is not None:
        ours |= {known.name.casefold(), known.formal_name.casefold(), known.adjective.casefold()}
    others = {p.name for p in library.partners.values()} | {p.name for p in library.precedents.values()}
    others = {name for name in others if name.casefold() not in ours and not any(name.casefold() in o for o in ours)}
    head = " ".join(p.text for p in document.paragraphs[:6] if p.kind == "heading" or p.index < 3).casefold()
    if any(o in head for o in ours):
        return
    named = sorted(name for name in others if re.search(rf"\b{re.escape(name.casefold())}\b", head))
    if named:
        raise _refused(
            label,
            f"this is a text for {named[0]}, not for {spec.draft.partner}: "
            f"its title names {named[0]}; nothing imported",
        )
    body = " ".join(p.text for p in document.paragraphs).casefold()
    if not any(o in body for o in ours):
        partners = sorted(
            (body.count(p.name.casefold()), p.name) for p in library.partners.values() if p.name.casefold() not in ours
        )
        if partners and partners[-1][0] >= 3:
            raise _refused(
                label,
                f"this is a text for {partners[-1][1]}, not for {spec.draft.partner}: "
                f"it names {partners[-1][1]} {partners[-1][0]} times and {spec.draft.partner} nowhere; "
                "nothing imported",
            )


def _older_round(
    before: Document, number: int, kept: dict[int, DraftSpec], spec: DraftSpec, library: Library
) -> int | None:
    """An earlier kept round that their text, with its tracked changes rejected, matches
    better than our round `number`: they answered an old text."""
    theirs = their_pieces(before)

    def same_paragraphs(version: DraftSpec) -> int:
        ours = our_pieces(assemble(version, library))
        return sum(1 for j, i in align(ours, theirs).items() if ours[i].clause and ours[i].key == theirs[j].key)

    earlier = {n: v for n, v in kept.items() if n < number}
    if not earlier:
        return None
    best, best_count = None, same_paragraphs(kept.get(number, spec))
    for candidate, version in sorted(earlier.items()):
        count = same_paragraphs(version)
        if count > best_count:
            best, best_count = candidate, count
    return best


def _proposals(
    spec: DraftSpec,
    draft: Draft,
    ours: list[Piece],
    reading: Reading,
    proposed: Document,
    before: Document,
    number: int,
    notes: list[str],
) -> list[Proposal]:
    partner = spec.draft.partner
    mine = our_authors(spec)
    tracked = [r for r in proposed.revisions if r.author not in mine]
    ours_tracked = len(proposed.revisions) - len(tracked)
    if ours_tracked:
        notes.append(
            f"{ours_tracked} tracked change(s) by our side were still in their file; "
            "their text with them accepted is what was read"
        )
    piece_of = {piece.index: j for j, piece in enumerate(reading.theirs)}
    clause_of_piece: dict[int, str] = {}
    for clause_id, indexes in reading.per_clause.items():
        for j in indexes:
            clause_of_piece[j] = clause_id
    insertion_of_piece = {j: n for n, (indexes, *_rest) in enumerate(reading.insertions) for j in indexes}
    # who changed what: tracked changes by clause (and by insertion)
    revisions_by: dict[str, list[Revision]] = {}
    for revision in tracked:
        target = _revision_target(revision, reading, ours, piece_of, clause_of_piece, insertion_of_piece)
        if target is not None:
            revisions_by.setdefault(target, []).append(revision)
    before_wording = _before_wordings(ours, before) if not ours_tracked else {}
    unmarked_everywhere = not tracked
    comments_by, unplaced_comments = _comments_by_target(
        proposed, reading, piece_of, clause_of_piece, insertion_of_piece, ours, mine
    )
    proposals: list[Proposal] = []

    def proposal(
        kind: str, clause_id: str, ours_text: str, theirs_text: str, target: str, unmarked: bool, **placement: Any
    ) -> Proposal:
        comments = comments_by.get(target, [])
        revisions = revisions_by.get(target, [])
        authors = (
            sorted({r.author for r in revisions if r.author})
            or [c.author for c in comments if kind == "comment"]
            or [partner]
        )
        date = max([r.date for r in revisions] or [c.date for c in comments if kind == "comment"] or [""])
        return Proposal(
            id=f"P{number}.{len(proposals) + 1}",
            round=number,
            clause=clause_id,
            kind=kind,
            ours=ours_text,  # type: ignore[arg-type]
            theirs=theirs_text,
            authors=[clean(a)[:2000] for a in dict.fromkeys(authors) if a],
            date=clean(date)[:2000],
            unmarked=unmarked,
            comments=comments,
            **placement,
        )

    for clause in draft.clauses:
        our_blocks = [p for p in ours if p.clause == clause.id]
        their_blocks = [reading.theirs[j] for j in reading.per_clause.get(clause.id, [])]
        ours_text = blocks_markup(our_blocks)
        if [b.key for b in our_blocks] == [b.key for b in their_blocks]:
            if comments_by.get(clause.id):
                proposals.append(proposal("comment", clause.id, ours_text, "", clause.id, False))
            continue
        changed_before = clause.id in before_wording and before_wording[clause.id] != [b.key for b in our_blocks]
        unmarked = unmarked_everywhere or clause.id not in revisions_by or changed_before
        kind = "change" if their_blocks else "delete"
        proposals.append(proposal(kind, clause.id, ours_text, blocks_markup(their_blocks), clause.id, unmarked))
    for n, (indexes, after, part, heading) in enumerate(reading.insertions):
        pieces = [reading.theirs[j] for j in indexes]
        target = f"insert:{n}"
        clause_id = _new_clause_id(spec, number, len(proposals) + 1)
        unmarked = unmarked_everywhere or target not in revisions_by
        proposals.append(
            proposal(
                "insert",
                clause_id,
                "",
                blocks_markup(pieces),
                target,
                unmarked,
                after=after,
                part=part or "final",
                heading=heading or None,
                title=_title(pieces[0].text),
            )
        )
    proposals.sort(key=lambda p: _reading_order(p, draft))
    renumbered = [p.model_copy(update={"id": f"P{number}.{k}"}) for k, p in enumerate(proposals, 1)]
    _notes_on_structure(reading, ours, notes, unplaced_comments)
    return [_with_history(p, spec) for p in renumbered]


def _reading_order(proposal: Proposal, draft: Draft) -> tuple[int, int]:
    position = {c.id: n for n, c in enumerate(draft.clauses)}
    if proposal.kind == "insert":
        return (position.get(proposal.after or "", -1), 1)
    return (position.get(proposal.clause, 10**6), 0)


def _new_clause_id(spec: DraftSpec, number: int, sequence: int) -> str:
    base = f"{CUSTOM_PREFIX}r{number}_{sequence}"
    clause_id, extra = base, 1
    while clause_id in spec.clauses or any(p.clause == clause_id for p in spec.proposals):
        extra += 1
        clause_id = f"{base}_{extra}"
    return clause_id


def _title(text: str) -> str:
    words = text.split()
    title = " ".join(words[:8]) + ("\u2026" if len(words) > 8 else "")
    return title[:200]


def _revision_target(
    revision: Revision,
    reading: Reading,
    ours: list[Piece],
    piece_of: dict[int, int],
    clause_of_piece: dict[int, str],
    insertion_of_piece: dict[int, int],
) -> str | None:
    """The clause (or insertion) a tracked change belongs to. A paragraph deleted whole is
    read as part of the paragraph after it, so it is found by its own words among ours."""
    if revision.whole_paragraph and revision.kind in ("deletion", "move-from", "paragraph-mark-deleted"):
        key = comparable(revision.text)
        paired = set(reading.pairs.values())
        owner = next(
            (p.clause for i, p in enumerate(ours) if p.clause and i not in paired and key and p.key == key), None
        )
        if owner is not None:
            return owner
    j = piece_of.get(revision.paragraph) if revision.paragraph is not None else None
    if j is None:
        return None
    if j in clause_of_piece:
        return clause_of_piece[j]
    if j in insertion_of_piece:
        return f"insert:{insertion_of_piece[j]}"
    return None


def _before_wordings(ours: list[Piece], before: Document) -> dict[str, list[str]]:
    """Each clause of ours as their text has it with every tracked change rejected."""
    theirs = their_pieces(before)
    reading = read_against(ours, theirs)
    return {clause: [theirs[j].key for j in indexes] for clause, indexes in reading.per_clause.items()}


def _comments_by_target(
    document: Document,
    reading: Reading,
    piece_of: dict[int, int],
    clause_of_piece: dict[int, str],
    insertion_of_piece: dict[int, int],
    ours: list[Piece],
    mine: set[str],
) -> tuple[dict[str, list[TheirComment]], list[Comment]]:
    by_target: dict[str, list[TheirComment]] = {}
    unplaced: list[Comment] = []
    for comment in document.comments:
        if comment.author in mine:
            continue
        target = None
        j = piece_of.get(comment.paragraph) if comment.paragraph is not None else None
        if j is not None:
            target = clause_of_piece.get(j) or (f"insert:{insertion_of_piece[j]}" if j in insertion_of_piece else None)
            if target is None:  # on a heading: the clause that follows it
                target = next(
                    (clause_of_piece[k] for k in range(j + 1, len(reading.theirs)) if k in clause_of_piece), None
                )
        if target is None:
            unplaced.append(comment)
            target = next(iter(reading.per_clause), None)
            if target is None:
                continue
        by_target.setdefault(target, []).append(
            TheirComment(
                author=clean(comment.author)[:2000],
                date=clean(comment.date)[:2000],
                text=clean(comment.text) or "(empty comment)",
                anchor=" ".join(without_marker(clean(comment.anchor)).split()),
            )
        )
    return by_target, unplaced


def _notes_on_structure(
    reading: Reading, ours: list[Piece], notes: list[str], unplaced_comments: list[Comment]
) -> None:
    for j, i in reading.heading_changes:
        notes.append(
            f"a heading changed: \u201c{ours[i].text}\u201d \u2192 \u201c{reading.theirs[j].text}\u201d "
            "(headings come from the library: answer it in a comment)"
        )
    unplaced = [
        reading.theirs[j] for j in reading.unplaced if reading.theirs[j].kind != "signature" and reading.theirs[j].key
    ]
    signatures = {p.key for p in ours if p.kind == "signature"}

    def words(text: str) -> set[str]:
        return set(re.findall(r"\w+", text.casefold()))

    signature_words = {word for key in signatures for word in words(key)}
    changed_signatures = [  # laid out otherwise is not changed: only words that are not ours count
        reading.theirs[j]
        for j in reading.unplaced
        if reading.theirs[j].kind == "signature" and not words(reading.theirs[j].key) <= signature_words
    ]
    if unplaced:
        notes.append(
            f"{len(unplaced)} paragraph(s) outside the agreement's clauses "
            "(a title, a cover page, a new heading) were not imported: "
            + "; ".join(f"\u201c{p.text[:60]}\u201d" for p in unplaced[:3])
        )
    if changed_signatures:
        notes.append(
            "the signature block differs from ours (it follows the parameters): "
            + "; ".join(f"\u201c{p.text[:60]}\u201d" for p in changed_signatures[:4])
        )
    if unplaced_comments:
        notes.append(f"{len(unplaced_comments)} comment(s) anchored outside the clauses went with the first clause")


def _with_history(proposal: Proposal, spec: DraftSpec) -> Proposal:
    """A proposal on a clause that an earlier round already dealt with continues that point."""
    earlier = [p for p in spec.proposals if p.clause == proposal.clause and p.round < proposal.round]
    if not earlier:
        return proposal
    return proposal.model_copy(update={"follows": max(earlier, key=lambda p: (p.round, int(p.id.split(".")[1]))).id})


def apply_import(spec: DraftSpec, plan: ImportPlan) -> DraftSpec:
    """The spec with their proposals and the round's record added; our wording untouched."""
    return spec.model_copy(
        update={
            "proposals": list(spec.proposals) + plan.proposals,
            "rounds": sorted(
                [r for r in spec.rounds if r.round != plan.record.round] + [plan.record], key=lambda r: r.round
            ),
        }
    )
