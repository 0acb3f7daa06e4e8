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
    tsv = "tsv"


@app.command()
@handles_bad_input
def diff(
    ctx: typer.Context,
    old: Path = typer.Argument(
        ..., help="OLD: a spec (.toml), a kept round of one (SPEC@4) or a text (.docx, .pdf, .txt, .md).", metavar="OLD"
    ),
    new: Optional[Path] = typer.Argument(
        None,
        help="NEW: a spec or a text. Omitted: the standard draft -> OLD for a spec, before -> proposed for a DOCX.",
        metavar="[NEW]",
    ),
    output_format: DiffFormat = typer.Option(
        DiffFormat.text, "--format", "-f", help="text, json, html or tsv (one changed clause a line)."
    ),
    output: Optional[Path] = typer.Option(
        None, "--output", "-o", help="Write to a file instead of the terminal.", metavar="FILE"
    ),
    full: bool = typer.Option(False, "--full", help="Show unchanged stretches in full (text format)."),
    no_pager: bool = typer.Option(
        False, "--no-pager", help="Print to the terminal even when the diff is longer than the screen."
    ),
    markers: Optional[bool] = typer.Option(
        None, "--markers/--no-markers", help="[-deleted-]{+inserted+} in the text (default: when there is no colour)."
    ),
) -> None:
    """Clause-by-clause word diff: the changes from OLD to NEW, as Word's Compare shows them.

    Either side may be a spec or a text (.docx, .pdf, .txt, .md); texts are mapped onto the
    library's clauses first. The output starts with a summary: clause, Part and paragraph,
    kind of change, and the findings the change brings. When NEW is a Word file returned by
    the other side, every difference between OLD and NEW's text before its tracked changes is
    reported as an unmarked change. A single DOCX is diffed as its own before -> proposed."""
    from bsa_drafter.cli.console import diff_renderable, write_tsv
    from bsa_drafter.cli.diff_html import diff_html
    from bsa_drafter.cli.pager import print_paged
    from bsa_drafter.compare import Side, compare_sides, docx_own_views, load_side, spec_label, standard_draft
    from bsa_drafter.files import atomic_write_text, check_output_file
    from bsa_drafter.rounds import resolve_reference

    library = library_of(ctx)
    old, new = resolve_reference(old), (resolve_reference(new) if new is not None else None)
    if output is not None:
        if output_format is DiffFormat.text:
            raise BadInput(Problem(str(output), None, "--output takes the json or html format"))
        check_output_file(output, suffixes=(), inputs=[old] + ([new] if new else []), what="diff")
    if new is None and old.suffix.lower() == ".docx":
        old_side, new_side = docx_own_views(old, library)
        result = compare_sides(old_side, new_side, silent_changes=False)
    elif new is None:
        side = load_side(old, library)
        if side.document is not None:
            raise BadInput(
                Problem(
                    str(old),
                    None,
                    "a single text is compared with itself only as a DOCX with tracked changes: give OLD and NEW",
                )
            )
        result = compare_sides(
            Side(standard_draft(side.draft), "the standard draft"), Side(side.draft, spec_label(side.draft, old))
        )
    else:
        result = compare_sides(load_side(old, library), load_side(new, library))
    if output_format is DiffFormat.text:
        plain = out.color_system is None or out.no_color
        renderable = diff_renderable(result, full, markers=plain if markers is None else markers)
        print_paged(out, renderable, allow_pager=not no_pager)
        return
    if output_format is DiffFormat.tsv:
        write_tsv(
            ("status", "clause", "was", "title", "place", "similarity", "findings"),
            (
                (
                    c.status,
                    c.id,
                    c.old_id,
                    c.title,
                    c.place,
                    f"{c.similarity:.2f}",
                    "; ".join(f"{f.severity} {f.rule}" for f in result.introduced.get(c.id, [])),
                )
                for c in result.changes()
            ),
        )
        return
    if output_format is DiffFormat.json:
        rendered = json.dumps(diff_json(result), ensure_ascii=False, indent=2)
    else:
        rendered = diff_html(result)
    if output is None:
        print(rendered)
    else:
        atomic_write_text(output, rendered + "\n")
        out.print(Text(f"wrote {output}", style="green"))


def diff_json(result) -> dict:  # type: ignore[no-untyped-def]
    return {
        "old": result.a_label,
        "new": result.b_label,
        "summary": result.summary(),
        "clauses": [
            {
                "id": c.id,
                "old_id": c.old_id,
                "title": c.title,
                "place": c.place,
                "status": c.status,
                "similarity": c.similarity,
                "ops": [list(op) for op in c.ops],
                "findings": [f.as_json() for f in result.introduced.get(c.id, [])],
            }
            for c in result.clauses
        ],
        "findings": [f.as_json() for f in result.introduced.get("", [])],
        "unmarked_changes": [f.as_json() for f in result.unmarked],
    }
