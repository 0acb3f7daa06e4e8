"""The full command line: every command module registered on the Typer app."""

from __future__ import annotations

import sys

from bsa_drafter.cli import analyze, check, diff, export, library, new, precedents  # noqa: F401  (registers the commands)
from bsa_drafter.cli.app import ExitWith, app


def main() -> None:
    try:
        app()
    except ExitWith as exc:  # raised outside a wrapped command (the no-argument app start)
        sys.exit(exc.code)
