"""The command line for pipes and people: whole values and unwrapped lines when piped, TSV and
SARIF, a grand total, text markers and a pager for diffs, check --watch, --version, the
settings commands, and a one-line message from an interpreter that is too old."""

from __future__ import annotations

import json
import os
import pty
import select
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from conftest import EXAMPLES, ROOT

from bsa_drafter.excerpts import around, shorten

SPECS = sorted(EXAMPLES.glob("*.toml"))


def run(*args: str, env: dict[str, str] | None = None, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """The real command, its output in a real pipe."""
    return subprocess.run(
        [sys.executable, "-m", "bsa_drafter", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        cwd=cwd,
        timeout=120,
    )


def in_terminal(args: list[str], env: dict[str, str], rows: int = 12, columns: int = 100) -> tuple[int, str]:
    """The real command in a pseudo-terminal of rows x columns: its exit code and what it wrote."""
    import fcntl
    import struct
    import termios

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    process = subprocess.Popen(
        [sys.executable, "-m", "bsa_drafter", *args],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env={**os.environ, "TERM": "xterm-256color", **env},
        cwd=ROOT,
        close_fds=True,
    )
    os.close(slave)
    seen = b""
    while process.poll() is None or select.select([master], [], [], 0)[0]:
        if select.select([master], [], [], 0.05)[0]:
            try:
                seen += os.read(master, 65536)
            except OSError:
                break
    os.close(master)
    return process.wait(), seen.decode("utf-8", "replace")


def test_piped_tables_keep_whole_values_and_tsv_has_one_clause_a_line(library) -> None:
    listing = run("library", "list")
    assert listing.returncode == 0
    for clause_id in library.clauses:
        assert f" {clause_id} " in listing.stdout  # whole, so it can be copied
    assert "\u2026" not in listing.stdout
    tsv = run("library", "list", "--format", "tsv").stdout.splitlines()
    assert tsv[0].split("\t") == ["id", "part", "title", "variants", "tags"]
    assert [line.split("\t")[0] for line in tsv[1:]] == list(library.clauses)


def test_piped_sentences_are_not_wrapped(cli, library) -> None:
    result = cli("check", EXAMPLES / "montenegro.toml")
    lines = result.stdout.splitlines()
    reasons = [rule.reason for rule in library.rules if rule.reason in result.stdout]
    assert reasons and all(any(rule_reason in line for line in lines) for rule_reason in reasons)  # each on one line


def test_check_of_several_specs_ends_with_a_grand_total(cli, write) -> None:
    bad = write("bad.toml", "[draft]\npartner = 1\n")
    result = cli("check", *SPECS, bad, "--fail-on", "none")
    last = result.stdout.strip().splitlines()[-1]
    each = json.loads(cli("check", *SPECS, "--format", "json").stdout)
    errors = sum(1 for spec in each for f in spec["findings"] if f["severity"] == "error")
    warnings = sum(1 for spec in each for f in spec["findings"] if f["severity"] == "warning")
    assert last.startswith(f"{len(SPECS)} specs checked: {errors} error")
    assert f"{warnings} warning" in last and last.endswith("; 1 could not be read")
    assert result.exit_code == 2
    single = cli("check", SPECS[0])
    assert "specs checked" not in single.stdout


def test_check_and_analyze_as_tsv(cli, tmp_path: Path, library) -> None:
    result = cli("check", *SPECS, "--format", "tsv", "--fail-on", "none")
    rows = [line.split("\t") for line in result.stdout.splitlines()]
    assert rows[0] == ["file", "severity", "rule", "clause", "paragraph", "message", "evidence"]
    each = json.loads(cli("check", *SPECS, "--format", "json").stdout)
    assert len(rows) - 1 == sum(len(spec["findings"]) for spec in each)
    assert all(len(row) == 7 for row in rows)
    assert {row[0] for row in rows[1:]} <= {str(spec) for spec in SPECS}


def _counterpart(tmp_path: Path, library) -> Path:
    from bsa_drafter.export.docx import export_draft
    from bsa_drafter.spec import load_draft

    _, draft = load_draft(EXAMPLES / "montenegro.toml", library)
    return export_draft(draft, tmp_path / "their draft.docx")


def _valid_sarif(log: dict) -> list[dict]:
    """The parts of SARIF 2.1.0 that code-review tools rely on."""
    assert log["version"] == "2.1.0" and log["$schema"].endswith("sarif-2.1.0.json")
    (run_,) = log["runs"]
    driver = run_["tool"]["driver"]
    assert driver["name"] == "bsa-drafter" and driver["version"]
    rule_ids = [rule["id"] for rule in driver["rules"]]
    assert len(rule_ids) == len(set(rule_ids))
    for rule in driver["rules"]:
        assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"]
        assert rule["defaultConfiguration"]["level"] in ("error", "warning", "note")
    for result in run_["results"]:
        assert result["ruleId"] == rule_ids[result["ruleIndex"]]
        assert result["level"] in ("error", "warning", "note") and result["message"]["text"]
        (location,) = result["locations"]
        assert location["physicalLocation"]["artifactLocation"]["uri"]
        assert location["physicalLocation"].get("region", {"startLine": 1})["startLine"] >= 1
    return run_["results"]


def test_sarif_for_check_and_analyze(cli, tmp_path: Path, library) -> None:
    spec = EXAMPLES / "montenegro.toml"
    results = _valid_sarif(json.loads(cli("check", spec, "--format", "sarif", "--fail-on", "none").stdout))
    drift = next(r for r in results if r["ruleId"] == "wording-drift")
    line = drift["locations"][0]["physicalLocation"]["region"]["startLine"]
    assert spec.read_text().splitlines()[line - 1] == '[clauses."defence.future_force"]'  # on the clause's own table
    assert drift["locations"][0]["logicalLocations"][0]["name"] == "defence.future_force"
    their = _counterpart(tmp_path, library)
    analysed = _valid_sarif(json.loads(cli("analyze", their, "--format", "sarif").stdout))
    exit_clause = next(r for r in analysed if r["ruleId"] == "unilateral-exit")
    assert exit_clause["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == their.as_uri()
    assert "terminate" in exit_clause["properties"]["evidence"]


def test_evidence_snippets_are_cut_between_words() -> None:
    text = "In the event of a future armed attack the Participants will consult within twenty-four hours on next steps."
    start = text.index("consult")
    snippet = around(text, start, start + 7, width=20)
    assert snippet.startswith("...") and snippet.endswith("...")
    inner = snippet.strip(".")
    assert f" {inner} " in f" {text} "  # whole words only, from a word start to a word end
    assert shorten(text, 30) == "In the event of a future\u2026"  # not "... future arme…"


def test_diff_marks_changes_in_text_when_piped() -> None:
    marked = run("diff", str(EXAMPLES / "montenegro.toml"))
    assert "{+" in marked.stdout and "+}" in marked.stdout
    plain = run("diff", str(EXAMPLES / "montenegro.toml"), "--no-markers")
    assert "{+" not in plain.stdout


def test_diff_pages_long_output_in_a_terminal(tmp_path: Path) -> None:
    paged = tmp_path / "paged.txt"
    env = {"PAGER": f"tee {paged}", "BSA_DRAFTER_CONFIG": str(tmp_path / "none.toml")}
    code, shown = in_terminal(["diff", str(EXAMPLES / "montenegro.toml")], env)
    assert code == 0 and paged.exists() and "intro.nato_membership" in paged.read_text()
    paged.unlink()
    code, shown = in_terminal(["diff", str(EXAMPLES / "montenegro.toml"), "--no-pager"], env)
    assert code == 0 and not paged.exists() and "intro.nato_membership" in shown
    code, shown = in_terminal(["diff", str(EXAMPLES / "montenegro.toml")], env, rows=400)  # it fits: no pager
    assert code == 0 and not paged.exists()
    code, shown = in_terminal(["diff", str(EXAMPLES / "montenegro.toml"), "--no-pager"], {**env, "NO_COLOR": "1"})
    assert "{+" in shown  # no colour in a terminal: the text carries the markers


def test_check_watch_checks_again_on_save(tmp_path: Path) -> None:
    spec = tmp_path / "bulgaria.toml"
    shutil.copy(EXAMPLES / "bulgaria.toml", spec)
    process = subprocess.Popen(
        [sys.executable, "-m", "bsa_drafter", "check", str(spec), "--watch"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        cwd=ROOT,
        env={**os.environ},
    )
    assert process.stdout is not None
    pipe = process.stdout.fileno()

    def read_until(marker: str) -> str:
        """What the watch wrote until the marker, read from the pipe itself: a buffered reader
        could hold lines already read from the pipe while select() waits for more."""
        seen = b""
        deadline = time.monotonic() + 90  # only a failing watch waits this long; a loaded machine is slow
        while marker.encode() not in seen and time.monotonic() < deadline:
            if select.select([pipe], [], [], 0.1)[0]:
                seen += os.read(pipe, 65536)
        text = seen.decode("utf-8", "replace")
        assert marker in text, text
        return text

    first = read_until("info")  # the summary line of the first check
    assert "nato-bridge-missing" not in first
    text = spec.read_text() + '\n[clauses."intro.nato_membership"]\nvariant = "pathway_only"\n'
    spec.write_text(text)
    second = read_until("nato-bridge-missing")
    assert "checking at" in second
    process.send_signal(signal.SIGINT)
    assert process.wait(timeout=20) == 0


def test_version_and_settings_commands(cli, private_settings: Path) -> None:
    from bsa_drafter import __version__

    assert cli("--version").stdout.strip() == f"bsa-drafter {__version__}"
    assert cli("config", "path").stdout.strip() == str(private_settings)
    assert cli("config", "init").exit_code == 0 and private_settings.exists()
    assert cli("config", "init").exit_code == 2  # not overwritten
    assert cli("config", "show").exit_code == 0
    private_settings.write_text('preview = "yes"\n[keymap]\nsave = "f12"\nnext-finding = "f12"\n', encoding="utf-8")
    shown = cli("config", "show")
    assert shown.exit_code == 2
    assert f"{private_settings}:1: preview: expected true or false" in shown.stderr
    assert f"{private_settings}:4: keymap.next-finding: f12 is already bound to save" in shown.stderr
    keys = cli("config", "keys").stdout
    assert "| Drafting screen | `f12` | Save the draft spec | `save` |" in keys
    private_settings.write_text('[export]\nauthor = "Legal Department"\nsignature = "x"\n', encoding="utf-8")
    shown = cli("config", "show")
    assert 'author = "Legal Department"' in shown.stdout
    assert f"{private_settings}:3: export.signature: unknown setting" in shown.stderr


def test_an_old_python_says_so_in_one_line() -> None:
    """Simulated on this interpreter, and run for real on every older one this machine has."""
    simulated = subprocess.run(
        [sys.executable, "-c", "import sys; sys.version_info = (3, 9, 2, 'final', 0); import bsa_drafter"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert simulated.returncode == 2 and simulated.stdout == ""
    assert simulated.stderr.count("\n") == 1 and "needs Python 3.11 or newer" in simulated.stderr
    older = [path for path in _interpreters() if (0, 0) < _version_of(path) < (3, 11)]
    for interpreter in older:
        real = subprocess.run(
            [interpreter, "-m", "bsa_drafter", "check", "examples/bulgaria.toml"],
            capture_output=True,
            text=True,
            cwd=ROOT,
        )
        assert real.returncode == 2 and real.stderr.count("\n") == 1 and "needs Python 3.11 or newer" in real.stderr, (
            interpreter
        )


def _interpreters() -> list[str]:
    """Older Pythons on the PATH, and every version pyenv installed. pyenv's shims on the PATH are
    left out: each only runs one of those versions (or says it has none), after a slow start."""
    pyenv = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv"))
    names = {shutil.which(f"python{v}") for v in ("2", "2.7", "3.6", "3.7", "3.8", "3.9", "3.10")} - {None}
    found = {name for name in names if Path(name).parent != pyenv / "shims"}
    found |= {str(p) for p in (pyenv / "versions").glob("*/bin/python")}
    return sorted(found)


def _version_of(interpreter: str) -> tuple[int, int]:
    """(0, 0) for a name that runs no interpreter (a pyenv shim of a version not installed)."""
    printed = subprocess.run(
        [interpreter, "-c", "import sys; print('%d %d' % sys.version_info[:2])"], capture_output=True, text=True
    )
    if printed.returncode != 0:
        return (0, 0)
    major, minor = printed.stdout.split()
    return int(major), int(minor)
