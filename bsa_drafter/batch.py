"""Batch builds: many specs to DOCX or PDF, one bad spec never stopping the rest.

Output names come from the spec (partner, round and date by default, or a `--name` pattern),
made safe for every file system; they always stay inside the output folder, and an input is
never overwritten. Small batches are built in this process. Larger ones go to a pool of
worker processes that each load the clause library and read the template once (its
unchanged parts compressed once), and are given the specs in chunks: a task carries only its
own specs, so the cost of a batch grows with its size, not with the square of it. A chunk's
outputs are written side by side, so that their fsyncs are committed together. A worker
whose main process has died stops at once, and a temporary file that a killed run left in
the output folder is removed by the next run.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import re
import signal
import sys
import threading
import time
import unicodedata
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, ThreadPoolExecutor, wait
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Iterator, Literal

import tomli

from bsa_drafter.errors import BadInput, Problem, printable
from bsa_drafter.export import pdf
from bsa_drafter.export.docx import (
    ExportRefused,
    Language,
    Layout,
    TemplateRenderer,
    error_findings,
    render_draft,
    renderer_for,
    translation_gaps,
)
from bsa_drafter.files import (
    atomic_write_bytes,
    check_output_folder,
    fsync_folder,
    read_text_file,
    remove_stale_temporaries,
)
from bsa_drafter.library import load_library
from bsa_drafter.models import Library
from bsa_drafter.spec import MAX_SPEC_BYTES, load_draft

Format = Literal["docx", "pdf"]
DEFAULT_NAME = "{partner}_r{round}_{date}"
NAME_FIELDS = ("partner", "round", "date", "status", "spec")
_WINDOWS_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}
_MAX_STEM = 120
# A worker process costs about half a second to start (Python, the library, the template):
# below this many specs per worker, building in this process is faster.
MIN_SPECS_PER_WORKER = 24
MAX_CHUNK = 32
PDF_CHUNK = 40  # drafts per LibreOffice start
WRITERS = 8  # threads that write a chunk's outputs, so that their fsyncs overlap


@dataclass(frozen=True)
class BuildResult:
    spec: str
    output: str | None
    status: Literal["built", "skipped", "failed"]
    reason: str = ""
    seconds: float = 0.0


# --- names ------------------------------------------------------------------------------------


def slug(text: str) -> str:
    """Lower-case ASCII letters and digits joined by '-': 'North Macedonia' -> 'north-macedonia'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def check_name_pattern(pattern: str) -> str:
    """A --name pattern: text with {partner} {round} {date} {status} {spec}; nothing else in braces."""
    problem = None
    if not pattern.strip():
        problem = "is empty"
    for match in re.finditer(r"\{([^{}]*)\}", pattern):
        if match.group(1) not in NAME_FIELDS:
            problem = f"has an unknown field {{{match.group(1)}}}"
            break
    if problem is None and re.sub(r"\{[^{}]*\}", "", pattern).count("{") + re.sub(r"\{[^{}]*\}", "", pattern).count(
        "}"
    ):
        problem = "has an unmatched brace"
    if problem:
        fields = " ".join(f"{{{f}}}" for f in NAME_FIELDS)
        raise BadInput(Problem(None, None, f"--name {pattern!r} {problem}: use text and the fields {fields}"))
    return pattern


@dataclass(frozen=True)
class SpecFacts:
    """What a name is made of, read from a spec before it is built."""

    partner: str
    round: int | None
    date: str
    status: str


# the [draft] table up to the next table: all a name needs, read without the clauses after it
_DRAFT_TABLE = re.compile(r"^\[draft\][ \t]*(?:#[^\n]*)?\n.*?(?=^\[|\Z)", re.MULTILINE | re.DOTALL)


