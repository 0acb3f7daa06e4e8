"""`bsa-drafter check`: draft specs against the playbook."""

from __future__ import annotations

import json
import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import typer
from rich.text import Text

from bsa_drafter.cli.app import ExitWith, FailOn, OutputFormat, app, err, handles_bad_input, library_of, out
from bsa_drafter.cli.console import report_problems
from bsa_drafter.errors import BadInput
from bsa_drafter.models import Finding, Library

WATCH_INTERVAL = 0.5  # seconds between looks at the files


@dataclass
class Checked:
    """What one run of `check` over the specs found."""

    findings: list[Finding] = field(default_factory=list)  # of every spec
    checked: int = 0
    unreadable: int = 0


@app.command()
@handles_bad_input
def check(
    ctx: typer.Context,
    specs: list[Path] = typer.Argument(..., help="Draft specs (.toml).", metavar="SPEC..."),
    output_format: OutputFormat = typer.Option(
        OutputFormat.text, "--format", "-f", help="text, json, tsv or sarif (SARIF 2.1.0)."
    ),
    fail_on: FailOn = typer.Option(FailOn.error, "--fail-on", help="Exit 1 when a finding reaches this severity."),
    watch: bool = typer.Option(
        False, "--watch", "-w", help="Check again whenever a spec or the clause library is saved (ctrl+c ends)."
    ),
) -> None:
    """Check draft specs against the playbook; findings per spec, and a total for several."""
    library = library_of(ctx)
    if watch:
        _watch(ctx, specs, output_format)
        return
    result = _check_all(specs, library, output_format)
    if result.unreadable:
        raise ExitWith(2)
    from bsa_drafter.playbook import reaches

    if fail_on is not FailOn.none and reaches(result.findings, fail_on.value):
        raise ExitWith(1)


def _check_all(specs: list[Path], library: Library, output_format: OutputFormat) -> Checked:
    from bsa_drafter.cli.console import FINDING_COLUMNS, finding_row, findings_renderable, summary_text, write_tsv
    from bsa_drafter.cli.sarif import Located, sarif_log
    from bsa_drafter.playbook import check_draft, severity_counts
    from bsa_drafter.spec import load_draft

    result = Checked()
    payloads: list[dict[str, Any]] = []
    rows: list[tuple[object, ...]] = []
    located: list[Located] = []
    for path in specs:
        try:
            spec_file, draft = load_draft(path, library)
        except BadInput as exc:
            report_problems(err, exc.problems)
            result.unreadable += 1
            continue
        findings = check_draft(draft).findings
        result.checked += 1
        result.findings += findings
        if output_format is OutputFormat.json:
            payloads.append({"spec": str(path), "findings": [f.as_json() for f in findings]})
        elif output_format is OutputFormat.tsv:
            rows.extend(finding_row(str(path), f) for f in findings)
        elif output_format is OutputFormat.sarif:
            lines = spec_file.locator
            located.extend(
                Located(path, f, lines.line_of(("clauses", f.clause)) if f.clause in draft.spec.clauses else None)
                for f in findings
            )
        else:
            meta = spec_file.spec.draft
            header = Text(str(path), style="bold") + Text(f" \u2014 {draft.title}", style="")
            header.append(f"  (round {meta.round}, {meta.status} draft, {meta.date.isoformat()})", style="dim")
            out.print(header)
            out.print(findings_renderable(findings, library))
            out.print(Text("  ") + summary_text(severity_counts(findings)))
            out.print()
    if output_format is OutputFormat.json and payloads:
        print(json.dumps(payloads[0] if len(specs) == 1 else payloads, ensure_ascii=False, indent=2))
    elif output_format is OutputFormat.tsv:
        write_tsv(FINDING_COLUMNS, rows)
    elif output_format is OutputFormat.sarif:
        from bsa_drafter.cli.app import version

        print(json.dumps(sarif_log(located, library, version()), ensure_ascii=False, indent=2))
    elif output_format is OutputFormat.text and len(specs) > 1:
        total = Text(
            f"{result.checked} spec{'s' if result.checked != 1 else ''} checked: ", style="bold"
        ) + summary_text(severity_counts(result.findings))
        if result.unreadable:
            total.append(f"; {result.unreadable} could not be read", style="bold red")
        out.print(total)
    return result


def _stamps(paths: list[Path]) -> tuple[tuple[str, float, int], ...]:
    stamps = []
    for path in paths:
        try:
            info = os.stat(path)
            stamps.append((str(path), info.st_mtime, info.st_size))
        except OSError:
            stamps.append((str(path), -1.0, -1))
    return tuple(stamps)


def _watched(ctx: typer.Context, specs: list[Path]) -> list[Path]:
    from bsa_drafter.library import default_library_dir

    root = Path((ctx.obj or {}).get("library") or default_library_dir())
    return list(specs) + sorted(root.glob("*.toml"))


def _watch(ctx: typer.Context, specs: list[Path], output_format: OutputFormat) -> None:
    """Check, then check again each time a spec or a library file changes, until ctrl+c. A
    spec or library that cannot be read is reported and watched until it can."""
    seen = None
    try:
        while True:
            stamps = _stamps(_watched(ctx, specs))
            if stamps != seen:
                seen = stamps
                if out.is_terminal:
                    out.clear()
                out.print(Text(f"checking at {time.strftime('%H:%M:%S')} (ctrl+c ends the watch)", style="dim"))
                try:
                    _check_all(specs, library_of(ctx), output_format)
                except BadInput as exc:  # the library, mid-edit
                    report_problems(err, exc.problems)
                sys.stdout.flush()  # a watch read through a pipe (tee, an editor) shows each check at once
            time.sleep(WATCH_INTERVAL)
    except KeyboardInterrupt:
        return
