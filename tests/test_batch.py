"""Batch builds: names from partners that stay inside --out, isolation of bad specs, exit codes."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from conftest import EXAMPLES, MINIMAL_SPEC

from bsa_drafter.batch import build_specs, output_paths, safe_stem


def test_safe_names() -> None:
    assert safe_stem("North Macedonia") == "north_macedonia"
    assert safe_stem("Türkiye") == "turkiye"
    assert safe_stem("../../etc/x") == "etc_x"
    assert safe_stem("CON") == "con_draft"
    assert safe_stem("lpt1") == "lpt1_draft"
    assert safe_stem("\u0411\u044a\u043b\u0433\u0430\u0440\u0438\u044f") == "draft"
    assert safe_stem("..") == "draft"


def test_hostile_partner_names_stay_inside_the_output_folder(write, tmp_path: Path) -> None:
    specs = [
        write("a.toml", MINIMAL_SPEC.replace("North Macedonia", "../../etc/x")),
        write("b.toml", MINIMAL_SPEC.replace("North Macedonia", "CON")),
        write("c.toml", MINIMAL_SPEC.replace("North Macedonia", "/absolute/path")),
        write("d.toml", MINIMAL_SPEC),
        write("e.toml", MINIMAL_SPEC),
    ]
    out = tmp_path / "out"
    paths = output_paths(specs, out)
    assert len(set(paths.values())) == 5
    for target in paths.values():
        assert target.parent == out.resolve()
    assert paths[specs[1]].name == "con_draft.docx"
    assert paths[specs[4]].name == "north_macedonia-e.docx"


def test_build_examples_in_process(cli, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = cli("build", *sorted(EXAMPLES.glob("*.toml")), "--out", out, "--jobs", "1")
    assert result.exit_code == 0, result.stdout + result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["bulgaria.docx", "montenegro.docx", "north_macedonia.docx"]
    assert "built 3, skipped for errors 0, failed 0" in result.stdout
    assert docx.Document(out / "bulgaria.docx").paragraphs[0].text.endswith("the Republic of Bulgaria")


def test_one_bad_spec_never_stops_the_others(cli, write, tmp_path: Path) -> None:
    bad = write("bad.toml", "[draft\n")
    errors = write("errors.toml", MINIMAL_SPEC.replace("North Macedonia", "Hungary") + '\n[clauses."intro.nato_membership"]\nvariant = "pathway_only"\n')
    out = tmp_path / "out"
    result = cli("build", bad, errors, EXAMPLES / "bulgaria.toml", "--out", out, "--jobs", "1")
    assert result.exit_code == 2
    assert f"failed  {bad}: {bad}:1:" in result.stderr
    assert f"skipped {errors}" in result.stderr and "nato-bridge-missing" in result.stderr
    assert "built 1, skipped for errors 1, failed 1" in result.stdout
    assert sorted(p.name for p in out.iterdir()) == ["bulgaria.docx"]
    gated = cli("build", errors, "--out", out, "--jobs", "1")
    assert gated.exit_code == 1
    allowed = cli("build", errors, "--out", out, "--jobs", "1", "--allow-errors")
    assert allowed.exit_code == 0 and (out / "hungary.docx").exists()


def test_existing_outputs_are_replaced_and_inputs_never_overwritten(write, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "bulgaria.docx").write_bytes(b"stale")
    trap = write("out/north_macedonia.docx", MINIMAL_SPEC)  # a spec that sits where its output would go
    results = {r.spec: r for r in build_specs([EXAMPLES / "bulgaria.toml", trap], out, jobs=1)}
    assert results[str(EXAMPLES / "bulgaria.toml")].status == "built"
    assert docx.Document(out / "bulgaria.docx").paragraphs[0].text.endswith("Bulgaria")
    assert results[str(trap)].status == "failed" and "input" in results[str(trap)].reason
    assert trap.read_text() .startswith("[draft]")


def test_parallel_build_with_a_process_pool(tmp_path: Path) -> None:
    specs = []
    for copy in range(2):
        for example in sorted(EXAMPLES.glob("*.toml")):
            target = tmp_path / "specs" / f"{example.stem}_{copy}.toml"
            target.parent.mkdir(exist_ok=True)
            target.write_text(example.read_text())
            specs.append(target)
    results = list(build_specs(specs, tmp_path / "out", jobs=2))
    assert [r.status for r in results].count("built") == 6
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert len(names) == 6 and "bulgaria.docx" in names and "bulgaria-bulgaria_1.docx" in names


@pytest.mark.parametrize("flag", [["--jobs", "-1"], ["--jobs", "100"]])
def test_bad_jobs_value(cli, tmp_path: Path, flag: list[str]) -> None:
    assert cli("build", EXAMPLES / "bulgaria.toml", "--out", tmp_path, *flag).exit_code == 2
