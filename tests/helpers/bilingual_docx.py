"""Bilingual Word files made from an assembled draft of ours: the English and Ukrainian of every
heading and block, written as a two-column table, as two halves, or as alternating paragraphs.

`rows(draft)` gives the draft as rows (kind, English, Ukrainian) in reading order; tests perturb
the rows (a Ukrainian text changed, dropped or merged with the next) and a writer lays them out.
Each row becomes one paragraph per language, so the paragraphs of each language's text are the
rows that have that language, in order: `gold_links` says which paragraphs render which.
Nothing here knows the reader under test.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

import docx
from docx.enum.text import WD_BREAK

# sentences in a third language (the partner's), not translations: a column the reader must leave out
GERMAN = (
    "Die Teilnehmer werden die Zusammenarbeit in diesem Bereich fortsetzen und sich dabei eng abstimmen.",
    "Dieser Absatz ist in der Sprache des Partners verfasst und wird von den Teilnehmern gemeinsam gelesen.",
    "Die Vereinbarung wird von beiden Seiten nach Treu und Glauben umgesetzt und regelmäßig überprüft.",
)


@dataclass(frozen=True)
class Row:
    kind: str  # title, heading1, heading2, paragraph, bullet, subbullet, signature
    en: str | None
    uk: str | None
    clause: str | None = None


def rows(draft) -> list[Row]:
    """The draft as rows: the title, Part headings, subheadings, each block of each clause (the
    first block of a numbered clause with its number in both languages) and the signatures."""
    found = [Row("title", draft.title, draft.title_uk)]
    for kind, part, clause in draft.walk():
        if clause is None:
            found.append(Row("heading1", part.heading, part.heading_uk))
        elif kind == "subheading":
            found.append(Row("heading2", clause.heading, clause.heading_uk))
        else:
            for index, (en, uk) in enumerate(clause.blocks()):
                number = f"{clause.number}. " if index == 0 and clause.number is not None else ""
                block_kind = (en or uk).kind
                found.append(
                    Row(
                        block_kind,
                        number + en.text if en else None,
                        number + uk.text if uk else None,
                        clause.id,
                    )
                )
    for en, uk in zip(draft.signature_block("en"), draft.signature_block("uk")):
        found.append(
            Row(
                "signature",
                f"{en['heading']}: {en['name']}, {en['title']}",
                f"{uk['heading']}: {uk['name']}, {uk['title']}",
            )
        )
    return found


def gold_links(table: list[Row], ukrainian_before: int = 0) -> dict[int, tuple[int, ...]]:
    """English paragraph -> the Ukrainian paragraphs that render it (empty: none), by rows. A
    merged row (its Ukrainian holds the next row's too, and the next row has none) links both
    English paragraphs to the one Ukrainian paragraph. `ukrainian_before`: paragraphs the
    Ukrainian text has before its first row (a heading over the Ukrainian half)."""
    links: dict[int, tuple[int, ...]] = {}
    en_index, uk_index = -1, ukrainian_before - 1
    last_uk: int | None = None
    for row in table:
        if row.uk is not None:
            uk_index += 1
        if row.en is not None:
            en_index += 1
            if row.uk is not None:
                links[en_index] = (uk_index,)
                last_uk = uk_index
            elif getattr(row, "merged_into_previous", False) and last_uk is not None:
                links[en_index] = (last_uk,)
            else:
                links[en_index] = ()
    return links


@dataclass(frozen=True)
class MergedRow(Row):
    merged_into_previous: bool = True


def merge_next(table: list[Row], index: int) -> list[Row]:
    """The Ukrainian of row `index` joined with the next row's in one paragraph."""
    changed = list(table)
    first, second = changed[index], changed[index + 1]
    changed[index] = replace(first, uk=f"{first.uk} {second.uk}")
    changed[index + 1] = MergedRow(second.kind, second.en, None, second.clause)
    return changed


def with_uk(table: list[Row], index: int, text: str | None) -> list[Row]:
    changed = list(table)
    changed[index] = replace(changed[index], uk=text)
    return changed


# the paragraph style of each kind of row (python-docx's default template has them all)
STYLES = {
    "title": "Title",
    "heading1": "Heading 1",
    "heading2": "Heading 2",
    "bullet": "List Bullet",
    "subbullet": "List Bullet 2",
}


def _style_ids(document) -> dict[str, str]:
    """The style id of each kind, looked up once: python-docx finds a style by name with a search
    through every style, which made a 285-row document take 0.3 s to write."""
    return {kind: document.styles[name].style_id for kind, name in STYLES.items()}


def _write(paragraph_of, kind: str, text: str) -> None:
    """One paragraph of a given kind: heading styles outside tables, bold inside them."""
    paragraph = paragraph_of(kind)
    run = paragraph.add_run(text)
    if kind in ("title", "heading1", "heading2") and paragraph._p.style is None:  # no style: Normal
        run.bold = True


def columns_docx(table: list[Row], path: Path, third_language: bool = False, ukrainian_first: bool = False) -> Path:
    document = docx.Document()
    style_ids = _style_ids(document)
    columns = 3 if third_language else 2
    grid = document.add_table(rows=0, cols=columns)
    for number, row in enumerate(table):
        cells = grid.add_row().cells
        texts = [row.uk, row.en] if ukrainian_first else [row.en, row.uk]
        if third_language:
            texts.append(GERMAN[number % len(GERMAN)])
        for cell, text in zip(cells, texts):
            if text is None:
                continue
            target = cell.paragraphs[0]

            def paragraph_of(kind: str, target=target):
                if kind in ("bullet", "subbullet"):
                    target._p.style = style_ids[kind]
                return target

            _write(paragraph_of, row.kind, text)
    document.save(path)
    return path


def slipped_columns_docx(table: list[Row], path: Path, start: int) -> Path:
    """Two columns whose Ukrainian stands one row lower than its English from row `start` on."""
    document = docx.Document()
    grid = document.add_table(rows=0, cols=2)
    english = [r.en for r in table] + [None]
    ukrainian = [r.uk for r in table[:start]] + [None] + [r.uk for r in table[start:]]
    for en, uk in zip(english, ukrainian):
        for cell, text in zip(grid.add_row().cells, (en, uk)):
            if text:
                cell.paragraphs[0].add_run(text)
    document.save(path)
    return path


def _body_paragraph(document):
    style_ids = _style_ids(document)

    def paragraph_of(kind: str):
        paragraph = document.add_paragraph()
        if kind in style_ids:
            paragraph._p.style = style_ids[kind]
        return paragraph

    return paragraph_of


def halves_docx(table: list[Row], path: Path, page_break: bool = True, heading: str | None = None) -> Path:
    """The English text, then (after a page break and an optional heading) the Ukrainian one."""
    document = docx.Document()
    add = _body_paragraph(document)
    for row in table:
        if row.en is not None:
            _write(add, row.kind, row.en)
    if page_break:
        document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    if heading:
        document.add_paragraph(heading, style="Heading 1")
    for row in table:
        if row.uk is not None:
            _write(add, row.kind, row.uk)
    document.save(path)
    return path


def alternating_docx(table: list[Row], path: Path) -> Path:
    """Each English paragraph followed by its Ukrainian."""
    document = docx.Document()
    add = _body_paragraph(document)
    for row in table:
        if row.en is not None:
            _write(add, row.kind, row.en)
        if row.uk is not None:
            _write(add, row.kind, row.uk)
    document.save(path)
    return path
