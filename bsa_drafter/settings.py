"""The user's settings file: a TOML file in the platform's config folder (on Linux
~/.config/bsa-drafter/config.toml; `bsa-drafter config path` prints it), as Posting and
Harlequin keep theirs. BSA_DRAFTER_CONFIG names another file.

    theme = "textual-dark"            # a theme of the palette's "Change theme"
    preview = true                    # open clauses with the preview shown
    drafts_folder = "~/bsa/drafts"    # where new specs, exports and specs from analysis go
    pager = "less -FRX"               # for `bsa-drafter diff` in a terminal; "" for none

    [keymap]                          # binding id = "keys"; see `bsa-drafter config keys`
    next-finding = "f7"

    [export]
    author = "Legal Department"       # the author of exported documents and tracked changes

A problem in the file never stops the app: it starts with the defaults for what is wrong and
says so; `bsa-drafter config show` reports the same problems with their lines.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from bsa_drafter.errors import BadInput, Problem
from bsa_drafter.files import read_text_file
from bsa_drafter.tomlfile import KeyLocator, parse_toml

APP_NAME = "bsa-drafter"
CONFIG_ENV = "BSA_DRAFTER_CONFIG"
MAX_SETTINGS_BYTES = 256 * 1024
KNOWN = {"theme": str, "preview": bool, "drafts_folder": str, "pager": str, "keymap": dict, "export": dict}
KNOWN_EXPORT = ("author",)

TEMPLATE = """\
# bsa-drafter settings. Every line is optional; `bsa-drafter config show` checks this file.

# theme = "textual-dark"          # any theme the command palette's "Theme" command lists
# preview = true                  # open clauses with the preview of the filled text shown
# drafts_folder = "~/bsa/drafts"  # where new specs, exports and specs from analysis are proposed
# pager = "less -FRX"             # pager for `bsa-drafter diff` in a terminal; "" for none

[keymap]
# binding id = "keys, comma-separated" (Textual key names); `bsa-drafter config keys` lists the ids
# next-finding = "ctrl+down,f7"

[export]
# author = "Legal Department"     # author of exported documents and tracked changes (default: your name)
"""


def settings_path() -> Path:
    explicit = os.environ.get(CONFIG_ENV)
    if explicit:
        return Path(explicit).expanduser()
    from platformdirs import user_config_path

    return user_config_path(APP_NAME, appauthor=False) / "config.toml"


@dataclass
class Settings:
    path: Path
    theme: str | None = None
    preview: bool = False
    drafts_folder: Path | None = None
    pager: str | None = None  # None: the default pager; "": none
    keymap: dict[str, str] = field(default_factory=dict)
    author: str | None = None  # [export] author
    problems: list[Problem] = field(default_factory=list)  # what was wrong: those settings keep their defaults
    lines: dict[tuple[str, ...], int | None] = field(default_factory=dict, repr=False)

    def line_of(self, *key: str) -> int | None:
        return self.lines.get(key)

    def as_toml(self) -> str:
        """The settings in effect, as a settings file would hold them."""
        out = [f"# {self.path}" + ("" if self.path.exists() else " (not written yet: these are the defaults)")]
        out.append(f"theme = {_toml_string(self.theme or 'textual-dark')}")
        out.append(f"preview = {'true' if self.preview else 'false'}")
        out.append(
            f"drafts_folder = {_toml_string(str(self.drafts_folder))}"
            if self.drafts_folder
            else "# drafts_folder: not set (the folder of the draft being edited, else the current folder)"
        )
        out.append(
            f"pager = {_toml_string(self.pager)}"
            if self.pager is not None
            else "# pager: not set ($PAGER, else less -FRX)"
        )
        out.append("")
        out.append("[keymap]")
        out.extend(f"{name} = {_toml_string(keys)}" for name, keys in sorted(self.keymap.items()))
        out.append("")
        out.append("[export]")
        out.append(
            f"author = {_toml_string(self.author)}" if self.author else "# author: not set (your name on this system)"
        )
        return "\n".join(out) + "\n"


def _toml_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def load_settings(path: Path | None = None) -> Settings:
    """Read the settings file; a missing file gives the defaults. Never raises for what the
    file holds: each problem is recorded and that setting keeps its default."""
    path = path or settings_path()
    settings = Settings(path)
    if not path.exists():
        return settings
    label = str(path)
    try:
        text = read_text_file(path, max_bytes=MAX_SETTINGS_BYTES, what="settings file")
        data = parse_toml(text, label, what="settings file")
    except BadInput as exc:
        settings.problems = exc.problems
        return settings
    locator = KeyLocator(text)
    settings.lines = {key: locator.line_of(key) for key in _key_paths(data)}

    def problem(key: tuple[str, ...], message: str) -> None:
        settings.problems.append(Problem(label, locator.line_of(key), f"{'.'.join(key)}: {message}"))

    from bsa_drafter.errors import did_you_mean

    for name, value in data.items():
        expected = KNOWN.get(name)
        if expected is None:
            problem((name,), f"unknown setting{did_you_mean(name, KNOWN)} (known: {', '.join(KNOWN)})")
        elif not isinstance(value, expected):
            problem((name,), f"expected {_kind(expected)}, got {_kind(type(value))}")
        elif name == "theme":
            settings.theme = value.strip() or None
        elif name == "preview":
            settings.preview = value
        elif name == "drafts_folder":
            folder = Path(value).expanduser()
            if not folder.is_dir():
                problem((name,), f"{folder} is not a folder")
            else:
                settings.drafts_folder = folder
        elif name == "pager":
            settings.pager = value.strip()
        elif name == "keymap":
            _read_keymap(value, settings, problem)
        elif name == "export":
            _read_export(value, settings, problem)
    return settings


def _read_export(table: dict[str, Any], settings: Settings, problem: Callable[[tuple[str, ...], str], None]) -> None:
    for key, setting in table.items():
        if key not in KNOWN_EXPORT:
            problem(("export", key), f"unknown setting (known: {', '.join(KNOWN_EXPORT)})")
        elif not isinstance(setting, str) or not setting.strip() or "\n" in setting:
            problem(("export", key), 'expected a name on one line, e.g. author = "Legal Department"')
        else:
            settings.author = setting.strip()


def _read_keymap(table: dict[str, Any], settings: Settings, problem: Callable[[tuple[str, ...], str], None]) -> None:
    for binding_id, keys in table.items():
        if isinstance(keys, list) and all(isinstance(k, str) for k in keys):
            keys = ",".join(keys)
        if not isinstance(keys, str) or not keys.strip():
            problem(("keymap", binding_id), 'expected keys as a string, e.g. "ctrl+s" or "f5,ctrl+r"')
            continue
        settings.keymap[binding_id] = ",".join(k.strip() for k in keys.split(","))


def _key_paths(data: dict[str, Any], prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    paths = []
    for key, value in data.items():
        paths.append(prefix + (key,))
        if isinstance(value, dict):
            paths.extend(_key_paths(value, prefix + (key,)))
    return paths


def _kind(kind: type) -> str:
    return {
        str: "a string in quotes",
        bool: "true or false",
        dict: "a table",
        int: "a number",
        float: "a number",
        list: "a list",
    }.get(kind, kind.__name__)
