"""Spec + library -> an ordered draft with its final text.

Assembly never raises for a clause it cannot use: it records the problem on the clause, so
the TUI can show it inline while the negotiator types. Callers that need a clean draft (the
CLI, export) validate the spec first with `spec.validate_spec`, which names lines.
"""

from __future__ import annotations

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
                edited_from = clause.library_text if clause.status == "edited" else None
                paragraphs.append(Paragraph(len(paragraphs), clause.text, "paragraph", clause=clause.id, heading=context, library_text=edited_from))
        for signatory in self.signatories:
            line = f"For {signatory['side']}: {signatory['name']}, {signatory['title']}"
            paragraphs.append(Paragraph(len(paragraphs), line, "paragraph", clause=None, heading=SIGNATURES))
        return Document(source=self.partner, paragraphs=paragraphs, title=self.title, origin="draft")


def effective_order(spec: DraftSpec, library: Library) -> list[str]:
    """Clause ids in draft order: the spec's own order, or the profile's with additions placed
    at the end of their part. Omitted clauses stay in the list (they are shown, greyed out)."""
    profile = library.profiles.get(spec.draft.profile) or library.profiles["standard"]
    order = list(spec.order) if spec.order is not None else list(profile.clauses)
    present = set(order)
    for clause_id, choice in spec.clauses.items():
        if clause_id in present or not choice.include:
            continue
        part = _part_of(clause_id, choice, library)
        if part is None:
            continue
        order.insert(_end_of_part(order, part, spec, library), clause_id)
        present.add(clause_id)
    return order


def _part_of(clause_id: str, choice: ClauseChoice, library: Library) -> str | None:
    if clause_id.startswith(CUSTOM_PREFIX):
        return choice.part if choice.part in library.parts else None
    clause = library.clauses.get(clause_id)
    return clause.part if clause else None


def _end_of_part(order: list[str], part: str, spec: DraftSpec, library: Library) -> int:
    rank = {pid: i for i, pid in enumerate(library.parts)}
    target = rank[part]
    position = 0
    for index, clause_id in enumerate(order):
        owner = _part_of(clause_id, spec.clauses.get(clause_id) or ClauseChoice(), library)
        if owner is not None and rank[owner] <= target:
            position = index + 1
    return position


def standard_variant(library: Library, spec: DraftSpec, clause_id: str) -> str | None:
    clause = library.clauses.get(clause_id)
    if clause is None:
        return None
    profile = library.profiles.get(spec.draft.profile) or library.profiles["standard"]
    return profile.variants.get(clause_id, clause.default_variant)


def assemble(spec: DraftSpec, library: Library) -> Draft:
    draft_values = resolve_values(library.params, spec.params, {"partner_name": spec.draft.partner})
    profile = library.profiles.get(spec.draft.profile) or library.profiles["standard"]
    in_profile = set(profile.clauses)
    clauses: list[AssembledClause] = []
    omitted: list[str] = []
    for clause_id in effective_order(spec, library):
        choice = spec.clauses.get(clause_id) or ClauseChoice()
        if not choice.include:
            omitted.append(clause_id)
            continue
        built = _assemble_clause(clause_id, choice, spec, library, draft_values, clause_id in in_profile)
        if built is not None:
            clauses.append(built)
    _number(clauses, library)
    return Draft(spec=spec, library=library, clauses=clauses, omitted=omitted, values=draft_values)


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
    standard = standard_variant(library, spec, clause_id)
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


def _number(clauses: list[AssembledClause], library: Library) -> None:
    """Paragraph numbers restart at 1 under each part and each subheading, as in the UK model."""
    key: tuple[str, str] | None = None
    counter = 0
    for clause in clauses:
        if (clause.part, clause.heading) != key:
            key, counter = (clause.part, clause.heading), 0
        if clause.numbered:
            counter += 1
            clause.number = counter
