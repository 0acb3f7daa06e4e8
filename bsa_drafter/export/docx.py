"""Assembled draft -> DOCX through the docxtpl template in templates/agreement.docx.

The template is read once per process: its body and header are preprocessed with docxtpl's
own tag handling (`{%p %}`, `{{r }}`, `{{p }}`) and compiled in a sandboxed, autoescaping Jinja
environment; every part that does not change between documents is compressed once. Rendering
a draft is then one template render and the compression of the few parts that are its own,
which is what makes batch builds fast. Clause text only ever reaches the template as data:
paragraphs and runs built by `runs.py`.

Paragraph numbers are Word's own list numbers, restarting at 1 under every heading (each run
of numbered paragraphs gets its own list that starts over), so that a paragraph inserted,
deleted or moved in a redline renumbers the others without a tracked change of its own.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from copy import deepcopy
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import jinja2
from jinja2.sandbox import SandboxedEnvironment
from lxml import etree

from bsa_drafter.assemble import AssembledClause, Draft
from bsa_drafter.errors import BadInput, Problem
from bsa_drafter.export.metadata import DocumentInfo, app_properties_xml, core_properties_xml, resolve_author
from bsa_drafter.export.package import SHARED_LEVEL, Member, compress, write_zip
from bsa_drafter.export.runs import markup, paragraph, text_runs
from bsa_drafter.export.typography import curly_quotes
from bsa_drafter.files import atomic_write_bytes, read_bytes
from bsa_drafter.models import Finding
from bsa_drafter.params import format_date
from bsa_drafter.playbook import check_draft
from bsa_drafter.resources import data_dir
from bsa_drafter.textblocks import split_blocks
from bsa_drafter.textsafety import strip_forbidden_chars

DOCUMENT_PART = "word/document.xml"
STYLES_PART = "word/styles.xml"
NUMBERING_PART = "word/numbering.xml"
SETTINGS_PART = "word/settings.xml"
CORE_PART = "docProps/core.xml"
APP_PART = "docProps/app.xml"
MAX_TEMPLATE_BYTES = 50_000_000
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = f"{{{W_NS}}}"

# The kinds of paragraph in the body, and the template style (its styleId) of each.
BLOCK_STYLES = {
    "heading1": "Heading1",  # a Part
    "heading2": "Heading2",  # a subheading
    "opening": "BSAPreambleOpening",  # the Participants named, before the recitals
    "recital": "BSARecital",
    "decision": "BSAPreambleDecision",  # the decision that closes the preamble
    "numbered": "BSANumberedParagraph",  # the first paragraph of a numbered clause
    "paragraph": "BSAParagraph",  # a further paragraph of a clause
    "bullet": "ListBullet",
    "subbullet": "ListBullet2",
    "closing": "BSAClosing",  # "Done at ..."
}
COVER_STYLES = {"heading": "BSAComparisonHeading", "text": "BSAComparisonText", "table": "BSAComparisonTable"}
# numbered paragraphs restart under every heading: list k of a document is w:num FIRST_LIST_ID + k
FIRST_LIST_ID = 1000

SIGNATURE_FORMS: dict[str, tuple[str, str]] = {
    "states": ("For Ukraine:", "For {partner}:"),
    "partner_government": ("For Ukraine:", "For the Government of {partner}:"),
    "governments": ("For the Government of Ukraine:", "For the Government of {partner}:"),
}


def default_template() -> Path:
    return data_dir("templates") / "agreement.docx"


# --- the draft as paragraphs ----------------------------------------------------------------


@dataclass(frozen=True)
class Para:
    """One paragraph as Word will show it: its kind (a key of BLOCK_STYLES), its text, and its
    language where it is not the document's (en-GB): Ukrainian text is marked uk-UA."""

    kind: str
    text: str
    lang: str | None = None


