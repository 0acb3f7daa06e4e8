"""Batch DOCX builds: `build_specs` (what `build` runs) against a naive loop, and its scaling.

The specs are distinct: each is one of the examples with its own round, date and wording of a
clause, so that no cache can serve one spec's work to another. The naive loop is what one would
write first: for every spec, load the template with docxtpl, render and save. `build` reads the
template once per process (its unchanged parts compressed once) and spreads the specs over two
worker processes in chunks. The two are timed interleaved in this process (naive, build,
naive, build ...), median of the runs. Then `build` alone at 300, 1,000 and 3,000 specs: the
time per draft should stay flat (it grew with the batch while every task carried the list of
all inputs; that cost is printed too, measured the way it was paid).

    .venv/bin/python benchmarks/bench_build.py [--runs N] [--scaling 300,1000,3000]

On a shared machine the scheduler divides the CPU between sessions, not processes: while
other sessions are busy, two workers get no more CPU than one loop, and the comparison
measures the machine rather than the code. The load average is printed with the figures;
compare the CPU times, or run when the machine is otherwise idle.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import pickle
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

RUNS = 3
COMPARED = 300
SCALING = (300, 1000, 3000)


def make_specs(folder: Path, count: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    examples = sorted((ROOT / "examples").glob("*.toml"))
    specs = []
    for n in range(count):
        text = examples[n % len(examples)].read_text(encoding="utf-8")
        day = dt.date(2026, 1, 1) + dt.timedelta(days=n)
        text = text.replace("round = ", f"round = {n % 999 + 1}\n# was round = ", 1)
        text = text.replace("date = ", f"date = {day.isoformat()}\n# was date = ", 1)
        wording = f"Partnership {n}: Ukraine and {{partner_name}} will work together."
        text += f'\n[clauses."intro.partnership"]\ntext = "{wording}"\n'
        path = folder / f"spec_{n:05d}.toml"
        path.write_text(text, encoding="utf-8")
        specs.append(path)
    return specs


def naive(specs: list[Path], out: Path) -> None:
    from docxtpl import DocxTemplate
    from jinja2.sandbox import SandboxedEnvironment

    from bsa_drafter.export.docx import default_template, draft_body, error_findings
    from bsa_drafter.library import load_library
    from bsa_drafter.spec import load_draft

    library = load_library()
    for spec in specs:
        _, draft = load_draft(spec, library)
        if error_findings(draft):
            continue
        template = DocxTemplate(str(default_template()))
        template.render(draft_body(draft).context, SandboxedEnvironment(autoescape=True))
        template.save(out / f"{spec.stem}.docx")


def batch(specs: list[Path], out: Path, jobs: int = 2) -> None:
    from bsa_drafter.batch import build_specs

    results = list(build_specs(specs, out, jobs=jobs))
    assert all(r.status == "built" for r in results), [r for r in results if r.status != "built"][:3]


def cpu_seconds() -> float:
    """CPU time of this process and of its ended children (the workers)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def timed(function, *args) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """Wall-clock and CPU seconds of one call."""
    # the naive loop saves without fsync, and the kernel writes its files back later: flush
    # them first (untimed), or the next build's fsyncs would wait for that writeback
    os.sync()
    cpu, started = cpu_seconds(), time.perf_counter()
    function(*args)
    return time.perf_counter() - started, cpu_seconds() - cpu


def fresh(folder: Path, name: str) -> Path:
    target = folder / name
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir()
    return target


def render_figures() -> tuple[float, float]:
    """One draft's render with the template's parts compressed once, and compressing all."""
    from bsa_drafter.export.docx import draft_body, renderer_for
    from bsa_drafter.export.package import compress
    from bsa_drafter.library import load_library
    from bsa_drafter.spec import load_draft

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from _timing import median_ms

    _, draft = load_draft(ROOT / "examples" / "montenegro.toml", load_library())
    renderer = renderer_for(None)
    body = draft_body(draft)
    ours = median_ms(lambda: renderer.render(body), 50)
    fixed = dict(renderer.fixed)

    def every_part() -> None:
        renderer.fixed = {name: compress(name, _inflate(member), 6) for name, member in fixed.items()}
        renderer.render(body)

    every = median_ms(every_part, 50)
    renderer.fixed = fixed
    return ours, every


