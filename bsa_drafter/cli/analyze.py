"""`bsa-drafter analyze`: real agreement texts read with the same detectors."""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional

import typer
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from bsa_drafter.cli.app import ExitWith, FailOn, OutputFormat, app, err, handles_bad_input, library_of, out, version
from bsa_drafter.cli.console import report_problems
from bsa_drafter.errors import BadInput, Problem
from bsa_drafter.models import Finding, Library

if TYPE_CHECKING:
    from bsa_drafter.analyze import Analysis


class ViewChoice(str, Enum):
    proposed = "proposed"
    before = "before"


@app.command()
@handles_bad_input
def analyze(
    ctx: typer.Context,
    files: list[Path] = typer.Argument(..., help="Agreement texts: .docx, .pdf, .txt or .md.", metavar="FILE..."),
    output_format: OutputFormat = typer.Option(
        OutputFormat.text, "--format", "-f", help="text, json, tsv (the findings) or sarif (SARIF 2.1.0)."
    ),
    to_spec: Optional[Path] = typer.Option(
        None, "--to-spec", help="Write a draft spec that reproduces the text through the library.", metavar="OUT.toml"
    ),
    force: bool = typer.Option(False, "--force", help="Replace OUT.toml if it exists."),
    show_map: bool = typer.Option(
        False, "--show-map", help="List every paragraph with its status and clause (text format)."
    ),
    view: ViewChoice = typer.Option(
        ViewChoice.proposed,
        "--view",
        help="A DOCX with tracked changes: proposed (all accepted, the default) or before (all rejected).",
    ),
    fail_on: FailOn = typer.Option(FailOn.none, "--fail-on", help="Exit 1 when a finding reaches this severity."),
    explain: Optional[str] = typer.Option(
        None,
        "--explain",
        metavar="FEATURE",
        help="Show only how one feature was read: every occurrence, or the closest sentences and why they did not"
        " count.",
    ),
) -> None:
    """Analyse real agreement texts: tracked changes and comments, language, structure,
    features, findings and the clause map (each paragraph: match, probable or new)."""
    from bsa_drafter.analyze import analysis_json, analyze_file
    from bsa_drafter.cli.console import FINDING_COLUMNS, finding_row, write_tsv
    from bsa_drafter.cli.sarif import Located, sarif_log
    from bsa_drafter.playbook import reaches

    library = library_of(ctx)
    if explain is not None:
        _check_feature_name(explain)
    if to_spec is not None:
        _check_spec_output(to_spec, files, force)
    payloads: list[dict[str, Any]] = []
    rows: list[tuple[object, ...]] = []
    located: list[Located] = []
    bad_input = False
    findings: list[Finding] = []  # of every file
    for path in files:
        try:
            analysis = analyze_file(path, library, view.value)
        except BadInput as exc:
            report_problems(err, exc.problems)
            bad_input = True
            continue
        findings += analysis.findings
        if explain is not None:
            _print_explanation(analysis, explain, output_format, payloads)
        elif output_format is OutputFormat.json:
            payloads.append(analysis_json(analysis))
        elif output_format is OutputFormat.tsv:
            rows.extend(finding_row(str(path), f) for f in analysis.findings)
        elif output_format is OutputFormat.sarif:
            located.extend(Located(path, f) for f in analysis.findings)
        else:
            _print_text(analysis, library, show_map)
        if to_spec is not None:
            _write_spec(analysis, library, to_spec, path, output_format)
    if payloads:
        print(json.dumps(payloads[0] if len(files) == 1 else payloads, ensure_ascii=False, indent=2))
    elif output_format is OutputFormat.tsv:
        write_tsv(FINDING_COLUMNS, rows)
    elif output_format is OutputFormat.sarif:
        print(json.dumps(sarif_log(located, library, version()), ensure_ascii=False, indent=2))
    if bad_input:
        raise ExitWith(2)
    if fail_on is not FailOn.none and reaches(findings, fail_on.value):
        raise ExitWith(1)


def _print_text(analysis: Analysis, library: Library, show_map: bool) -> None:
    from bsa_drafter.cli.console import analysis_renderable

    out.print(analysis_renderable(analysis, library, show_map))
    if analysis.bilingual is not None:
        out.print(_bilingual_renderable(analysis, show_map))
    out.print()


def _write_spec(analysis: Analysis, library: Library, to_spec: Path, path: Path, output_format: OutputFormat) -> None:
    from bsa_drafter.analyze import spec_from_analysis
    from bsa_drafter.spec import save_spec

    spec = spec_from_analysis(analysis, library)
    save_spec(spec, to_spec)
    message = Text(f"wrote {to_spec}: {len(spec.order or [])} clauses reproducing {path.name}", style="green")
    (out if output_format is OutputFormat.text else err).print(message)


def _check_spec_output(to_spec: Path, files: list[Path], force: bool) -> None:
    """--to-spec: one input, a .toml name, not an existing file unless --force, not the input."""
    if len(files) != 1:
        raise BadInput(Problem(None, None, "--to-spec takes exactly one FILE"))
    if to_spec.suffix.lower() != ".toml":
        raise BadInput(Problem(str(to_spec), None, "expected a .toml file name for the spec"))
    if to_spec.exists() and not force:
        raise BadInput(Problem(str(to_spec), None, "already exists: not overwritten (use --force to replace it)"))
    if to_spec.resolve() == files[0].resolve():
        raise BadInput(Problem(str(to_spec), None, "is the input file: choose another name"))


# --- a file in two languages -----------------------------------------------------------------------


