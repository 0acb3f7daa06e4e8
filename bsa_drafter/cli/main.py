"""The full command line: every command module registered on the Typer app."""

from __future__ import annotations

import sys

# importing a command module registers its commands
from bsa_drafter.cli import (  # noqa: F401
    analyze,
    check,
    config,
    diff,
    export,
    issues,
    library,
    merge,
    new,
    precedents,
    render,
    round,
    translate,
)
from bsa_drafter.cli.app import ExitWith, app


def main() -> None:
    try:
        app()
    except ExitWith as exc:  # raised outside a wrapped command (the no-argument app start)
        sys.exit(exc.code)
