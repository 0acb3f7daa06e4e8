"""One headless LibreOffice for a test session (one per xdist worker), started at its first use,
instead of one per conversion: starting LibreOffice costs more than most of what the tests ask.

The project's Python cannot import LibreOffice's `uno` module, so the office is driven by
office_server.py beside this file, run by a Python that can; requests and answers are JSON
lines over its standard input and output. An office that died (a crash on a hostile file) or
stopped answering is stopped whole, and the next request starts a fresh one.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import selectors
import signal
import subprocess
import time
from pathlib import Path
from typing import IO

from bsa_drafter.export.pdf import HEADLESS_FLAGS

SERVER = Path(__file__).with_name("office_server.py")
UNO_PYTHONS = ("/usr/bin/python3", "/usr/lib/libreoffice/program/python", "/opt/libreoffice/program/python")
STARTUP_SECONDS = 120.0  # a fresh profile is written at the first start, on a machine other tests load
REQUEST_SECONDS = 300.0


class OfficeError(Exception):
    """LibreOffice failed a request, died or did not answer in time."""


@functools.cache
def uno_python() -> str:
    """A Python that can import LibreOffice's `uno` module."""
    for candidate in UNO_PYTHONS:
        if (
            Path(candidate).exists()
            and subprocess.run([candidate, "-c", "import uno"], capture_output=True).returncode == 0
        ):
            return candidate
    raise OfficeError("LibreOffice is installed but no Python with its uno module was found: install python3-uno")


class Office:
    """The session's LibreOffice. `folder` holds its profiles and its log."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.process: subprocess.Popen[bytes] | None = None
        self.starts = 0
        self.pending = b""

    def convert(self, source: Path, to: str, folder: Path) -> Path:
        """`source` converted to the format `to` (pdf or fodt) in `folder`."""
        target = folder / f"{source.stem}.{to}"
        self.request("convert", str(source), to, str(target))
        return target

    def resolve(self, source: Path, target: Path, *, accept: bool) -> tuple[int, int]:
        """Every tracked change of `source` accepted (or rejected), its text saved to `target`; the
        number of tracked changes LibreOffice saw before and after."""
        before, after = self.request("resolve", accept, str(source), str(target))
        return before, after

    def edit(self, script: str, source: Path, target: Path) -> None:
        """`source` edited by the counterpart's `script` (lo_track.py: "track", lo_answer.py:
        "answer") with change tracking on, saved as DOCX to `target`."""
        self.request(script, str(source), str(target))

    def request(self, action: str, *args: object) -> object:
        reply = self._send(action, args)
        if reply is None:  # the office had died since its last answer: nothing of this request was done
            reply = self._send(action, args)
        if reply is None:
            raise OfficeError(f"LibreOffice died before it could {action}, twice:\n{self._log_tail()}")
        if "error" in reply:
            if not reply["office_alive"]:
                self._kill()
            raise OfficeError(f"LibreOffice failed to {action} {args}:\n{reply['error']}")
        return reply["result"]

    def _send(self, action: str, args: tuple[object, ...]) -> dict | None:
        """The answer to one request, or None if the office was found dead before it began."""
        if self.process is None:
            self._start()
        assert self.process is not None and self.process.stdin is not None
        try:
            self.process.stdin.write(json.dumps({"action": action, "args": args}).encode() + b"\n")
            self.process.stdin.flush()
        except BrokenPipeError:
            self._kill()
            return None
        reply = self._reply(REQUEST_SECONDS, action)
        if reply.get("office_had_died"):
            self._kill()
            return None
        return reply

    def _start(self) -> None:
        self.starts += 1
        profile = self.folder / f"profile-{self.starts}"
        with open(self.folder / "office.log", "ab") as log:
            self.process = subprocess.Popen(
                [uno_python(), str(SERVER), str(profile), *HEADLESS_FLAGS],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=log,
                start_new_session=True,  # its office too, so that the whole of it can be stopped
            )
        self.pending = b""
        self._reply(STARTUP_SECONDS, "start")

    def _reply(self, seconds: float, action: str) -> dict:
        """The next answer line, or an OfficeError (the office stopped) if none comes in time."""
        assert self.process is not None and self.process.stdout is not None
        stdout: IO[bytes] = self.process.stdout
        deadline = time.monotonic() + seconds
        with selectors.DefaultSelector() as selector:
            selector.register(stdout, selectors.EVENT_READ)
            while b"\n" not in self.pending:
                if not selector.select(max(0.0, deadline - time.monotonic())):
                    self._kill()
                    raise OfficeError(f"LibreOffice did not {action} within {seconds:g} s:\n{self._log_tail()}")
                chunk = os.read(stdout.fileno(), 65536)
                if not chunk:
                    self._kill()
                    raise OfficeError(f"LibreOffice stopped during {action}:\n{self._log_tail()}")
                self.pending += chunk
        line, self.pending = self.pending.split(b"\n", 1)
        return json.loads(line)

    def stop(self) -> None:
        """Stop the office: asked to, killed if it does not stop in time."""
        if self.process is None:
            return
        assert self.process.stdin is not None
        with contextlib.suppress(BrokenPipeError):  # the server had ended: killed below all the same
            self.process.stdin.close()
        try:
            self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            pass
        self._kill()

    def _kill(self) -> None:
        """End the office server and everything it started, its office included."""
        process, self.process = self.process, None
        if process is None:
            return
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except OSError:  # all of it had ended
            pass
        process.wait()
        for stream in (process.stdin, process.stdout):
            if stream is not None:
                stream.close()

    def _log_tail(self) -> str:
        lines = (self.folder / "office.log").read_text(encoding="utf-8", errors="replace").splitlines()
        return "\n".join(lines[-20:])
