"""Load + assemble + check of the largest example spec, and a live re-check after an edit of
either language of a clause (both texts are assembled and compared on every check).

Prints the median of repeated runs (milliseconds). Target: a full re-check of the bilingual
draft once loaded stays under 15 ms. The Ukrainian dictionary and the termbase's forms are
prepared once per process (the drafting app does it in the background); that cost is printed
on its own.
"""

from __future__ import annotations

import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _timing import median_ms, row  # noqa: E402

from bsa_drafter import morphology  # noqa: E402
from bsa_drafter.assemble import assemble  # noqa: E402
from bsa_drafter.crosslang.terms import prepare  # noqa: E402
from bsa_drafter.detectors import extract_features, scan_paragraph  # noqa: E402
from bsa_drafter.library import _load_library_cached, load_library  # noqa: E402
from bsa_drafter.models import ClauseChoice  # noqa: E402
from bsa_drafter.playbook import check_draft  # noqa: E402
from bsa_drafter.spec import load_draft  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
RUNS = 30


def main() -> None:
    examples = sorted((ROOT / "examples").glob("*.toml"), key=lambda p: p.stat().st_size)
    largest = examples[-1]

    started = time.perf_counter()
    library = load_library()
    library_ms = (time.perf_counter() - started) * 1000

    def library_uncached() -> None:
        _load_library_cached.cache_clear()
        load_library()

    started = time.perf_counter()
    prepare(library.terms)
    dictionary_ms = (time.perf_counter() - started) * 1000

    spec_file, draft = load_draft(largest, library)
    clause_count = len(draft.clauses)

    def full_cold() -> None:
        scan_paragraph.cache_clear()
        _, loaded = load_draft(largest, library)
        check_draft(loaded)

    def recheck_after_edit() -> None:
        # what the TUI does on a keystroke: one clause's wording changed, everything re-run
        spec = spec_file.spec.model_copy(deep=True)
        text = draft.clause("intro.partnership").source_text
        recheck_after_edit.counter += 1
        spec.clauses["intro.partnership"] = ClauseChoice(text=f"{text} Edit {recheck_after_edit.counter}.")
        check_draft(assemble(spec, library))

    recheck_after_edit.counter = 0

    def recheck_after_ukrainian_edit() -> None:
        spec = spec_file.spec.model_copy(deep=True)
        text = draft.clause("intro.partnership").source_text_uk
        recheck_after_ukrainian_edit.counter += 1
        edit = f"{text} Правка {recheck_after_ukrainian_edit.counter}."
        spec.clauses["intro.partnership"] = ClauseChoice(text_uk=edit)
        check_draft(assemble(spec, library))

    recheck_after_ukrainian_edit.counter = 0

    def copy_only() -> None:  # what the two re-checks spend on copying the spec, not checking
        spec_file.spec.model_copy(deep=True)

    # the detectors of each language over the draft's text in that language (what `analyze` runs on
    # a text in it), the Ukrainian also after a one-clause edit as a keystroke makes it
    def english_cold() -> None:
        scan_paragraph.cache_clear()
        extract_features(draft.document)

    def ukrainian_cold() -> None:
        scan_paragraph.cache_clear()
        extract_features(draft.document_uk)

    def ukrainian_after_edit() -> None:
        spec = spec_file.spec.model_copy(deep=True)
        text = draft.clause("intro.partnership").source_text_uk
        ukrainian_after_edit.counter += 1
        spec.clauses["intro.partnership"] = ClauseChoice(text_uk=f"{text} Правка {ukrainian_after_edit.counter}.")
        extract_features(assemble(spec, library).document_uk)

    ukrainian_after_edit.counter = 0

    # for comparison: what reading by lemmas would cost (the detectors match stems with their
    # endings instead); one pymorphy3 parse per word of the draft's Ukrainian text
    analyzer = morphology.load()
    ukrainian_words = [w for p in draft.document_uk.paragraphs for w in re.findall(r"[\w'’ʼ]+", p.text)]

    def lemmas_of_every_word() -> None:
        for word in ukrainian_words:
            analyzer.parse(word)

    print(f"# check: {largest.name} ({clause_count} clauses), median of {RUNS} runs")
    print("| step | median | target |")
    print("|---|---|---|")
    print(row("load clause library (first, in process)", library_ms))
    print(row("load clause library (uncached)", median_ms(library_uncached, runs=10)))
    print(row("prepare the Ukrainian dictionary and the termbase (once per process)", dictionary_ms))
    print(row("load spec + assemble + check (cold detector cache)", median_ms(full_cold, RUNS)))
    english, ukrainian = median_ms(recheck_after_edit, RUNS), median_ms(recheck_after_ukrainian_edit, RUNS)
    print(row("re-check after editing one clause's English (loaded)", english, target="< 15 ms"))
    print(row("re-check after editing one clause's Ukrainian (loaded)", ukrainian, target="< 15 ms"))
    print(row("  of which copying the spec (the benchmark's own work)", median_ms(copy_only, RUNS)))
    for label, function in (
        ("English detectors over the draft's English text (cold detector cache)", english_cold),
        ("Ukrainian detectors over the draft's Ukrainian text (cold detector cache)", ukrainian_cold),
        ("assemble + Ukrainian detectors after editing one clause's Ukrainian", ukrainian_after_edit),
        (f"for comparison: pymorphy3 parse of each of its {len(ukrainian_words)} words", lemmas_of_every_word),
    ):
        print(row(label, median_ms(function, RUNS)))
    print(
        row("import the detectors and their registry (fresh process, models already imported)", detectors_import_ms())
    )


def detectors_import_ms(runs: int = 5) -> float:
    """What the detectors add to a start-up: their patterns compile on first use, not here."""
    code = (
        "import time, bsa_drafter.models; started = time.perf_counter(); import bsa_drafter.detectors as d; "
        "d.feature_specs(); print((time.perf_counter() - started) * 1000)"
    )
    # as an installed tool runs: with its modules' bytecode cached (a first run writes it)
    env = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run([sys.executable, "-c", code], capture_output=True, check=True, env=env)
    samples = [
        float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env).stdout)
        for _ in range(runs)
    ]
    return statistics.median(samples)


if __name__ == "__main__":
    main()
