"""The Typer application and what every command shares: consoles, exit codes, error reporting.

Exit codes: 0 clean, 1 a finding reached --fail-on (or a build failed), 2 bad input.
Bad input never produces a traceback: every BadInput is printed as `file:line: message`.
The commands live in the modules beside this one; `bsa_drafter.cli.main` registers them.

Output is for people and for pipes alike: in a terminal, Rich wraps lines at words; piped or in
a CI log, nothing is wrapped or cut (a table cell holds its whole value, a line its whole
sentence), so that what is printed can be copied, grepped and read back.
"""

from __future__ import annotations

import functools
from enum import Enum
from pathlib import Path
from typing import Any, Callable, Optional

import typer
from rich.console import Console

from bsa_drafter.cli.console import report_problems
from bsa_drafter.errors import BadInput
from bsa_drafter.models import Library

app = typer.Typer(
    add_completion=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
    help="Draft, check, compare and export Ukraine's bilateral security agreements.\n\n"
    "Run without a command to open the drafting app on a new standard draft.",
)

PIPE_WIDTH = 100_000  # "no width": tables print whole values, nothing wraps


def _console(stderr: bool) -> Console:
    console = Console(stderr=stderr, highlight=False)
    if console.is_terminal:
        return console  # soft_wrap off: Rich wraps at words, not the terminal in the middle of one
    return Console(stderr=stderr, highlight=False, soft_wrap=True, width=PIPE_WIDTH)


out = _console(stderr=False)
err = _console(stderr=True)


class OutputFormat(str, Enum):
    text = "text"
    json = "json"
    tsv = "tsv"
    sarif = "sarif"


class FailOn(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"
    none = "none"


class ExitWith(Exception):
    """Leave a command with this exit code (after its output is printed)."""

    def __init__(self, code: int):
        self.code = code


def handles_bad_input(command: Callable[..., Any]) -> Callable[..., Any]:
    """Print BadInput as file:line messages and exit 2; never show a traceback for them."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except BadInput as exc:
            report_problems(err, exc.problems)
            raise typer.Exit(2) from None
        except ExitWith as exc:
            raise typer.Exit(exc.code) from None
        except RecursionError:
            err.print("error: the input is nested too deeply to be read", style="red")
            raise typer.Exit(2) from None
        except KeyboardInterrupt:
            err.print("interrupted")
            raise typer.Exit(130) from None

    return wrapper


def library_of(ctx: typer.Context) -> Library:
    from bsa_drafter.library import load_library

    root = (ctx.obj or {}).get("library") if ctx.obj else None
    return load_library(root)


def version() -> str:
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as installed

    try:
        return installed("bsa-drafter")
    except PackageNotFoundError:  # run from a source tree that was not installed
        from bsa_drafter import __version__

        return __version__


def _print_version(value: bool) -> None:
    if value:
        print(f"bsa-drafter {version()}")
        raise typer.Exit(0)


@app.callback(invoke_without_command=True)
def main_callback(
    ctx: typer.Context,
    library: Optional[Path] = typer.Option(
        None, "--library", help="Clause library folder (default: the bundled clauses/).", metavar="DIR"
    ),
    _version: bool = typer.Option(
        False, "--version", callback=_print_version, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    ctx.obj = {"library": library}
    if ctx.invoked_subcommand is None:
        _run_tui(ctx, None)


@app.command()
@handles_bad_input
def edit(
    ctx: typer.Context,
    spec: Path = typer.Argument(..., help="The draft spec to open (created if missing, after asking).", metavar="SPEC"),
) -> None:
    """Open a draft spec in the drafting app."""
    _run_tui(ctx, spec)


def _run_tui(ctx: typer.Context, spec: Optional[Path]) -> None:
    from bsa_drafter.cli.launch import run_tui

    raise ExitWith(run_tui(spec, (ctx.obj or {}).get("library")))
