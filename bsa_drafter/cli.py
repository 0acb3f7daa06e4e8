"""The `bsa-drafter` command line: a thin shell over the core.

Exit codes: 0 clean, 1 a finding reached --fail-on (or a build failed), 2 bad input.
Bad input never produces a traceback: every BadInput is printed as `file:line: message`.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import sys
from enum import Enum
from pathlib import Path
from typing import Any, Callable, Optional

import typer
from rich.console import Console
from rich.text import Text

from bsa_drafter.errors import BadInput, Problem, did_you_mean
from bsa_drafter.models import SEVERITY_RANK, Library

app = typer.Typer(
    add_completion=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
    help="Draft, check, compare and export Ukraine's bilateral security agreements.\n\n"
    "Run without a command to open the drafting app on a new standard draft.",
)
library_app = typer.Typer(help="Browse the clause library: clauses, variants, precedents and rules.", no_args_is_help=False)
app.add_typer(library_app, name="library")

out = Console(highlight=False, soft_wrap=False)
err = Console(stderr=True, highlight=False, soft_wrap=True)


class OutputFormat(str, Enum):
    text = "text"
    json = "json"


class FailOn(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"
    none = "none"


class _Exit(Exception):
    def __init__(self, code: int):
        self.code = code


def report_problems(problems: list[Problem]) -> None:
    for problem in problems:
        err.print(Text(str(problem), style="red"))


def handles_bad_input(command: Callable[..., Any]) -> Callable[..., Any]:
    """Print BadInput as file:line messages and exit 2; never show a traceback for them."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except BadInput as exc:
            report_problems(exc.problems)
            raise typer.Exit(2) from None
        except _Exit as exc:
            raise typer.Exit(exc.code) from None
        except KeyboardInterrupt:
            err.print("interrupted")
            raise typer.Exit(130) from None

    return wrapper


def _library(ctx: typer.Context) -> Library:
    from bsa_drafter.library import load_library

    root = (ctx.obj or {}).get("library") if ctx.obj else None
    return load_library(root)


@app.callback(invoke_without_command=True)
def main_callback(
    ctx: typer.Context,
    library: Optional[Path] = typer.Option(None, "--library", help="Clause library folder (default: the bundled clauses/).", metavar="DIR"),
) -> None:
    ctx.obj = {"library": library}
    if ctx.invoked_subcommand is None:
        _run_tui(ctx, None)


# --- check ----------------------------------------------------------------------------------------


@app.command()
@handles_bad_input
def check(
    ctx: typer.Context,
    specs: list[Path] = typer.Argument(..., help="Draft specs (.toml).", metavar="SPEC..."),
    output_format: OutputFormat = typer.Option(OutputFormat.text, "--format", "-f", help="text or json."),
    fail_on: FailOn = typer.Option(FailOn.error, "--fail-on", help="Exit 1 when a finding reaches this severity."),
) -> None:
    """Check draft specs against the playbook; findings per spec."""
    from bsa_drafter.assemble import load_draft
    from bsa_drafter.playbook import check_draft
    from bsa_drafter.render import findings_renderable, summary_text

    library = _library(ctx)
    results: list[dict[str, Any]] = []
    bad_input = False
    worst = 0
    for path in specs:
        try:
            spec_file, draft = load_draft(path, library)
        except BadInput as exc:
            report_problems(exc.problems)
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
        raise _Exit(2)
    if fail_on is not FailOn.none and worst >= SEVERITY_RANK[fail_on.value]:
        raise _Exit(1)


# --- analyze --------------------------------------------------------------------------------------


@app.command()
@handles_bad_input
def analyze(
    ctx: typer.Context,
    files: list[Path] = typer.Argument(..., help="Agreement texts: .docx, .pdf, .txt or .md.", metavar="FILE..."),
    output_format: OutputFormat = typer.Option(OutputFormat.text, "--format", "-f", help="text or json."),
    to_spec: Optional[Path] = typer.Option(None, "--to-spec", help="Write a draft spec that reproduces the text through the library.", metavar="OUT.toml"),
    force: bool = typer.Option(False, "--force", help="Replace OUT.toml if it exists."),
    show_map: bool = typer.Option(False, "--show-map", help="List every paragraph with its clause (text format)."),
    fail_on: FailOn = typer.Option(FailOn.none, "--fail-on", help="Exit 1 when a finding reaches this severity."),
) -> None:
    """Analyse real agreement texts: features, findings and the clause map."""
    from bsa_drafter.analyze import analysis_json, analyze_file, spec_from_analysis
    from bsa_drafter.render import analysis_renderable
    from bsa_drafter.spec import save_spec

    library = _library(ctx)
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
            analysis = analyze_file(path, library)
        except BadInput as exc:
            report_problems(exc.problems)
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
        raise _Exit(2)
    if fail_on is not FailOn.none and worst >= SEVERITY_RANK[fail_on.value]:
        raise _Exit(1)


# --- export and build -----------------------------------------------------------------------------


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
    from bsa_drafter.assemble import load_draft
    from bsa_drafter.compare import load_other, standard_draft
    from bsa_drafter.export.docx import ExportRefused, export_draft, renderer_for
    from bsa_drafter.export.redline import count_tracked_changes, default_author, export_redline

    library = _library(ctx)
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
        raise _Exit(1) from None
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

    library = _library(ctx)  # refuse a broken library before starting workers
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
        raise _Exit(2 if bad_input else 1)
    if counts["skipped"]:
        raise _Exit(1)


