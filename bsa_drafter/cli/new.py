"""`bsa-drafter new`: a standard draft spec for a partner."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Optional

import typer
from rich.text import Text

from bsa_drafter.cli.app import app, handles_bad_input, library_of, out
from bsa_drafter.errors import BadInput, Problem, did_you_mean


@app.command()
@handles_bad_input
def new(
    ctx: typer.Context,
    partner: str = typer.Option(..., "--partner", "-p", help='The partner, e.g. "North Macedonia".'),
    output: Path = typer.Option(..., "--output", "-o", help="Where to write the spec (.toml).", metavar="FILE"),
    force: bool = typer.Option(False, "--force", help="Replace FILE if it exists."),
    date: Optional[str] = typer.Option(None, "--date", help="Date of the draft, YYYY-MM-DD (default: today)."),
    profile: str = typer.Option("standard", "--profile", help="The library profile to start from."),
) -> None:
    """Write a standard draft spec for a partner."""
    from bsa_drafter.files import check_output_file
    from bsa_drafter.spec import new_spec, partner_name_problem, save_spec, validate_spec

    library = library_of(ctx)
    problem = partner_name_problem(partner, library)
    if problem:
        raise BadInput(Problem(None, None, f"--partner: {problem}"))
    if profile not in library.profiles:
        raise BadInput(
            Problem(None, None, f"--profile: unknown profile {profile!r}{did_you_mean(profile, library.profiles)}")
        )
    when = None
    if date is not None:
        try:
            when = dt.date.fromisoformat(date)
        except ValueError:
            raise BadInput(Problem(None, None, f"--date: expected a date like 2026-11-20, got {date!r}")) from None
    check_output_file(output, suffixes=(".toml",), force=force, what="spec")
    spec = new_spec(library, partner, date=when, profile=profile)
    problems = validate_spec(spec, library, "--partner")
    if problems:  # the rules every spec meets: what `new` writes, `check` accepts
        raise BadInput(problems)
    save_spec(spec, output)
    known = library.partner(partner) is not None
    out.print(Text(f"wrote {output}: standard draft for {spec.params['partner_name']}", style="green"))
    if not known:
        out.print(
            Text(
                "  the partner is not in clauses/partners.toml: check its formal name and adjective in [params]",
                style="yellow",
            )
        )
    out.print(Text(f"  next: bsa-drafter check {output}   or   bsa-drafter edit {output}", style="dim"))