def spec_facts(spec: Path) -> SpecFacts | None:
    try:
        text = read_text_file(spec, max_bytes=MAX_SPEC_BYTES, what="draft spec")
    except BadInput:
        return None  # the build will report exactly what is wrong
    table = _DRAFT_TABLE.search(text)
    data = None
    for source in ((table.group(0),) if table else ()) + (text,):
        try:
            data = tomli.loads(source)
            break
        except (tomli.TOMLDecodeError, RecursionError):
            continue  # the table alone may be cut inside a multi-line string: read the whole spec
    draft = data.get("draft") if isinstance(data, dict) else None
    if not isinstance(draft, dict):
        return None
    partner = draft.get("partner")
    number = draft.get("round", 1)
    date = draft.get("date")
    status = draft.get("status", "working")
    return SpecFacts(
        partner if isinstance(partner, str) else "",
        number if isinstance(number, int) and not isinstance(number, bool) else None,
        date.isoformat() if isinstance(date, dt.date) else str(date or ""),
        status if isinstance(status, str) else "",
    )


def output_stem(spec: Path, facts: SpecFacts | None, pattern: str = DEFAULT_NAME) -> str:
    partner = slug(facts.partner) if facts else ""
    values = {
        "partner": partner or slug(spec.stem) or "draft",
        "round": str(facts.round) if facts and facts.round is not None else "",
        "date": slug(facts.date) if facts else "",
        "status": slug(facts.status) if facts else "",
        "spec": slug(spec.stem) or "draft",
    }
    stem = re.sub(r"\{([a-z]+)\}", lambda m: values[m.group(1)], pattern)
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", stem)
    stem = re.sub(r"[-_.]*([-_.])[-_.]*", r"\1", stem).strip("-_.")[:_MAX_STEM].strip("-_.")
    if not stem or stem.split(".")[0].lower() in _WINDOWS_RESERVED:
        stem = f"{stem}_draft" if stem else "draft"
    return stem


class Namer:
    """Names outputs one spec at a time, in the order given. Two specs that would share a name
    are told apart by what their file names add to the partner's (montenegro_alt.toml ->
    '_alt'), or by a number; names compare without case, as on Windows and macOS."""

    def __init__(self, out_dir: Path, pattern: str = DEFAULT_NAME, fmt: Format = "docx"):
        self.root = _resolved(out_dir)
        self.pattern = pattern
        self.fmt = fmt
        self.taken: set[str] = set()

    def name(self, spec: Path) -> Path:
        facts = spec_facts(spec)
        stem = output_stem(spec, facts, self.pattern)
        name = f"{stem}.{self.fmt}"
        if name.casefold() in self.taken:
            extra = slug(spec.stem)
            partner = slug(facts.partner) if facts else ""
            if partner and partner in extra:
                extra = extra.replace(partner, "", 1).strip("-")
            name = f"{stem}_{extra}.{self.fmt}" if extra else name
        number = 2
        base = name[: -len(self.fmt) - 1]
        while name.casefold() in self.taken:
            name = f"{base}_{number}.{self.fmt}"
            number += 1
        self.taken.add(name.casefold())
        target = self.root / name
        if target.parent != self.root:  # cannot happen with the names above; kept as a guard
            raise ValueError(f"output {target} would leave {self.root}")
        return target


def output_paths(
    specs: list[Path], out_dir: Path, *, pattern: str = DEFAULT_NAME, fmt: Format = "docx"
) -> dict[Path, Path]:
    namer = Namer(out_dir, pattern, fmt)
    return {spec: namer.name(spec) for spec in specs}


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # a symlink loop resolves nowhere
        return path.absolute()


# --- the work of one process -----------------------------------------------------------------

_worker: dict[str, object] = {}


def _init_worker(library_root: str | None, template: str | None, parent: int | None = None) -> None:
    _worker["library"] = load_library(library_root)
    _worker["renderer"] = renderer_for(template)
    if parent is not None:
        # a pool worker: finish cleanly when told to stop, and stop when the main process is gone
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(128 + signal.SIGTERM))
        threading.Thread(target=_watch_parent, args=(parent,), daemon=True, name="watch-parent").start()


