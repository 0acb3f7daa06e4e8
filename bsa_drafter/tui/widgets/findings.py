"""The findings panel: always visible, errors first, Enter jumps to the clause."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from bsa_drafter.models import Finding, Library
from bsa_drafter.playbook import count_phrases

STYLE = {"error": "bold $error", "warning": "bold $warning", "info": "bold $primary"}
LABEL = {"error": "ERROR", "warning": "WARN ", "info": "INFO "}


def counts_content(counts: dict[str, int]) -> Content:
    parts = [(label, STYLE[severity] if n else "dim") for severity, label, n in count_phrases(counts)]
    return Content.assemble(parts[0], " \u00b7 ", parts[1], " \u00b7 ", parts[2])


class FindingsPanel(Vertical):
    class FindingChosen(Message):
        def __init__(self, finding: Finding):
            super().__init__()
            self.finding = finding

    def __init__(self, library: Library, **kwargs):
        super().__init__(**kwargs)
        self.library = library
        self.findings: list[Finding] = []
        self._title: Content | None = None
        self._detail: Content | None = None
        self.current: int | None = None  # the finding last gone to (next/previous, or Enter)

    def compose(self) -> ComposeResult:
        yield Static(id="findings-title")
        yield OptionList(id="findings-list")
        yield Static(id="finding-detail")

    def show(self, findings: list[Finding], counts: dict[str, int]) -> None:
        title = Content.assemble(("Findings  ", "bold"), counts_content(counts))
        if title != self._title:
            self._title = title
            self.query_one("#findings-title", Static).update(title, layout=False)
        if findings == self.findings:
            return
        previous, self.findings = self.findings, findings
        options = self.query_one("#findings-list", OptionList)
        if len(previous) == len(findings) and findings:
            for index, (old, new) in enumerate(zip(previous, findings)):
                if old != new:
                    options.replace_option_prompt_at_index(index, self._prompt(new))
            self._show_detail(options.highlighted)
            return
        highlighted = options.highlighted
        options.clear_options()
        options.add_options(Option(self._prompt(f)) for f in findings)
        if findings:
            options.highlighted = min(highlighted or 0, len(findings) - 1)
        else:
            self._detail = Content.styled("No findings: the draft follows the playbook.", "$success")
            self.query_one("#finding-detail", Static).update(self._detail, layout=False)

    @staticmethod
    def _prompt(finding: Finding) -> Content:
        return Content.assemble(
            (LABEL[finding.severity], STYLE[finding.severity]),
            " ",
            (finding.rule, "bold"),
            (f"  [{finding.clause}]" if finding.clause else "", "dim"),
            "  ",
            finding.message,
        )

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self._show_detail(event.option_index)

    def _show_detail(self, index: int | None) -> None:
        if index is None or index >= len(self.findings):
            return
        finding = self.findings[index]
        names = ", ".join(self.library.precedent_names(finding.precedents))
        detail = Content.assemble(
            ("why: ", "dim"),
            finding.reason,
            ("\nprecedents: " if names else "", "dim"),
            names,
            ("\nevidence: " if finding.evidence else "", "dim"),
            (f"\u201c{finding.evidence}\u201d" if finding.evidence else "", "italic"),
        )
        if detail != self._detail:
            self._detail = detail
            self.query_one("#finding-detail", Static).update(detail, layout=False)

    def step(self, offset: int) -> Finding | None:
        """Highlight the finding after (offset 1) or before (-1) the one last gone to, wrapping
        round; the first step goes to the first (or last) finding. Returns it."""
        if not self.findings:
            return None
        if self.current is None or self.current >= len(self.findings):
            index = 0 if offset > 0 else len(self.findings) - 1
        else:
            index = (self.current + offset) % len(self.findings)
        self.current = index
        options = self.query_one("#findings-list", OptionList)
        options.highlighted = index
        options.scroll_to_highlight()
        return self.findings[index]

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option_index < len(self.findings):
            self.current = event.option_index
            self.post_message(self.FindingChosen(self.findings[event.option_index]))
