"""Batch builds: names that say partner, round and date and stay inside --out, isolation of bad
specs, workers that cannot outlive their build, and hostile output folders."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import EXAMPLES, MINIMAL_SPEC
from helpers.filesystems import full_disk, read_only_folder
from helpers.wordml import body_texts

from bsa_drafter.batch import build_specs, chunk_size, output_paths, output_stem, slug, spec_facts, worker_count
from bsa_drafter.files import TEMP_PREFIX


def test_slugs_and_reserved_names(tmp_path: Path) -> None:
    assert slug("North Macedonia") == "north-macedonia"
    assert slug("Türkiye") == "turkiye"
    assert slug("../../etc/x") == "etc-x"
    assert slug("\u0411\u044a\u043b\u0433\u0430\u0440\u0438\u044f") == ""
    spec = tmp_path / "con.toml"
    assert output_stem(spec, None, "{spec}") == "con_draft"
    assert output_stem(spec, None, "..") == "draft"
    assert output_stem(spec, None, "a/../../b {spec}") == "a-b-con"


def test_default_names_say_partner_round_and_date(cli, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = cli("build", *sorted(EXAMPLES.glob("*.toml")), "--out", out, "--jobs", "1")
    assert result.exit_code == 0, result.stdout + result.stderr
    assert sorted(p.name for p in out.iterdir()) == [
        "bulgaria_r4_2026-11-18.docx",
        "montenegro_r5_2026-11-05.docx",
        "north-macedonia_r3_2026-11-10.docx",
    ]
    assert "built 3, skipped for errors 0, failed 0" in result.stdout
    assert body_texts((out / "bulgaria_r4_2026-11-18.docx").read_bytes())[0].endswith("the Republic of Bulgaria")


def test_two_specs_for_one_partner_are_told_apart_without_doubling_the_partner(write, tmp_path: Path) -> None:
    specs = [
        write("montenegro.toml", (EXAMPLES / "montenegro.toml").read_text()),
        write("montenegro_alternative.toml", (EXAMPLES / "montenegro.toml").read_text()),
        write("copy/montenegro.toml", (EXAMPLES / "montenegro.toml").read_text()),
    ]
    names = [p.name for p in output_paths(specs, tmp_path / "out").values()]
    assert names == [
        "montenegro_r5_2026-11-05.docx",
        "montenegro_r5_2026-11-05_alternative.docx",
        "montenegro_r5_2026-11-05_2.docx",
    ]
    assert not any("montenegro-montenegro" in n or "montenegro_montenegro" in n for n in names)


def test_name_patterns(cli, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = cli("build", EXAMPLES / "bulgaria.toml", "--out", out, "--name", "BSA {partner} round {round} ({status})")
    assert result.exit_code == 0, result.stderr
    assert [p.name for p in out.iterdir()] == ["BSA-bulgaria-round-4-working.docx"]
    for bad in ("{partner}_{nope}", "{partner", "", "partner}"):
        refused = cli("build", EXAMPLES / "bulgaria.toml", "--out", tmp_path / "other", "--name", bad)
        assert refused.exit_code == 2 and "--name" in refused.stderr
    assert not (tmp_path / "other").exists() or not any((tmp_path / "other").iterdir())


def test_hostile_partner_names_stay_inside_the_output_folder(write, tmp_path: Path) -> None:
    specs = [
        write("a.toml", MINIMAL_SPEC.replace("North Macedonia", "../../etc/x")),
        write("b.toml", MINIMAL_SPEC.replace("North Macedonia", "CON")),
        write("c.toml", MINIMAL_SPEC.replace("North Macedonia", "/absolute/path")),
        write("d.toml", MINIMAL_SPEC.replace("North Macedonia", "\u0411\u044a\u043b\u0433\u0430\u0440\u0438\u044f")),
        write("e.toml", MINIMAL_SPEC),
        write("f.toml", MINIMAL_SPEC),
    ]
    out = tmp_path / "out"
    paths = output_paths(specs, out, pattern="{partner}")
    assert len(set(paths.values())) == 6
    for target in paths.values():
        assert target.parent == out.resolve()
    assert [paths[s].name for s in specs] == [
        "etc-x.docx",
        "con_draft.docx",
        "absolute-path.docx",
        "d.docx",
        "north-macedonia.docx",
        "north-macedonia_f.docx",
    ]


def test_one_bad_spec_never_stops_the_others(cli, write, tmp_path: Path) -> None:
    bad = write("bad.toml", "[draft\n")
    errors = write(
        "errors.toml",
        MINIMAL_SPEC.replace("North Macedonia", "Hungary")
        + '\n[clauses."intro.nato_membership"]\nvariant = "pathway_only"\n',
    )
    loop = tmp_path / "loop.toml"
    loop.symlink_to(loop)
    fifo = tmp_path / "pipe.toml"
    os.mkfifo(fifo)
    out = tmp_path / "out"
    result = cli("build", bad, loop, fifo, errors, EXAMPLES / "bulgaria.toml", "--out", out, "--jobs", "1")
    assert result.exit_code == 2
    assert f"failed  {bad}: {bad}:1:" in result.stderr
    assert f"failed  {loop}: {loop}: " in result.stderr and "symbolic links" in result.stderr
    assert f"failed  {fifo}: {fifo}: " in result.stderr and "FIFO" in result.stderr
    assert f"skipped {errors}" in result.stderr and "nato-bridge-missing" in result.stderr
    assert "built 1, skipped for errors 1, failed 3" in result.stdout
    assert sorted(p.name for p in out.iterdir()) == ["bulgaria_r4_2026-11-18.docx"]
    assert cli("build", errors, "--out", out, "--jobs", "1").exit_code == 1
    allowed = cli("build", errors, "--out", out, "--jobs", "1", "--allow-errors")
    assert allowed.exit_code == 0 and (out / "hungary_r1_2026-11-20.docx").exists()


def test_existing_outputs_are_replaced_and_inputs_never_overwritten(write, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "bulgaria_r4_2026-11-18.docx").write_bytes(b"stale")
    trap = write("out/north-macedonia_r1_2026-11-20.docx", MINIMAL_SPEC)  # a spec where its output would go
    results = {r.spec: r for r in build_specs([EXAMPLES / "bulgaria.toml", trap], out, jobs=1)}
    assert results[str(EXAMPLES / "bulgaria.toml")].status == "built"
    assert body_texts((out / "bulgaria_r4_2026-11-18.docx").read_bytes())[0].endswith("Bulgaria")
    assert results[str(trap)].status == "failed" and "input" in results[str(trap)].reason
    assert trap.read_text().startswith("[draft]")


def test_small_batches_use_no_worker_processes() -> None:
    assert worker_count(3, 2) == 0
    assert worker_count(47, 2) == 0
    assert worker_count(48, 2) == 2
    assert worker_count(3000, 2) == 2
    assert worker_count(3000, 1) == 0
    assert worker_count(2, 2, "pdf") == 2


def distinct_specs(folder: Path, count: int) -> list[Path]:
    """Specs that differ in partner, round and a clause's wording, from the examples."""
    folder.mkdir(parents=True, exist_ok=True)
    examples = sorted(EXAMPLES.glob("*.toml"))
    specs = []
    for n in range(count):
        text = examples[n % len(examples)].read_text(encoding="utf-8")
        text = text.replace("round = ", f"round = {n + 1}\n# was round = ", 1)
        text += (
            f'\n[clauses."intro.partnership"]\ntext = "Partnership number {n} between Ukraine and {{partner_name}}."\n'
        )
        path = folder / f"spec_{n:04d}.toml"
        path.write_text(text, encoding="utf-8")
        specs.append(path)
    return specs