def _watch_parent(parent: int) -> None:
    """A worker whose main process died (killed, even with SIGKILL) would otherwise wait for
    work for ever, or finish the batch for nobody: it ends itself, and any LibreOffice it runs."""
    while os.getppid() == parent:
        time.sleep(0.25)
    pdf.stop(pdf.running)
    os._exit(1)


@dataclass(frozen=True)
class Options:
    """What every draft of a build is rendered with."""

    allow_errors: bool = False
    fmt: Format = "docx"
    language: Language = "en"
    layout: Layout = "columns"


def _build_chunk(jobs: list[tuple[Path, Path]], options: Options) -> list[BuildResult]:
    library: Library = _worker["library"]  # type: ignore[assignment]
    renderer: TemplateRenderer = _worker["renderer"]  # type: ignore[assignment]
    results: list[BuildResult] = []
    staged: dict[str, tuple[Path, Path, float, str]] = {}
    documents: dict[str, bytes] = {}
    for spec, output in jobs:
        started = time.perf_counter()
        try:
            data, warning = _render(spec, library, renderer, options)
        except BadInput as exc:
            results.append(BuildResult(str(spec), None, "failed", "; ".join(str(p) for p in exc.problems)))
            continue
        except ExportRefused as exc:
            rules = sorted({f.rule for f in exc.errors})
            results.append(
                BuildResult(str(spec), None, "skipped", f"{len(exc.errors)} error-level finding(s): {', '.join(rules)}")
            )
            continue
        key = f"d{len(staged)}"
        documents[key] = data
        staged[key] = (spec, output, time.perf_counter() - started, warning)
    if documents:
        results.extend(_convert_chunk(documents, staged) if options.fmt == "pdf" else _write_chunk(documents, staged))
    if jobs:
        fsync_folder(jobs[0][1].parent)
    return results


def _write_chunk(documents: dict[str, bytes], staged: dict[str, tuple[Path, Path, float, str]]) -> list[BuildResult]:
    """Write a chunk's outputs side by side: each is still fsynced before its rename, but the
    file system commits fsyncs that wait together at once (a tenth of the time of one by one)."""
    started = time.perf_counter()

    def write(key: str) -> BuildResult:
        spec, output, seconds, warning = staged[key]
        try:
            atomic_write_bytes(output, documents[key], sync_folder=False)  # the folder is synced once per chunk
        except BadInput as exc:
            return BuildResult(str(spec), None, "failed", "; ".join(str(p) for p in exc.problems))
        return BuildResult(str(spec), str(output), "built", warning, seconds)

    with ThreadPoolExecutor(min(WRITERS, len(documents)), thread_name_prefix="write") as writers:
        written = list(writers.map(write, staged))
    share = (time.perf_counter() - started) / len(written)
    return [replace(r, seconds=r.seconds + share) if r.status == "built" else r for r in written]


def _render(spec: Path, library: Library, renderer: TemplateRenderer, options: Options) -> tuple[bytes, str]:
    """The document, and a warning when its Ukrainian text lags behind the English somewhere."""
    _, draft = load_draft(spec, library)
    if not options.allow_errors:
        errors = error_findings(draft)
        if errors:
            raise ExportRefused(errors)
    gaps = translation_gaps(draft, options.language)
    warning = f"the Ukrainian text is not in step in {', '.join(c.id for c in gaps)}" if gaps else ""
    return render_draft(draft, renderer, language=options.language, layout=options.layout), warning


def _convert_chunk(documents: dict[str, bytes], staged: dict[str, tuple[Path, Path, float, str]]) -> list[BuildResult]:
    started = time.perf_counter()
    try:
        pdfs = pdf.convert_to_pdf(documents, label=str(next(iter(staged.values()))[1].parent))
    except BadInput as exc:
        reason = "; ".join(str(p) for p in exc.problems)
        return [BuildResult(str(spec), None, "failed", reason) for spec, *_ in staged.values()]
    share = (time.perf_counter() - started) / len(documents)
    results = []
    for key, (spec, output, seconds, warning) in staged.items():
        if key not in pdfs:
            results.append(
                BuildResult(str(spec), None, "failed", f"{output}: LibreOffice could not convert this draft")
            )
            continue
        try:
            atomic_write_bytes(output, pdfs[key], sync_folder=False)
        except BadInput as exc:
            results.append(BuildResult(str(spec), None, "failed", "; ".join(str(p) for p in exc.problems)))
            continue
        results.append(BuildResult(str(spec), str(output), "built", warning, seconds + share))
    return results


