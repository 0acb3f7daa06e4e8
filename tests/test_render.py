"""`render`: a spec as the plain text of its agreement and its negotiation, and `git diff` of
specs through a textconv."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EXAMPLES

from bsa_drafter.render_text import agreement_text
from bsa_drafter.spec import load_draft

GIT = shutil.which("git")


def test_the_agreement_reads_as_text(library) -> None:
    _, draft = load_draft(EXAMPLES / "montenegro.toml", library)
    text = agreement_text(draft)
    lines = text.splitlines()
    assert lines[0] == "Agreement on Security Co-operation between Ukraine and Montenegro"
    assert lines[1].startswith("DRAFT \u2014 Round 5")
    assert "Part IX. Final Provisions" in lines and "Termination" in lines
    assert (
        "1. Either Participant may terminate this Agreement at any time by informing the other Participant in writing "
        "at least six (6) months in advance." in lines
    )
    assert any(line.startswith("   - Montenegro, together with other partners") for line in lines)
    assert lines[-1] == "For Montenegro: [name], Prime Minister of Montenegro"


def test_cli_render_with_the_negotiation(cli, tmp_path: Path) -> None:
    spec = tmp_path / "montenegro.toml"
    shutil.copy(EXAMPLES / "montenegro.toml", spec)
    plain = cli("render", spec)
    assert plain.exit_code == 0 and "Negotiation" not in plain.stdout
    from bsa_drafter.editing import DraftSession
    from bsa_drafter.library import load_library

    session = DraftSession.open(spec, load_library())
    session.set_text(
        "final.termination", "Either Participant may terminate this Agreement by [six / three] months' written notice."
    )
    session.save()
    rendered = cli("render", spec)
    assert "Negotiation: round 5, decisions go out in round 5" in rendered.stdout
    assert (
        "B1 final.termination (round 5) open: Ukraine: \u201csix\u201d / Ukraine: \u201cthree\u201d" in rendered.stdout
    )
    assert "Negotiation" not in cli("render", spec, "--agreement-only").stdout


def test_render_of_something_else_is_bad_input_unless_raw(cli, tmp_path: Path) -> None:
    other = tmp_path / "pyproject.toml"
    other.write_text('[project]\nname = "x\x1b[2J"\n', encoding="utf-8")
    failed = cli("render", other)
    assert failed.exit_code == 2 and "Traceback" not in failed.stderr
    raw = cli("render", other, "--raw-on-error")
    assert (
        raw.exit_code == 0 and raw.stdout.startswith("[project]") and "\x1b" not in raw.stdout and "\\x1b" in raw.stdout
    )


@pytest.mark.skipif(GIT is None, reason="git is not installed")
def test_git_diff_of_a_spec_shows_wording_through_textconv(tmp_path: Path) -> None:
    repo = tmp_path / "drafts"
    repo.mkdir()
    spec = repo / "montenegro.toml"
    shutil.copy(EXAMPLES / "montenegro.toml", spec)
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}

    def git(*args: str) -> str:
        return subprocess.run([GIT, *args], cwd=repo, env=env, capture_output=True, text=True, check=True).stdout

    git("init", "-q")
    git("config", "user.email", "drafts@example.org")
    git("config", "user.name", "Drafts")
    git("config", "diff.bsa.textconv", f"{sys.executable} -m bsa_drafter render --raw-on-error")
    (repo / ".gitattributes").write_text("*.toml diff=bsa\n")
    git("add", ".")
    git("commit", "-q", "-m", "round 5")
    text = spec.read_text().replace(
        '[clauses."final.termination"]',
        '[clauses."final.termination"]\n'
        'text = "Either Participant may terminate this Agreement by three months\' notice."',
    )
    spec.write_text(text)
    diff = git("diff")
    assert "+1. Either Participant may terminate this Agreement by three months' notice." in diff
    assert "-1. Either Participant may terminate this Agreement at any time" in diff
    assert 'text = "' not in diff  # the wording, not the TOML