def test_parallel_build_gives_the_same_documents_as_a_build_in_process(tmp_path: Path) -> None:
    specs = distinct_specs(tmp_path / "specs", 50)
    parallel = {r.spec: r for r in build_specs(specs, tmp_path / "parallel", jobs=2)}
    serial = {r.spec: r for r in build_specs(specs[:6], tmp_path / "serial", jobs=1)}
    assert [r.status for r in parallel.values()].count("built") == 50
    assert len(list((tmp_path / "parallel").iterdir())) == 50
    for spec in specs[:6]:
        ours = Path(parallel[str(spec)].output).read_bytes()
        theirs = Path(serial[str(spec)].output).read_bytes()
        assert body_texts(ours) == body_texts(theirs)
        assert f"Partnership number {specs.index(spec)} " in "\n".join(body_texts(ours))


def test_build_out_that_cannot_be_a_folder(cli, write, tmp_path: Path) -> None:
    a_file = write("file.txt", "x")
    for out in (a_file, a_file / "sub"):
        result = cli("build", EXAMPLES / "bulgaria.toml", "--out", out)
        assert result.exit_code == 2, result.stdout
        assert result.stderr.startswith(str(out)) and "Traceback" not in result.stderr
    with read_only_folder(tmp_path / "ro") as folder:
        result = cli("build", EXAMPLES / "bulgaria.toml", "--out", folder / "drafts")
        assert result.exit_code == 2 and result.stderr.startswith(str(folder / "drafts"))
        assert not any(folder.iterdir())