# --- the batch --------------------------------------------------------------------------------


def chunk_size(count: int, workers: int, fmt: Format) -> int:
    """Specs per task: a PDF chunk is one LibreOffice start; a DOCX chunk small enough that the
    workers finish together, large enough that handing out tasks costs nothing."""
    if fmt == "pdf":
        return max(1, min(PDF_CHUNK, -(-count // max(workers, 1))))
    return max(1, min(MAX_CHUNK, count // (max(workers, 1) * 8)))


def worker_count(specs: int, jobs: int | None, fmt: Format = "docx") -> int:
    """Worker processes for a batch: none (this process) when the batch is too small to pay
    for starting them."""
    wanted = max(1, jobs or os.cpu_count() or 1)
    per_worker = 1 if fmt == "pdf" else MIN_SPECS_PER_WORKER
    usable = min(wanted, specs // per_worker)
    return usable if usable >= 2 else 0


def build_specs(
    specs: list[Path],
    out_dir: Path,
    *,
    jobs: int | None = None,
    allow_errors: bool = False,
    library_root: str | None = None,
    template: str | None = None,
    fmt: Format = "docx",
    pattern: str = DEFAULT_NAME,
    language: Language = "en",
    layout: Layout = "columns",
) -> Iterator[BuildResult]:
    """Build every spec (once, however often it is named); results arrive as they complete.
    Names are given in order while the first chunks are already being built."""
    specs = list(dict.fromkeys(specs))
    check_output_folder(out_dir)
    remove_stale_temporaries(out_dir)
    namer = Namer(out_dir, pattern, fmt)
    inputs = {_resolved(spec) for spec in specs}
    workers = worker_count(len(specs), jobs, fmt)
    size = chunk_size(len(specs), workers, fmt)
    refused: list[BuildResult] = []
    options = Options(allow_errors, fmt, language, layout)

    def chunks() -> Iterator[list[tuple[Path, Path]]]:
        chunk: list[tuple[Path, Path]] = []
        for spec in specs:
            target = namer.name(spec)
            if target in inputs:
                reason = f"refused: {printable(str(target))} is one of the input files"
                refused.append(BuildResult(str(spec), None, "failed", reason))
                continue
            chunk.append((spec, target))
            if len(chunk) == size:
                yield chunk
                chunk = []
        if chunk:
            yield chunk

    if workers == 0:
        _init_worker(library_root, template)
        for chunk in chunks():
            yield from refused
            refused.clear()
            yield from _build_chunk(chunk, options)
        yield from refused
        return
    context = multiprocessing.get_context("spawn")  # no fork: the caller may run a progress thread
    initargs = (library_root, template, os.getpid())
    pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_init_worker, initargs=initargs)
    try:
        submitted: dict[Future[list[BuildResult]], list[tuple[Path, Path]]] = {}
        for chunk in chunks():
            submitted[pool.submit(_build_chunk, chunk, options)] = chunk
        yield from refused
        pending = set(submitted)
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                yield from _chunk_results(future, submitted[future])
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _chunk_results(future: Future[list[BuildResult]], chunk: list[tuple[Path, Path]]) -> list[BuildResult]:
    try:
        return future.result()
    except Exception as exc:  # a worker that died (killed, out of memory) takes its chunk with it
        reason = f"the worker process stopped ({type(exc).__name__}: {exc})"
        return [BuildResult(str(spec), None, "failed", reason) for spec, _ in chunk]
