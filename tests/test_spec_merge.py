"""Two colleagues' versions of one spec merged by git through our merge driver: two wordings
of one clause become a bracket [ours / theirs] in the register, not conflict markers."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EXAMPLES

from bsa_drafter.spec import load_spec, parse_spec
from bsa_drafter.spec_merge import merge_specs

GIT = shutil.which("git")
TERMINATION = '[clauses."final.termination"]'
SIX = "Either Participant may terminate this Agreement by giving six months' written notice to the other."


def _with_termination(text: str, wording: str) -> str:
    return text.replace(TERMINATION, f'{TERMINATION}\ntext = "{wording}"')


def test_both_reworded_one_clause_becomes_a_bracket(library) -> None:
    base_text = _with_termination((EXAMPLES / "montenegro.toml").read_text(), SIX)
    base = parse_spec(base_text, "base")[0]
    ours = parse_spec(
        base_text.replace("six months'", "nine months'").replace("pledge_amount = 5", "pledge_amount = 7"), "ours"
    )[0]
    theirs = parse_spec(
        base_text.replace("six months'", "twelve months'").replace(
            'place_of_signature = "Podgorica"', 'place_of_signature = "Kyiv"'
        ),
        "theirs",
    )[0]
    merged = merge_specs(base, ours, theirs, library)
    assert merged.conflicts == [] and merged.bracketed == ["final.termination"]
    spec = merged.spec
    assert spec.clauses["final.termination"].text == SIX.replace("six months'", "[nine / twelve] months'")
    [bracket] = spec.brackets
    assert [(o.text, o.by) for o in bracket.options] == [
        ("nine", "ukraine"),
        ("twelve", "ukraine"),
    ] and bracket.opened == 5
    assert (spec.params["pledge_amount"], spec.params["place_of_signature"]) == (7, "Kyiv")  # one side each: both kept


def test_what_cannot_be_bracketed_keeps_ours_and_says_so(library) -> None:
    base = load_spec(EXAMPLES / "montenegro.toml").spec
    ours = base.model_copy(deep=True)
    theirs = base.model_copy(deep=True)
    ours.params["pledge_amount"] = 7
    theirs.params["pledge_amount"] = 9
    merged = merge_specs(base, ours, theirs, library)
    assert merged.spec.params["pledge_amount"] == 7 and merged.conflicts == ["parameter pledge_amount"]


@pytest.mark.skipif(GIT is None, reason="git is not installed")
def test_git_merges_two_colleagues_wordings_into_a_bracket(tmp_path: Path) -> None:
    repo = tmp_path / "drafts"
    repo.mkdir()
    spec = repo / "montenegro.toml"
    spec.write_text(_with_termination((EXAMPLES / "montenegro.toml").read_text(), SIX))
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}

    def git(*args: str, check: bool = True) -> subprocess.CompletedProcess:
        return subprocess.run([GIT, *args], cwd=repo, env=env, capture_output=True, text=True, check=check)

    git("init", "-q", "-b", "main")
    git("config", "user.email", "drafts@example.org")
    git("config", "user.name", "Drafts")
    git("config", "merge.bsa.driver", f"{sys.executable} -m bsa_drafter merge-spec %O %A %B")
    (repo / ".gitattributes").write_text("*.toml merge=bsa\n")
    git("add", ".")
    git("commit", "-q", "-m", "round 5")
    git("checkout", "-q", "-b", "colleague")
    spec.write_text(spec.read_text().replace("six months'", "twelve months'"))
    git("commit", "-q", "-am", "twelve months")
    git("checkout", "-q", "main")
    spec.write_text(spec.read_text().replace("six months'", "nine months'"))
    git("commit", "-q", "-am", "nine months")
    done = git("merge", "-q", "--no-edit", "colleague", check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    merged = load_spec(spec).spec
    assert "[nine / twelve] months'" in merged.clauses["final.termination"].text
    assert "<<<<<<<" not in spec.read_text() and merged.brackets[0].options[1].text == "twelve"
