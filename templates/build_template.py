"""Build templates/agreement.docx: the Word styles of an agreement and the docxtpl tags.

The .docx is the source of truth and is committed; people may open it in Word or LibreOffice
and restyle it (fonts, spacing, page layout) as long as the tags stay in place. This script
records how it was made and can rebuild it:

    python templates/build_template.py templates/agreement.docx

The package is written part by part rather than from python-docx's default document, so that
it holds only what an agreement uses: the styles below, two lists (bullets and numbered
paragraphs), Word 2013+ compatibility settings, a minimal theme whose fonts are the styles',
and nothing else (no Word 2010 styles part, no thumbnail, no bibliography, no empty runs).
Every tag is in a single run, which avoids the split-run breakage of templates typed by hand.
templates/README.md documents the tags and styles.
"""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path
from xml.sax.saxutils import quoteattr

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bsa_drafter.export.docx import BLOCK_STYLES, COVER_STYLES  # noqa: E402

FONT = "Times New Roman"
LANGUAGE = "en-GB"
CM = 567  # twips
PAGE_WIDTH, PAGE_HEIGHT, MARGIN = 11906, 16838, 1417  # A4, 2.5 cm margins
TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN
BULLETS, NUMBERED = 1, 2  # the two lists (w:num ids)

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def _style(
    style_id: str,
    name: str,
    *,
    kind: str = "paragraph",
    based_on: str | None = "Normal",
    next_style: str | None = None,
    ppr: str = "",
    rpr: str = "",
    extra: str = "",
    default: bool = False,
    ui_priority: int | None = None,
) -> str:
    attributes = f'w:type="{kind}"' + (' w:default="1"' if default else "") + f" w:styleId={quoteattr(style_id)}"
    parts = [f"<w:name w:val={quoteattr(name)}/>"]
    if based_on:
        parts.append(f'<w:basedOn w:val="{based_on}"/>')
    if next_style:
        parts.append(f'<w:next w:val="{next_style}"/>')
    if ui_priority is not None:
        parts.append(f'<w:uiPriority w:val="{ui_priority}"/>')
    parts.append("<w:qFormat/>" if kind == "paragraph" else "")
    if ppr:
        parts.append(f"<w:pPr>{ppr}</w:pPr>")
    if rpr:
        parts.append(f"<w:rPr>{rpr}</w:rPr>")
    parts.append(extra)
    return f"<w:style {attributes}>{''.join(parts)}</w:style>"


def _spacing(before: int = 0, after: int = 0, line: int | None = None) -> str:
    rule = f' w:line="{line}" w:lineRule="auto"' if line else ""
    return f'<w:spacing w:before="{before}" w:after="{after}"{rule}/>'


def _ind(left: int, hanging: int = 0, right: int = 0) -> str:
    hang = f' w:hanging="{hanging}"' if hanging else ""
    far = f' w:right="{right}"' if right else ""
    return f'<w:ind w:left="{left}"{far}{hang}/>'


def _numbering_properties(num_id: int, level: int = 0) -> str:
    return f'<w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'


KEEP = "<w:keepNext/><w:keepLines/>"
BOLD = "<w:b/><w:bCs/>"
CENTRE = '<w:jc w:val="center"/>'
LEFT = '<w:jc w:val="left"/>'
BULLET_TEXT, SUBBULLET_TEXT = 2 * CM, 3 * CM
SIGNING_SPACE = 2552  # 4.5 cm above the names, as in the UK model


