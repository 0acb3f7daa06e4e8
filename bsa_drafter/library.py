"""Load the clause library from clauses/*.toml and cross-check it, reporting every problem.

Each file declares what it holds by its top-level table: `[part]` with `[[clauses]]`,
`[params.*]`, `[[rules]]` (the playbook), `[[precedents]]`, `[[partners]]`, `[profile]`, or
`[[terms]]` with `[[forbidden]]` and `[[treaty_vocabulary]]` (the termbase).

Every variant's Ukrainian text is checked against its English: the same placeholders' names in
Ukrainian formats, and the same sequence of paragraphs, bullets and sub-bullets.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Container, Iterator

from pydantic import BaseModel, ValidationError

from bsa_drafter.bilingual import structure_difference
from bsa_drafter.detectors import feature_specs, per_occurrence_features
from bsa_drafter.errors import BadInput, Problem, did_you_mean
from bsa_drafter.files import os_reason
from bsa_drafter.models import (
    Clause,
    ForbiddenTerm,
    Library,
    ParamSpec,
    Part,
    PartnerInfo,
    Precedent,
    Profile,
    Rule,
    Term,
    Termbase,
    TreatyWord,
)
from bsa_drafter.params import UK_SUFFIX, check_value, format_problem, placeholders_in
from bsa_drafter.resources import data_dir
from bsa_drafter.tomlfile import KeyLocator, load_toml_file, pydantic_problems

MAX_LIBRARY_FILE_BYTES = 2_000_000
KINDS = ("part", "params", "rules", "precedents", "partners", "profile", "terms")
# tables a file may hold beside the one that says what it is
COMPANIONS = {"part": {"clauses"}, "terms": {"forbidden", "treaty_vocabulary"}}


def default_library_dir() -> Path:
    return data_dir("clauses")


def load_library(root: Path | str | None = None) -> Library:
    """Load and check a clause library; raises BadInput listing every problem found."""
    root_path = Path(root) if root is not None else default_library_dir()
    files = tuple(sorted(root_path.glob("*.toml"))) if root_path.is_dir() else ()
    stamp = []
    problems = []
    for file in files:
        try:
            info = file.stat()
        except OSError as exc:  # a broken or looping symlink
            problems.append(Problem(str(file), None, f"cannot read the file: {os_reason(exc)}"))
            continue
        stamp.append((str(file), info.st_mtime_ns, info.st_size))
    if problems:
        raise BadInput(problems)
    return _load_library_cached(str(root_path), tuple(stamp))


@lru_cache(maxsize=4)
def _load_library_cached(root: str, stamp: tuple[tuple[str, int, int], ...]) -> Library:
    return _LibraryLoader(Path(root)).load()


class _LibraryLoader:
    def __init__(self, root: Path):
        self.root = root
        self.problems: list[Problem] = []
        self.parts: dict[str, Part] = {}
        self.clauses: dict[str, Clause] = {}
        self.clause_sources: dict[str, tuple[str, int | None]] = {}
        self.params: dict[str, ParamSpec] = {}
        self.precedents: dict[str, Precedent] = {}
        self.rules: list[Rule] = []
        self.rule_sources: dict[str, tuple[str, int | None]] = {}
        self.profiles: dict[str, Profile] = {}
        self.profile_sources: dict[str, tuple[str, int | None]] = {}
        self.partners: dict[str, PartnerInfo] = {}
        self.terms: list[Term] = []
        self.forbidden: list[ForbiddenTerm] = []
        self.treaty: list[TreatyWord] = []
        self.terms_label: str | None = None

    def load(self) -> Library:
        if not self.root.is_dir():
            raise BadInput(Problem(str(self.root), None, "no such folder: expected a clause library (clauses/)"))
        files = sorted(self.root.glob("*.toml"))
        if not files:
            raise BadInput(Problem(str(self.root), None, "no .toml files: expected the clause library's files"))
        for path in files:
            try:
                data, text = load_toml_file(path, max_bytes=MAX_LIBRARY_FILE_BYTES, what="clause library file")
            except BadInput as exc:
                self.problems.extend(exc.problems)
                continue
            self._load_file(path, data, KeyLocator(text))
        self._cross_check()
        if self.problems:
            raise BadInput(self.problems)
        ordered_parts = dict(sorted(self.parts.items(), key=lambda item: item[1].order))
        part_rank = {pid: i for i, pid in enumerate(ordered_parts)}
        ordered_clauses = dict(
            sorted(self.clauses.items(), key=lambda item: part_rank.get(item[1].part, len(part_rank)))
        )
        return Library(
            root=str(self.root),
            parts=ordered_parts,
            clauses=ordered_clauses,
            params=self.params,
            precedents=self.precedents,
            rules=self.rules,
            profiles=self.profiles,
            partners=self.partners,
            terms=Termbase(tuple(self.terms), tuple(self.forbidden), tuple(self.treaty)),
            clause_sources=self.clause_sources,
        )

    # -- one file ---------------------------------------------------------------------------

    def _load_file(self, path: Path, data: dict[str, Any], locator: KeyLocator) -> None:
        label = str(path)
        kinds = [k for k in KINDS if k in data]
        if len(kinds) != 1:
            found = ", ".join(sorted(data)) or "nothing"
            self.problems.append(
                Problem(label, 1, f"expected exactly one of the tables {', '.join(KINDS)}; found {found}")
            )
            return
        kind = kinds[0]
        extra = sorted(set(data) - {kind} - COMPANIONS.get(kind, set()))
        if extra:
            self.problems.append(
                Problem(label, locator.line_of((extra[0],)), f"unexpected table {extra[0]!r} in a {kind} file")
            )
        loader: Callable[[str, Any, KeyLocator], None] = getattr(self, f"_load_{kind}")
        loader(label, data, locator)

    def _model(self, model: type[BaseModel], raw: Any, label: str, locator: KeyLocator, loc: tuple[Any, ...]) -> Any:
        try:
            return model.model_validate(raw)
        except ValidationError as exc:
            self.problems.extend(pydantic_problems(exc, label, locator, loc))
            return None

    def _load_part(self, label: str, data: dict[str, Any], locator: KeyLocator) -> None:
        part = self._model(Part, data["part"], label, locator, ("part",))
        if part is None:
            return
        if part.id in self.parts:
            self.problems.append(Problem(label, locator.line_of(("part", "id")), f"part {part.id!r} is defined twice"))
            return
        self.parts[part.id] = part
        raw_clauses = data.get("clauses", [])
        if not isinstance(raw_clauses, list):
            self.problems.append(
                Problem(label, locator.line_of(("clauses",)), "clauses: expected an array of [[clauses]] tables")
            )
            return
        for index, raw in enumerate(raw_clauses):
            loc = ("clauses", index)
            if isinstance(raw, dict):
                raw = {"part": part.id, **raw}
            clause = self._model(Clause, raw, label, locator, loc)
            if clause is None:
                continue
            line = locator.line_of(loc)
            if clause.part != part.id:
                self.problems.append(
                    Problem(
                        label,
                        line,
                        f"clause {clause.id!r} names part {clause.part!r} but sits in the file of part {part.id!r}",
                    )
                )
            if not clause.id.startswith(part.id + "."):
                self.problems.append(
                    Problem(label, line, f"clause id {clause.id!r} must start with its part id '{part.id}.'")
                )
            if clause.id in self.clauses:
                first_file, first_line = self.clause_sources[clause.id]
                self.problems.append(
                    Problem(
                        label, line, f"duplicate clause id {clause.id!r} (first defined at {first_file}:{first_line})"
                    )
                )
                continue
            self.clauses[clause.id] = clause
            self.clause_sources[clause.id] = (label, line)

    def _load_params(self, label: str, data: dict[str, Any], locator: KeyLocator) -> None:
        table = data["params"]
        if not isinstance(table, dict):
            self.problems.append(Problem(label, locator.line_of(("params",)), "params: expected [params.NAME] tables"))
            return
        for name, raw in table.items():
            loc = ("params", name)
            if isinstance(raw, dict):
                raw = {"name": name, **raw}
            spec = self._model(ParamSpec, raw, label, locator, loc)
            if spec is None:
                continue
            if spec.default is not None:
                _, error = check_value(spec, spec.default)
                if error:
                    self.problems.append(
                        Problem(label, locator.line_of(loc + ("default",)), f"params.{name}.default {error}")
                    )
            if spec.type == "choice" and not spec.choices:
                self.problems.append(
                    Problem(label, locator.line_of(loc), f"params.{name}: a choice needs a list of choices")
                )
            self.params[name] = spec

    def _load_rules(self, label: str, data: dict[str, Any], locator: KeyLocator) -> None:
        for rule, line in self._new_entries("rules", Rule, self.rule_sources, label, data, locator):
            self.rules.append(rule)
            self.rule_sources[rule.id] = (label, line)

    def _load_precedents(self, label: str, data: dict[str, Any], locator: KeyLocator) -> None:
        for precedent, _ in self._new_entries("precedents", Precedent, self.precedents, label, data, locator):
            self.precedents[precedent.id] = precedent

    def _new_entries(
        self, key: str, model: type[Any], known: Container[str], label: str, data: dict[str, Any], locator: KeyLocator
    ) -> Iterator[tuple[Any, int | None]]:
        """The valid entries of a file's list of `key` (rules, precedents), each with its line; an
        entry whose id is already known is reported and left out."""
        for index, raw in enumerate(_as_list(data[key])):
            entry = self._model(model, raw, label, locator, (key, index))
            if entry is None:
                continue
            line = locator.line_of((key, index))
            if entry.id in known:
                self.problems.append(Problem(label, line, f"duplicate {key[:-1]} id {entry.id!r}"))
                continue
            yield entry, line

    def _load_partners(self, label: str, data: dict[str, Any], locator: KeyLocator) -> None:
        for index, raw in enumerate(_as_list(data["partners"])):
            partner = self._model(PartnerInfo, raw, label, locator, ("partners", index))
            if partner is not None:
                self.partners[partner.name.casefold()] = partner

    def _load_terms(self, label: str, data: dict[str, Any], locator: KeyLocator) -> None:
        def problem(line: int | None, message: str) -> None:
            self.problems.append(Problem(label, line, message))

        if self.terms_label is not None:
            problem(1, f"a second termbase (the first is {self.terms_label}): keep the terms in one file")
            return
        self.terms_label = label
        seen_ids: dict[str, int | None] = {}
        seen_forms: dict[str, str] = {}
        for index, raw in enumerate(_as_list(data["terms"])):
            loc = ("terms", index)
            term = self._model(Term, raw, label, locator, loc)
            if term is None:
                continue
            line = locator.line_of(loc)
            if term.id in seen_ids:
                problem(line, f"duplicate term id {term.id!r} (first at line {seen_ids[term.id]})")
                continue
            seen_ids[term.id] = line
            for message in _term_problems(term, seen_forms):
                problem(line, message)
            self.terms.append(term)
        for index, raw in enumerate(_as_list(data.get("forbidden", []))):
            forbidden = self._model(ForbiddenTerm, raw, label, locator, ("forbidden", index))
            if forbidden is not None:
                if forbidden.lang == "en" and any(f != f.lower() for f in [forbidden.lemma, *forbidden.forms]):
                    where = locator.line_of(("forbidden", index))
                    problem(where, f"forbidden {forbidden.lemma!r}: English forms must be lower case")
                self.forbidden.append(forbidden)
        for index, raw in enumerate(_as_list(data.get("treaty_vocabulary", []))):
            word = self._model(TreatyWord, raw, label, locator, ("treaty_vocabulary", index))
            if word is not None:
                self.treaty.append(word)

    def _load_profile(self, label: str, data: dict[str, Any], locator: KeyLocator) -> None:
        profile = self._model(Profile, data["profile"], label, locator, ("profile",))
        if profile is None:
            return
        if profile.id in self.profiles:
            self.problems.append(
                Problem(label, locator.line_of(("profile", "id")), f"profile {profile.id!r} is defined twice")
            )
            return
        self.profiles[profile.id] = profile
        self.profile_sources[profile.id] = (label, locator.line_of(("profile", "clauses")))

    # -- across files -----------------------------------------------------------------------

    def _cross_check(self) -> None:
        self._check_clauses()
        self._check_params()
        self._check_rules()
        self._check_profiles()
        if "standard" not in self.profiles and not self.problems:
            self.problems.append(
                Problem(str(self.root), None, "no profile with id 'standard': expected clauses/standard.toml")
            )

    def _check_clauses(self) -> None:
        headings_uk: dict[tuple[str, str], tuple[str, str]] = {}
        for clause_id, clause in self.clauses.items():
            label, line = self.clause_sources[clause_id]
            if clause.heading:
                first = headings_uk.setdefault((clause.part, clause.heading), (clause.heading_uk, clause_id))
                if first[0] != clause.heading_uk:
                    message = f"{clause_id}: heading_uk {clause.heading_uk!r} differs from {first[0]!r} of {first[1]}"
                    self.problems.append(Problem(label, line, f"{message} under the same heading {clause.heading!r}"))
            for variant in clause.variants:
                for precedent in variant.precedents:
                    if precedent not in self.precedents:
                        self.problems.append(
                            Problem(
                                label,
                                line,
                                f"{clause_id} variant {variant.id!r}: unknown precedent "
                                f"{precedent!r}{did_you_mean(precedent, self.precedents)}",
                            )
                        )
                self._check_placeholders(label, line, f"{clause_id} variant {variant.id!r}", variant.text, "en")
                if variant.text_uk:
                    where = f"{clause_id} variant {variant.id!r} text_uk"
                    self._check_placeholders(label, line, where, variant.text_uk, "uk")
                    english = {p.name for p in placeholders_in(variant.text)}
                    ukrainian = {p.name for p in placeholders_in(variant.text_uk)}
                    for name in sorted(english ^ ukrainian):
                        side = "the English only" if name in english else "the Ukrainian only"
                        self.problems.append(Problem(label, line, f"{where}: {{{name}}} is in {side}"))
                    difference = structure_difference(variant.text, variant.text_uk)
                    if difference:
                        self.problems.append(Problem(label, line, f"{where}: {difference}"))
            if clause.part not in self.parts:
                self.problems.append(Problem(label, line, f"clause {clause_id!r}: unknown part {clause.part!r}"))

    def _check_params(self) -> None:
        for name, spec in self.params.items():
            params_file = self.root.as_posix() + "/params.toml"
            english = name.removesuffix(UK_SUFFIX)
            if name.endswith(UK_SUFFIX) and (self.params.get(english) is None or self.params[english].type != "text"):
                message = f"params.{name}: a Ukrainian counterpart needs a text parameter {english!r}"
                self.problems.append(Problem(params_file, None, message))
            elif name.endswith(UK_SUFFIX) and spec.type != "text":
                self.problems.append(Problem(params_file, None, f"params.{name}: a Ukrainian counterpart must be text"))
            for choice in spec.choices_uk:
                if choice not in spec.choices:
                    message = f"params.{name}.choices_uk: {choice!r} is not one of its choices"
                    self.problems.append(Problem(params_file, None, message))
            if spec.default_from and spec.default_from not in self.params:
                message = f"params.{name}.default_from names unknown parameter {spec.default_from!r}"
                self.problems.append(Problem(params_file, None, message))

    def _check_rules(self) -> None:
        features, each_features = feature_specs(), per_occurrence_features()
        for rule in self.rules:
            label, line = self.rule_sources[rule.id]
            for condition in rule.when:
                if condition.feature != "item" and condition.feature not in features:
                    self.problems.append(
                        Problem(
                            label,
                            line,
                            f"rule {rule.id!r}: unknown feature "
                            f"{condition.feature!r}{did_you_mean(condition.feature, features)}",
                        )
                    )
                if condition.feature == "item" and not rule.each:
                    self.problems.append(Problem(label, line, f"rule {rule.id!r}: 'item' conditions need 'each'"))
            if rule.each and rule.each not in each_features:
                self.problems.append(
                    Problem(
                        label,
                        line,
                        f"rule {rule.id!r}: each = {rule.each!r} is not a feature with occurrences "
                        f"({', '.join(each_features)})",
                    )
                )
            if rule.expected_clause and rule.expected_clause not in self.clauses:
                self.problems.append(
                    Problem(
                        label,
                        line,
                        f"rule {rule.id!r}: unknown expected_clause "
                        f"{rule.expected_clause!r}{did_you_mean(rule.expected_clause, self.clauses)}",
                    )
                )
            for precedent in rule.precedents:
                if precedent not in self.precedents:
                    self.problems.append(Problem(label, line, f"rule {rule.id!r}: unknown precedent {precedent!r}"))

    def _check_profiles(self) -> None:
        for profile_id, profile in self.profiles.items():
            label, line = self.profile_sources[profile_id]
            seen: set[str] = set()
            for clause_id in profile.clauses:
                if clause_id not in self.clauses:
                    self.problems.append(
                        Problem(
                            label,
                            line,
                            f"profile {profile_id!r}: unknown clause "
                            f"{clause_id!r}{did_you_mean(clause_id, self.clauses)}",
                        )
                    )
                if clause_id in seen:
                    self.problems.append(
                        Problem(label, line, f"profile {profile_id!r}: clause {clause_id!r} is listed twice")
                    )
                seen.add(clause_id)
            for clause_id, variant in profile.variants.items():
                clause = self.clauses.get(clause_id)
                if clause is None:
                    self.problems.append(
                        Problem(label, line, f"profile {profile_id!r}: variant for unknown clause {clause_id!r}")
                    )
                elif variant not in clause.variant_ids:
                    self.problems.append(
                        Problem(
                            label,
                            line,
                            f"profile {profile_id!r}: clause {clause_id!r} has no variant "
                            f"{variant!r}{did_you_mean(variant, clause.variant_ids)}",
                        )
                    )

    def _check_placeholders(self, label: str, line: int | None, where: str, text: str, language: str) -> None:
        for placeholder in placeholders_in(text):
            spec = self.params.get(placeholder.name)
            if spec is None or placeholder.name.endswith(UK_SUFFIX):
                if spec is None:
                    hint = did_you_mean(placeholder.name, self.params)
                else:
                    hint = " (use the English name: the Ukrainian text takes its Ukrainian value)"
                self.problems.append(Problem(label, line, f"{where}: unknown placeholder {{{placeholder.name}}}{hint}"))
                continue
            problem = format_problem(spec, placeholder.format, language)  # type: ignore[arg-type]
            if problem:
                self.problems.append(Problem(label, line, f"{where}: {problem}"))
            if language == "uk" and spec.type == "text" and placeholder.name + UK_SUFFIX not in self.params:
                counterpart = placeholder.name + UK_SUFFIX
                message = f"{where}: {{{placeholder.name}}} has no Ukrainian counterpart parameter {counterpart!r}"
                self.problems.append(Problem(label, line, message))


def _term_problems(term: Term, seen_forms: dict[str, str]) -> list[str]:
    """What is wrong with one termbase entry; `seen_forms` (English form -> term id) grows."""
    problems = []
    for form in term.en:
        if form != form.lower() or form != " ".join(form.split()):
            problems.append(f"term {term.id!r}: English form {form!r} must be lower case, single-spaced")
        if form in seen_forms:
            problems.append(f"term {term.id!r}: English form {form!r} is already a form of term {seen_forms[form]!r}")
        seen_forms.setdefault(form, term.id)
    if term.uk.lower() in (f.lower() for f in term.uk_forbidden):
        problems.append(f"term {term.id!r}: its Ukrainian {term.uk!r} is also among its forbidden renderings")
    for sense in term.senses:
        for phrase in sense.en:
            if not any(f" {form} " in f" {phrase.lower()} " for form in term.en):
                problems.append(f"term {term.id!r}: sense context {phrase!r} has none of the term's forms")
    return problems


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]
