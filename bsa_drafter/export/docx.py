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

A draft exports in English, in Ukrainian, or in both: side by side in a two-column table (a
working draft) or the English text followed by the Ukrainian one, each with its signatures (as
in a signing copy). Both texts come from the same clauses and their blocks line up by position,
so a paragraph has the same number in both languages. Ukrainian text is marked uk-UA.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from copy import deepcopy
from dataclasses import dataclass
from functools import lru_cache
from itertools import zip_longest
from pathlib import Path
from typing import Any, Literal

import jinja2
from jinja2.sandbox import SandboxedEnvironment
from lxml import etree
from markupsafe import Markup

from bsa_drafter.assemble import AssembledClause, Draft
from bsa_drafter.errors import BadInput, Problem
from bsa_drafter.export.metadata import (
    DOCUMENT_LANGUAGE,
    DocumentInfo,
    app_properties_xml,
    core_properties_xml,
    resolve_author,
)
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
SIGNATURE_STYLES = ("BSASignatureHeading", "BSASignatoryName", "BSASignatoryTitle")
COVER_STYLES = {"heading": "BSAComparisonHeading", "text": "BSAComparisonText", "table": "BSAComparisonTable"}
# numbered paragraphs restart under every heading: list k of a document is w:num FIRST_LIST_ID + k
FIRST_LIST_ID = 1000

SIGNATURE_FORMS: dict[str, tuple[str, str]] = {
    "states": ("For Ukraine:", "For {partner}:"),
    "partner_government": ("For Ukraine:", "For the Government of {partner}:"),
    "governments": ("For the Government of Ukraine:", "For the Government of {partner}:"),
}


Language = Literal["en", "uk", "en+uk"]
Layout = Literal["columns", "sequential"]
UKRAINIAN = "uk-UA"
# what a clause without Ukrainian text shows on the Ukrainian side (highlighted in a working draft)
MISSING_UKRAINIAN = "[український текст відсутній]"


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


def one_line(text: str) -> str:
    """A one-line value (a title, a name): forbidden characters removed, line breaks and runs
    of ASCII white space made one space. Unicode spaces (no-break, thin) are kept as typed."""
    return _ASCII_SPACE.sub(" ", strip_forbidden_chars(text)).strip(" ")


def output_text(text: str) -> str:
    """Text as it is printed: XML-safe, with printers' quotes."""
    return curly_quotes(strip_forbidden_chars(text))


def draft_units(draft: Draft, language: Literal["en", "uk"] = "en") -> list[Unit]:
    """The body of the agreement in one language, heading by heading and clause by clause."""
    units: list[Unit] = []
    preamble = [c.id for c in draft.clauses if c.part == "preamble"]
    part_heading, subheading = "", ""
    lang = UKRAINIAN if language == "uk" else None
    for kind, part, clause in draft.walk():
        if clause is None:
            part_heading, subheading = part.heading, ""
            text = output_text(part.heading_uk if lang else part.heading)
            units.append(Unit(f"part:{part.id}", "heading", (Para("heading1", text, lang),)))
            continue
        if kind == "subheading":
            subheading = clause.heading
            text = output_text(clause.heading_uk if lang and clause.heading_uk else clause.heading)
            units.append(Unit(f"heading:{part.id}:{clause.heading}", "heading", (Para("heading2", text, lang),)))
            continue
        role = ""
        if part.id == "preamble" and len(preamble) > 1:
            role = "opening" if clause.id == preamble[0] else "decision" if clause.id == preamble[-1] else ""
        text = (clause.text_uk if clause.text_uk.strip() else MISSING_UKRAINIAN) if lang else clause.text
        paragraphs = tuple(_clause_paragraphs(clause, text, part.id, role, lang))
        where = " / ".join(x for x in (part_heading, subheading, str(clause.number or "")) if x)
        units.append(Unit(f"clause:{clause.id}", "clause", paragraphs, clause, where))
    return units