def styles_xml() -> str:
    s = BLOCK_STYLES
    styles = [
        _style("Normal", "Normal", based_on=None, default=True, ppr='<w:jc w:val="both"/>'),
        _style(
            "DefaultParagraphFont",
            "Default Paragraph Font",
            kind="character",
            based_on=None,
            default=True,
            ui_priority=1,
        ),
        _style(
            "TableNormal",
            "Normal Table",
            kind="table",
            based_on=None,
            default=True,
            ui_priority=99,
            extra='<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/>'
            '<w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/>'
            "</w:tblCellMar></w:tblPr>",
        ),
        # the title: one paragraph, its lines stacked with line breaks, in capitals
        _style(
            "Title", "Title", next_style="Normal", ppr=KEEP + _spacing(0, 720, 360) + CENTRE, rpr=BOLD + "<w:caps/>"
        ),
        _style(
            s["heading1"],
            "heading 1",
            next_style="Normal",
            ui_priority=9,
            ppr=KEEP + _spacing(360, 120) + LEFT + '<w:outlineLvl w:val="0"/>',
            rpr=BOLD + '<w:u w:val="single"/>',
        ),
        _style(
            s["heading2"],
            "heading 2",
            next_style="Normal",
            ui_priority=9,
            ppr=KEEP + _spacing(120, 240) + LEFT + '<w:outlineLvl w:val="1"/>',
            rpr=BOLD + '<w:u w:val="single"/>',
        ),
        # the preamble as in the UK model: the Participants named flush left, the recitals and
        # the decision that closes them indented, the decision set apart
        _style(s["opening"], "BSA Preamble Opening", ppr=_spacing(0, 360)),
        _style(s["recital"], "BSA Recital", ppr=_spacing(0, 120) + _ind(284)),
        _style(s["decision"], "BSA Preamble Decision", ppr=_spacing(240, 240) + _ind(284)),
        # numbered paragraphs and their further paragraphs have room above and below, so that a
        # list of bullets is set apart from the paragraph after it as well as the one before
        _style(
            s["numbered"],
            "BSA Numbered Paragraph",
            ppr=_numbering_properties(NUMBERED) + _spacing(120, 120) + _ind(CM, CM),
        ),
        _style(s["paragraph"], "BSA Paragraph", ppr=_spacing(120, 120) + _ind(CM)),
        _style(
            s["bullet"],
            "List Bullet",
            ui_priority=99,
            ppr=_numbering_properties(BULLETS, 0) + _spacing(0, 120) + _ind(BULLET_TEXT, CM),
        ),
        _style(
            s["subbullet"],
            "List Bullet 2",
            ui_priority=99,
            ppr=_numbering_properties(BULLETS, 1) + _spacing(0, 120) + _ind(SUBBULLET_TEXT, CM),
        ),
        # "Done at ...": keeps with the signature table that follows it
        _style(s["closing"], "BSA Closing", ppr=KEEP + _spacing(480, 1134)),
        _style("BSASignatureHeading", "BSA Signature Heading", ppr=KEEP + _spacing(0, 0) + CENTRE, rpr=BOLD),
        _style("BSASignatoryName", "BSA Signatory Name", ppr=KEEP + _spacing(SIGNING_SPACE, 0) + CENTRE, rpr=BOLD),
        _style("BSASignatoryTitle", "BSA Signatory Title", ppr=KEEP + _spacing(240, 0) + CENTRE, rpr=BOLD),
        _style(
            "BSADraftBanner",
            "BSA Draft Banner",
            ppr=_spacing(0, 0) + CENTRE,
            rpr=BOLD + '<w:color w:val="C00000"/><w:sz w:val="18"/><w:szCs w:val="18"/>',
        ),
        _style("Header", "header", ui_priority=99, ppr=_spacing(0, 0) + CENTRE),
        _style(
            "Footer",
            "footer",
            ui_priority=99,
            ppr=_spacing(0, 0) + CENTRE,
            rpr='<w:sz w:val="20"/><w:szCs w:val="20"/>',
        ),
        # the first page of a redline: what is compared with what, and a table of the changes
        _style(
            COVER_STYLES["heading"],
            "BSA Comparison Heading",
            ppr=KEEP + _spacing(0, 240) + LEFT,
            rpr=BOLD + '<w:sz w:val="28"/><w:szCs w:val="28"/>',
        ),
        _style(
            COVER_STYLES["text"],
            "BSA Comparison Text",
            ppr=_spacing(0, 120) + LEFT,
            rpr='<w:sz w:val="20"/><w:szCs w:val="20"/>',
        ),
        _style(
            COVER_STYLES["table"],
            "BSA Comparison Table",
            kind="table",
            based_on="TableNormal",
            ui_priority=59,
            extra=(
                f'<w:pPr>{_spacing(0, 0)}{LEFT}</w:pPr><w:rPr><w:sz w:val="20"/><w:szCs w:val="20"/></w:rPr>'
                "<w:tblPr><w:tblBorders>"
                + "".join(
                    f'<w:{edge} w:val="single" w:sz="4" w:space="0" w:color="808080"/>'
                    for edge in ("top", "left", "bottom", "right", "insideH", "insideV")
                )
                + '</w:tblBorders><w:tblCellMar><w:top w:w="40" w:type="dxa"/><w:left w:w="85" w:type="dxa"/>'
                '<w:bottom w:w="40" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar></w:tblPr>'
                '<w:tblStylePr w:type="firstRow"><w:rPr><w:b/><w:bCs/></w:rPr>'
                '<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="E7E6E6"/></w:tcPr></w:tblStylePr>'
            ),
        ),
    ]
    defaults = (
        "<w:docDefaults><w:rPrDefault><w:rPr>"
        f'<w:rFonts w:ascii="{FONT}" w:eastAsia="{FONT}" w:hAnsi="{FONT}" w:cs="{FONT}"/>'
        f'<w:sz w:val="24"/><w:szCs w:val="24"/><w:lang w:val="{LANGUAGE}" w:eastAsia="{LANGUAGE}" w:bidi="ar-SA"/>'
        "</w:rPr></w:rPrDefault>"
        f"<w:pPrDefault><w:pPr>{_spacing(0, 120, 264)}</w:pPr></w:pPrDefault></w:docDefaults>"
    )
    return f'{HEAD}<w:styles xmlns:w="{W}">{defaults}{"".join(styles)}</w:styles>'


