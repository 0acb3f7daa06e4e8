"""A redline DOCX: draft B with every difference from draft A as a native tracked change.

Clauses are paired as the clause diff pairs them (by id, else by wording). Inside a pair the
paragraphs are aligned by content, not by position: identical paragraphs first, then a
longest common subsequence weighted by word similarity over the rest, so that one inserted
bullet is one inserted paragraph and the bullets after it are compared with their own
counterparts. Paired paragraphs get word-level insertions and deletions; a paragraph on one
side only is inserted or deleted whole, its paragraph mark included. A clause that moved is
a Word move (w:moveFrom where it was, w:moveTo where it is now); a paragraph of it that also
changed is deleted at the old place and inserted at the new one, since a move cannot carry
edits that Word and LibreOffice both resolve correctly.

Accepting every change gives draft B and rejecting every change gives draft A. The first
page, before the agreement, says what is compared with what and lists the changes by clause;
it is a section of its own and belongs to neither text. Change tracking is switched on in
the file, so that the next reader's edits are tracked too.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from itertools import count
from typing import Any, Callable, Iterator, Sequence
from xml.sax.saxutils import quoteattr

from lxml import etree
from rapidfuzz.distance import Indel

from bsa_drafter.assemble import Draft
from bsa_drafter.compare import compare_drafts
from bsa_drafter.diff import DELETE, EQUAL, INSERT, word_diff
from bsa_drafter.export.docx import (
    BLOCK_STYLES,
    COVER_STYLES,
    DOCUMENT_PART,
    Body,
    ListNumbers,
    Para,
    TemplateRenderer,
    Unit,
    document_info,
    draft_banner,
    draft_units,
    is_working,
    one_line,
    renderer_for,
    signatory_texts,
    title_lines,
)
from bsa_drafter.export.runs import bracket_spans, markup, paragraph, spans_within, text_runs
from bsa_drafter.params import format_date

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = f"{{{W_NS}}}"

# Two paragraphs of a clause are the same paragraph, changed, when at least half of their
# words (in order) are shared; below that they are one deleted and one inserted paragraph.
PARAGRAPH_SIMILARITY_FLOOR = 0.5
# Past this many candidate pairs in one stretch of changed paragraphs, alignment by content
# would cost too much; the stretch is then shown as deleted and inserted paragraphs.
MAX_ALIGNMENT_CELLS = 40_000
_WORD = re.compile(r"\w+|[^\w\s]")


# --- tracked changes ------------------------------------------------------------------------


@dataclass
class Revision:
    """Who and when, whether brackets are highlighted, and the counter that gives every
    tracked change (and every move range) its own w:id."""

    author: str
    date: str
    working: bool = True
    ids: Iterator[int] = field(default_factory=lambda: count(1))
    moves: Iterator[int] = field(default_factory=lambda: count(1))

    @classmethod
    def start(cls, author: str, when: dt.datetime | None = None, working: bool = True) -> Revision:
        moment = (when or dt.datetime.now(dt.timezone.utc)).astimezone(dt.timezone.utc).replace(microsecond=0)
        return cls(one_line(author) or "bsa-drafter", moment.strftime("%Y-%m-%dT%H:%M:%SZ"), working)

    def attributes(self) -> str:
        return f'w:id="{next(self.ids)}" w:author={quoteattr(self.author)} w:date="{self.date}"'

    def wrap(self, tag: str, runs: str) -> str:
        return f"<w:{tag} {self.attributes()}>{runs}</w:{tag}>" if runs else ""

    def mark(self, tag: str) -> str:
        """A tracked change of a paragraph mark (w:ins, w:del, w:moveFrom, w:moveTo)."""
        return f"<w:{tag} {self.attributes()}/>"

    def runs(self, text: str, *, deleted: bool = False, lang: str | None = None) -> str:
        return text_runs(text, highlight_brackets=self.working, deleted=deleted, lang=lang)

    def changes(self, old: str, new: str, tally: Tally | None = None, lang: str | None = None) -> str:
        """Word-level tracked changes from old to new text, brackets highlighted on each side."""
        if old == new:
            return self.runs(new, lang=lang)
        old_spans = bracket_spans(old) if self.working else []
        new_spans = bracket_spans(new) if self.working else []
        pieces, in_old, in_new = [], 0, 0
        for op, text in word_diff(old, new):
            if op == EQUAL:
                pieces.append(
                    text_runs(text, highlights=spans_within(new_spans, in_new, in_new + len(text)), lang=lang)
                )
                in_old += len(text)
                in_new += len(text)
            elif op == DELETE:
                highlights = spans_within(old_spans, in_old, in_old + len(text))
                runs = text_runs(text, highlights=highlights, deleted=True, lang=lang)
                pieces.append(self.wrap("del", runs))
                in_old += len(text)
                if tally:
                    tally.words_deleted += _words(text)
            else:
                pieces.append(
                    self.wrap("ins", text_runs(text, highlights=spans_within(new_spans, in_new, in_new + len(text))))
                )
                in_new += len(text)
                if tally:
                    tally.words_inserted += _words(text)
        return "".join(pieces)


def _words(text: str) -> int:
    return len(_WORD.findall(text))


# --- aligning the paragraphs of a clause ------------------------------------------------------


def _similarity(a: Para, b: Para) -> float:
    if a.kind != b.kind:
        return 0.0
    return Indel.normalized_similarity(_WORD.findall(a.text), _WORD.findall(b.text))


def align_paragraphs(old: Sequence[Para], new: Sequence[Para]) -> list[tuple[int | None, int | None]]:
    """Pairs (i, j) of old and new paragraphs in reading order; (i, None) is deleted, (None, j)
    inserted. Identical paragraphs pair first; between them, the pairs with the greatest total
    similarity (each at least the floor) in an order-keeping alignment."""
    matcher = SequenceMatcher(None, [(p.kind, p.text) for p in old], [(p.kind, p.text) for p in new], autojunk=False)
    pairs: list[tuple[int | None, int | None]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            pairs.extend((i1 + k, j1 + k) for k in range(i2 - i1))
        else:
            pairs.extend(_align_by_similarity(old, new, i1, i2, j1, j2))
    return pairs


def _align_by_similarity(
    old: Sequence[Para], new: Sequence[Para], i1: int, i2: int, j1: int, j2: int
) -> list[tuple[int | None, int | None]]:
    n, m = i2 - i1, j2 - j1
    if n == 0 or m == 0 or n * m > MAX_ALIGNMENT_CELLS:
        return [(i, None) for i in range(i1, i2)] + [(None, j) for j in range(j1, j2)]
    score = [[_similarity(old[i1 + a], new[j1 + b]) for b in range(m)] for a in range(n)]
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for a in range(n - 1, -1, -1):
        for b in range(m - 1, -1, -1):
            paired = score[a][b] + best[a + 1][b + 1] if score[a][b] >= PARAGRAPH_SIMILARITY_FLOOR else -1.0
            best[a][b] = max(paired, best[a + 1][b], best[a][b + 1])
    pairs: list[tuple[int | None, int | None]] = []
    deleted: list[tuple[int | None, int | None]] = []
    inserted: list[tuple[int | None, int | None]] = []
    a = b = 0
    while a < n and b < m:
        if score[a][b] >= PARAGRAPH_SIMILARITY_FLOOR and best[a][b] == score[a][b] + best[a + 1][b + 1]:
            pairs += deleted + inserted + [(i1 + a, j1 + b)]
            deleted, inserted = [], []
            a, b = a + 1, b + 1
        elif best[a][b] == best[a + 1][b]:
            deleted.append((i1 + a, None))
            a += 1
        else:
            inserted.append((None, j1 + b))
            b += 1
    deleted += [(i1 + k, None) for k in range(a, n)]
    inserted += [(None, j1 + k) for k in range(b, m)]
    return pairs + deleted + inserted


# --- the merged body ----------------------------------------------------------------------


@dataclass
class Tally:
    """What changed in one clause, for the summary table."""

    where: str
    title: str
    status: str
    paragraphs_changed: int = 0
    paragraphs_inserted: int = 0
    paragraphs_deleted: int = 0
    paragraphs_moved: int = 0
    words_inserted: int = 0
    words_deleted: int = 0

    def describe(self) -> str:
        parts = []
        counts = (
            (self.paragraphs_changed, "changed"),
            (self.paragraphs_inserted, "inserted"),
            (self.paragraphs_deleted, "deleted"),
            (self.paragraphs_moved, "moved"),
        )
        listed = [f"{n} {what}" for n, what in counts if n]
        if listed:
            total = sum(n for n, _ in counts)
            parts.append(f"paragraph{'s' if total != 1 else ''}: {', '.join(listed)}")
        if self.words_inserted or self.words_deleted:
            parts.append(f"words: {self.words_inserted} inserted, {self.words_deleted} deleted")
        return "; ".join(parts)


@dataclass
class MovedClause:
    alignment: list[tuple[int | None, int | None]]
    names: dict[int, int]  # index in the alignment -> move number, for identical paragraphs
    tally: Tally


class Merger:
    """Both drafts' bodies in one sequence of paragraphs, with the differences tracked."""

    def __init__(self, revision: Revision):
        self.revision = revision
        self.lists = ListNumbers()
        self.blocks: list[dict[str, Any]] = []
        self.tallies: list[Tally] = []

    def emit(self, para: Para, content: str, mark: str = "", before: str = "", after: str = "") -> None:
        list_id = self.lists.for_paragraph(para.kind)
        xml = paragraph(BLOCK_STYLES[para.kind], content, list_id=list_id, mark=mark, lang=para.lang)
        self.blocks.append({"style": para.kind, "xml": markup(before + xml + after)})

    def inserted(self, para: Para) -> None:
        self.emit(
            para, self.revision.wrap("ins", self.revision.runs(para.text, lang=para.lang)), self.revision.mark("ins")
        )

    def deleted(self, para: Para) -> None:
        self.emit(
            para,
            self.revision.wrap("del", self.revision.runs(para.text, deleted=True, lang=para.lang)),
            self.revision.mark("del"),
        )

    def moved(self, para: Para, direction: str, number: int) -> None:
        """One paragraph of a move: its text and mark in w:moveFrom or w:moveTo, inside a
        named range that ties the two places together."""
        revision = self.revision
        range_id = next(revision.ids)
        who = f'w:author={quoteattr(revision.author)} w:date="{revision.date}"'
        start = f'<w:{direction}RangeStart w:id="{range_id}" w:name="move{number}" {who}/>'
        end = f'<w:{direction}RangeEnd w:id="{range_id}"/>'
        self.emit(
            para,
            revision.wrap(direction, revision.runs(para.text, lang=para.lang)),
            revision.mark(direction),
            start,
            end,
        )

    def unit_start(self, unit: Unit) -> None:
        if unit.kind == "heading":
            self.lists.heading()

    def same(self, old: Unit, new: Unit) -> None:
        """A heading or clause present in both drafts, in the same place."""
        self.unit_start(new)
        tally = self._tally(new, "changed")
        for i, j in align_paragraphs(old.paragraphs, new.paragraphs):
            if i is None:
                self.inserted(new.paragraphs[j])
                tally.paragraphs_inserted += 1
                tally.words_inserted += _words(new.paragraphs[j].text)
            elif j is None:
                self.deleted(old.paragraphs[i])
                tally.paragraphs_deleted += 1
                tally.words_deleted += _words(old.paragraphs[i].text)
            else:
                a, b = old.paragraphs[i], new.paragraphs[j]
                if a.text != b.text:
                    tally.paragraphs_changed += 1
                self.emit(b, self.revision.changes(a.text, b.text, tally, b.lang))
        if new.kind == "clause" and tally.describe():
            self.tallies.append(tally)

    def removed(self, unit: Unit) -> None:
        self._whole(unit, "removed", self.deleted, "deleted")

    def added(self, unit: Unit) -> None:
        self._whole(unit, "added", self.inserted, "inserted")

    def _whole(self, unit: Unit, status: str, mark: Callable[[Para], None], counted: str) -> None:
        """A unit removed or added whole: every paragraph marked, and a clause's words counted."""
        self.unit_start(unit)
        for para in unit.paragraphs:
            mark(para)
        if unit.kind == "clause":
            words = sum(_words(p.text) for p in unit.paragraphs)
            counts = {f"paragraphs_{counted}": len(unit.paragraphs), f"words_{counted}": words}
            self.tallies.append(self._tally(unit, status, **counts))

    def moved_from(self, unit: Unit, move: MovedClause) -> None:
        self._moved_side(unit, move, 0, "moveFrom", self.deleted)

    def moved_to(self, unit: Unit, move: MovedClause) -> None:
        self._moved_side(unit, move, 1, "moveTo", self.inserted)
        self.tallies.append(move.tally)

    def _moved_side(self, unit: Unit, move: MovedClause, side: int, tag: str, unpaired: Callable[[Para], None]) -> None:
        """One place of a moved clause (side 0: where it was, 1: where it went): its paragraphs
        that moved are marked as moved, the others as deleted or inserted."""
        self.unit_start(unit)
        for index, pair in enumerate(move.alignment):
            at = pair[side]
            if at is None:
                continue
            if index in move.names:
                self.moved(unit.paragraphs[at], tag, move.names[index])
            else:
                unpaired(unit.paragraphs[at])

    @staticmethod
    def _tally(unit: Unit, status: str, **counts: int) -> Tally:
        clause = unit.clause
        return Tally(unit.where, clause.title if clause else unit.paragraphs[0].text, status, **counts)


