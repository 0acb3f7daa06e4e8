"""Alignment of two texts that say the same thing in two languages, by length (Gale & Church, 1993).

A translation keeps the length of what it translates, give or take: a unit of l1 characters is
rendered in about c·l1 characters, with a variance that grows with l1. Gale and Church model the
difference as normal, δ = (l2 - c·l1) / sqrt(s²·(l1 + l2/c)/2), and find the most probable
sequence of *beads* (1-1, a unit left out 1-0 / 0-1, two units merged 2-1 / 1-2) by dynamic
programming, each bead costing -ln P(bead kind) - ln P(|δ| or more). The parameters are theirs:
s² = 6.8 and the priors 0.89 (1-1), 0.0099 (1-0, 0-1), 0.089 (2-1, 1-2); 2-2 beads are left out,
since the paragraphs of an agreement do not cross. The ratio c is the caller's (the Ukrainian of
our library runs to 1.07 times its English in characters). Two departures, for paragraphs: a
unit left out costs its prior alone, and a unit left out beside another one left out costs less
(GAP_EXTEND). Gale and Church also charge it the difference of its length from nothing, which for a sentence
is small; for a paragraph of hundreds of characters it made joining the paragraph to its
neighbour look likelier than leaving it out (a dropped paragraph was reported as a merge), and
text missing from one version is more often a whole page or section than scattered paragraphs.

What a layout tells adds to the cost, as soft evidence that strong length evidence can overrule:
units of one *group* (a table row, a run of alternating paragraphs) are expected to pair, and a
bead across groups costs GROUP_COST; units that carry a *key* (a Part or paragraph number) are
expected to pair with the same key; a heading is expected to pair with a heading. A key that
is unique on both sides and marked as an *anchor* (a Part heading) cuts the problem in
independent segments, which keeps the work small.

Each bead's confidence is its posterior probability under the same model (forward-backward over
all alignments), so a pairing that the lengths barely support says so.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Sequence

VARIANCE = 6.8
PRIORS: dict[tuple[int, int], float] = {(1, 1): 0.89, (1, 0): 0.0099, (0, 1): 0.0099, (2, 1): 0.089, (1, 2): 0.089}
_PRIOR_COST = {bead: -math.log(p) for bead, p in PRIORS.items()}
GROUP_COST = 5.0  # a bead across two table rows or runs: e^5 times less likely than within one
KEY_MATCH = -1.5  # both units carry the same number
KEY_MISMATCH = 4.0  # both carry numbers, different ones
HEADING_MISMATCH = 3.0  # a heading paired with body text
# A unit left out opens a gap at the prior cost of 1-0 (or 0-1); the next unit left out beside it
# goes on with the gap at even odds: missing text is a missing page or section more often than
# single paragraphs scattered over the text.
GAP_OPEN = _PRIOR_COST[(1, 0)]
GAP_EXTEND = -math.log(0.5)
BAND = 12  # how far a segment's path may stray from its diagonal, beyond the difference of the lengths
_FULL = 3_000  # segments with at most this many cells are searched whole


@dataclass(frozen=True, slots=True)
class Unit:
    """One unit to align (a paragraph, a sentence) and what its layout tells about its partner."""

    length: int  # characters
    group: int | None = None  # a table row or run: units of one group are expected to pair
    key: str | None = None  # a number it carries ("part:3", "n:5"): equal keys are expected to pair
    heading: bool = False
    anchor: bool = False  # its key, when unique on both sides, fixes the alignment there


@dataclass(frozen=True, slots=True)
class Bead:
    """Units of the left and right sequence aligned with each other (either side may be empty)."""

    left: tuple[int, ...]
    right: tuple[int, ...]
    confidence: float  # the posterior probability of this bead, 0..1
    cost: float  # its cost in the model, -ln of its probability


def length_cost(left: int, right: int, ratio: float) -> float:
    """-ln P(a difference of lengths at least this large), in Gale and Church's model."""
    if left == 0 and right == 0:
        return 0.0
    mean = (left + right / ratio) / 2
    z = abs(right - ratio * left) / math.sqrt(VARIANCE * mean)
    tail = math.erfc(z / math.sqrt(2))  # two-tailed: 2(1 - Φ(z))
    if tail > 1e-300:
        return -math.log(tail)
    return z * z / 2 + math.log(z * math.sqrt(math.pi / 2))  # the tail's asymptote, for z past ~37