@dataclass(frozen=True)
class Unit:
    """A heading or a whole clause: what a redline pairs between two drafts."""

    key: str
    kind: Literal["heading", "clause"]
    paragraphs: tuple[Para, ...]
    clause: AssembledClause | None = None
    where: str = ""  # for people: "Part II / Maritime security / 1"


_ASCII_SPACE = re.compile(r"[ \t\r\n\f\v]+")


def plain_text(text: str) -> str:
    """A one-line value (a title, a name): forbidden characters removed, line breaks and runs
    of ASCII white space made one space. Unicode spaces (no-break, thin) are kept as typed."""
    return _ASCII_SPACE.sub(" ", strip_forbidden_chars(text)).strip(" ")


def output_text(text: str) -> str:
    """Text as it is printed: XML-safe, with printers' quotes."""
    return curly_quotes(strip_forbidden_chars(text))


def draft_units(draft: Draft) -> list[Unit]:
    """The body of the agreement, heading by heading and clause by clause."""
    units: list[Unit] = []
    preamble = [c.id for c in draft.clauses if c.part == "preamble"]
    part_heading, subheading = "", ""
    for kind, part, clause in draft.walk():
        if clause is None:
            part_heading, subheading = part.heading, ""
            units.append(Unit(f"part:{part.id}", "heading", (Para("heading1", output_text(part.heading)),)))
            continue
        if kind == "subheading":
            subheading = clause.heading
            text = output_text(clause.heading)
            units.append(Unit(f"heading:{part.id}:{clause.heading}", "heading", (Para("heading2", text),)))
            continue
        role = ""
        if part.id == "preamble" and len(preamble) > 1:
            role = "opening" if clause.id == preamble[0] else "decision" if clause.id == preamble[-1] else ""
        paragraphs = tuple(_clause_paragraphs(clause, part.id, role))
        where = " / ".join(x for x in (part_heading, subheading, str(clause.number or "")) if x)
        units.append(Unit(f"clause:{clause.id}", "clause", paragraphs, clause, where))
    return units


def _clause_paragraphs(clause: AssembledClause, part_id: str, role: str) -> list[Para]:
    paragraphs = []
    for index, piece in enumerate(split_blocks(clause.text)):
        text = output_text(piece.text)
        if piece.kind != "paragraph":
            kind = piece.kind
        elif part_id == "closing":
            kind = "closing"
        elif part_id == "preamble":
            kind = role if role and index == 0 else "recital"
        elif index == 0 and clause.number is not None:
            kind = "numbered"
        else:
            kind = "paragraph"
        paragraphs.append(Para(kind, text))
    return paragraphs


class ListNumbers:
    """Hands out the w:num of each numbered paragraph: a new list after every heading."""

    def __init__(self) -> None:
        self.count = 0
        self._open = False

    def heading(self) -> None:
        self._open = False

    def for_paragraph(self, kind: str) -> int:
        if kind != "numbered":
            return 0
        if not self._open:
            self.count += 1
            self._open = True
        return FIRST_LIST_ID + self.count - 1


def title_lines(draft: Draft) -> list[str]:
    """The title stacked as in the UK model: the name of the agreement / between / Ukraine /
    and / the partner."""
    title = output_text(plain_text(draft.title))
    head, between, sides = title.partition(" between ")
    first, conjunction, second = sides.partition(" and ")
    if not (between and conjunction and head and first and second):
        return [title]
    return [head, "between", first, "and", second]


def signature_headings(draft: Draft) -> tuple[str, str]:
    form = draft.values.get("signature_form") or "states"
    left, right = SIGNATURE_FORMS.get(str(form), SIGNATURE_FORMS["states"])
    partner = plain_text(draft.partner_formal_name)
    return output_text(left), output_text(right.format(partner=partner))


def draft_banner(draft: Draft) -> str:
    return draft.banner("en")


def is_working(draft: Draft) -> bool:
    return draft.spec.draft.status != "final"


