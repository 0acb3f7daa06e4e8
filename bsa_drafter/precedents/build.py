"""Build the precedent index from a folder of signed agreements.

Every .docx, .pdf, .txt or .md file in the folder (not its subfolders) is one agreement; files
that share a name in two formats (uk.pdf and uk.txt) are one agreement, read from the DOCX, else
the PDF, else the text (the others stand in when it cannot be read). A file whose bytes are the
same as when the previous index was built, by the same detectors and library, is not read again.
Files are read in a process pool; a file that cannot be read is reported in one line and the
build goes on.

What the text does not say well can be corrected in `precedents.toml` inside the folder, one
table per file name:

    ["uk.pdf"]
    partner = "United Kingdom"   # as the matrix and the lists name it
    precedent = "uk"             # the library's precedent id (clauses/precedents.toml)
    date = 2024-01-12            # date of signature
    skip = true                  # leave this file out of the index
"""

from __future__ import annotations

import datetime as dt
import hashlib
import multiprocessing
import os
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Callable, Iterable

from pydantic import BaseModel, ConfigDict, StringConstraints, ValidationError

from bsa_drafter.errors import BadInput, Problem, did_you_mean
from bsa_drafter.files import read_bytes
from bsa_drafter.ingest import MAX_INPUT_BYTES, SUPPORTED
from bsa_drafter.library import load_library
from bsa_drafter.mapping import SIGNED_WORDING_FILE
from bsa_drafter.models import Library, Slug
from bsa_drafter.precedents.record import fingerprint, precedent_of, read_agreement
from bsa_drafter.precedents.store import (
    FORMAT_VERSION,
    MAX_INDEX_BYTES,
    IndexedAgreement,
    PrecedentIndex,
    date_order,
    index_version,
    now,
    parse_index,
)
from bsa_drafter.tomlfile import KeyLocator, load_toml_file, pydantic_problems

CORRECTIONS = "precedents.toml"
POOL_FROM_FILES = 8  # fewer files to read are read in this process
# which file of an agreement kept in several formats is read: the signed original first
_PREFERENCE = {".docx": 0, ".pdf": 1}
_PACKAGE = Path(__file__).resolve().parent.parent
# the code whose output the index stores: when any of it changes, every file is read again
_ANALYSIS_CODE = (
    "features.py",
    "detectors",
    "mapping.py",
    "ingest.py",
    "analyze.py",
    "reading",
    "precedents/record.py",
    "precedents/signing.py",
)


