"""The issues list as a Word document: a landscape table, one row per point, agreed rows
shaded, the header row repeated on every page and no row split across pages."""

from __future__ import annotations

import io

from bsa_drafter.issues_list import COLUMNS, IssueRow, row_cells
from bsa_drafter.textsafety import strip_forbidden_chars

# column widths in centimetres, summing to the text width of an A4 landscape page
WIDTHS_CM = (1.8, 2.6, 2.6, 5.0, 5.0, 2.0, 1.4, 2.2, 4.1)
AGREED_FILL = "D9D9D9"
HEADER_FILL = "BFBFBF"
# the elements that follow w:shd in a cell's properties (the schema's order)
_AFTER_SHADING = ("w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark")


def _shade(cell, fill: str) -> None:  # type: ignore[no-untyped-def]
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    properties = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    properties.insert_element_before(shading, *_AFTER_SHADING)


def _row_properties(row, header: bool = False) -> None:  # type: ignore[no-untyped-def]
    from docx.oxml import OxmlElement

    properties = row._tr.get_or_add_trPr()
    properties.append(OxmlElement("w:cantSplit"))
    if header:
        properties.append(OxmlElement("w:tblHeader"))


def render_issues_docx(rows: list[IssueRow], heading: str, subtitle: str) -> bytes:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm, Pt

    clean = strip_forbidden_chars
    document = Document()
    for rel_id, relation in list(document.part.rels.items()):
        # python-docx's default template carries a Word 2010 copy of its styles that no longer
        # matches them, which Word repairs; without it Word reads styles.xml alone
        if relation.reltype.endswith("/stylesWithEffects"):
            document.part.drop_rel(rel_id)
    normal = document.styles["Normal"]
    normal.font.size = Pt(9)
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.5))
    document.core_properties.title = clean(heading)
    document.core_properties.author = "bsa-drafter"
    document.add_heading(clean(heading), level=1)
    document.add_paragraph(clean(subtitle))
    table = document.add_table(rows=1, cols=len(COLUMNS))
    table.style = "Table Grid"
    table.autofit = False
    for column, width in zip(table.columns, WIDTHS_CM):
        column.width = Cm(width)  # the grid, which LibreOffice lays out by
    header = table.rows[0]
    _row_properties(header, header=True)
    for cell, name, width in zip(header.cells, COLUMNS, WIDTHS_CM):
        cell.width = Cm(width)
        run = cell.paragraphs[0].add_run(name.capitalize())
        run.bold = True
        _shade(cell, HEADER_FILL)
    for issue in rows:
        row = table.add_row()
        _row_properties(row)
        for cell, value, width in zip(row.cells, row_cells(issue), WIDTHS_CM):
            cell.width = Cm(width)
            cell.paragraphs[0].add_run(clean(value))
            if issue.agreed:
                _shade(cell, AGREED_FILL)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
