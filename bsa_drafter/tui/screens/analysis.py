"""A counterpart's text, analysed: its features, findings and clause map, with the way to
compare it with our draft or to save it as a spec that reproduces it."""

from __future__ import annotations

from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from bsa_drafter.analyze import Analysis, analyze_file, spec_from_analysis
from bsa_drafter.assemble import assemble
from bsa_drafter.errors import BadInput
from bsa_drafter.reading.language import language_name
from bsa_drafter.spec import save_spec
from bsa_drafter.tui.screens.dialogs import PathScreen
from bsa_drafter.editing import DraftSession
from bsa_drafter.tui.widgets.findings import LABEL, STYLE

FEATURE_ROWS = ("unilateral_exit", "notice_months", "nato_support", "nato_status_clause", "consultation_24h", "reciprocity", "duration_years", "alignment_mechanism", "money_pledge")


class AnalysisDone(Message):
    def __init__(self, analysis: Analysis | None, error: str | None = None):
        super().__init__()
        self.analysis, self.error = analysis, error


class AnalysisScreen(Screen):
    BINDINGS = [
        Binding("escape,q", "app.pop_screen", "Back"),
        Binding("c", "compare", "Compare with my draft"),
        Binding("w", "write_spec", "Save as spec"),
    ]

    def __init__(self, session: DraftSession, path: Path):
        super().__init__()
        self.session, self.path = session, path
        self.analysis: Analysis | None = None

    def compose(self) -> ComposeResult:
        yield Static(Content(f"Analysing {self.path} \u2026"), id="analysis-title")
        with VerticalScroll():
            yield DataTable(id="analysis-features", cursor_type="none")
            yield Static(id="analysis-findings")
        yield Footer()

    def on_mount(self) -> None:
        self._analyse()

    @work(thread=True, exclusive=True)
    def _analyse(self) -> None:
        try:
            self.post_message(AnalysisDone(analyze_file(self.path, self.session.library)))
        except BadInput as exc:
            self.post_message(AnalysisDone(None, "\n".join(str(p) for p in exc.problems)))
        except Exception as exc:  # a foreign file must never take the app down with it
            self.post_message(AnalysisDone(None, f"{self.path}: the file could not be read ({type(exc).__name__}: {exc})"))

    def on_analysis_done(self, message: AnalysisDone) -> None:
        title = self.query_one("#analysis-title", Static)
        if message.error or message.analysis is None:
            title.update(Content.assemble(("Cannot analyse this file\n", "bold $error"), message.error or ""))
            return
        analysis = self.analysis = message.analysis
        status = analysis.clause_map.counts()
        language = analysis.document.language
        title.update(
            Content.assemble(
                (str(self.path), "bold"), "\n",
                (analysis.change_summary(), "bold"), "  \u00b7  ", (f"language: {language_name(language.code)}", ""), "\n",
                (f"{len(analysis.clause_map.matches)} paragraphs mapped: {status['match']} match, {status['probable']} probable, "
                 f"{status['new']} new text; {len(analysis.clause_map.missing)} standard clauses have no counterpart", "dim"),
            )
        )
        table = self.query_one("#analysis-features", DataTable)
        table.add_columns("feature", "value", "evidence")
        for name in FEATURE_ROWS:
            feature = analysis.features[name]
            value = {True: "yes", False: "no", None: "\u2014"}.get(feature.value, str(feature.value)) if not isinstance(feature.value, int) or isinstance(feature.value, bool) else str(feature.value)
            table.add_row(name, Content(value), Content((feature.first.quote[:90] if feature.first else "")))
        lines = [Content.styled("Findings", "bold")]
        for finding in analysis.findings:
            lines.append(Content.assemble((LABEL[finding.severity], STYLE[finding.severity]), " ", (finding.rule, "bold"), "  ", finding.message))
        if analysis.document.revisions or analysis.document.comments:
            lines.append(Content.styled("\nTracked changes and comments", "bold"))
        for revision in analysis.document.revisions:
            where = f"\u00b6{revision.paragraph} {revision.clause or ''}"
            lines.append(Content.assemble((f"{revision.kind:<22}", "$accent"), (f"{where:<32}", "dim"), " ".join(revision.text.split())[:120],
                                          (f"  {revision.author or '(no author)'}", "dim")))
        for comment in analysis.document.comments:
            where = f"\u00b6{comment.paragraph} {comment.clause or ''}" if comment.paragraph is not None else "(nowhere)"
            lines.append(Content.assemble((f"{'comment':<22}", "$accent"), (f"{where:<32}", "dim"), " ".join(comment.text.split())[:120],
                                          (f"  {comment.author or '(no author)'}", "dim")))
        self.query_one("#analysis-findings", Static).update(Content("\n").join(lines))

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
        if self.analysis is None:
            return
        target = await self.app.push_screen_wait(
            PathScreen("Save a spec that reproduces this text", self.path.parent, (".toml",), str(self.path.with_suffix(".toml")), must_exist=False)
        )
        if target is None:
            return
        if target.exists():
            self.notify(Content(f"{target} exists: choose another name"), severity="error")
            return
        save_spec(spec_from_analysis(self.analysis, self.session.library), target)
        self.notify(Content(f"Saved {target}: open it with ctrl+o to answer"), timeout=4)