def signatory_texts(draft: Draft) -> list[dict[str, str]]:
    headings = signature_headings(draft)
    return [
        {
            "heading": heading,
            "name": output_text(plain_text(side["name"])),
            "title": output_text(plain_text(side["title"])),
        }
        for heading, side in zip(headings, draft.signatories)
    ]


@dataclass
class Body:
    """The context of one document, as the template sees it, and what the renderer needs."""

    context: dict[str, Any]
    lists: int
    info: DocumentInfo
    track_revisions: bool


def body_blocks(units: list[Unit], working: bool, lists: ListNumbers) -> list[dict[str, Any]]:
    blocks = []
    for unit in units:
        if unit.kind == "heading":
            lists.heading()
        for para in unit.paragraphs:
            runs = text_runs(para.text, highlight_brackets=working, lang=para.lang)
            xml = paragraph(BLOCK_STYLES[para.kind], runs, list_id=lists.for_paragraph(para.kind), lang=para.lang)
            blocks.append({"style": para.kind, "xml": markup(xml)})
    return blocks


def document_info(
    draft: Draft, *, author: str | None = None, when: dt.datetime | None = None, description: str = ""
) -> DocumentInfo:
    meta = draft.spec.draft
    status = "Final" if meta.status == "final" else "Working draft"
    return DocumentInfo(
        title=plain_text(draft.title),
        subject=f"{plain_text(draft.partner)}, round {meta.round}",
        author=plain_text(resolve_author(author, draft.values.get("document_author"))),
        description=description or f"{status}, round {meta.round}, {format_date(meta.date)}",
        status=status,
        created=when or dt.datetime.now(dt.timezone.utc),
    )


def draft_body(draft: Draft, *, author: str | None = None, when: dt.datetime | None = None) -> Body:
    """Everything the template may use (documented in templates/README.md)."""
    working = is_working(draft)
    lists = ListNumbers()
    blocks = body_blocks(draft_units(draft), working, lists)
    signatories = [
        {key: markup(text_runs(value, highlight_brackets=working and key != "heading")) for key, value in side.items()}
        for side in signatory_texts(draft)
    ]
    context = {
        "title": plain_text(draft.title),
        "title_runs": markup("<w:r><w:br/></w:r>".join(text_runs(line) for line in title_lines(draft))),
        "partner_name": plain_text(draft.partner),
        "partner_formal_name": plain_text(draft.partner_formal_name),
        "draft_banner": markup(text_runs(draft_banner(draft))),
        "status": draft.spec.draft.status,
        "round": draft.spec.draft.round,
        "date": format_date(draft.spec.draft.date),
        "cover": markup(""),
        "blocks": blocks,
        "signatories": signatories,
    }
    return Body(context, lists.count, document_info(draft, author=author, when=when), track_revisions=working)


def expected_paragraph_texts(draft: Draft) -> list[str]:
    """The body paragraphs Word shows for this draft: the title (its lines stacked), then the
    paragraphs of the agreement. Paragraph numbers are list numbers, not text."""
    texts = ["\n".join(title_lines(draft))]
    for unit in draft_units(draft):
        texts.extend(para.text for para in unit.paragraphs)
    return texts


# --- the template ---------------------------------------------------------------------------


def _safe_xml(data: bytes) -> etree._Element:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    root = etree.fromstring(data, parser)
    if root.getroottree().docinfo.doctype:
        raise ValueError("a DOCTYPE is not allowed")
    return root


_EMPTY_RUN = re.compile(
    r'<w:r>(?:<w:rPr>(?:(?!</w:rPr>).)*</w:rPr>)?<w:t(?: xml:space="preserve")?></w:t></w:r>', re.DOTALL
)
# settings that come before w:trackRevisions in the schema's order
_BEFORE_TRACK_REVISIONS = set(
    """writeProtection view zoom removePersonalInformation removeDateAndTime doNotDisplayPageBoundaries
    displayBackgroundShape printPostScriptOverText printFractionalCharacterWidth printFormsData embedTrueTypeFonts
    embedSystemFonts saveSubsetFonts saveFormsData mirrorMargins alignBordersAndEdges bordersDoNotSurroundHeader
    bordersDoNotSurroundFooter gutterAtTop hideSpellingErrors hideGrammaticalErrors activeWritingStyle proofState
    formsDesign attachedTemplate linkStyles stylePaneFormatFilter stylePaneSortMethod documentType mailMerge
    revisionView trackRevisions""".split()
)


