"""LibreOffice's command-line conversion for the tests, with a private profile so that no two
runs share one."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

SOFFICE = shutil.which("soffice")


def convert(source: Path, to: str, folder: Path) -> Path:
    """`source` converted by LibreOffice to the format `to` (pdf, fodt ...) in `folder`."""
    assert SOFFICE is not None
    done = subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation=file://{folder / 'profile'}",
            "--headless",
            "--convert-to",
            to,
            "--outdir",
            str(folder),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return folder / f"{source.stem}.{to}"
