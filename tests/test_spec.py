"""Draft specs: round trip, atomic saves, and every kind of bad input with a precise message.

The specs here are validated against the small test library (tests/conftest.py: `small_library`),
whose clause, variant and parameter names the messages quote; only the round trip of the examples
uses the bundled library, on purpose."""

from __future__ import annotations

import errno
import os
import time
from pathlib import Path

import pytest
from conftest import EXAMPLES, MINIMAL_SPEC

from bsa_drafter.assemble import assemble
from bsa_drafter.errors import BadInput
from bsa_drafter.spec import dumps_spec, load_draft, load_spec, save_spec


@pytest.mark.parametrize("example", sorted(p.name for p in EXAMPLES.glob("*.toml")))
def test_load_save_load_is_equal_and_bytes_are_stable(example: str, library, tmp_path: Path) -> None:
    """Pins the examples on purpose: each must load against the bundled library and save byte for
    byte as it is written. If a change to clauses/ or to the spec format makes one fail, fix or
    re-save the example (bsa-drafter saves in its own stable form) after checking it says the same."""
    first = load_spec(EXAMPLES / example, library).spec
    saved = save_spec(first, tmp_path / example)
    second = load_spec(saved, library).spec
    assert second == first
    once = saved.read_bytes()
    save_spec(second, saved)
    assert saved.read_bytes() == once
    assert dumps_spec(second).encode() == once


def test_save_is_atomic_and_leaves_no_temporary_files(small_library, small_spec, tmp_path: Path) -> None:
    target = tmp_path / "draft.toml"
    target.write_text("old content", encoding="utf-8")
    save_spec(small_spec, target)
    assert load_spec(target, small_library).spec == small_spec
    assert [p.name for p in tmp_path.iterdir()] == ["draft.toml"]


