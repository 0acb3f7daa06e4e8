"""`analyze --explain FEATURE`: how one feature was read, every occurrence or the closest
sentences and why they did not count."""

from __future__ import annotations

import json
from pathlib import Path

TEXT = """Agreement on Security Co-operation between Ukraine and the Partner

The Participants will cooperate closely on defence matters.

Ukraine will pursue the reforms that its NATO aspirations require.

Recalling that either Participant may terminate this Agreement at any time;

Either Participant may terminate this Agreement by giving the other six months' written notice.
"""


def test_explain_shows_the_closest_sentences_of_a_missing_feature(cli, write) -> None:
    path = write("theirs.txt", TEXT)
    result = cli("analyze", path, "--explain", "nato_support")
    assert result.exit_code == 0, result.stderr
    output = " ".join(result.stdout.split())
    assert "nato_support = False" in output
    assert "Closest sentences considered" in output
    assert "Ukraine will pursue the reforms that its NATO aspirations require." in output
    assert "names NATO only in a reform sentence" in output
    assert "Findings" not in output  # only the one feature


def test_explain_lists_every_occurrence_with_its_own_values(cli, write) -> None:
    path = write("theirs.txt", TEXT)
    result = cli("analyze", path, "--explain", "unilateral_exit")
    assert result.exit_code == 0, result.stderr
    output = " ".join(result.stdout.split())
    assert "(yes, notice_months = None): Recalling that either Participant may terminate" in output
    assert "(yes, notice_months = 6): Either Participant may terminate this Agreement by giving" in output


def test_explain_as_json(cli, write) -> None:
    path = write("theirs.txt", TEXT)
    result = cli("analyze", path, "--explain", "nato_support", "--format", "json")
    assert result.exit_code == 0, result.stderr
    payload = json.loads(result.stdout)
    assert payload["feature"] == "nato_support" and payload["value"] is False
    assert payload["source"].endswith("theirs.txt")
    assert payload["closest"][0]["why"].startswith("names NATO only in a reform sentence")
    assert payload["occurrences"] == []


def test_explain_an_unknown_feature_is_bad_input(cli, write, tmp_path: Path) -> None:
    path = write("theirs.txt", TEXT)
    result = cli("analyze", path, "--explain", "nato_suport")
    assert result.exit_code == 2
    assert "unknown feature 'nato_suport'" in result.stderr
    assert "did you mean 'nato_support'" in result.stderr
