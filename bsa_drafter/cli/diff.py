"""`bsa-drafter diff`: clause-by-clause word diffs of drafts and texts."""

from __future__ import annotations

import json
from enum import Enum
from pathlib import Path
from typing import Optional

import typer
from rich.text import Text

from bsa_drafter.cli.app import app, handles_bad_input, library_of, out
from bsa_drafter.errors import BadInput, Problem


class DiffFormat(str, Enum):
    text = "text"
    json = "json"
    html = "html"


@app.command()
@handles_bad_input
def diff(
    ctx: typer.Context,
    a: Path = typer.Argument(..., help="A draft spec (.toml).", metavar="A"),
    b: Optional[Path] = typer.Argument(None, help="A spec, or a .docx/.pdf/.txt/.md text; omitted: the standard draft.", metavar="[B]"),
    output_format: DiffFormat = typer.Option(DiffFormat.text, "--format", "-f", help="text, json or html."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write to a file instead of the terminal.", metavar="FILE"),
    full: bool = typer.Option(False, "--full", help="Show unchanged stretches in full (text format)."),
) -> None:
    """Word-level diff, clause by clause: changes from A to B, or from the standard draft to A."""
    from bsa_drafter.cli.console import diff_renderable
    from bsa_drafter.cli.diff_html import diff_html
    from bsa_drafter.compare import compare_drafts, load_other, standard_draft
    from bsa_drafter.files import atomic_write_text
    from bsa_drafter.spec import load_draft

    library = library_of(ctx)
    _, draft_a = load_draft(a, library)
    if b is None:
        result = compare_drafts(standard_draft(draft_a), draft_a, "standard draft", str(a))
    else:
        result = compare_drafts(draft_a, load_other(b, library), str(a), str(b))
    if output_format is DiffFormat.text:
        if output is not None:
            raise BadInput(Problem(str(output), None, "--output takes the json or html format"))
        out.print(diff_renderable(result, full, markers=out.color_system is None))
        return
    if output_format is DiffFormat.json:
        payload = {
            "a": result.a_label,
            "b": result.b_label,
            "summary": result.summary(),
            "clauses": [
                {"id": c.id, "old_id": c.old_id, "title": c.title, "status": c.status, "similarity": c.similarity, "ops": [list(op) for op in c.ops]}
                for c in result.clauses
            ],
        }
        rendered = json.dumps(payload, ensure_ascii=False, indent=2)
    else:
        rendered = diff_html(result)
    if output is None:
        print(rendered)
    else:
        if output.resolve() in {a.resolve(), b.resolve() if b else None}:
            raise BadInput(Problem(str(output), None, "is one of the inputs: choose another name"))
        atomic_write_text(output, rendered + "\n")
        out.print(Text(f"wrote {output}", style="green"))
