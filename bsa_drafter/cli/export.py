"""`bsa-drafter export` and `build`: one draft, or many in parallel, to DOCX or PDF."""

from __future__ import annotations

import signal
from enum import Enum
from pathlib import Path
from typing import Any, Optional

import typer
from rich.text import Text

from bsa_drafter.cli.app import ExitWith, app, err, handles_bad_input, library_of, out
from bsa_drafter.errors import printable


class BuildFormat(str, Enum):
    docx = "docx"
    pdf = "pdf"


class ExportLanguage(str, Enum):
    en = "en"
    uk = "uk"
    both = "en+uk"


class ExportLayout(str, Enum):
    columns = "columns"
    sequential = "sequential"


LANG_HELP = "en, uk, or en+uk (both texts, same paragraph numbers)."
LAYOUT_HELP = "For en+uk: columns (side by side, the default) or sequential (English, then Ukrainian)."


def _layout_for(language: ExportLanguage, layout: Optional[ExportLayout]) -> str:
    if layout is not None and language != ExportLanguage.both:
        raise typer.BadParameter(f"--layout applies to --lang en+uk only (got --lang {language.value})")
    return (layout or ExportLayout.columns).value


def _warn_translation_gaps(label: str, gaps: list[Any]) -> None:
    """A working draft exports with the Ukrainian it has; the negotiator is told which clauses lag."""
    from bsa_drafter.bilingual import STATE_TEXT

    if not gaps:
        return
    err.print(
        Text(
            f"{printable(label)}: warning: the Ukrainian text of {len(gaps)} clause(s) is not in step:",
            style="yellow",
        )
    )
    for clause in gaps:
        err.print(Text(f"  {printable(clause.id)}: {STATE_TEXT[clause.stale]}", style="yellow"))


def _print_refusal(spec: Path, errors: list[Any]) -> None:
    err.print(
        Text(
            f"{printable(str(spec))}: refused: the draft has {len(errors)} error-level finding(s);"
            " fix them or use --allow-errors",
            style="red",
        )
    )
    for finding in errors:
        where = f" [{finding.clause}]" if finding.clause else ""
        err.print(Text(f"  {finding.rule}{where}: {finding.message}", style="red"))


def _stop(signum: int, _frame: Any) -> None:
    raise SystemExit(128 + signum)


def _template_option(template: Optional[Path]) -> Optional[str]:
    return str(template) if template else None


@app.command()
@handles_bad_input
def export(
    ctx: typer.Context,
    spec: Path = typer.Argument(..., help="The draft spec (.toml).", metavar="SPEC"),
    output: Path = typer.Option(
        ..., "--output", "-o", help="The .docx or .pdf to write (replaced atomically).", metavar="FILE"
    ),
    allow_errors: bool = typer.Option(
        False, "--allow-errors", help="Export even when the draft has error-level findings."
    ),
    template: Optional[Path] = typer.Option(
        None, "--template", help="A docxtpl template (default: templates/agreement.docx).", metavar="FILE.docx"
    ),
    redline_against: Optional[str] = typer.Option(
        None,
        "--redline-against",
        help="Write a redline: 'standard', or another spec (or .docx/.txt) as the base.",
        metavar="standard|OTHER",
    ),
    author: Optional[str] = typer.Option(
        None,
        "--author",
        help="The document's author, and of a redline's tracked changes"
        " (default: the spec's document_author, your configuration, your name).",
    ),
    lang: ExportLanguage = typer.Option(ExportLanguage.en, "--lang", help=LANG_HELP),
    layout: Optional[ExportLayout] = typer.Option(None, "--layout", help=LAYOUT_HELP),
) -> None:
    """Export one draft spec to DOCX or PDF, or a redline with tracked changes against a base."""
    from bsa_drafter.compare import load_other, standard_draft
    from bsa_drafter.export.docx import error_findings, render_draft, renderer_for, translation_gaps
    from bsa_drafter.export.metadata import resolve_author
    from bsa_drafter.export.pdf import convert_to_pdf, require_soffice
    from bsa_drafter.export.redline import count_tracked_changes, draft_label, render_redline
    from bsa_drafter.files import atomic_write_bytes, check_output_file
    from bsa_drafter.spec import load_draft

    layout_value = _layout_for(lang, layout)
    if redline_against is not None and lang != ExportLanguage.en:
        raise typer.BadParameter(
            "a redline is in English only: use --lang en with --redline-against", param_hint="--lang"
        )
    inputs = (
        [spec]
        + ([Path(redline_against)] if redline_against not in (None, "standard") else [])
        + ([template] if template else [])
    )
    check_output_file(output, suffixes=(".docx", ".pdf"), inputs=inputs, what="export")
    as_pdf = output.suffix.lower() == ".pdf"
    if as_pdf:
        require_soffice(output)
    library = library_of(ctx)
    renderer = renderer_for(_template_option(template))
    _, draft = load_draft(spec, library)
    if not allow_errors:
        errors = error_findings(draft)
        if errors:
            _print_refusal(spec, errors)
            raise ExitWith(1)
    if redline_against is None:
        data = render_draft(draft, renderer, author=author, check=True, language=lang.value, layout=layout_value)
    else:
        if redline_against == "standard":
            base, base_label = standard_draft(draft), "the standard draft"
        else:
            other = Path(redline_against)
            base = load_other(other, library)
            base_label = draft_label(base) if other.suffix.lower() == ".toml" else f"{other.name} (as read)"
        who = resolve_author(author, draft.values.get("document_author"))
        data = render_redline(
            base, draft, who, renderer, base_label=base_label, current_label=draft_label(draft), check=True
        )
    written = data
    if as_pdf:
        written = convert_to_pdf({"draft": data}, label=str(output))["draft"]
    atomic_write_bytes(output, written)
    if redline_against is not None:
        changes = count_tracked_changes(data)
        counts = (
            f"{changes['insertions']} insertions, {changes['deletions']} deletions"
            f" and {changes['moves']} moved paragraphs tracked"
        )
        out.print(Text(f"wrote {output}: redline against {redline_against}, {counts}", style="green"))
        return
    _warn_translation_gaps(str(spec), translation_gaps(draft, lang.value))
    status = "working draft, brackets highlighted" if draft.spec.draft.status != "final" else "final text"
    languages = {"en": "English", "uk": "Ukrainian", "en+uk": f"English and Ukrainian, {layout_value}"}[lang.value]
    out.print(Text(f"wrote {output} ({len(draft.clauses)} clauses, {languages}, {status})", style="green"))


