"""`bsa-drafter export` and `build`: one draft, or many in parallel, to DOCX."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Optional

import typer
from rich.text import Text

from bsa_drafter.cli.app import ExitWith, app, err, handles_bad_input, library_of, out
from bsa_drafter.errors import BadInput, Problem


def _print_refusal(spec: Path, errors: list[Any]) -> None:
    err.print(Text(f"{spec}: refused: the draft has {len(errors)} error-level finding(s); fix them or use --allow-errors", style="red"))
    for finding in errors:
        where = f" [{finding.clause}]" if finding.clause else ""
        err.print(Text(f"  {finding.rule}{where}: {finding.message}", style="red"))


@app.command()
@handles_bad_input
def export(
    ctx: typer.Context,
    spec: Path = typer.Argument(..., help="The draft spec (.toml).", metavar="SPEC"),
    output: Path = typer.Option(..., "--output", "-o", help="The .docx to write (replaced atomically).", metavar="FILE.docx"),
    allow_errors: bool = typer.Option(False, "--allow-errors", help="Export even when the draft has error-level findings."),
    template: Optional[Path] = typer.Option(None, "--template", help="A docxtpl template (default: templates/agreement.docx).", metavar="FILE.docx"),
    redline_against: Optional[str] = typer.Option(
        None, "--redline-against", help="Write a redline: 'standard', or another spec (or .docx/.txt) as the base.", metavar="standard|OTHER"
    ),
    author: Optional[str] = typer.Option(None, "--author", help="Author of the tracked changes (default: your name)."),
) -> None:
    """Export one draft spec to DOCX, or a redline with tracked changes against a base."""
    from bsa_drafter.compare import load_other, standard_draft
    from bsa_drafter.export.docx import ExportRefused, export_draft, renderer_for
    from bsa_drafter.export.redline import count_tracked_changes, default_author, export_redline
    from bsa_drafter.spec import load_draft

    library = library_of(ctx)
    if output.suffix.lower() != ".docx":
        raise BadInput(Problem(str(output), None, "expected a .docx file name"))
    if output.resolve() == spec.resolve():
        raise BadInput(Problem(str(output), None, "is the input spec: choose another name"))
    if author is not None and redline_against is None:
        raise BadInput(Problem(None, None, "--author goes with --redline-against"))
    _, draft = load_draft(spec, library)
    base = None
    if redline_against is not None:
        if redline_against == "standard":
            base = standard_draft(draft)
        else:
            other = Path(redline_against)
            if other.resolve() == output.resolve():
                raise BadInput(Problem(str(output), None, "is the redline's base: choose another name"))
            base = load_other(other, library)
    renderer = renderer_for(str(template) if template else None)
    try:
        if base is None:
            export_draft(draft, output, allow_errors=allow_errors, renderer=renderer)
        else:
            export_redline(base, draft, output, author=author or default_author(), allow_errors=allow_errors, renderer=renderer)
    except ExportRefused as refused:
        _print_refusal(spec, refused.errors)
        raise ExitWith(1) from None
    if base is not None:
        changes = count_tracked_changes(output.read_bytes())
        out.print(Text(f"wrote {output}: redline against {redline_against}, {changes['insertions']} insertions and {changes['deletions']} deletions tracked", style="green"))
        return
    status = "working draft, brackets highlighted" if draft.spec.draft.status != "final" else "final text"
    out.print(Text(f"wrote {output} ({len(draft.clauses)} clauses, {status})", style="green"))


@app.command()
@handles_bad_input
def build(
    ctx: typer.Context,
    specs: list[Path] = typer.Argument(..., help="Draft specs (.toml).", metavar="SPEC..."),
    out_dir: Path = typer.Option(..., "--out", help="Folder for the .docx files (created if missing).", metavar="DIR"),
    jobs: int = typer.Option(0, "--jobs", "-j", help="Worker processes (default: one per CPU).", min=0, max=64),
    allow_errors: bool = typer.Option(False, "--allow-errors", help="Build drafts with error-level findings too."),
    template: Optional[Path] = typer.Option(None, "--template", help="A docxtpl template (default: templates/agreement.docx).", metavar="FILE.docx"),
) -> None:
    """Build DOCX for many specs in parallel; one line per failure and a summary."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from bsa_drafter.batch import build_specs
    from bsa_drafter.export.docx import renderer_for

    library = library_of(ctx)  # refuse a broken library before starting workers
    if out_dir.exists() and not out_dir.is_dir():
        raise BadInput(Problem(str(out_dir), None, "exists and is not a folder"))
    renderer_for(str(template) if template else None)  # a broken template is bad input, reported once
    counts = {"built": 0, "skipped": 0, "failed": 0}
    bad_input = False
    library_root = str(ctx.obj.get("library")) if ctx.obj and ctx.obj.get("library") else None
    with Progress(TextColumn("building"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=err, transient=True) as progress:
        task = progress.add_task("build", total=len(specs))
        for result in build_specs(
            specs, out_dir, jobs=jobs or None, allow_errors=allow_errors, library_root=library_root,
            template=str(template) if template else None,
        ):
            counts[result.status] += 1
            progress.advance(task)
            if result.status == "skipped":
                progress.console.print(Text(f"skipped {result.spec}: {result.reason}", style="yellow"))
            elif result.status == "failed":
                bad_input = bad_input or "refused" not in result.reason
                progress.console.print(Text(f"failed  {result.spec}: {result.reason}", style="red"))
    del library
    summary = Text(f"built {counts['built']}", style="green")
    summary.append(f", skipped for errors {counts['skipped']}", style="yellow" if counts["skipped"] else "")
    summary.append(f", failed {counts['failed']}", style="red" if counts["failed"] else "")
    summary.append(f"  → {out_dir}/")
    out.print(summary)
    if counts["failed"]:
        raise ExitWith(2 if bad_input else 1)
    if counts["skipped"]:
        raise ExitWith(1)
