"""The clause editor: variant, wording (with undo/redo), the preview of the clause as it will
read, and the parameters the wording uses, one line each.

For the 'draft details' entry it edits the draft's partner, round, date and status and every
parameter instead. Edits go up as messages; the screen validates them through the session and
reports errors back with `show_field_error`. Everything sits inside the editor's own height:
the fields scroll in their own box, so a focused field is always scrolled into view and
nothing hides under the findings panel.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, Label, Select, Static, TextArea

from bsa_drafter.assemble import AssembledClause
from bsa_drafter.editing import DRAFT_DETAILS
from bsa_drafter.models import DraftSpec, Library, TextLanguage
from bsa_drafter.params import UK_SUFFIX, fill_placeholders_with_spans, format_value, unset_text
from bsa_drafter.tui.widgets.parallel import ParallelView, select_filled
from bsa_drafter.tui.widgets.preview import ClausePreview, preview_content

META_FIELDS = (
    ("partner", "Partner"),
    ("round", "Round"),
    ("date", "Date (YYYY-MM-DD)"),
    ("status", "Status (working/final)"),
)


class ClauseEditor(Vertical):
    class TextEdited(Message):
        def __init__(self, clause_id: str, text: str):
            super().__init__()
            self.clause_id, self.text = clause_id, text

    class VariantChosen(Message):
        def __init__(self, clause_id: str, variant_id: str):
            super().__init__()
            self.clause_id, self.variant_id = clause_id, variant_id

    class FieldEdited(Message):
        def __init__(self, kind: str, name: str, value: str):
            super().__init__()
            self.kind, self.name, self.value = kind, name, value

    def __init__(self, library: Library, blink: bool = True, preview: bool = False, **kwargs):
        super().__init__(**kwargs)
        self.library = library
        self.blink = blink
        self.preview = preview
        self._preview_shown: Content | None = None
        self._title_shown: Content | None = None
        self.clause_id: str | None = None
        self._loading = False
        self._problems_shown: list[str] | None = None
        self._initial: dict[str, str] = {}  # a field's value as loaded: its first Changed is not an edit
        self._layout: tuple[bool, tuple[tuple[str, str], ...]] | None = None
        self._generation = 0
        self._variant_shown: str | None = None  # set by loading, so its echo is not a choice
        self.parallel_shown = False  # both languages side by side instead of the English alone
        self.values_uk: dict = {}  # the draft's Ukrainian values: what an unset _uk field stands for

    def compose(self) -> ComposeResult:
        yield Static(id="editor-title")
        with Horizontal(id="variant-row"):
            yield Label("Variant", id="variant-label")
            yield Select[str]([], allow_blank=True, id="variant-select", prompt="(custom wording)", compact=True)
        yield TextArea(id="clause-text", soft_wrap=True, tab_behavior="focus")
        yield ParallelView(self.library, blink=self.blink, id="parallel")
        yield Static(id="clause-problems")
        yield ClausePreview(id="clause-preview")
        yield VerticalScroll(id="fields", can_focus=False)

    def on_mount(self) -> None:
        self.query_one("#clause-text", TextArea).cursor_blink = self.blink
        self.query_one(ClausePreview).display = False
        self.query_one(ParallelView).display = False

    def show_parallel(self, shown: bool) -> None:
        """Both languages side by side, or the English alone (the screen reloads the clause)."""
        self.parallel_shown = shown
        self.set_class(shown, "-parallel")
        self._layout = None  # the parameters shown change with it

    # --- loading -------------------------------------------------------------------------

    def load_clause(self, clause: AssembledClause, spec: DraftSpec, values: dict) -> None:
        self.clause_id = clause.id
        self.remove_class("-details")
        self._loading = True
        try:
            library_clause = self.library.clauses.get(clause.id)
            self._show_title(clause)
            select = self.query_one("#variant-select", Select)
            row = self.query_one("#variant-row")
            if library_clause is None:
                row.display = False
            else:
                row.display = True
                self._variant_shown = clause.variant
                select.set_options([(self._variant_prompt(v), v.id) for v in library_clause.variants])
                select.value = clause.variant
            area = self.query_one("#clause-text", TextArea)
            area.display = not self.parallel_shown
            parallel = self.query_one(ParallelView)
            parallel.display = self.parallel_shown
            if self.parallel_shown:
                parallel.load(clause)
            elif area.text != clause.source_text:
                area.load_text(clause.source_text)
            self._show_problems(clause.problems)
            self.show_preview(clause, values)
            names = list(clause.params_used)
            if self.parallel_shown:  # and the Ukrainian counterparts of its free-text parameters
                names += [f"{n}{UK_SUFFIX}" for n in clause.params_used if f"{n}{UK_SUFFIX}" in self.library.params]
            self._build_fields([("param", name) for name in names], spec, values)
        finally:
            self._loading = False

    def _show_title(self, clause: AssembledClause) -> None:
        """Number, title and status ('[edited]' as soon as the wording departs), id and place."""
        part = self.library.parts.get(clause.part)
        where = " / ".join(x for x in (part.heading if part else "", clause.heading) if x)
        number = f"{clause.number}. " if clause.number is not None else ""
        title = Content.assemble(
            (f"{number}{clause.title}", "bold"),
            "  ",
            (f"[{clause.status}]", "$accent"),
            "\n",
            (clause.id, "dim"),
            (f"  \u00b7  {where}" if where else "", "dim"),
        )
        if title != self._title_shown:  # unchanged while typing: no repaint
            self._title_shown = title
            self.query_one("#editor-title", Static).update(title)

    def _variant_prompt(self, variant) -> Content:  # type: ignore[no-untyped-def]
        used = ", ".join(self.library.precedent_names(variant.precedents)) or "no signed precedent"
        return Content.assemble(variant.label, ("  \u00b7 " + used, "dim"))

    # --- the preview ---------------------------------------------------------------------

    def set_preview(self, shown: bool, clause: AssembledClause | None, values: dict) -> None:
        self.preview = shown
        self._preview_shown = None
        self.show_preview(clause, values)

    def show_preview(self, clause: AssembledClause | None, values: dict) -> None:
        """The filled clause below the wording, when the preview is on (never for the draft
        details, which have no wording). Unchanged text is not repainted."""
        preview = self.query_one(ClausePreview)
        wanted = self.preview and clause is not None
        if preview.display != wanted:
            preview.display = wanted
            self.set_class(wanted, "-preview")
        if not wanted or clause is None or clause.id != self.clause_id:
            return
        content = preview_content(clause, self.library, values)
        if content != self._preview_shown:
            self._preview_shown = content
            preview.show(content)

    def load_details(self, spec: DraftSpec, values: dict) -> None:
        self.clause_id = DRAFT_DETAILS
        self.add_class("-details")
        self._loading = True
        try:
            self._title_shown = None
            self.query_one("#editor-title", Static).update(
                Content.assemble(
                    ("Draft details and signatures", "bold"),
                    "\n",
                    ("partner, round, date, status, and every parameter", "dim"),
                )
            )
            self.query_one("#variant-row").display = False
            self.query_one("#clause-text", TextArea).display = False
            self.query_one(ParallelView).display = False
            self._show_problems([])
            self.show_preview(None, values)
            fields = [("draft", name) for name, _ in META_FIELDS] + [("param", name) for name in self.library.params]
            self._build_fields(fields, spec, values)
        finally:
            self._loading = False

    def _show_problems(self, problems: list[str]) -> None:
        if problems == self._problems_shown:
            return  # unchanged: no re-layout on every keystroke
        self._problems_shown = list(problems)
        widget = self.query_one("#clause-problems", Static)
        widget.update(Content.styled("\n".join(problems), "$error") if problems else Content(""))
        widget.display = bool(problems)

    def _build_fields(self, fields: list[tuple[str, str]], spec: DraftSpec, values: dict) -> None:
        """Show an input per field. The same fields as before are updated in place; otherwise
        they are rebuilt, and a generation number keeps ids unique while the old ones are
        still being removed (removal is asynchronous)."""
        layout = (self.clause_id == DRAFT_DETAILS, tuple(fields))
        if layout == self._layout:
            self._refresh_fields(fields, spec, values)
            return
        self._layout = layout
        self._generation += 1
        container = self.query_one("#fields", VerticalScroll)
        container.remove_children()
        self._initial.clear()
        widgets = []
        if fields and fields[0][0] == "param" and self.clause_id != DRAFT_DETAILS:
            widgets.append(Static(Content.styled("Parameters used by this clause", "bold"), classes="fields-title"))
        group = None
        for kind, name in fields:
            value, placeholder = self._field_value(kind, name, spec, values)
            if kind == "draft":
                label = dict(META_FIELDS)[name]
            else:
                param = self.library.params[name]
                if self.clause_id == DRAFT_DETAILS and param.group != group:
                    group = param.group
                    widgets.append(Static(Content.styled(group, "bold"), classes="fields-title"))
                label = param.label
            field = Input(value, placeholder=placeholder, id=self._field_id(kind, name), classes="field", compact=True)
            self._initial[field.id or ""] = value
            field.cursor_blink = self.blink
            widgets.append(Horizontal(Label(Content(label), classes="field-label"), field, classes="field-row"))
            error = Label("", id=self._field_id(kind, name, "error"), classes="field-error")
            error.display = False
            widgets.append(error)
        container.mount_all(widgets)

    def _field_id(self, kind: str, name: str, role: str = "field") -> str:
        return f"{role}-g{self._generation}-{kind}-{name}"

    def _field_value(self, kind: str, name: str, spec: DraftSpec, values: dict) -> tuple[str, str]:
        if kind == "draft":
            return str(getattr(spec.draft, name)), ""
        param = self.library.params[name]
        resolved = values.get(name)
        placeholder = unset_text(param) if resolved is None else format_value(param, resolved)
        table_forms = None
        if name.endswith(UK_SUFFIX) and resolved is None:
            table_forms = self.values_uk.get(name.removesuffix(UK_SUFFIX))
        if isinstance(table_forms, dict):  # a partner in the partner table: its Ukrainian in every case
            placeholder = f"{table_forms.get('nom') or table_forms.get('m') or ''} (from the partner table)"
        if param.type == "choice":
            placeholder += f"  ({' / '.join(param.choices)})"
        return ("" if name not in spec.params else str(spec.params[name])), placeholder

    def _refresh_fields(self, fields: list[tuple[str, str]], spec: DraftSpec, values: dict) -> None:
        for kind, name in fields:
            try:
                field = self.query_one(f"#{self._field_id(kind, name)}", Input)
            except Exception:
                continue
            value, placeholder = self._field_value(kind, name, spec, values)
            field.placeholder = placeholder
            if field.value != value and not field.has_focus:
                self._initial[field.id or ""] = value
                field.value = value

    # --- feedback from the screen ---------------------------------------------------------

    def show_field_error(self, kind: str, name: str, message: str | None, note: bool = False) -> None:
        """The message under a field: an error (the field is marked invalid) or a note on how a
        value was read."""
        try:
            field = self.query_one(f"#{self._field_id(kind, name)}", Input)
            error = self.query_one(f"#{self._field_id(kind, name, 'error')}", Label)
        except Exception:
            return
        field.set_class(bool(message) and not note, "-invalid")
        error.set_class(note, "-note")
        error.update(Content(message or ""))
        error.display = bool(message)

    def forget(self) -> None:
        """Drop what is shown, so that the next load shows the session's state afresh (after
        undo, redo or a new session, a focused field must not keep its old text)."""
        self._layout = None
        self.clause_id = None
        self.query_one(ParallelView).forget()

    def update_title_status(self, clause: AssembledClause, values: dict) -> None:
        """After a re-check while typing: status, problems and preview in the same frame as the findings."""
        self._show_title(clause)
        self._show_problems(clause.problems)
        self.show_preview(clause, values)
        if self.parallel_shown:
            self.query_one(ParallelView).show_state(clause)

    def highlight(
        self, filled_start: int, filled_end: int, clause: AssembledClause, values: dict, language: TextLanguage = "en"
    ) -> None:
        """Select the evidence in the editor. Evidence offsets are in the filled text; the
        editor holds the wording with its placeholders, so offsets are mapped back. Evidence
        in the Ukrainian (whose `values` are then the Ukrainian ones) shows in both languages."""
        if self.parallel_shown or language == "uk":
            self.query_one(ParallelView).highlight(language, filled_start, filled_end, clause, values)
            return
        _, _, spans = fill_placeholders_with_spans(clause.source_text, self.library.params, values)
        select_filled(self.query_one("#clause-text", TextArea), spans, filled_start, filled_end)

    # --- user input ---------------------------------------------------------------------

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        if not self._loading and self.clause_id not in (None, DRAFT_DETAILS):
            self.post_message(self.TextEdited(self.clause_id, event.text_area.text))

    def on_select_changed(self, event: Select.Changed) -> None:
        """Only a choice the user made is a VariantChosen: the Select also reports the value that
        loading a clause put into it, after the load has finished."""
        event.stop()
        if self.clause_id in (None, DRAFT_DETAILS) or not isinstance(event.value, str):
            return
        if event.value == self._variant_shown:
            return
        self._variant_shown = event.value
        self.post_message(self.VariantChosen(self.clause_id, event.value))

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        field_id = event.input.id or ""
        if self._loading or not field_id.startswith("field-"):
            return
        if self._initial.pop(field_id, None) == event.value:
            return
        generation, kind, name = field_id.removeprefix("field-").split("-", 2)
        if generation != f"g{self._generation}":
            return
        self.post_message(self.FieldEdited(kind, name, event.value))
