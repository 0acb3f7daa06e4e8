"""DOCX -> PDF through LibreOffice, run headless, with a time limit.

Each conversion starts its own LibreOffice with a private, temporary profile, so that it
neither waits for nor disturbs a LibreOffice the user has open, and it converts every file of
a batch in one start (starting LibreOffice costs more than converting a draft). LibreOffice
runs in a session of its own, so that the whole of it can be stopped when the time is up.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from bsa_drafter.errors import BadInput, Problem

INSTALL_HINT = (
    "install LibreOffice (Debian/Ubuntu: apt-get install libreoffice-writer-nogui; macOS: brew install --cask "
    "libreoffice) or write .docx"
)
STARTUP_SECONDS = 60.0
SECONDS_PER_DOCUMENT = 10.0
_MAC_APPLICATION = "/Applications/LibreOffice.app/Contents/MacOS/soffice"

# How LibreOffice is started for work without a person: no window, logo or start centre, no
# document recovery from an earlier crash, and no lock check of the (private) profile.
HEADLESS_FLAGS = ("--headless", "--invisible", "--nologo", "--norestore", "--nodefault", "--nolockcheck")

# the LibreOffice of a conversion in progress, so that a worker told to stop can stop it too
running: subprocess.Popen[bytes] | None = None


def find_soffice() -> str | None:
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    return _MAC_APPLICATION if os.access(_MAC_APPLICATION, os.X_OK) else None


def require_soffice(output: Path | str) -> str:
    """LibreOffice's program, or a BadInput naming the output that needs it."""
    found = find_soffice()
    if found is None:
        raise BadInput(
            Problem(str(output), None, f"PDF output needs LibreOffice (soffice), which was not found: {INSTALL_HINT}")
        )
    return found


def time_limit(documents: int) -> float:
    return STARTUP_SECONDS + SECONDS_PER_DOCUMENT * documents


def convert_to_pdf(
    documents: dict[str, bytes], *, label: str | None = None, soffice: str | None = None, timeout: float | None = None
) -> dict[str, bytes]:
    """PDF bytes for each named DOCX (names are plain file stems). A document LibreOffice could
    not convert is missing from the result; a LibreOffice that fails to start or runs out of
    time is a BadInput naming `label` (the output)."""
    global running
    program = soffice or require_soffice(label or "PDF")
    limit = timeout if timeout is not None else time_limit(len(documents))
    with tempfile.TemporaryDirectory(prefix="bsa-pdf-") as folder:
        work = Path(folder)
        (work / "in").mkdir()
        (work / "out").mkdir()
        sources = []
        for stem, data in documents.items():
            source = work / "in" / f"{stem}.docx"
            source.write_bytes(data)
            sources.append(str(source))
        command = [
            program,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            *HEADLESS_FLAGS,
            "--convert-to",
            "pdf",
            "--outdir",
            str(work / "out"),
            *sources,
        ]
        try:
            process = subprocess.Popen(
                command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True
            )
        except OSError as exc:
            raise BadInput(Problem(program, None, f"cannot start LibreOffice: {exc.strerror or exc}")) from None
        running = process
        try:
            _, errors = process.communicate(timeout=limit)
        except subprocess.TimeoutExpired:
            stop(process)
            raise BadInput(
                Problem(
                    label, None, f"LibreOffice did not finish the PDF within {limit:g} s; try again, or write .docx"
                )
            ) from None
        except BaseException:  # interrupted or told to stop: LibreOffice, in its own session, would go on
            stop(process)
            raise
        finally:
            running = None
        results = {}
        for stem in documents:
            pdf = work / "out" / f"{stem}.pdf"
            if pdf.is_file():
                results[stem] = pdf.read_bytes()
        if not results and documents:
            reason = errors.decode("utf-8", "replace").strip().splitlines()[-1:] if errors else []
            detail = f": {reason[0]}" if reason else f" (exit code {process.returncode})"
            raise BadInput(Problem(label, None, f"LibreOffice wrote no PDF{detail}"))
        return results


def stop(process: subprocess.Popen[bytes] | None) -> None:
    """End a LibreOffice and everything it started."""
    if process is None or process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except OSError:
        pass
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        pass