def _clause_paragraphs(clause: AssembledClause, text: str, part_id: str, role: str, lang: str | None) -> list[Para]:
    paragraphs = []
    for index, piece in enumerate(split_blocks(text)):
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
        paragraphs.append(Para(kind, text, lang))
    return paragraphs


class ListNumbers:
    """Hands out the w:num of each numbered paragraph: a new list after every heading, and one
    per language where both columns of a table count side by side."""

    def __init__(self) -> None:
        self.count = 0
        self._open: dict[str | None, int] = {}
        # lists of a table's right-hand column: LibreOffice counts every list of one abstract
        # list together when they alternate row by row, so these get an abstract list of their own
        self.right_column: set[int] = set()

    def heading(self) -> None:
        self._open.clear()

    def for_paragraph(self, kind: str, side: str | None = None) -> int:
        if kind != "numbered":
            return 0
        if side not in self._open:
            self.count += 1
            self._open[side] = FIRST_LIST_ID + self.count - 1
            if side == "uk":
                self.right_column.add(self.count - 1)
        return self._open[side]


def title_lines(draft: Draft, language: Literal["en", "uk"] = "en") -> list[str]:
    """The title stacked as in the UK model: the name of the agreement / between / Ukraine /
    and / the partner («між» / «та» in Ukrainian)."""
    words = (" між ", " та ") if language == "uk" else (" between ", " and ")
    title = output_text(one_line(draft.title_uk if language == "uk" else draft.title))
    head, between, sides = title.partition(words[0])
    first, conjunction, second = sides.partition(words[1])
    if not (between and conjunction and head and first and second):
        return [title]
    return [head, words[0].strip(), first, words[1].strip(), second]


def signature_headings(draft: Draft) -> tuple[str, str]:
    form = draft.values.get("signature_form") or "states"
    left, right = SIGNATURE_FORMS.get(str(form), SIGNATURE_FORMS["states"])
    partner = one_line(draft.partner_formal_name)
    return output_text(left), output_text(right.format(partner=partner))


def draft_banner(draft: Draft, language: Literal["en", "uk"] = "en") -> str:
    return draft.banner(language)


def is_working(draft: Draft) -> bool:
    return draft.spec.draft.status != "final"