def test_a_full_disk_fails_each_spec_clearly_and_leaves_nothing(cli, tmp_path: Path, monkeypatch) -> None:
    with full_disk(tmp_path / "full", monkeypatch) as folder:
        before = sorted(p.name for p in folder.iterdir())
        result = cli("build", EXAMPLES / "bulgaria.toml", EXAMPLES / "montenegro.toml", "--out", folder, "--jobs", "1")
        assert result.exit_code == 2
        assert "no space left on the disk" in result.stderr and "Traceback" not in result.stderr
        assert "built 0, skipped for errors 0, failed 2" in result.stdout
        assert sorted(p.name for p in folder.iterdir()) == before


def test_a_temporary_file_left_by_a_killed_run_is_removed_by_the_next(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    left = out / f"{TEMP_PREFIX}bulgaria_r4_2026-11-18.docx.k1l2d.tmp"
    left.write_bytes(b"PK finished but never renamed")
    an_hour_ago = time.time() - 3600
    os.utime(left, (an_hour_ago, an_hour_ago))
    results = list(build_specs([EXAMPLES / "bulgaria.toml"], out, jobs=1))
    assert [r.status for r in results] == ["built"]
    assert sorted(p.name for p in out.iterdir()) == ["bulgaria_r4_2026-11-18.docx"]


def _children(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.add(int(entry.name))
    return found


def _command_line(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
    except OSError:
        return ""


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


# A batch large enough for two workers and many chunks (120 specs: chunks of 7), so that a build
# stopped after its first chunks is stopped in the middle of its work.
STOPPED_BATCH = 120


def first_chunk_written(out: Path) -> bool:
    return out.exists() and len(list(out.glob("*.docx"))) >= chunk_size(STOPPED_BATCH, 2, "docx")


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads process parents from /proc (Linux)")
def test_killing_the_main_process_ends_its_workers(tmp_path: Path) -> None:
    specs = distinct_specs(tmp_path / "specs", STOPPED_BATCH)
    command = [
        sys.executable,
        "-m",
        "bsa_drafter",
        "build",
        *map(str, specs),
        "--out",
        str(tmp_path / "out"),
        "--jobs",
        "2",
    ]
    main = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    workers: set[int] = set()
    out = tmp_path / "out"
    while time.monotonic() < deadline:
        children = _children(main.pid)  # the two workers, and multiprocessing's resource tracker
        workers = {pid for pid in children if "spawn_main" in _command_line(pid)}
        if len(workers) == 2 and first_chunk_written(out):
            break
        time.sleep(0.1)
    assert len(workers) == 2, "the build did not start its two workers"
    os.kill(main.pid, signal.SIGKILL)
    workers |= children
    main.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(_alive(pid) for pid in workers):
        time.sleep(0.1)
    assert not [pid for pid in workers if _alive(pid)], "workers kept running after their build was killed"
    built_then = len(list((tmp_path / "out").glob("*.docx")))
    time.sleep(1)
    assert len(list((tmp_path / "out").glob("*.docx"))) == built_then < STOPPED_BATCH


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads process parents from /proc (Linux)")
def test_stopping_the_whole_build_leaves_no_temporary_file_and_no_worker(tmp_path: Path) -> None:
    """SIGTERM to the process group (what a terminal or a CI job sends): every process removes
    the file it was writing, and all of them end."""
    specs = distinct_specs(tmp_path / "specs", STOPPED_BATCH)
    out = tmp_path / "out"
    command = [sys.executable, "-m", "bsa_drafter", "build", *map(str, specs), "--out", str(out), "--jobs", "2"]
    main = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not first_chunk_written(out):
        time.sleep(0.05)
    family = _children(main.pid)
    os.killpg(main.pid, signal.SIGTERM)
    assert main.wait(timeout=30) != 0
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(_alive(pid) for pid in family):
        time.sleep(0.1)
    assert not [pid for pid in family if _alive(pid)]
    assert not [p.name for p in out.iterdir() if p.name.startswith(TEMP_PREFIX)]
    assert chunk_size(STOPPED_BATCH, 2, "docx") <= len(list(out.glob("*.docx"))) < STOPPED_BATCH


@pytest.mark.parametrize("flag", [["--jobs", "-1"], ["--jobs", "100"]])
def test_bad_jobs_value(cli, tmp_path: Path, flag: list[str]) -> None:
    assert cli("build", EXAMPLES / "bulgaria.toml", "--out", tmp_path, *flag).exit_code == 2


def test_spec_facts_of_a_spec_that_cannot_be_read(tmp_path: Path) -> None:
    assert spec_facts(tmp_path / "missing.toml") is None
    (tmp_path / "deep.toml").write_text("x = " + "[" * 5000 + "]" * 5000)
    assert spec_facts(tmp_path / "deep.toml") is None