class TemplateRenderer:
    """A docxtpl template read once; `render` turns a Body into DOCX bytes."""

    def __init__(self, template_path: Path | str | None = None):
        from docxtpl import DocxTemplate

        self.path = Path(template_path) if template_path else default_template()
        self.label = str(self.path)
        raw = read_bytes(self.path, max_bytes=MAX_TEMPLATE_BYTES, what="DOCX template")
        try:
            archive = zipfile.ZipFile(io.BytesIO(raw))
            members = [(info.filename, archive.read(info)) for info in archive.infolist() if not info.is_dir()]
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError, NotImplementedError):
            raise BadInput(
                Problem(self.label, None, "the template is not a DOCX file (not a readable zip package)")
            ) from None
        parts = dict(members)
        if DOCUMENT_PART not in parts:
            raise BadInput(Problem(self.label, None, f"the template has no {DOCUMENT_PART}: expected a Word document"))
        self._check_styles(parts)
        preprocessor = DocxTemplate(io.BytesIO(raw))
        environment = SandboxedEnvironment(autoescape=True, undefined=jinja2.StrictUndefined)
        self.order = [name for name, _ in members]
        self.templates: dict[str, jinja2.Template] = {}
        self.fixed: dict[str, Member] = {}
        self.sources: dict[str, list[str]] = {}
        for name, data in members:
            if name.endswith(".xml") and (b"{{" in data or b"{%" in data) and name not in (CORE_PART, APP_PART):
                self.templates[name] = self._compile(environment, preprocessor, name, data)
            elif name == APP_PART:
                self.fixed[name] = compress(name, app_properties_xml(), SHARED_LEVEL)
            elif name not in (CORE_PART, NUMBERING_PART, SETTINGS_PART):
                self.fixed[name] = compress(name, data, SHARED_LEVEL)
        if "block.xml" not in "".join(self.sources.get(DOCUMENT_PART, [])):
            raise BadInput(
                Problem(
                    self.label,
                    None,
                    "the template body has no {{p block.xml }} inside {%p for block in blocks %}"
                    " (see templates/README.md)",
                )
            )
        self.cover_section = self._cover_section(parts[DOCUMENT_PART])
        self.numbering = parts.get(NUMBERING_PART)
        self.numbered_list = self._numbered_abstract(parts)
        settings = parts.get(SETTINGS_PART)
        self.settings = {}
        if settings is not None:
            for tracked in (False, True):
                self.settings[tracked] = compress(SETTINGS_PART, self._settings(settings, tracked), SHARED_LEVEL)

    # -- loading

    def _compile(self, environment: SandboxedEnvironment, preprocessor: Any, name: str, data: bytes) -> jinja2.Template:
        try:
            source = preprocessor.patch_xml(data.decode("utf-8"))
        except UnicodeDecodeError:
            raise BadInput(Problem(self.label, None, f"{name} is not UTF-8 XML")) from None
        source = _EMPTY_RUN.sub("", source)  # docxtpl leaves empty runs around {{r }} tags
        # one paragraph per line, so that an error's line number says which paragraph it is in
        source = re.sub(r"<w:p([ >])", r"\n<w:p\1", source)
        self.sources[name] = source.split("\n")
        try:
            return environment.from_string(source)
        except jinja2.TemplateSyntaxError as exc:
            raise BadInput(self._problem(name, exc.lineno, exc.message or str(exc))) from None

    def _problem(self, part: str, line: int | None, message: str) -> Problem:
        lines = self.sources.get(part, [])
        tags = ""
        if line and 0 < line <= len(lines):
            # the tags on that line, as written; an unclosed one up to the XML that follows it
            found = re.findall(r"\{\{[^<]*?\}\}|\{%[^<]*?%\}|\{[{%][^<]*", lines[line - 1])
            tags = f" (in: {' '.join(found)[:200]})" if found else ""
        return Problem(self.label, line, f"{part}: {message}{tags}")

    def _check_styles(self, parts: dict[str, bytes]) -> None:
        if STYLES_PART not in parts:
            raise BadInput(Problem(self.label, None, f"the template has no {STYLES_PART}"))
        try:
            root = _safe_xml(parts[STYLES_PART])
        except (etree.XMLSyntaxError, ValueError) as exc:
            raise BadInput(Problem(self.label, None, f"{STYLES_PART}: {exc}")) from None
        present = {style.get(f"{_W}styleId") for style in root.iter(f"{_W}style")}
        missing = sorted(set(BLOCK_STYLES.values()) - present)
        if missing:
            raise BadInput(
                Problem(
                    self.label,
                    None,
                    f"the template lacks the paragraph styles {', '.join(missing)} (see templates/README.md)",
                )
            )
        self.styles_root = root

    def _cover_section(self, document: bytes) -> str:
        """Section properties for a first page of its own (a redline's comparison): the
        template's page, without its header, footer and page numbering."""
        try:
            root = _safe_xml(document)
        except (etree.XMLSyntaxError, ValueError) as exc:
            raise BadInput(Problem(self.label, None, f"{DOCUMENT_PART}: {exc}")) from None
        section = root.find(f"{_W}body/{_W}sectPr")
        if section is None:
            return "<w:sectPr/>"
        section = deepcopy(section)
        for child in list(section):
            if etree.QName(child).localname in ("headerReference", "footerReference", "pgNumType", "titlePg"):
                section.remove(child)
        return re.sub(r' xmlns:\w+="[^"]*"', "", etree.tostring(section, encoding="unicode"))

    def _numbered_abstract(self, parts: dict[str, bytes]) -> str | None:
        """The abstract list behind the numbered-paragraph style: each document's lists restart it."""
        style = next(
            (s for s in self.styles_root.iter(f"{_W}style") if s.get(f"{_W}styleId") == BLOCK_STYLES["numbered"]), None
        )
        num = style.find(f"{_W}pPr/{_W}numPr/{_W}numId") if style is not None else None
        if num is None or self.numbering is None:
            raise BadInput(
                Problem(self.label, None, "the numbered-paragraph style (BSA Numbered Paragraph) has no list numbering")
            )
        try:
            root = _safe_xml(self.numbering)
        except (etree.XMLSyntaxError, ValueError) as exc:
            raise BadInput(Problem(self.label, None, f"{NUMBERING_PART}: {exc}")) from None
        for instance in root.iter(f"{_W}num"):
            number = instance.get(f"{_W}numId", "")
            if not number.isdigit() or int(number) >= FIRST_LIST_ID:
                raise BadInput(
                    Problem(
                        self.label,
                        None,
                        f"{NUMBERING_PART}: list ids are numbers below {FIRST_LIST_ID} (got {number!r})",
                    )
                )
            if instance.get(f"{_W}numId") == num.get(f"{_W}val"):
                abstract = instance.find(f"{_W}abstractNumId")
                if abstract is not None:
                    return abstract.get(f"{_W}val")
        raise BadInput(
            Problem(self.label, None, f"{NUMBERING_PART}: the list of the numbered-paragraph style is missing")
        )

    def _settings(self, data: bytes, tracked: bool) -> bytes:
        try:
            root = _safe_xml(data)
        except (etree.XMLSyntaxError, ValueError) as exc:
            raise BadInput(Problem(self.label, None, f"{SETTINGS_PART}: {exc}")) from None
        for old in root.findall(f"{_W}trackRevisions"):
            root.remove(old)
        if tracked:
            position = 0
            for index, child in enumerate(root):
                if etree.QName(child).localname in _BEFORE_TRACK_REVISIONS:
                    position = index + 1
            root.insert(position, etree.Element(f"{_W}trackRevisions"))
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)

    # -- rendering

    def numbering_xml(self, lists: int) -> bytes:
        restarts = "".join(
            f'<w:num w:numId="{FIRST_LIST_ID + k}"><w:abstractNumId w:val="{self.numbered_list}"/>'
            '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'
            for k in range(lists)
        ).encode("ascii")
        data = self.numbering or b""
        anchor = data.find(b"<w:numIdMacAtCleanup")
        if anchor < 0:
            anchor = data.rfind(b"</w:numbering>")
        return data[:anchor] + restarts + data[anchor:]

    def render_part(self, name: str, context: dict[str, Any]) -> bytes:
        try:
            return self.templates[name].render(context).encode("utf-8")
        except jinja2.TemplateError as exc:  # unknown variables, what the sandbox forbids ...
            raise BadInput(self._problem(name, _template_line(exc), exc.message or str(exc))) from None
        except Exception as exc:  # 1/0, a range too big: the template's own expressions
            raise BadInput(self._problem(name, _template_line(exc), f"{type(exc).__name__}: {exc}")) from None

    def render(self, body: Body, *, check: bool = False) -> bytes:
        members = []
        for name in self.order:
            if name in self.templates:
                data = self.render_part(name, body.context)
                if check:
                    self._check_rendered(name, data)
                members.append(compress(name, data))
            elif name == CORE_PART:
                members.append(compress(name, core_properties_xml(body.info)))
            elif name == NUMBERING_PART:
                members.append(compress(name, self.numbering_xml(body.lists)))
            elif name == SETTINGS_PART:
                members.append(self.settings[body.track_revisions])
            else:
                members.append(self.fixed[name])
        return write_zip(members)

    def _check_rendered(self, name: str, data: bytes) -> None:
        try:
            _safe_xml(data)
        except (etree.XMLSyntaxError, ValueError) as exc:
            raise BadInput(
                Problem(
                    self.label,
                    None,
                    f"{name}: the template produces broken XML ({exc}); a runs value needs {{{{r ...}}}}",
                )
            ) from None


