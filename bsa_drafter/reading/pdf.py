"""The text layer of a signed PDF.

pypdfium2 (PDFium, the engine of Chrome's viewer) reads the same words as pypdf about fourteen
times faster on the reference agreements, and does not split words that pypdf splits. It marks
a hyphen at the end of a line as U+FFFE and joins the two halves: the hyphen is put back, and
the line-wrap repair of plain text does the rest. pypdf is used only where pypdfium2 cannot
be imported.
"""

from __future__ import annotations

import io

from bsa_drafter.errors import BadInput, Problem

_LINE_END_HYPHEN = "\ufffe"


def pdf_text(data: bytes, label: str) -> str:
    if not data.startswith(b"%PDF"):
        raise BadInput(Problem(label, None, "not a PDF file (no %PDF header)"))
    try:
        import pypdfium2  # noqa: F401
    except ImportError:
        text = _pypdf_text(data, label)
    else:
        text = _pdfium_text(data, label)
    if len(text.split()) < 5:
        raise BadInput(
            Problem(label, None, "the PDF has no text layer (a scanned image?): run OCR on it, or ask for the DOCX")
        )
    return text


def _pdfium_text(data: bytes, label: str) -> str:
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        message = str(exc).lower()
        if "password" in message or "security" in message:
            raise BadInput(
                Problem(label, None, "encrypted PDF: it needs a password; save an unprotected copy")
            ) from None
        raise BadInput(Problem(label, None, f"corrupt PDF: {exc}")) from None
    pages = []
    try:
        for index in range(len(document)):
            page = document[index]
            text_page = page.get_textpage()
            try:
                pages.append(text_page.get_text_range())
            finally:
                text_page.close()
                page.close()
    except pdfium.PdfiumError as exc:
        raise BadInput(Problem(label, None, f"unreadable PDF page: {exc}")) from None
    finally:
        document.close()
    return "\n".join(pages).replace(_LINE_END_HYPHEN, "-")


def _pypdf_text(data: bytes, label: str) -> str:
    import logging

    import pypdf
    from pypdf.errors import PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")
            except Exception:
                opened = 0
            if not opened:
                raise BadInput(Problem(label, None, "encrypted PDF: it needs a password; save an unprotected copy"))
        return "\n".join(page.extract_text() or "" for page in reader.pages)
    except BadInput:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise BadInput(Problem(label, None, f"corrupt PDF: {exc}")) from None
    except Exception as exc:  # pypdf has many internal error types for broken files
        raise BadInput(Problem(label, None, f"unreadable PDF ({type(exc).__name__}: {exc})")) from None