def numbering_xml() -> str:
    def level(index: int, fmt: str, text: str, left: int, font: str | None = None) -> str:
        fonts = f'<w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:cs="{font}"/></w:rPr>' if font else ""
        return (
            f'<w:lvl w:ilvl="{index}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/>'
            f'<w:lvlJc w:val="left"/><w:pPr>{_ind(left, CM)}</w:pPr>{fonts}</w:lvl>'
        )

    bullets = (
        '<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="hybridMultilevel"/>'
        + level(0, "bullet", "\u2022", BULLET_TEXT, FONT)
        + level(1, "bullet", "o", SUBBULLET_TEXT, "Courier New")
        + "</w:abstractNum>"
    )
    numbers = (
        '<w:abstractNum w:abstractNumId="1"><w:multiLevelType w:val="singleLevel"/>'
        + level(0, "decimal", "%1.", CM)
        + "</w:abstractNum>"
    )
    nums = (
        f'<w:num w:numId="{BULLETS}"><w:abstractNumId w:val="0"/></w:num>'
        f'<w:num w:numId="{NUMBERED}"><w:abstractNumId w:val="1"/></w:num>'
    )
    return f'{HEAD}<w:numbering xmlns:w="{W}">{bullets}{numbers}{nums}</w:numbering>'


def settings_xml() -> str:
    office = "http://schemas.microsoft.com/office/word"
    compat = "".join(
        f'<w:compatSetting w:name="{name}" w:uri="{office}" w:val="{value}"/>'
        for name, value in (
            ("compatibilityMode", 15),  # Word 2013 and later: no compatibility mode
            ("overrideTableStyleFontSizeAndJustification", 1),
            ("enableOpenTypeFeatures", 1),
            ("doNotFlipMirrorIndents", 1),
            ("differentiateMultirowTableHeaders", 1),
        )
    )
    return (
        f'{HEAD}<w:settings xmlns:w="{W}"><w:zoom w:percent="100"/><w:defaultTabStop w:val="{CM}"/>'
        f'<w:characterSpacingControl w:val="doNotCompress"/><w:compat>{compat}</w:compat>'
        '<w:decimalSymbol w:val="."/><w:listSeparator w:val=","/></w:settings>'
    )


def font_table_xml() -> str:
    fonts = (
        ("Times New Roman", "02020603050405020304", "roman"),
        ("Courier New", "02070309020205020404", "modern"),
    )
    entries = "".join(
        f'<w:font w:name="{name}"><w:panose1 w:val="{panose}"/><w:charset w:val="00"/>'
        f'<w:family w:val="{family}"/><w:pitch w:val="{"fixed" if family == "modern" else "variable"}"/></w:font>'
        for name, panose, family in fonts
    )
    return f'{HEAD}<w:fonts xmlns:w="{W}">{entries}</w:fonts>'


def _tag_paragraph(tag: str, style: str | None = None) -> str:
    properties = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f'<w:p>{properties}<w:r><w:t xml:space="preserve">{tag}</w:t></w:r></w:p>'


