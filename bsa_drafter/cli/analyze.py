"""`bsa-drafter analyze`: real agreement texts read with the same detectors."""

from __future__ import annotations

import json
from enum import Enum
from pathlib import Path
from typing import Any, Optional

import typer
from rich.text import Text

from bsa_drafter.cli.app import ExitWith, FailOn, OutputFormat, app, err, handles_bad_input, library_of, out
from bsa_drafter.cli.console import report_problems
from bsa_drafter.errors import BadInput, Problem
from bsa_drafter.models import SEVERITY_RANK


class ViewChoice(str, Enum):
    proposed = "proposed"
    before = "before"


@app.command()
@handles_bad_input
def analyze(
    ctx: typer.Context,
    files: list[Path] = typer.Argument(..., help="Agreement texts: .docx, .pdf, .txt or .md.", metavar="FILE..."),
    output_format: OutputFormat = typer.Option(OutputFormat.text, "--format", "-f", help="text or json."),
    to_spec: Optional[Path] = typer.Option(None, "--to-spec", help="Write a draft spec that reproduces the text through the library.", metavar="OUT.toml"),
    force: bool = typer.Option(False, "--force", help="Replace OUT.toml if it exists."),
    show_map: bool = typer.Option(False, "--show-map", help="List every paragraph with its status and clause (text format)."),
    view: ViewChoice = typer.Option(
        ViewChoice.proposed, "--view", help="A DOCX with tracked changes: proposed (all accepted, the default) or before (all rejected)."
    ),
    fail_on: FailOn = typer.Option(FailOn.none, "--fail-on", help="Exit 1 when a finding reaches this severity."),
) -> None:
    """Analyse real agreement texts: tracked changes and comments, language, structure,
    features, findings and the clause map (each paragraph: match, probable or new)."""
    from bsa_drafter.analyze import analysis_json, analyze_file, spec_from_analysis
    from bsa_drafter.cli.console import analysis_renderable
    from bsa_drafter.spec import save_spec

    library = library_of(ctx)
    if to_spec is not None:
        if len(files) != 1:
            raise BadInput(Problem(None, None, "--to-spec takes exactly one FILE"))
        if to_spec.suffix.lower() != ".toml":
            raise BadInput(Problem(str(to_spec), None, "expected a .toml file name for the spec"))
        if to_spec.exists() and not force:
            raise BadInput(Problem(str(to_spec), None, "already exists: not overwritten (use --force to replace it)"))
        if to_spec.resolve() == files[0].resolve():
            raise BadInput(Problem(str(to_spec), None, "is the input file: choose another name"))
    payloads: list[dict[str, Any]] = []
    bad_input = False
    worst = 0
    for path in files:
        try:
            analysis = analyze_file(path, library, view.value)
        except BadInput as exc:
            report_problems(err, exc.problems)
            bad_input = True
            continue
        worst = max([worst] + [SEVERITY_RANK[f.severity] for f in analysis.findings])
        if output_format is OutputFormat.json:
            payloads.append(analysis_json(analysis))
        else:
            out.print(analysis_renderable(analysis, library, show_map))
            out.print()
        if to_spec is not None:
            spec = spec_from_analysis(analysis, library)
            save_spec(spec, to_spec)
            message = Text(f"wrote {to_spec}: {len(spec.order or [])} clauses reproducing {path.name}", style="green")
            (err if output_format is OutputFormat.json else out).print(message)
    if payloads:
        print(json.dumps(payloads[0] if len(files) == 1 else payloads, ensure_ascii=False, indent=2))
    if bad_input:
        raise ExitWith(2)
    if fail_on is not FailOn.none and worst >= SEVERITY_RANK[fail_on.value]:
        raise ExitWith(1)
