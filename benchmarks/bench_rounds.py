"""A negotiation round: import of a returned draft, a decision, a step of the review screen,
the issues list and the next round's answer. Medians of repeated runs.

The returned draft is Montenegro's round 5 as we export it, with six points the other side
made in Word: three tracked changes, a deleted recital, a new clause and a comment (and a
change left unmarked).

Targets: an import under 500 ms; a review step (key to the frame that shows the next
proposal) under 100 ms.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT / "tests" / "helpers"))
from _timing import median_ms, record_frames  # noqa: E402
from partner_edits import ReturnedDraft  # noqa: E402

from bsa_drafter.answer import plan_next_round  # noqa: E402
from bsa_drafter.editing import DraftSession  # noqa: E402
from bsa_drafter.export.docx import render_draft  # noqa: E402
from bsa_drafter.export.issues_docx import render_issues_docx  # noqa: E402
from bsa_drafter.ingest import read_views  # noqa: E402
from bsa_drafter.issues_list import issue_rows  # noqa: E402
from bsa_drafter.library import load_library  # noqa: E402
from bsa_drafter.round_import import plan_import  # noqa: E402
from bsa_drafter.spec import load_draft  # noqa: E402

RUNS = 20
REVIEW_STEPS = 30


def returned_draft(spec: Path, library, target: Path) -> Path:
    _, draft = load_draft(spec, library)
    returned = ReturnedDraft(render_draft(draft))
    returned.replace("at least six (6) months", "at least three (3) months")
    returned.replace("within 24 hours", "within 72 hours")
    returned.delete_paragraph("recalling the Joint Declaration of Support")
    returned.insert_paragraph_after(
        "at least three (3) months", "The Participants may review this Agreement every three years."
    )
    returned.comment("meet and confer", "We prefer a softer formula here.")
    returned.replace("sustainable force", "credible force", tracked=False)
    target.write_bytes(returned.bytes())
    return target


async def review_steps(spec: Path) -> list[float]:
    """Milliseconds from the key 'n' reaching the app to the end of the frame that shows the
    next proposal (each frame encoded as a terminal would receive it; headless)."""
    from textual import events

    from bsa_drafter.tui.app import DrafterApp
    from bsa_drafter.tui.screens.main import MainScreen
    from bsa_drafter.tui.screens.review import ReviewScreen

    app = DrafterApp(spec, blink=False)
    frames = record_frames(app)
    samples = []
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(100):
            if isinstance(app.screen, MainScreen) and app.screen.selected is not None:
                break
            await pilot.pause(0.05)
        await app.screen.run_action("review")
        for _ in range(100):
            await pilot.pause(0.05)
            if isinstance(app.screen, ReviewScreen):
                break
        review = app.screen
        shown: list[float] = []
        show = review.show

        def timed_show() -> None:
            show()
            shown.append(time.perf_counter())

        review.show = timed_show  # type: ignore[method-assign]
        await pilot.pause(0.3)
        for step in range(REVIEW_STEPS):
            await pilot.pause(0.1)
            key = "n" if (step // 5) % 2 == 0 else "p"
            done = len(shown)
            started = time.perf_counter()
            app._driver.send_message(events.Key(key, key))
            while len(shown) == done:
                await asyncio.sleep(0)
            while not (frames and frames[-1][0] >= shown[-1]):
                await asyncio.sleep(0)
            samples.append((frames[-1][1] - started) * 1000)
    return samples


def main() -> None:
    library = load_library()
    folder = Path(tempfile.mkdtemp(prefix="bench-rounds-"))
    try:
        spec = folder / "montenegro.toml"
        shutil.copy(ROOT / "examples" / "montenegro.toml", spec)
        theirs = returned_draft(spec, library, folder / "montenegro-answer.docx")
        session = DraftSession.open(spec, library)
        plan = plan_import(session.spec, library, theirs, {})
        print(f"# rounds: median of {RUNS} runs; Montenegro's answer with {len(plan.proposals)} proposals")
        print("| step | median | target |")
        print("|---|---|---|")
        read = median_ms(lambda: read_views(theirs), RUNS)
        full = median_ms(lambda: plan_import(session.spec, library, theirs, {}), RUNS)
        print(f"| import: read both views of their DOCX | {read:.1f} ms | |")
        print(f"| import: read, align with our round, proposals (whole import) | {full:.1f} ms | < 500 ms |")
        session.import_round(plan)
        termination = next(p.id for p in session.spec.proposals if p.clause == "final.termination")

        def decide_and_check() -> None:
            session.decide(termination, "bracket")
            session.refresh()
            session.undo()

        print(
            f"| a decision (bracket) with the draft re-checked, and its undo "
            f"| {median_ms(decide_and_check, RUNS):.1f} ms | |"
        )
        session.save()
        steps = asyncio.run(review_steps(spec))
        p90 = statistics.quantiles(steps, n=10)[-1]
        print(
            f"| review screen: key to the frame with the next proposal "
            f"| {statistics.median(steps):.1f} ms (p90 {p90:.1f} ms) | < 100 ms |"
        )
        draft, result = session.refresh()
        rows = issue_rows(session.spec, draft, result)
        print(
            f"| issues list: {len(rows)} rows "
            f"| {median_ms(lambda: issue_rows(session.spec, draft, result), RUNS):.1f} ms | |"
        )
        print(
            f"| issues list as DOCX | {median_ms(lambda: render_issues_docx(rows, 'Issues', 'bench'), RUNS):.1f} ms | |"
        )
        for proposal in session.spec.proposals:
            session.decide(proposal.id, "reject", reason="bench")
        kept = session.spec.model_copy(deep=True)
        kept.proposals, kept.rounds = [], []
        when = dt.datetime(2026, 11, 30, tzinfo=dt.timezone.utc)
        answer = median_ms(lambda: plan_next_round(session.spec, kept, library, author="bench", when=when), 10)
        print(f"| next round: their text rebuilt, redline and comments | {answer:.1f} ms | |")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