class Correction(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    partner: Annotated[str, StringConstraints(min_length=1, max_length=120, strip_whitespace=True)] | None = None
    precedent: Slug | None = None
    date: dt.date | None = None
    skip: bool = False


@dataclass
class BuildReport:
    """What a build did, for people: one line per problem, note and file read."""

    index: PrecedentIndex
    read: list[str] = field(default_factory=list)  # files analysed in this build
    reused: list[str] = field(default_factory=list)  # unchanged since the previous index
    problems: list[Problem] = field(default_factory=list)  # files that could not be read
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0


def analysis_fingerprint(library: Library) -> str:
    """A hash of the code that reads and analyses the texts and of the clause library."""
    digest = hashlib.sha256()
    sources: list[Path] = []
    for name in _ANALYSIS_CODE:
        path = _PACKAGE / name
        sources += sorted(path.rglob("*.py")) if path.is_dir() else [path] if path.exists() else []
    sources += sorted(Path(library.root).glob("*.toml")) + sorted(Path(library.root).glob(SIGNED_WORDING_FILE))
    for source in sources:
        digest.update(source.name.encode())
        digest.update(read_bytes(source, max_bytes=MAX_INPUT_BYTES, what="source file"))
    return "sha256:" + digest.hexdigest()


def load_corrections(folder: Path, library: Library) -> dict[str, Correction]:
    """The folder's precedents.toml, checked; {} when there is none."""
    path = folder / CORRECTIONS
    if not path.exists():
        return {}
    data, text = load_toml_file(path, max_bytes=1_000_000, what="corrections file (precedents.toml)")
    locator = KeyLocator(text)
    problems: list[Problem] = []
    corrections: dict[str, Correction] = {}
    for name, entry in data.items():
        if not isinstance(entry, dict):
            problems.append(
                Problem(str(path), locator.line_of((name,)), f'{name}: expected a table ["file name"] of corrections')
            )
            continue
        try:
            corrections[name] = Correction.model_validate(entry)
        except ValidationError as exc:
            problems += pydantic_problems(exc, str(path), locator, (name,))
            continue
        precedent = corrections[name].precedent
        if precedent is not None and precedent not in library.precedents:
            problems.append(
                Problem(
                    str(path),
                    locator.line_of((name, "precedent")),
                    f"{name}.precedent: unknown precedent {precedent!r}{did_you_mean(precedent, library.precedents)}",
                )
            )
    if problems:
        raise BadInput(problems)
    return corrections


def agreement_files(folder: Path) -> list[list[Path]]:
    """The agreements in a folder: per agreement its files, the one to read first."""
    groups: dict[str, list[Path]] = {}
    for entry in sorted(folder.iterdir(), key=lambda p: p.name):
        if entry.name.startswith((".", "~$")) or entry.suffix.lower() not in SUPPORTED or entry.name == CORRECTIONS:
            continue
        groups.setdefault(entry.stem.casefold(), []).append(entry)
    return [
        sorted(files, key=lambda p: (_PREFERENCE.get(p.suffix.lower(), 2), p.name))
        for _, files in sorted(groups.items())
    ]


# --- reading in worker processes -----------------------------------------------------------------

_worker: dict[str, Library] = {}


def _init_worker(library_root: str) -> None:
    _worker["library"] = load_library(library_root)


def _read_file(path: str, name: str) -> IndexedAgreement | Problem:
    """One file read and analysed, or the reason it could not be: never an exception, so that
    one bad file cannot stop the others."""
    try:
        data = read_bytes(path, max_bytes=MAX_INPUT_BYTES, what="agreement text (.docx, .pdf, .txt or .md)")
        return read_agreement(path, name, fingerprint(data), len(data), _worker["library"])
    except BadInput as exc:
        return exc.problems[0]
    except RecursionError:
        return Problem(path, None, "the file is nested too deeply to be read")
    except Exception as exc:  # noqa: BLE001  (a foreign file may break a reader in ways no one listed)
        return Problem(path, None, f"could not be read: {type(exc).__name__}: {exc}")


def _read_all(
    paths: list[tuple[Path, str]], library: Library, jobs: int
) -> Iterable[tuple[str, IndexedAgreement | Problem]]:
    if jobs <= 1 or len(paths) <= 1:
        _init_worker(library.root)
        for path, name in paths:
            yield name, _read_file(str(path), name)
        return
    context = multiprocessing.get_context("spawn")  # no fork: the caller may run threads (the app, a progress bar)
    with ProcessPoolExecutor(jobs, mp_context=context, initializer=_init_worker, initargs=(library.root,)) as pool:
        futures = {pool.submit(_read_file, str(path), name): (path, name) for path, name in paths}
        for future in as_completed(futures):
            path, name = futures[future]
            try:
                yield name, future.result()
            except BrokenProcessPool:
                yield (
                    name,
                    Problem(str(path), None, "the reader stopped while reading this file (or one read beside it)"),
                )


# --- the build ---------------------------------------------------------------------------------


def build_index(
    folder: Path,
    library: Library,
    previous: PrecedentIndex | None = None,
    jobs: int | None = None,
    progress: Callable[[str, IndexedAgreement | Problem | None], None] | None = None,
) -> BuildReport:
    """Index every agreement in `folder`, reusing what `previous` holds for unchanged files.
    `progress(name, result)` is called as each file is done (result None: reused)."""
    started = time.perf_counter()
    folder = Path(folder)
    if not folder.is_dir():
        reason = "no such folder" if not folder.exists() else "is a file, not a folder"
        raise BadInput(
            Problem(str(folder), None, f"{reason}: expected a folder of signed agreements (.docx, .pdf, .txt, .md)")
        )
    corrections = load_corrections(folder, library)
    groups = agreement_files(folder)
    if not groups:
        raise BadInput(
            Problem(str(folder), None, "holds no agreement texts (.docx, .pdf, .txt or .md): no index written")
        )
    analysis = analysis_fingerprint(library)
    report = BuildReport(PrecedentIndex(built=now(), folder=str(folder.resolve()), analysis=analysis))
    named = {path.name for files in groups for path in files}
    report.notes += [
        f"{CORRECTIONS}: {name!r} names no agreement text in the folder" for name in corrections if name not in named
    ]
    reusable = previous if previous is not None and previous.analysis == analysis else None
    if previous is not None and reusable is None:
        report.notes.append(
            "the detectors or the clause library changed since the last build: every file is read again"
        )
    pending: list[list[Path]] = []
    agreements: list[IndexedAgreement] = []
    for files in groups:
        files = [path for path in files if not corrections.get(path.name, Correction()).skip]
        if not files:
            continue
        old = reusable.agreement(files[0].name) if reusable else None
        if old is not None and _unchanged(files[0], old):
            agreements.append(old)
            report.reused.append(old.file)
            if progress:
                progress(old.file, None)
        else:
            pending.append(files)
    # a worker process costs about as much to start as reading a few agreements
    workers = 1 if len(pending) < POOL_FROM_FILES else max(1, min(jobs or os.cpu_count() or 1, len(pending)))
    while pending:
        batch = [(files[0], files[0].name) for files in pending]
        alternatives = {files[0].name: files[1:] for files in pending}
        pending = []
        for name, result in _read_all(batch, library, workers):
            if progress:
                progress(name, result)
            if isinstance(result, IndexedAgreement):
                agreements.append(result)
                report.read.append(name)
            else:
                report.problems.append(result)
                if alternatives[name]:
                    report.notes.append(f"{name}: reading {alternatives[name][0].name} instead")
                    pending.append(alternatives[name])
    for files in groups:
        chosen = next((path.name for path in files if path.name in report.read or path.name in report.reused), None)
        report.notes += [
            f"{path.name}: the same agreement as {chosen} (same name), not read"
            for path in files
            if chosen and path.name != chosen
        ]
    for agreement in agreements:
        _correct(agreement, corrections.get(agreement.file), library)
    report.index.agreements = sorted(agreements, key=date_order)
    report.seconds = time.perf_counter() - started
    return report


def _unchanged(path: Path, stored: IndexedAgreement) -> bool:
    try:
        if path.stat().st_size != stored.size:
            return False
        return fingerprint(read_bytes(path, max_bytes=MAX_INPUT_BYTES, what="agreement text")) == stored.fingerprint
    except (BadInput, OSError):
        return False  # read it again: the reader says what is wrong


def _correct(agreement: IndexedAgreement, correction: Correction | None, library: Library) -> None:
    """Apply the folder's corrections to what was guessed (again on every build, so that an
    edited precedents.toml takes effect without reading the texts again)."""
    correction = correction or Correction()
    agreement.partner = correction.partner or agreement.partner_guess
    agreement.precedent = correction.precedent or precedent_of(agreement.partner, library)
    agreement.date = correction.date or agreement.date_guess


def previous_index(path: Path) -> tuple[PrecedentIndex | None, str | None]:
    """The index a build replaces, to reuse what it holds: (None, None) when there is none,
    (None, note) for an older version (read everything again). An existing file that is not
    a precedent index, or a corrupt one, is refused: it is not overwritten."""
    if not path.exists():
        return None, None
    data = read_bytes(path, max_bytes=MAX_INDEX_BYTES, what="precedent index")
    version = index_version(data)
    if version is None:
        raise BadInput(
            Problem(
                str(path),
                None,
                "exists and is not a precedent index: not overwritten (choose another -o, or remove it)",
            )
        )
    if version < FORMAT_VERSION:
        return (
            None,
            f"{path} is an index of version {version}: it is replaced by a version {FORMAT_VERSION} index, "
            "every file read again",
        )
    return parse_index(data, str(path)), None