def align(left: Sequence[Unit], right: Sequence[Unit], ratio: float) -> list[Bead]:
    """The most probable beads, in order, covering both sequences."""
    beads: list[Bead] = []
    start_left = start_right = 0
    for anchor_left, anchor_right in _anchors(left, right):
        beads += _segment(left, right, start_left, anchor_left, start_right, anchor_right, ratio)
        beads += _segment(left, right, anchor_left, anchor_left + 1, anchor_right, anchor_right + 1, ratio)
        start_left, start_right = anchor_left + 1, anchor_right + 1
    beads += _segment(left, right, start_left, len(left), start_right, len(right), ratio)
    return beads


def _anchors(left: Sequence[Unit], right: Sequence[Unit]) -> list[tuple[int, int]]:
    """Pairs of anchor units with the same key, unique on both sides, in the same order on both."""

    def unique(units: Sequence[Unit]) -> dict[str, int]:
        seen: dict[str, int] = {}
        twice: set[str] = set()
        for index, unit in enumerate(units):
            if unit.anchor and unit.key is not None:
                if unit.key in seen:
                    twice.add(unit.key)
                seen[unit.key] = index
        return {key: index for key, index in seen.items() if key not in twice}

    on_right = unique(right)
    pairs = sorted((i, on_right[key]) for key, i in unique(left).items() if key in on_right)
    # the longest chain increasing on both sides: anchors out of order on one side are not trusted
    best: list[list[tuple[int, int]]] = []
    for pair in pairs:
        chain = max((c for c in best if c[-1][1] < pair[1]), key=len, default=[])
        best.append(chain + [pair])
    return max(best, key=len, default=[])


_PAIRED_BEADS = ((1, 1), (2, 1), (1, 2))
_NONE = -math.inf


