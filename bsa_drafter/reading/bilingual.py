"""A file that holds an agreement in English and in Ukrainian: which layout, and the two texts.

Three layouts are read:

* **columns**: a Word table whose columns are the languages, row by row; a column in a third
  language (the partner's) is left out and reported;
* **halves**: the whole text in one language, then the whole in the other (with or without a
  page break or a heading between);
* **alternating**: each paragraph, or each short run of paragraphs, followed by its translation.

Each paragraph's language is judged on its own (reading.language), a table column's by all its
words. Headings too short to judge take the language of their script, and lines without letters
that of the paragraph that follows them. The two texts come back as two Documents, their
structure read again as one text each (a heading in a table cell is a heading of its column),
with each paragraph's origin in the file and the group it shares with its translation (a table
row, a pair of runs), which the alignment treats as evidence. A file that holds both languages
in a way none of the layouts explains is reported as such (`Unsplit`), never guessed.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Literal

from bsa_drafter.models import Document, Paragraph
from bsa_drafter.reading.language import detect_language, language_name, paragraph_language
from bsa_drafter.reading.structure import (
    StyledParagraph,
    TableCell,
    assign_heading_paths,
    document_title,
    paragraphs_from_blocks,
)

Layout = Literal["columns", "halves", "alternating"]
LAYOUT_NAMES: dict[str, str] = {
    "columns": "two columns of a table, one per language",
    "halves": "the whole text in one language, then the whole in the other",
    "alternating": "paragraphs alternating between the languages",
}
SIDES = ("en", "uk")
STRONG_WORDS = 6  # a paragraph's language is judged by its words from this many on, else by its script
MIN_SIDE_WORDS = 20  # fewer words in one language is a quotation, not a version of the agreement
MIN_SIDE_SHARE = 0.03
COLUMN_MAJORITY = 0.6  # a column is in the language of this share of its words or more
TABLE_SHARE = 0.5  # bilingual tables that hold this share of the words make the layout "columns"
NOISE_WORDS = 0.02  # a run this small between two runs of one language belongs to them
MIXED_SHARE = 0.3  # paragraphs holding both scripts over this share of the words: no split
# Ukrainian runs to about 1.07 times its English in characters (our library's two texts); one
# side below 0.6 or above 1.6 times that is said to be partly missing
LENGTH_RATIO = 1.07
UNEQUAL = (0.6, 1.6)

_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


@dataclass(frozen=True, slots=True)
class Origin:
    """Where a paragraph of one language stood in the file: its number among all the file's
    paragraphs, and its table cell where it had one."""

    paragraph: int
    cell: TableCell | None = None

    def as_json(self) -> dict[str, Any]:
        found: dict[str, Any] = {"paragraph": self.paragraph}
        if self.cell is not None:
            found.update(table=self.cell.table, row=self.cell.row + 1, column=self.cell.column + 1)
        return found

    def describe(self) -> str:
        if self.cell is None:
            return f"paragraph {self.paragraph} of the file"
        return f"table {self.cell.table}, row {self.cell.row + 1}, column {self.cell.column + 1}"


@dataclass
class Side:
    """The text of one language: a Document of its own, and per paragraph its origin and group."""

    language: str
    document: Document
    origins: list[Origin]
    groups: list[int | None]

    def characters(self) -> int:
        return sum(len(p.text) for p in self.document.paragraphs)


@dataclass
class BilingualFile:
    layout: Layout
    english: Side
    ukrainian: Side
    left_out: dict[str, int] = field(default_factory=dict)  # language -> paragraphs not read
    warnings: list[str] = field(default_factory=list)
    order: tuple[str, str] = ("en", "uk")  # which language comes first (left, or above)


@dataclass(frozen=True)
class Unsplit:
    """Both languages are there, but how they are laid out is not clear enough to split them."""

    reason: str


def split_bilingual(document: Document, blocks: list[StyledParagraph] | None = None) -> BilingualFile | Unsplit | None:
    """The two language versions of a file, or None for a text in one language (a few lines in
    another, such as a quoted title, do not make it bilingual)."""
    paragraphs = document.paragraphs
    if blocks is not None and len(blocks) != len(paragraphs):
        blocks = None  # not the blocks of these paragraphs: read without table cells
    judged = [_language(p.text) for p in paragraphs]
    words = [len(p.text.split()) for p in paragraphs]
    totals: Counter[str] = Counter()
    for (code, strong), count in zip(judged, words):
        if strong:
            totals[code] += count
    total = sum(words) or 1
    if any(totals[side] < max(MIN_SIDE_WORDS, MIN_SIDE_SHARE * total) for side in SIDES):
        return None
    mixed = sum(count for p, count in zip(paragraphs, words) if _both_scripts(p.text))
    if mixed > MIXED_SHARE * total:
        return Unsplit(
            f"{mixed / total:.0%} of the words stand in paragraphs that hold English and Ukrainian together: "
            "they cannot be split into two texts"
        )
    if blocks is not None:
        found = _columns(document, blocks, judged, words)
        if found is not None:
            return found
    return _runs(document, blocks, judged, words)


# --- languages ----------------------------------------------------------------------------------


def _language(text: str) -> tuple[str, bool]:
    """A paragraph's language and whether it was judged by its words (strong) or only by its
    script (a heading of a few words, where one function word decides too much: the "I" of
    "Part I" is Polish for "and"); "und" for a line without letters."""
    code = paragraph_language(text)
    if code != "und" and len(text.split()) >= STRONG_WORDS:
        return code, True
    latin, cyrillic = len(_LATIN.findall(text)), len(_CYRILLIC.findall(text))
    if cyrillic > latin:
        return "uk", False
    if latin > cyrillic:
        return "en", False
    return "und", False


def _both_scripts(text: str) -> bool:
    latin, cyrillic = len(_LATIN.findall(text)), len(_CYRILLIC.findall(text))
    return min(latin, cyrillic) >= 20 and min(latin, cyrillic) >= 0.3 * max(latin, cyrillic)


# --- columns of a table --------------------------------------------------------------------------


def _columns(  # noqa: C901 -- each test is one reason a table is not two language columns, in the order they are told
    document: Document, blocks: list[StyledParagraph], judged: list[tuple[str, bool]], words: list[int]
) -> BilingualFile | None:
    by_table: dict[int, list[int]] = {}
    for index, block in enumerate(blocks):
        if block.cell is not None:
            by_table.setdefault(block.cell.table, []).append(index)
    languages_of: dict[int, dict[int, str]] = {}  # table -> column -> language
    for table, members in by_table.items():
        columns: dict[int, Counter[str]] = {}
        for index in members:
            cell = blocks[index].cell
            code, strong = judged[index]
            if cell is not None and cell.span == 1 and strong:
                columns.setdefault(cell.column, Counter())[code] += words[index]
        found = {}
        for column, counts in columns.items():
            code, count = counts.most_common(1)[0]
            if count >= COLUMN_MAJORITY * sum(counts.values()):
                found[column] = code
        if set(SIDES) <= set(found.values()):
            languages_of[table] = found
    in_tables = sum(words[i] for table in languages_of for i in by_table[table])
    if not languages_of or in_tables < TABLE_SHARE * sum(words):
        return None
    sides: dict[str, list[int]] = {"en": [], "uk": []}
    groups: dict[int, int] = {}
    rows: dict[tuple[int, int], int] = {}
    left_out: Counter[str] = Counter()
    firsts: Counter[str] = Counter()  # which language stands in the left column
    for columns in languages_of.values():
        ordered = [columns[c] for c in sorted(columns) if columns[c] in SIDES]
        firsts[ordered[0]] += 1
    for index, block in enumerate(blocks):
        cell = block.cell
        columns = languages_of.get(cell.table) if cell is not None else None
        code = judged[index][0]
        if cell is not None and columns is not None:
            covered = {columns.get(c) for c in range(cell.column, cell.column + cell.span)} - {None}
            if len(covered) == 1:
                code = covered.pop()  # a cell of one column is in that column's language
            groups[index] = rows.setdefault((cell.table, cell.row), len(rows))
        if code in SIDES:
            sides[code].append(index)
        elif code == "und":
            sides["en"].append(index)  # numbers and dates outside the columns stay in the analysed text
        else:
            left_out[code] += 1
    first = firsts.most_common(1)[0][0]
    found = _bilingual(document, blocks, "columns", sides, groups, left_out, (first, "uk" if first == "en" else "en"))
    for table, columns in languages_of.items():
        others = [language_name(code) for c, code in sorted(columns.items()) if code not in SIDES]
        if others:
            found.warnings.append(
                f"table {table} has a column in {', '.join(others)} as well: it is left out, only the English and "
                "the Ukrainian are compared"
            )
    return found


# --- halves and alternating paragraphs ------------------------------------------------------------


@dataclass
class _Run:
    language: str
    members: list[int]
    words: int


def _runs(
    document: Document, blocks: list[StyledParagraph] | None, judged: list[tuple[str, bool]], words: list[int]
) -> BilingualFile | Unsplit:
    labels = _resolved([code for code, _ in judged])
    runs: list[_Run] = []
    for index, label in enumerate(labels):
        if runs and runs[-1].language == label:
            runs[-1].members.append(index)
            runs[-1].words += words[index]
        else:
            runs.append(_Run(label, [index], words[index]))
    total = sum(words) or 1
    sided = [run for run in runs if run.language in SIDES]
    short = sorted(len(run.members) for run in sided)[len(sided) // 2] <= 3
    if not (len(sided) >= 4 and short):
        runs = _absorb(runs, total)
    left_out: Counter[str] = Counter()
    for run in runs:
        if run.language not in SIDES:
            left_out[run.language] += len(run.members)
    sided = [run for run in runs if run.language in SIDES]
    order = (sided[0].language, "uk" if sided[0].language == "en" else "en")
    sides: dict[str, list[int]] = {"en": [], "uk": []}
    groups: dict[int, int] = {}
    for number, run in enumerate(sided):
        sides[run.language] += run.members
        for index in run.members:
            groups[index] = number // 2  # a run and the one after it are a pair
    pairs = (len(sided) + 1) // 2
    if pairs > 1 and not short:
        uneven = sum(
            run.words + other.words
            for run, other in zip(sided[::2], sided[1::2])
            if not 0.5 <= (other.words + 1) / (run.words + 1) <= 2
        )
        if uneven > 0.25 * total:
            return Unsplit(
                f"the text changes language {len(sided) - 1} times, in stretches of unequal length: it is neither "
                "two halves nor paragraphs alternating with their translations"
            )
    layout: Layout = "halves" if pairs == 1 else "alternating"
    return _bilingual(document, blocks, layout, sides, groups if pairs > 1 else {}, left_out, order)


def _resolved(labels: list[str]) -> list[str]:
    """A line without letters ("1.", a date) takes the language of the paragraph after it, or
    before it at the end of the text."""
    resolved = list(labels)
    following = None
    for index in range(len(resolved) - 1, -1, -1):
        if resolved[index] == "und":
            resolved[index] = following or "und"
        else:
            following = resolved[index]
    previous = None
    for index, label in enumerate(resolved):
        if label == "und":
            resolved[index] = previous or "en"
        previous = resolved[index]
    return resolved


def _absorb(runs: list[_Run], total: int) -> list[_Run]:
    """A small run between two runs of one language belongs to them: an English name in the
    Ukrainian half, a line the language test got wrong."""
    changed = True
    while changed and len(runs) > 2:
        changed = False
        for number in range(1, len(runs) - 1):
            before, run, after = runs[number - 1], runs[number], runs[number + 1]
            if before.language == after.language and run.words <= NOISE_WORDS * total and len(run.members) <= 2:
                before.members += run.members + after.members
                before.words += run.words + after.words
                del runs[number : number + 2]
                changed = True
                break
    return runs


# --- the two texts --------------------------------------------------------------------------------


def _bilingual(
    document: Document,
    blocks: list[StyledParagraph] | None,
    layout: Layout,
    sides: dict[str, list[int]],
    groups: dict[int, int],
    left_out: Counter[str],
    order: tuple[str, str],
) -> BilingualFile:
    english = _side(document, blocks, "en", sides["en"], groups)
    ukrainian = _side(document, blocks, "uk", sides["uk"], groups)
    found = BilingualFile(layout, english, ukrainian, {language_name(c): n for c, n in left_out.items()}, [], order)
    ratio = ukrainian.characters() / max(1, english.characters()) / LENGTH_RATIO
    if not UNEQUAL[0] <= ratio <= UNEQUAL[1]:
        shorter, longer = ("Ukrainian", "English") if ratio < 1 else ("English", "Ukrainian")
        share = ratio if ratio < 1 else 1 / ratio
        found.warnings.append(
            f"the {shorter} text is {share:.0%} of the length the {longer} would have in it: part of the {shorter} "
            "may be missing, and what has no counterpart is reported as such"
        )
    return found


def _side(
    document: Document, blocks: list[StyledParagraph] | None, language: str, members: list[int], groups: dict[int, int]
) -> Side:
    """One language's paragraphs as a Document, their structure read again as one text."""
    originals = document.paragraphs
    if blocks is not None:
        paragraphs = paragraphs_from_blocks([dataclasses.replace(blocks[i], in_table=False) for i in members])
    else:
        paragraphs = [
            Paragraph(
                k,
                originals[i].text,
                originals[i].kind,
                list_level=originals[i].list_level,
                level=originals[i].level,
                label=originals[i].label,
            )
            for k, i in enumerate(members)
        ]
        assign_heading_paths(paragraphs)
    side = Document(document.source, paragraphs, document_title(paragraphs), view=document.view)
    side.language = detect_language(side)
    origins = [Origin(i, blocks[i].cell if blocks is not None else None) for i in members]
    return Side(language, side, origins, [groups.get(i) for i in members])
