"""Spec + library -> an ordered draft with its final text, in English and in Ukrainian.

Assembly never raises for a clause it cannot use: it records the problem on the clause, so
the TUI can show it inline while the negotiator types. Callers that need a clean draft (the
CLI, export) validate the spec first with `spec.validate_spec`, which names lines.

Every clause carries both texts, filled by the one placeholder filler in its language, and
whether one has fallen behind the other (bilingual.py). Their blocks (paragraphs, bullets,
sub-bullets) line up by position, so both languages share the clause's number and the
numbering of its blocks.
"""

from __future__ import annotations

from bisect import bisect_right
from copy import copy
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Iterator, Literal

from bsa_drafter.bilingual import Marker, aligned_blocks, translation_state
from bsa_drafter.models import (
    CUSTOM_PREFIX,
    SIGNATURES,
    ClauseChoice,
    Document,
    DraftSpec,
    Language,
    Library,
    Paragraph,
    Part,
    Staleness,
    TextLanguage,
    UkrainianSide,
)
from bsa_drafter.params import fill, fill_placeholders, format_date, names_used, resolve_values, ukrainian_values
from bsa_drafter.textblocks import TextBlock
from bsa_drafter.ukrainian import format_date as format_date_uk

ClauseStatus = Literal["standard", "variant", "edited", "added", "custom"]

TITLE_UK = "Угода про співробітництво у сфері безпеки між Україною та {partner_formal_name:ins}"
# How each side signs, by the `signature_form` parameter where a library has one: the heading
# of each side's signature in English and in Ukrainian («За» takes the accusative).
SIGNATURE_HEADINGS: dict[str, tuple[tuple[str, str], tuple[str, str]]] = {
    "states": (("For Ukraine", "За Україну"), ("For {partner_formal_name}", "За {partner_formal_name:acc}")),
    "partner_government": (
        ("For Ukraine", "За Україну"),
        ("For the Government of {partner_formal_name}", "За Уряд {partner_formal_name:gen}"),
    ),
    "governments": (
        ("For the Government of Ukraine", "За Уряд України"),
        ("For the Government of {partner_formal_name}", "За Уряд {partner_formal_name:gen}"),
    ),
}


@dataclass
class AssembledClause:
    id: str
    part: str
    heading: str
    title: str
    numbered: bool
    number: int | None
    variant: str | None
    status: ClauseStatus
    source_text: str
    text: str
    library_text: str | None
    params_used: list[str]
    problems: list[str] = field(default_factory=list)
    heading_uk: str = ""  # the subheading in Ukrainian
    source_text_uk: str = ""  # the Ukrainian wording with its placeholders ("" when there is none)
    text_uk: str = ""
    stale: Staleness | None = None  # see bilingual.translation_state
    nominative_only: list[str] = field(default_factory=list)  # Ukrainian placeholders left in the nominative

    def blocks(self) -> list[tuple[TextBlock | None, TextBlock | None]]:
        """The filled English and Ukrainian blocks side by side, numbered alike."""
        return aligned_blocks(self.text, self.text_uk)


