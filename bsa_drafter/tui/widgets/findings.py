"""The findings panel: always visible, errors first, Enter jumps to the clause."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from bsa_drafter.models import Finding, Library

STYLE = {"error": "bold $error", "warning": "bold $warning", "info": "bold $primary"}
LABEL = {"error": "ERROR", "warning": "WARN ", "info": "INFO "}


def counts_content(counts: dict[str, int]) -> Content:
    parts = []
    for severity, noun in (("error", "error"), ("warning", "warning"), ("info", "info")):
        n = counts.get(severity, 0)
        label = f"{n} {noun}{'s' if n != 1 and severity != 'info' else ''}"
        parts.append((label, STYLE[severity] if n else "dim"))
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

    def compose(self) -> ComposeResult:
        yield Static(id="findings-title")
        yield OptionList(id="findings-list")
        yield Static(id="finding-detail")

    def show(self, findings: list[Finding], counts: dict[str, int]) -> None:
        self.query_one("#findings-title", Static).update(Content.assemble(("Findings  ", "bold"), counts_content(counts)))
        if findings == self.findings:
            return
        self.findings = findings
        options = self.query_one("#findings-list", OptionList)
        highlighted = options.highlighted
        options.clear_options()
        options.add_options(
            Option(
                Content.assemble(
                    (LABEL[f.severity], STYLE[f.severity]), " ", (f.rule, "bold"),
                    (f"  [{f.clause}]" if f.clause else "", "dim"), "  ", f.message,
                )
            )
            for f in findings
        )
        if findings:
            options.highlighted = min(highlighted or 0, len(findings) - 1)
        else:
            self.query_one("#finding-detail", Static).update(Content.styled("No findings: the draft follows the playbook.", "$success"))

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if event.option_index < len(self.findings):
            finding = self.findings[event.option_index]
            names = ", ".join(self.library.precedent_names(finding.precedents))
            detail = Content.assemble(
                ("why: ", "dim"), finding.reason,
                ("\nprecedents: " if names else "", "dim"), names,
                ("\nevidence: " if finding.evidence else "", "dim"), (f"\u201c{finding.evidence}\u201d" if finding.evidence else "", "italic"),
            )
            self.query_one("#finding-detail", Static).update(detail)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option_index < len(self.findings):
            self.post_message(self.FindingChosen(self.findings[event.option_index]))
