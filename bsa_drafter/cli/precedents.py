"""`bsa-drafter precedents`: an index of signed agreements, the comparison matrix, who accepted
a wording, and the library's precedents checked against the texts."""

from __future__ import annotations

import json
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Optional

import typer
from rich.table import Table
from rich.text import Text

from bsa_drafter.cli.app import ExitWith, OutputFormat, app, err, handles_bad_input, library_of, out
from bsa_drafter.cli.console import report_problems
from bsa_drafter.errors import BadInput, Problem, did_you_mean

if TYPE_CHECKING:
    from bsa_drafter.precedents import IndexedAgreement, PrecedentIndex, PrecedentMatch
    from bsa_drafter.precedents.matrix import Matrix
    from bsa_drafter.precedents.verify import VerifyReport

precedents_app = typer.Typer(
    help="Precedents from the signed texts: index a folder of signed agreements, compare them in a matrix, "
    "find who accepted a wording, check the library's precedents.",
    no_args_is_help=True,
)
app.add_typer(precedents_app, name="precedents")

INDEX_HELP = "The precedent index (default: precedent-index.json in the user's data folder)."


class MatrixFormat(str, Enum):
    text = "text"
    csv = "csv"
    html = "html"
    json = "json"


def _index(path: Optional[Path]) -> PrecedentIndex:
    from bsa_drafter.precedents import default_index_path, load_index

    index = load_index(path)
    if index is None:
        where = path or default_index_path()
        raise BadInput(
            Problem(str(where), None, "no precedent index here: build one with `bsa-drafter precedents build FOLDER`")
        )
    return index


@precedents_app.command("build")
@handles_bad_input
def build(
    ctx: typer.Context,
    folder: Path = typer.Argument(
        ..., help="A folder of signed agreements (.docx, .pdf, .txt, .md).", metavar="FOLDER"
    ),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help=INDEX_HELP, metavar="INDEX"),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", min=1, help="Worker processes (default: one per core)."),
) -> None:
    """Index every agreement in FOLDER: partner, date, language, features with their evidence, and
    the clause map with each paragraph's text. Files unchanged since the last build are not read
    again. Correct a guessed partner or date in FOLDER/precedents.toml."""
    from bsa_drafter.files import check_output_file
    from bsa_drafter.precedents import build_index, default_index_path, previous_index, save_index

    library = library_of(ctx)
    target = output or default_index_path()
    check_output_file(target, suffixes=(".json",), what="precedent index")
    previous, note = previous_index(target)
    if note:
        out.print(Text(note, style="yellow"))

    def progress(name: str, result: IndexedAgreement | Problem | None) -> None:
        if isinstance(result, Problem):
            report_problems(err, [result])
        elif result is not None:
            out.print(
                Text(f"  read {name}: ")
                + Text(result.partner_guess)
                + Text(f", {_date(result)}, {result.language.code}", style="dim")
            )

    report = build_index(folder, library, previous, jobs, progress)
    for line in report.notes:
        out.print(Text(line, style="dim"))
    if not report.index.agreements:
        raise BadInput(Problem(str(folder), None, "no agreement in it could be read: no index written"))
    save_index(report.index, target)
    out.print(_agreements_table(report.index.agreements))
    for agreement in report.index.agreements:
        for note in agreement.notes:
            out.print(Text(f"{agreement.file}: {note}", style="yellow"))
    summary = (
        f"indexed {len(report.index.agreements)} agreement{'' if len(report.index.agreements) == 1 else 's'} "
        f"({len(report.read)} read, {len(report.reused)} unchanged"
    )
    summary += f", {len(report.problems)} could not be read)" if report.problems else ")"
    out.print(Text(f"{summary} in {report.seconds:.1f} s: wrote {target}", style="green"))
    out.print(
        Text(
            f"Partners and dates are guessed from the texts: correct them in {Path(folder) / 'precedents.toml'}",
            style="dim",
        )
    )
    if report.problems:
        raise ExitWith(1)


def _date(agreement: IndexedAgreement) -> str:
    return f"signed {agreement.date.isoformat()}" if agreement.date else "date not found"


def _agreements_table(agreements: list[IndexedAgreement]) -> Table:
    table = Table(show_lines=False)
    for column in ("partner", "precedent id", "signed", "language", "file"):
        table.add_column(column)
    for agreement in agreements:
        partner = Text(agreement.partner) + (
            Text(" (corrected)", style="dim") if agreement.partner != agreement.partner_guess else Text("")
        )
        table.add_row(
            partner,
            Text(agreement.precedent or "\u2014"),
            Text(agreement.date.isoformat() if agreement.date else "unknown"),
            Text(agreement.language.code),
            Text(agreement.file),
        )
    return table