@dataclass
class Draft:
    spec: DraftSpec
    library: Library
    clauses: list[AssembledClause]
    omitted: list[str]
    values: dict[str, Any]
    values_uk: dict[str, Any] = field(default_factory=dict)  # see params.ukrainian_values
    order: list[str] = field(default_factory=list)  # every clause id in draft order, omitted ones too

    @property
    def partner(self) -> str:
        return str(self.values.get("partner_name") or self.spec.draft.partner)

    @property
    def partner_formal_name(self) -> str:
        return str(self.values.get("partner_formal_name") or self.partner)

    @property
    def title(self) -> str:
        return f"Agreement on Security Co-operation between Ukraine and {self.partner_formal_name}"

    @property
    def title_uk(self) -> str:
        return self.fill_uk(TITLE_UK)

    def fill_uk(self, text: str) -> str:
        """A text of ours with placeholders, in Ukrainian (headings, the title)."""
        return fill(text, self.library.params, self.values_uk, "uk").text

    @property
    def problems(self) -> list[tuple[str, str]]:
        return [(c.id, p) for c in self.clauses for p in c.problems]

    @property
    def signatories(self) -> list[dict[str, str]]:
        """Both sides of the signature block; unfilled names show as brackets."""
        sides = (
            ("Ukraine", "ukraine_signatory_name", "ukraine_signatory_title"),
            (self.partner_formal_name, "partner_signatory_name", "partner_signatory_title"),
        )
        block = []
        for side, name_param, title_param in sides:
            block.append({"side": side, "name": self._param_text(name_param), "title": self._param_text(title_param)})
        return block

    def signature_block(self, language: TextLanguage = "en") -> list[dict[str, str]]:
        """Both sides' signature lines in one language: the heading ("For Ukraine" / «За
        Україну», after the draft's signature form), the signatory's name and title."""
        form = str(self.values.get("signature_form") or "states")
        headings = SIGNATURE_HEADINGS.get(form, SIGNATURE_HEADINGS["states"])
        names = (
            ("ukraine_signatory_name", "ukraine_signatory_title"),
            ("partner_signatory_name", "partner_signatory_title"),
        )
        block = []
        for (english, ukrainian), (name_param, title_param) in zip(headings, names):
            if language == "uk":
                block.append(
                    {
                        "heading": self.fill_uk(ukrainian),
                        "name": self._param_text(name_param, "uk"),
                        "title": self._param_text(title_param, "uk"),
                    }
                )
            else:
                block.append(
                    {
                        "heading": fill_placeholders(english, self.library.params, self.values)[0],
                        "name": self._param_text(name_param),
                        "title": self._param_text(title_param),
                    }
                )
        return block

    def banner(self, language: TextLanguage = "en") -> str:
        """The working draft's banner ("" for a final text)."""
        meta = self.spec.draft
        if meta.status == "final":
            return ""
        if language == "uk":
            return f"ПРОЄКТ \u2014 Раунд {meta.round} \u2014 {format_date_uk(meta.date)}"
        return f"DRAFT \u2014 Round {meta.round} \u2014 {format_date(meta.date)}"

    def _param_text(self, name: str, language: TextLanguage = "en") -> str:
        spec = self.library.params.get(name)
        if spec is None:
            return ""
        if language == "uk":
            return self.fill_uk("{" + name + "}")
        text, _ = fill_placeholders("{" + name + "}", self.library.params, self.values)
        return text

    def clause(self, clause_id: str) -> AssembledClause | None:
        return next((c for c in self.clauses if c.id == clause_id), None)

    def walk(self) -> Iterator[tuple[Literal["part", "subheading", "clause"], Part, AssembledClause | None]]:
        """The draft in reading order: ("part", part, None) where a Part with a shown heading
        begins, ("subheading", part, clause) where the clause starts a new subheading, and
        ("clause", part, clause) for every clause."""
        part_id, subheading = None, None
        for clause in self.clauses:
            part = self.library.parts[clause.part]
            if clause.part != part_id:
                part_id, subheading = clause.part, None
                if part.show_heading:
                    yield "part", part, None
            if clause.heading and clause.heading != subheading:
                yield "subheading", part, clause
            subheading = clause.heading
            yield "clause", part, clause

    @cached_property
    def document(self) -> Document:
        """The draft as a Document, the same shape as a foreign text, for the detectors."""
        paragraphs: list[Paragraph] = []
        for kind, part, clause in self.walk():
            if clause is None:
                uk = UkrainianSide(part.heading_uk)
                paragraphs.append(Paragraph(len(paragraphs), part.heading, "heading", heading=part.heading, uk=uk))
            elif kind == "subheading":
                heading = f"{part.heading} / {clause.heading}"
                uk = UkrainianSide(clause.heading_uk)
                paragraphs.append(Paragraph(len(paragraphs), clause.heading, "heading", heading=heading, uk=uk))
            else:
                context = f"{part.heading} / {clause.heading}" if clause.heading else part.heading
                uk = UkrainianSide(clause.text_uk, clause.stale, tuple(clause.nominative_only))
                # the English departs from the library (an edit of the Ukrainian alone does not count here)
                edited = clause.status == "edited" and clause.text != clause.library_text
                paragraphs.append(
                    Paragraph(
                        len(paragraphs),
                        clause.text,
                        "paragraph",
                        clause=clause.id,
                        heading=context,
                        library_text=clause.library_text if edited else None,
                        uk=uk,
                    )
                )
        for signatory, side_uk in zip(self.signatories, self.signature_block("uk")):
            line = f"For {signatory['side']}: {signatory['name']}, {signatory['title']}"
            line_uk = f"{side_uk['heading']}: {side_uk['name']}, {side_uk['title']}"
            uk = UkrainianSide(line_uk)
            paragraphs.append(Paragraph(len(paragraphs), line, "paragraph", clause=None, heading=SIGNATURES, uk=uk))
        instrument = self.library.profile_for(self.spec).instrument
        return Document(
            source=self.partner,
            paragraphs=paragraphs,
            title=self.title,
            origin="draft",
            terms=self.library.terms,
            instrument=instrument,
        )

    @cached_property
    def document_uk(self) -> Document:
        """The draft's Ukrainian text as a Document in Ukrainian, paragraph for paragraph as
        `document` (same indices and clauses, Ukrainian headings), for the Ukrainian detectors."""
        headings: list[str] = []  # `document` has one paragraph per step of the walk, then the signatures
        for kind, part, clause in self.walk():
            if clause is None:
                headings.append(part.heading_uk)
            elif kind == "subheading" or clause.heading:
                headings.append(f"{part.heading_uk} / {clause.heading_uk}")
            else:
                headings.append(part.heading_uk)
        paragraphs = [
            Paragraph(
                p.index,
                p.uk.text if p.uk is not None else "",
                p.kind,
                clause=p.clause,
                heading=headings[p.index] if p.index < len(headings) else SIGNATURES,
            )
            for p in self.document.paragraphs
        ]
        language = Language("uk", 1.0, "the draft's Ukrainian text")
        return Document(
            source=self.partner, paragraphs=paragraphs, title=self.title_uk, language=language, origin="draft"
        )


