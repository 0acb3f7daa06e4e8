"""Word-level diffs, clause pairing, and the diff command's three formats.

Draft-to-draft diffs run on the small test library (tests/conftest.py: `small_library`); the
command-line tests diff the bundled examples and pin what those examples say."""

from __future__ import annotations

import json
import re
from pathlib import Path

from conftest import EXAMPLES, with_choice
from hypothesis import given, settings
from hypothesis import strategies as st

from bsa_drafter.assemble import assemble
from bsa_drafter.compare import compare_drafts, draft_items
from bsa_drafter.diff import DELETE, EQUAL, INSERT, DiffItem, diff_items, similarity, word_diff
from bsa_drafter.export.docx import export_draft
from bsa_drafter.spec import load_draft


def _sides(ops):
    a = "".join(t for op, t in ops if op != INSERT)
    b = "".join(t for op, t in ops if op != DELETE)
    return a, b


def _changes(ops):
    return [(op, t) for op, t in ops if op != EQUAL]


def test_a_changed_number_is_one_small_change() -> None:
    ops = word_diff("terminated six (6) months after notice", "terminated three (3) months after notice")
    assert _changes(ops) == [(DELETE, "six"), (INSERT, "three"), (DELETE, "6"), (INSERT, "3")]
    assert similarity("six (6) months", "three (3) months") > 0.3


def test_changes_land_on_whole_words() -> None:
    ops = word_diff("The Supplier will deliver the goods", "The Supply will deliver the goods")
    assert _changes(ops) == [(DELETE, "Supplier"), (INSERT, "Supply")]
    ops = word_diff("co-operation on cyber security", "cooperation on cyber security")
    for _, text in _changes(ops):
        assert re.fullmatch(r"[\w\s-]+", text)


def test_empty_texts() -> None:
    assert word_diff("", "") == []
    assert word_diff("", "new") == [(INSERT, "new")]
    assert word_diff("old", "") == [(DELETE, "old")]
    assert similarity("", "") == 1.0
    assert similarity("one two", "") == 0.0


def test_very_long_clause() -> None:
    words = [f"word{i}" for i in range(6000)]
    changed = list(words)
    for position in range(100, 6000, 600):
        changed[position] = "CHANGED"
    ops = word_diff(" ".join(words), " ".join(changed))
    assert _sides(ops) == (" ".join(words), " ".join(changed))
    assert len([1 for op, _ in ops if op == INSERT]) == 10
    assert similarity(" ".join(words), " ".join(changed)) > 0.99


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="ab cd.\n", max_size=80), st.text(alphabet="ab cd.\n", max_size=80))
def test_ops_rebuild_both_sides(a: str, b: str) -> None:
    assert _sides(word_diff(a, b)) == (a, b)


def test_pairing_moved_added_removed_and_renamed() -> None:
    a = [
        DiffItem("x", "X", "the first clause text"),
        DiffItem("y", "Y", "second clause on sanctions"),
        DiffItem("z", "Z", "third clause about demining"),
        DiffItem("gone", "G", "to be removed"),
    ]
    b = [
        DiffItem("z", "Z", "third clause about demining"),
        DiffItem("x", "X", "the first clause text, edited"),
        DiffItem("custom.p7", "Y", "second clause on sanctions"),
        DiffItem("new", "N", "brand new text"),
    ]
    result = diff_items(a, b)
    status = {c.id: (c.status, c.old_id) for c in result.clauses}
    assert status["z"] == ("moved", None)
    assert status["x"] == ("changed", None)
    assert status["custom.p7"] == ("unchanged", "y")  # paired by its wording, not deleted and re-added
    assert status["new"] == ("added", None)
    assert status["gone"] == ("removed", None)
    assert result.summary() == {"changed": 1, "added": 1, "removed": 1, "moved": 1, "unchanged": 1}


