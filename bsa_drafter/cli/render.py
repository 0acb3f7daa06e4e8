"""`bsa-drafter render`: a spec as the plain text of its agreement (and its negotiation)."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from bsa_drafter.cli.app import app, handles_bad_input, library_of
from bsa_drafter.errors import BadInput, printable


@app.command()
@handles_bad_input
def render(
    ctx: typer.Context,
    spec: Path = typer.Argument(..., help="The draft spec (.toml).", metavar="SPEC"),
    agreement_only: bool = typer.Option(
        False, "--agreement-only", help="Leave out the negotiation (rounds, proposals, brackets)."
    ),
    raw_on_error: bool = typer.Option(
        False,
        "--raw-on-error",
        help="Print a file that is not a valid spec as it is (for git's textconv, which must not fail).",
    ),
) -> None:
    """Print the assembled agreement as plain text, then the state of the negotiation.

    With a .gitattributes line `*.toml diff=bsa` and `git config diff.bsa.textconv
    "bsa-drafter render --raw-on-error"`, `git diff` of specs shows the wording."""
    from bsa_drafter.render_text import agreement_text, negotiation_text
    from bsa_drafter.spec import load_draft

    library = library_of(ctx)
    try:
        spec_file, draft = load_draft(spec, library)
    except BadInput:
        if not raw_on_error:
            raise
        from bsa_drafter.files import read_bytes

        text = read_bytes(spec, max_bytes=2_000_000, what="file").decode("utf-8", "replace")
    else:
        text = agreement_text(draft) + ("" if agreement_only else negotiation_text(spec_file.spec))
    sys.stdout.write("\n".join(printable(line) for line in text.split("\n")))
