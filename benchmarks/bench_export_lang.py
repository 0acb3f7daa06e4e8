"""Export in each language: the median time to render Montenegro (77 clauses) to DOCX in
English, in Ukrainian, and in both (columns and sequential), timed interleaved in one process
(en, uk, en+uk columns, en+uk sequential, en ...), so that the machine's load weighs on each
alike. The template is read once, as in a batch build; assembly is not timed.

    .venv/bin/python benchmarks/bench_export_lang.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bsa_drafter.export.docx import render_draft, renderer_for  # noqa: E402
from bsa_drafter.library import load_library  # noqa: E402
from bsa_drafter.spec import load_draft  # noqa: E402

MODES = [("en", "columns"), ("uk", "columns"), ("en+uk", "columns"), ("en+uk", "sequential")]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    runs = parser.parse_args().runs
    _, draft = load_draft(ROOT / "examples" / "montenegro.toml", load_library())
    renderer = renderer_for(None)
    samples: dict[tuple[str, str], list[float]] = {mode: [] for mode in MODES}
    sizes = {}
    for mode in MODES:  # warm-up
        sizes[mode] = len(render_draft(draft, renderer, language=mode[0], layout=mode[1]))
    for _ in range(runs):
        for language, layout in MODES:
            started = time.perf_counter()
            render_draft(draft, renderer, language=language, layout=layout)
            samples[language, layout].append((time.perf_counter() - started) * 1000)
    print(f"load average {os.getloadavg()[0]:.1f}, {runs} runs each, interleaved")
    print("| export of Montenegro | median | DOCX size |")
    print("|---|---|---|")
    for (language, layout), values in samples.items():
        label = f"--lang {language}" + (f" --layout {layout}" if language == "en+uk" else "")
        print(f"| {label} | {statistics.median(values):.1f} ms | {sizes[language, layout] // 1024} KB |")


if __name__ == "__main__":
    main()
