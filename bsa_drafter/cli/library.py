"""`bsa-drafter library`: browse clauses, variants, precedents and rules."""

from __future__ import annotations

from enum import Enum
from typing import Optional

import typer
from rich.text import Text

from bsa_drafter.cli.app import app, handles_bad_input, library_of, out
from bsa_drafter.errors import BadInput, Problem, did_you_mean


class ListFormat(str, Enum):
    text = "text"
    tsv = "tsv"


library_app = typer.Typer(
    help="Browse the clause library: clauses, variants, precedents and rules.", no_args_is_help=False
)
app.add_typer(library_app, name="library")


@library_app.callback(invoke_without_command=True)
def library_default(ctx: typer.Context) -> None:
    if ctx.invoked_subcommand is None:
        ctx.invoke(library_list, ctx=ctx, part=None, tag=None, output_format=ListFormat.text)


@library_app.command("list")
@handles_bad_input
def library_list(
    ctx: typer.Context,
    part: Optional[str] = typer.Option(None, "--part", help="Only this part (id, e.g. final)."),
    tag: Optional[str] = typer.Option(None, "--tag", help="Only clauses with this tag."),
    output_format: ListFormat = typer.Option(
        ListFormat.text, "--format", "-f", help="text, or tsv: one clause a line, for scripts."
    ),
) -> None:
    """List the clauses of the library."""
    from bsa_drafter.cli.console import clause_list, write_tsv

    library = library_of(ctx)
    if part is not None and part not in library.parts:
        raise BadInput(Problem(None, None, f"--part: unknown part {part!r}{did_you_mean(part, library.parts)}"))
    clauses = [
        c for c in library.clauses.values() if (part is None or c.part == part) and (tag is None or tag in c.tags)
    ]
    if output_format is ListFormat.tsv:
        write_tsv(
            ("id", "part", "title", "variants", "tags"),
            ((c.id, c.part, c.title, ",".join(c.variant_ids), ",".join(c.tags)) for c in clauses),
        )
        return
    out.print(clause_list(library, clauses))
    out.print(Text(f"{len(clauses)} clauses; `bsa-drafter library show ID` for variants and precedents", style="dim"))


class Languages(str, Enum):
    en = "en"
    uk = "uk"
    both = "en+uk"


@library_app.command("show")
@handles_bad_input
def library_show(
    ctx: typer.Context,
    clause_id: str = typer.Argument(..., metavar="ID", help="A clause id, e.g. final.termination."),
    lang: Languages = typer.Option(Languages.both, "--lang", help="The wording in en, uk or en+uk."),
) -> None:
    """Show one clause: its note, variants, wording in English and Ukrainian, and precedents."""
    from bsa_drafter.cli.console import clause_page

    library = library_of(ctx)
    clause = library.clauses.get(clause_id)
    if clause is None:
        raise BadInput(Problem(None, None, f"unknown clause {clause_id!r}{did_you_mean(clause_id, library.clauses)}"))
    standard = library.profiles["standard"].variants.get(clause_id, clause.default_variant)
    out.print(clause_page(library, clause, standard, tuple(lang.value.split("+"))))


@library_app.command("rules")
@handles_bad_input
def library_rules(ctx: typer.Context) -> None:
    """List the playbook rules."""
    from bsa_drafter.cli.console import SEVERITY_STYLE

    library = library_of(ctx)
    for rule in library.rules:
        line = Text(f"{rule.severity:<8}", style=SEVERITY_STYLE[rule.severity]) + Text(rule.id, style="bold")
        if rule.working_severity:
            line.append(f"  ({rule.working_severity} in a working draft)", style="dim")
        out.print(line)
        out.print(Text("        " + rule.reason, style="dim"))


@library_app.command("terms")
@handles_bad_input
def library_terms(ctx: typer.Context) -> None:
    """List the termbase: term pairs, forbidden words and treaty vocabulary (clauses/terms.toml)."""
    from rich.table import Table

    terms = library_of(ctx).terms
    table = Table(show_lines=False)
    for column in ("id", "English", "Ukrainian", "not"):
        table.add_column(column, style="bold" if column == "id" else None)
    for term in terms.terms:
        ukrainian = Text(term.uk)
        for other in (*term.uk_also, *(f"{s.uk} ({s.en[0]})" for s in term.senses)):
            ukrainian.append(f", {other}", style="dim")
        table.add_row(term.id, Text(", ".join(term.en)), ukrainian, Text(", ".join(term.uk_forbidden), style="red"))
    out.print(table)
    for forbidden in terms.forbidden:
        line = Text(f"forbidden in {forbidden.lang}: ", style="dim") + Text(forbidden.lemma, style="red")
        if forbidden.unless:
            line.append(f"  (unless with: {forbidden.unless})", style="dim")
        out.print(line)
    for word in terms.treaty:
        out.print(Text(f"treaty vocabulary ({word.lang}): ", style="dim") + Text(", ".join(word.forms)))
    out.print(Text("`bsa-drafter translate termbase -o terms.tbx` exports it as TBX", style="dim"))