def test_drafts_diff_by_clause(small_library, small_spec) -> None:
    base = assemble(small_spec, small_library)
    spec = with_choice(small_spec, "final.exit", variant="no_exit")
    spec = with_choice(spec, "support.pledge", include=False)
    spec = with_choice(spec, "final.differences")
    order = list(small_library.profiles["standard"].clauses)
    order.remove("opening.purpose")
    order.insert(order.index("final.term") + 1, "opening.purpose")  # past three clauses: the one that moved
    spec.order = order + ["final.differences"]
    result = compare_drafts(base, assemble(spec, small_library), "standard", "draft")
    assert {c.id: c.status for c in result.clauses} == {
        "opening.membership": "unchanged",
        "support.pledge": "removed",
        "support.consultation": "unchanged",
        "final.term": "unchanged",
        "opening.purpose": "moved",
        "final.exit": "changed",
        "final.differences": "added",
    }
    assert result.summary() == {"changed": 1, "added": 1, "removed": 1, "moved": 1, "unchanged": 3}


def test_cli_diff_against_the_standard(cli) -> None:
    """Pins the Bulgaria example on purpose (its round, its removed exit clause): if the example or
    the standard profile changes, check the new diff is right and update the expectation."""
    result = cli("diff", EXAMPLES / "bulgaria.toml")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("Changes from the standard draft to bulgaria.toml (round 4)")
    assert "REMOVED  final.termination" in result.stdout
    assert "[-" in result.stdout and "{+" in result.stdout  # markers when there is no colour
    assert "unchanged clauses" in result.stdout


def test_cli_diff_json_and_html(cli, tmp_path: Path) -> None:
    """Pins two examples on purpose (their rounds, the clauses Montenegro adds, a bracket of its
    wording): if an example changes, check the new diff is right and update the expectation."""
    payload = json.loads(
        cli("diff", EXAMPLES / "north_macedonia.toml", EXAMPLES / "montenegro.toml", "--format", "json").stdout
    )
    assert set(payload) == {"old", "new", "summary", "clauses", "findings", "unmarked_changes"}
    assert (payload["old"], payload["new"]) == ("north_macedonia.toml (round 3)", "montenegro.toml (round 5)")
    for clause in payload["clauses"]:
        assert {"id", "status", "similarity", "ops", "place", "findings"} <= set(clause)
        assert all(op in (-1, 0, 1) and isinstance(text, str) for op, text in clause["ops"])
    assert payload["summary"]["added"] >= 4
    target = tmp_path / "redline.html"
    result = cli(
        "diff", EXAMPLES / "north_macedonia.toml", EXAMPLES / "montenegro.toml", "--format", "html", "-o", target
    )
    assert result.exit_code == 0
    html = target.read_text()
    assert html.startswith("<!doctype html>") and "<del>" in html and "<ins>" in html
    assert "http" not in html.replace("http-equiv", "")  # self-contained: no links to fetch
    assert "[demining and the disposal of explosive ordnance / training of specialists]" in html
    refused = cli("diff", EXAMPLES / "bulgaria.toml", "--format", "html", "-o", EXAMPLES / "bulgaria.toml")
    assert refused.exit_code == 2


def test_html_escapes_clause_text(small_library, small_spec) -> None:
    from bsa_drafter.cli.diff_html import diff_html

    spec = with_choice(small_spec, "opening.purpose", text="<script>alert(1)</script> & [A / B]")
    html = diff_html(compare_drafts(assemble(small_spec, small_library), assemble(spec, small_library), "a", "b"))
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_diff_against_our_own_exported_docx_is_unchanged(cli, library, tmp_path: Path) -> None:
    _, draft = load_draft(EXAMPLES / "montenegro.toml", library)
    exported = export_draft(draft, tmp_path / "me.docx")
    payload = json.loads(cli("diff", EXAMPLES / "montenegro.toml", exported, "--format", "json").stdout)
    assert payload["summary"]["unchanged"] == len(draft_items(draft))
    assert payload["summary"]["changed"] == payload["summary"]["added"] == payload["summary"]["removed"] == 0
