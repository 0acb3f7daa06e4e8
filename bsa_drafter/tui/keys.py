"""Every key binding of the drafting app, in one place.

Screens and widgets take their `BINDINGS` from here (`bindings("main")`); the footer, the key
reference (`?` or F1), the command palette, `bsa-drafter config keys` (the README's table) and
the user's keymap all read the same entries. Each binding has an id: the name a user writes in
the `[keymap]` table of the settings file to choose other keys, as in Posting.

A new screen adds a `Scope` to SCOPES below and sets `BINDINGS = bindings("its-scope")`.

This module imports no Textual at the top, so that the command line can print the table fast.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING, Mapping

if TYPE_CHECKING:
    from textual.binding import Binding

MODIFIERS = ("ctrl", "shift", "alt", "super", "meta", "hyper")


@dataclass(frozen=True)
class Key:
    id: str  # the name in the user's keymap
    keys: str  # default keys: Textual key names, comma-separated
    action: str  # the Textual action it runs
    description: str  # short: the footer and the key reference
    footer: bool = False
    palette: str = ""  # its title in the command palette ("": not listed there)
    help: str = ""  # what it does, for the palette and the README
    priority: bool = False  # before the focused widget's own keys (ctrl+z: undo across the draft)


@dataclass(frozen=True)
class Scope:
    name: str
    title: str  # where the keys work, as the key reference and the README say it
    keys: tuple[Key, ...]


SCOPES: dict[str, Scope] = {
    scope.name: scope
    for scope in (
        Scope(
            "app",
            "Everywhere",
            (
                Key(
                    "keys",
                    "f1",
                    "app.show_keys",
                    "Keys",
                    footer=True,
                    palette="Keys",
                    help="The keys of the current screen",
                ),
                Key(
                    "palette",
                    "ctrl+p",
                    "app.command_palette",
                    "Palette",
                    help="Every action, jump to a clause, add from the library",
                ),
                Key(
                    "quit",
                    "ctrl+q",
                    "app.quit",
                    "Quit",
                    palette="Quit",
                    help="Quit (asks when there are unsaved changes)",
                    priority=True,
                ),
            ),
        ),
        Scope(
            "main",
            "Drafting screen",
            (
                Key("save", "ctrl+s", "save", "Save", footer=True, palette="Save", help="Save the draft spec"),
                Key(
                    "diff",
                    "f3",
                    "diff",
                    "Diff",
                    footer=True,
                    palette="Diff",
                    help="Redline of the selected clause, or of the whole draft",
                ),
                Key(
                    "export",
                    "f4",
                    "export",
                    "Export",
                    footer=True,
                    palette="Export DOCX",
                    help="Export the draft as a Word document "
                    "(refused with reasons while errors exist, unless confirmed)",
                ),
                Key(
                    "analyze",
                    "f8",
                    "analyze",
                    "Analyze",
                    footer=True,
                    palette="Analyze counterpart text",
                    help="Read a returned DOCX, PDF or text: findings, clause map, tracked changes",
                ),
                Key(
                    "precedents",
                    "f5",
                    "precedents",
                    "Precedents",
                    footer=True,
                    palette="Precedents",
                    help="Which signed agreements used which variant of the selected clause; Enter uses one",
                ),
                Key(
                    "preview",
                    "f9",
                    "toggle_preview",
                    "Preview",
                    footer=True,
                    palette="Toggle preview",
                    help="The clause as it will read: parameters filled, brackets highlighted",
                ),
                Key(
                    "next-finding",
                    "ctrl+down",
                    "next_finding(1)",
                    "Next finding",
                    palette="Next finding",
                    help="Go to the next finding and select its evidence",
                ),
                Key(
                    "previous-finding",
                    "ctrl+up",
                    "next_finding(-1)",
                    "Previous finding",
                    palette="Previous finding",
                    help="Go to the previous finding",
                ),
                Key(
                    "save-as",
                    "f2",
                    "save_as",
                    "Save as",
                    palette="Save as",
                    help="Save the draft spec under another name",
                ),
                Key("open", "ctrl+o", "open", "Open", palette="Open draft", help="Open another draft spec"),
                Key(
                    "new-draft",
                    "ctrl+n",
                    "new_draft",
                    "New",
                    palette="New draft",
                    help="Start a standard draft for a partner",
                ),
                Key(
                    "search",
                    "ctrl+f",
                    "search",
                    "Search library",
                    palette="Search library",
                    help="Find clauses by words, tags or precedents",
                ),
                Key(
                    "toggle-library",
                    "ctrl+b",
                    "toggle_pane('library-pane')",
                    "Library pane",
                    palette="Toggle library pane",
                    help="Show or hide the clause library",
                ),
                Key(
                    "toggle-outline",
                    "ctrl+t",
                    "toggle_pane('outline-pane')",
                    "Outline pane",
                    palette="Toggle outline pane",
                    help="Show or hide the draft outline",
                ),
                Key(
                    "toggle-findings",
                    "ctrl+g",
                    "toggle_pane('findings')",
                    "Findings panel",
                    palette="Toggle findings panel",
                    help="Show or hide the findings",
                ),
                Key(
                    "both-languages",
                    "ctrl+l",
                    "toggle_parallel",
                    "Both languages",
                    palette="Both languages",
                    help="The selected clause in English beside Ukrainian, both editable",
                ),
                Key("focus-outline", "escape", "focus_outline", "Outline", help="Back to the outline"),
                Key(
                    "undo",
                    "ctrl+z",
                    "undo",
                    "Undo",
                    palette="Undo",
                    help="Undo the last change to the draft, in any clause",
                    priority=True,
                ),
                Key("redo", "ctrl+y", "redo", "Redo", palette="Redo", help="Redo what was undone", priority=True),
                Key(
                    "import-theirs",
                    "f10",
                    "import_theirs",
                    "Import",
                    footer=True,
                    palette="Import their draft",
                    help="Their answer to our round (a DOCX with tracked changes, or a clean text), as proposals",
                ),
                Key(
                    "review",
                    "ctrl+r",
                    "review",
                    "Review",
                    palette="Review their proposals",
                    help="Their proposals one by one: accept, reject, counter or bracket each",
                ),
                Key(
                    "next-round",
                    "f12",
                    "next_round",
                    "Next round",
                    palette="Next round",
                    help="Keep this round, move to the next, write our answer: a redline, our reasons as comments",
                ),
                Key(
                    "keys-here",
                    "question_mark",
                    "app.show_keys",
                    "Keys",
                    help="The keys of this screen (outside text fields)",
                ),
            ),
        ),
        Scope(
            "outline",
            "Outline",
            (
                Key("move-up", "shift+up", "move(-1)", "Move up", help="Move the clause up within its Part"),
                Key("move-down", "shift+down", "move(1)", "Move down", help="Move the clause down within its Part"),
                Key("omit", "delete,x", "toggle_include", "Omit/include", help="Omit the clause, or include it again"),
                Key("next-variant", "v", "next_variant", "Next variant", help="Switch the clause to its next variant"),
                # ctrl+l shows both languages; the issues list has a letter where letters are free
                Key(
                    "issues",
                    "i",
                    "screen.issues",
                    "Issues",
                    palette="Issues list",
                    help="One row per point: positions, status, owner (also `i` in the review)",
                ),
                Key("outline-search", "slash", "screen.search", "Search library", help="Search the clause library"),
                Key("outline-narrower", "ctrl+left", "resize(-4)", "Narrower", help="Make the pane narrower"),
                Key("outline-wider", "ctrl+right", "resize(4)", "Wider", help="Make the pane wider"),
            ),
        ),
        Scope(
            "parallel",
            "Both languages (ctrl+l)",
            (
                Key(
                    "confirm-match",
                    "ctrl+r",
                    "confirm",
                    "Confirm match",
                    footer=True,
                    palette="Confirm both texts match",
                    help="The English and the Ukrainian of the clause say the same: neither is stale",
                ),
            ),
        ),
        Scope(
            "library",
            "Library",
            (
                Key("library-search", "slash", "screen.search", "Search", help="Search clauses, tags and precedents"),
                Key("library-narrower", "ctrl+left", "resize(-4)", "Narrower", help="Make the pane narrower"),
                Key("library-wider", "ctrl+right", "resize(4)", "Wider", help="Make the pane wider"),
            ),
        ),
        Scope(
            "diff",
            "Diff view",
            (
                Key("diff-back", "escape,q", "app.pop_screen", "Back", footer=True, help="Back to the draft"),
                Key(
                    "next-change",
                    "n,ctrl+down",
                    "next_change(1)",
                    "Next change",
                    footer=True,
                    help="Go to the next change",
                ),
                Key(
                    "previous-change",
                    "p,ctrl+up",
                    "next_change(-1)",
                    "Previous",
                    footer=True,
                    help="Go to the previous change",
                ),
                Key(
                    "diff-whole",
                    "a",
                    "toggle_all",
                    "Clause/draft",
                    footer=True,
                    help="The selected clause or the whole draft",
                ),
                Key(
                    "diff-file",
                    "o",
                    "compare_file",
                    "Compare with file",
                    footer=True,
                    help="Compare with a spec, an earlier round or the counterpart's text",
                ),
                Key(
                    "diff-standard",
                    "s",
                    "against_standard",
                    "Against standard",
                    footer=True,
                    help="Compare with the standard draft",
                ),
            ),
        ),
        Scope(
            "analysis",
            "Analysis of a counterpart's text",
            (
                Key("analysis-back", "escape,q", "app.pop_screen", "Back", footer=True, help="Back to the draft"),
                Key(
                    "analysis-compare",
                    "c",
                    "compare",
                    "Compare with my draft",
                    footer=True,
                    help="Redline of this draft against their text",
                ),
                Key(
                    "analysis-spec",
                    "w",
                    "write_spec",
                    "Save as spec",
                    footer=True,
                    help="Write a spec that reproduces their text, to answer it (in the drafts folder)",
                ),
                Key(
                    "analysis-findings",
                    "1",
                    "show_tab('tab-findings')",
                    "Findings",
                    help="The findings, with their evidence",
                ),
                Key(
                    "analysis-map",
                    "2",
                    "show_tab('tab-map')",
                    "Clause map",
                    help="Every paragraph: match, probable or new; and what is missing",
                ),
                Key(
                    "analysis-features",
                    "3",
                    "show_tab('tab-features')",
                    "Features",
                    help="What the detectors read, with evidence",
                ),
                Key(
                    "analysis-changes",
                    "4",
                    "show_tab('tab-changes')",
                    "Changes",
                    help="Tracked changes and comments, where they stand",
                ),
            ),
        ),
        Scope(
            "precedents",
            "Precedents",
            (
                Key("precedents-back", "escape,q,f5", "app.pop_screen", "Back", footer=True, help="Back to the draft"),
                Key(
                    "precedents-use",
                    "enter",
                    "use_variant",
                    "Use this variant",
                    footer=True,
                    help="Switch the clause to the highlighted variant",
                    priority=True,  # before the table's own Enter, so that the footer shows it
                ),
            ),
        ),
        Scope(
            "key-reference",
            "Key reference",
            (
                Key(
                    "keys-close",
                    "escape,q,f1,question_mark",
                    "app.pop_screen",
                    "Close",
                    footer=True,
                    help="Close the key reference",
                ),
            ),
        ),
        Scope(
            "start",
            "Partner prompt",
            (
                Key("start-complete", "tab", "complete", "Complete", footer=True, help="Complete the partner's name"),
                Key(
                    "start-open",
                    "ctrl+o",
                    "open_spec",
                    "Open a spec instead",
                    footer=True,
                    help="Open an existing draft spec",
                ),
                Key("start-cancel", "escape", "cancel", "Cancel", footer=True, help="Cancel"),
            ),
        ),
        Scope(
            "load-error",
            "A draft that cannot be opened",
            (
                Key(
                    "load-error-quit",
                    "escape",
                    "choose('quit')",
                    "Quit",
                    footer=True,
                    help="Quit without opening anything",
                ),
            ),
        ),
        Scope(
            "review",
            "Review of their proposals",
            (
                Key("review-back", "escape,q", "back", "Back", footer=True, help="Back to the draft"),
                Key("review-next", "n,right", "move(1)", "Next", footer=True, help="The next proposal"),
                Key("review-previous", "p,left", "move(-1)", "Previous", footer=True, help="The previous proposal"),
                Key("review-accept", "a", "decide('accept')", "Accept", footer=True, help="Their wording becomes ours"),
                Key("review-reject", "r", "reject", "Reject", footer=True, help="Ours stays; a reason can be typed"),
                Key(
                    "review-counter",
                    "c",
                    "counter",
                    "Counter",
                    footer=True,
                    help="Our own wording, from theirs or ours",
                ),
                Key(
                    "review-bracket",
                    "b",
                    "decide('bracket')",
                    "Bracket",
                    footer=True,
                    help="[ours / theirs] in the wording",
                ),
                Key(
                    "review-option-1",
                    "1",
                    "choose(1)",
                    "Option 1",
                    help="Close the proposal's bracket on its first option",
                ),
                Key(
                    "review-option-2",
                    "2",
                    "choose(2)",
                    "Option 2",
                    help="Close the proposal's bracket on its second option",
                ),
                Key(
                    "review-undecided",
                    "u",
                    "next_undecided",
                    "Undecided",
                    footer=True,
                    help="The next proposal without a decision",
                ),
                Key("review-issues", "i", "issues", "Issues", footer=True, help="The issues list"),
                Key("review-undo", "ctrl+z", "undo", "Undo", footer=True, help="Undo the last decision", priority=True),
                Key("review-redo", "ctrl+y", "redo", "Redo", help="Redo it", priority=True),
            ),
        ),
        Scope(
            "counter",
            "Counter-proposal",
            (
                Key("counter-done", "ctrl+s", "done", "Counter", footer=True, help="Counter with this wording"),
                Key(
                    "counter-switch",
                    "ctrl+t",
                    "switch",
                    "Theirs / ours",
                    footer=True,
                    help="Start again from theirs or ours",
                ),
                Key("counter-cancel", "escape", "cancel", "Cancel", footer=True, help="Cancel"),
            ),
        ),
        Scope(
            "issues",
            "Issues list",
            (
                Key("issues-back", "escape,q", "app.pop_screen", "Back", footer=True, help="Back"),
                Key(
                    "issues-go",
                    "enter",
                    "go",
                    "Go to clause",
                    footer=True,
                    help="Open the point's clause in the draft",
                    priority=True,  # before the table's own Enter, which would only select the row
                ),
                Key(
                    "issues-escalate",
                    "e",
                    "status('escalated')",
                    "Escalate",
                    footer=True,
                    help="Mark the point escalated",
                ),
                Key("issues-withdrawn", "w", "status('withdrawn')", "Withdrawn", footer=True, help="Mark it withdrawn"),
                Key("issues-agreed", "g", "status('agreed')", "Agreed", footer=True, help="Mark it agreed"),
                Key(
                    "issues-as-negotiated",
                    "s",
                    "status(None)",
                    "As negotiated",
                    help="Its status as the negotiation shows it",
                ),
                Key("issues-owner", "o", "owner", "Owner", footer=True, help="Who owns the point"),
                Key("issues-note", "t", "note", "Note", footer=True, help="A note on the point"),
                Key(
                    "issues-filter", "f", "filter", "Open only", footer=True, help="Only the points not agreed, or all"
                ),
                Key(
                    "issues-export",
                    "x",
                    "export",
                    "Export",
                    footer=True,
                    help="Write the list as DOCX, HTML, CSV or text",
                ),
                Key(
                    "issues-option-1",
                    "1",
                    "choose(1)",
                    "Option 1",
                    help="Close the point's bracket on its first option",
                ),
                Key(
                    "issues-option-2",
                    "2",
                    "choose(2)",
                    "Option 2",
                    help="Close the point's bracket on its second option",
                ),
                Key("issues-undo", "ctrl+z", "undo", "Undo", help="Undo the last change", priority=True),
            ),
        ),
        Scope(
            "dialog",
            "Dialogs",
            (Key("dialog-cancel", "escape", "cancel", "Cancel", help="Close the dialog without an answer"),),
        ),
    )
}


def bindings(scope: str) -> list[Binding]:
    """The Textual bindings of a scope, each with its id (so the user's keymap can rebind it)."""
    from textual.binding import Binding

    return [
        Binding(
            key.keys, key.action, key.description, show=key.footer, priority=key.priority, id=key.id, tooltip=key.help
        )
        for key in SCOPES[scope].keys
    ]


def by_id() -> dict[str, tuple[Scope, Key]]:
    return {key.id: (scope, key) for scope in SCOPES.values() for key in scope.keys}


def effective_keys(key: Key, keymap: Mapping[str, str]) -> str:
    return keymap.get(key.id) or key.keys


def shown(keys: str) -> str:
    """Keys as people write them: 'ctrl+s', '?', 'delete / x'."""
    return " / ".join(_shown_one(k.strip()) for k in keys.split(","))


_SHOWN = {"question_mark": "?", "slash": "/", "escape": "escape", "delete": "delete", "enter": "enter"}


def _shown_one(key: str) -> str:
    *modifiers, base = key.split("+")
    return "+".join([*modifiers, _SHOWN.get(base, base)])


def _key_name_problem(key: str) -> str | None:
    """What is wrong with one key name, or None. Names are Textual's: ctrl+s, f5, shift+up,
    question_mark, or a single character."""
    from textual.keys import Keys

    parts = key.split("+")
    if not key or any(not part for part in parts):
        return f"{key!r} is not a key"
    *modifiers, base = parts
    wrong = [m for m in modifiers if m not in MODIFIERS]
    if wrong:
        return f"{key!r}: unknown modifier {wrong[0]!r} (expected {', '.join(MODIFIERS)})"
    if len(base) == 1 or base in {k.value for k in Keys} or base.startswith("f") and base[1:].isdigit():
        return None
    try:
        unicodedata.lookup(base.upper().replace("_", " "))
    except KeyError:
        return f"{key!r}: unknown key name {base!r} (names are Textual's, e.g. ctrl+s, f5, pageup, question_mark)"
    return None


def check_keymap(keymap: Mapping[str, str]) -> tuple[dict[str, str], list[tuple[str, str]]]:
    """The entries of a user's keymap that can be used, and what is wrong with the others
    (binding id, message): unknown ids, unknown key names, and keys it would give to two
    actions of the same screen."""
    from bsa_drafter.errors import did_you_mean

    known = by_id()
    usable: dict[str, str] = {}
    problems: list[tuple[str, str]] = []
    for binding_id, keys in keymap.items():
        if binding_id not in known:
            problems.append((binding_id, f"unknown binding{did_you_mean(binding_id, known)}"))
            continue
        wrong = [p for p in (_key_name_problem(k.strip()) for k in keys.split(",")) if p]
        if wrong:
            problems.append((binding_id, wrong[0]))
            continue
        usable[binding_id] = keys
    for scope in SCOPES.values():
        visible = list(scope.keys) + (list(SCOPES["app"].keys) if scope.name != "app" else [])
        owner: dict[str, str] = {}
        for key in visible:
            for name in effective_keys(key, usable).split(","):
                name = name.strip()
                other = owner.setdefault(name, key.id)
                if other != key.id and key.id in usable:
                    problems.append((key.id, f"{shown(name)} is already bound to {other} ({scope.title.lower()})"))
                    del usable[key.id]
                    break
    return usable, problems


def markdown_table(keymap: Mapping[str, str] | None = None) -> str:
    """Every binding as a Markdown table (the README's), with the user's keys where set."""
    keymap = keymap or {}
    lines = ["| where | key | action | id |", "|---|---|---|---|"]
    for scope in SCOPES.values():
        for key in scope.keys:
            keys = " / ".join(f"`{k}`" for k in shown(effective_keys(key, keymap)).split(" / "))
            lines.append(f"| {scope.title} | {keys} | {key.help or key.description} | `{key.id}` |")
    return "\n".join(lines)