def effective_order(spec: DraftSpec, library: Library) -> list[str]:
    """Clause ids in draft order: the spec's own order, or its profile's. A clause the spec adds
    goes under its own subheading, in library order; a custom clause after the clauses of its
    subheading, or at the end of its Part. Omitted clauses stay in the list (shown greyed).
    One pass over the order and one sort of the additions: a spec with thousands of added
    clauses is placed as fast as a small one."""
    order = list(spec.order) if spec.order is not None else list(library.profile_for(spec).clauses)
    present = set(order)
    additions = [cid for cid in spec.clauses if cid not in present]
    if not additions:
        return order
    place = _placement(library)
    keys = [(_place_of(cid, spec, library, place), index, cid) for index, cid in enumerate(additions)]
    placed = sorted((k, i, cid) for k, i, cid in keys if k is not None)
    # each addition goes after the clause of the order that comes last in library order
    # without coming after it
    anchors = sorted(
        (key, position)
        for position, cid in enumerate(order)
        if (key := _place_of(cid, spec, library, place)) is not None
    )
    anchor_keys = [key for key, _ in anchors]
    after: dict[int, list[str]] = {}
    for key, _, clause_id in placed:
        found = bisect_right(anchor_keys, key) - 1
        after.setdefault(anchors[found][1] if found >= 0 else -1, []).append(clause_id)
    result = after.get(-1, [])
    for position, clause_id in enumerate(order):
        result.append(clause_id)
        result.extend(after.get(position, ()))
    return result


def _placement(library: Library) -> dict[str, Any]:
    """Where each library clause, subheading and Part stands in library order (built once)."""
    cached = library.derived.get("placement")
    if cached is None:
        index = {cid: float(i) for i, cid in enumerate(library.clauses)}
        heading_end: dict[tuple[str, str], float] = {}
        part_end: dict[str, float] = {}
        last = -1.0
        for part_id in library.parts:
            for cid, clause in library.clauses.items():
                if clause.part == part_id:
                    last = index[cid]
                    heading_end[(part_id, clause.heading)] = last
            part_end[part_id] = last
        cached = library.derived["placement"] = {"index": index, "heading_end": heading_end, "part_end": part_end}
    return cached


