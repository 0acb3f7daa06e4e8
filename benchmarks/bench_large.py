"""Large specs: `check` of a 2 MB spec as a whole process, and a keystroke in a 4,000-clause
draft (the drafting session's re-check and outline, what the app does before painting).

The specs are generated here: thousands of custom clauses in both languages (a clause without its
Ukrainian is a finding, and 16,000 findings would measure the printing) spread over four Parts. Placing
added clauses, assembling and checking must grow linearly with the spec.
Targets: check of a 2 MB spec well under a second; a keystroke on 4k clauses under 100 ms.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _timing import median_ms, row  # noqa: E402

from bsa_drafter.editing import DraftSession  # noqa: E402
from bsa_drafter.library import load_library  # noqa: E402

PARTS = ("defence", "security", "political", "recovery")


def custom_spec(count: int) -> str:
    head = '[draft]\npartner = "Bulgaria"\ndate = 2026-11-20\n\n'
    body = "".join(
        f'[clauses."custom.c{n}"]\npart = "{PARTS[n % 4]}"\ntitle = "Clause {n}"\n'
        f'text = "The Participants will co-operate on item {n}."\n'
        f'text_uk = "Учасники співпрацюватимуть щодо пункту {n}."\n\n'
        for n in range(count)
    )
    return head + body


def spec_of_size(limit: int) -> tuple[str, int]:
    low, high = 1, 100_000
    while low < high:  # the most clauses that stay under the limit
        middle = (low + high + 1) // 2
        if len(custom_spec(middle).encode()) <= limit:
            low = middle
        else:
            high = middle - 1
    return custom_spec(low), low


def check_process_seconds(path: Path, runs: int = 3) -> float:
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "bsa_drafter", "check", str(path)], capture_output=True, check=False)
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def main() -> None:
    library = load_library()
    with tempfile.TemporaryDirectory() as folder:
        print("# large specs")
        print("| measure | median | target |")
        print("|---|---|---|")
        for limit in (500_000, 1_000_000, 1_990_000):
            text, count = spec_of_size(limit)
            path = Path(folder) / f"large-{count}.toml"
            path.write_text(text)
            seconds = check_process_seconds(path)
            print(
                row(
                    f"`check` of a {len(text) / 1e6:.1f} MB spec ({count} clauses), whole process",
                    seconds * 1000,
                    target="well under 1 s at 2 MB",
                )
            )
        for count in (1000, 4000):
            path = Path(folder) / f"draft-{count}.toml"
            path.write_text(custom_spec(count))
            session = DraftSession.open(path, library)
            session.refresh()
            session.outline()
            target = session.draft.clauses[len(session.draft.clauses) // 2]
            counter = iter(range(10**6))

            def keystroke() -> None:
                session.set_text(target.id, f"{target.source_text} {next(counter)}")
                session.refresh()
                session.outline()

            print(
                row(
                    f"keystroke: edit, re-check and outline, {count} clauses",
                    median_ms(keystroke, runs=25),
                    target="< 100 ms at 4k",
                )
            )


if __name__ == "__main__":
    main()