def _signature_table() -> str:
    half = TEXT_WIDTH // 2
    no_borders = "".join(
        f'<w:{edge} w:val="nil"/>' for edge in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    rows = []
    for field, style in (
        ("heading", "BSASignatureHeading"),
        ("name", "BSASignatoryName"),
        ("title", "BSASignatoryTitle"),
    ):
        cells = "".join(
            f'<w:tc><w:tcPr><w:tcW w:w="{half}" w:type="dxa"/></w:tcPr>'
            f"{_tag_paragraph(f'{{{{r signatories[{side}].{field} }}}}', style)}</w:tc>"
            for side in (0, 1)
        )
        rows.append(f"<w:tr><w:trPr><w:cantSplit/></w:trPr>{cells}</w:tr>")
    return (
        f'<w:tbl><w:tblPr><w:tblW w:w="{TEXT_WIDTH}" w:type="dxa"/><w:jc w:val="center"/>'
        f'<w:tblBorders>{no_borders}</w:tblBorders><w:tblLayout w:type="fixed"/></w:tblPr>'
        f'<w:tblGrid><w:gridCol w:w="{half}"/><w:gridCol w:w="{half}"/></w:tblGrid>{"".join(rows)}</w:tbl>'
    )


def document_xml() -> str:
    body = [
        _tag_paragraph("{{p cover }}"),
        _tag_paragraph("{{r title_runs }}", "Title"),
        _tag_paragraph("{%p for block in blocks %}"),
        _tag_paragraph("{{p block.xml }}"),
        _tag_paragraph("{%p endfor %}"),
        _signature_table(),
        # Word needs a paragraph after a table; this one takes no room, so it can never push
        # an empty page after a signature page that is full
        '<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/>'
        '<w:rPr><w:vanish/><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr></w:pPr></w:p>',
        '<w:sectPr><w:headerReference w:type="default" r:id="rId5"/><w:footerReference w:type="default" r:id="rId6"/>'
        f'<w:pgSz w:w="{PAGE_WIDTH}" w:h="{PAGE_HEIGHT}"/>'
        f'<w:pgMar w:top="{MARGIN}" w:right="{MARGIN}" w:bottom="{MARGIN}" w:left="{MARGIN}"'
        ' w:header="709" w:footer="709" w:gutter="0"/>'
        '<w:pgNumType w:start="1"/><w:cols w:space="708"/><w:docGrid w:linePitch="360"/></w:sectPr>',
    ]
    return f'{HEAD}<w:document xmlns:w="{W}" xmlns:r="{R}"><w:body>{"".join(body)}</w:body></w:document>'


def header_xml() -> str:
    return f'{HEAD}<w:hdr xmlns:w="{W}" xmlns:r="{R}">{_tag_paragraph("{{r draft_banner }}", "BSADraftBanner")}</w:hdr>'


def footer_xml() -> str:
    number = '<w:fldSimple w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>'
    return (
        f'{HEAD}<w:ftr xmlns:w="{W}" xmlns:r="{R}"><w:p><w:pPr><w:pStyle w:val="Footer"/></w:pPr>{number}</w:p></w:ftr>'
    )


def theme_xml() -> str:
    """The smallest complete DrawingML theme: Word expects one, and its fonts match the styles'."""
    colours = (
        ("dk1", '<a:sysClr val="windowText" lastClr="000000"/>'),
        ("lt1", '<a:sysClr val="window" lastClr="FFFFFF"/>'),
        ("dk2", '<a:srgbClr val="44546A"/>'),
        ("lt2", '<a:srgbClr val="E7E6E6"/>'),
        ("accent1", '<a:srgbClr val="4472C4"/>'),
        ("accent2", '<a:srgbClr val="ED7D31"/>'),
        ("accent3", '<a:srgbClr val="A5A5A5"/>'),
        ("accent4", '<a:srgbClr val="FFC000"/>'),
        ("accent5", '<a:srgbClr val="5B9BD5"/>'),
        ("accent6", '<a:srgbClr val="70AD47"/>'),
        ("hlink", '<a:srgbClr val="0563C1"/>'),
        ("folHlink", '<a:srgbClr val="954F72"/>'),
    )
    scheme = "".join(f"<a:{name}>{value}</a:{name}>" for name, value in colours)
    fonts = f'<a:latin typeface="{FONT}"/><a:ea typeface=""/><a:cs typeface=""/>'
    fill = '<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>'
    line = f'<a:ln w="6350">{fill}</a:ln>'
    return (
        f'{HEAD}<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="Agreement">'
        f'<a:themeElements><a:clrScheme name="Agreement">{scheme}</a:clrScheme>'
        f'<a:fontScheme name="Agreement"><a:majorFont>{fonts}</a:majorFont>'
        f"<a:minorFont>{fonts}</a:minorFont></a:fontScheme>"
        f'<a:fmtScheme name="Agreement"><a:fillStyleLst>{fill * 3}</a:fillStyleLst>'
        f"<a:lnStyleLst>{line * 3}</a:lnStyleLst>"
        f"<a:effectStyleLst>{'<a:effectStyle><a:effectLst/></a:effectStyle>' * 3}</a:effectStyleLst>"
        f"<a:bgFillStyleLst>{fill * 3}</a:bgFillStyleLst></a:fmtScheme></a:themeElements></a:theme>"
    )


def _relationships(items: list[tuple[str, str, str]]) -> str:
    entries = "".join(f'<Relationship Id="{rid}" Type="{kind}" Target="{target}"/>' for rid, kind, target in items)
    namespace = "http://schemas.openxmlformats.org/package/2006/relationships"
    return f'{HEAD}<Relationships xmlns="{namespace}">{entries}</Relationships>'


OFFICE_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml"


def content_types_xml() -> str:
    overrides = (
        ("/word/document.xml", f"{MAIN}.document.main+xml"),
        ("/word/styles.xml", f"{MAIN}.styles+xml"),
        ("/word/numbering.xml", f"{MAIN}.numbering+xml"),
        ("/word/settings.xml", f"{MAIN}.settings+xml"),
        ("/word/fontTable.xml", f"{MAIN}.fontTable+xml"),
        ("/word/header1.xml", f"{MAIN}.header+xml"),
        ("/word/footer1.xml", f"{MAIN}.footer+xml"),
        ("/word/theme/theme1.xml", "application/vnd.openxmlformats-officedocument.theme+xml"),
        ("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"),
        ("/docProps/app.xml", "application/vnd.openxmlformats-officedocument.extended-properties+xml"),
    )
    entries = "".join(f'<Override PartName="{name}" ContentType="{kind}"/>' for name, kind in overrides)
    return (
        f'{HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        f'<Default Extension="xml" ContentType="application/xml"/>{entries}</Types>'
    )


def core_xml() -> str:
    # the renderer writes each document's own properties; these describe the template
    return (
        f'{HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        "<dc:title>Agreement on Security Co-operation (template)</dc:title><dc:creator>bsa-drafter</dc:creator>"
        f"<dc:language>{LANGUAGE}</dc:language></cp:coreProperties>"
    )


def app_xml() -> str:
    return (
        f'{HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
        "<Application>bsa-drafter</Application></Properties>"
    )


def parts() -> list[tuple[str, str]]:
    return [
        ("[Content_Types].xml", content_types_xml()),
        (
            "_rels/.rels",
            _relationships(
                [
                    ("rId1", f"{OFFICE_REL}/officeDocument", "word/document.xml"),
                    (
                        "rId2",
                        "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
                        "docProps/core.xml",
                    ),
                    ("rId3", f"{OFFICE_REL}/extended-properties", "docProps/app.xml"),
                ]
            ),
        ),
        ("docProps/core.xml", core_xml()),
        ("docProps/app.xml", app_xml()),
        ("word/document.xml", document_xml()),
        (
            "word/_rels/document.xml.rels",
            _relationships(
                [
                    ("rId1", f"{OFFICE_REL}/styles", "styles.xml"),
                    ("rId2", f"{OFFICE_REL}/numbering", "numbering.xml"),
                    ("rId3", f"{OFFICE_REL}/settings", "settings.xml"),
                    ("rId4", f"{OFFICE_REL}/fontTable", "fontTable.xml"),
                    ("rId5", f"{OFFICE_REL}/header", "header1.xml"),
                    ("rId6", f"{OFFICE_REL}/footer", "footer1.xml"),
                    ("rId7", f"{OFFICE_REL}/theme", "theme/theme1.xml"),
                ]
            ),
        ),
        ("word/styles.xml", styles_xml()),
        ("word/numbering.xml", numbering_xml()),
        ("word/settings.xml", settings_xml()),
        ("word/fontTable.xml", font_table_xml()),
        ("word/header1.xml", header_xml()),
        ("word/footer1.xml", footer_xml()),
        ("word/theme/theme1.xml", theme_xml()),
    ]


def build(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, xml in parts():
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, xml.encode("utf-8"))


if __name__ == "__main__":
    build(Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).with_name("agreement.docx")))