# --- diff -----------------------------------------------------------------------------------------


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
    from bsa_drafter.assemble import load_draft
    from bsa_drafter.compare import compare_drafts, load_other, standard_draft
    from bsa_drafter.render import diff_renderable
    from bsa_drafter.report_html import diff_html
    from bsa_drafter.spec import atomic_write_text

    library = _library(ctx)
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


# --- new ------------------------------------------------------------------------------------------


@app.command()
@handles_bad_input
def new(
    ctx: typer.Context,
    partner: str = typer.Option(..., "--partner", "-p", help="The partner, e.g. \"North Macedonia\"."),
    output: Path = typer.Option(..., "--output", "-o", help="Where to write the spec (.toml).", metavar="FILE"),
    force: bool = typer.Option(False, "--force", help="Replace FILE if it exists."),
    date: Optional[str] = typer.Option(None, "--date", help="Date of the draft, YYYY-MM-DD (default: today)."),
    profile: str = typer.Option("standard", "--profile", help="The library profile to start from."),
) -> None:
    """Write a standard draft spec for a partner."""
    from bsa_drafter.spec import new_spec, save_spec

    library = _library(ctx)
    if not partner.strip():
        raise BadInput(Problem(None, None, "--partner: expected a partner's name, e.g. \"North Macedonia\""))
    if profile not in library.profiles:
        raise BadInput(Problem(None, None, f"--profile: unknown profile {profile!r}{did_you_mean(profile, library.profiles)}"))
    when = None
    if date is not None:
        try:
            when = dt.date.fromisoformat(date)
        except ValueError:
            raise BadInput(Problem(None, None, f"--date: expected a date like 2026-11-20, got {date!r}")) from None
    if output.suffix.lower() != ".toml":
        raise BadInput(Problem(str(output), None, "expected a .toml file name for the spec"))
    if output.exists() and not force:
        raise BadInput(Problem(str(output), None, "already exists: not overwritten (use --force to replace it)"))
    if output.is_dir():
        raise BadInput(Problem(str(output), None, "is a folder: expected a file name"))
    spec = new_spec(library, partner, date=when, profile=profile)
    save_spec(spec, output)
    known = library.partner(partner) is not None
    out.print(Text(f"wrote {output}: standard draft for {spec.params['partner_name']}", style="green"))
    if not known:
        out.print(Text("  the partner is not in clauses/partners.toml: check its formal name and adjective in [params]", style="yellow"))
    out.print(Text(f"  next: bsa-drafter check {output}   or   bsa-drafter edit {output}", style="dim"))


# --- library --------------------------------------------------------------------------------------


@library_app.callback(invoke_without_command=True)
def library_default(ctx: typer.Context) -> None:
    if ctx.invoked_subcommand is None:
        ctx.invoke(library_list, ctx=ctx, part=None, tag=None)


@library_app.command("list")
@handles_bad_input
def library_list(
    ctx: typer.Context,
    part: Optional[str] = typer.Option(None, "--part", help="Only this part (id, e.g. final)."),
    tag: Optional[str] = typer.Option(None, "--tag", help="Only clauses with this tag."),
) -> None:
    """List the clauses of the library."""
    from bsa_drafter.render import clause_list

    library = _library(ctx)
    if part is not None and part not in library.parts:
        raise BadInput(Problem(None, None, f"--part: unknown part {part!r}{did_you_mean(part, library.parts)}"))
    clauses = [c for c in library.clauses.values() if (part is None or c.part == part) and (tag is None or tag in c.tags)]
    out.print(clause_list(library, clauses))
    out.print(Text(f"{len(clauses)} clauses; `bsa-drafter library show ID` for variants and precedents", style="dim"))


@library_app.command("show")
@handles_bad_input
def library_show(ctx: typer.Context, clause_id: str = typer.Argument(..., metavar="ID", help="A clause id, e.g. final.termination.")) -> None:
    """Show one clause: its note, variants, wording and precedents."""
    from bsa_drafter.render import clause_page

    library = _library(ctx)
    clause = library.clauses.get(clause_id)
    if clause is None:
        raise BadInput(Problem(None, None, f"unknown clause {clause_id!r}{did_you_mean(clause_id, library.clauses)}"))
    standard = library.profiles["standard"].variants.get(clause_id, clause.default_variant)
    out.print(clause_page(library, clause, standard))


@library_app.command("rules")
@handles_bad_input
def library_rules(ctx: typer.Context) -> None:
    """List the playbook rules."""
    from bsa_drafter.render import SEVERITY_STYLE

    library = _library(ctx)
    for rule in library.rules:
        line = Text(f"{rule.severity:<8}", style=SEVERITY_STYLE[rule.severity]) + Text(rule.id, style="bold")
        if rule.working_severity:
            line.append(f"  ({rule.working_severity} in a working draft)", style="dim")
        out.print(line)
        out.print(Text("        " + rule.reason, style="dim"))


# --- the TUI --------------------------------------------------------------------------------------


@app.command()
@handles_bad_input
def edit(ctx: typer.Context, spec: Path = typer.Argument(..., help="The draft spec to open (created if missing, after asking).", metavar="SPEC")) -> None:
    """Open a draft spec in the drafting app."""
    _run_tui(ctx, spec)


def _run_tui(ctx: typer.Context, spec: Optional[Path]) -> None:
    from bsa_drafter.launch import run_tui

    raise _Exit(run_tui(spec, (ctx.obj or {}).get("library")))


def main() -> None:
    try:
        app()
    except _Exit as exc:  # raised outside a wrapped command (the no-argument TUI start)
        sys.exit(exc.code)
