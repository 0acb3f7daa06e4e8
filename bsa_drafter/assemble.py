"""Spec + library -> an ordered draft with its final text.

Assembly never raises for a clause it cannot use: it records the problem on the clause, so
the TUI can show it inline while the negotiator types. Callers that need a clean draft (the
CLI, export) validate the spec first with `spec.validate_spec`, which names lines.
"""

from __future__ import annotations

from bisect import bisect_right
from copy import copy
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Iterator, Literal

from bsa_drafter.models import CUSTOM_PREFIX, SIGNATURES, ClauseChoice, Document, DraftSpec, Library, Paragraph, Part
from bsa_drafter.params import fill_placeholders, names_used, resolve_values

ClauseStatus = Literal["standard", "variant", "edited", "added", "custom"]


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
    standard_text: str | None
    params_used: list[str]
    problems: list[str] = field(default_factory=list)


@dataclass
class Draft:
    spec: DraftSpec
    library: Library
    clauses: list[AssembledClause]
    omitted: list[str]
    values: dict[str, Any]
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

    def _param_text(self, name: str) -> str:
        spec = self.library.params.get(name)
        if spec is None:
            return ""
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
                paragraphs.append(Paragraph(len(paragraphs), part.heading, "heading", heading=part.heading))
            elif kind == "subheading":
                paragraphs.append(Paragraph(len(paragraphs), clause.heading, "heading", heading=f"{part.heading} / {clause.heading}"))
            else:
                context = f"{part.heading} / {clause.heading}" if clause.heading else part.heading
                paragraphs.append(Paragraph(len(paragraphs), clause.text, "paragraph", clause=clause.id, heading=context))
        for signatory in self.signatories:
            line = f"For {signatory['side']}: {signatory['name']}, {signatory['title']}"
            paragraphs.append(Paragraph(len(paragraphs), line, "paragraph", clause=None, heading=SIGNATURES))
        return Document(source=self.partner, paragraphs=paragraphs, title=self.title)


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
    anchors = sorted((key, position) for position, cid in enumerate(order) if (key := _place_of(cid, spec, library, place)) is not None)
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
        self.clauses: dict[str, tuple[ClauseChoice | None, bool, AssembledClause | None]] = {}


def assemble(spec: DraftSpec, library: Library, cache: AssemblyCache | None = None) -> Draft:
    values_key = (tuple(spec.params.items()), spec.draft.partner, spec.draft.profile)
    if cache is not None and cache.values_key == values_key:
        draft_values = cache.values
    else:
        draft_values = resolve_values(library.params, spec.params, {"partner_name": spec.draft.partner})
        if cache is not None:
            cache.values_key, cache.values, cache.clauses = values_key, draft_values, {}
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
            if cache is not None:
                cache.clauses[clause_id] = (stored, profiled, built)
        if built is not None:
            clauses.append(built)
    _number(clauses)
    return Draft(spec=spec, library=library, clauses=clauses, omitted=omitted, values=draft_values, order=order)


def _assemble_clause(
    clause_id: str,
    choice: ClauseChoice,
    spec: DraftSpec,
    library: Library,
    draft_values: dict[str, Any],
    in_profile: bool,
) -> AssembledClause | None:
    values = resolve_values(library.params, choice.params, draft_values) if choice.params else draft_values
    problems: list[str] = []
    if clause_id.startswith(CUSTOM_PREFIX):
        if choice.part not in library.parts:
            return None
        source = choice.text or ""
        text, problems = fill_placeholders(source, library.params, values)
        part = library.parts[choice.part]
        return AssembledClause(
            id=clause_id, part=part.id, heading=choice.heading or "", title=choice.title or clause_id,
            numbered=part.numbered, number=None, variant=None, status="custom", source_text=source,
            text=text, library_text=None, standard_text=None, params_used=names_used([source]), problems=problems,
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
    standard_text, _ = fill_placeholders(clause.variant(standard).text, library.params, values)
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
        id=clause_id, part=clause.part, heading=clause.heading, title=clause.title,
        numbered=clause.numbered if clause.numbered is not None else part.numbered, number=None,
        variant=variant_id, status=status, source_text=source, text=text, library_text=library_text,
        standard_text=standard_text, params_used=names_used([source]), problems=problems,
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
