"""Assembled draft -> DOCX through the docxtpl template in templates/agreement.docx.

The template is parsed once per process: its XML parts are preprocessed with docxtpl's own
tag handling (`{%p %}`, `{{r }}` ...) and compiled in a sandboxed, autoescaping Jinja
environment. Rendering a draft is then one template render per part and a zip copy of the
rest of the package, which is what makes batch builds fast. Clause text only ever reaches
the template as data.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable

from jinja2.sandbox import SandboxedEnvironment

from bsa_drafter.assemble import Draft
from bsa_drafter.errors import BadInput, Problem
from bsa_drafter.export.runs import markup, text_runs
from bsa_drafter.files import atomic_write_bytes
from bsa_drafter.models import Finding
from bsa_drafter.params import format_date
from bsa_drafter.playbook import check_draft
from bsa_drafter.resources import data_dir
from bsa_drafter.textblocks import split_blocks
from bsa_drafter.textsafety import strip_forbidden_chars

DOCUMENT_PART = "word/document.xml"


def default_template() -> Path:
    return data_dir("templates") / "agreement.docx"


@dataclass(frozen=True)
class Block:
    """One paragraph of the body: its identity across drafts, its style key and its text."""

    key: str
    style: str
    text: str


def draft_blocks(draft: Draft) -> list[Block]:
    """The body of the agreement, paragraph by paragraph, as Word will show it."""
    blocks: list[Block] = []
    for kind, part, clause in draft.walk():
        if clause is None:
            blocks.append(Block(f"part:{part.id}", "heading1", part.heading))
            continue
        if kind == "subheading":
            blocks.append(Block(f"heading:{part.id}:{clause.heading}", "heading2", clause.heading))
            continue
        for index, piece in enumerate(split_blocks(clause.text)):
            key = f"clause:{clause.id}:{index}"
            if piece.kind != "paragraph":
                blocks.append(Block(key, piece.kind, piece.text))
            elif part.id == "closing":
                blocks.append(Block(key, "closing", piece.text))
            elif index == 0 and clause.number is not None:
                blocks.append(Block(key, "numbered", f"{clause.number}.\t{piece.text}"))
            elif part.id == "preamble":
                blocks.append(Block(key, "recital", piece.text))
            else:
                blocks.append(Block(key, "paragraph", piece.text))
    return blocks


def plain_text(text: str) -> str:
    """A one-line value for a plain template variable: escaping alone does not remove the
    characters XML forbids, and a line break has no place in a title."""
    return " ".join(strip_forbidden_chars(text).split())


def signature_heading(side: str) -> str:
    return f"For {plain_text(side)}:"


def draft_banner(draft: Draft) -> str:
    return draft.banner("en")


def draft_context(draft: Draft, blocks: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """Everything the template may use (documented in templates/README.md)."""
    working = draft.spec.draft.status != "final"
    if blocks is None:
        blocks = [{"style": b.style, "runs": markup(text_runs(b.text, highlight_brackets=working))} for b in draft_blocks(draft)]
    signatories = [
        {
            "side": plain_text(s["side"]),
            "heading": markup(text_runs(signature_heading(s["side"]))),
            "name": markup(text_runs(s["name"], highlight_brackets=working)),
            "title": markup(text_runs(s["title"], highlight_brackets=working)),
        }
        for s in draft.signatories
    ]
    clean = plain_text
    return {
        "title": clean(draft.title),
        "title_runs": markup(text_runs(clean(draft.title))),
        "partner_name": clean(draft.partner),
        "partner_formal_name": clean(draft.partner_formal_name),
        "draft_banner": clean(draft_banner(draft)),
        "status": draft.spec.draft.status,
        "round": draft.spec.draft.round,
        "date": format_date(draft.spec.draft.date),
        "blocks": blocks,
        "signatories": signatories,
    }


def expected_paragraph_texts(draft: Draft) -> list[str]:
    """The body paragraphs Word will show for this draft (title, then the blocks)."""
    return [plain_text(draft.title)] + [strip_forbidden_chars(block.text) for block in draft_blocks(draft)]


class TemplateRenderer:
    """A docxtpl template parsed once; `render` turns a context into DOCX bytes."""

    def __init__(self, template_path: Path | str | None = None):
        from docxtpl import DocxTemplate

        path = Path(template_path) if template_path else default_template()
        if not path.is_file():
            raise BadInput(Problem(str(path), None, "template not found: expected a .docx file (see templates/README.md)"))
        raw = path.read_bytes()
        try:
            archive = zipfile.ZipFile(io.BytesIO(raw))
            self.members = [(info, archive.read(info)) for info in archive.infolist()]
        except zipfile.BadZipFile:
            raise BadInput(Problem(str(path), None, "the template is not a DOCX file")) from None
        preprocessor = DocxTemplate(io.BytesIO(raw))
        environment = SandboxedEnvironment(autoescape=True)
        self.templates = {}
        for info, data in self.members:
            if info.filename.endswith(".xml") and (b"{{" in data or b"{%" in data):
                self.templates[info.filename] = environment.from_string(preprocessor.patch_xml(data.decode("utf-8")))
        if DOCUMENT_PART not in self.templates:
            raise BadInput(Problem(str(path), None, "the template has no tags in its body: expected {% for block in blocks %} ..."))

    def render(self, context: dict[str, Any], postprocess: Callable[[str, bytes], bytes] | None = None) -> bytes:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for info, data in self.members:
                template = self.templates.get(info.filename)
                if template is not None:
                    data = template.render(context).encode("utf-8")
                    if postprocess is not None:
                        data = postprocess(info.filename, data)
                copy = zipfile.ZipInfo(info.filename, date_time=info.date_time)
                copy.compress_type = zipfile.ZIP_DEFLATED
                copy.external_attr = info.external_attr
                archive.writestr(copy, data)
        return buffer.getvalue()


@lru_cache(maxsize=4)
def renderer_for(template_path: str | None = None) -> TemplateRenderer:
    return TemplateRenderer(template_path)


class ExportRefused(Exception):
    """The draft has error-level findings and the caller did not allow them."""

    def __init__(self, errors: list[Finding]):
        self.errors = errors
        super().__init__(f"the draft has {len(errors)} error-level finding(s)")


def error_findings(draft: Draft) -> list[Finding]:
    return [f for f in check_draft(draft).findings if f.severity == "error"]


def render_draft(draft: Draft, renderer: TemplateRenderer | None = None) -> bytes:
    return (renderer or renderer_for(None)).render(draft_context(draft))


def export_draft(draft: Draft, path: Path | str, *, allow_errors: bool = False, renderer: TemplateRenderer | None = None) -> Path:
    """Check, render and write atomically. Refuses a draft with errors unless allowed."""
    if not allow_errors:
        errors = error_findings(draft)
        if errors:
            raise ExportRefused(errors)
    return atomic_write_bytes(Path(path), render_draft(draft, renderer))


def today() -> dt.date:
    return dt.date.today()
