"""Batch builds: many specs to DOCX across a process pool, one bad spec never stopping the rest.

Each worker loads the clause library and parses the template once, then renders the specs it
is given. Output names come from the partner, made safe for every file system, and always
stay inside the output folder; existing outputs are replaced atomically and an input is
never overwritten.
"""

from __future__ import annotations

import multiprocessing
import os
import re
import time
import tomli
import unicodedata
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Literal

from bsa_drafter.errors import BadInput
from bsa_drafter.export.docx import ExportRefused, TemplateRenderer, export_draft, renderer_for
from bsa_drafter.library import load_library
from bsa_drafter.models import Library
from bsa_drafter.spec import load_draft

_WINDOWS_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}


@dataclass(frozen=True)
class BuildResult:
    spec: str
    output: str | None
    status: Literal["built", "skipped", "failed"]
    reason: str = ""
    seconds: float = 0.0


def safe_stem(name: str, fallback: str = "draft") -> str:
    """A file name stem from any text: ASCII letters, digits, '-' and '_', never reserved."""
    ascii_text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    stem = re.sub(r"[^A-Za-z0-9]+", "_", ascii_text).strip("_").lower()[:60].strip("_")
    if not stem:
        stem = fallback
    if stem.split(".")[0] in _WINDOWS_RESERVED:
        stem = f"{stem}_draft"
    return stem


def _partner_of(spec: Path) -> str | None:
    try:
        data = tomli.loads(spec.read_text(encoding="utf-8"))
        partner = data["draft"]["partner"]
        return partner if isinstance(partner, str) else None
    except (OSError, UnicodeDecodeError, tomli.TOMLDecodeError, KeyError, TypeError):
        return None  # the worker will report exactly what is wrong


def output_paths(specs: list[Path], out_dir: Path) -> dict[Path, Path]:
    """One .docx per spec, named after the partner; clashes get the spec's name added."""
    root = out_dir.resolve()
    chosen: dict[Path, Path] = {}
    taken: set[str] = set()
    for spec in specs:
        base = safe_stem(_partner_of(spec) or spec.stem)
        name = f"{base}.docx"
        if name in taken:
            name = f"{base}-{safe_stem(spec.stem)}.docx"
        counter = 2
        while name in taken:
            name = f"{base}-{safe_stem(spec.stem)}-{counter}.docx"
            counter += 1
        taken.add(name)
        target = (root / name).resolve()
        if target.parent != root:  # cannot happen with safe_stem; kept as a guard
            raise ValueError(f"output {target} would leave {root}")
        chosen[spec] = target
    return chosen


_worker: dict[str, object] = {}


def _init_worker(library_root: str | None, template: str | None) -> None:
    _worker["library"] = load_library(library_root)
    _worker["renderer"] = renderer_for(template)


def _build_one(spec: Path, output: Path, allow_errors: bool, inputs: frozenset[Path]) -> BuildResult:
    library: Library = _worker["library"]  # type: ignore[assignment]
    renderer: TemplateRenderer = _worker["renderer"]  # type: ignore[assignment]
    started = time.perf_counter()
    if output in inputs:
        return BuildResult(str(spec), None, "failed", f"refused: {output} is one of the input files")
    try:
        _, draft = load_draft(spec, library)
        export_draft(draft, output, allow_errors=allow_errors, renderer=renderer)
    except BadInput as exc:
        return BuildResult(str(spec), None, "failed", "; ".join(str(p) for p in exc.problems))
    except ExportRefused as exc:
        rules = sorted({f.rule for f in exc.errors})
        return BuildResult(str(spec), None, "skipped", f"{len(exc.errors)} error-level finding(s): {', '.join(rules)}")
    except OSError as exc:
        return BuildResult(str(spec), None, "failed", f"cannot write {output}: {exc.strerror or exc}")
    return BuildResult(str(spec), str(output), "built", "", time.perf_counter() - started)


def build_specs(
    specs: list[Path],
    out_dir: Path,
    *,
    jobs: int | None = None,
    allow_errors: bool = False,
    library_root: str | None = None,
    template: str | None = None,
) -> Iterator[BuildResult]:
    """Build every spec; results arrive as they complete."""
    out_dir.mkdir(parents=True, exist_ok=True)
    targets = output_paths(specs, out_dir)
    inputs = frozenset(spec.resolve() for spec in specs)
    workers = max(1, min(jobs or os.cpu_count() or 1, len(specs)))
    if workers == 1:
        _init_worker(library_root, template)
        for spec in specs:
            yield _build_one(spec, targets[spec], allow_errors, inputs)
        return
    context = multiprocessing.get_context("spawn")  # no fork: the caller may run a progress thread
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_init_worker, initargs=(library_root, template)) as pool:
        futures = [pool.submit(_build_one, spec, targets[spec], allow_errors, inputs) for spec in specs]
        for future in as_completed(futures):
            yield future.result()
