"""`bsa-drafter issues`: the negotiation table, for the head of delegation."""

from __future__ import annotations

import json
from enum import Enum
from pathlib import Path
from typing import Optional

import typer
from rich.text import Text

from bsa_drafter.cli.app import app, handles_bad_input, library_of, out
from bsa_drafter.errors import BadInput, Problem


class IssuesFormat(str, Enum):
    text = "text"
    csv = "csv"
    html = "html"
    docx = "docx"
    json = "json"


SUFFIXES = {"text": (".txt",), "csv": (".csv",), "html": (".html", ".htm"), "docx": (".docx",), "json": (".json",)}


@app.command()
@handles_bad_input
def issues(
    ctx: typer.Context,
    spec: Path = typer.Argument(..., help="The draft spec (.toml).", metavar="SPEC"),
    output_format: IssuesFormat = typer.Option(
        IssuesFormat.text, "--format", "-f", help="text, csv, html, docx or json."
    ),
    output: Optional[Path] = typer.Option(
        None, "--output", "-o", help="Write to a file (docx needs one).", metavar="FILE"
    ),
    open_only: bool = typer.Option(False, "--open", help="Only the points not agreed yet."),
) -> None:
    """The issues list: one row per point (their proposals, the brackets, our error and
    warning findings) with the Part and paragraph, each side's position, the status (open,
    agreed, escalated, withdrawn), the round it was raised in, the owner and the reasoning.
    Agreed rows are shaded in the DOCX and HTML."""
    from bsa_drafter.files import atomic_write_bytes, atomic_write_text, check_output_file
    from bsa_drafter.issues_list import issues_of_spec, list_heading, render_csv, render_html, render_text

    library = library_of(ctx)
    if output_format is IssuesFormat.docx and output is None:
        raise BadInput(Problem(None, None, "--format docx writes a file: give it with --output FILE.docx"))
    if output is not None:
        check_output_file(output, suffixes=SUFFIXES[output_format.value], inputs=[spec], what="issues list")
    loaded, rows = issues_of_spec(spec, library)
    if open_only:
        rows = [row for row in rows if row.status != "agreed"]
    heading = list_heading(loaded)
    if output_format is IssuesFormat.docx:
        from bsa_drafter.export.issues_docx import render_issues_docx

        subtitle = f"{len(rows)} point(s); {loaded.draft.date:%d %B %Y}; agreed rows are shaded"
        assert output is not None  # refused above without one
        atomic_write_bytes(output, render_issues_docx(rows, heading, subtitle), what="issues list")
        out.print(Text(f"wrote {output}: {len(rows)} point(s)", style="green"))
        return
    rendered = {
        "text": lambda: render_text(rows, heading),
        "csv": lambda: render_csv(rows),
        "html": lambda: render_html(rows, heading),
        "json": lambda: (
            json.dumps({"heading": heading, "rows": [r.as_json() for r in rows]}, ensure_ascii=False, indent=2) + "\n"
        ),
    }[output_format.value]()
    if output is None:
        from bsa_drafter.errors import printable

        print("\n".join(printable(line) for line in rendered.split("\n")), end="")
        return
    atomic_write_text(output, rendered, what="issues list")
    out.print(Text(f"wrote {output}: {len(rows)} point(s)", style="green"))
