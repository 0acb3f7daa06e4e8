"""Analysis of real agreement texts: read + detect + map + check, median of repeated runs.

Target: the 6k-word US text (DOCX) under 150 ms once the package is imported, and a Ukrainian
text of the same length likewise. The detector cache is cleared before every run, so each run
reads and scans the file from scratch. The "detectors" column is the scan and the features
alone, on the text already read. Needs ../shared/reference/agreements beside the repository for
the English texts; the Ukrainian one is our library's own Ukrainian (the Montenegro draft, every
other variant of every clause, then the Bulgaria draft), written to a DOCX here.
"""

from __future__ import annotations

import importlib
import re
import sys
import tempfile
import time
from pathlib import Path
from typing import Iterable

from docx import Document as WordDocument

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _timing import median_ms  # noqa: E402

from bsa_drafter.analyze import analyze_file  # noqa: E402
from bsa_drafter.assemble import assemble  # noqa: E402
from bsa_drafter.detectors import detectors_for, extract_features, scan_paragraph  # noqa: E402
from bsa_drafter.detectors.text import Pattern  # noqa: E402
from bsa_drafter.ingest import read_document  # noqa: E402
from bsa_drafter.library import load_library  # noqa: E402
from bsa_drafter.mapping import matcher_for  # noqa: E402
from bsa_drafter.models import ClauseChoice, Library, Paragraph  # noqa: E402
from bsa_drafter.spec import load_draft  # noqa: E402

HERE = Path(__file__).resolve().parent
REFERENCE = next(
    (
        f / "shared" / "reference" / "agreements"
        for f in HERE.parents
        if (f / "shared" / "reference" / "agreements").is_dir()
    ),
    HERE.parent.parent / "shared" / "reference" / "agreements",
)
RUNS = 20


def main() -> None:
    if not REFERENCE.exists():
        print(f"reference texts not found at {REFERENCE}")
        return
    library = load_library()
    matcher_for(library)  # built once per process, like the library itself
    compiled = {language: compile_every_pattern(language) for language in ("en", "uk")}
    print(f"# analyze: median of {RUNS} runs, detector cache cleared before each")
    print(
        f"(compiling every detector pattern, once per process on first use: English {compiled['en']:.1f} ms, "
        f"Ukrainian {compiled['uk']:.1f} ms)"
    )
    print("| file | words | read | detectors | full analysis | target |")
    print("|---|---|---|---|---|---|")
    folder = Path(tempfile.mkdtemp())
    ukrainian = ukrainian_docx(library, folder / "library_uk.docx")
    for name, path in (
        *(
            (name, REFERENCE / name)
            for name in (
                "united_states.docx",
                "netherlands.docx",
                "uk.pdf",
                "sweden.pdf",
                "germany.pdf",
                "japan.pdf",
                "uk.txt",
            )
        ),
        ("our library's Ukrainian (DOCX)", ukrainian),
    ):
        document = read_document(path)
        words = sum(len(p.text.split()) for p in document.paragraphs)

        def detectors() -> None:
            scan_paragraph.cache_clear()
            extract_features(document)

        def full() -> None:
            scan_paragraph.cache_clear()
            analyze_file(path, library)

        runs = RUNS if not name.endswith(".pdf") else 5
        read = median_ms(lambda: read_document(path), runs)
        detect = median_ms(detectors, RUNS)
        target = "< 150 ms" if name == "united_states.docx" or path == ukrainian else ""
        print(f"| {name} | {words} | {read:.1f} ms | {detect:.1f} ms | {median_ms(full, runs):.1f} ms | {target} |")


def ukrainian_docx(library: Library, path: Path) -> Path:
    """A Ukrainian text of about 6k words in our own wording: the Montenegro draft's Ukrainian with
    its Part headings, the Ukrainian of every variant it does not use, and the Bulgaria draft's."""
    _, draft = load_draft(HERE.parent / "examples" / "montenegro.toml", library)
    word = WordDocument()

    def add_draft(paragraphs: Iterable[Paragraph]) -> None:
        for paragraph in paragraphs:
            if paragraph.kind == "heading":
                word.add_heading(paragraph.text, level=1 if " / " not in paragraph.heading else 2)
            else:
                word.add_paragraph(paragraph.text)

    add_draft(draft.document_uk.paragraphs)
    word.add_heading("Додаток 1. Інші варіанти положень", level=1)
    for clause_id, clause in library.clauses.items():
        for variant in clause.variants:
            if draft.clause(clause_id) and draft.clause(clause_id).variant == variant.id:
                continue
            spec = draft.spec.model_copy(deep=True)
            spec.clauses[clause_id] = ClauseChoice(variant=variant.id)
            other = assemble(spec, library).clause(clause_id)
            if other is not None:
                word.add_paragraph(other.text_uk)
    word.add_heading("Додаток 2. Проєкт угоди з Болгарією", level=1)
    add_draft(load_draft(HERE.parent / "examples" / "bulgaria.toml", library)[1].document_uk.paragraphs)
    word.save(path)
    return path


def compile_every_pattern(language: str) -> float:
    """The one-off cost the lazy patterns move from import to first use (milliseconds)."""
    patterns = [
        value
        for detector in detectors_for(language)
        for value in _patterns_in(vars(importlib.import_module(type(detector).__module__)).values())
    ]
    re.purge()
    started = time.perf_counter()
    for pattern in patterns:
        re.compile(pattern.source, pattern.flags)
    return (time.perf_counter() - started) * 1000


def _patterns_in(values: Iterable[object]) -> list[Pattern]:
    found: list[Pattern] = []
    for value in values:
        if isinstance(value, Pattern):
            found.append(value)
        elif isinstance(value, (list, tuple)):
            found.extend(_patterns_in(value))
    return found


if __name__ == "__main__":
    main()
