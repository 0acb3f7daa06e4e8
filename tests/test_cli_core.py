"""The `check`, `new` and `library` commands: output, exit codes and bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EXAMPLES, MINIMAL_SPEC, ROOT

from bsa_drafter.spec import load_spec


def test_check_examples_differ_per_partner(cli) -> None:
    """Pins the examples' findings on purpose: each example stands for a partner's position. A new
    rule or a changed clause may rightly change them; check the new finding is right for that
    partner, then update the expectation."""
    result = cli("check", *sorted(EXAMPLES.glob("*.toml")))
    assert result.exit_code == 0, result.stdout + result.stderr
    sections = result.stdout.split("examples/")
    by_partner = {s.split(".toml")[0]: s for s in sections[1:]}
    assert "unilateral-exit" not in by_partner["bulgaria"]  # its government objected to the form
    assert "reciprocity-missing" in by_partner["bulgaria"]
    assert "unilateral-exit" in by_partner["montenegro"] and "as appropriate" in by_partner["montenegro"]
    assert "unilateral-exit" in by_partner["north_macedonia"]


def test_check_json_shape(cli) -> None:
    result = cli("check", EXAMPLES / "north_macedonia.toml", "--format", "json")
    assert result.exit_code == 0
    payload = json.loads(result.stdout)
    assert set(payload) == {"spec", "findings"}
    assert payload["spec"].endswith("north_macedonia.toml")
    assert payload["findings"]
    for finding in payload["findings"]:
        assert set(finding) == {"rule", "severity", "message", "clause", "evidence", "language"}
    several = json.loads(cli("check", *sorted(EXAMPLES.glob("*.toml")), "--format", "json").stdout)
    assert isinstance(several, list) and len(several) == 3


def test_fail_on_levels(cli) -> None:
    spec = EXAMPLES / "north_macedonia.toml"  # one warning, some info
    assert cli("check", spec).exit_code == 0
    assert cli("check", spec, "--fail-on", "warning").exit_code == 1
    assert cli("check", spec, "--fail-on", "info").exit_code == 1
    assert cli("check", spec, "--fail-on", "none").exit_code == 0


def test_error_findings_exit_1(cli, write) -> None:
    spec = write("no_nato.toml", MINIMAL_SPEC + '\n[clauses."intro.nato_membership"]\nvariant = "pathway_only"\n')
    result = cli("check", spec)
    assert result.exit_code == 1
    assert "nato-bridge-missing" in result.stdout


def test_bad_input_exits_2_without_traceback_and_other_specs_still_run(cli, write) -> None:
    bad = write("bad.toml", "[draft\n")
    result = cli("check", bad, EXAMPLES / "bulgaria.toml")
    assert result.exit_code == 2
    assert f"{bad}:1:" in result.stderr and "malformed TOML" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert "bulgaria.toml" in result.stdout


def test_new_writes_a_valid_standard_spec_and_refuses_to_overwrite(cli, tmp_path: Path, library) -> None:
    target = tmp_path / "nm.toml"
    result = cli("new", "--partner", "North Macedonia", "-o", target, "--date", "2026-11-20")
    assert result.exit_code == 0, result.stderr
    spec = load_spec(target, library).spec
    assert spec.params["partner_formal_name"] == "the Republic of North Macedonia"
    before = target.read_bytes()
    again = cli("new", "--partner", "Bulgaria", "-o", target)
    assert again.exit_code == 2 and "--force" in again.stderr
    assert target.read_bytes() == before
    forced = cli("new", "--partner", "Bulgaria", "-o", target, "--force")
    assert forced.exit_code == 0
    assert load_spec(target, library).spec.draft.partner == "Bulgaria"


def test_new_for_an_unlisted_partner_and_bad_options(cli, tmp_path: Path, library) -> None:
    target = tmp_path / "atlantis.toml"
    result = cli("new", "--partner", "Atlantis", "-o", target)
    assert result.exit_code == 0 and "not in clauses/partners.toml" in result.stdout
    assert load_spec(target, library).spec.params["partner_name"] == "Atlantis"
    assert cli("new", "--partner", "X", "-o", tmp_path / "x.toml", "--date", "tomorrow").exit_code == 2
    assert cli("new", "--partner", "X", "-o", tmp_path / "x.txt").exit_code == 2
    assert not (tmp_path / "x.toml").exists()


def test_library_commands(cli) -> None:
    listing = cli("library", "list", "--part", "final")
    assert listing.exit_code == 0 and "final.termination" in listing.stdout
    shown = cli("library", "show", "final.termination")
    assert shown.exit_code == 0
    assert "three_months" in shown.stdout and "Netherlands" in shown.stdout and "(standard)" in shown.stdout
    unknown = cli("library", "show", "final.terminaton")
    assert unknown.exit_code == 2 and "did you mean 'final.termination'" in unknown.stderr
    rules = cli("library", "rules")
    assert "nato-bridge-missing" in rules.stdout


@pytest.mark.parametrize("command", [[], ["check"], ["new"], ["library"], ["library", "show"], ["edit"]])
def test_help_everywhere(cli, command: list[str]) -> None:
    result = cli(*command, "--help")
    assert result.exit_code == 0
    assert "Usage" in result.stdout


def test_console_script_and_module_entry_points(tmp_path: Path) -> None:
    module = subprocess.run(
        [sys.executable, "-m", "bsa_drafter", "check", str(EXAMPLES / "bulgaria.toml"), "--format", "json"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert module.returncode == 0, module.stderr
    assert json.loads(module.stdout)["spec"].endswith("bulgaria.toml")


@pytest.mark.parametrize(
    ("argv", "opens"),
    [
        ([], None),
        (["edit", "drafts/x.toml"], Path("drafts/x.toml")),
        (["edit", "--help"], "cli"),
        (["check", "a.toml"], "cli"),
    ],
)
def test_the_entry_point_opens_the_app_directly_or_hands_over_to_the_cli(monkeypatch, argv: list[str], opens) -> None:
    import bsa_drafter.cli.launch as launch
    import bsa_drafter.cli.main

    seen = []
    monkeypatch.setattr(launch, "run_tui", lambda spec, library_root=None: seen.append(spec) or 0)
    monkeypatch.setattr(bsa_drafter.cli.main, "main", lambda: seen.append("cli"))
    monkeypatch.setattr(sys, "argv", ["bsa-drafter", *argv])
    try:
        launch.main()
    except SystemExit as exit_:
        assert exit_.code == 0
    assert seen == [opens]
