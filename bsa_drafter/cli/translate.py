"""`bsa-drafter translate`: the translators' round trip (XLIFF) and the termbase (TBX)."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer
from rich.text import Text

from bsa_drafter.cli.app import app, handles_bad_input, library_of, out
from bsa_drafter.errors import BadInput, Problem

translate_app = typer.Typer(
    help="The translators' round trip: XLIFF out and back, and the termbase as TBX.", no_args_is_help=True
)
app.add_typer(translate_app, name="translate")


@translate_app.command("export")
@handles_bad_input
def translate_export(
    ctx: typer.Context,
    spec: Path = typer.Argument(..., help="The draft spec (.toml).", metavar="SPEC"),
    output: Path = typer.Option(..., "--output", "-o", help="The .xlf file to write.", metavar="FILE.xlf"),
    since: Optional[Path] = typer.Option(
        None,
        "--since",
        help="The spec of the earlier round: export the clauses whose English changed since.",
        metavar="OLD.toml",
    ),
    everything: bool = typer.Option(False, "--all", help="Export every clause of the draft."),
    force: bool = typer.Option(False, "--force", help="Replace an existing output file."),
) -> None:
    """Export the clauses to translate as XLIFF: by default those whose Ukrainian has not
    followed an edit of the English (or is missing)."""
    from bsa_drafter.files import atomic_write_bytes, check_output_file
    from bsa_drafter.spec import load_draft
    from bsa_drafter.xliff import clauses_for_round, export_round

    library = library_of(ctx)
    if since is not None and everything:
        raise BadInput(Problem(None, None, "--since and --all exclude each other"))
    check_output_file(
        output, suffixes=(".xlf", ".xliff"), inputs=[spec] + ([since] if since else []), force=force, what="XLIFF file"
    )
    _, draft = load_draft(spec, library)
    before = load_draft(since, library)[1] if since is not None else None
    chosen = clauses_for_round(draft, before, everything)
    if not chosen:
        out.print(
            Text(
                f"{spec}: nothing to translate (every Ukrainian text follows its English); --all exports every clause",
                style="dim",
            )
        )
        return
    atomic_write_bytes(output, export_round(draft, spec.name, chosen), what="XLIFF file")
    out.print(
        Text(
            f"Wrote {output}: {len(chosen)} clause(s) to translate ("
            + ", ".join(c.id for c, _ in chosen[:6])
            + (", ..." if len(chosen) > 6 else "")
            + ")"
        )
    )


@translate_app.command("import")
@handles_bad_input
def translate_import(
    ctx: typer.Context,
    spec: Path = typer.Argument(..., help="The draft spec the file was exported from (.toml).", metavar="SPEC"),
    translated: Path = typer.Argument(..., help="The translated XLIFF file.", metavar="FILE.xlf"),
    output: Optional[Path] = typer.Option(
        None, "--output", "-o", help="Write the updated spec here instead of replacing SPEC.", metavar="OUT.toml"
    ),
) -> None:
    """Take the Ukrainian of a translated XLIFF file into the spec. The whole file is checked
    first: nothing is written when any unit is wrong."""
    from bsa_drafter.editing import DraftSession
    from bsa_drafter.files import check_output_file, read_bytes
    from bsa_drafter.xliff import MAX_XLIFF_BYTES, apply_translations, read_translations

    library = library_of(ctx)
    if output is not None:
        check_output_file(output, suffixes=(".toml",), inputs=[translated], what="draft spec")
    session = DraftSession.open(spec, library)
    data = read_bytes(translated, max_bytes=MAX_XLIFF_BYTES, what="XLIFF file")
    translations, untranslated = read_translations(data, str(translated), spec.name, session.draft, library)
    changed = apply_translations(session, translations)
    if changed:
        written = session.save(output, force=output is not None) if output is not None else session.save()
        out.print(Text(f"Updated {written}: {changed} clause(s) with their Ukrainian confirmed"))
    else:
        out.print(Text(f"{spec}: nothing changed"))
    if untranslated:
        out.print(Text(f"{untranslated} unit(s) of {translated} are not translated yet", style="dim"))


@translate_app.command("termbase")
@handles_bad_input
def translate_termbase(
    ctx: typer.Context,
    output: Path = typer.Option(..., "--output", "-o", help="The .tbx file to write.", metavar="FILE.tbx"),
    force: bool = typer.Option(False, "--force", help="Replace an existing output file."),
) -> None:
    """Export the termbase (clauses/terms.toml) as TBX; forbidden words are marked deprecated."""
    from bsa_drafter.files import check_output_file
    from bsa_drafter.tbx import write_tbx

    library = library_of(ctx)
    check_output_file(output, suffixes=(".tbx",), force=force, what="termbase")
    write_tbx(library.terms, output)
    terms = library.terms
    out.print(
        Text(
            f"Wrote {output}: {len(terms.terms)} term pairs, {len(terms.forbidden)} forbidden words, "
            f"{len(terms.treaty)} treaty-vocabulary entries"
        )
    )
