"""`bsa-drafter merge-spec`: git's merge driver for specs; two wordings become a bracket."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.text import Text

from bsa_drafter.cli.app import ExitWith, app, err, handles_bad_input, library_of
from bsa_drafter.errors import printable


@app.command("merge-spec")
@handles_bad_input
def merge_spec(
    ctx: typer.Context,
    base: Path = typer.Argument(..., help="The common ancestor (git's %O).", metavar="BASE"),
    ours: Path = typer.Argument(..., help="Our version; the merged spec is written here (git's %A).", metavar="OURS"),
    theirs: Path = typer.Argument(..., help="Their version (git's %B).", metavar="THEIRS"),
) -> None:
    """Merge two versions of a spec with their common ancestor, as a git merge driver:

    git config merge.bsa.driver "bsa-drafter merge-spec %O %A %B", and `*.toml merge=bsa` in
    .gitattributes. Where both reworded one clause, the clause holds both wordings as a bracket
    [ours / theirs] in the register. Anything else changed on both sides keeps our version and
    is listed; then the exit code is 1, and git reports the file as conflicted."""
    from bsa_drafter.files import atomic_write_text
    from bsa_drafter.spec import dumps_spec, load_spec
    from bsa_drafter.spec_merge import merge_specs

    library = library_of(ctx)
    merged = merge_specs(load_spec(base).spec, load_spec(ours).spec, load_spec(theirs).spec, library)
    atomic_write_text(ours, dumps_spec(merged.spec), what="merged spec")
    for clause_id in merged.bracketed:
        err.print(Text(printable(f"{ours}: {clause_id}: both wordings kept as a bracket"), style="yellow"))
    if merged.conflicts:
        for what in merged.conflicts:
            err.print(Text(printable(f"{ours}: conflict: {what} changed on both sides; our version kept"), style="red"))
        raise ExitWith(1)
