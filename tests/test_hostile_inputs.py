"""Bad input of every kind gets `path:line: message`, exit 2 and nothing written: never a
traceback, a hang or a corrupt file. The hostile files are made here, by the tests."""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from conftest import EXAMPLES, MINIMAL_SPEC

from bsa_drafter.errors import BadInput
from bsa_drafter.files import TEMP_PREFIX, atomic_write_text, read_bytes, remove_stale_temporaries
from bsa_drafter.spec import load_spec


def _refused(result, *fragments: str) -> str:
    """The command said why in one place and exited 2, with no traceback."""
    assert result.exit_code == 2, result.output
    text = result.stderr if hasattr(result, "stderr") else result.output
    assert "Traceback" not in text and "Error:" not in text.split(":", 1)[0]
    for fragment in fragments:
        assert fragment in text, text
    return text


@pytest.mark.parametrize(
    "value",
    ["[" * 5000 + "]" * 5000, "{a=" * 3000 + "1" + "}" * 3000],
    ids=["arrays", "inline tables"],
)
def test_deeply_nested_toml_is_refused(cli, write, value: str) -> None:
    spec = write("deep.toml", MINIMAL_SPEC + f"\n[params]\nx = {value}\n")
    _refused(cli("check", spec), f"{spec}: nested too deeply")


def test_a_fifo_is_refused_without_waiting(cli, tmp_path: Path) -> None:
    fifo = tmp_path / "s.toml"
    os.mkfifo(fifo)
    _refused(cli("check", fifo), f"{fifo}: is a named pipe (FIFO), not a regular file")


def test_a_device_is_refused_and_never_read_to_the_end(cli, tmp_path: Path) -> None:
    _refused(cli("export", "/dev/zero", "-o", tmp_path / "z.docx"), "/dev/zero: is a device or special file")
    assert not (tmp_path / "z.docx").exists()


def test_reads_are_capped_by_bytes_actually_read(tmp_path: Path) -> None:
    grown = tmp_path / "grown.toml"
    grown.write_bytes(b"#" * 5000)
    with pytest.raises(BadInput, match="too large"):
        read_bytes(grown, max_bytes=4000, what="draft spec")


def test_a_symlink_loop_is_refused(cli, tmp_path: Path) -> None:
    loop = tmp_path / "loop.toml"
    loop.symlink_to(loop)
    _refused(cli("check", loop), f"{loop}: cannot read the file: too many symbolic links")


def test_a_library_folder_with_a_symlink_loop_is_refused(cli, tmp_path: Path) -> None:
    from bsa_drafter.library import default_library_dir

    library = tmp_path / "clauses"
    shutil.copytree(default_library_dir(), library)
    (library / "loop.toml").symlink_to(library / "loop.toml")
    _refused(
        cli("--library", library, "check", EXAMPLES / "bulgaria.toml"), f"{library / 'loop.toml'}: cannot read the file"
    )


@pytest.mark.parametrize(
    ("partner", "message"),
    [
        ("A" * 130, "--partner: is 130 characters long; at most 80 are allowed"),
        ("Two\nLines", "--partner: must be one line (it has a line break)"),
        ("Bad\x1b]0;pwned\x07Name", "--partner: control character U+001B"),
        ("Bad\x9b2JName", "--partner: control character U+009B"),
        ("   ", "--partner: expected a partner's name"),
    ],
)
def test_new_checks_the_partner_by_the_rules_every_spec_meets(cli, tmp_path: Path, partner: str, message: str) -> None:
    target = tmp_path / "new.toml"
    text = _refused(cli("new", "--partner", partner, "-o", target), message)
    assert "\x1b" not in text and "\x07" not in text and "\x9b" not in text
    assert not target.exists()


def test_what_new_writes_check_accepts(cli, tmp_path: Path) -> None:
    target = tmp_path / "new.toml"
    assert cli("new", "--partner", "Republic of " + "Long" * 16, "-o", target).exit_code == 0
    assert cli("check", target).exit_code in (0, 1)


def test_escape_sequences_in_a_key_are_never_echoed_raw(cli, write) -> None:
    spec = write("esc.toml", MINIMAL_SPEC + '\n["\\u001b[2J\\u001b]0;title\\u0007"]\na = 1\n')
    text = _refused(cli("check", spec), "unknown field")
    assert "\x1b" not in text and "\x07" not in text
    assert "\\x1b[2J" in text  # shown, escaped


def test_terminal_controls_in_clause_text_are_refused(cli, write) -> None:
    spec = write("c1.toml", MINIMAL_SPEC + '\n[clauses."intro.basis"]\ntext = "A \\u009b2J clause"\n')
    _refused(cli("check", spec), "control character U+009B")


@pytest.mark.parametrize(
    ("error", "reason"),
    [
        (errno.ENOSPC, "no space left on the disk"),
        (errno.EROFS, "the file system is read-only"),
        (errno.EACCES, "permission denied"),
    ],
)
def test_a_failed_write_is_a_message_and_leaves_nothing(
    cli, tmp_path: Path, monkeypatch, error: int, reason: str
) -> None:
    def failing(*args, **kwargs):  # the operating system refuses at the last moment
        raise OSError(error, os.strerror(error))

    monkeypatch.setattr(os, "replace", failing)
    target = tmp_path / "x.toml"
    _refused(cli("new", "--partner", "Bulgaria", "-o", target), f"{target}: cannot write the draft spec file: {reason}")
    assert list(tmp_path.iterdir()) == []


def test_an_output_under_a_file_or_naming_a_folder_is_refused(cli, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    _refused(cli("new", "--partner", "Bulgaria", "-o", blocker / "sub" / "x.toml"), "is a file, not a folder")
    folder = tmp_path / "folder.toml"
    folder.mkdir()
    _refused(cli("new", "--partner", "Bulgaria", "-o", folder, "--force"), "is a folder")


def test_a_long_legal_name_is_written_although_its_temporary_name_would_be_too_long(cli, tmp_path: Path) -> None:
    target = tmp_path / ("n" * 246 + ".toml")  # 251 characters: legal, and longer than 255 once prefixed
    result = cli("new", "--partner", "Bulgaria", "-o", target)
    assert result.exit_code == 0, result.output
    assert load_spec(target).spec.draft.partner == "Bulgaria"
    assert [p.name for p in tmp_path.iterdir()] == [target.name]


def test_temporaries_left_by_a_killed_run_are_removed(tmp_path: Path) -> None:
    stale = tmp_path / f"{TEMP_PREFIX}draft.docx.abc.tmp"
    stale.write_bytes(b"half")
    os.utime(stale, (1, 1))
    fresh = tmp_path / f"{TEMP_PREFIX}other.docx.def.tmp"
    fresh.write_bytes(b"being written now")
    assert remove_stale_temporaries(tmp_path) == 1
    assert not stale.exists() and fresh.exists()


def test_atomic_writes_replace_or_leave_the_old_file(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "draft.toml"
    target.write_text("precious")
    monkeypatch.setattr(tempfile, "mkstemp", lambda **kwargs: (_ for _ in ()).throw(OSError(errno.EDQUOT, "quota")))
    with pytest.raises(BadInput, match="disk quota exceeded"):
        atomic_write_text(target, "new")
    assert target.read_text() == "precious"
