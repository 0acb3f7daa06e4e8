"""Draft specs: the TOML document of record that the TUI edits and batch builds from.

load -> save -> load gives an equal model, and saving twice gives the same bytes. Saves are
atomic: a temporary file in the same folder is written, flushed to disk, and renamed over
the target, so a crash never leaves half a spec behind.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tomli_w
from pydantic import ValidationError

from bsa_drafter.assemble import Draft, assemble
from bsa_drafter.errors import BadInput, Problem, did_you_mean
from bsa_drafter.files import atomic_write_text, read_text_file
from bsa_drafter.models import CUSTOM_PREFIX, ClauseChoice, DraftMeta, DraftSpec, Library
from bsa_drafter.params import UK_SUFFIX, check_value, format_problem, placeholders_in
from bsa_drafter.textsafety import first_forbidden_char
from bsa_drafter.tomlfile import KeyLocator, parse_toml, pydantic_problems

MAX_SPEC_BYTES = 2_000_000


@dataclass
class SpecFile:
    """A loaded spec and where it came from, so that later problems can name their line."""

    spec: DraftSpec
    path: Path
    locator: KeyLocator
    text: str = ""  # the file as it was read

    @property
    def label(self) -> str:
        return str(self.path)


def parse_spec(text: str, label: str) -> tuple[DraftSpec, KeyLocator]:
    data = parse_toml(text, label, what="draft spec")
    locator = KeyLocator(text)
    if "draft" not in data:
        raise BadInput(Problem(label, 1, "missing [draft] table: expected partner, round, date and status"))
    try:
        return DraftSpec.model_validate(data), locator
    except ValidationError as exc:
        raise BadInput(pydantic_problems(exc, label, locator)) from None


def load_spec(path: Path | str, library: Library | None = None) -> SpecFile:
    """Read and validate a spec; with a library, also check every id, variant and parameter."""
    path = Path(path)
    text = read_text_file(path, max_bytes=MAX_SPEC_BYTES, what="draft spec")
    spec, locator = parse_spec(text, str(path))
    spec_file = SpecFile(spec, path, locator, text)
    if library is not None:
        problems = validate_spec(spec, library, str(path), locator)
        if problems:
            raise BadInput(problems)
    return spec_file


def load_draft(path: Path | str, library: Library) -> tuple[SpecFile, Draft]:
    """Load a spec, check it against the library (problems name their lines), and assemble it."""
    spec_file = load_spec(path, library)
    draft = assemble(spec_file.spec, library)
    if draft.problems:
        raise BadInput(
            Problem(spec_file.label, spec_file.locator.line_of(("clauses", clause_id)), f"{clause_id}: {message}")
            for clause_id, message in draft.problems
        )
    return spec_file, draft


def validate_spec(
    spec: DraftSpec, library: Library, label: str = "<draft>", locator: KeyLocator | None = None
) -> list[Problem]:
    """Every way the spec disagrees with the library, each with its line."""
    locator = locator or KeyLocator("")
    problems: list[Problem] = []

    def add(loc: tuple[Any, ...], message: str) -> None:
        problems.append(Problem(label, locator.line_of(loc), message))

    if spec.draft.profile not in library.profiles:
        add(
            ("draft", "profile"),
            "draft.profile: unknown profile "
            f"{spec.draft.profile!r}{did_you_mean(spec.draft.profile, library.profiles)}",
        )
    for name, value in spec.params.items():
        _check_param(library, name, value, ("params", name), add)
    for clause_id, choice in spec.clauses.items():
        _check_clause_choice(library, clause_id, choice, add)
    if spec.order is not None:
        _check_order(library, spec, add)
    return problems


def _check_clause_choice(library: Library, clause_id: str, choice: ClauseChoice, add: Any) -> None:
    """One clause's entry of a spec: a custom clause's part and wording, a library clause's variant,
    the placeholders of its wording and its parameter values."""
    loc = ("clauses", clause_id)
    key = f'clauses."{clause_id}"'
    if clause_id.startswith(CUSTOM_PREFIX):
        if choice.variant is not None:
            add(loc + ("variant",), f"{key}: a custom clause has no variants")
        if choice.part is None or choice.part not in library.parts:
            got = (
                ""
                if choice.part is None
                else f"{choice.part!r} is not a part{did_you_mean(choice.part, library.parts)}; "
            )
            add(
                loc + ("part",),
                f"{key}.part: {got}a custom clause needs the id of its part ({', '.join(library.parts)})",
            )
        if not (choice.text or "").strip() and choice.include:
            add(loc + ("text",), f"{key}.text: a custom clause needs its wording")
    else:
        clause = library.clauses.get(clause_id)
        if clause is None:
            add(
                loc,
                f"unknown clause {clause_id!r}{did_you_mean(clause_id, library.clauses)} (custom clauses have "
                "ids starting with 'custom.')",
            )
            return
        if choice.variant is not None and choice.variant not in clause.variant_ids:
            add(
                loc + ("variant",),
                f"{key}.variant: {clause_id} has no variant "
                f"{choice.variant!r}{did_you_mean(choice.variant, clause.variant_ids)}; "
                f"variants: {', '.join(clause.variant_ids)}",
            )
        for field in ("part", "heading", "heading_uk", "title"):
            if getattr(choice, field) is not None:
                add(loc + (field,), f"{key}.{field}: only custom clauses set their {field}")
    _check_wording(library, choice, loc, key, add)
    for name, value in choice.params.items():
        _check_param(library, name, value, loc + ("params", name), add)


def _check_wording(library: Library, choice: ClauseChoice, loc: tuple[Any, ...], key: str, add: Any) -> None:
    """The placeholders of a clause's own wording, in both languages."""
    for field, language in (("text", "en"), ("text_uk", "uk")):
        wording = getattr(choice, field)
        if wording is None:
            continue
        for placeholder in placeholders_in(wording):
            param = library.params.get(placeholder.name)
            if param is None or (language == "uk" and placeholder.name.endswith(UK_SUFFIX)):
                if param is None:
                    hint = did_you_mean(placeholder.name, library.params)
                else:
                    hint = f" (write {{{placeholder.name.removesuffix(UK_SUFFIX)}}})"
                add(loc + (field,), f"{key}.{field}: unknown placeholder {{{placeholder.name}}}{hint}")
            elif problem := format_problem(param, placeholder.format, language):  # type: ignore[arg-type]
                add(loc + (field,), f"{key}.{field}: {problem}")


