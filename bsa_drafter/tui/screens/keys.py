"""The key reference (`?` or F1): every binding of the screen it was opened on, grouped by
where it works, with the keys as the user's keymap sets them and the id to remap each one."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from bsa_drafter.tui.keys import SCOPES, bindings, by_id, effective_keys, shown
from bsa_drafter.tui.widgets.footer import KeysFooter

# Textual's own widgets, by what they are in this app
BUILT_IN = {
    "TextArea": "Editing the wording (built in)",
    "Input": "Editing a field (built in)",
    "OptionList": "Lists (built in)",
    "Tree": "The library tree (built in)",
    "DirectoryTree": "The file tree (built in)",
    "Select": "The variant list (built in)",
    "SelectCurrent": "The variant list (built in)",
    "DataTable": "Tables (built in)",
    "Button": "Buttons (built in)",
    "Screen": "Moving between fields (built in)",
    "ModalScreen": "Moving between fields (built in)",
}

Row = tuple[str, str, str]  # keys, what they do, binding id ("" for Textual's own)


def _textual_base(node: DOMNode) -> str:
    for cls in type(node).__mro__:
        if cls.__module__.startswith("textual."):
            return cls.__name__
    return type(node).__name__


def key_sections(screen: Screen, keymap: dict[str, str]) -> list[tuple[str, list[Row]]]:
    """(where, rows) for every binding the screen, its widgets and the app carry: ours from the
    registry, Textual's own widgets' under what they are."""
    known = by_id()
    ours: dict[str, list[Row]] = {}
    built_in: dict[str, dict[str, list[str]]] = {}
    descriptions: dict[tuple[str, str], str] = {}
    seen: set[str] = set()
    taken = {
        k.strip()
        for scope in SCOPES.values()
        for key in scope.keys
        if key.priority
        for k in effective_keys(key, keymap).split(",")
    }
    for node in [screen, *screen.walk_children(with_self=False), screen.app]:
        for key_name, binding in node._bindings:
            if binding.system:
                continue
            entry = known.get(binding.id or "")
            if entry is not None:
                scope, key = entry
                if key.id not in seen:
                    seen.add(key.id)
                    ours.setdefault(scope.name, []).append(
                        (shown(effective_keys(key, keymap)), key.help or key.description, key.id)
                    )
                continue
            if key_name in taken:
                continue  # ours first (undo and redo across the draft)
            section = BUILT_IN.get(_textual_base(node), f"{_textual_base(node)} (built in)")
            actions = built_in.setdefault(section, {})
            keys = actions.setdefault(binding.action, [])
            if key_name not in keys:
                keys.append(key_name)
            descriptions[(section, binding.action)] = (
                binding.description or binding.action.replace("_", " ").capitalize()
            )
    sections: list[tuple[str, list[Row]]] = []
    order = sorted(ours, key=lambda name: (name == "app", list(SCOPES).index(name)))
    for name in order:
        sections.append((SCOPES[name].title, ours[name]))
    for section, actions in built_in.items():
        rows = [(shown(",".join(keys)), descriptions[(section, action)], "") for action, keys in actions.items()]
        sections.append((section, rows))
    return sections


class KeyReferenceScreen(ModalScreen[None]):
    BINDINGS = bindings("key-reference")

    def __init__(self, target: Screen):
        super().__init__()
        self.target = target

    def compose(self) -> ComposeResult:
        keymap = getattr(self.app, "keymap", {})
        settings = getattr(self.app, "settings", None)
        self.sections = key_sections(self.target, keymap)
        tables = []
        for title, rows in self.sections:
            table = Table(
                title=Text(title, style="bold"),
                title_justify="left",
                show_header=False,
                box=None,
                expand=True,
                padding=(0, 1),
            )
            table.add_column(no_wrap=True, max_width=24, overflow="ellipsis", style="bold")
            table.add_column(ratio=1)
            table.add_column(no_wrap=True, style="dim")
            for keys, what, binding_id in rows:
                table.add_row(Text(keys), Text(what), Text(binding_id))
            tables.append(table)
        where = f" in {settings.path}" if settings is not None else ""
        with Vertical(classes="dialog dialog-wide", id="keys-dialog"):
            yield Static(
                Content.assemble(("Keys", "bold"), (f" \u2014 {self._screen_title()}", "")), classes="dialog-question"
            )
            with VerticalScroll(id="keys-scroll"):
                yield Static(Group(*tables), id="keys-body")
            yield Static(
                Content(f'Other keys: write id = "keys" under [keymap]{where} (the ids are on the right).'),
                classes="dialog-detail",
            )
        yield KeysFooter()

    def _screen_title(self) -> str:
        scopes = [
            SCOPES[name]
            for name in SCOPES
            if name != "app"
            and any(binding.id in {key.id for key in SCOPES[name].keys} for _, binding in self.target._bindings)
        ]
        return scopes[0].title if scopes else type(self.target).__name__

    def on_mount(self) -> None:
        self.query_one("#keys-scroll").focus()