def _moved_clause(old: Unit, new: Unit, revision: Revision) -> MovedClause:
    alignment = align_paragraphs(old.paragraphs, new.paragraphs)
    names: dict[int, int] = {}
    tally = Merger._tally(new, "moved")
    for index, (i, j) in enumerate(alignment):
        a = old.paragraphs[i] if i is not None else None
        b = new.paragraphs[j] if j is not None else None
        if a is not None and b is not None and a == b:
            names[index] = next(revision.moves)
            tally.paragraphs_moved += 1
        elif a is not None and b is not None:
            tally.paragraphs_changed += 1
            for op, text in word_diff(a.text, b.text):
                tally.words_inserted += _words(text) if op == INSERT else 0
                tally.words_deleted += _words(text) if op == DELETE else 0
        elif a is not None:
            tally.paragraphs_deleted += 1
            tally.words_deleted += _words(a.text)
        else:
            tally.paragraphs_inserted += 1
            tally.words_inserted += _words(b.text)  # type: ignore[union-attr]
    if tally.paragraphs_changed or tally.paragraphs_inserted or tally.paragraphs_deleted:
        tally.status = "moved and changed"
    return MovedClause(alignment, names, tally)


def merge_bodies(base: Draft, current: Draft, revision: Revision) -> Merger:  # noqa: C901 -- pairing, order, moves: one walk
    """Draft B's order, with A's removed units where A had them and moves at both places."""
    old_units, new_units = draft_units(base), draft_units(current)
    pairs: dict[str, str] = {}  # B clause id -> A clause id
    moved: set[str] = set()  # B ids of moved clauses
    for clause in compare_drafts(base, current, "A", "B").clauses:
        if clause.status in ("unchanged", "changed", "moved"):
            pairs[clause.id] = clause.old_id or clause.id
            if clause.status == "moved":
                moved.add(clause.id)
    moved_from = {pairs[b]: b for b in moved}
    old_by_id = {u.clause.id: u for u in old_units if u.clause}
    new_by_id = {u.clause.id: u for u in new_units if u.clause}
    moves = {b: _moved_clause(old_by_id[pairs[b]], new_by_id[b], revision) for b in moved}

    def old_key(unit: Unit) -> str:
        if unit.clause is None:
            return unit.key
        return f"moved-from:{unit.clause.id}" if unit.clause.id in moved_from else f"clause:{unit.clause.id}"

    def new_key(unit: Unit) -> str:
        if unit.clause is None:
            return unit.key
        if unit.clause.id in moved:
            return f"moved-to:{unit.clause.id}"
        return f"clause:{pairs.get(unit.clause.id, '+' + unit.clause.id)}"

    merger = Merger(revision)
    matcher = SequenceMatcher(None, [old_key(u) for u in old_units], [new_key(u) for u in new_units], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            for old, new in zip(old_units[i1:i2], new_units[j1:j2]):
                merger.same(old, new)
            continue
        for unit in old_units[i1:i2]:
            if unit.clause is not None and unit.clause.id in moved_from:
                merger.moved_from(unit, moves[moved_from[unit.clause.id]])
            else:
                merger.removed(unit)
        for unit in new_units[j1:j2]:
            if unit.clause is not None and unit.clause.id in moved:
                merger.moved_to(unit, moves[unit.clause.id])
            else:
                merger.added(unit)
    return merger


# --- the first page: what is compared with what ---------------------------------------------


def draft_label(draft: Draft) -> str:
    meta = draft.spec.draft
    return f"{one_line(draft.partner)} (round {meta.round}, {format_date(meta.date)})"


def cover_xml(
    base_label: str, current_label: str, revision: Revision, moment: dt.datetime, tallies: list[Tally], section: str
) -> str:
    def para(style: str, text: str) -> str:
        return paragraph(COVER_STYLES[style], text_runs(text))

    stamp = moment.astimezone(dt.timezone.utc)
    counts: dict[str, int] = {}
    for tally in tallies:
        counts[tally.status] = counts.get(tally.status, 0) + 1
    summary = ", ".join(f"{n} {status}" for status, n in counts.items()) or "no clause changed"
    pieces = [
        para("heading", f"Comparison of {base_label} with {current_label}"),
        para("text", f"Generated on {format_date(stamp.date())} at {stamp:%H:%M} UTC by {revision.author}."),
        para(
            "text",
            f"The text that follows is {current_label} with every difference from {base_label} as a tracked change: "
            "accepting all changes gives the first, rejecting all changes the second. "
            "This page is not part of either text.",
        ),
        para("text", f"Clauses: {summary}."),
    ]
    if tallies:
        header = ("Where", "Clause", "Change", "Details")
        rows = [header] + [(t.where, t.title, t.status, t.describe()) for t in tallies]
        pieces.append(_table(rows))
    # the comparison is a section of its own: the agreement after it starts on a new page,
    # numbered from 1, with the draft's header and footer
    pieces.append(f'<w:p><w:pPr><w:pStyle w:val="{COVER_STYLES["text"]}"/>{section}</w:pPr></w:p>')
    return "".join(pieces)


def _table(rows: list[tuple[str, ...]]) -> str:
    widths = (2600, 2400, 1200, 2872)
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    body = []
    for index, row in enumerate(rows):
        cells = "".join(
            f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>'
            f"{paragraph(COVER_STYLES['text'], text_runs(one_line(text)))}</w:tc>"
            for width, text in zip(widths, row)
        )
        header = "<w:tblHeader/>" if index == 0 else ""
        body.append(f"<w:tr><w:trPr><w:cantSplit/>{header}</w:trPr>{cells}</w:tr>")
    look = '<w:tblLook w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/>'
    return (
        f'<w:tbl><w:tblPr><w:tblStyle w:val="{COVER_STYLES["table"]}"/><w:tblW w:w="{sum(widths)}" w:type="dxa"/>'
        f'<w:tblLayout w:type="fixed"/>{look}</w:tblPr><w:tblGrid>{grid}</w:tblGrid>{"".join(body)}</w:tbl>'
        f"{paragraph(COVER_STYLES['text'], '')}"
    )


# --- the redline as a document --------------------------------------------------------------


def redline_body(
    base: Draft,
    current: Draft,
    revision: Revision,
    moment: dt.datetime,
    renderer: TemplateRenderer,
    base_label: str,
    current_label: str,
) -> Body:
    merger = merge_bodies(base, current, revision)
    tallies = merger.tallies
    title = revision.changes("\n".join(title_lines(base)), "\n".join(title_lines(current)))
    if title_lines(base) != title_lines(current):
        tallies.insert(0, Tally("", "Title", "changed"))
    signatories = []
    signatures_changed = False
    for old, new in zip(signatory_texts(base), signatory_texts(current)):
        signatories.append({key: markup(revision.changes(old[key], new[key])) for key in ("heading", "name", "title")})
        signatures_changed = signatures_changed or old != new
    if signatures_changed:
        tallies.append(Tally("", "Signature block", "changed"))
    cover = cover_xml(base_label, current_label, revision, moment, tallies, renderer.cover_section)
    context = {
        "title": one_line(current.title),
        "title_runs": markup(title),
        "partner_name": one_line(current.partner),
        "partner_formal_name": one_line(current.partner_formal_name),
        "draft_banner": markup(text_runs(draft_banner(current))),
        "status": current.spec.draft.status,
        "round": current.spec.draft.round,
        "date": format_date(current.spec.draft.date),
        "cover": markup(cover),
        "blocks": merger.blocks,
        "signatories": signatories,
    }
    description = f"Comparison of {base_label} with {current_label}"
    info = document_info(current, author=revision.author, when=moment, description=description)
    return Body(context, merger.lists.count, info, track_revisions=True)


def render_redline(
    base: Draft,
    current: Draft,
    author: str,
    renderer: TemplateRenderer | None = None,
    when: dt.datetime | None = None,
    *,
    base_label: str | None = None,
    current_label: str | None = None,
    check: bool = False,
) -> bytes:
    moment = (when or dt.datetime.now(dt.timezone.utc)).astimezone(dt.timezone.utc).replace(microsecond=0)
    revision = Revision.start(author, moment, working=is_working(current))
    renderer = renderer or renderer_for(None)
    body = redline_body(
        base,
        current,
        revision,
        moment,
        renderer,
        base_label or draft_label(base),
        current_label or draft_label(current),
    )
    return renderer.render(body, check=check)


def count_tracked_changes(docx_bytes: bytes) -> dict[str, int]:
    """Insertions and deletions (runs and paragraph marks), and moved paragraphs, in a DOCX's body."""
    with zipfile.ZipFile(io.BytesIO(docx_bytes)) as archive:
        root = etree.fromstring(archive.read(DOCUMENT_PART), etree.XMLParser(resolve_entities=False, no_network=True))
    return {
        "insertions": len(list(root.iter(f"{_W}ins"))),
        "deletions": len(list(root.iter(f"{_W}del"))),
        "moves": len(list(root.iter(f"{_W}moveToRangeStart"))),
    }
