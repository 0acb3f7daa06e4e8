"""Batch DOCX builds: `build --jobs 2` against a naive loop, on the examples x100.

The naive loop is what one would write first: for every spec, load the template with
docxtpl, render and save. `build` parses the template once per worker process and renders
across a pool. Each mode runs in a fresh process, so peak memory is its own. Prints the
median throughput of several runs, the ratio (target: at least 3x) and peak memory.
"""

from __future__ import annotations

import json
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COPIES = 100
RUNS = 3


def make_specs(folder: Path) -> list[Path]:
    specs = []
    for example in sorted((ROOT / "examples").glob("*.toml")):
        text = example.read_text(encoding="utf-8")
        for copy in range(COPIES):
            target = folder / f"{example.stem}_{copy:03d}.toml"
            target.write_text(text, encoding="utf-8")
            specs.append(target)
    return specs


def naive(specs: list[Path], out: Path) -> None:
    from docxtpl import DocxTemplate
    from jinja2.sandbox import SandboxedEnvironment

    from bsa_drafter.export.docx import default_template, draft_context, error_findings
    from bsa_drafter.library import load_library
    from bsa_drafter.spec import load_draft

    library = load_library()
    for spec in specs:
        _, draft = load_draft(spec, library)
        if error_findings(draft):
            continue
        template = DocxTemplate(str(default_template()))
        template.render(draft_context(draft), SandboxedEnvironment(autoescape=True))
        template.save(out / f"{spec.stem}.docx")


def batch(specs: list[Path], out: Path, jobs: int) -> None:
    from bsa_drafter.batch import build_specs

    results = list(build_specs(specs, out, jobs=jobs))
    assert all(r.status == "built" for r in results), [r for r in results if r.status != "built"][:3]


def run_mode(mode: str) -> None:
    """Child process: time RUNS builds of all specs, report JSON."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        specs = make_specs(folder)
        seconds = []
        for run in range(RUNS):
            out = folder / f"out{run}"
            out.mkdir()
            started = time.perf_counter()
            naive(specs, out) if mode == "naive" else batch(specs, out, jobs=2)
            seconds.append(time.perf_counter() - started)
            assert len(list(out.glob("*.docx"))) == len(specs)
            shutil.rmtree(out)
    print(json.dumps({
        "specs": len(specs),
        "median_s": statistics.median(seconds),
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "workers_peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    }))


def main() -> None:
    results = {}
    for mode in ("naive", "build"):
        done = subprocess.run([sys.executable, __file__, mode], capture_output=True, text=True, check=True)
        results[mode] = json.loads(done.stdout.strip().splitlines()[-1])
    naive_rate = results["naive"]["specs"] / results["naive"]["median_s"]
    build_rate = results["build"]["specs"] / results["build"]["median_s"]
    print(f"# build: {results['build']['specs']} specs (examples x{COPIES}), median of {RUNS} runs")
    print("| mode | median time | throughput | peak memory | target |")
    print("|---|---|---|---|---|")
    print(f"| naive loop (docxtpl load+render+save per spec) | {results['naive']['median_s']:.2f} s | {naive_rate:.0f} docs/s | {results['naive']['peak_mb']:.0f} MB | |")
    print(
        f"| build --jobs 2 | {results['build']['median_s']:.2f} s | {build_rate:.0f} docs/s | "
        f"{results['build']['peak_mb']:.0f} MB main, {results['build']['workers_peak_mb']:.0f} MB per worker | |"
    )
    print(f"| ratio | | {build_rate / naive_rate:.1f}x | | >= 3x |")


if __name__ == "__main__":
    if len(sys.argv) > 1:
        run_mode(sys.argv[1])
    else:
        main()
