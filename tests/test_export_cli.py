"""Hostile outputs and templates for `export` and `build`: every one is `path: message`, exit 2,
no traceback, and nothing written."""

from __future__ import annotations

import io
import os
import re
import zipfile
from pathlib import Path

import pytest
from conftest import EXAMPLES
from helpers.filesystems import full_disk, read_only_folder

from bsa_drafter.export.docx import default_template
from bsa_drafter.files import TEMP_PREFIX

SPEC = EXAMPLES / "bulgaria.toml"


def refused(result, path: Path | str) -> str:  # type: ignore[no-untyped-def]
    assert result.exit_code == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith(str(path)), result.stderr
    return " ".join(result.stderr.split())


def test_output_that_is_a_folder_or_under_a_file_or_not_docx(cli, write, tmp_path: Path) -> None:
    folder = tmp_path / "folder.docx"
    folder.mkdir()
    assert "is a folder" in refused(cli("export", SPEC, "-o", folder), folder)
    a_file = write("file.txt", "x")
    assert "is a file, not a folder" in refused(cli("export", SPEC, "-o", a_file / "out.docx"), a_file)
    assert ".docx or .pdf" in refused(cli("export", SPEC, "-o", tmp_path / "out.txt"), tmp_path / "out.txt")
    theirs = write("theirs.docx", b"their returned draft")
    message = refused(cli("export", SPEC, "--redline-against", theirs, "-o", theirs), theirs)
    assert "is one of the inputs" in message and theirs.read_bytes() == b"their returned draft"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file.txt", "folder.docx", "theirs.docx"]


def test_a_long_legal_name_is_written_and_a_too_long_one_refused(cli, tmp_path: Path) -> None:
    legal = tmp_path / ("x" * 246 + ".docx")  # 251 bytes: its temporary file's name would pass 255
    result = cli("export", SPEC, "-o", legal)
    assert result.exit_code == 0, result.stderr
    assert legal.read_bytes().startswith(b"PK")
    too_long = tmp_path / ("y" * 252 + ".docx")
    assert "too long" in refused(cli("export", SPEC, "-o", too_long), too_long)
    assert [p.name for p in tmp_path.iterdir()] == [legal.name]


def test_a_read_only_folder(cli, tmp_path: Path) -> None:
    with read_only_folder(tmp_path / "ro") as folder:
        target = folder / "bg.docx"
        message = refused(cli("export", SPEC, "-o", target), folder)
        assert "cannot write" in message
        assert list(folder.iterdir()) == []


def test_a_full_disk(cli, tmp_path: Path, monkeypatch) -> None:
    with full_disk(tmp_path / "full", monkeypatch) as folder:
        before = sorted(p.name for p in folder.iterdir())
        target = folder / "bg.docx"
        assert "no space left on the disk" in refused(cli("export", SPEC, "-o", target), target)
        assert sorted(p.name for p in folder.iterdir()) == before  # no output, no temporary file
        assert not [p for p in folder.iterdir() if p.name.startswith(TEMP_PREFIX)]


def broken_template(tmp_path: Path, old: str, new: str, name: str = "broken.docx") -> Path:
    """The bundled template with one piece of its body replaced."""
    target = tmp_path / name
    with zipfile.ZipFile(default_template()) as source, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as copy:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "word/document.xml":
                text = data.decode("utf-8")
                assert old in text
                data = text.replace(old, new, 1).encode("utf-8")
            copy.writestr(item, data)
    return target


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("{%p endfor %}", "{%p endfor }", "word/document.xml: Encountered unknown tag 'p'"),
        (
            "{{r title_runs }}",
            "{{r title_runs.__class__.__mro__ }}",
            "word/document.xml: access to attribute '__class__'",
        ),
        ("{{r title_runs }}", "{{r no_such_value }}", "word/document.xml: 'no_such_value' is undefined"),
        ("{{r title_runs }}", "{{r 1 // 0 }}", "word/document.xml: ZeroDivisionError"),
        ("{{r signatories[0].name }}", "{{r signatories[0].runs }}", "has no attribute 'runs'"),
    ],
)
def test_a_broken_template_is_reported_with_its_line(cli, tmp_path: Path, old: str, new: str, expected: str) -> None:
    template = broken_template(tmp_path, old, new)
    target = tmp_path / "out.docx"
    message = refused(cli("export", SPEC, "-o", target, "--template", template), f"{template}:")
    assert message.startswith(f"{template}:") and message.split(":")[1].strip().isdigit()
    assert expected in message
    assert not target.exists()
    built = cli("build", SPEC, EXAMPLES / "montenegro.toml", "--out", tmp_path / "out", "--template", template)
    assert built.exit_code == 2 and expected in " ".join(built.stderr.split())
    assert built.stderr.count(str(template)) == 1  # once, not once per spec
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_templates_that_cannot_be_used(cli, write, tmp_path: Path) -> None:
    cases = {
        write("not-a-zip.docx", "plain text"): "not a DOCX file",
        broken_template(tmp_path, "{{p block.xml }}", "nothing here", "old.docx"): "{{p block.xml }}",
        tmp_path / "missing.docx": "no such file",
    }
    pipe = tmp_path / "pipe.docx"
    os.mkfifo(pipe)
    cases[pipe] = "FIFO"
    no_styles = tmp_path / "no-styles.docx"
    with zipfile.ZipFile(default_template()) as source, zipfile.ZipFile(no_styles, "w") as copy:
        for item in source.infolist():
            data = source.read(item)
            copy.writestr(item, data.replace(b'w:styleId="ListBullet2"', b'w:styleId="Other"'))
    cases[no_styles] = "lacks the paragraph styles ListBullet2"
    for template, expected in cases.items():
        message = refused(cli("export", SPEC, "-o", tmp_path / "out.docx", "--template", template), template)
        assert expected in message, message
    assert not (tmp_path / "out.docx").exists()


def test_what_a_template_wrote_into_its_core_properties_does_not_reach_the_output(library, tmp_path: Path) -> None:
    from bsa_drafter.export.docx import TemplateRenderer, render_draft
    from bsa_drafter.spec import load_draft

    template = tmp_path / "t.docx"
    with zipfile.ZipFile(default_template()) as source, zipfile.ZipFile(template, "w") as copy:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "docProps/core.xml":
                data = data.replace(b"Agreement on Security Co-operation (template)", b"{{ 7 * 7 }} by python-docx")
            copy.writestr(item, data)
    data = render_draft(load_draft(SPEC, library)[1], TemplateRenderer(template))
    core = zipfile.ZipFile(io.BytesIO(data)).read("docProps/core.xml")
    # The check is on the title alone: the timestamps may hold "49" on any day.
    title = re.search(rb"<dc:title>(.*?)</dc:title>", core)
    assert title and b"Republic of Bulgaria" in title[1], core
    assert b"python-docx" not in core and b"49" not in title[1] and b"7 * 7" not in core
