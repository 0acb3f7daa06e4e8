"""A counterpart's text, analysed: its findings with their evidence, the full clause map (each
paragraph: match, probable or new, and the standard clauses with no counterpart), its features
and its tracked changes and comments, one tab each; with the way to compare it with our draft
or to save it as a spec that reproduces it.

Columns are as wide as what they hold; the one long column of each table (message, text,
evidence) takes the rest of the width and wraps, so nothing is cut to a header's width."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Static, TabbedContent, TabPane

from bsa_drafter.analyze import Analysis, analyze_file, spec_from_analysis
from bsa_drafter.assemble import assemble
from bsa_drafter.detectors import feature_specs, value_words
from bsa_drafter.editing import DraftSession
from bsa_drafter.errors import BadInput
from bsa_drafter.excerpts import shorten
from bsa_drafter.reading.language import language_name
from bsa_drafter.spec import save_spec
from bsa_drafter.tui.keys import bindings
from bsa_drafter.tui.screens.dialogs import PathScreen
from bsa_drafter.tui.widgets.footer import KeysFooter

SEVERITY_STYLE = {"error": "bold red", "warning": "bold yellow", "info": "bold cyan"}
STATUS_STYLE = {"match": "green", "probable": "yellow", "new": "magenta", "missing": "red"}
CELL_PADDING = 1
MIN_FLEXIBLE = 20
MAX_AUTO = 40  # a column sized to its content stops here (clause ids, rule names), or at a quarter of the width

Column = tuple[str, bool]  # (label, takes the rest of the width)


class AnalysisDone(Message):
    def __init__(self, analysis: Analysis | None, error: str | None = None):
        super().__init__()
        self.analysis, self.error = analysis, error


def fill_table(table: DataTable, columns: list[Column], rows: list[list[Text]], width: int, wrap: bool) -> None:
    """Columns sized to their content (up to MAX_AUTO); the flexible one gets what is left and
    wraps (`wrap`) or ends in "…"; a cell of another column wider than its column ends in "…"."""
    table.clear(columns=True)
    widths = []
    cap = max(8, min(MAX_AUTO, width // 4))
    for index, (label, flexible) in enumerate(columns):
        longest = max(
            [len(label)] + [max((len(line) for line in row[index].plain.split("\n")), default=0) for row in rows]
        )
        widths.append(0 if flexible else min(longest, cap))
    used = sum(widths) + 2 * CELL_PADDING * len(columns) + 2  # the table's scrollbar
    for index, (label, flexible) in enumerate(columns):
        table.add_column(label, width=max(MIN_FLEXIBLE, width - used) if flexible else widths[index])
    for row in rows:
        for cell, (_, flexible) in zip(row, columns):
            wraps = wrap and flexible  # only the long column wraps; the others end in "…"
            cell.overflow = "fold" if wraps else "ellipsis"
            cell.no_wrap = not wraps
        table.add_row(*row, height=None if wrap else 1)


class AnalysisScreen(Screen):
    BINDINGS = bindings("analysis")

    def __init__(self, session: DraftSession, path: Path):
        super().__init__()
        self.session, self.path = session, path
        self.analysis: Analysis | None = None
        self._width = 0

    def compose(self) -> ComposeResult:
        yield Static(Content(f"Analysing {self.path.name} \u2026"), id="analysis-title")
        with TabbedContent(id="analysis-tabs"):
            with TabPane("1 Findings", id="tab-findings"):
                yield DataTable(id="analysis-findings", cursor_type="row")
            with TabPane("2 Clause map", id="tab-map"):
                yield DataTable(id="analysis-map", cursor_type="row")
                yield Static(id="map-detail")
            with TabPane("3 Features", id="tab-features"):
                yield DataTable(id="analysis-features", cursor_type="row")
            with TabPane("4 Changes and comments", id="tab-changes"):
                yield DataTable(id="analysis-changes", cursor_type="row")
        yield KeysFooter()

    def on_mount(self) -> None:
        self._analyse()

    @work(thread=True, exclusive=True)
    def _analyse(self) -> None:
        try:
            self.post_message(AnalysisDone(analyze_file(self.path, self.session.library)))
        except BadInput as exc:
            self.post_message(AnalysisDone(None, "\n".join(str(p) for p in exc.problems)))
        except Exception as exc:  # a foreign file must never take the app down with it
            self.post_message(
                AnalysisDone(None, f"{self.path}: the file could not be read ({type(exc).__name__}: {exc})")
            )

    def on_analysis_done(self, message: AnalysisDone) -> None:
        title = self.query_one("#analysis-title", Static)
        if message.error or message.analysis is None:
            title.update(Content.assemble(("Cannot analyse this file\n", "bold $error"), message.error or ""))
            return
        analysis = self.analysis = message.analysis
        status = analysis.clause_map.counts()
        language = analysis.document.language
        notes = f"\n{'; '.join(analysis.notes)}" if analysis.notes else ""
        title.update(
            Content.assemble(
                (self.path.name, "bold"),
                "  ",
                (analysis.change_summary(), ""),
                "  \u00b7  ",
                (f"language: {language_name(language.code)}", ""),
                "\n",
                (
                    f"{len(analysis.clause_map.matches)} paragraphs mapped: {status['match']} match, "
                    f"{status['probable']} probable, {status['new']} new; "
                    f"{len(analysis.clause_map.missing)} standard clauses have no counterpart{notes}",
                    "dim",
                ),
            )
        )
        tabs = self.query_one(TabbedContent)
        tabs.get_tab("tab-findings").label = f"1 Findings ({len(analysis.findings)})"
        tabs.get_tab(
            "tab-map"
        ).label = f"2 Clause map ({len(analysis.clause_map.matches) + len(analysis.clause_map.missing)})"
        tabs.get_tab(
            "tab-changes"
        ).label = f"4 Changes and comments ({len(analysis.document.revisions) + len(analysis.document.comments)})"
        self._fill_tables()
        self.query_one("#analysis-findings").focus()

    def on_resize(self) -> None:
        if self.analysis is not None and self.size.width != self._width:
            self._fill_tables()

    def _fill_tables(self) -> None:
        assert self.analysis is not None
        self._width = self.size.width
        width = self.size.width - 2
        fill_table(
            self.query_one("#analysis-findings", DataTable),
            [("", False), ("rule", False), ("clause", False), ("finding and evidence", True)],
            self._finding_rows(),
            width,
            wrap=True,
        )
        fill_table(
            self.query_one("#analysis-map", DataTable),
            [("\u00b6", False), ("status", False), ("clause", False), ("score", False), ("text", True)],
            self._map_rows(),
            width,
            wrap=False,
        )
        fill_table(
            self.query_one("#analysis-features", DataTable),
            [("feature", False), ("value", False), ("evidence", True)],
            self._feature_rows(),
            width,
            wrap=True,
        )
        fill_table(
            self.query_one("#analysis-changes", DataTable),
            [("kind", False), ("where", False), ("text", True), ("by", False)],
            self._change_rows(),
            width,
            wrap=True,
        )

    def _finding_rows(self) -> list[list[Text]]:
        assert self.analysis is not None
        rows = []
        for finding in self.analysis.findings:
            detail = Text(finding.message)
            if finding.evidence:
                detail.append("\n\u201c" + shorten(finding.evidence, 400) + "\u201d", style="italic dim")
            rows.append(
                [
                    Text(finding.severity.upper(), style=SEVERITY_STYLE[finding.severity]),
                    Text(finding.rule, style="bold"),
                    Text(finding.clause or ""),
                    detail,
                ]
            )
        return rows

    def _map_rows(self) -> list[list[Text]]:
        assert self.analysis is not None
        paragraphs = self.analysis.document.paragraphs
        library = self.session.library
        rows = []
        for match in self.analysis.clause_map.matches:
            clause = match.clause_id or (f"(nearest {match.nearest})" if match.nearest else "")
            rows.append(
                [
                    Text(str(match.paragraph)),
                    Text(match.status, style=STATUS_STYLE[match.status]),
                    Text(clause),
                    Text(f"{match.similarity:.2f}"),
                    Text(" ".join(paragraphs[match.paragraph].text.split())),
                ]
            )
        for clause_id in self.analysis.clause_map.missing:
            title = library.clauses[clause_id].title if clause_id in library.clauses else ""
            rows.append(
                [
                    Text("\u2014"),
                    Text("missing", style=STATUS_STYLE["missing"]),
                    Text(clause_id),
                    Text(""),
                    Text(f"{title}: no counterpart in their text", style="dim"),
                ]
            )
        return rows

    def _feature_rows(self) -> list[list[Text]]:
        """Every feature the detectors read, in the registry's order; a missing one shows the
        closest sentence that did not count."""
        assert self.analysis is not None
        rows = []
        for name in feature_specs():
            feature = self.analysis.features.get(name)
            if feature is None:
                continue
            if feature.first:
                evidence = shorten(feature.first.quote, 300)
            else:
                evidence = f"closest: {shorten(feature.closest[0].evidence.quote, 290)}" if feature.closest else ""
            rows.append([Text(name, style="bold"), Text(value_words(feature.value)), Text(evidence, style="italic")])
        return rows

    def _change_rows(self) -> list[list[Text]]:
        assert self.analysis is not None
        document = self.analysis.document
        rows = []
        for revision in document.revisions:
            where = f"\u00b6{revision.paragraph}" + (f" {revision.clause}" if revision.clause else "")
            rows.append(
                [
                    Text(revision.kind, style="cyan"),
                    Text(where),
                    Text(" ".join((revision.text or "(formatting)").split())),
                    Text(f"{revision.author or '(no author)'} {revision.date[:10]}", style="dim"),
                ]
            )
        for comment in document.comments:
            where = (f"\u00b6{comment.paragraph}" if comment.paragraph is not None else "(nowhere)") + (
                f" {comment.clause}" if comment.clause else ""
            )
            text = Text(" ".join(comment.text.split()))
            if comment.anchor:
                text.append(f"\non \u201c{shorten(comment.anchor, 120)}\u201d", style="italic dim")
            rows.append(
                [
                    Text("comment", style="cyan"),
                    Text(where),
                    text,
                    Text(f"{comment.author or '(no author)'} {comment.date[:10]}", style="dim"),
                ]
            )
        return rows

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        """The clause map shows each paragraph on one line: the highlighted one in full below."""
        if event.data_table.id != "analysis-map" or self.analysis is None:
            return
        matches = self.analysis.clause_map.matches
        detail = self.query_one("#map-detail", Static)
        if event.cursor_row < len(matches):
            match = matches[event.cursor_row]
            paragraph = self.analysis.document.paragraphs[match.paragraph]
            where = f"\u00b6{match.paragraph}" + (f"  {paragraph.heading}" if paragraph.heading else "")
            detail.update(Content.assemble((where + "\n", "dim"), " ".join(paragraph.text.split())))
        else:
            clause_id = self.analysis.clause_map.missing[event.cursor_row - len(matches)]
            clause = self.session.library.clauses.get(clause_id)
            detail.update(
                Content.assemble(
                    (f"{clause_id}: no counterpart in their text\n", "dim"), clause.variant(None).text if clause else ""
                )
            )

    def action_show_tab(self, pane_id: str) -> None:
        tabs = self.query_one(TabbedContent)
        tabs.active = pane_id
        tabs.get_pane(pane_id).query_one(DataTable).focus()

    def action_compare(self) -> None:
        from bsa_drafter.tui.screens.diff import DiffScreen

        if self.analysis is None:
            return
        try:
            theirs = assemble(spec_from_analysis(self.analysis, self.session.library), self.session.library)
        except BadInput as exc:
            self.notify(Content("; ".join(str(p) for p in exc.problems)), severity="error", timeout=6)
            return
        screen = DiffScreen(self.session, None)
        screen.other, screen.other_label, screen.theirs = theirs, self.path.name, True
        self.app.push_screen(screen)

    @work(exclusive=True, group="dialog")
    async def action_write_spec(self) -> None:
        """A spec that reproduces their text, proposed in the drafts folder under a free name."""
        if self.analysis is None:
            return
        folder = self.app.drafts_folder(self.session.path)  # type: ignore[attr-defined]
        suggestion = folder / f"{self.path.stem}.toml"
        number = 2
        while suggestion.exists():
            suggestion = folder / f"{self.path.stem}-{number}.toml"
            number += 1
        target = await self.app.push_screen_wait(
            PathScreen("Save a spec that reproduces this text", folder, (".toml",), str(suggestion), must_exist=False)
        )
        if target is None:
            return
        if target.exists():
            self.notify(Content(f"{target} exists: choose another name"), severity="error")
            return
        try:
            save_spec(spec_from_analysis(self.analysis, self.session.library), target)
        except BadInput as exc:
            self.notify(Content("Not saved: " + "; ".join(str(p) for p in exc.problems)), severity="error", timeout=8)
            return
        self.notify(Content(f"Saved {target}: open it with ctrl+o to answer"), timeout=4)
