"""Console output of the command line: findings, feature tables, library pages, diffs.

Every piece of clause or user text goes in as `rich.text.Text`, never as markup, so that
negotiation brackets like [A / B] are shown as they are written.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Iterable, Sequence

from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from bsa_drafter.detectors import feature_specs, value_words
from bsa_drafter.errors import Problem, printable
from bsa_drafter.excerpts import shorten
from bsa_drafter.models import Clause, Feature, Finding, Library
from bsa_drafter.playbook import count_phrases

if TYPE_CHECKING:
    from bsa_drafter.analyze import Analysis
    from bsa_drafter.diff import DraftDiff

SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
SEVERITY_LABEL = {"error": "ERROR", "warning": "WARNING", "info": "INFO"}


def report_problems(console: Console, problems: list[Problem]) -> None:
    for problem in problems:
        console.print(Text(str(problem), style="red"))


def excerpt(text: str, limit: int) -> str:
    """A long value for a terminal, cut at a word; piped output keeps it whole."""
    return shorten(text, limit) if sys.stdout.isatty() else " ".join(text.split())


def write_tsv(header: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    """Tab-separated values with a header line: one record a line, whole values, for
    spreadsheets and scripts. Tabs and line breaks inside a value become spaces; control
    characters are escaped, never written raw."""
    lines = ["\t".join(header)]
    for row in rows:
        lines.append("\t".join(printable(" ".join(str("" if value is None else value).split())) for value in row))
    sys.stdout.write("\n".join(lines) + "\n")


FINDING_COLUMNS = ("file", "severity", "rule", "clause", "paragraph", "message", "evidence")


def finding_row(path: str, finding: Finding) -> tuple[object, ...]:
    return (path, finding.severity, finding.rule, finding.clause, finding.paragraph, finding.message, finding.evidence)


def summary_text(counts: dict[str, int]) -> Text:
    parts = [(label, SEVERITY_STYLE[severity] if n else "dim") for severity, label, n in count_phrases(counts)]
    text = Text()
    for i, (label, style) in enumerate(parts):
        if i:
            text.append(", ")
        text.append(label, style=style)
    return text


def findings_renderable(findings: list[Finding], library: Library | None = None) -> RenderableType:
    if not findings:
        return Text("  no findings: the draft follows the playbook", style="green")
    rows: list[RenderableType] = []
    for severity in ("error", "warning", "info"):
        group = [f for f in findings if f.severity == severity]
        for finding in group:
            head = Text("  ")
            head.append(f"{SEVERITY_LABEL[severity]:<8}", style=SEVERITY_STYLE[severity])
            head.append(finding.rule, style="bold")
            if finding.clause:
                head.append(f"  [{finding.clause}]", style="dim")
            rows.append(head)
            rows.append(Text("          ") + Text(finding.message))
            if finding.evidence:
                label = "evidence (Ukrainian): " if finding.language == "uk" else "evidence: "
                quoted = Text(f"\u201c{finding.evidence}\u201d", style="italic")
                rows.append(Text(f"          {label}", style="dim") + quoted)
            rows.append(Text("          why: ", style="dim") + Text(finding.reason, style="dim"))
            if finding.precedents:
                names = library.precedent_names(finding.precedents) if library else finding.precedents
                rows.append(Text("          precedents: ", style="dim") + Text(", ".join(names), style="dim"))
    return Group(*rows)


def features_table(features: dict[str, Feature]) -> Table:
    """Every feature the detectors read, in the registry's order: its value, and its evidence (the
    occurrences of a count; for a missing feature, the closest sentence that did not count)."""
    table = Table(title="Features", show_lines=False, title_justify="left")
    table.add_column("feature", style="bold")
    table.add_column("value")
    table.add_column("evidence", overflow="fold")
    for name, spec in feature_specs().items():
        feature = features.get(name)
        if feature is None:
            continue
        if spec.kind == "count":
            shown = "; ".join(str(hit.value) for hit in feature.occurrences[:4])
        elif feature.first:
            shown = feature.first.quote
        else:
            shown = "closest: " + feature.closest[0].evidence.quote if feature.closest else ""
        table.add_row(name, Text(value_words(feature.value)), Text(excerpt(shown, 160)))
    return table


def clause_list(library: Library, clauses: Iterable[Clause]) -> Table:
    table = Table(show_lines=False)
    table.add_column("id", style="bold")
    table.add_column("part")
    table.add_column("title")
    table.add_column("variants")
    for clause in clauses:
        part = library.parts[clause.part]
        table.add_row(
            Text(clause.id), Text(part.numeral or part.title), Text(clause.title), Text(", ".join(clause.variant_ids))
        )
    return table


def clause_page(
    library: Library, clause: Clause, standard_variant: str | None, languages: tuple[str, ...] = ("en", "uk")
) -> RenderableType:
    """One clause of the library: its note, and every variant with its precedents and its
    wording in the languages asked for (as written, with the placeholders)."""
    part = library.parts[clause.part]
    rows: list[RenderableType] = [
        Text(clause.id, style="bold") + Text(f"  {clause.title}"),
        Text(f"{part.heading}" + (f" / {clause.heading}" if clause.heading else ""), style="dim"),
        Text(""),
        Text(clause.note),
    ]
    if clause.tags:
        rows.append(Text("tags: " + ", ".join(clause.tags), style="dim"))
    for variant in clause.variants:
        rows.append(Text(""))
        title = Text(f"variant {variant.id}", style="bold cyan") + Text(f"  {variant.label}")
        if variant.id == standard_variant:
            title.append("  (standard)", style="green")
        rows.append(title)
        used = ", ".join(library.precedent_names(variant.precedents)) or "no signed precedent"
        rows.append(Text(f"  used by: {used}", style="dim"))
        if variant.note:
            rows.append(Text(f"  note: {variant.note}", style="dim"))
        if variant.text_uk.strip() and "en" in languages and "uk" in languages:
            rows.append(Text("  English", style="dim"))
        if "en" in languages:
            rows.extend(Text("  " + line) for line in variant.text.splitlines())
        if "uk" in languages:
            if "en" in languages:
                rows.append(Text("  Українською", style="dim"))
            rows.extend(Text("  " + line) for line in (variant.text_uk or "(no Ukrainian text)").splitlines())
    return Group(*rows)


STATUS_STYLE = {"match": "green", "probable": "yellow", "new": "magenta"}


def analysis_renderable(analysis: "Analysis", library: Library, show_map: bool = False) -> RenderableType:
    from bsa_drafter.reading.language import language_name

    document = analysis.document
    body = document.body()
    clause_map = analysis.clause_map
    counts = {"error": 0, "warning": 0, "info": 0}
    for finding in analysis.findings:
        counts[finding.severity] += 1
    header = Text(document.source, style="bold")
    header.append(f"  ({len(body)} paragraphs" + (f"; {document.title}" if document.title else "") + ")", style="dim")
    rows: list[RenderableType] = [header, Text(analysis.change_summary(), style="bold")]
    view = (
        "proposed: every tracked change accepted"
        if document.view == "proposed"
        else "before: every tracked change rejected"
    )
    if document.revisions:
        rows.append(Text(f"  read as {view} (--view to change)", style="dim"))
    language = document.language
    rows.append(
        Text(f"Language: {language_name(language.code)} ({language.code})  ", style="bold")
        + Text(language.evidence, style="dim")
    )
    rows += _changes_renderable(analysis)
    rows += [features_table(analysis.features), Text("Findings", style="bold")]
    rows.append(findings_renderable(analysis.findings, library))
    rows.append(Text("  ") + summary_text(counts))
    outline = document.outline()
    if outline:
        tree = Text("Structure: ", style="bold")
        tree.append(
            f"{sum(1 for h in outline if h.level == 1)} Parts, {sum(1 for h in outline if h.level == 2)} subheadings",
            style="",
        )
        rows.append(tree)
        for heading in outline:
            if heading.level >= 1:
                rows.append(
                    Text(
                        "  " * heading.level + (f"{heading.label} " if heading.label else "") + heading.text,
                        style="dim",
                    )
                )
    if not clause_map.matches and analysis.notes:
        rows.append(Text("Clause map: none (" + "; ".join(analysis.notes) + ")", style="bold"))
    elif clause_map.matches:
        status = clause_map.counts()
        clauses = {m.clause_id for m in clause_map.matches if m.clause_id}
        summary = Text("Clause map: ", style="bold")
        summary.append(f"{status['match']} paragraphs match", style=STATUS_STYLE["match"])
        summary.append(", ")
        summary.append(f"{status['probable']} probable", style=STATUS_STYLE["probable"])
        summary.append(", ")
        summary.append(f"{status['new']} new text", style=STATUS_STYLE["new"])
        summary.append(
            f" ({len(clauses)} library clauses found); {len(clause_map.missing)} standard clauses with no counterpart"
        )
        rows.append(summary)
        if clause_map.missing:
            rows.append(Text("  no counterpart: " + ", ".join(clause_map.missing), style="dim"))
    if show_map and clause_map.matches:
        table = Table(show_lines=False)
        table.add_column("\u00b6", justify="right")
        table.add_column("status")
        table.add_column("clause")
        table.add_column("score", justify="right")
        table.add_column("text", overflow="ellipsis", no_wrap=True, max_width=70 if sys.stdout.isatty() else None)
        for match in clause_map.matches:
            text = document.paragraphs[match.paragraph].text
            clause = match.clause_id or (f"(nearest {match.nearest})" if match.nearest else "")
            table.add_row(
                str(match.paragraph),
                Text(match.status, style=STATUS_STYLE[match.status]),
                Text(clause),
                f"{match.similarity:.2f}",
                Text(" ".join(text.split())),
            )
        rows.append(table)
    return Group(*rows)


def _changes_renderable(analysis: "Analysis", limit: int = 200) -> list[RenderableType]:
    """Each tracked change and comment, where it stands: paragraph and clause."""
    rows: list[RenderableType] = []
    document = analysis.document
    for revision in document.revisions:
        line = Text(f"  {revision.kind:<24}", style="cyan")
        where = f"\u00b6{revision.paragraph}" + (f" {revision.clause}" if revision.clause else "")
        line.append(f"{where:<34}", style="dim")
        line.append(excerpt(revision.text or "(formatting)", limit))
        line.append(f"  {revision.author or '(no author)'} {revision.date[:10]}", style="dim")
        rows.append(line)
    for comment in document.comments:
        line = Text("  comment                 ", style="cyan")
        where = (f"\u00b6{comment.paragraph}" if comment.paragraph is not None else "(nowhere)") + (
            f" {comment.clause}" if comment.clause else ""
        )
        line.append(f"{where:<34}", style="dim")
        line.append(excerpt(comment.text, limit))
        if comment.anchor:
            line.append(f"  on \u201c{excerpt(comment.anchor, 60)}\u201d", style="italic")
        line.append(f"  {comment.author or '(no author)'} {comment.date[:10]}", style="dim")
        rows.append(line)
    return rows


def redline_text(
    ops: list[tuple[int, str]], full: bool = False, context_words: int = 12, markers: bool = False
) -> Text:
    """Deletions red and struck through, insertions green and underlined; long unchanged
    stretches shortened to their ends unless `full`. With `markers` (no colour available),
    changes read [-deleted-]{+inserted+}."""
    text = Text()
    for op, piece in ops:
        if op == 0:
            words = piece.split(" ")
            if not full and len(words) > 2 * context_words + 4:
                piece = " ".join(words[:context_words]) + " \u2026 " + " ".join(words[-context_words:])
            text.append(piece)
        elif op < 0:
            text.append(f"[-{piece}-]" if markers else piece, style="red strike")
        else:
            text.append(f"{{+{piece}+}}" if markers else piece, style="green underline")
    return text


def diff_renderable(diff: "DraftDiff", full: bool = False, markers: bool = False) -> RenderableType:
    status_style = {"changed": "yellow", "added": "green", "removed": "red", "moved": "blue"}
    rows: list[RenderableType] = [Text(f"Changes from {diff.a_label} to {diff.b_label}", style="bold")]
    counts = diff.summary()
    totals = Text(
        f"{counts['changed']} changed, {counts['added']} added, {counts['removed']} removed, {counts['moved']} "
        f"moved, {counts['unchanged']} unchanged",
        style="bold",
    )
    changes = diff.changes()
    if changes:
        table = Table(show_lines=False, title_justify="left")
        table.add_column("change")
        table.add_column("clause", no_wrap=True)
        table.add_column("where", overflow="fold")
        table.add_column("findings it brings", overflow="fold")
        for clause in changes:
            findings = diff.introduced.get(clause.id, [])
            table.add_row(
                Text(clause.status, style=status_style[clause.status]),
                Text(clause.id + (f" (was {clause.old_id})" if clause.old_id else "")),
                Text(clause.place),
                Text("; ".join(f"{f.severity} {f.rule}" for f in findings)),
            )
        rows.append(table)
    rows.append(totals)
    for finding in diff.introduced.get("", []):
        rows.append(
            Text(f"  {SEVERITY_LABEL[finding.severity]:<8}", style=SEVERITY_STYLE[finding.severity])
            + Text(f"{finding.rule}: {finding.message}")
        )
    if diff.unmarked:
        rows.append(
            Text(
                f"\n{len(diff.unmarked)} change{'s' if len(diff.unmarked) != 1 else ''} made without a tracked change:",
                style="bold yellow",
            )
        )
        for finding in diff.unmarked:
            rows.append(Text("  WARNING unmarked-change ", style="yellow") + Text(finding.message))
    unchanged = 0
    for clause in diff.clauses:
        if clause.status == "unchanged":
            unchanged += 1
            continue
        if unchanged:
            rows.append(Text(f"  \u2026 {unchanged} unchanged clause{'s' if unchanged != 1 else ''}", style="dim"))
            unchanged = 0
        head = Text("\n")
        head.append(f"{clause.status.upper():<8} ", style=f"bold {status_style[clause.status]}")
        head.append(clause.id, style="bold")
        if clause.old_id:
            head.append(f" (was {clause.old_id})", style="dim")
        head.append(f"  {clause.title}")
        if clause.place:
            head.append(f"  {clause.place}", style="dim")
        if clause.status in ("changed", "moved"):
            head.append(f"  {clause.similarity:.0%} similar", style="dim")
        rows.append(head)
        rows.append(Text("  ") + redline_text(clause.ops, full, markers=markers))
    if unchanged:
        rows.append(Text(f"  \u2026 {unchanged} unchanged clause{'s' if unchanged != 1 else ''}", style="dim"))
    return Group(*rows)