@app.command()
@handles_bad_input
def build(
    ctx: typer.Context,
    specs: list[Path] = typer.Argument(..., help="Draft specs (.toml).", metavar="SPEC..."),
    out_dir: Path = typer.Option(..., "--out", help="Folder for the outputs (created if missing).", metavar="DIR"),
    jobs: int = typer.Option(
        0, "--jobs", "-j", help="Worker processes (default: one per CPU; small batches use none).", min=0, max=64
    ),
    allow_errors: bool = typer.Option(False, "--allow-errors", help="Build drafts with error-level findings too."),
    template: Optional[Path] = typer.Option(
        None, "--template", help="A docxtpl template (default: templates/agreement.docx).", metavar="FILE.docx"
    ),
    fmt: BuildFormat = typer.Option(BuildFormat.docx, "--format", help="docx, or pdf through LibreOffice."),
    name: str = typer.Option(
        "{partner}_r{round}_{date}",
        "--name",
        help="Output name pattern: text and {partner} {round} {date} {status} {spec}; the extension is added.",
        metavar="PATTERN",
    ),
    lang: ExportLanguage = typer.Option(ExportLanguage.en, "--lang", help=LANG_HELP),
    layout: Optional[ExportLayout] = typer.Option(None, "--layout", help=LAYOUT_HELP),
) -> None:
    """Build DOCX or PDF for many specs in parallel; one line per failure and a summary."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from bsa_drafter.assemble import assemble
    from bsa_drafter.batch import build_specs, check_name_pattern
    from bsa_drafter.export.docx import render_draft, renderer_for
    from bsa_drafter.export.pdf import require_soffice
    from bsa_drafter.files import check_output_folder
    from bsa_drafter.spec import new_spec

    specs = list(dict.fromkeys(specs))
    layout_value = _layout_for(lang, layout)
    check_name_pattern(name)
    check_output_folder(out_dir)
    if fmt == BuildFormat.pdf:
        require_soffice(out_dir)
    library = library_of(ctx)  # refuse a broken library before starting workers
    # a broken template is bad input, reported once: a probe draft goes through all of it
    render_draft(assemble(new_spec(library, "Partner"), library), renderer_for(_template_option(template)), check=True)
    counts = {"built": 0, "skipped": 0, "failed": 0}
    bad_input = False
    library_root = str(ctx.obj.get("library")) if ctx.obj and ctx.obj.get("library") else None
    # a build told to stop (kill, a CI timeout) stops like one interrupted: the output being
    # written is removed, and the workers are told to finish
    previous = signal.signal(signal.SIGTERM, _stop)
    try:
        with Progress(
            TextColumn("building"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=err, transient=True
        ) as progress:
            task = progress.add_task("build", total=len(specs))
            for result in build_specs(
                specs,
                out_dir,
                jobs=jobs or None,
                allow_errors=allow_errors,
                library_root=library_root,
                template=_template_option(template),
                fmt=fmt.value,
                pattern=name,
                language=lang.value,
                layout=layout_value,
            ):
                counts[result.status] += 1
                progress.advance(task)
                if result.status == "skipped":
                    progress.console.print(Text(f"skipped {printable(result.spec)}: {result.reason}", style="yellow"))
                elif result.status == "failed":
                    bad_input = bad_input or "refused" not in result.reason
                    progress.console.print(Text(f"failed  {printable(result.spec)}: {result.reason}", style="red"))
                elif result.reason:  # built, with a warning
                    progress.console.print(Text(f"warning {printable(result.spec)}: {result.reason}", style="yellow"))
    finally:
        signal.signal(signal.SIGTERM, previous)
    summary = Text(f"built {counts['built']}", style="green")
    summary.append(f", skipped for errors {counts['skipped']}", style="yellow" if counts["skipped"] else "")
    summary.append(f", failed {counts['failed']}", style="red" if counts["failed"] else "")
    summary.append(f"  → {printable(str(out_dir))}/")
    out.print(summary)
    if counts["failed"]:
        raise ExitWith(2 if bad_input else 1)
    if counts["skipped"]:
        raise ExitWith(1)
