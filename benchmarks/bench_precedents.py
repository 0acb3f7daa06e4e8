"""Precedents: building an index of 30 signed agreements (PDFs included), rebuilding it with
nothing changed, loading it, and "who accepted this wording" lookups; medians of repeated runs,
the build with one process and with the pool interleaved in one process.

The 30 agreements are the six reference texts (four PDFs, two DOCX) copied five times under
other names, so every file is read. Needs ../shared/reference/agreements beside the repository.
"""

from __future__ import annotations

import datetime as dt
import shutil
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _timing import median_ms, peak_rss_mb  # noqa: E402

from bsa_drafter.assemble import assemble  # noqa: E402
from bsa_drafter.library import load_library  # noqa: E402
from bsa_drafter.precedents import build_index, load_index, save_index, who_accepted  # noqa: E402
from bsa_drafter.precedents.matrix import matrix  # noqa: E402
from bsa_drafter.precedents.search import WordingIndex  # noqa: E402
from bsa_drafter.precedents.store import parse_index  # noqa: E402
from bsa_drafter.precedents.verify import verify  # noqa: E402
from bsa_drafter.spec import new_spec  # noqa: E402

HERE = Path(__file__).resolve().parent
REFERENCE = next(
    (
        f / "shared" / "reference" / "agreements"
        for f in HERE.parents
        if (f / "shared" / "reference" / "agreements").is_dir()
    ),
    None,
)
WORK = HERE / "_work" / "precedents"
COPIES = 5
BUILD_RUNS = 3


def folder_of_30() -> Path:
    folder = WORK / "signed"
    shutil.rmtree(WORK, ignore_errors=True)
    folder.mkdir(parents=True)
    originals = [p for p in sorted(REFERENCE.iterdir()) if p.suffix in (".pdf", ".docx")]
    for copy in range(COPIES):
        for original in originals:
            shutil.copy(original, folder / f"{original.stem}_{copy}{original.suffix}")
    return folder


def seconds(function) -> float:  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    function()
    return time.perf_counter() - started


def main() -> None:
    if REFERENCE is None:
        print("reference texts not found")
        return
    try:
        measure()
    finally:  # the copies hold the agreements' text: they are not left in the work tree
        shutil.rmtree(WORK, ignore_errors=True)


def measure() -> None:
    library = load_library()
    folder = folder_of_30()
    files = sorted(folder.iterdir())
    pdfs = sum(p.suffix == ".pdf" for p in files)
    print(f"# precedents: {len(files)} agreements ({pdfs} PDF, {len(files) - pdfs} DOCX)")
    print("| measure | median | runs |")
    print("|---|---|---|")
    one, pool = [], []
    for _ in range(BUILD_RUNS):  # interleaved, so that a busy moment of the machine hits both
        one.append(seconds(lambda: build_index(folder, library, jobs=1)))
        pool.append(seconds(lambda: build_index(folder, library, jobs=2)))
    print(f"| build, one process | {statistics.median(one):.2f} s | {', '.join(f'{s:.2f}' for s in one)} |")
    print(f"| build, process pool of 2 | {statistics.median(pool):.2f} s | {', '.join(f'{s:.2f}' for s in pool)} |")
    index = build_index(folder, library, jobs=2).index
    rebuild = median_ms(lambda: build_index(folder, library, index, jobs=2), runs=5, warmup=1)
    print(f"| rebuild with nothing changed | {rebuild:.0f} ms | 5 |")
    path = save_index(index, WORK / "index.json")
    data = path.read_bytes()
    print(f"| index file | {len(data) / 1e6:.1f} MB | |")
    print(
        f"| load (parse and check the JSON) | {median_ms(lambda: parse_index(data, str(path)), runs=10):.0f} ms | 10 |"
    )
    vectors = median_ms(lambda: WordingIndex(index), runs=5)
    print(f"| word vectors of every clause unit (once per loaded index) | {vectors:.0f} ms | 5 |")
    loaded = load_index(path)
    assert loaded is not None
    loaded.wording()
    draft = assemble(new_spec(library, "North Macedonia", date=dt.date(2026, 1, 1)), library)
    texts = [clause.text for clause in draft.clauses]
    samples = []
    for text in texts:
        samples.append(median_ms(lambda text=text: who_accepted(text, loaded), runs=5, warmup=1))
    samples.sort()
    p90 = samples[int(len(samples) * 0.9)]
    print(
        f"| who accepted this wording, per lookup ({len(texts)} standard clauses) "
        f"| {statistics.median(samples):.1f} ms (p90 {p90:.1f}, max {samples[-1]:.1f}) | 5 each |"
    )
    print(f"| matrix of {len(files)} agreements | {median_ms(lambda: matrix(loaded), runs=10):.1f} ms | 10 |")
    print(
        f"| verify the library's credits | {median_ms(lambda: verify(loaded, library), runs=3, warmup=1):.0f} ms | 3 |"
    )
    print(f"| peak memory of this process | {peak_rss_mb():.0f} MB | |")


if __name__ == "__main__":
    main()
