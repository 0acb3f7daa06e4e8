"""Small modal screens: confirm, ask for a line, ask for a partner, pick a path, and the
load-error screen."""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.suggester import SuggestFromList
from textual.widgets import Button, DirectoryTree, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from bsa_drafter.errors import Problem
from bsa_drafter.models import Library
from bsa_drafter.tui.keys import bindings
from bsa_drafter.tui.widgets.footer import KeysFooter


class ConfirmScreen(ModalScreen[str]):
    """A question with a few answers; dismisses with the chosen answer's id."""

    BINDINGS = bindings("dialog")

    def __init__(self, question: str, choices: Iterable[tuple[str, str]], detail: str = "", cancel: str = "cancel"):
        super().__init__()
        self.question = question
        self.choices = list(choices)
        self.detail = detail
        self.cancel_id = cancel

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Content(self.question), classes="dialog-question")
            if self.detail:
                yield Static(Content(self.detail), classes="dialog-detail")
            with Horizontal(classes="dialog-buttons"):
                for index, (choice_id, label) in enumerate(self.choices):
                    yield Button(label, id=f"choice-{choice_id}", variant="primary" if index == 0 else "default")

    def on_mount(self) -> None:
        self.query(Button).first().focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss((event.button.id or "").removeprefix("choice-"))

    def action_cancel(self) -> None:
        self.dismiss(self.cancel_id)


class PromptScreen(ModalScreen["str | None"]):
    """Ask for one line of text; None when cancelled."""

    BINDINGS = bindings("dialog")

    def __init__(self, question: str, value: str = "", placeholder: str = ""):
        super().__init__()
        self.question, self.value, self.placeholder = question, value, placeholder

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Content(self.question), classes="dialog-question")
            yield Input(self.value, placeholder=self.placeholder, id="prompt-input")
            yield Static("Enter to confirm, Escape to cancel", classes="dialog-detail")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip() or None)

    def action_cancel(self) -> None:
        self.dismiss(None)


class PartnerScreen(ModalScreen["str | None"]):
    """Ask for the partner of a new standard draft, completing names from the partner table.
    Dismisses with the name, with OPEN to open a spec instead, or None when cancelled."""

    OPEN = "\x00open"
    BINDINGS = bindings("start")

    def __init__(self, library: Library, value: str = "", *, can_open: bool = True):
        super().__init__()
        self.names = sorted(partner.name for partner in library.partners.values())
        self.value, self.can_open = value, can_open

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="partner-dialog"):
            yield Static("New standard draft: which partner?", classes="dialog-question")
            yield Input(
                self.value,
                placeholder="e.g. North Macedonia",
                id="partner-input",
                suggester=SuggestFromList(self.names, case_sensitive=False),
            )
            yield OptionList(id="partner-list")
            yield Static(
                "Tab completes, \u2193 picks from the partner table, Enter starts the draft"
                + (", ctrl+o opens a spec instead" if self.can_open else ""),
                classes="dialog-detail",
            )
        yield KeysFooter()

    def on_mount(self) -> None:
        self._show_matches(self.value)
        self.query_one("#partner-input", Input).focus()

    def _show_matches(self, typed: str) -> None:
        key = typed.strip().casefold()
        matches = [name for name in self.names if key in name.casefold()] if key else self.names
        options = self.query_one("#partner-list", OptionList)
        options.clear_options()
        options.add_options(Option(Content(name), id=name) for name in matches)
        options.display = bool(matches)

    def on_input_changed(self, event: Input.Changed) -> None:
        self._show_matches(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        name = event.value.strip()
        known = next((n for n in self.names if n.casefold() == name.casefold()), None)
        if name:
            self.dismiss(known or name)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def on_key(self, event) -> None:  # type: ignore[no-untyped-def]
        options = self.query_one("#partner-list", OptionList)
        if event.key == "down" and self.focused is self.query_one("#partner-input") and options.option_count:
            event.stop()
            options.focus()
            options.highlighted = 0

    def action_complete(self) -> None:
        """Take the completion shown in the field, or the only partner that matches."""
        field = self.query_one("#partner-input", Input)
        typed = field.value.strip().casefold()
        starting = [name for name in self.names if name.casefold().startswith(typed)]
        containing = [name for name in self.names if typed in name.casefold()]
        if typed and (starting or len(containing) == 1):
            field.value = (starting or containing)[0]
            field.cursor_position = len(field.value)
        field.focus()

    def action_open_spec(self) -> None:
        if self.can_open:
            self.dismiss(self.OPEN)

    def action_cancel(self) -> None:
        self.dismiss(None)


class _FilteredTree(DirectoryTree):
    def __init__(self, path: Path, suffixes: tuple[str, ...]):
        super().__init__(path)
        self.suffixes = suffixes

    def filter_paths(self, paths: Iterable[Path]) -> Iterable[Path]:
        return [p for p in paths if not p.name.startswith(".") and (p.is_dir() or p.suffix.lower() in self.suffixes)]


class PathScreen(ModalScreen["Path | None"]):
    """Pick a file: type its path, or choose it in the tree; None when cancelled."""

    BINDINGS = bindings("dialog")

    def __init__(self, question: str, start: Path, suffixes: tuple[str, ...], value: str = "", must_exist: bool = True):
        super().__init__()
        self.question, self.start, self.suffixes = question, start, suffixes
        self.value, self.must_exist = value, must_exist

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog dialog-wide"):
            yield Static(Content(self.question), classes="dialog-question")
            yield Input(self.value, placeholder="path/to/file", id="path-input")
            yield Label("", id="path-error", classes="field-error")
            yield _FilteredTree(self.start, self.suffixes)
            yield Static(
                "Enter to confirm, Escape to cancel; pick a file in the tree to fill the path", classes="dialog-detail"
            )

    def on_mount(self) -> None:
        self.query_one("#path-input", Input).focus()

    def on_directory_tree_file_selected(self, event: DirectoryTree.FileSelected) -> None:
        field = self.query_one("#path-input", Input)
        field.value = str(event.path)
        field.focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        raw = event.value.strip()
        if not raw:
            return
        path = Path(raw).expanduser()
        error = ""
        if self.must_exist and not path.is_file():
            error = "no such file"
        elif path.suffix.lower() not in self.suffixes:
            error = f"expected one of {', '.join(self.suffixes)}"
        elif not self.must_exist and path.is_dir():
            error = "that is a folder"
        if error:
            self.query_one("#path-error", Label).update(Content(error))
            return
        self.dismiss(path)

    def action_cancel(self) -> None:
        self.dismiss(None)


class LoadErrorScreen(Screen[str]):
    """A spec that cannot be opened: the problems with file:line, and what to do next."""

    BINDINGS = bindings("load-error")

    def __init__(self, problems: list[Problem]):
        super().__init__()
        self.problems = problems

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog dialog-wide"):
            yield Static("This draft spec cannot be opened", classes="dialog-question")
            yield Static(Content("\n".join(str(p) for p in self.problems)), id="load-problems", classes="problems")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Open another", id="open", variant="primary")
                yield Button("New draft", id="new")
                yield Button("Quit", id="quit")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id or "quit")

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice)
