"""The bundled clause library is complete and consistent; broken libraries get precise errors.

The first tests pin the bundled clauses/ on purpose: its Parts, headings, the variants negotiators
rely on, and library-wide rules (every variant fills). When clauses/ rightly changes (a clause
renamed, a variant dropped), check that the change is meant and update the expectation here.
The tests of the loader's errors break a copy of the small test library (tests/fixtures/library/)
in one place each, so they do not depend on the bundled wording."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import SMALL_LIBRARY

from bsa_drafter.errors import BadInput
from bsa_drafter.library import load_library
from bsa_drafter.params import fill_placeholders


def test_library_covers_the_uk_structure(library) -> None:
    assert len(library.clauses) >= 60
    numerals = [part.numeral for part in library.parts.values() if part.numeral]
    assert numerals == ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"]
    assert "preamble" in library.parts
    headings = {clause.heading for clause in library.clauses.values()}
    for expected in (
        "Scope",
        "Maritime security",
        "Sanctions",
        "Accountability",
        "Termination",
        "Amendments",
        "Entry into effect",
    ):
        assert expected in headings


def test_every_clause_is_documented_and_has_cited_variants(library) -> None:
    for clause in library.clauses.values():
        assert clause.note.strip(), clause.id
        assert clause.title.strip(), clause.id
        assert clause.variants, clause.id
        for variant in clause.variants:
            assert variant.label.strip()
            for precedent in variant.precedents:
                assert precedent in library.precedents


def test_key_clauses_offer_the_precedent_variants(library) -> None:
    def variants(clause_id: str) -> set[str]:
        return set(library.clauses[clause_id].variant_ids)

    assert {"six_months", "three_months", "no_exit", "soft_inform"} <= variants("final.termination")
    assert {"accession_support", "future_in_nato", "not_a_substitute", "bridge", "pathway_only"} <= variants(
        "intro.nato_membership"
    )
    assert {"yearly_amount", "gdp_share", "multi_year", "subject_to_appropriation"} <= variants("defence.pledge")
    assert {"measures", "escalation"} <= variants("attack.consultation")
    assert {"standard", "as_appropriate", "within_means"} <= variants("attack.assistance")
    assert "netherlands" in library.clauses["final.termination"].variant("three_months").precedents


def test_every_variant_fills_without_problems(library) -> None:
    values = {name: spec.default for name, spec in library.params.items()}
    for clause in library.clauses.values():
        for variant in clause.variants:
            _, problems = fill_placeholders(variant.text, library.params, values)
            assert problems == [], (clause.id, variant.id, problems)


def test_standard_profile_uses_existing_clauses_in_part_order(library) -> None:
    profile = library.profiles["standard"]
    ranks = {pid: i for i, pid in enumerate(library.parts)}
    order = [ranks[library.clauses[cid].part] for cid in profile.clauses]
    assert order == sorted(order)


@pytest.fixture()
def library_copy(tmp_path: Path) -> Path:
    target = tmp_path / "clauses"
    shutil.copytree(SMALL_LIBRARY, target)
    return target


def _problems(root: Path) -> list[str]:
    with pytest.raises(BadInput) as caught:
        load_library(root)
    return [str(p) for p in caught.value.problems]


def test_duplicate_clause_id_names_both_places(library_copy: Path) -> None:
    extra = library_copy / "11_extra.toml"
    extra.write_text(
        '[part]\nid = "extra"\ntitle = "Extra"\norder = 11\n\n[[clauses]]\nid = "extra.one"\ntitle = "x"\nnote = "x"\n'
        '  [[clauses.variants]]\n  id = "a"\n  label = "a"\n  text = "x"\n',
        encoding="utf-8",
    )
    final = library_copy / "02_final.toml"
    final.write_text(
        final.read_text()
        + (
            '\n[[clauses]]\nid = "final.exit"\ntitle = "again"\nnote = "dup"\n'
            '  [[clauses.variants]]\n  id = "a"\n  label = "a"\n  text = "x"\n'
        )
    )
    problems = _problems(library_copy)
    duplicate = [p for p in problems if "duplicate clause id 'final.exit'" in p]
    assert len(duplicate) == 1 and duplicate[0].startswith(str(final) + ":")
    assert f"first defined at {final}:" in duplicate[0]


def test_a_rule_or_precedent_id_given_twice_is_reported_at_the_second(library_copy: Path) -> None:
    playbook = library_copy / "playbook.toml"
    playbook.write_text(
        playbook.read_text()
        + '\n[[rules]]\nid = "exit-by-notice"\nseverity = "info"\nmessage = "again"\nreason = "x"\n'
        + 'when = [{ feature = "unilateral_exit", op = "eq", value = "yes" }]\n'
    )
    precedents = library_copy / "precedents.toml"
    precedents.write_text(precedents.read_text() + '\n[[precedents]]\nid = "beta"\nname = "Again"\nshort = "B2"\n')
    problems = _problems(library_copy)
    rule = [p for p in problems if "duplicate rule id 'exit-by-notice'" in p]
    precedent = [p for p in problems if "duplicate precedent id 'beta'" in p]
    assert len(rule) == 1 and rule[0].startswith(f"{playbook}:{len(playbook.read_text().splitlines()) - 5}:")
    assert len(precedent) == 1 and precedent[0].startswith(f"{precedents}:")


def test_unknown_placeholder_in_library_is_an_error_with_suggestion(library_copy: Path) -> None:
    final = library_copy / "02_final.toml"
    final.write_text(final.read_text().replace("{duration_years:words}", "{duraton_years:words}", 1))
    problems = _problems(library_copy)
    assert any("unknown placeholder {duraton_years}" in p and "duration_years" in p for p in problems)


def test_malformed_library_file_has_line_and_column(library_copy: Path) -> None:
    (library_copy / "params.toml").write_text('[params.x]\ntype = "text"\nlabel = \n')
    problems = _problems(library_copy)
    assert any(p.startswith(str(library_copy / "params.toml") + ":3:") and "malformed TOML" in p for p in problems)


def test_unknown_precedent_and_rule_feature(library_copy: Path) -> None:
    playbook = library_copy / "playbook.toml"
    playbook.write_text(playbook.read_text().replace('feature = "nato_support"', 'feature = "nato_suport"', 1))
    opening = library_copy / "00_opening.toml"
    opening.write_text(
        opening.read_text().replace('precedents = ["alpha", "beta"]', 'precedents = ["alpa", "beta"]', 1)
    )
    problems = _problems(library_copy)
    assert any("unknown feature 'nato_suport'" in p and "nato_support" in p for p in problems)
    assert any("unknown precedent 'alpa'" in p and p.startswith(str(opening) + ":") for p in problems)


def test_missing_library_folder(tmp_path: Path) -> None:
    problems = _problems(tmp_path / "nowhere")
    assert "no such folder" in problems[0]
