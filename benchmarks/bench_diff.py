"""Clause-by-clause diffs and redlines: median of repeated runs.

Target: diffing two 60-clause drafts takes under 50 ms in total (pairing, moves and the
word diffs of every changed clause).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _timing import median_ms  # noqa: E402

from bsa_drafter.compare import compare_drafts, standard_draft  # noqa: E402
from bsa_drafter.export.redline import render_redline  # noqa: E402
from bsa_drafter.library import load_library  # noqa: E402
from bsa_drafter.spec import load_draft  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
RUNS = 30


def main() -> None:
    library = load_library()
    _, montenegro = load_draft(ROOT / "examples" / "montenegro.toml", library)
    _, north_macedonia = load_draft(ROOT / "examples" / "north_macedonia.toml", library)
    standard = standard_draft(montenegro)
    print(f"# diff: median of {RUNS} runs")
    print("| comparison | clauses | changed | median | target |")
    print("|---|---|---|---|---|")
    for label, a, b in (
        ("standard -> Montenegro", standard, montenegro),
        ("North Macedonia -> Montenegro", north_macedonia, montenegro),
    ):
        result = compare_drafts(a, b, "a", "b")
        changed = sum(1 for c in result.clauses if c.status != "unchanged")
        ms = median_ms(lambda: compare_drafts(a, b, "a", "b"), RUNS)
        print(f"| {label} | {len(a.clauses)} / {len(b.clauses)} | {changed} | {ms:.1f} ms | < 50 ms |")
    ms = median_ms(lambda: render_redline(standard, montenegro, author="bench"), 10)
    print(f"| redline DOCX, standard -> Montenegro (render) | | | {ms:.1f} ms | |")


if __name__ == "__main__":
    main()
