"""The translators' round trip: the clauses a round changed go out as XLIFF, their Ukrainian
comes back into the spec.

    export_round(draft, spec_name, since=None, everything=False)   -> XLIFF bytes (or None)
    read_translations(data, label, spec_name, draft, library)     -> the translated units
    apply_translations(session, translations)                      -> clauses updated

One trans-unit per clause: the English wording as written (placeholders in braces), the
Ukrainian as it stands (none when there is none yet), and notes on where the clause stands and
what changed. Translate-toolkit reads and writes the files, which CAT tools (OmegaT, memoQ,
Trados, Weblate) open. A file that comes back is checked whole before anything is written:
well-formed XML without a DTD, exported from this spec, every id a clause of the draft, every
English still what it was when the file went out, and every Ukrainian with placeholders and
blocks its English has. Each problem names the file and line.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from lxml import etree

from bsa_drafter.assemble import AssembledClause, Draft
from bsa_drafter.bilingual import STATE_TEXT, structure_difference
from bsa_drafter.errors import BadInput, Problem
from bsa_drafter.models import Library
from bsa_drafter.params import UK_SUFFIX, format_problem, placeholders_in
from bsa_drafter.textsafety import first_forbidden_char

if TYPE_CHECKING:
    from bsa_drafter.editing import DraftSession

MAX_XLIFF_BYTES = 20_000_000
MAX_TARGET_CHARS = 100_000
_UNFINISHED = (
    "new",
    "needs-translation",
    "needs-adaptation",
    "needs-l10n",
    "needs-review-translation",
    "needs-review-adaptation",
    "needs-review-l10n",
)
PLACEHOLDER_NOTE = (
    "Text in braces is a placeholder: keep its name and give it a Ukrainian format where the grammar "
    "needs one: a case for names ({partner_name:gen}, {partner_formal_name:ins}, {place_of_signature:in}), "
    "and for numbers words in a case with the counted noun agreeing ({notice_months:words_gen} "
    '({notice_months}) {notice_months:months_gen}). Keep the paragraphs, bullets ("- ") and '
    'sub-bullets ("  - ") of the English, and its [brackets].'
)


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()) == " ".join(b.split())


def clauses_for_round(
    draft: Draft, since: Draft | None = None, everything: bool = False
) -> list[tuple[AssembledClause, str | None]]:
    """The clauses to translate, each with its English of the earlier round when there was
    one: every clause; those whose English changed since `since` (or are new); or, by default,
    those whose Ukrainian has not followed an edit of the English (or is missing)."""
    chosen: list[tuple[AssembledClause, str | None]] = []
    for clause in draft.clauses:
        if everything:
            chosen.append((clause, None))
        elif since is not None:
            before = since.clause(clause.id)
            if before is None or not _same(before.source_text, clause.source_text):
                chosen.append((clause, before.source_text if before else None))
        elif clause.stale in ("uk", "missing", "both"):
            chosen.append((clause, None))
    return chosen


def export_round(draft: Draft, spec_name: str, chosen: list[tuple[AssembledClause, str | None]]) -> bytes:
    """The chosen clauses as an XLIFF file for `spec_name` (the spec's file name)."""
    from translate.storage.xliff import xlifffile  # loaded only for the round trip

    store = xlifffile(sourcelanguage="en", targetlanguage="uk")
    file_node = store.getfilenode("NoName")
    store.setfilename(file_node, spec_name)
    header = store.getheadernode(file_node, createifmissing=True)
    body = file_node.find(store.namespaced("body"))
    if body is not None:
        body.addprevious(header)  # the schema wants the header first
    meta = draft.spec.draft
    for text in (f"bsa-drafter: {draft.title}, round {meta.round} of {meta.date.isoformat()}.", PLACEHOLDER_NOTE):
        note = etree.SubElement(header, store.namespaced("note"))
        note.text = text
    for clause, before in chosen:
        unit = store.addsourceunit(clause.source_text, filename=spec_name)
        unit.setid(clause.id)
        part = draft.library.parts[clause.part].heading
        number = f"{clause.number}. " if clause.number is not None else ""
        unit.addnote(
            f"{number}{clause.title} ({part}{' / ' + clause.heading if clause.heading else ''})", origin="developer"
        )
        if clause.stale is not None:
            unit.addnote(f"Ukrainian: {STATE_TEXT[clause.stale]}.", origin="developer")
        if before is not None:
            unit.addnote(f"The English of the earlier round:\n{before}", origin="developer")
        if clause.source_text_uk.strip():
            unit.settarget(clause.source_text_uk, lang="uk")
            target = unit.getlanguageNode(lang=None, index=1)
            if clause.stale is not None and target is not None:
                target.set("state", "needs-review-translation")
                unit.xmlelement.set("approved", "no")
    return bytes(store)


@dataclass(frozen=True)
class Translation:
    clause_id: str
    text_uk: str
    line: int | None


def read_translations(
    data: bytes, label: str, spec_name: str, draft: Draft, library: Library
) -> tuple[list[Translation], int]:
    """The translated units of a returned file, checked against the draft; the count of units
    left untranslated. Raises BadInput with every problem found."""
    root = _parse(data, label)
    problems: list[Problem] = []
    xliff_ns = etree.QName(root).namespace or ""

    def tag(name: str) -> str:
        return f"{{{xliff_ns}}}{name}" if xliff_ns else name

    files = root.findall(tag("file"))
    if not files:
        raise BadInput(Problem(label, root.sourceline, "an XLIFF file without a <file>: nothing to import"))
    for file_node in files:
        original = file_node.get("original") or ""
        if original != spec_name:
            problems.append(
                Problem(
                    label,
                    file_node.sourceline,
                    f"this file was exported from {original or 'an unnamed spec'!r}, not {spec_name!r}: "
                    f"expected the translation of {spec_name}",
                )
            )
        if (file_node.get("source-language") or "en").lower()[:2] != "en" or (
            file_node.get("target-language") or "uk"
        ).lower()[:2] != "uk":
            problems.append(
                Problem(
                    label,
                    file_node.sourceline,
                    f"expected English to Ukrainian (en -> uk), got {file_node.get('source-language')} "
                    f"-> {file_node.get('target-language')}",
                )
            )
    if problems:
        raise BadInput(problems)

    from translate.storage.xliff import xlifffile

    try:
        store = xlifffile.parsestring(data)
    except Exception as exc:  # translate-toolkit's own reading of a file lxml accepted
        raise BadInput(Problem(label, None, f"not a readable XLIFF file: {exc}")) from None
    translations: list[Translation] = []
    seen: dict[str, int | None] = {}
    untranslated = 0
    for unit in store.units:
        line = unit.xmlelement.sourceline
        clause_id = unit.xmlelement.get("id") or ""
        clause = draft.clause(clause_id)
        if clause is None:
            known = " (omitted in the draft)" if clause_id in draft.omitted else ""
            problems.append(
                Problem(label, line, f"unknown clause id {clause_id!r}{known}: not a clause of {spec_name}")
            )
            continue
        if clause_id in seen:
            problems.append(Problem(label, line, f"clause {clause_id} appears twice (first at line {seen[clause_id]})"))
            continue
        seen[clause_id] = line
        if not _same(unit.source or "", clause.source_text):
            problems.append(
                Problem(
                    label,
                    line,
                    f"{clause_id}: its English changed since this file was exported: export the clause again",
                )
            )
            continue
        target = unit.target or ""
        target_node = unit.getlanguageNode(lang=None, index=1)
        state = target_node.get("state") if target_node is not None else None
        if not target.strip() or (state in _UNFINISHED and _same(target, clause.source_text_uk)):
            untranslated += 1
            continue
        problem = target_problem(clause.source_text, target, library)
        if problem:
            problems.append(Problem(label, line, f"{clause_id}: {problem}"))
            continue
        translations.append(Translation(clause_id, target, line))
    if problems:
        raise BadInput(problems)
    return translations, untranslated


def target_problem(english: str, ukrainian: str, library: Library) -> str | None:
    """What makes a Ukrainian text unusable beside its English, or None."""
    if len(ukrainian) > MAX_TARGET_CHARS:
        return f"the Ukrainian is {len(ukrainian)} characters long; at most {MAX_TARGET_CHARS} are allowed"
    bad = first_forbidden_char(ukrainian)
    if bad is not None:
        return f"control character U+{ord(bad[1]):04X} in the Ukrainian, at character {bad[0] + 1}"
    for placeholder in placeholders_in(ukrainian):
        spec = library.params.get(placeholder.name)
        if spec is None or placeholder.name.endswith(UK_SUFFIX):
            return f"unknown placeholder {{{placeholder.name}}} in the Ukrainian"
        problem = format_problem(spec, placeholder.format, "uk")
        if problem:
            return f"{problem} in the Ukrainian"
    english_names = {p.name for p in placeholders_in(english)}
    ukrainian_names = {p.name for p in placeholders_in(ukrainian)}
    if english_names != ukrainian_names:
        missing = ", ".join(f"{{{n}}}" for n in sorted(english_names - ukrainian_names))
        extra = ", ".join(f"{{{n}}}" for n in sorted(ukrainian_names - english_names))
        return (
            "the placeholders differ from the English's:"
            + (f" missing {missing}" if missing else "")
            + (f" extra {extra}" if extra else "")
        )
    difference = structure_difference(english, ukrainian)
    return difference


def apply_translations(session: DraftSession, translations: list[Translation]) -> int:
    """Take each translation into the draft, confirmed as matching the English it was made
    from; returns how many clauses changed."""
    changed = 0
    for translation in translations:
        edited = session.set_text_uk(translation.clause_id, translation.text_uk)
        confirmed = session.confirm_match(translation.clause_id)
        session.seal()
        changed += edited or confirmed
    return changed


def _parse(data: bytes, label: str) -> etree._Element:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        line = exc.position[0] if exc.position else None
        raise BadInput(Problem(label, line, f"broken XML: {exc.msg}")) from None
    except ValueError as exc:
        raise BadInput(Problem(label, None, f"not an XML file: {exc}")) from None
    info = root.getroottree().docinfo
    if info.doctype or info.internalDTD is not None or info.externalDTD is not None:
        raise BadInput(Problem(label, 1, "refused: the file declares a DTD or entities (an XLIFF file needs none)"))
    if etree.QName(root).localname != "xliff":
        raise BadInput(
            Problem(
                label,
                root.sourceline,
                f"not an XLIFF file: its root element is <{etree.QName(root).localname}>, expected <xliff>",
            )
        )
    return root
