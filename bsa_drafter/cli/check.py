"""`bsa-drafter check`: draft specs against the playbook."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import typer
from rich.text import Text

from bsa_drafter.cli.app import ExitWith, FailOn, OutputFormat, app, err, handles_bad_input, library_of, out
from bsa_drafter.cli.console import report_problems
from bsa_drafter.errors import BadInput
from bsa_drafter.models import SEVERITY_RANK


@app.command()
@handles_bad_input
def check(
    ctx: typer.Context,
    specs: list[Path] = typer.Argument(..., help="Draft specs (.toml).", metavar="SPEC..."),
    output_format: OutputFormat = typer.Option(OutputFormat.text, "--format", "-f", help="text or json."),
    fail_on: FailOn = typer.Option(FailOn.error, "--fail-on", help="Exit 1 when a finding reaches this severity."),
) -> None:
    """Check draft specs against the playbook; findings per spec."""
    from bsa_drafter.cli.console import findings_renderable, summary_text
    from bsa_drafter.playbook import check_draft
    from bsa_drafter.spec import load_draft

    library = library_of(ctx)
    results: list[dict[str, Any]] = []
    bad_input = False
    worst = 0
    for path in specs:
        try:
            spec_file, draft = load_draft(path, library)
        except BadInput as exc:
            report_problems(err, exc.problems)
            bad_input = True
            continue
        result = check_draft(draft)
        worst = max([worst] + [SEVERITY_RANK[f.severity] for f in result.findings])
        if output_format is OutputFormat.json:
            results.append({"spec": str(path), "findings": [f.as_json() for f in result.findings]})
            continue
        meta = spec_file.spec.draft
        header = Text(str(path), style="bold") + Text(f" \u2014 {draft.title}", style="")
        header.append(f"  (round {meta.round}, {meta.status} draft, {meta.date.isoformat()})", style="dim")
        out.print(header)
        out.print(findings_renderable(result.findings, library))
        out.print(Text("  ") + summary_text(result.counts()))
        out.print()
    if output_format is OutputFormat.json and results:
        payload: Any = results[0] if len(specs) == 1 else results
        print(json.dumps(payload, ensure_ascii=False, indent=2))
    if bad_input:
        raise ExitWith(2)
    if fail_on is not FailOn.none and worst >= SEVERITY_RANK[fail_on.value]:
        raise ExitWith(1)