def _segment(  # noqa: C901 -- one dynamic programme over three states; split up, its tables would travel as arguments
    left: Sequence[Unit], right: Sequence[Unit], l0: int, l1: int, r0: int, r1: int, ratio: float
) -> list[Bead]:
    """Viterbi and forward-backward over one segment: left[l0:l1] against right[r0:r1].

    The search has three states per cell (i units of the left and j of the right aligned): after
    a bead with units on both sides (or at the start), inside a gap of the right text (left
    units left out), or inside a gap of the left one; a gap costs GAP_OPEN to enter from another
    state and GAP_EXTEND to go on with."""
    n, m = l1 - l0, r1 - r0
    if n == 0 or m == 0:  # nothing to pair with: every unit stands alone, and surely so
        return [Bead((l0 + i,), (), 1.0, GAP_EXTEND) for i in range(n)] + [
            Bead((), (r0 + j,), 1.0, GAP_EXTEND) for j in range(m)
        ]
    width = m if (n + 1) * (m + 1) <= _FULL else BAND + abs(n - m)
    cost_of = _Costs(left[l0:l1], right[r0:r1], ratio).cost
    lows = [max(0, (i * m) // n - width) for i in range(n + 1)]
    highs = [min(m, -(-i * m // n) + width) for i in range(n + 1)]

    def grid() -> list[list[float]]:
        return [[_NONE] * (m + 2) for _ in range(n + 2)]

    # log-probabilities of reaching each cell in each state: all ways (forward), the best (best)
    paired, left_gap, right_gap, any_state = grid(), grid(), grid(), grid()
    best_paired, best_left, best_right, best_any = grid(), grid(), grid(), grid()
    came_paired: dict[tuple[int, int], tuple[int, int, float]] = {}
    bead_costs: dict[tuple[int, int], list[tuple[int, int, float]]] = {}  # paired beads out of a cell
    paired[0][0] = any_state[0][0] = best_paired[0][0] = best_any[0][0] = 0.0
    for i in range(n + 1):
        for j in range(lows[i], highs[i] + 1):
            if i == 0 and j == 0:
                continue
            # the three paired beads into the cell (1-1, 2-1, 1-2): at most three terms
            terms, best_term = [_NONE, _NONE, _NONE], (_NONE, 0, 0, 0.0)
            for k, (di, dj) in enumerate(_PAIRED_BEADS):
                pi, pj = i - di, j - dj
                if pi < 0 or pj < 0 or any_state[pi][pj] == _NONE:
                    continue
                cost = cost_of(pi, i, pj, j)
                bead_costs.setdefault((pi, pj), []).append((i, j, cost))
                terms[k] = any_state[pi][pj] - cost
                if best_any[pi][pj] - cost > best_term[0]:
                    best_term = (best_any[pi][pj] - cost, pi, pj, cost)
            if best_term[0] != _NONE:
                paired[i][j] = _logsumexp3(*terms)
                best_paired[i][j] = best_term[0]
                came_paired[(i, j)] = best_term[1:]
            if i > 0:
                left_gap[i][j] = _logsumexp3(
                    paired[i - 1][j] - GAP_OPEN, right_gap[i - 1][j] - GAP_OPEN, left_gap[i - 1][j] - GAP_EXTEND
                )
                best_left[i][j] = max(
                    best_paired[i - 1][j] - GAP_OPEN, best_right[i - 1][j] - GAP_OPEN, best_left[i - 1][j] - GAP_EXTEND
                )
            if j > 0:
                right_gap[i][j] = _logsumexp3(
                    paired[i][j - 1] - GAP_OPEN, left_gap[i][j - 1] - GAP_OPEN, right_gap[i][j - 1] - GAP_EXTEND
                )
                best_right[i][j] = max(
                    best_paired[i][j - 1] - GAP_OPEN, best_left[i][j - 1] - GAP_OPEN, best_right[i][j - 1] - GAP_EXTEND
                )
            any_state[i][j] = _logsumexp3(paired[i][j], left_gap[i][j], right_gap[i][j])
            best_any[i][j] = max(best_paired[i][j], best_left[i][j], best_right[i][j])
    # backward: the log-probability of finishing from a cell in each state
    back_paired, back_left, back_right = grid(), grid(), grid()
    back_paired[n][m] = back_left[n][m] = back_right[n][m] = 0.0
    for i in range(n, -1, -1):
        for j in range(highs[i], lows[i] - 1, -1):
            if i == n and j == m:
                continue
            # the paired beads out of the cell, summed once for the three states
            onward = [back_paired[ni][nj] - cost for ni, nj, cost in bead_costs.get((i, j), ())]
            beads_on = _logsumexp(onward) if onward else _NONE
            down, across = back_left[i + 1][j], back_right[i][j + 1]
            back_paired[i][j] = _logsumexp3(beads_on, down - GAP_OPEN, across - GAP_OPEN)
            back_left[i][j] = _logsumexp3(beads_on, down - GAP_EXTEND, across - GAP_OPEN)
            back_right[i][j] = _logsumexp3(beads_on, down - GAP_OPEN, across - GAP_EXTEND)
    total = any_state[n][m]
    # the best way back from the end, state by state
    state = max(range(3), key=lambda s: (best_paired, best_left, best_right)[s][n][m])
    beads: list[Bead] = []
    i, j = n, m
    while (i, j) != (0, 0):
        if state == 0:
            pi, pj, cost = came_paired[(i, j)]
            posterior = any_state[pi][pj] - cost + back_paired[i][j] - total
            bead = Bead(tuple(range(l0 + pi, l0 + i)), tuple(range(r0 + pj, r0 + j)), 0.0, cost)
        else:
            pi, pj = (i - 1, j) if state == 1 else (i, j - 1)
            arrived, back = (left_gap, back_left) if state == 1 else (right_gap, back_right)
            posterior = arrived[i][j] + back[i][j] - total
            bead = Bead((l0 + pi,) if state == 1 else (), (r0 + pj,) if state == 2 else (), 0.0, 0.0)
        # the state the best way into (pi, pj) arrived in
        options = (best_paired[pi][pj], best_left[pi][pj], best_right[pi][pj])
        if state == 0:
            previous = max(range(3), key=lambda s: options[s])
        else:
            own = 1 if state == 1 else 2
            costs = [GAP_OPEN if s != own else GAP_EXTEND for s in range(3)]
            previous = max(range(3), key=lambda s: options[s] - costs[s])
            bead = Bead(bead.left, bead.right, 0.0, costs[previous])
        beads.append(Bead(bead.left, bead.right, math.exp(min(0.0, posterior)), bead.cost))
        i, j, state = pi, pj, previous
    beads.reverse()
    return beads


class _Costs:
    """Bead costs within one segment, from prefix sums of the lengths (the inner loop's work)."""

    def __init__(self, left: Sequence[Unit], right: Sequence[Unit], ratio: float):
        self.left, self.right, self.ratio = left, right, ratio
        self.left_sums, self.right_sums = _prefix_sums(left), _prefix_sums(right)

    def cost(self, pi: int, i: int, pj: int, j: int) -> float:
        """A bead with units on both sides (gaps are costed by the search)."""
        ours = self.left_sums[i] - self.left_sums[pi]
        theirs = self.right_sums[j] - self.right_sums[pj]
        cost = _PRIOR_COST[(i - pi, j - pj)] + length_cost(ours, theirs, self.ratio)
        if i - pi == 1 and j - pj == 1:  # the common bead, without building sets
            one, other = self.left[pi], self.right[pj]
            if one.group is not None and other.group is not None and one.group != other.group:
                cost += GROUP_COST
            if one.key is not None and other.key is not None:
                cost += KEY_MATCH if one.key == other.key else KEY_MISMATCH
            return cost + (HEADING_MISMATCH if one.heading != other.heading else 0.0)
        return cost + _layout_cost(self.left[pi:i], self.right[pj:j])


def _prefix_sums(units: Sequence[Unit]) -> list[int]:
    sums = [0]
    for unit in units:
        sums.append(sums[-1] + unit.length)
    return sums


def _layout_cost(ours: Sequence[Unit], theirs: Sequence[Unit]) -> float:
    """What the layout says against pairing these units (or, for equal numbers, for it)."""
    cost = 0.0
    groups = {u.group for u in ours} | {u.group for u in theirs}
    if None not in groups and len(groups) > 1:
        cost += GROUP_COST
    first, other = ours[0], theirs[0]
    if first.key is not None and other.key is not None:
        cost += KEY_MATCH if first.key == other.key else KEY_MISMATCH
    if any(u.heading for u in ours) != any(u.heading for u in theirs):
        cost += HEADING_MISMATCH
    elif len(ours) + len(theirs) > 2 and any(u.heading for u in (*ours, *theirs)):
        cost += HEADING_MISMATCH  # a heading is a line of its own: never joined with another in translation
    return cost


def _logsumexp3(a: float, b: float, c: float) -> float:
    """`_logsumexp([a, b, c])` without the lists: the search's inner loop calls it three times a cell."""
    top = a if a > b else b
    if c > top:
        top = c
    if top == _NONE:
        return top
    return top + math.log(math.exp(a - top) + math.exp(b - top) + math.exp(c - top))


def _logsumexp(values: list[float]) -> float:
    top = max(values)
    if top == _NONE:
        return top
    return top + math.log(sum([math.exp(v - top) for v in values]))