def _check_order(library: Library, spec: DraftSpec, add: Any) -> None:
    seen: set[str] = set()
    for clause_id in spec.order:
        if clause_id in seen:
            add(("order",), f"order: clause {clause_id!r} is listed twice")
        seen.add(clause_id)
        if clause_id not in library.clauses and not (clause_id.startswith(CUSTOM_PREFIX) and clause_id in spec.clauses):
            add(("order",), f"order: unknown clause {clause_id!r}{did_you_mean(clause_id, library.clauses)}")


def _check_param(library: Library, name: str, value: Any, loc: tuple[Any, ...], add: Any) -> None:
    spec = library.params.get(name)
    if spec is None:
        add(loc, f"{'.'.join(map(str, loc))}: unknown parameter {name!r}{did_you_mean(name, library.params)}")
        return
    _, error = check_value(spec, value)
    if error:
        add(loc, f"{'.'.join(map(str, loc))}: {spec.label}: {error}")


# --- writing ------------------------------------------------------------------------------------


def spec_to_dict(spec: DraftSpec) -> dict[str, Any]:
    """A plain dict in a stable, human-friendly order; defaults of clause choices are left out."""
    out: dict[str, Any] = {"draft": spec.draft.model_dump(exclude_none=True)}
    if not out["draft"].get("notes"):
        out["draft"].pop("notes", None)
    if spec.params:
        out["params"] = dict(spec.params)
    if spec.order is not None:
        out["order"] = list(spec.order)
    clauses: dict[str, Any] = {}
    for clause_id, choice in spec.clauses.items():
        # an entry with nothing but defaults still matters: it adds the clause to the draft
        clauses[clause_id] = choice.model_dump(exclude_none=True, exclude_defaults=True) or {"include": True}
    if clauses:
        out["clauses"] = clauses
    # the negotiation's tables, only when there are any: a spec that never went through a
    # round is written as it always was
    for table in ("rounds", "proposals", "brackets"):
        rows = getattr(spec, table)
        if rows:
            out[table] = [row.model_dump(exclude_none=True, exclude_defaults=True) for row in rows]
    if spec.issues:
        out["issues"] = {key: n.model_dump(exclude_none=True, exclude_defaults=True) for key, n in spec.issues.items()}
    return out


def dumps_spec(spec: DraftSpec) -> str:
    return tomli_w.dumps(spec_to_dict(spec), multiline_strings=True)


def save_spec(spec: DraftSpec, path: Path | str) -> Path:
    """Write atomically; returns the path written."""
    return atomic_write_text(Path(path), dumps_spec(spec), what="draft spec")


# --- building specs -----------------------------------------------------------------------------


def partner_name_problem(name: str, library: Library) -> str | None:
    """What is wrong with a partner's name by the rules every spec meets, or None: the name is
    also the partner_name parameter, so it meets that parameter's checks too."""
    if not name.strip():
        return 'expected a partner\'s name, e.g. "North Macedonia"'
    bad = first_forbidden_char(name)
    if bad is not None:
        return f"control character U+{ord(bad[1]):04X} in the name: a name is one line of text"
    spec = library.params.get("partner_name")
    if spec is not None:
        _, error = check_value(spec, name)
        if error:
            return error
    return None


def new_spec(library: Library, partner: str, *, date: dt.date | None = None, profile: str = "standard") -> DraftSpec:
    """A standard draft for a partner, with the partner's names filled from the partner table."""
    params: dict[str, Any] = dict(library.partner_params(partner))
    meta = DraftMeta(
        partner=params["partner_name"], round=1, date=date or dt.date.today(), status="working", profile=profile
    )
    return DraftSpec(draft=meta, params=params)
