"""Bilingual counterpart files: how well the two texts are aligned, and how long analysing one takes.

Accuracy: files made from our standard draft for Montenegro (143 English paragraphs) in each
layout (two columns of a table, two halves, alternating paragraphs), as they are and perturbed
on the Ukrainian side (a number changed, a paragraph dropped, «запевнення», a bracket, two
paragraphs merged; a table whose Ukrainian slipped a row; a Ukrainian half with only its first
third). A paragraph counts as right when it is paired with exactly the Ukrainian paragraphs
that render it (none, for one that has no counterpart). Three models run on the same split, one
after another per file: lengths alone (Gale-Church's costs as published: a left-out unit pays
for its length), lengths alone with this project's gap costs, and the model `analyze` uses
(gap costs with table rows, runs, numbers and headings as evidence).

Time: `analyze` of Montenegro's 77-clause draft (examples/montenegro.toml) written in each
layout, median of repeated runs once the Ukrainian dictionary is loaded, beside the same
analysis of its English alone as a DOCX; and the split and alignment alone.
"""

from __future__ import annotations

import datetime as dt
import math
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT / "tests" / "helpers"))
from _timing import median_ms  # noqa: E402
from bilingual_docx import (  # noqa: E402
    alternating_docx,
    columns_docx,
    gold_links,
    halves_docx,
    merge_next,
    rows,
    slipped_columns_docx,
    with_uk,
)

import bsa_drafter.alignment as alignment  # noqa: E402
from bsa_drafter.alignment import align  # noqa: E402
from bsa_drafter.analyze import analyze_file  # noqa: E402
from bsa_drafter.assemble import assemble  # noqa: E402
from bsa_drafter.ingest import read_layout  # noqa: E402
from bsa_drafter.library import load_library  # noqa: E402
from bsa_drafter.parallel import LENGTH_RATIO, align_texts, paragraph_units  # noqa: E402
from bsa_drafter.reading.bilingual import split_bilingual  # noqa: E402
from bsa_drafter.spec import load_draft, new_spec  # noqa: E402

RUNS = 10
WRITERS = {"columns": columns_docx, "halves": halves_docx, "alternating": alternating_docx}


def _row(table, clause: str, containing: str = "") -> int:
    return next(i for i, r in enumerate(table) if r.clause == clause and containing in (r.uk or ""))


def perturbations(table):
    number = _row(table, "attack.consultation", "24 годин")
    assurance = _row(table, "intro.core_commitments", "зобов'язання")
    bracket = _row(table, "defence.reciprocity")
    text = table[bracket].uk
    cut = len(table) // 3
    yield "as drafted", table
    yield "a number changed", with_uk(table, number, table[number].uk.replace("24 годин", "48 годин"))
    yield "a paragraph dropped", with_uk(table, _row(table, "recovery.private_sector"), None)
    yield "«запевнення»", with_uk(table, assurance, table[assurance].uk.replace("зобов'язання", "запевнення"))
    yield "a bracket", with_uk(table, bracket, text[:20] + "[" + text[20:60] + "]" + text[60:])
    yield "two paragraphs merged", merge_next(table, _row(table, "defence.supply_chains"))
    yield "only the first third", [r if i < cut else replace(r, uk=None) for i, r in enumerate(table)]


def links(beads) -> dict[int, tuple[int, ...]]:
    return {i: bead.right for bead in beads for i in bead.left}


def gale_church(left: list[int], right: list[int], ratio: float) -> dict[int, tuple[int, ...]]:
    """The published algorithm as the baseline: Viterbi over 1-1, 1-0, 0-1, 2-1 and 1-2 beads,
    each costing -ln P(bead) - ln P(δ), a left-out unit measured against nothing."""
    n, m = len(left), len(right)
    best = {(0, 0): (0.0, None)}
    for i in range(n + 1):
        for j in range(m + 1):
            if (i, j) == (0, 0):
                continue
            options = []
            for (di, dj), prior in alignment.PRIORS.items():
                if i - di < 0 or j - dj < 0 or (i - di, j - dj) not in best:
                    continue
                cost = -math.log(prior) + alignment.length_cost(sum(left[i - di : i]), sum(right[j - dj : j]), ratio)
                options.append((best[(i - di, j - dj)][0] + cost, (i - di, j - dj)))
            best[(i, j)] = min(options)
    found: dict[int, tuple[int, ...]] = {}
    cell = (n, m)
    while cell != (0, 0):
        previous = best[cell][1]
        for k in range(previous[0], cell[0]):
            found[k] = tuple(range(previous[1], cell[1]))
        cell = previous
    return found


