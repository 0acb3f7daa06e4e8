"""Word-level diffs and similarity, the one place where the project compares wording.

diff-match-patch works on characters. Each word, punctuation mark and run of white space is
mapped to one private character, the character diff is computed and cleaned up *at that
level* (so edits land on whole words), and only then mapped back to text.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from typing import Any, Iterable, Literal

from diff_match_patch import diff_match_patch

Op = tuple[int, str]  # (-1 deleted | 0 equal | 1 inserted, text)
DELETE, EQUAL, INSERT = -1, 0, 1

_TOKEN = re.compile(r"\w+|[^\w\s]|\s+")
_DMP = diff_match_patch()
_DMP.Diff_Timeout = 2.0


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def _encode(a_tokens: list[str], b_tokens: list[str]) -> tuple[str, str, list[str]]:
    table: dict[str, str] = {}
    alphabet: list[str] = []

    def code(token: str) -> str:
        char = table.get(token)
        if char is None:
            point = len(alphabet) + 1
            if point >= 0xD800:
                point += 0x800  # skip the surrogate range
            char = chr(point)
            table[token] = char
            alphabet.append(token)
        return char

    return "".join(map(code, a_tokens)), "".join(map(code, b_tokens)), alphabet


def word_diff(a: str, b: str) -> list[Op]:
    """The word-level edit script from a to b, cleaned up for people to read."""
    if a == b:
        return [(EQUAL, a)] if a else []
    if not a:
        return [(INSERT, b)]
    if not b:
        return [(DELETE, a)]
    encoded_a, encoded_b, alphabet = _encode(tokens(a), tokens(b))
    diffs = _DMP.diff_main(encoded_a, encoded_b, False)
    _DMP.diff_cleanupSemantic(diffs)
    offset = 1
    ops: list[Op] = []
    for op, chars in diffs:
        text = "".join(alphabet[(ord(c) - 0x800 if ord(c) >= 0xE000 else ord(c)) - offset] for c in chars)
        if ops and ops[-1][0] == op:
            ops[-1] = (op, ops[-1][1] + text)
        else:
            ops.append((op, text))
    return ops


def similarity_of_ops(ops: Iterable[Op]) -> float:
    """Share of words the two sides have in common (1.0 = same wording, 0.0 = nothing shared)."""
    equal = changed_a = changed_b = 0
    for op, text in ops:
        words = sum(1 for t in _TOKEN.findall(text) if not t.isspace())
        if op == EQUAL:
            equal += words
        elif op == DELETE:
            changed_a += words
        else:
            changed_b += words
    total = 2 * equal + changed_a + changed_b
    return 1.0 if total == 0 else 2 * equal / total


def similarity(a: str, b: str) -> float:
    return similarity_of_ops(word_diff(a, b))


def inline_redline(ops: Iterable[Op], limit: int = 300) -> str:
    """A compact plain-text redline: [-deleted-]{+inserted+}, shortened around the changes."""
    parts = []
    for op, text in ops:
        text = " ".join(text.split()) if not text.isspace() else " "
        if op == EQUAL:
            parts.append(text if len(text) <= 60 else f"{text[:25]} ... {text[-25:]}")
        elif op == DELETE:
            parts.append(f"[-{text}-]")
        else:
            parts.append(f"{{+{text}+}}")
    out = "".join(parts)
    return out if len(out) <= limit else out[: limit - 3] + "..."


# --- clause-by-clause comparison of two drafts ---------------------------------------------------

ClauseDiffStatus = Literal["unchanged", "changed", "moved", "added", "removed"]
PAIRING_THRESHOLD = 0.6  # clauses with different ids are paired by wording only above this ratio
# A pair that shares less wording than this is a removal and an addition, not a "change": a
# reviewer learns nothing from a redline that strikes one text and inserts an unrelated one.
# Only the same clause of two specs is always one clause, however far its wording moved.
CHANGE_FLOOR = 0.3
MOVE_FLOOR = 0.5  # a clause is shown as moved only when its wording stayed this close


@dataclass(frozen=True)
class DiffItem:
    """One clause on one side: its id, a title for people, and its text."""

    id: str
    title: str
    text: str
    place: str = ""  # where a reader finds it: "Part IX, paragraph 3"
    mapped: bool = False  # its id comes from mapping a foreign text onto the library, not from a spec


@dataclass
class ClauseDiff:
    id: str
    title: str
    status: ClauseDiffStatus
    similarity: float
    ops: list[Op]
    old_id: str | None = None  # the id on the A side, when the clause was paired by its text
    place: str = ""

    @property
    def changed_text(self) -> bool:
        return any(op != EQUAL for op, _ in self.ops)


@dataclass
class DraftDiff:
    a_label: str
    b_label: str
    clauses: list[ClauseDiff] = field(default_factory=list)
    introduced: dict[str, list[Any]] = field(
        default_factory=dict
    )  # clause id ("" = whole text) -> findings B has and A has not
    unmarked: list[Any] = field(default_factory=list)  # `unmarked-change` findings

    def changes(self) -> list[ClauseDiff]:
        return [c for c in self.clauses if c.status != "unchanged"]

    def summary(self) -> dict[str, int]:
        counts = {"changed": 0, "added": 0, "removed": 0, "moved": 0, "unchanged": 0}
        for clause in self.clauses:
            counts[clause.status] += 1
        return counts


def _quick_ratio(a: str, b: str) -> float:
    from rapidfuzz import fuzz  # only pairing needs it; the live checks do not

    return fuzz.ratio(a, b) / 100


def _longest_increasing(positions: list[int]) -> set[int]:
    """Indexes (into `positions`) of one longest increasing subsequence: the items that kept
    their relative order. Everything else moved."""
    tails: list[int] = []
    tail_index: list[int] = []
    parent = [-1] * len(positions)
    for i, value in enumerate(positions):
        j = bisect_left(tails, value)
        if j == len(tails):
            tails.append(value)
            tail_index.append(i)
        else:
            tails[j] = value
            tail_index[j] = i
        parent[i] = tail_index[j - 1] if j else -1
    keep: set[int] = set()
    k = tail_index[-1] if tail_index else -1
    while k >= 0:
        keep.add(k)
        k = parent[k]
    return keep


def _pair_items(a: list[DiffItem], b: list[DiffItem]) -> dict[int, int]:
    """B position -> A position: the same id first, then the most similar wording above the
    pairing threshold, best pairs first."""
    a_index = {item.id: i for i, item in enumerate(a)}
    pairs = {j: a_index[item.id] for j, item in enumerate(b) if item.id in a_index}
    paired_a = set(pairs.values())
    free_a = [i for i in range(len(a)) if i not in paired_a]
    free_b = [j for j in range(len(b)) if j not in pairs]
    candidates = sorted(
        ((_quick_ratio(a[i].text, b[j].text), i, j) for i in free_a for j in free_b if a[i].text and b[j].text),
        reverse=True,
    )
    used_a: set[int] = set()
    for score, i, j in candidates:
        if score < PAIRING_THRESHOLD:
            break
        if i in used_a or j in pairs:
            continue
        pairs[j] = i
        used_a.add(i)
    return pairs


def _removed_anchors(a_count: int, pairs: dict[int, int]) -> dict[int, list[int]]:
    """Removed A items by the B position they follow: after the B item paired with their nearest
    paired A predecessor (-1: before everything)."""
    b_for_a = {i: j for j, i in pairs.items()}
    removed_after: dict[int, list[int]] = {}
    for i in range(a_count):
        if i in b_for_a:
            continue
        anchor = next((b_for_a[p] for p in range(i - 1, -1, -1) if p in b_for_a), -1)
        removed_after.setdefault(anchor, []).append(i)
    return removed_after


def diff_items(a: list[DiffItem], b: list[DiffItem], a_label: str = "A", b_label: str = "B") -> DraftDiff:
    """Pair clauses by id, then by wording; classify each as unchanged, changed, moved, added
    or removed; word-diff the pairs. Results follow B's order, removed clauses where A had them."""
    pairs = _pair_items(a, b)
    order = sorted(pairs)
    kept = _longest_increasing([pairs[j] for j in order])
    in_order = {order[k] for k in kept}
    result = DraftDiff(a_label, b_label)
    removed_after = _removed_anchors(len(a), pairs)

    def emit_removed(anchor: int) -> None:
        for i in removed_after.get(anchor, []):
            result.clauses.append(
                ClauseDiff(
                    a[i].id, a[i].title, "removed", 0.0, [(DELETE, a[i].text)] if a[i].text else [], place=a[i].place
                )
            )

    emit_removed(-1)
    for j, item in enumerate(b):
        if j in pairs:
            old = a[pairs[j]]
            ops = word_diff(old.text, item.text)
            similarity = round(similarity_of_ops(ops), 3)
            same_clause = old.id == item.id and not (old.mapped or item.mapped)
            if similarity < CHANGE_FLOOR and old.text and item.text and not same_clause:
                result.clauses.append(
                    ClauseDiff(old.id, old.title, "removed", 0.0, [(DELETE, old.text)], place=old.place)
                )
                result.clauses.append(
                    ClauseDiff(item.id, item.title, "added", 0.0, [(INSERT, item.text)], place=item.place)
                )
                emit_removed(j)
                continue
            if j not in in_order and similarity >= MOVE_FLOOR:
                status: ClauseDiffStatus = "moved"
            elif old.text == item.text:
                status = "unchanged"
            else:
                status = "changed"
            old_id = old.id if old.id != item.id else None
            result.clauses.append(ClauseDiff(item.id, item.title, status, similarity, ops, old_id, item.place))
        else:
            result.clauses.append(
                ClauseDiff(
                    item.id, item.title, "added", 0.0, [(INSERT, item.text)] if item.text else [], place=item.place
                )
            )
        emit_removed(j)
    return result