def _inflate(member) -> bytes:  # type: ignore[no-untyped-def]
    import zlib

    return zlib.decompress(member.compressed, -15)


def old_task_overhead(count: int) -> float:
    """What every task used to carry: the frozenset of all inputs, pickled and unpickled."""
    specs = [Path(f"/tmp/specs/spec_{n:05d}.toml") for n in range(count)]
    inputs = frozenset(specs)
    started = time.perf_counter()
    for spec in specs:
        pickle.loads(pickle.dumps((spec, Path("/tmp/out/x.docx"), False, inputs)))
    return time.perf_counter() - started


def main() -> None:
    options = argparse.ArgumentParser(description="Batch build figures.")
    options.add_argument("--runs", type=int, default=RUNS, help="runs of each mode (median)")
    options.add_argument(
        "--scaling", default=",".join(map(str, SCALING)), help="batch sizes for build alone ('' for none)"
    )
    arguments = options.parse_args()
    runs = arguments.runs
    scaling = tuple(int(n) for n in arguments.scaling.split(",") if n.strip())
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        specs = make_specs(folder / "specs", max(scaling + (COMPARED,)))
        compared = specs[:COMPARED]
        naive_runs, build_runs = [], []
        for _ in range(runs):
            naive_runs.append(timed(naive, compared, fresh(folder, "naive")))
            build_runs.append(timed(batch, compared, fresh(folder, "build")))
        scale_rows = []
        for count in scaling:
            seconds = statistics.median(
                timed(batch, specs[:count], fresh(folder, "scale"))[0] for _ in range(1 if count > 1000 else runs)
            )
            scale_rows.append((count, seconds, old_task_overhead(count)))
    ours, every = render_figures()
    load_after = os.getloadavg()[0]
    peak_main = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    peak_worker = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    naive_wall, naive_cpu = (statistics.median(r[k] for r in naive_runs) for k in (0, 1))
    build_wall, build_cpu = (statistics.median(r[k] for r in build_runs) for k in (0, 1))
    print(f"# build: {COMPARED} distinct specs, naive loop and build interleaved, median of {runs} runs")
    print(f"# load average of the machine: {load_before:.1f} before, {load_after:.1f} after (2 cores)")
    print("| mode | wall time | throughput | CPU time | target |")
    print("|---|---|---|---|---|")
    naive_rate, build_rate = COMPARED / naive_wall, COMPARED / build_wall
    naive_row = f"{naive_wall:.2f} s | {naive_rate:.0f} docs/s | {naive_cpu:.1f} s"
    print(f"| naive loop (docxtpl load + render + save) | {naive_row} | |")
    print(f"| build --jobs 2 | {build_wall:.2f} s | {build_rate:.0f} docs/s | {build_cpu:.1f} s | |")
    print(f"| ratio | | {build_rate / naive_rate:.1f}x | {naive_cpu / build_cpu:.1f}x less CPU | >= 3x |")
    if scale_rows:
        print()
        print("| specs | build --jobs 2 | per draft | the old per-task input list would add |")
        print("|---|---|---|---|")
    for count, seconds, old in scale_rows:
        print(f"| {count} | {seconds:.1f} s | {seconds / count * 1000:.1f} ms | {old:.1f} s |")
    print()
    print(
        f"render of one draft (Montenegro): {ours:.1f} ms with the template's parts compressed once, "
        f"{every:.1f} ms compressing every part ({every / ours:.1f}x)"
    )
    print(f"peak memory: {peak_main:.0f} MB this process (naive loop included), {peak_worker:.0f} MB largest worker")


if __name__ == "__main__":
    main()