def _bilingual_renderable(analysis: Analysis, show_map: bool) -> Group:
    """How a bilingual file was split and aligned; with --show-map, every aligned pair."""
    from bsa_drafter.cli.console import excerpt, features_table
    from bsa_drafter.parallel import UNCERTAIN, ParallelText, counts
    from bsa_drafter.reading.bilingual import LAYOUT_NAMES
    from bsa_drafter.reading.language import language_name

    found = analysis.bilingual
    if not isinstance(found, ParallelText):
        return Group(Text("Bilingual: not split", style="bold") + Text(f" ({found.reason})", style="yellow"))
    layout = found.file
    order = " then ".join(language_name(code) for code in layout.order)
    rows: list[RenderableType] = [
        Text("Bilingual: ", style="bold") + Text(f"{LAYOUT_NAMES[layout.layout]} ({order})"),
    ]
    for side in (layout.english, layout.ukrainian):
        language = side.document.language
        rows.append(
            Text(f"  {language_name(side.language)}: {len(side.document.paragraphs)} paragraphs  ")
            + Text(language.evidence, style="dim")
        )
    if layout.left_out:
        rows.append(
            Text(
                "  left out: " + ", ".join(f"{name} ({n} paragraphs)" for name, n in layout.left_out.items()),
                style="dim",
            )
        )
    found_counts = counts(found)
    rows.append(
        Text(
            f"  alignment: {_count(found_counts['pairs'], 'pair')} ({found_counts['merged']} joining two paragraphs), "
            f"{_count(found_counts['english_only'], 'English paragraph')} without Ukrainian, "
            f"{found_counts['ukrainian_only']} Ukrainian without English, {found_counts['uncertain']} uncertain "
            f"(below {UNCERTAIN:.0%}); {found.ratio:.2f} Ukrainian characters per English one"
        )
    )
    for warning in layout.warnings:
        rows.append(Text(f"  {warning}", style="yellow"))
    if found.features_uk is None:
        rows.append(
            Text("  the Ukrainian text's own features were not read: there are no Ukrainian detectors", style="dim")
        )
    elif not found.differences:
        rows.append(Text("  the Ukrainian text's features are the same as the English's", style="green"))
    else:
        rows.append(
            Text("  features that differ between the versions: ", style="yellow")
            + Text(", ".join(d.feature for d in found.differences))
        )
        rows.append(features_table({d.feature: found.features_uk[d.feature] for d in found.differences}))
    if show_map:
        table = Table(show_lines=False)
        for column, justify in (("\u00b6 en", "right"), ("\u00b6 uk", "right"), ("sure", "right")):
            table.add_column(column, justify=justify)  # type: ignore[arg-type]
        table.add_column("English", overflow="ellipsis", no_wrap=True, max_width=50 if sys.stdout.isatty() else None)
        table.add_column("Ukrainian", overflow="ellipsis", no_wrap=True, max_width=50 if sys.stdout.isatty() else None)
        english, ukrainian = found.english.paragraphs, found.ukrainian.paragraphs
        for pair in found.pairs:
            style = "yellow" if pair.english and pair.ukrainian and pair.confidence < UNCERTAIN else ""
            table.add_row(
                "+".join(map(str, pair.english)) or "-",
                "+".join(map(str, pair.ukrainian)) or "-",
                Text(f"{pair.confidence:.0%}", style=style),
                Text(excerpt(" ".join(english[i].text for i in pair.english), 200)),
                Text(excerpt(" ".join(ukrainian[j].text for j in pair.ukrainian), 200)),
            )
        rows.append(table)
    return Group(*rows)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


# --- analyze --explain FEATURE ---------------------------------------------------------------------


def _check_feature_name(name: str) -> None:
    from bsa_drafter.detectors import feature_specs
    from bsa_drafter.errors import did_you_mean

    if name not in feature_specs():
        raise BadInput(Problem(None, None, f"--explain: unknown feature {name!r}{did_you_mean(name, feature_specs())}"))


def _print_explanation(
    analysis: Analysis, name: str, output_format: OutputFormat, payloads: list[dict[str, Any]]
) -> None:
    """One feature of one text: what it means, its value, where it was found, or what came closest."""
    from bsa_drafter.detectors import feature_json, feature_specs

    feature = analysis.features.get(name)
    language = analysis.document.language
    if output_format is OutputFormat.json:
        unread = {"value": None, "not_read": f"no detectors for language {language!r}"}
        entry = feature_json(feature) if feature else unread
        payloads.append({"source": analysis.document.source, "feature": name, **entry})
        return
    out.print(Text(analysis.document.source, style="bold"))
    meaning = Text(f"  ({feature_specs()[name].meaning})", style="dim")
    out.print(Text(f"{name} = {feature.value if feature else '-'}", style="bold") + meaning)
    if feature is None:
        out.print(Text(f"  not read: the text's language ({language}) has no detectors", style="yellow"))
    for hit in feature.occurrences if feature else []:
        related = "".join(f", {key} = {value}" for key, value in hit.related.items())
        where = Text(f"  found in paragraph {hit.evidence.paragraph} ({hit.value}{related}): ")
        out.print(where + Text(hit.evidence.quote, style="italic"))
    if feature is not None and not feature.occurrences:
        for evidence in feature.evidence:
            out.print(Text(f"  read in paragraph {evidence.paragraph}: ") + Text(evidence.quote, style="italic"))
    if feature is not None and not feature.evidence:
        closest = ". Closest sentences considered:" if feature.closest else ", and no sentence came close."
        out.print(Text("  not found" + closest))
        for near in feature.closest:
            out.print(Text(f"  paragraph {near.evidence.paragraph}: ") + Text(near.evidence.quote, style="italic"))
            out.print(Text(f"      did not count: {near.reason}", style="dim"))
    out.print()
