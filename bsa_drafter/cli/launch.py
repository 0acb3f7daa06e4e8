"""The console entry point.

Opening the drafting app is the everyday use, and it should be on screen at once: `bsa-drafter`
and `bsa-drafter edit SPEC` go straight to it, without first building the full command-line
interface. Every other command line goes through `bsa_drafter.cli.main`.
"""

from __future__ import annotations

import sys
from pathlib import Path


def main() -> None:
    # an interpreter older than the package needs has stopped in bsa_drafter/__init__.py, with a message
    args = sys.argv[1:]
    if not args:
        sys.exit(run_tui(None))
    if len(args) == 2 and args[0] == "edit" and not args[1].startswith("-"):
        sys.exit(run_tui(Path(args[1])))
    from bsa_drafter.cli.main import main as cli_main

    cli_main()


def run_tui(spec: Path | None, library_root: Path | str | None = None) -> int:
    """Run the drafting app; returns the exit code. A broken clause library is reported as
    file:line problems (exit 2): there is nothing to draft with."""
    from bsa_drafter.errors import BadInput

    try:
        from bsa_drafter.tui.app import run_app
    except ImportError as exc:  # pragma: no cover - the TUI ships with the package
        print(f"error: the drafting app is not available: {exc}", file=sys.stderr)
        return 2
    try:
        return run_app(spec, library_root)
    except BadInput as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return 2