def signatory_texts(draft: Draft, language: Literal["en", "uk"] = "en") -> list[dict[str, str]]:
    if language == "uk":
        sides = draft.signature_block("uk")
        return [
            {key: output_text(one_line(side[key] + (":" if key == "heading" else ""))) for key in side}
            for side in sides
        ]
    headings = signature_headings(draft)
    return [
        {
            "heading": heading,
            "name": output_text(one_line(side["name"])),
            "title": output_text(one_line(side["title"])),
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
    right_column_lists: frozenset[int] = frozenset()


def body_blocks(units: list[Unit], working: bool, lists: ListNumbers) -> list[dict[str, Any]]:
    blocks = []
    for unit in units:
        if unit.kind == "heading":
            lists.heading()
        for para in unit.paragraphs:
            blocks.append({"style": para.kind, "xml": markup(_paragraph_xml(para, working, lists))})
    return blocks


def _paragraph_xml(para: Para, working: bool, lists: ListNumbers, side: str | None = None) -> str:
    runs = text_runs(para.text, highlight_brackets=working, lang=para.lang)
    # justified text in a half-page column leaves wide gaps between words: a column is set flush left
    list_id = lists.for_paragraph(para.kind, side)
    return paragraph(BLOCK_STYLES[para.kind], runs, list_id=list_id, lang=para.lang, flush_left=side is not None)


_CELL = '<w:tc><w:tcPr><w:tcW w:w="2500" w:type="pct"/></w:tcPr>{}</w:tc>'
_RULE = 'w:val="single" w:sz="4" w:space="0" w:color="A6A6A6"'
_COLUMNS_TABLE = (
    '<w:tbl><w:tblPr><w:tblW w:w="5000" w:type="pct"/><w:tblBorders>'
    + "".join(f"<w:{edge} {_RULE}/>" for edge in ("top", "left", "bottom", "right", "insideH", "insideV"))
    + '</w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="85" w:type="dxa"/>'
    '<w:right w:w="85" w:type="dxa"/></w:tblCellMar></w:tblPr>'
    '<w:tblGrid><w:gridCol w:w="4536"/><w:gridCol w:w="4536"/></w:tblGrid>{}</w:tbl>'
)
COLUMN_HEADINGS = ("English", "Українська")


def columns_table(english: list[Unit], ukrainian: list[Unit], working: bool, lists: ListNumbers) -> str:
    """The working draft side by side: English left, Ukrainian right, one row per paragraph.
    Each language numbers its own column, so that both count 1, 2, 3 under every heading."""
    header = "".join(
        _CELL.format(paragraph(BLOCK_STYLES["heading2"], text_runs(text, lang=lang), lang=lang))
        for text, lang in zip(COLUMN_HEADINGS, (None, UKRAINIAN))
    )
    rows = [f"<w:tr><w:trPr><w:tblHeader/></w:trPr>{header}</w:tr>"]
    for left, right in zip(english, ukrainian, strict=True):
        if left.kind == "heading":
            lists.heading()
        for pair in zip_longest(left.paragraphs, right.paragraphs):
            cells = [
                _paragraph_xml(para, working, lists, side) if para else "<w:p/>"
                for para, side in zip(pair, LANGUAGE_SIDES)
            ]
            # a row keeps the two texts of a paragraph on one page
            rows.append("<w:tr><w:trPr><w:cantSplit/></w:trPr>" + "".join(_CELL.format(c) for c in cells) + "</w:tr>")
    return _COLUMNS_TABLE.format("".join(rows))


LANGUAGE_SIDES = ("en", "uk")
_LINE_BREAK = "<w:r><w:br/></w:r>"


def _runs(text: str, lang: str | None = None, *, highlight_brackets: bool = False) -> str:
    return text_runs(text, highlight_brackets=highlight_brackets, lang=lang)


def _stacked_title(draft: Draft, language: Literal["en", "uk"]) -> str:
    lang = UKRAINIAN if language == "uk" else None
    return _LINE_BREAK.join(_runs(line, lang) for line in title_lines(draft, language))


def _signatories(draft: Draft, languages: tuple[Literal["en", "uk"], ...], working: bool) -> list[dict[str, Markup]]:
    """Both sides of the signature table, each line in the given languages, one under the other."""
    per_language = [signatory_texts(draft, language) for language in languages]
    sides = []
    for index in range(2):
        side = {}
        for key in ("heading", "name", "title"):
            highlight = working and key != "heading"
            lines = [
                _runs(texts[index][key], UKRAINIAN if language == "uk" else None, highlight_brackets=highlight)
                for language, texts in zip(languages, per_language)
            ]
            side[key] = markup(_LINE_BREAK.join(lines))
        sides.append(side)
    return sides


def _banner(draft: Draft, languages: tuple[Literal["en", "uk"], ...]) -> Markup:
    lines = [_runs(draft_banner(draft, language), UKRAINIAN if language == "uk" else None) for language in languages]
    return markup(_LINE_BREAK.join(line for line in lines if line))


def document_info(
    draft: Draft,
    *,
    author: str | None = None,
    when: dt.datetime | None = None,
    description: str = "",
    language: Literal["en", "uk"] = "en",
) -> DocumentInfo:
    meta = draft.spec.draft
    status = "Final" if meta.status == "final" else "Working draft"
    return DocumentInfo(
        title=one_line(draft.title_uk if language == "uk" else draft.title),
        subject=f"{one_line(draft.partner)}, round {meta.round}",
        author=one_line(resolve_author(author, draft.values.get("document_author"))),
        description=description or f"{status}, round {meta.round}, {format_date(meta.date)}",
        status=status,
        created=when or dt.datetime.now(dt.timezone.utc),
        language=UKRAINIAN if language == "uk" else DOCUMENT_LANGUAGE,
    )


def draft_body(
    draft: Draft,
    *,
    author: str | None = None,
    when: dt.datetime | None = None,
    language: Language = "en",
    layout: Layout = "columns",
) -> Body:
    """Everything the template may use (documented in templates/README.md)."""
    working = is_working(draft)
    lists = ListNumbers()
    main: Literal["en", "uk"] = "uk" if language == "uk" else "en"
    both: tuple[Literal["en", "uk"], ...] = ("en", "uk")
    signing = (main,)  # the languages of the signature table that ends the document
    if language == "en+uk" and layout == "columns":
        table = columns_table(draft_units(draft), draft_units(draft, "uk"), working, lists)
        blocks = [{"style": "columns", "xml": markup(table)}]
        title = _stacked_title(draft, "en") + _LINE_BREAK * 2 + _stacked_title(draft, "uk")
        signing = both
    elif language == "en+uk":
        # the English text with its signatures, then on a new page the Ukrainian one with its own
        blocks = body_blocks(draft_units(draft), working, lists)
        blocks.append({"style": "signatures", "signatories": _signatories(draft, ("en",), working)})
        title_uk = paragraph("Title", _stacked_title(draft, "uk"), lang=UKRAINIAN, new_page=True)
        blocks.append({"style": "title", "xml": markup(title_uk)})
        lists.heading()
        blocks.extend(body_blocks(draft_units(draft, "uk"), working, lists))
        title = _stacked_title(draft, "en")
        signing = ("uk",)
    else:
        blocks = body_blocks(draft_units(draft, main), working, lists)
        title = _stacked_title(draft, main)
    context = {
        "title": one_line(draft.title_uk if main == "uk" else draft.title),
        "title_runs": markup(title),
        "partner_name": one_line(draft.partner),
        "partner_formal_name": one_line(draft.partner_formal_name),
        "draft_banner": _banner(draft, both if language == "en+uk" else (main,)),
        "status": draft.spec.draft.status,
        "round": draft.spec.draft.round,
        "date": format_date(draft.spec.draft.date),
        "cover": markup(""),
        "blocks": blocks,
        "signatories": _signatories(draft, signing, working),
    }
    info = document_info(draft, author=author, when=when, language=main)
    return Body(context, lists.count, info, track_revisions=working, right_column_lists=frozenset(lists.right_column))


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
        self.signature_table = self._signature_table(environment)
        self.cover_section = self._cover_section(parts[DOCUMENT_PART])
        self.numbering = parts.get(NUMBERING_PART)
        self.numbered_list = self._numbered_abstract(parts)
        self.right_column_list = self._right_column_abstract()
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

    def _signature_table(self, environment: SandboxedEnvironment) -> jinja2.Template | None:
        """The template's signature table on its own, for a text that carries its signatures
        before another language's text begins (a signing copy in two languages)."""
        source = "".join(self.sources[DOCUMENT_PART])
        for table in re.findall(r"<w:tbl>(?:(?!<w:tbl>).)*?</w:tbl>", source, re.DOTALL):
            if "signatories" in table:
                return environment.from_string(table)
        return None

    def signature_xml(self, signatories: list[dict[str, Markup]]) -> str:
        """One language's signatures as the template lays them out (or, in a template without a
        signature table, as paragraphs of its signature styles)."""
        if self.signature_table is None:
            return "".join(
                paragraph(style, side[key])
                for side in signatories
                for key, style in zip(("heading", "name", "title"), SIGNATURE_STYLES)
            )
        try:
            return self.signature_table.render({"signatories": signatories})
        except jinja2.TemplateError as exc:
            raise BadInput(self._problem(DOCUMENT_PART, None, f"the signature table: {exc.message or exc}")) from None

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

    def numbering_xml(self, lists: int, right_column: frozenset[int] = frozenset()) -> bytes:
        restarts = "".join(
            f'<w:num w:numId="{FIRST_LIST_ID + k}">'
            f'<w:abstractNumId w:val="{self.right_column_list[0] if k in right_column else self.numbered_list}"/>'
            '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'
            for k in range(lists)
        ).encode("ascii")
        data = self.numbering or b""
        anchor = data.find(b"<w:numIdMacAtCleanup")
        if anchor < 0:
            anchor = data.rfind(b"</w:numbering>")
        data = data[:anchor] + restarts + data[anchor:]
        if right_column:  # abstract lists come before the lists that use them
            first = data.find(b"<w:num ")
            data = data[:first] + self.right_column_list[1] + data[first:]
        return data

    def _right_column_abstract(self) -> tuple[str, bytes]:
        """A copy of the numbered-paragraph abstract list under a new id (and list signature)."""
        root = _safe_xml(self.numbering or b"<w:numbering/>")
        abstracts = list(root.iter(f"{_W}abstractNum"))
        ids = [a.get(f"{_W}abstractNumId", "") for a in abstracts]
        new_id = str(max([int(i) for i in ids if i.isdigit()] + [0]) + 1)
        source = next(a for a in abstracts if a.get(f"{_W}abstractNumId") == self.numbered_list)
        copy = deepcopy(source)
        copy.set(f"{_W}abstractNumId", new_id)
        for child in list(copy):
            if etree.QName(child).localname in ("nsid", "tmpl", "styleLink", "numStyleLink", "name"):
                copy.remove(child)
        for style in copy.iter(f"{_W}pStyle"):
            style.getparent().remove(style)
        xml = re.sub(r' xmlns:\w+="[^"]*"', "", etree.tostring(copy, encoding="unicode"))
        return new_id, xml.encode("utf-8")

    def render_part(self, name: str, context: dict[str, Any]) -> bytes:
        try:
            return self.templates[name].render(context).encode("utf-8")
        except jinja2.TemplateError as exc:  # unknown variables, what the sandbox forbids ...
            raise BadInput(self._problem(name, _template_line(exc), exc.message or str(exc))) from None
        except Exception as exc:  # 1/0, a range too big: the template's own expressions
            raise BadInput(self._problem(name, _template_line(exc), f"{type(exc).__name__}: {exc}")) from None

    def render(self, body: Body, *, check: bool = False) -> bytes:
        context = body.context
        if any("signatories" in block for block in context["blocks"]):
            blocks = [
                {"style": block["style"], "xml": markup(self.signature_xml(block["signatories"]))}
                if "signatories" in block
                else block
                for block in context["blocks"]
            ]
            context = {**context, "blocks": blocks}
        members = []
        for name in self.order:
            if name in self.templates:
                data = self.render_part(name, context)
                if check:
                    self._check_rendered(name, data)
                members.append(compress(name, data))
            elif name == CORE_PART:
                members.append(compress(name, core_properties_xml(body.info)))
            elif name == NUMBERING_PART:
                members.append(compress(name, self.numbering_xml(body.lists, body.right_column_lists)))
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
    language: Language = "en",
    layout: Layout = "columns",
) -> bytes:
    body = draft_body(draft, author=author, when=when, language=language, layout=layout)
    return (renderer or renderer_for(None)).render(body, check=check)


def translation_gaps(draft: Draft, language: Language) -> list[AssembledClause]:
    """The clauses whose Ukrainian text an export in `language` prints although it is missing
    or not known to match the English (bilingual.translation_state)."""
    if language == "en":
        return []
    return [clause for clause in draft.clauses if clause.stale is not None]


def export_draft(
    draft: Draft,
    path: Path | str,
    *,
    allow_errors: bool = False,
    renderer: TemplateRenderer | None = None,
    author: str | None = None,
    check: bool = True,
    language: Language = "en",
    layout: Layout = "columns",
) -> Path:
    """Check, render and write atomically. Refuses a draft with errors unless allowed."""
    if not allow_errors:
        errors = error_findings(draft)
        if errors:
            raise ExportRefused(errors)
    data = render_draft(draft, renderer, author=author, check=check, language=language, layout=layout)
    return atomic_write_bytes(Path(path), data)