def _place_of(clause_id: str, spec: DraftSpec, library: Library, place: dict[str, Any]) -> float | None:
    if clause_id in place["index"]:
        return place["index"][clause_id]
    choice = spec.clauses.get(clause_id)
    if choice is None or not clause_id.startswith(CUSTOM_PREFIX) or choice.part not in library.parts:
        return None
    end = place["heading_end"].get((choice.part, choice.heading or "")) if choice.heading else None
    return (end if end is not None else place["part_end"][choice.part]) + 0.5


class AssemblyCache:
    """Assembled clauses kept between two assemblies of one draft being edited. Edits replace
    a clause's choice with a new object, so a clause whose choice is the very same object,
    under the same parameter values, is the same clause: only the edited one is rebuilt."""

    def __init__(self) -> None:
        self.values_key: tuple[Any, ...] | None = None
        self.values: dict[str, Any] = {}
        self.values_uk: dict[str, Any] = {}
        self.clauses: dict[str, tuple[ClauseChoice | None, bool, AssembledClause | None]] = {}


def assemble(spec: DraftSpec, library: Library, cache: AssemblyCache | None = None) -> Draft:
    values_key = (tuple(spec.params.items()), spec.draft.partner, spec.draft.profile)
    partner_forms = library.partner_forms_uk(spec.draft.partner)
    if cache is not None and cache.values_key == values_key:
        draft_values, draft_values_uk = cache.values, cache.values_uk
    else:
        draft_values = resolve_values(library.params, spec.params, {"partner_name": spec.draft.partner})
        draft_values_uk = ukrainian_values(library.params, draft_values, partner_forms)
        if cache is not None:
            cache.values_key, cache.values, cache.values_uk = values_key, draft_values, draft_values_uk
            cache.clauses = {}
    in_profile = set(library.profile_for(spec).clauses)
    order = effective_order(spec, library)
    clauses: list[AssembledClause] = []
    omitted: list[str] = []
    for clause_id in order:
        stored = spec.clauses.get(clause_id)
        choice = stored or ClauseChoice()
        if not choice.include:
            omitted.append(clause_id)
            continue
        profiled = clause_id in in_profile
        cached = cache.clauses.get(clause_id) if cache is not None else None
        if cached is not None and cached[0] is stored and cached[1] == profiled:
            built = cached[2]  # shared with the previous draft: _number copies it before renumbering
        else:
            built = _assemble_clause(clause_id, choice, spec, library, draft_values, profiled)
            if built is not None:
                values_uk = draft_values_uk
                if choice.params:
                    values_uk = ukrainian_values(library.params, _values(library, choice, draft_values), partner_forms)
                _add_ukrainian(built, choice, library, values_uk)
            if cache is not None:
                cache.clauses[clause_id] = (stored, profiled, built)
        if built is not None:
            clauses.append(built)
    _number(clauses)
    return Draft(
        spec=spec,
        library=library,
        clauses=clauses,
        omitted=omitted,
        values=draft_values,
        values_uk=draft_values_uk,
        order=order,
    )


def _values(library: Library, choice: ClauseChoice, draft_values: dict[str, Any]) -> dict[str, Any]:
    """A clause's parameter values: its own choices over the draft's."""
    return resolve_values(library.params, choice.params, draft_values) if choice.params else draft_values


def _add_ukrainian(clause: AssembledClause, choice: ClauseChoice, library: Library, values_uk: dict[str, Any]) -> None:
    """The Ukrainian text of an assembled clause, and how it stands to the English."""
    variant = library.clauses[clause.id].variant(clause.variant) if clause.variant is not None else None
    library_uk = variant.text_uk if variant is not None else ""
    source = choice.text_uk if choice.text_uk is not None else library_uk
    filled = fill(source, library.params, values_uk, "uk")
    clause.source_text_uk = source
    clause.text_uk = filled.text
    clause.heading_uk = choice.heading_uk or _heading_uk(library, clause.part, clause.heading)
    clause.problems.extend(f"Ukrainian text: {problem}" for problem in filled.problems)
    clause.nominative_only = filled.nominative_only
    if choice.text_uk is not None and choice.text_uk.strip() != library_uk.strip() and clause.status != "custom":
        clause.status = "edited"
    if choice.confirmed is None and choice.text is None and choice.text_uk is None:
        clause.stale = "missing" if not source.strip() else None
    else:
        pair = baseline(choice, variant.text if variant else None, library_uk)
        clause.stale = translation_state(clause.source_text, source, pair)