@precedents_app.command("matrix")
@handles_bad_input
def matrix(
    index_path: Optional[Path] = typer.Option(None, "--index", help=INDEX_HELP, metavar="INDEX"),
    output_format: MatrixFormat = typer.Option(MatrixFormat.text, "--format", "-f", help="text, csv, html or json."),
    output: Optional[Path] = typer.Option(
        None, "--output", "-o", help="Write to a file instead of the terminal.", metavar="FILE"
    ),
) -> None:
    """The signed agreements (by date) against the features negotiators compare; every cell
    with the sentences it rests on (JSON; HTML on hover)."""
    from bsa_drafter.cli.precedents_html import matrix_html
    from bsa_drafter.files import atomic_write_text, check_output_file
    from bsa_drafter.precedents.matrix import matrix as build_matrix
    from bsa_drafter.precedents.matrix import matrix_csv, matrix_json

    if output is not None:
        if output_format is MatrixFormat.text:
            raise BadInput(Problem(str(output), None, "--output takes the csv, html or json format"))
        check_output_file(output, suffixes=(), what="matrix")
    index = _index(index_path)
    table = build_matrix(index)
    if output_format is MatrixFormat.text:
        for grid in _matrix_tables(table, out.width):
            out.print(grid)
        out.print(
            Text("Evidence for every cell: --format json, or --format html -o matrix.html (on hover)", style="dim")
        )
        return
    if output_format is MatrixFormat.json:
        rendered = json.dumps(matrix_json(table), ensure_ascii=False, indent=2) + "\n"
    elif output_format is MatrixFormat.csv:
        rendered = matrix_csv(table)
    else:
        rendered = matrix_html(table, index) + "\n"
    if output is None:
        print(rendered, end="")
    else:
        atomic_write_text(output, rendered, what="matrix")
        out.print(Text(f"wrote {output}", style="green"))


_STATE_STYLE = {"present": "", "absent": "dim", "unread": "dim italic"}
_FEATURE_WIDTH, _AGREEMENT_WIDTH = 18, 17