def _template_line(exc: BaseException) -> int | None:
    """The template line a render error happened on: Jinja marks its frames '<template>'."""
    line = getattr(exc, "lineno", None)
    trace = exc.__traceback__
    while trace is not None:
        if trace.tb_frame.f_code.co_filename == "<template>":
            line = trace.tb_lineno
        trace = trace.tb_next
    return line


@lru_cache(maxsize=4)
def renderer_for(template_path: str | None = None) -> TemplateRenderer:
    return TemplateRenderer(template_path)


# --- export ---------------------------------------------------------------------------------


class ExportRefused(Exception):
    """The draft has error-level findings and the caller did not allow them."""

    def __init__(self, errors: list[Finding]):
        self.errors = errors
        super().__init__(f"the draft has {len(errors)} error-level finding(s)")


def error_findings(draft: Draft) -> list[Finding]:
    return [f for f in check_draft(draft).findings if f.severity == "error"]


def render_draft(
    draft: Draft,
    renderer: TemplateRenderer | None = None,
    *,
    author: str | None = None,
    when: dt.datetime | None = None,
    check: bool = False,
) -> bytes:
    return (renderer or renderer_for(None)).render(draft_body(draft, author=author, when=when), check=check)


def export_draft(
    draft: Draft,
    path: Path | str,
    *,
    allow_errors: bool = False,
    renderer: TemplateRenderer | None = None,
    author: str | None = None,
    check: bool = True,
) -> Path:
    """Check, render and write atomically. Refuses a draft with errors unless allowed."""
    if not allow_errors:
        errors = error_findings(draft)
        if errors:
            raise ExportRefused(errors)
    return atomic_write_bytes(Path(path), render_draft(draft, renderer, author=author, check=check))