def _heading_uk(library: Library, part: str, heading: str) -> str:
    """A subheading's Ukrainian, as the library's clauses under it give it (custom clauses
    that join a subheading take it from there)."""
    index = library.derived.get("headings_uk")
    if index is None:
        index = {(c.part, c.heading): c.heading_uk for c in library.clauses.values() if c.heading}
        library.derived["headings_uk"] = index
    return index.get((part, heading), "") if heading else ""


def baseline(choice: ClauseChoice, library_en: str | None, library_uk: str) -> Marker | None:
    """What a clause's two texts are compared with: its confirmed pair, else its variant's."""
    if choice.confirmed is not None:
        return Marker.parse(choice.confirmed)
    if library_en is not None and library_uk.strip():
        return Marker.of(library_en, library_uk)
    return None


def _assemble_clause(
    clause_id: str,
    choice: ClauseChoice,
    spec: DraftSpec,
    library: Library,
    draft_values: dict[str, Any],
    in_profile: bool,
) -> AssembledClause | None:
    values = _values(library, choice, draft_values)
    problems: list[str] = []
    if clause_id.startswith(CUSTOM_PREFIX):
        if choice.part not in library.parts:
            return None
        source = choice.text or ""
        text, problems = fill_placeholders(source, library.params, values)
        part = library.parts[choice.part]
        return AssembledClause(
            id=clause_id,
            part=part.id,
            heading=choice.heading or "",
            title=choice.title or clause_id,
            numbered=part.numbered,
            number=None,
            variant=None,
            status="custom",
            source_text=source,
            text=text,
            library_text=None,
            params_used=names_used([source]),
            problems=problems,
        )
    clause = library.clauses.get(clause_id)
    if clause is None:
        return None
    standard = library.standard_variant(spec, clause_id)
    variant_id = choice.variant if choice.variant in clause.variant_ids else standard
    if choice.variant is not None and choice.variant not in clause.variant_ids:
        problems.append(f"unknown variant {choice.variant!r}; using {variant_id!r}")
    variant = clause.variant(variant_id)
    library_text, _ = fill_placeholders(variant.text, library.params, values)
    source = choice.text if choice.text is not None else variant.text
    text, fill_problems = fill_placeholders(source, library.params, values)
    problems.extend(fill_problems)
    if choice.text is not None and choice.text.strip() != variant.text.strip():
        status: ClauseStatus = "edited"
    elif not in_profile:
        status = "added"
    elif variant_id != standard:
        status = "variant"
    else:
        status = "standard"
    part = library.parts[clause.part]
    return AssembledClause(
        id=clause_id,
        part=clause.part,
        heading=clause.heading,
        title=clause.title,
        numbered=clause.numbered if clause.numbered is not None else part.numbered,
        number=None,
        variant=variant_id,
        status=status,
        source_text=source,
        text=text,
        library_text=library_text,
        params_used=names_used([source]),
        problems=problems,
    )


def _number(clauses: list[AssembledClause]) -> None:
    """Paragraph numbers restart at 1 under each part and each subheading, as in the UK model.
    A clause reused from an earlier assembly is copied before its number changes, so that the
    earlier draft keeps its own numbers."""
    key: tuple[str, str] | None = None
    counter = 0
    for index, clause in enumerate(clauses):
        if (clause.part, clause.heading) != key:
            key, counter = (clause.part, clause.heading), 0
        number = None
        if clause.numbered:
            counter += 1
            number = counter
        if clause.number != number:
            if clause.number is not None:
                clause = clauses[index] = copy(clause)
            clause.number = number
