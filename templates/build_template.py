"""Build templates/agreement.docx: the Word styles of an agreement and the docxtpl tags.

The .docx is the source of truth and is committed; people may open it in Word or LibreOffice
and restyle it (fonts, spacing, page layout) as long as the tags stay in place. This script
records how it was first made and can rebuild it:

    python templates/build_template.py templates/agreement.docx

Every tag is written into a single run, which avoids the split-run breakage of templates
typed by hand in Word. templates/README.md documents the tags and variables.
"""

from __future__ import annotations

import sys
from pathlib import Path

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

FONT = "Times New Roman"
# paragraph styles of the body; the export fills each block's `style` with one of these keys
BLOCK_STYLES = {
    "heading1": "Heading 1",
    "heading2": "Heading 2",
    "recital": "BSA Recital",
    "numbered": "BSA Numbered Paragraph",
    "paragraph": "BSA Paragraph",
    "bullet": "List Bullet",
    "subbullet": "List Bullet 2",
    "closing": "BSA Closing",
}


def _font(style, size: float, bold: bool = False, italic: bool = False, caps: bool = False) -> None:
    style.font.name = FONT
    style.font.size = Pt(size)
    style.font.bold = bold
    style.font.italic = italic
    style.font.all_caps = caps
    style.font.color.rgb = RGBColor(0, 0, 0)
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attribute), None)  # theme fonts would outrank the named font
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), FONT)


def _spacing(style, before: float = 0, after: float = 6, keep_with_next: bool = False) -> None:
    fmt = style.paragraph_format
    fmt.space_before = Pt(before)
    fmt.space_after = Pt(after)
    fmt.keep_with_next = keep_with_next
    fmt.line_spacing = 1.15


def _paragraph_style(document, name: str, base: str = "Normal"):
    styles = document.styles
    style = styles[name] if name in [s.name for s in styles] else styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = styles[base]
    style.quick_style = True
    return style


def _define_styles(document) -> None:
    styles = document.styles
    normal = styles["Normal"]
    _font(normal, 12)
    _spacing(normal)
    normal.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY

    title = styles["Title"]
    _font(title, 16, bold=True, caps=True)
    _spacing(title, before=0, after=18)
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title_pPr = title.element.get_or_add_pPr()
    for border in title_pPr.findall(qn("w:pBdr")):  # the default Title has a rule under it
        title_pPr.remove(border)

    heading1 = styles["Heading 1"]
    _font(heading1, 13, bold=True)
    _spacing(heading1, before=18, after=6, keep_with_next=True)
    heading1.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT

    heading2 = styles["Heading 2"]
    _font(heading2, 12, bold=True, italic=True)
    _spacing(heading2, before=10, after=4, keep_with_next=True)
    heading2.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT

    recital = _paragraph_style(document, "BSA Recital")
    recital.paragraph_format.left_indent = Cm(0.75)

    numbered = _paragraph_style(document, "BSA Numbered Paragraph")
    numbered.paragraph_format.left_indent = Cm(1)
    numbered.paragraph_format.first_line_indent = Cm(-1)
    numbered.paragraph_format.tab_stops.add_tab_stop(Cm(1), WD_TAB_ALIGNMENT.LEFT)

    continuation = _paragraph_style(document, "BSA Paragraph")
    continuation.paragraph_format.left_indent = Cm(1)

    for name, indent in (("List Bullet", 1.6), ("List Bullet 2", 2.4)):
        bullet = styles[name]
        _font(bullet, 12)
        _spacing(bullet, after=3)
        bullet.paragraph_format.left_indent = Cm(indent)
        bullet.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY

    closing = _paragraph_style(document, "BSA Closing")
    _spacing(closing, before=24, after=24)

    signature = _paragraph_style(document, "BSA Signature")
    signature.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    _spacing(signature, after=2)

    signature_heading = _paragraph_style(document, "BSA Signature Heading", base="BSA Signature")
    signature_heading.font.bold = True

    banner = _paragraph_style(document, "BSA Draft Banner")
    _font(banner, 9, bold=True)
    banner.font.color.rgb = RGBColor(0xC0, 0x00, 0x00)
    banner.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER

    for name in ("Header", "Footer"):
        _font(styles[name], 9)
        styles[name].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _second_level_bullet(document, glyph: str = "\u2013") -> None:
    """List Bullet 2 gets its own glyph (an en dash), so nesting shows at a glance."""
    style = document.styles["List Bullet 2"]
    num_id = style.element.pPr.numPr.numId.val
    numbering = document.part.numbering_part.element
    for num in numbering.findall(qn("w:num")):
        if num.get(qn("w:numId")) == str(num_id):
            abstract_id = num.find(qn("w:abstractNumId")).get(qn("w:val"))
    for abstract in numbering.findall(qn("w:abstractNum")):
        if abstract.get(qn("w:abstractNumId")) == abstract_id:
            level = abstract.find(qn("w:lvl"))
            level.find(qn("w:lvlText")).set(qn("w:val"), glyph)
            fonts = level.find(qn("w:rPr") + "/" + qn("w:rFonts"))
            if fonts is not None:
                for attribute in list(fonts.attrib):
                    fonts.set(attribute, FONT)


def _page_number_field(paragraph) -> None:
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        elif text.strip() == "PAGE":
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        else:
            element = OxmlElement("w:t")
            element.text = text
        run._r.append(element)


def _no_borders(table) -> None:
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    table._tbl.tblPr.append(borders)


def build(path: Path) -> None:
    document = docx.Document()
    _define_styles(document)
    _second_level_bullet(document)
    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.top_margin = section.bottom_margin = Cm(2.5)
    section.left_margin = section.right_margin = Cm(2.5)

    header = section.header.paragraphs[0]
    header.style = document.styles["BSA Draft Banner"]
    header.add_run("{{ draft_banner }}")
    footer = section.footer.paragraphs[0]
    footer.style = document.styles["Footer"]
    _page_number_field(footer)

    document.core_properties.title = "{{ title }}"
    document.core_properties.subject = "Agreement on security co-operation"
    document.core_properties.author = "bsa-drafter"

    body = document.paragraphs[0] if document.paragraphs else document.add_paragraph()
    body.style = document.styles["Title"]
    body.add_run("{{r title_runs }}")

    document.add_paragraph("{%p for block in blocks %}")
    keyword = "if"
    for key, style in BLOCK_STYLES.items():
        document.add_paragraph(f"{{%p {keyword} block.style == '{key}' %}}")
        document.add_paragraph("{{r block.runs }}", style=style)
        keyword = "elif"
    document.add_paragraph("{%p endif %}")
    document.add_paragraph("{%p endfor %}")

    table = document.add_table(rows=3, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _no_borders(table)
    for column, side in enumerate(("signatories[0]", "signatories[1]")):
        cells = [table.cell(row, column) for row in range(3)]
        heading = cells[0].paragraphs[0]
        heading.style = document.styles["BSA Signature Heading"]
        heading.add_run(f"{{{{r {side}.heading }}}}")
        name = cells[1].paragraphs[0]
        name.style = document.styles["BSA Signature"]
        name.paragraph_format.space_before = Pt(36)
        name.add_run(f"{{{{r {side}.name }}}}")
        title = cells[2].paragraphs[0]
        title.style = document.styles["BSA Signature"]
        title.add_run(f"{{{{r {side}.title }}}}")
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(path)


if __name__ == "__main__":
    build(Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).with_name("agreement.docx")))