def test_failed_save_keeps_the_old_file(small_spec, tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "draft.toml"
    target.write_text("precious", encoding="utf-8")

    def broken_replace(_src, _dst):  # the disk fills up at the last moment
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(BadInput) as caught:
        save_spec(small_spec, target)
    assert str(caught.value) == f"{target}: cannot write the draft spec file: no space left on the disk"
    assert target.read_text() == "precious"
    assert [p.name for p in tmp_path.iterdir()] == ["draft.toml"]


def _bad(path: Path, small_library) -> list[str]:
    with pytest.raises(BadInput) as caught:
        load_draft(path, small_library)
    return [str(p) for p in caught.value.problems]


def test_malformed_toml_names_line_and_column(write, small_library) -> None:
    path = write("bad.toml", MINIMAL_SPEC + '\n[params]\npartner_name = "North Macedonia\n')
    problems = _bad(path, small_library)
    assert len(problems) == 1
    assert problems[0].startswith(f"{path}:8:") and "malformed TOML" in problems[0]


def test_wrong_types_name_the_line_and_expected_type(write, small_library) -> None:
    path = write(
        "types.toml",
        MINIMAL_SPEC.replace("round = 1", 'round = "two"') + '\n[clauses."final.exit"]\ninclude = "no"\n',
    )
    problems = _bad(path, small_library)
    assert any(p.startswith(f"{path}:3:") and "draft.round" in p and "integer" in p for p in problems)
    assert any(p.startswith(f"{path}:8:") and "include" in p and "boolean" in p for p in problems)


def test_missing_required_fields(write, small_library) -> None:
    path = write("missing.toml", "[draft]\nround = 1\n")
    problems = _bad(path, small_library)
    assert any(p.startswith(f"{path}:1:") and "draft.partner: required field is missing" in p for p in problems)
    assert any("draft.date: required field is missing" in p for p in problems)
    no_table = write("no_draft.toml", '[params]\npartner_name = "X"\n')
    assert "missing [draft] table" in _bad(no_table, small_library)[0]


def test_unknown_clause_and_variant_with_did_you_mean(write, small_library) -> None:
    path = write(
        "ids.toml",
        MINIMAL_SPEC + '\n[clauses."final.exot"]\ninclude = false\n\n[clauses."final.term"]\nvariant = "fixd"\n',
    )
    problems = _bad(path, small_library)
    assert any(
        p.startswith(f"{path}:7:") and "unknown clause 'final.exot'" in p and "did you mean 'final.exit'" in p
        for p in problems
    )
    assert any(
        p.startswith(f"{path}:11:") and "no variant 'fixd'" in p and "did you mean 'fixed'" in p for p in problems
    )


def test_unknown_placeholder_in_override_text(write, small_library) -> None:
    path = write(
        "placeholder.toml",
        MINIMAL_SPEC + '\n[clauses."opening.purpose"]\ntext = "Between Ukraine and {partnr_name}."\n',
    )
    problems = _bad(path, small_library)
    assert any(
        p.startswith(f"{path}:8:") and "unknown placeholder {partnr_name}" in p and "partner_name" in p
        for p in problems
    )


def test_unknown_parameter_and_out_of_range_values(write, small_library) -> None:
    path = write(
        "range.toml",
        MINIMAL_SPEC
        + '\n[params]\nnotice_months = 0\npledge_amount = -5\nduraton_years = 10\npledge_currency = "EURO"\n',
    )
    problems = _bad(path, small_library)
    assert any(p.startswith(f"{path}:8:") and "notice_months" in p and "at least 1" in p for p in problems)
    assert any(p.startswith(f"{path}:9:") and "pledge_amount" in p and "greater than 0" in p for p in problems)
    assert any(
        p.startswith(f"{path}:10:") and "unknown parameter 'duraton_years'" in p and "duration_years" in p
        for p in problems
    )
    assert any(p.startswith(f"{path}:11:") and "EUR" in p for p in problems)


def test_empty_binary_and_non_utf8_files(write, small_library, tmp_path: Path) -> None:
    assert "empty file" in _bad(write("empty.toml", ""), small_library)[0]
    assert "empty file" in _bad(write("blank.toml", "\n  \n"), small_library)[0]
    binary = _bad(write("binary.toml", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), small_library)[0]
    assert "binary data" in binary
    latin = _bad(
        write("latin.toml", MINIMAL_SPEC.encode() + b'\n[params]\npartner_name = "Bulg\xe4ria"\n'), small_library
    )[0]
    assert latin.startswith(f"{tmp_path / 'latin.toml'}:9:") and "UTF-8" in latin
    missing = _bad(tmp_path / "nowhere.toml", small_library)[0]
    assert "no such file" in missing


def test_control_characters_are_refused_with_their_line(write, small_library) -> None:
    path = write("control.toml", MINIMAL_SPEC + '\n[clauses."opening.purpose"]\ntext = "bell \\u0007 here"\n')
    problems = _bad(path, small_library)
    assert any(p.startswith(f"{path}:8:") and "control character" in p for p in problems)
    raw = write("raw_control.toml", MINIMAL_SPEC.replace('status = "working"', 'status = "working"\nnotes = "a\x0bb"'))
    assert any("control character U+000B" in p for p in _bad(raw, small_library))


def test_jinja_delimiters_stay_literal_text(write, small_library) -> None:
    path = write(
        "jinja.toml",
        MINIMAL_SPEC
        + '\n[clauses."opening.purpose"]\n'
        + 'text = "Literal {{ partner_name }} and {% for x in y %} and {partner_name}."\n',
    )
    _, draft = load_draft(path, small_library)
    text = draft.clause("opening.purpose").text
    assert text == "Literal {{ partner_name }} and {% for x in y %} and North Macedonia."


def test_ten_megabyte_spec_is_refused_quickly(tmp_path: Path, small_library) -> None:
    path = tmp_path / "huge.toml"
    path.write_text(MINIMAL_SPEC + '\n[params]\npartner_name = "' + "x" * 10_000_000 + '"\n', encoding="utf-8")
    started = time.perf_counter()
    problems = _bad(path, small_library)
    assert "too large" in problems[0]
    assert time.perf_counter() - started < 5  # bounded: refused before parsing


def test_custom_clause_needs_part_and_text(write, small_library) -> None:
    path = write("custom.toml", MINIMAL_SPEC + '\n[clauses."custom.energy"]\npart = "suport"\n')
    problems = _bad(path, small_library)
    assert any("custom.energy" in p and "did you mean 'support'" in p for p in problems)
    assert any("custom clause needs its wording" in p for p in problems)


def test_valid_custom_clause_is_assembled_in_its_part(write, small_library) -> None:
    path = write(
        "custom_ok.toml",
        MINIMAL_SPEC
        + '\n[clauses."custom.energy"]\npart = "support"\nheading = "Energy"\ntext = "{partner_name} will help."\n',
    )
    _, draft = load_draft(path, small_library)
    ids = [c.id for c in draft.clauses]
    position = ids.index("custom.energy")
    assert ids[position - 1 : position + 2] == ["support.consultation", "custom.energy", "final.term"]
    assert draft.clause("custom.energy").text == "North Macedonia will help."
    assert draft.clause("custom.energy").status == "custom"


def test_new_spec_is_a_valid_standard_draft(small_library, small_spec) -> None:
    draft = assemble(small_spec, small_library)
    assert draft.partner_formal_name == "the Republic of Freedonia"
    assert [c.id for c in draft.clauses] == small_library.profiles["standard"].clauses
    assert all(c.status == "standard" for c in draft.clauses)
