"""Both languages of the selected clause side by side, both editable.

The English and the Ukrainian wording (as written, with their placeholders) stand in two text
areas; a line above them says whether one has fallen behind the other. Edits go up as
`TextEdited` messages with their language; ctrl+r asks to confirm that the two texts still say
the same (`ConfirmRequested`). The clause editor shows this view in place of its own text area
when the negotiator switches to both languages.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Label, Static, TextArea

from bsa_drafter.assemble import AssembledClause
from bsa_drafter.models import Library, TextLanguage
from bsa_drafter.params import fill, source_offset
from bsa_drafter.tui.keys import bindings

STATE_LINE = {
    None: ("Both texts in step", "$success"),
    "uk": ("The Ukrainian is behind the English: update it, or ctrl+r if it still matches", "$warning"),
    "en": ("The English is behind the Ukrainian: update it, or ctrl+r if it still matches", "$warning"),
    "both": ("Both texts were edited since they last matched: compare them, then ctrl+r", "$warning"),
    "missing": ("No Ukrainian text yet: write it on the right", "$warning"),
}


def select_filled(area: TextArea, spans: list[tuple[int, int, int, int]], filled_start: int, filled_end: int) -> None:
    """Select and show in `area`, which holds a wording with its placeholders, what stands at
    filled_start..filled_end of the filled text (`spans` from params.fill)."""
    start, end = source_offset(spans, filled_start), source_offset(spans, filled_end)
    document = area.document
    area.selection = (
        document.get_location_from_index(start),
        document.get_location_from_index(min(end, len(area.text))),
    )  # type: ignore[assignment]
    area.focus()
    area.scroll_cursor_visible()


class ParallelView(Vertical):
    DEFAULT_CSS = """
    ParallelView { height: 1fr; min-height: 6; }
    ParallelView #parallel-state { height: auto; padding: 0 1; }
    ParallelView #parallel-texts { height: 1fr; }
    ParallelView .parallel-side { width: 1fr; height: 1fr; }
    ParallelView .parallel-language { color: $text-muted; padding: 0 1; }
    ParallelView TextArea { height: 1fr; }
    """
    BINDINGS = bindings("parallel")

    class TextEdited(Message):
        def __init__(self, clause_id: str, language: TextLanguage, text: str):
            super().__init__()
            self.clause_id, self.language, self.text = clause_id, language, text

    class ConfirmRequested(Message):
        def __init__(self, clause_id: str):
            super().__init__()
            self.clause_id = clause_id

    def __init__(self, library: Library, blink: bool = True, **kwargs):
        super().__init__(**kwargs)
        self.library = library
        self.blink = blink
        self.clause_id: str | None = None
        self._loading = False
        self._state: tuple[str | None, str] | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="parallel-state")
        with Horizontal(id="parallel-texts"):
            with Vertical(classes="parallel-side"):
                yield Label("English", classes="parallel-language")
                yield TextArea(id="parallel-en", soft_wrap=True, tab_behavior="focus")
            with Vertical(classes="parallel-side"):
                yield Label("Українською", classes="parallel-language")
                yield TextArea(id="parallel-uk", soft_wrap=True, tab_behavior="focus")

    def on_mount(self) -> None:
        for area in self.query(TextArea):
            area.cursor_blink = self.blink

    def area(self, language: TextLanguage) -> TextArea:
        return self.query_one(f"#parallel-{language}", TextArea)

    def load(self, clause: AssembledClause) -> None:
        """Show a clause's two texts (text the negotiator is typing is left as it is)."""
        self._loading = True
        try:
            self.clause_id = clause.id
            for language, text in (("en", clause.source_text), ("uk", clause.source_text_uk)):
                area = self.area(language)  # type: ignore[arg-type]
                if area.text != text:
                    area.load_text(text)
            self.show_state(clause)
        finally:
            self._loading = False

    def show_state(self, clause: AssembledClause) -> None:
        text, style = STATE_LINE[clause.stale]
        if (clause.stale, text) == self._state:
            return
        self._state = (clause.stale, text)
        self.query_one("#parallel-state", Static).update(Content.styled(text, style))

    def forget(self) -> None:
        self.clause_id = None
        self._state = None

    def highlight(
        self, language: TextLanguage, filled_start: int, filled_end: int, clause: AssembledClause, values: dict
    ) -> None:
        """Select evidence found in one language's filled text, in its wording as written."""
        source = clause.source_text if language == "en" else clause.source_text_uk
        spans = fill(source, self.library.params, values, language).spans
        select_filled(self.area(language), spans, filled_start, filled_end)

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        if self._loading or self.clause_id is None or event.text_area.id not in ("parallel-en", "parallel-uk"):
            return
        language: TextLanguage = "en" if event.text_area.id == "parallel-en" else "uk"
        self.post_message(self.TextEdited(self.clause_id, language, event.text_area.text))

    def action_confirm(self) -> None:
        if self.clause_id is not None:
            self.post_message(self.ConfirmRequested(self.clause_id))