def _matrix_tables(table: Matrix, width: int) -> list[Table]:
    """The matrix turned on its side for a terminal: the features down the left, the agreements
    across, as many per table as the width holds, in date order."""
    per_table = max(1, (width - _FEATURE_WIDTH - 4) // (_AGREEMENT_WIDTH + 3))
    tables = []
    for first in range(0, len(table.rows), per_table):
        rows = table.rows[first : first + per_table]
        grid = Table(show_lines=True, title_justify="left", title="Signed agreements compared" if first == 0 else None)
        grid.add_column("", width=_FEATURE_WIDTH, style="bold")
        for row in rows:
            date = row.agreement.date.isoformat() if row.agreement.date else "undated"
            grid.add_column(
                Text(row.agreement.partner) + Text(f"\n{date}", style="dim"), width=_AGREEMENT_WIDTH, overflow="fold"
            )
        for column in table.columns:
            grid.add_row(
                Text(column.title),
                *(Text(row.cells[column.id].text, style=_STATE_STYLE[row.cells[column.id].state]) for row in rows),
            )
        tables.append(grid)
    return tables


@precedents_app.command("like")
@handles_bad_input
def like(
    ctx: typer.Context,
    spec: Optional[Path] = typer.Argument(
        None, help="A draft spec, or 'standard' for the standard draft.", metavar="SPEC"
    ),
    clause_id: Optional[str] = typer.Argument(
        None, help="The clause of SPEC whose wording to look for.", metavar="CLAUSE_ID"
    ),
    text: Optional[str] = typer.Option(
        None, "--text", "-t", help="Look for this wording instead (ours, a variant, or theirs)."
    ),
    index_path: Optional[Path] = typer.Option(None, "--index", help=INDEX_HELP, metavar="INDEX"),
    limit: int = typer.Option(5, "--limit", "-n", min=1, max=100, help="At most this many agreements."),
    output_format: OutputFormat = typer.Option(OutputFormat.text, "--format", "-f", help="text or json."),
) -> None:
    """Who accepted this wording: the closest paragraphs of the signed agreements to a clause
    of a draft (SPEC CLAUSE_ID) or to any text (--text), with similarity and source."""
    from bsa_drafter.precedents import who_accepted, wording_features
    from bsa_drafter.precedents.matrix import carried_phrases

    wording, label = _wording(ctx, spec, clause_id, text)
    index = _index(index_path)
    matches = who_accepted(wording, index, limit)
    carried = wording_features(wording)
    if output_format is OutputFormat.json:
        payload = {"wording": wording, "label": label, "features": carried, "matches": [m.as_json() for m in matches]}
        print(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    out.print(Text("Closest signed wording to ", style="bold") + Text(label, style="bold"))
    out.print(Text("  " + _clip(wording, 300), style="dim"))
    phrases = carried_phrases(carried)
    out.print(Text("  carries: " + ("; ".join(phrases) if phrases else "none of the matrix's features"), style="dim"))
    out.print()
    if not matches:
        out.print(Text(f"No paragraph of the {len(index.agreements)} indexed agreements is close to this wording."))
    for rank, match in enumerate(matches, start=1):
        out.print(_match_text(rank, match))


def _wording(
    ctx: typer.Context, spec: Optional[Path], clause_id: Optional[str], text: Optional[str]
) -> tuple[str, str]:
    """The wording asked about and how to name it."""
    if text is not None:
        if spec is not None:
            raise BadInput(Problem(None, None, "give SPEC CLAUSE_ID or --text, not both"))
        if not text.strip():
            raise BadInput(Problem(None, None, "--text is empty: give the wording to look for"))
        return text, "the wording given"
    if spec is None or clause_id is None:
        raise BadInput(Problem(None, None, 'give SPEC CLAUSE_ID (a draft and one of its clauses) or --text "..."'))
    from bsa_drafter.assemble import assemble
    from bsa_drafter.spec import load_draft, new_spec

    library = library_of(ctx)
    if str(spec) == "standard":
        draft = assemble(new_spec(library, "the partner"), library)
    else:
        _, draft = load_draft(spec, library)
    clause = draft.clause(clause_id)
    if clause is None:
        known = [c.id for c in draft.clauses]
        raise BadInput(
            Problem(str(spec), None, f"no clause {clause_id!r} in this draft{did_you_mean(clause_id, known)}")
        )
    return clause.text, f"{clause_id} ({clause.title}) of {spec}"


def _match_text(rank: int, match: PrecedentMatch) -> Text:
    from bsa_drafter.precedents.matrix import carried_phrases

    signed = f"signed {match.date.isoformat()}" if match.date else "undated"
    head = (
        Text(f"{rank}. ", style="bold")
        + Text(match.agreement, style="bold")
        + Text(f"  {signed}  similarity {match.similarity:.2f}")
    )
    head.append(f"\n   {match.file}: {match.where}", style="dim")
    body = Text("\n   ") + Text(_clip(match.passage, 600))
    if match.passage != match.text:
        body.append("\n   (part of a longer paragraph)", style="dim")
    phrases = carried_phrases(match.features)
    if phrases:
        body.append("\n   carries: " + "; ".join(phrases), style="cyan")
    return head + body + Text("\n")


def _clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


@precedents_app.command("verify")
@handles_bad_input
def verify(
    ctx: typer.Context,
    index_path: Optional[Path] = typer.Option(None, "--index", help=INDEX_HELP, metavar="INDEX"),
    output_format: OutputFormat = typer.Option(OutputFormat.text, "--format", "-f", help="text or json."),
) -> None:
    """The library's "used by" lists checked against the indexed texts: variants credited to a
    partner whose text has no such clause, and partners whose text has the wording but are not
    credited. Reports only: the library is not changed."""
    from bsa_drafter.precedents.verify import verify as verify_library

    library = library_of(ctx)
    report = verify_library(_index(index_path), library)
    if output_format is OutputFormat.json:
        print(json.dumps(report.as_json(), ensure_ascii=False, indent=2))
        return
    _print_verify(report)


def _print_verify(report: VerifyReport) -> None:
    out.print(
        Text(
            f"Checked the credits of {len(report.checked)} indexed agreements: {', '.join(report.checked) or 'none'}",
            style="bold",
        )
    )
    if report.uncited:
        out.print(
            Text(
                "Not checked (no precedent id; set `precedent` in the folder's precedents.toml): "
                + ", ".join(report.uncited),
                style="yellow",
            )
        )
    if report.not_indexed:
        out.print(Text(f"Cited by the library, no text indexed: {', '.join(report.not_indexed)}", style="dim"))
    for kind, title in (
        ("credited-not-found", "Credited, but the text does not bear it out"),
        ("found-not-credited", "The text has the wording, but the variant does not credit it"),
    ):
        found = [f for f in report.findings if f.kind == kind]
        out.print()
        out.print(Text(f"{title}: {len(found)}", style="bold"))
        for finding in found:
            similarity = f", similarity {finding.similarity:.2f}" if finding.similarity is not None else ""
            line = (
                Text(f"  {finding.clause}.{finding.variant}", style="bold")
                + Text(f" ({finding.label})  ")
                + Text(finding.agreement, style="cyan")
            )
            line.append(f"\n    {finding.reason}{similarity}")
            if finding.evidence:
                line.append(f"\n    {finding.file}: {finding.where}", style="dim")
                line.append(f"\n    \u201c{_clip(finding.evidence, 300)}\u201d", style="dim")
            out.print(line)
    if not report.findings:
        out.print(Text("The library's precedents agree with the indexed texts.", style="green"))
