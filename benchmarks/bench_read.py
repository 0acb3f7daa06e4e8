"""Reading speed: the lxml DOCX reader against python-docx's paragraph text, and pypdfium2
against pypdf for the signed PDFs. Comparisons are interleaved in one process; medians.

Needs ../shared/reference/agreements (the reference agreements) beside the repository.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _timing import median_ms  # noqa: E402

from bsa_drafter.ingest import read_document  # noqa: E402
from bsa_drafter.reading.docx import read_docx_content, view_paragraphs  # noqa: E402
from bsa_drafter.reading.pdf import _pdfium_text, _pypdf_text  # noqa: E402

HERE = Path(__file__).resolve().parent
REFERENCE = next(
    (
        f / "shared" / "reference" / "agreements"
        for f in HERE.parents
        if (f / "shared" / "reference" / "agreements").is_dir()
    ),
    None,
)
RUNS = 15


def python_docx_text(data: bytes) -> list[str]:
    """What the project read before: python-docx paragraphs and table cells."""
    import docx

    document = docx.Document(io.BytesIO(data))
    return [p.text for p in document.paragraphs] + [
        c.text for t in document.tables for row in t.rows for c in row.cells
    ]


def main() -> None:
    if REFERENCE is None:
        print("reference texts not found")
        return
    print(f"# reading: median of {RUNS} runs, interleaved")
    print("| file | words | before | now | ratio |")
    print("|---|---|---|---|---|")
    for name in ("united_states.docx", "netherlands.docx"):
        data = (REFERENCE / name).read_bytes()
        words = sum(len(p.text.split()) for p in read_document(REFERENCE / name).paragraphs)
        old = median_ms(lambda: python_docx_text(data), RUNS)
        new = median_ms(lambda: list(view_paragraphs(read_docx_content(data, name), "proposed")), RUNS)
        whole = median_ms(lambda: read_document(REFERENCE / name), RUNS)
        print(
            f"| {name}: python-docx paragraph text vs the lxml pass (both views' data, one view's paragraphs) "
            f"| {words} | {old:.1f} ms | {new:.1f} ms | {old / new:.1f}x |"
        )
        print(f"| {name}: whole read_document now (structure, language, revisions, comments) | | | {whole:.1f} ms | |")
    for name in ("uk.pdf", "sweden.pdf", "germany.pdf", "japan.pdf"):
        data = (REFERENCE / name).read_bytes()
        old_words, new_words = len(_pypdf_text(data, name).split()), len(_pdfium_text(data, name).split())
        old = median_ms(lambda: _pypdf_text(data, name), 5, warmup=1)
        new = median_ms(lambda: _pdfium_text(data, name), 5, warmup=1)
        print(
            f"| {name}: pypdf vs pypdfium2 text | {old_words} / {new_words} "
            f"| {old:.0f} ms | {new:.0f} ms | {old / new:.1f}x |"
        )


if __name__ == "__main__":
    main()