def accuracy(library, folder: Path) -> None:
    table = rows(assemble(new_spec(library, "Montenegro", date=dt.date(2026, 11, 20)), library))
    print("# alignment accuracy: English paragraphs paired with exactly the right Ukrainian")
    print("| layout | file | paragraphs | lengths alone (published) | lengths alone (gaps) | full model |")
    print("|---|---|---|---|---|---|")
    totals = [0, 0, 0, 0]
    cases = [(layout, name, WRITERS[layout], changed) for layout in WRITERS for name, changed in perturbations(table)]
    slipped_at = _row(table, "recovery.reconstruction")
    cases.append(("columns", "Ukrainian slipped a row", lambda t, p: slipped_columns_docx(t, p, slipped_at), table))
    for layout, name, writer, changed in cases:
        path = writer(changed, folder / "case.docx")
        document, blocks = read_layout(path)
        found = split_bilingual(document, blocks)
        gold = gold_links(changed)
        left, right = paragraph_units(found.english), paragraph_units(found.ukrainian)
        published = gale_church([u.length for u in left], [u.length for u in right], LENGTH_RATIO)
        gaps = links(
            align([alignment.Unit(u.length) for u in left], [alignment.Unit(u.length) for u in right], LENGTH_RATIO)
        )
        full = {i: pair.ukrainian for pair in align_texts(found, library, document).pairs for i in pair.english}
        scores = [sum(model.get(i) == v for i, v in gold.items()) for model in (published, gaps, full)]
        totals = [totals[0] + len(gold)] + [t + s for t, s in zip(totals[1:], scores)]
        print(f"| {layout} | {name} | {len(gold)} | " + " | ".join(f"{s}/{len(gold)}" for s in scores) + " |")
    share = " | ".join(f"{t}/{totals[0]} ({t / totals[0]:.1%})" for t in totals[1:])
    print(f"| all | | {totals[0]} | {share} |")


def timing(library, folder: Path) -> None:
    _, draft = load_draft(ROOT / "examples" / "montenegro.toml", library)
    table = rows(draft)
    english_only = columns_docx([replace(r, uk=None) for r in table], folder / "english.docx")
    started = time.perf_counter()
    analyze_file(columns_docx(table, folder / "cold.docx"), library)
    cold = (time.perf_counter() - started) * 1000
    print()
    print(
        f"# analyze a bilingual 77-clause DOCX ({len(draft.clauses)} clauses, {len(table)} rows): median of {RUNS} runs"
    )
    print(f"(the first analysis in the process, loading the Ukrainian dictionary: {cold:.0f} ms)")
    print("| layout | split + align | full analysis | the English alone, same process | target |")
    print("|---|---|---|---|---|")
    paths = {layout: writer(table, folder / f"{layout}.docx") for layout, writer in WRITERS.items()}
    for layout, path in paths.items():
        document, blocks = read_layout(path)

        def split_and_align() -> None:
            align_texts(split_bilingual(document, blocks), library, document)

        split = median_ms(split_and_align, RUNS)
        full = median_ms(lambda: analyze_file(path, library), RUNS)
        alone = median_ms(lambda: analyze_file(english_only, library), RUNS)
        print(f"| {layout} | {split:.0f} ms | {full:.0f} ms | {alone:.0f} ms | < 1000 ms |")


def main() -> None:
    library = load_library()
    with tempfile.TemporaryDirectory() as folder:
        accuracy(library, Path(folder))
        timing(library, Path(folder))


if __name__ == "__main__":
    main()
